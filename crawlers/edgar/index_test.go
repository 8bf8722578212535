package edgar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func openFixture(t testing.TB, parts ...string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(append([]string{"testdata"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReadIndex(t *testing.T) {
	tests := []struct {
		file        string
		entries     int
		skipped     int
		formD       int
		wantFirst   IndexEntry
		wantLastAcc string
	}{
		{
			file: "form.20250307.idx", entries: 11, skipped: 0, formD: 5,
			wantFirst: IndexEntry{FormType: "10-Q", CompanyName: "BRIGHTWATER UTILITIES CORP", CIK: "1654321",
				DateFiled: time.Date(2025, 3, 7, 0, 0, 0, 0, time.UTC),
				FileName:  "edgar/data/1654321/0001654321-25-000012.txt", Accession: "0001654321-25-000012"},
			wantLastAcc: "0000950170-25-031337",
		},
		{
			file: "form.20220204.idx", entries: 6, skipped: 0, formD: 2,
			wantFirst: IndexEntry{FormType: "1-A", CompanyName: "HARBORVIEW COLLECTIBLES LLC", CIK: "1719420",
				DateFiled: time.Date(2022, 2, 4, 0, 0, 0, 0, time.UTC),
				FileName:  "edgar/data/1719420/0001829126-22-003016.txt", Accession: "0001829126-22-003016"},
			wantLastAcc: "0001000045-22-000003",
		},
		{
			file: "form.badlines.idx", entries: 2, skipped: 3, formD: 2,
			wantFirst: IndexEntry{FormType: "D", CompanyName: "Quartzfield Energy Storage Inc.", CIK: "2060001",
				DateFiled: time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC),
				FileName:  "edgar/data/2060001/0002060001-25-000001.txt", Accession: "0002060001-25-000001"},
			wantLastAcc: "0002060001-25-000002",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			idx, err := ReadIndex(openFixture(t, "index", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(idx.Entries) != tt.entries || len(idx.Skipped) != tt.skipped {
				t.Fatalf("entries=%d skipped=%d (%+v), want %d, %d", len(idx.Entries), len(idx.Skipped), idx.Skipped, tt.entries, tt.skipped)
			}
			if got := idx.Entries[0]; got != tt.wantFirst {
				t.Errorf("first = %+v\nwant %+v", got, tt.wantFirst)
			}
			if got := idx.Entries[len(idx.Entries)-1].Accession; got != tt.wantLastAcc {
				t.Errorf("last accession = %q, want %q", got, tt.wantLastAcc)
			}
			if got := len(FormDEntries(idx.Entries)); got != tt.formD {
				t.Errorf("form d entries = %d, want %d", got, tt.formD)
			}
		})
	}
}

func TestReadIndexWideFormTypes(t *testing.T) {
	entries, err := ParseIndex(openFixture(t, "index", "form.20250307.idx"))
	if err != nil {
		t.Fatal(err)
	}
	byAcc := map[string]IndexEntry{}
	for _, e := range entries {
		byAcc[e.Accession] = e
	}
	sched := byAcc["0001555002-25-000007"]
	if sched.FormType != "SCHEDULE 13D/A" || sched.CompanyName != "VERIDIAN PARCEL TRUST" || sched.CIK != "1555002" {
		t.Errorf("schedule 13D/A row = %+v", sched)
	}
	da := byAcc["0001987650-25-000003"]
	if da.FormType != "D/A" || da.CompanyName != "Ferncastle Robotics, Inc." {
		t.Errorf("D/A row = %+v", da)
	}
}

func TestReadIndexSkippedReasons(t *testing.T) {
	idx, err := ReadIndex(openFixture(t, "index", "form.badlines.idx"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"does not match", "bad date", "no accession"}
	for i, s := range idx.Skipped {
		if !strings.Contains(s.Reason, want[i]) || s.Line == 0 || s.Text == "" {
			t.Errorf("skipped[%d] = %+v, want reason containing %q", i, s, want[i])
		}
	}
}

func TestReadIndexRows(t *testing.T) {
	head := "Description:           Daily Index\nForm Type   Company Name   CIK\n      Date Filed  File Name\n" + strings.Repeat("-", 60) + "\n"
	tests := []struct {
		name, row string
		want      IndexEntry
		ok        bool
	}{
		{"crlf and trailing spaces", "D           ACME ROCKETS INC                 0001234567  20250303    edgar/data/1234567/0001234567-25-000001.txt     \r",
			IndexEntry{FormType: "D", CompanyName: "ACME ROCKETS INC", CIK: "1234567", FileName: "edgar/data/1234567/0001234567-25-000001.txt", Accession: "0001234567-25-000001"}, true},
		{"quarterly dashed date", "D/A         Beta Widgets LLC                 77          2025-03-03  edgar/data/77/0000000077-25-000002.txt",
			IndexEntry{FormType: "D/A", CompanyName: "Beta Widgets LLC", CIK: "77", FileName: "edgar/data/77/0000000077-25-000002.txt", Accession: "0000000077-25-000002"}, true},
		{"name ending in digits, one space before cik", "D           MASTERWORKS 106 1908119 20250303 edgar/data/1908119/0001493152-25-003195.txt",
			IndexEntry{FormType: "D", CompanyName: "MASTERWORKS 106", CIK: "1908119", FileName: "edgar/data/1908119/0001493152-25-003195.txt", Accession: "0001493152-25-003195"}, true},
		{"name with double spaces", "D           FOO  BAR  INC                    42          20250303    edgar/data/42/0000000042-25-000001.txt",
			IndexEntry{FormType: "D", CompanyName: "FOO  BAR  INC", CIK: "42", FileName: "edgar/data/42/0000000042-25-000001.txt", Accession: "0000000042-25-000001"}, true},
		{"zero cik", "D           ZERO INC                         0000000     20250303    edgar/data/0/0000000000-25-000001.txt", IndexEntry{}, false},
		{"single space after form type", "SCHEDULE 13D/A VERADACE PARTNERS                1555002     20250303    edgar/data/1555002/0001555002-25-000007.txt", IndexEntry{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx, err := ReadIndex(strings.NewReader(head + tt.row + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.ok {
				if len(idx.Entries) != 0 || len(idx.Skipped) != 1 {
					t.Fatalf("entries=%+v skipped=%+v, want one skipped", idx.Entries, idx.Skipped)
				}
				return
			}
			if len(idx.Entries) != 1 {
				t.Fatalf("entries=%+v skipped=%+v", idx.Entries, idx.Skipped)
			}
			got := idx.Entries[0]
			tt.want.DateFiled = time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadIndexErrors(t *testing.T) {
	for name, body := range map[string]string{
		"empty":          "",
		"html 404 page":  "<html><body><h1>Not Found</h1></body></html>\n",
		"rows no header": "D           ACME ROCKETS INC   1234567  20250303  edgar/data/1234567/0001234567-25-000001.txt\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseIndex(strings.NewReader(body)); err == nil || !strings.HasPrefix(err.Error(), "edgar: parse index: ") {
				t.Fatalf("err = %v, want an edgar: parse index error", err)
			}
		})
	}
	t.Run("header only", func(t *testing.T) {
		entries, err := ParseIndex(strings.NewReader("Form Type  Company Name  CIK\n" + strings.Repeat("-", 40) + "\n"))
		if err != nil || len(entries) != 0 {
			t.Fatalf("entries=%v err=%v, want none and no error", entries, err)
		}
	})
}

func TestNormalizeAccession(t *testing.T) {
	for in, want := range map[string]string{
		"0001829126-22-003016":   "0001829126-22-003016",
		"000182912622003016":     "0001829126-22-003016",
		" 0001829126-22-003016 ": "0001829126-22-003016",
		"0001829126-22-00301":    "",
		"abc":                    "",
	} {
		got, ok := NormalizeAccession(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizeAccession(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestURLs(t *testing.T) {
	e := IndexEntry{CIK: "1171623", Accession: "0001171623-06-000002"}
	base := "https://www.sec.gov/"
	if got, want := FilingIndexURL(base, e), "https://www.sec.gov/Archives/edgar/data/1171623/000117162306000002/0001171623-06-000002-index.htm"; got != want {
		t.Errorf("FilingIndexURL = %s", got)
	}
	if got, want := PrimaryDocURL(base, e), "https://www.sec.gov/Archives/edgar/data/1171623/000117162306000002/primary_doc.xml"; got != want {
		t.Errorf("PrimaryDocURL = %s", got)
	}
	for day, want := range map[string]string{
		"2025-03-31": "https://www.sec.gov/Archives/edgar/daily-index/2025/QTR1/form.20250331.idx",
		"2025-04-01": "https://www.sec.gov/Archives/edgar/daily-index/2025/QTR2/form.20250401.idx",
		"2024-12-31": "https://www.sec.gov/Archives/edgar/daily-index/2024/QTR4/form.20241231.idx",
	} {
		d, _ := time.Parse(time.DateOnly, day)
		if got := DailyIndexURL(base, d); got != want {
			t.Errorf("DailyIndexURL(%s) = %s", day, got)
		}
	}
}
