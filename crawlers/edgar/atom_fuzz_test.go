package edgar

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseAtom(f *testing.F) {
	addSeeds(f, "atom")
	f.Add([]byte(atomDoc(atomItem("D - A (1) (Filer)", "Filed: 2025-03-10 AccNo: 0000000001-25-000001", "2025-03-10T08:00:00-04:00", "", "D"))))
	f.Add(latestFeed("2025-03-07T17:45:00-05:00", latestItem(quillmesh, "Issuer", "2025-03-07T17:40:00-05:00"),
		latestItem(quillmesh, "Filer", "2025-03-07T17:40:00-05:00")))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ReadAtom(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "edgar: parse atom: ") || len(feed.Entries) != 0 {
				t.Fatalf("error %v with %d entries", err, len(feed.Entries))
			}
			return
		}
		if len(feed.Entries)+len(feed.Skipped) > feed.Count {
			t.Fatalf("%d entries and %d skipped out of %d", len(feed.Entries), len(feed.Skipped), feed.Count)
		}
		accs := map[string]bool{}
		for _, e := range feed.Entries {
			if !IsFormD(e.FormType) || !fuzzCIK.MatchString(e.CIK) || !accessionRe.MatchString(e.Accession) {
				t.Fatalf("bad entry %+v", e)
			}
			if e.CompanyName == "" || strings.TrimSpace(e.CompanyName) != e.CompanyName || !utf8.ValidString(e.CompanyName) {
				t.Fatalf("bad company name %q", e.CompanyName)
			}
			if e.Updated.IsZero() || e.Filed.IsZero() || e.Filed.Year() < 1993 || e.Filed.Location().String() != "UTC" {
				t.Fatalf("bad times %+v", e)
			}
			if accs[e.Accession] {
				t.Fatalf("accession %s listed twice", e.Accession)
			}
			accs[e.Accession] = true
			ie := e.IndexEntry()
			if ie.Accession != e.Accession || ie.CIK != e.CIK || !strings.HasPrefix(PrimaryDocURL(testBase, ie), testBase+"/Archives/edgar/data/"+e.CIK+"/") {
				t.Fatalf("index entry %+v", ie)
			}
		}
		for _, s := range feed.Skipped {
			if s.N < 1 || s.N > feed.Count || s.Reason == "" {
				t.Fatalf("bad skipped entry %+v", s)
			}
		}
	})
}
