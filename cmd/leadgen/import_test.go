package main

import (
	"context"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestImportCrunchbaseCSV imports an export with broken rows: each broken
// row is named with its line, the good ones land, and the exit code says so.
func TestImportCrunchbaseCSV(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATABASE_URL": crmtest.URL(t), "LEADGEN_LOG_FORMAT": "json"}
	file := "../../crawlers/crunchbase/testdata/csv/funding_rounds_export.csv"
	out, errOut, err := cli(context.Background(), env, "", "import", "--file", file)
	if err == nil || !strings.Contains(err.Error(), "rows could not be imported") {
		t.Fatalf("import with broken rows: err %v", err)
	}
	for _, line := range []string{":5: ", ":6: ", ":7: ", ":9: ", ":10: "} {
		if !strings.Contains(errOut, file+line) {
			t.Errorf("broken row %s not reported:\n%s", line, errOut)
		}
	}
	if !strings.Contains(out, "5 rows failed") {
		t.Errorf("summary = %q", out)
	}
	leads := mustCLI(t, env, "", "export")
	if !strings.Contains(leads, "Brightkeel") || !strings.Contains(leads, "Tallowby") {
		t.Fatalf("good rows were not imported:\n%s", leads)
	}
	again, _, _ := cli(context.Background(), env, "", "import", "--file", file)
	if !strings.Contains(again, ": 0 new, 0 updated") {
		t.Fatalf("importing the same file twice changed something: %q", again)
	}
}
