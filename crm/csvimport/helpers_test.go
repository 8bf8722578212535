package csvimport

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// readFixture returns a testdata file's bytes.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// detectFixture runs Detect on a testdata file.
func detectFixture(t testing.TB, name string) Table {
	t.Helper()
	tb, err := Detect(bytes.NewReader(readFixture(t, name)), 0)
	if err != nil {
		t.Fatalf("Detect(%s): %v", name, err)
	}
	return tb
}

// cleanFixture detects, auto-maps and cleans a testdata file.
func cleanFixture(t testing.TB, name string) []Row {
	t.Helper()
	tb := detectFixture(t, name)
	m, _ := Map(tb.Header, "")
	return Clean(tb, m)
}

// fixtures are every valid CSV in testdata, used as fuzz seeds too.
var fixtures = []string{
	"yellowpages_boston.csv", "crunchbase_companies.csv", "crunchbase_rounds.csv",
	"apollo_people.csv", "apollo_companies_eu.csv", "generic.tsv", "pipe.csv",
	"ragged.csv", "single_column.csv",
}
