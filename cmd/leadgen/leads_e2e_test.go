package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// xssName is a scraped company name that would run script if rendered as markup.
const xssName = `<script>window.pwned=1</script><img src=x onerror="window.pwned=2">"Quoted" & Co`

// TestListViewsBulkAndXSSInBrowser: scraped markup renders inert; a rep
// saves a shared view and bulk-assigns two leads to a colleague, who then
// finds the view and the leads as his.
func TestListViewsBulkAndXSSInBrowser(t *testing.T) {
	t.Parallel()
	dbURL := crmtest.URL(t)
	pool, err := crm.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	store := crm.NewStore(pool, crm.StoreOptions{})
	names := []string{"Northwind Robotics", "Orbital Sensors", xssName}
	for i, usd := range []int64{30_000_000, 8_000_000, 2_000_000} {
		res, err := store.Ingest(context.Background(), crawlers.Signal{
			Source: "edgar", SourceItemID: fmt.Sprint("acc-", i), Kind: crawlers.KindFormD, Title: "Form D " + names[i],
			URL: []string{"https://www.sec.gov/a", "https://www.sec.gov/b", "javascript:window.pwned=3"}[i], OccurredAt: time.Now().AddDate(0, 0, -3), AmountUSD: usd,
			Company:  crawlers.Company{Keys: []string{fmt.Sprint("cik:", i)}, Name: names[i], Industry: "Other Technology", Domain: fmt.Sprintf("c%d.example", i)},
			Contacts: []crawlers.Contact{{Name: `Mallory "><svg onload=window.pwned=4>`, Title: "CEO", ProfileURL: "javascript:window.pwned=5"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			if err := store.AddNote(context.Background(), 0, res.CompanyID, `<b onmouseover="window.pwned=6">note</b> javascript:alert(1)`); err != nil {
				t.Fatal(err)
			}
		}
	}
	env := map[string]string{"DATABASE_URL": dbURL, "LEADGEN_LOG_FORMAT": "json"}
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "ann@example.com", "--role", "sales")
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "ben@example.com", "--role", "sales")
	base, stop := startServe(t, env)
	defer stop()

	ctx, cancel := context.WithTimeout(newBrowser(t), 90*time.Second)
	defer cancel()
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	signIn := func(email string) {
		t.Helper()
		step("sign in "+email, chromedp.Do(ctx,
			chromedp.Navigate(base+"/leads?view=0"),
			chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), email),
			chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword+kb.Enter),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="lead-table"]`)),
		))
	}
	inert := func(where string) {
		t.Helper()
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.pwned === undefined && !document.querySelector('a[href^="javascript:"], script:not([src])')`))
		step("check "+where, err)
		if !ok {
			t.Fatalf("scraped markup ran or left a javascript: link on %s", where)
		}
	}
	signIn("ann@example.com")
	step("page loaded", waitFor(ctx, `document.readyState === 'complete'`))
	inert("the list")
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid="lead-name"]')].map(e => e.textContent)`))
	step("read names", err)
	if len(shown) != 3 || shown[2] != xssName {
		t.Fatalf("names = %q; the scraped name must show as typed", shown)
	}
	step("open the scraped company", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="lead-row"]:nth-child(3) [data-testid="lead-name"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="company-name"]`)),
	))
	step("company page loaded", waitFor(ctx, `document.readyState === 'complete'`))
	inert("the company page")

	// A shared view of the two big raises.
	step("filter and save a view", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads?min_score=50"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="save-view"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="views"] summary`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="view-name"]`), "Big raises"),
		chromedp.Click(chromedp.CSS(`[data-testid="view-shared"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="view-save"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="view-link"][aria-current]`)),
	))
	step("live count", waitFor(ctx, `document.querySelector('[data-testid="view-count"]').textContent === '2'`))
	// Bulk: select both rows, assign to Ben, confirm.
	step("bulk assign", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="lead-row"]:nth-child(1) [data-testid="lead-select"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="lead-row"]:nth-child(2) [data-testid="lead-select"]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid="bulk-action"]`), "assign"),
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('[data-testid="bulk-owner"]');
			s.value = [...s.options].find(o => o.textContent === 'ben@example.com').value; })()`),
		chromedp.Click(chromedp.CSS(`[data-testid="bulk-apply"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="bulk-confirm"]`)),
	))
	question, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="bulk-confirm"] h1').textContent`))
	step("read the question", err)
	if question != "Assign 2 leads to ben@example.com?" {
		t.Fatalf("confirmation asks %q", question)
	}
	step("confirm", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="bulk-confirm-yes"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="flash"]`)),
	))
	owners, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid="lead-owner"]')].map(e => e.textContent)`))
	step("read owners", err)
	if strings.Join(owners, ",") != "ben@example.com,ben@example.com" {
		t.Fatalf("owners after bulk assign = %q", owners)
	}
	// Ben: the shared view is in his sidebar, and "Owner: me" finds the two.
	step("sign out", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-testid="sign-out"]`)), chromedp.WaitVisible(chromedp.CSS("#email"))))
	signIn("ben@example.com")
	step("use the shared view", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="view-link"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="view-link"][aria-current]`)),
	))
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="lead-row"]').length`))
	step("count rows", err)
	if rows != 2 {
		t.Fatalf("Ben's shared view shows %d leads, want 2", rows)
	}
	step("mine", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads?owner=me"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="lead-table"]`)),
	))
	rows, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="lead-row"]').length`))
	step("count mine", err)
	if rows != 2 {
		t.Fatalf("Ben owns %d leads, want 2", rows)
	}
	// Export his leads for an outreach tool, then only the new ones: none.
	exportJS := `(() => {
		const f = document.querySelector('[data-testid="export-form"]');
		f.querySelector('[data-testid="export-profile"]').value = 'generic';
		f.querySelector('[data-testid="export-new-only"]').checked = true;
		const url = f.action + '?' + new URLSearchParams(new FormData(f));
		return fetch(url).then(r => r.text());
	})()`
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](exportJS, chromedp.EvalAwaitPromise))
	step("export with the generic profile", err)
	recs := readCSV(t, first)
	if len(recs) != 3 || strings.Join(recs[0], ",") != "first_name,last_name,email,company,website,phone,title" {
		t.Fatalf("generic export:\n%s", first)
	}
	if recs[1][0] != "Mallory" || recs[1][3] != "Northwind Robotics" || recs[1][6] != "CEO" {
		t.Fatalf("generic row = %q", recs[1])
	}
	again, err := chromedp.Run(ctx, chromedp.Evaluate[string](exportJS, chromedp.EvalAwaitPromise))
	step("export new only", err)
	if recs := readCSV(t, again); len(recs) != 1 {
		t.Fatalf("second new-only export has %d rows, want just the header:\n%s", len(recs)-1, again)
	}
}
