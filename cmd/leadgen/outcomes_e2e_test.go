package main

import (
	"context"
	"encoding/hex"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestOutcomesPageInBrowser configures the call outcomes in Chromium with
// the keyboard (htmx swaps keep the focus), then picks the new outcome by
// its key in call mode.
func TestOutcomesPageInBrowser(t *testing.T) {
	t.Parallel()
	dbURL := crmtest.URL(t)
	pool, err := crm.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	store := crm.NewStore(pool, crm.StoreOptions{})
	_, err = store.Ingest(context.Background(), crawlers.Signal{
		Source: "edgar", SourceItemID: "acc-1", Kind: crawlers.KindFormD, Title: "Form D",
		URL: "https://www.sec.gov/acc-1", OccurredAt: time.Now().AddDate(0, 0, -2), AmountUSD: 6_000_000,
		Company: crawlers.Company{Keys: []string{"cik:1"}, Name: "Lead A Corp", Industry: "Other Technology", Phone: "+1 512 555 0100"},
	})
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATABASE_URL": dbURL, "LEADGEN_LOG_FORMAT": "json"}
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "admin@example.com", "--role", "admin")
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
	step("sign in and open Outcomes", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="nav-outcomes"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="nav-outcomes"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="outcome-add-form"]`)),
	))
	step("page ready", waitFor(ctx, `document.readyState === 'complete'`))
	// Count finished htmx swaps: a button swapped in answers keys as htmx
	// once its swap has settled (before, it would post the plain form).
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.settled = 0; document.body.addEventListener('htmx:afterSettle', () => window.settled++); true`))
	step("watch swaps", err)

	// Add one: type the label, pick the stage, Enter submits through htmx.
	step("add", chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#outcome-new-moves-to"), "proposal"),
		chromedp.Focus(chromedp.CSS("#outcome-new-label")),
		chromedp.KeyEvent("Wants a proposal"+kb.Enter),
	))
	step("added", waitFor(ctx, `(() => {
		const n = document.querySelector('[data-testid="outcomes-notice"]');
		return n && n.textContent === 'Saved Wants a proposal.' &&
			document.querySelector('[data-testid="outcome-row"][data-name="wants-a-proposal"] [data-testid="outcome-key"]').textContent === 'key 7' &&
			location.pathname === '/admin/outcomes' && document.querySelector('#outcome-new-label').value === '' && window.settled === 1;
	})()`))

	// Move it up twice from its Move up button; the focus stays on it.
	up := "outcome-" + hex.EncodeToString([]byte("wants-a-proposal")) + "-up"
	keyOf := `document.querySelector('[data-testid="outcome-row"][data-name="wants-a-proposal"] [data-testid="outcome-key"]').textContent`
	step("move up", chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#"+up)), chromedp.KeyEvent(kb.Enter)))
	step("moved up", waitFor(ctx, keyOf+` === 'key 6' && window.settled === 2 && document.activeElement && document.activeElement.id === '`+up+`'`))
	step("move up again", chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)))
	step("moved up again", waitFor(ctx, keyOf+` === 'key 5' && window.settled === 3 && document.activeElement && document.activeElement.id === '`+up+`'`))

	// A refused edit keeps what was typed on its row, with the reason.
	label := "#outcome-" + hex.EncodeToString([]byte("Interested")) + "-label"
	step("refused edit", chromedp.Do(ctx,
		chromedp.Clear(chromedp.CSS(label)),
		chromedp.Focus(chromedp.CSS(label)),
		chromedp.KeyEvent("Not a fit"+kb.Enter),
	))
	step("refusal shown", waitFor(ctx, `(() => {
		const row = document.querySelector('[data-testid="outcome-row"][data-name="Interested"]');
		const err = row.querySelector('[data-testid="outcome-error"]');
		return err && err.textContent.includes('already the label of another outcome') && row.querySelector('input[name="label"]').value === 'Not a fit';
	})()`))

	// Call mode offers it under key 5.
	step("call mode", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="call-mode"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="call-mode"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="queue-company"]`)),
	))
	step("call mode ready", waitFor(ctx, `document.readyState === 'complete'`))
	step("pick by key", chromedp.Do(ctx, chromedp.KeyEvent("1"), chromedp.KeyEvent("5")))
	step("picked", waitFor(ctx, `(() => {
		const o = document.querySelector('input[name="outcome"]:checked');
		return o && o.value === 'wants-a-proposal' && document.querySelector('[data-testid="outcome-keys"]').textContent === '(then keys 1–7)';
	})()`))
}
