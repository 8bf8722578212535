package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5"

	"github.com/leadgen/leadgen/crm/crmtest"
)

const e2ePassword = "a long e2e password"

// edgarDays lays out three days of filings ending yesterday: two operating
// companies, a pooled fund that must be skipped, and an amendment.
func edgarDays(today time.Time) map[time.Time][]filing {
	return map[time.Time][]filing{
		today.AddDate(0, 0, -3): {
			{form: "4", name: "SOME ISSUER INC", cik: "99", accession: "0000000099-26-000001"},
			{form: "D", name: "Northwind Robotics, Inc.", cik: "2100001", accession: "0002100001-26-000001", file: "northwind_d.xml"},
			{form: "D", name: "Quill Analytics Corp", cik: "2100002", accession: "0002100002-26-000001", file: "quill_d.xml"},
			{form: "D", name: "Harbor Venture Fund II, L.P.", cik: "2100003", accession: "0002100003-26-000001", file: "harbor_fund_d.xml"},
			{form: "SCHEDULE 13D/A", name: "Veradace Holdings", cik: "98", accession: "0000000098-26-000001"},
		},
		today.AddDate(0, 0, -1): {
			{form: "D/A", name: "Quill Analytics Corp", cik: "2100002", accession: "0002100002-26-000007", file: "quill_da.xml"},
		},
	}
}

// latestOnly is filed today: only the latest-filings feed lists it yet.
var latestOnly = filing{form: "D", name: "Orbital Sensors Inc", cik: "2100005", accession: "0002100005-26-000001", file: "orbital_d.xml"}

// TestEndToEnd runs the product's path on real parts: crawl a server laid
// out like EDGAR into PostgreSQL, export, crawl again (nothing changes),
// then work the list in Chromium and export from the browser.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	today := time.Now().UTC().Truncate(24 * time.Hour)
	edgar := newFakeEdgar(t, edgarDays(today), today.AddDate(0, 0, -10), latestOnly)
	env := map[string]string{
		"DATABASE_URL": crmtest.URL(t), "LEADGEN_EDGAR_URL": edgar.URL,
		"LEADGEN_CONTACT_EMAIL": "ops@example.com", "LEADGEN_LOG_FORMAT": "json",
	}
	since := today.AddDate(0, 0, -4).Format("2006-01-02")
	mustCLI(t, env, "", "crawl", "--source", "edgar", "--since", since)
	first := mustCLI(t, env, "", "export")
	rows := readCSV(t, first)
	if len(rows) != 4 || rows[1][0] != "Northwind Robotics, Inc." || rows[2][0] != "Orbital Sensors Inc" || rows[3][0] != "Quill Analytics Corp" {
		t.Fatalf("export after crawl:\n%s", first)
	}
	if rows[3][8] != "2000000" || !strings.HasPrefix(rows[1][11], edgar.URL+"/Archives/edgar/data/2100001/") || rows[1][6] == "0" {
		t.Fatalf("export rows lack amendment, score or evidence:\n%s", first)
	}
	if strings.Contains(first, "Harbor Venture") {
		t.Fatal("pooled investment fund exported")
	}

	mustCLI(t, env, "", "crawl", "--source", "edgar", "--since", since)
	if again := mustCLI(t, env, "", "export"); again != first {
		t.Fatalf("second crawl changed the export:\n%s\nthen\n%s", first, again)
	}
	checkSecondRunChangedNothing(t, env["DATABASE_URL"])
	if out := mustCLI(t, env, "", "sources"); !strings.Contains(out, "edgar") || !strings.Contains(out, "ok (0 new, 0 updated, 0 errors)") {
		t.Fatalf("leadgen sources:\n%s", out)
	}
	sigs := readCSV(t, mustCLI(t, env, "", "export", "--signals"))
	if len(sigs) != 4 || sigs[1][0] != "edgar" || sigs[1][4] != "form_d" {
		t.Fatalf("signal export: %q", sigs)
	}
	if n := edgar.hitsFor("/robots.txt"); n == 0 {
		t.Error("robots.txt never fetched")
	}
	// Each crawl reads the daily index's filings once; the feed adds only what
	// the index lacks, and only until it is stored.
	northwind := "/Archives/edgar/data/2100001/000210000126000001/primary_doc.xml"
	orbital := "/Archives/edgar/data/2100005/000210000526000001/primary_doc.xml"
	if n, m := edgar.hitsFor(northwind), edgar.hitsFor(orbital); n != 2 || m != 1 {
		t.Errorf("over two crawls: indexed filing fetched %d times (want 2), feed-only filing %d times (want 1)", n, m)
	}

	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "rep@example.com", "--role", "sales")
	base, stop := startServe(t, env)
	browse(t, base)
	stop()
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, s)
	}
	return recs
}

