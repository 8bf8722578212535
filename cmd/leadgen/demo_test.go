package main

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestDemo seeds a fresh database with `leadgen demo`, signs in as the
// admin it creates, exports the leads, and checks that a second run adds
// nothing and creates no second admin.
func TestDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	env := map[string]string{"DATABASE_URL": crmtest.URL(t), "LEADGEN_LOG_FORMAT": "json"}
	out := mustCLI(t, env, "", "demo", "--companies", "200", "--seed", "3")
	summary := regexp.MustCompile(`demo data set 3: 200 companies; added (\d+) signals and (\d+) calls, notes and stage changes in `)
	m := summary.FindStringSubmatch(out)
	if m == nil || m[1] == "0" || m[2] == "0" || !strings.Contains(out, "rescored 200 companies") ||
		!strings.Contains(out, "Freelancer client") || !strings.Contains(out, crm.DemoURL) {
		t.Fatalf("leadgen demo printed:\n%s", out)
	}
	pw := regexp.MustCompile(`(?m)^created admin user demo@leadgen\.invalid\npassword \(shown once\): (\S+)$`).FindStringSubmatch(out)
	if pw == nil {
		t.Fatalf("no admin created on an empty database:\n%s", out)
	}
	pool, err := crm.Open(ctx, env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	store := crm.NewStore(pool, crm.StoreOptions{})
	if _, err := store.Authenticate(ctx, "demo@leadgen.invalid", pw[1]); err != nil {
		t.Fatalf("sign in with the printed password: %v", err)
	}

	// The calls, notes and stage changes are weeks of work, not a burst
	// at seeding time: spread over more than 30 days, none in the call
	// cooldown, calls on more than 10 days of the dashboard's chart.
	var first, last time.Time
	var recentCalls int
	err = pool.QueryRow(ctx, `SELECT min(created_at), max(created_at),
		count(*) FILTER (WHERE kind = 'call' AND created_at > now() - interval '1 hour')
		FROM activities WHERE kind <> 'crawl'`).Scan(&first, &last, &recentCalls)
	if err != nil {
		t.Fatal(err)
	}
	if last.Sub(first) <= 30*24*time.Hour || recentCalls != 0 || last.After(time.Now()) {
		t.Errorf("demo work from %v to %v with %d calls in the last hour; want more than 30 days, none in the last hour", first, last, recentCalls)
	}
	d, err := store.Dashboard(ctx, 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	days := 0
	for _, day := range d.CallDays {
		if day.Total() > 0 {
			days++
		}
	}
	if days <= 10 {
		t.Errorf("the dashboard's calls chart has calls on %d days, want more than 10", days)
	}

	// Do-not-contact leads are never exported.
	dnc := 0
	if m := regexp.MustCompile(`(\d+) Do-not-contact`).FindStringSubmatch(out); m != nil {
		dnc, _ = strconv.Atoi(m[1])
	}
	leads := readCSV(t, mustCLI(t, env, "", "export"))
	if n := len(leads) - 1; n != 200-dnc || n < 180 {
		t.Fatalf("export has %d leads, want 200 less %d do-not-contact", n, dnc)
	}
	signals := readCSV(t, mustCLI(t, env, "", "export", "--signals"))
	url := demoColumn(signals[0], "url")
	for _, r := range signals[1:] {
		if !strings.HasPrefix(r[url], crm.DemoURL+"/") {
			t.Fatalf("signal evidence not under %s: %q", crm.DemoURL, r)
		}
	}

	again := mustCLI(t, env, "", "demo", "--companies", "200", "--seed", "3")
	if !strings.Contains(again, "200 companies; added 0 signals and 0 calls, notes and stage changes") || strings.Contains(again, "created admin") {
		t.Fatalf("second leadgen demo printed:\n%s", again)
	}
	if n := len(readCSV(t, mustCLI(t, env, "", "export"))) - 1; n != len(leads)-1 {
		t.Fatalf("after a second run the export has %d leads, want %d", n, len(leads)-1)
	}
}

func TestDemoUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"demo", "--companies", "0"}, {"demo", "--companies", "many"}, {"demo", "extra"}} {
		_, _, err := cli(context.Background(), map[string]string{"DATABASE_URL": "postgres://unused"}, "", args...)
		if code := exitCode(err, &bytes.Buffer{}); code != 2 {
			t.Errorf("leadgen %v: exit %d (%v), want 2", args, code, err)
		}
	}
	out, errOut, err := cli(context.Background(), nil, "", "demo", "--help")
	if exitCode(err, &bytes.Buffer{}) != 0 || !strings.Contains(out+errOut, "Usage: leadgen demo") || !strings.Contains(out+errOut, "-companies") {
		t.Errorf("demo --help: %v %q", err, out+errOut)
	}
}

// demoColumn is the index of col in a CSV header.
func demoColumn(header []string, col string) int {
	for i, h := range header {
		if h == col {
			return i
		}
	}
	return -1
}
