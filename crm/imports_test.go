package crm_test

import (
	"context"
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