func checkSecondRunChangedNothing(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var status string
	var pages, news, updated, errs int
	err = conn.QueryRow(ctx, `SELECT status, pages, signals_new, signals_updated, errors FROM crawl_runs ORDER BY id DESC LIMIT 1`).
		Scan(&status, &pages, &news, &updated, &errs)
	if err != nil {
		t.Fatal(err)
	}
	if status != "ok" || pages == 0 || news != 0 || updated != 0 || errs != 0 {
		t.Fatalf("second run: status %s, %d pages, %d new, %d updated, %d errors; want ok and no change", status, pages, news, updated, errs)
	}
}

// startServe runs `leadgen serve` in-process on a free port until stop.
func startServe(t *testing.T, env map[string]string) (base string, stop func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, errOut, err := cli(ctx, env, "", "serve", "--addr", addr)
		if err != nil {
			err = fmt.Errorf("%w\n%s", err, errOut)
		}
		done <- err
	}()
	base = "http://" + addr
	waitReady(t, base, done)
	return base, func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop within 30s of its context ending")
		}
	}
}

func waitReady(t *testing.T, base string, done chan error) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v", err)
		default:
		}
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("serve never became ready")
}

// chromium finds the browser; in CI its absence is a failure, elsewhere a skip.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium on PATH: CI must install it (apt-get install chromium)")
	}
	t.Skip("no Chromium on PATH: apt-get install chromium to run the browser test")
	return ""
}

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser outside any timeout
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// waitFor polls a JavaScript condition until it is true.
func waitFor(ctx context.Context, js string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.Join(fmt.Errorf("timed out waiting for %s", js), err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func browse(t *testing.T, base string) {
	browser := newBrowser(t)
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	step("sign in", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "rep@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword),
		chromedp.Click(chromedp.CSS("#sign-in")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="lead-table"]`)),
	))
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid="lead-name"]')].map(e => e.textContent)`))
	step("read list", err)
	scores, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid="lead-score"]')].map(e => e.textContent)`))
	step("read scores", err)
	if strings.Join(names, "|") != "Northwind Robotics, Inc.|Orbital Sensors Inc|Quill Analytics Corp" || len(scores) != 3 ||
		atoi(t, scores[0]) < atoi(t, scores[1]) || atoi(t, scores[1]) < atoi(t, scores[2]) {
		t.Fatalf("list = %v with scores %v; want the two issuers by score", names, scores)
	}
	step("open company", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="lead-name"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="company-name"]`)),
		// A marker that survives only if htmx swaps the timeline in place.
		chromedp.Evaluate[chromedp.Void](`window.leadgenMarker = 1`),
		chromedp.Click(chromedp.CSS(`input[name="result"][value="connected"]`)),
		chromedp.SetValue(chromedp.CSS(`select[name="outcome"]`), "Interested"),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="call-note"]`), "Wants a mobile app; call back Tuesday"),
		chromedp.SetValue(chromedp.CSS(`[data-testid="next-due"]`), time.Now().AddDate(0, 0, 5).Format("2006-01-02")),
		chromedp.Click(chromedp.CSS(`[data-testid="call-save"]`)),
	))
	step("call on timeline", waitFor(ctx, `document.querySelector('[data-testid="timeline"]').textContent.includes('Wants a mobile app; call back Tuesday')`))
	inPlace, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.leadgenMarker === 1 && document.querySelector('[data-testid="company-stage"]').textContent === 'Contacted'`))
	step("check swap", err)
	if !inPlace {
		t.Fatal("logging a call reloaded the page or left the stage badge stale")
	}
	step("back to the list", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads?min_score=1"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="export-csv"]`)),
	))
	csvText, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`fetch(document.querySelector('[data-testid="export-csv"]').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	step("export from the browser", err)
	recs := readCSV(t, csvText)
	if len(recs) != 4 || recs[1][0] != "Northwind Robotics, Inc." || recs[1][10] != "Contacted" {
		t.Fatalf("browser export:\n%s", csvText)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}
