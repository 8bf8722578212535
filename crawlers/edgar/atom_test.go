package edgar

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func rfc3339(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadAtomFixture(t *testing.T) {
	feed, err := ReadAtom(openFixture(t, "atom", "getcurrent_d_20250307.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if feed.Count != 10 || !feed.Updated.Equal(rfc3339("2025-03-07T17:45:00-05:00")) {
		t.Errorf("Count = %d, Updated = %v", feed.Count, feed.Updated)
	}
	// DEF 14A and DEFA14A (type=D is a prefix match) are left out; the
	// Issuer entry of Lumenvale's accession gives way to the Filer entry.
	want := []AtomEntry{
		{FormType: "D", CompanyName: "Quillmesh Labs, Inc.", CIK: "2051234", Role: "Filer", Accession: "0002051234-25-000001",
			Filed: date("2025-03-07"), Updated: rfc3339("2025-03-07T17:12:09-05:00"),
			IndexURL: "https://www.sec.gov/Archives/edgar/data/2051234/000205123425000001/0002051234-25-000001-index.htm"},
		{FormType: "D/A", CompanyName: "Ferncastle Robotics, Inc.", CIK: "1987650", Role: "Filer", Accession: "0001987650-25-000003",
			Filed: date("2025-03-07"), Updated: rfc3339("2025-03-07T16:58:30-05:00"),
			IndexURL: "https://www.sec.gov/Archives/edgar/data/1987650/000198765025000003/0001987650-25-000003-index.htm"},
		{FormType: "D", CompanyName: "Boulangerie Aurélie LLC", CIK: "2055010", Role: "Filer", Accession: "0002055010-25-000001",
			Filed: date("2025-03-07"), Updated: rfc3339("2025-03-07T16:41:02-05:00"),
			IndexURL: "https://www.sec.gov/Archives/edgar/data/2055010/000205501025000001/0002055010-25-000001-index.htm"},
		{FormType: "D", CompanyName: "Northgate Seed Fund III, L.P.", CIK: "2049876", Role: "Filer", Accession: "0002049876-25-000002",
			Filed: date("2025-03-07"), Updated: rfc3339("2025-03-07T16:20:17-05:00"),
			IndexURL: "https://www.sec.gov/Archives/edgar/data/2049876/000204987625000002/0002049876-25-000002-index.htm"},
		{FormType: "D", CompanyName: "Lumenvale AI, Inc.", CIK: "2053387", Role: "Filer", Accession: "0001213900-25-021455",
			Filed: date("2025-03-07"), Updated: rfc3339("2025-03-07T15:59:51-05:00"),
			IndexURL: "https://www.sec.gov/Archives/edgar/data/2053387/000121390025021455/0001213900-25-021455-index.htm"},
		{FormType: "D", CompanyName: "Smith & Ortega Brewing Co", CIK: "2060123", Role: "Filer", Accession: "0002060123-25-000001",
			Filed: date("2025-03-07"), Updated: rfc3339("2025-03-07T15:31:26-05:00"),
			IndexURL: "https://www.sec.gov/Archives/edgar/data/2060123/000206012325000001/0002060123-25-000001-index.htm"},
	}
	if !reflect.DeepEqual(feed.Entries, want) {
		t.Errorf("entries:\n got %+v\nwant %+v", feed.Entries, want)
	}
	if len(feed.Skipped) != 1 || feed.Skipped[0].N != 9 || !strings.Contains(feed.Skipped[0].Reason, "title") {
		t.Errorf("skipped = %+v, want entry 9 (title without a CIK)", feed.Skipped)
	}
	got, err := ParseAtom(openFixture(t, "atom", "getcurrent_d_20250307.xml"))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseAtom = %d entries, %v", len(got), err)
	}
}

func TestReadAtomOtherForms(t *testing.T) {
	// A type=4 page: Reporting and Issuer entries share accessions; none is a Form D.
	feed, err := ReadAtom(openFixture(t, "atom", "getcurrent_form4_20250307.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if feed.Count != 4 || len(feed.Entries) != 0 || len(feed.Skipped) != 0 {
		t.Errorf("feed = %+v", feed)
	}
}

// atomDoc wraps entries in a feed with the real prolog and CRLF line ends.
func atomDoc(entries ...string) string {
	s := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n" +
		"<updated>2025-03-10T09:00:00-04:00</updated>\n" + strings.Join(entries, "\n") + "</feed>"
	return strings.ReplaceAll(s, "\n", "\r\n")
}

func atomItem(title, summary, updated, id, category string) string {
	s := "<entry>\n<title>" + title + "</title>\n<summary type=\"html\">" + summary + "</summary>\n<updated>" + updated + "</updated>\n"
	if category != "" {
		s += "<category scheme=\"https://www.sec.gov/\" label=\"form type\" term=\"" + category + "\"/>\n"
	}
	return s + "<id>" + id + "</id>\n</entry>"
}

func TestReadAtomEntries(t *testing.T) {
	const (
		acc     = "0002070001-25-000004"
		id      = "urn:tag:sec.gov,2008:accession-number=" + acc
		summary = " &lt;b&gt;Filed:&lt;/b&gt; 2025-03-10 &lt;b&gt;AccNo:&lt;/b&gt;\n    " + acc + " &lt;b&gt;Size:&lt;/b&gt; 5 KB"
		updated = "2025-03-10T08:15:00-04:00"
	)
	tests := []struct {
		name  string
		entry string
		want  AtomEntry // zero: no entry
		skip  string    // reason substring when skipped
	}{
		{name: "name with dash and parentheses",
			entry: atomItem("D - Alder - Birch (US) Holdings, L.L.C. (0002070001) (Filer)", summary, updated, id, "D"),
			want: AtomEntry{FormType: "D", CompanyName: "Alder - Birch (US) Holdings, L.L.C.", CIK: "2070001", Role: "Filer",
				Accession: acc, Filed: date("2025-03-10"), Updated: rfc3339(updated)}},
		{name: "no category: form from the title",
			entry: atomItem("D/A - Alder Labs (2070001) (Filer)", summary, updated, id, ""),
			want: AtomEntry{FormType: "D/A", CompanyName: "Alder Labs", CIK: "2070001", Role: "Filer",
				Accession: acc, Filed: date("2025-03-10"), Updated: rfc3339(updated)}},
		{name: "accession from the summary",
			entry: atomItem("D - Alder Labs (0002070001) (Filer)", summary, updated, "urn:tag:sec.gov,2008:other", "D"),
			want: AtomEntry{FormType: "D", CompanyName: "Alder Labs", CIK: "2070001", Role: "Filer",
				Accession: acc, Filed: date("2025-03-10"), Updated: rfc3339(updated)}},
		{name: "no Filed: date from updated, in its own offset",
			entry: atomItem("D - Alder Labs (0002070001) (Filer)", "", "2025-03-10T23:30:00-04:00", id, "D"),
			want: AtomEntry{FormType: "D", CompanyName: "Alder Labs", CIK: "2070001", Role: "Filer",
				Accession: acc, Filed: date("2025-03-10"), Updated: rfc3339("2025-03-10T23:30:00-04:00")}},
		{name: "latin-1 character reference and entity",
			entry: atomItem("D - Caf&#233; N&amp;N Oy (0002070001) (Filer)", summary, updated, id, "D"),
			want: AtomEntry{FormType: "D", CompanyName: "Café N&N Oy", CIK: "2070001", Role: "Filer",
				Accession: acc, Filed: date("2025-03-10"), Updated: rfc3339(updated)}},
		{name: "other form", entry: atomItem("10-K - Alder Labs (0002070001) (Filer)", summary, updated, id, "10-K")},
		{name: "prefix form", entry: atomItem("DEF 14A - Alder Labs (0002070001) (Filer)", summary, updated, id, "DEF 14A")},
		{name: "zero cik", entry: atomItem("D - Alder Labs (0000000000) (Filer)", summary, updated, id, "D"), skip: "zero cik"},
		{name: "no accession", entry: atomItem("D - Alder Labs (0002070001) (Filer)", "Size: 5 KB", updated, "x", "D"), skip: "accession"},
		{name: "bad updated", entry: atomItem("D - Alder Labs (0002070001) (Filer)", summary, "Mon, 10 Mar 2025", id, "D"), skip: "updated"},
		{name: "bad filed date", entry: atomItem("D - Alder Labs (0002070001) (Filer)", "Filed: 1970-01-01 AccNo: "+acc, updated, id, "D"), skip: "bad date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := ReadAtom(strings.NewReader(atomDoc(tt.entry)))
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.skip != "":
				if len(feed.Entries) != 0 || len(feed.Skipped) != 1 || !strings.Contains(feed.Skipped[0].Reason, tt.skip) {
					t.Errorf("feed = %+v, want skipped for %q", feed, tt.skip)
				}
			case tt.want.Accession == "":
				if len(feed.Entries)+len(feed.Skipped) != 0 || feed.Count != 1 {
					t.Errorf("feed = %+v, want the entry left out", feed)
				}
			case len(feed.Entries) != 1 || !reflect.DeepEqual(feed.Entries[0], tt.want):
				t.Errorf("entries = %+v (skipped %+v)\nwant %+v", feed.Entries, feed.Skipped, tt.want)
			}
		})
	}
}

