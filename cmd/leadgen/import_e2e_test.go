package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestImportFlowInBrowser walks a cold-call list through upload, preview,
// column mapping, import and report in Chromium.
func TestImportFlowInBrowser(t *testing.T) {
	t.Parallel()
	list := "\ufeffPractice Name;Telephone;City;Zip\r\n" +
		"Harbor Dental Care;(617) 555-0101;Boston;02110\r\n" +
		"North End Orthodontics;617.555.0102;Boston;02113\r\n" +
		";617 555 0103;Boston;02114\r\n"
	file := filepath.Join(t.TempDir(), "dentists.csv")
	if err := os.WriteFile(file, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATABASE_URL": crmtest.URL(t), "LEADGEN_LOG_FORMAT": "json"}
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "importer@example.com")
	base, stop := startServe(t, env)
	defer stop()
	ctx, cancel := context.WithTimeout(newBrowser(t), 60*time.Second)
	defer cancel()
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return s
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/imports/new"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "importer@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword),
		chromedp.Click(chromedp.CSS("#sign-in")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="import-file"]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="import-file"]`), []string{file}),
		chromedp.Click(chromedp.CSS(`[data-testid="import-upload"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="import-mapping"]`)),
	); err != nil {
		t.Fatalf("upload: %v", err)
	}
	if msg := text(`[data-testid="import-error"]`); !strings.Contains(strings.ToLower(msg), "company") {
		t.Fatalf("an unrecognised name column should ask for a mapping; got %q", msg)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`[data-testid="map-0"]`), "company_name"),
		chromedp.Click(chromedp.CSS(`[data-testid="import-remap"]`)),
	); err != nil {
		t.Fatalf("mapping: %v", err)
	}
	// The page after the mapping carries no mapping error; the one before did.
	if err := waitFor(ctx, `!document.querySelector('[data-testid="import-error"]') && !!document.querySelector('[data-testid="import-commit"]')`); err != nil {
		t.Fatalf("mapping: %v", err)
	}
	if s := text(`[data-testid="import-summary"]`); !strings.Contains(s, "2 rows to import, 1 rejected") {
		t.Fatalf("preview summary = %q", s)
	}
	report, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`fetch(document.querySelector('[data-testid="import-report"]').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.Contains(report, "4,") || !strings.Contains(report, "company") {
		t.Fatalf("report = %q, %v; want line 4's missing company", report, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="import-commit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="import-result"]`)), // only on the page after the import
	); err != nil {
		t.Fatalf("import: %v", err)
	}
	if s := text(`[data-testid="import-result"]`); !strings.Contains(s, "2 new") {
		t.Fatalf("result = %q", s)
	}
	leads := mustCLI(t, env, "", "export")
	if !strings.Contains(leads, "Harbor Dental Care") || !strings.Contains(leads, "North End Orthodontics") {
		t.Fatalf("imported leads:\n%s", leads)
	}
}
