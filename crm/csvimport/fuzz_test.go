package csvimport

import (
	"bytes"
	"io"
	"testing"
)

// fuzzLimit keeps fuzz inputs small so each run stays fast.
const fuzzLimit = 64 << 10

func FuzzDetect(f *testing.F) {
	for _, name := range append(fixtures, "header_only.csv", "page.html", "prose.txt") {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Detect(bytes.NewReader(data), fuzzLimit)
		if err != nil {
			return
		}
		if len(tb.Header) == 0 || len(tb.Rows) == 0 || len(tb.Rows) != len(tb.RowLines) {
			t.Fatalf("inconsistent table: %d header, %d rows, %d lines", len(tb.Header), len(tb.Rows), len(tb.RowLines))
		}
		for i, l := range tb.RowLines {
			if l < 1 || i > 0 && l <= tb.RowLines[i-1] {
				t.Fatalf("row lines not increasing from 1: %v", tb.RowLines)
			}
		}
	})
}

func FuzzClean(f *testing.F) {
	for _, name := range fixtures {
		f.Add(readFixture(f, name), "")
	}
	f.Add([]byte("company;amount;date\nAcme;1.500.000 €;03/11/2026\n"), "generic")
	f.Fuzz(func(t *testing.T, data []byte, profile string) {
		tb, err := Detect(bytes.NewReader(data), fuzzLimit)
		if err != nil {
			return
		}
		m, _ := Map(tb.Header, profile)
		rows := Clean(tb, m)
		if len(rows) != len(tb.Rows) {
			t.Fatalf("%d rows cleaned from %d", len(rows), len(tb.Rows))
		}
		for _, r := range rows {
			if r.Rejected() != (r.Fields[FieldCompany] == "") || r.Rejected() != (Key(r) == nil) {
				t.Fatalf("row %d: rejected=%v keys=%q", r.Line, r.Rejected(), Key(r))
			}
			if r.Amount < 0 || r.AmountUSD < 0 {
				t.Fatalf("negative amount %d/%d from %q", r.Amount, r.AmountUSD, r.Fields[FieldFundingAmount])
			}
			for f, v := range r.Fields {
				if v == "" {
					t.Fatalf("empty value stored for %s", f)
				}
			}
		}
		if err := WriteReport(io.Discard, rows); err != nil {
			t.Fatal(err)
		}
	})
}
