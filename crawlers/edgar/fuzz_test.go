package edgar

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	fuzzCIK = regexp.MustCompile(`^[1-9]\d*$`)
)

// addSeeds adds every file of testdata/dir to the fuzz corpus.
func addSeeds(f *testing.F, dir string) {
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seeds in %s: %v", dir, err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzParseIndex(f *testing.F) {
	addSeeds(f, "index")
	f.Add([]byte("----------------------------------------\nD  X  1  20250101  edgar/data/1/0000000001-25-000001.txt\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		idx, err := ReadIndex(bytes.NewReader(data))
		if err != nil {
			if len(idx.Entries) != 0 {
				t.Fatalf("error %v with %d entries", err, len(idx.Entries))
			}
			return
		}
		for _, e := range idx.Entries {
			if !fuzzCIK.MatchString(e.CIK) || !accessionRe.MatchString(e.Accession) {
				t.Fatalf("bad entry %+v", e)
			}
			if e.FormType == "" || e.CompanyName == "" || e.DateFiled.IsZero() || !strings.HasPrefix(e.FileName, "edgar/") {
				t.Fatalf("incomplete entry %+v", e)
			}
			if strings.TrimSpace(e.FormType) != e.FormType || strings.TrimSpace(e.CompanyName) != e.CompanyName {
				t.Fatalf("untrimmed entry %+v", e)
			}
		}
		for _, s := range idx.Skipped {
			if s.Line < 1 || s.Reason == "" {
				t.Fatalf("bad skipped line %+v", s)
			}
		}
	})
}

func FuzzParseFormD(f *testing.F) {
	addSeeds(f, "formd")
	f.Add([]byte(`<edgarSubmission><primaryIssuer><cik>1</cik><entityName>A</entityName></primaryIssuer></edgarSubmission>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fd, err := ParseFormD(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "edgar: parse form d: ") {
				t.Fatalf("unprefixed error %v", err)
			}
			return
		}
		if fd.EntityName == "" || !fuzzCIK.MatchString(fd.CIK) {
			t.Fatalf("parsed without name or cik: %q %q", fd.EntityName, fd.CIK)
		}
		if fd.TotalAmountSold < 0 || fd.TotalOfferingAmount.USD < 0 || fd.TotalRemaining.USD < 0 || fd.TotalInvestors < 0 {
			t.Fatalf("negative figure in %+v", fd)
		}
		e := IndexEntry{FormType: "D", CIK: fd.CIK, Accession: "0000000001-25-000001"}
		s := SignalFor(fd, e, "https://www.sec.gov")
		if s.SourceItemID == "" || !accessionRe.MatchString(s.SourceItemID) || s.Title == "" || len(s.Company.Keys) != 1 {
			t.Fatalf("bad signal %+v", s)
		}
	})
}