func TestReadAtomRoles(t *testing.T) {
	const acc = "0002070001-25-000004"
	item := func(cik, role string) string {
		return atomItem("D - Co "+cik+" ("+cik+") ("+role+")", "Filed: 2025-03-10", "2025-03-10T08:15:00-04:00",
			"urn:tag:sec.gov,2008:accession-number="+acc, "D")
	}
	other := atomItem("D - Other (7) (Filer)", "Filed: 2025-03-10", "2025-03-10T08:00:00-04:00",
		"urn:tag:sec.gov,2008:accession-number=0000000007-25-000001", "D")
	for name, tc := range map[string]struct {
		items   []string
		wantCIK string
	}{
		"filer after reporting": {[]string{item("11", "Reporting"), other, item("22", "Filer")}, "22"},
		"issuer over reporting": {[]string{item("11", "Reporting"), item("22", "Issuer"), other}, "22"},
		"first of equals":       {[]string{item("11", "Filer"), item("22", "Filer"), other}, "11"},
	} {
		feed, err := ReadAtom(strings.NewReader(atomDoc(tc.items...)))
		if err != nil {
			t.Fatal(err)
		}
		if len(feed.Entries) != 2 || feed.Entries[0].Accession != acc || feed.Entries[0].CIK != tc.wantCIK || feed.Entries[1].CIK != "7" {
			t.Errorf("%s: entries = %+v, want cik %s first, one per accession", name, feed.Entries, tc.wantCIK)
		}
	}
}

func TestReadAtomErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":           "",
		"html block page": "<!DOCTYPE html>\n<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body><p>Your request</p></body></html>",
		"rss not atom":    `<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`,
		"truncated":       atomDoc(atomItem("D - Alder (1) (Filer)", "", "2025-03-10T08:00:00-04:00", "", "D"))[:150],
		"unknown charset": `<?xml version="1.0" encoding="EBCDIC-US"?><feed></feed>`,
		"over size":       "<feed>" + strings.Repeat(" ", maxAtomSize) + "</feed>",
	} {
		_, err := ReadAtom(strings.NewReader(doc))
		if err == nil || !strings.HasPrefix(err.Error(), "edgar: parse atom: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestAtomEntryIndexEntry(t *testing.T) {
	e := AtomEntry{FormType: "D/A", CompanyName: "Ferncastle Robotics, Inc.", CIK: "1987650", Role: "Filer",
		Accession: "0001987650-25-000003", Filed: date("2025-03-07"), Updated: rfc3339("2025-03-07T16:58:30-05:00")}
	want := IndexEntry{FormType: "D/A", CompanyName: "Ferncastle Robotics, Inc.", CIK: "1987650", DateFiled: date("2025-03-07"),
		FileName: "edgar/data/1987650/0001987650-25-000003.txt", Accession: "0001987650-25-000003"}
	if got := e.IndexEntry(); !reflect.DeepEqual(got, want) {
		t.Errorf("IndexEntry = %+v\nwant %+v", got, want)
	}
	// The same row as the daily index parser reads it.
	idx, err := ParseIndex(strings.NewReader(string(indexBody("2025-03-07", want))))
	if err != nil || len(idx) != 1 || !reflect.DeepEqual(idx[0], want) {
		t.Errorf("daily index row = %+v, %v", idx, err)
	}
}

func TestLatestFeedURL(t *testing.T) {
	want := "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=D&company=&dateb=&owner=include&start=80&count=40&output=atom"
	if got := LatestFeedURL("https://www.sec.gov/", 80); got != want {
		t.Errorf("LatestFeedURL = %s", got)
	}
}
