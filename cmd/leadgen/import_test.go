package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestImportColdCallList imports a yellow-pages export: rows become leads,
// problem rows go to a report beside the file, and re-importing updates
// without duplicating.
func TestImportColdCallList(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../../crm/csvimport/testdata/yellowpages_boston.csv")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "boston.csv")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATABASE_URL": crmtest.URL(t), "LEADGEN_LOG_FORMAT": "json", "USER": "rep"}
	out := mustCLI(t, env, "", "import", file)
	if !strings.Contains(out, "profile yellowpages") || !strings.Contains(out, "imported: ") {
		t.Fatalf("import output:\n%s", out)
	}
	first := mustCLI(t, env, "", "export")
	if !strings.Contains(first, "Harborview Pizza & Grill") || !strings.Contains(first, "(617) 555-0142") {
		t.Fatalf("imported leads:\n%s", first)
	}
	if strings.Contains(out, "report of") {
		if _, err := os.Stat(file + ".report.csv"); err != nil {
			t.Fatalf("report announced but missing: %v", err)
		}
	}
	again := mustCLI(t, env, "", "import", file)
	if !strings.Contains(again, " 0 new,") {
		t.Fatalf("re-import created rows:\n%s", again)
	}
	if n, m := strings.Count(first, "\n"), strings.Count(mustCLI(t, env, "", "export"), "\n"); n != m {
		t.Fatalf("re-import changed the number of leads from %d to %d", n-1, m-1)
	}
	for _, bad := range []string{"../../crm/csvimport/testdata/page.html", "../../crm/csvimport/testdata/empty.csv", "../../crm/csvimport/testdata/header_only.csv"} {
		if _, _, err := cli(context.Background(), env, "", "import", bad); err == nil {
			t.Errorf("importing %s succeeded", bad)
		}
	}
	env["LEADGEN_IMPORT_LIMIT"] = "100"
	if _, _, err := cli(context.Background(), env, "", "import", file); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("a file over the limit: %v", err)
	}
}
