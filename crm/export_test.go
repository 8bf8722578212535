package crm_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

func TestExportCSV(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 4})
	for i := range 10 {
		sig := formD(fmt.Sprint(5000+i), fmt.Sprintf("0005000-26-00000%d", i), "", int64(200_000*(i+1)), now)
		if i == 0 {
			sig.Company.Name = "=HYPERLINK(\"http://evil\")"
			sig.Company.City = "Boston, \"MA\"\nline"
		}
		mustIngest(t, s, sig)
	}
	var buf bytes.Buffer
	flushes := 0
	n, err := s.ExportCSV(ctx, &buf, crm.Filter{}, func() { flushes++ })
	if err != nil || n != 10 {
		t.Fatalf("export = %d rows, %v", n, err)
	}
	if flushes != 3 {
		t.Errorf("%d flushes for 10 rows in batches of 4, want 3", flushes)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v", err)
	}
	if strings.Join(recs[0], ",") != strings.Join(crm.ExportColumns, ",") || len(recs) != 11 {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	last := recs[10]
	if last[0] != `'=HYPERLINK("http://evil")` {
		t.Errorf("formula cell = %q, want neutralised", last[0])
	}
	if last[3] != "Boston, \"MA\"\nline" {
		t.Errorf("quoted cell = %q", last[3])
	}
	if !strings.Contains(last[7], "Funding +") || !strings.HasPrefix(last[11], "https://www.sec.gov/") || last[10] != "New" {
		t.Errorf("row = %q", last)
	}
	buf.Reset()
	// The filter is the list's: from the score of the $600k raise up.
	list, err := s.ListCompanies(ctx, crm.Filter{}, mustCursor(t, ""), 20)
	if err != nil {
		t.Fatal(err)
	}
	min600k := list.Rows[slices.IndexFunc(list.Rows, func(r crm.CompanyRow) bool { return r.LastFundingUSD == 600_000 })].Score
	if n, _ := s.ExportCSV(ctx, &buf, crm.Filter{MinScore: min600k}, nil); n != 8 {
		t.Errorf("filtered export wrote %d rows, want the 8 raises of $600k and more", n)
	}
}

func TestNeutraliseCell(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1 555": "'+1 555", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"Acme": "Acme", "": "", "a=b": "a=b",
	} {
		if got := crm.NeutraliseCell(in); got != want {
			t.Errorf("NeutraliseCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExportSignalsCSV(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 2})
	round := news("r1", "Quill Analytics", "quill.ai")
	round.Amount, round.Currency, round.AmountUSD, round.Round = 20_000_000, "EUR", 21_600_000, "Series A"
	round.LeadInvestors = []string{"Balderton", "=cmd|' /C calc'!A0"}
	mustIngest(t, s, round)
	for i := range 3 {
		mustIngest(t, s, formD(fmt.Sprint(8000+i), fmt.Sprintf("0008000-26-00000%d", i), "", 1_000_000, now))
	}
	var buf bytes.Buffer
	n, err := s.ExportSignalsCSV(ctx, &buf, nil)
	if err != nil || n != 4 {
		t.Fatalf("signal export = %d rows, %v", n, err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(crm.SignalExportColumns, ",") || len(recs) != 5 {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	r := recs[1]
	want := []string{"news", "r1", "Quill Analytics", "quill.ai", "funding_round", "20000000", "EUR", "21600000", "Series A"}
	if strings.Join(r[:9], "|") != strings.Join(want, "|") || r[9] != "Balderton; =cmd|' /C calc'!A0" || r[12] != "https://news.example/r1" {
		t.Fatalf("row = %q", r)
	}
	if recs[2][4] != "form_d" || recs[2][7] != "1000000" {
		t.Fatalf("form d row = %q", recs[2])
	}
}
