package crm_test

import (
	"context"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
)

func importRow(line int, key, name, domain, city string) crm.ImportRow {
	return crm.ImportRow{Line: line, Key: key,
		Company: crawlers.Company{Name: name, Domain: domain, City: city, Keys: []string{key}},
		Fields:  map[string]string{"company_name": name, "city": city}}
}

func TestImportIsAllOrNothingAndIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	rows := []crm.ImportRow{
		importRow(2, "domain:pizzeria-uno.example", "Pizzeria Uno", "pizzeria-uno.example", "Boston"),
		importRow(3, "namecity:harbor dental|boston", "Harbor Dental", "", "Boston"),
	}
	res, err := s.Import(ctx, "rep@example.com", "/tmp/boston.csv", rows)
	if err != nil || res.New != 2 || res.Companies != 2 {
		t.Fatalf("first import = %+v, %v", res, err)
	}
	res, err = s.Import(ctx, "rep@example.com", "/tmp/boston.csv", rows)
	if err != nil || res.New != 0 || res.Companies != 2 || count(t, s, crm.Filter{}) != 2 {
		t.Fatalf("re-import = %+v, %v, %d companies; want no new rows or companies", res, err, count(t, s, crm.Filter{}))
	}
	bad := append(rows, importRow(4, "namecity:x|y", "", "", "Boston"), importRow(5, "domain:new.example", "New Co", "new.example", ""))
	if _, err := s.Import(ctx, "rep@example.com", "/tmp/boston.csv", bad); err == nil {
		t.Fatal("an import with an unusable row succeeded")
	}
	if n := count(t, s, crm.Filter{}); n != 2 {
		t.Fatalf("a failed import left %d companies, want the 2 from before (all or nothing)", n)
	}
}

func TestImportedFundingScores(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	row := importRow(2, "import-id:crunchbase.com/organization/brightkeel", "Brightkeel", "brightkeel.example", "Rotterdam")
	row.AmountUSD, row.Amount, row.Currency, row.Round, row.FundedAt = 15_492_603, 12_700_000, "EUR", "Series A", now.AddDate(0, 0, -20)
	if _, err := s.Import(ctx, "rep@example.com", "rounds.csv", []crm.ImportRow{row}); err != nil {
		t.Fatal(err)
	}
	p, err := s.ListCompanies(ctx, crm.Filter{}, mustCursor(t, ""), 10)
	if err != nil || len(p.Rows) != 1 || p.Rows[0].Score == 0 || p.Rows[0].LastFundingUSD != 15_492_603 {
		t.Fatalf("imported funding: %+v, %v", p.Rows, err)
	}
	if r := p.Rows[0].Parts[0].Reason; !strings.Contains(r, "an imported list") {
		t.Fatalf("reason = %q", r)
	}
}
