package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// exportStore is a database with three funded leads, one of them
// Do-not-contact, and a store on it.
func exportStore(t *testing.T) (map[string]string, *crm.Store) {
	t.Helper()
	ctx := context.Background()
	dbURL := crmtest.URL(t)
	pool, err := crm.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	store := crm.NewStore(pool, crm.StoreOptions{})
	for i, name := range []string{"Acme Robotics", "Quill Analytics", "Never Call Inc"} {
		res, err := store.Ingest(ctx, crawlers.Signal{
			Source: "edgar", SourceItemID: name, Kind: crawlers.KindFormD, Title: "Form D for " + name,
			URL: "https://example.com/" + name, OccurredAt: time.Now().AddDate(0, 0, -3), AmountUSD: int64(1_000_000 * (i + 1)),
			Company: crawlers.Company{Keys: []string{"name:" + name}, Name: name, Domain: strings.ToLower(strings.Fields(name)[0]) + ".example"},
			Contacts: []crawlers.Contact{
				{Name: "Grace Hopper", Title: "Director"},
				{Name: "Lovelace, Ada", Title: "CEO", Email: "ada@" + strings.ToLower(strings.Fields(name)[0]) + ".example"},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		if name == "Never Call Inc" {
			if err := store.SetStage(ctx, 0, res.CompanyID, crm.StageDoNotContact); err != nil {
				t.Fatal(err)
			}
		}
	}
	return map[string]string{"DATABASE_URL": dbURL}, store
}

func readCSVRecords(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, s)
	}
	return recs
}

func TestExportProfilesAndNewOnly(t *testing.T) {
	t.Parallel()
	env, store := exportStore(t)
	file := filepath.Join(t.TempDir(), "leads.csv")

	mustCLI(t, env, "", "export", "--new-only", "--profile", "scored", "-o", file)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSVRecords(t, string(b))
	if strings.Join(recs[0], ",") != "company,website,phone,score,estimated_project_usd,score_reasons,stage,evidence_url" || len(recs) != 3 {
		t.Fatalf("scored export = %q", recs)
	}
	for _, r := range recs[1:] {
		if r[0] == "Never Call Inc" {
			t.Errorf("do-not-contact lead exported: %q", r)
		}
	}
	if again := readCSVRecords(t, mustCLI(t, env, "", "export", "--new-only")); len(again) != 1 {
		t.Errorf("second --new-only export = %q, want the header only", again)
	}

	recs = readCSVRecords(t, mustCLI(t, env, "", "export", "--profile", "generic"))
	if strings.Join(recs[0], ",") != "first_name,last_name,email,company,website,phone,title" || len(recs) != 3 {
		t.Fatalf("generic export = %q", recs)
	}
	for _, r := range recs[1:] {
		if r[0] != "Ada" || r[1] != "Lovelace" || !strings.HasPrefix(r[2], "ada@") || r[6] != "CEO" || !strings.HasPrefix(r[4], "https://") {
			t.Errorf("generic row = %q, want Ada Lovelace, the contact with an email", r)
		}
	}

	list, err := store.ListExports(context.Background(), 10)
	if err != nil || len(list) != 3 {
		t.Fatalf("exports = %+v, %v", list, err)
	}
	if e := list[2]; e.Via != crm.ExportViaCLI || e.UserID != 0 || e.Profile != "scored" || !e.NewOnly || e.Rows != 2 {
		t.Errorf("first export recorded as %+v", e)
	}

	for _, args := range [][]string{{"export", "--profile", "mailchimp"}, {"export", "--signals", "--new-only"}, {"export", "--signals", "--profile", "generic"}} {
		if _, _, err := cli(context.Background(), env, "", args...); exitCode(err, &bytes.Buffer{}) != 2 {
			t.Errorf("leadgen %v: %v, want a usage error", args, err)
		}
	}
}
