package csvimport

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDetectFixtures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file  string
		delim rune
		cols  int
		lines []int
	}{
		{"yellowpages_boston.csv", ',', 11, []int{2, 3, 4, 5, 6, 7, 8}},
		{"crunchbase_companies.csv", ',', 23, []int{2, 3, 4}},
		{"crunchbase_rounds.csv", ',', 18, []int{2, 3, 4, 5}},
		{"apollo_people.csv", ',', 29, []int{2, 3, 4}},
		{"apollo_companies_eu.csv", ';', 14, []int{2, 3, 4}},
		{"generic.tsv", '\t', 14, []int{2, 3, 4}},
		{"pipe.csv", '|', 4, []int{2}},
		{"ragged.csv", ',', 3, []int{2, 3, 4, 5}},
		{"single_column.csv", ',', 1, []int{2, 3}},
	} {
		tb := detectFixture(t, tc.file)
		if tb.Delimiter != tc.delim || len(tb.Header) != tc.cols || !slices.Equal(tb.RowLines, tc.lines) {
			t.Errorf("%s: delim %q cols %d lines %v; want %q %d %v", tc.file, tb.Delimiter, len(tb.Header), tb.RowLines, tc.delim, tc.cols, tc.lines)
		}
		if len(tb.Rows) != len(tb.RowLines) {
			t.Errorf("%s: %d rows but %d lines", tc.file, len(tb.Rows), len(tb.RowLines))
		}
	}
}

func TestDetectBOMAndCRLF(t *testing.T) {
	t.Parallel()
	raw := readFixture(t, "apollo_people.csv")
	if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) || !bytes.Contains(raw, []byte("\r\n")) {
		t.Fatal("fixture lost its BOM or CRLF line ends (check .gitattributes)")
	}
	tb := detectFixture(t, "apollo_people.csv")
	if tb.Header[0] != "First Name" {
		t.Errorf("header[0] = %q, BOM not stripped", tb.Header[0])
	}
	for _, row := range tb.Rows {
		if last := row[len(row)-1]; strings.ContainsAny(last, "\r\n") {
			t.Errorf("last cell %q keeps a line end", last)
		}
	}
}

func TestDetectKeepsUnquotedZIPAndRank(t *testing.T) {
	t.Parallel()
	tb := detectFixture(t, "yellowpages_boston.csv")
	row := tb.Rows[3] // "Boston",MA,02113, — the writer forgot the quotes
	if row[0] != "14." || row[8] != "MA" || row[9] != "02113" {
		t.Errorf("row = %q", row)
	}
}

func TestDetectRagged(t *testing.T) {
	t.Parallel()
	if got := detectFixture(t, "ragged.csv").Ragged(); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("Ragged() = %v, want [1 2 3]", got)
	}
	if got := detectFixture(t, "yellowpages_boston.csv").Ragged(); !slices.Equal(got, []int{5}) {
		t.Errorf("Ragged() = %v, want [5]", got)
	}
}

func TestDetectDelimiterIgnoresQuotedCommas(t *testing.T) {
	t.Parallel()
	tb, err := Detect(strings.NewReader("\"Name, legal\";City;Zip\nAcme, Inc.;Köln;50667\n"), 0)
	if err != nil || tb.Delimiter != ';' || tb.Rows[0][0] != "Acme, Inc." {
		t.Fatalf("Detect = %+v, %v", tb, err)
	}
}

func TestDetectEncodings(t *testing.T) {
	t.Parallel()
	for name, in := range map[string][]byte{
		"windows-1252": []byte("company,city\nCaf\xe9 M\xfcller,Z\xfcrich\n"),
		"utf-16le":     utf16LE("\uFEFFcompany\tcity\r\nCafé Müller\tZürich\r\n"),
		"cr-only":      []byte("company,city\rCafé Müller,Zürich\r"),
	} {
		tb, err := Detect(bytes.NewReader(in), 0)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := tb.Rows[0]; got[0] != "Café Müller" || got[1] != "Zürich" {
			t.Errorf("%s: row = %q", name, got)
		}
	}
}

// utf16LE encodes s (BMP only) as UTF-16 little-endian.
func utf16LE(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestDetectErrors(t *testing.T) {
	t.Parallel()
	big := readFixture(t, "yellowpages_boston.csv")
	for _, tc := range []struct {
		name  string
		in    []byte
		limit int64
		want  error
		msg   string
	}{
		{"empty", readFixture(t, "empty.csv"), 0, ErrEmpty, "empty"},
		{"blank", readFixture(t, "blank.csv"), 0, ErrEmpty, "empty"},
		{"header only", readFixture(t, "header_only.csv"), 0, ErrHeaderOnly, "no data rows"},
		{"html", readFixture(t, "page.html"), 0, ErrNotCSV, "HTML"},
		{"prose", readFixture(t, "prose.txt"), 0, ErrNotCSV, "no delimiter"},
		{"too large", big, 1024, ErrTooLarge, "1 KiB"},
		{"too large odd", big, 100, ErrTooLarge, "100 bytes"},
		{"binary", []byte("a,b\n\x00\x01\x02\x00,c\n"), 0, ErrNotCSV, "binary"},
		{"xlsx", []byte("PK\x03\x04\x14\x00\x06\x00"), 0, ErrNotCSV, "xlsx"},
		{"json", []byte(`[{"company":"Acme"}]`), 0, ErrNotCSV, "JSON"},
		{"xml", []byte("<?xml version=\"1.0\"?><rows/>"), 0, ErrNotCSV, "XML"},
	} {
		_, err := Detect(bytes.NewReader(tc.in), tc.limit)
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: err = %v, want %v mentioning %q", tc.name, err, tc.want, tc.msg)
		}
	}
}

func TestDetectAtExactLimit(t *testing.T) {
	t.Parallel()
	in := readFixture(t, "pipe.csv")
	if _, err := Detect(bytes.NewReader(in), int64(len(in))); err != nil {
		t.Errorf("file of exactly limit bytes: %v", err)
	}
}
