package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestCallModeWithTheKeyboard works a call queue in Chromium with keys
// only: pick a result and an outcome by number, write a note, set the
// follow-up, save with Enter, skip with s.
func TestCallModeWithTheKeyboard(t *testing.T) {
	t.Parallel()
	dbURL := crmtest.URL(t)
	pool, err := crm.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	store := crm.NewStore(pool, crm.StoreOptions{})
	var ids []int64
	for i, usd := range []int64{40_000_000, 6_000_000, 900_000} {
		res, err := store.Ingest(context.Background(), crawlers.Signal{
			Source: "edgar", SourceItemID: fmt.Sprint("acc-", i), Kind: crawlers.KindFormD, Title: "Form D",
			URL: fmt.Sprint("https://www.sec.gov/acc-", i), OccurredAt: time.Now().AddDate(0, 0, -2), AmountUSD: usd,
			Company: crawlers.Company{Keys: []string{fmt.Sprint("cik:", i)}, Name: fmt.Sprintf("Lead %c Corp", 'A'+i),
				Industry: "Other Technology", Phone: fmt.Sprintf("+1 512 555 010%d", i)},
			Contacts: []crawlers.Contact{{Name: fmt.Sprintf("Person %c", 'A'+i), Title: "CEO"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.CompanyID)
	}
	env := map[string]string{"DATABASE_URL": dbURL, "LEADGEN_LOG_FORMAT": "json"}
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "caller@example.com", "--role", "sales")
	base, stop := startServe(t, env)
	defer stop()

	ctx, cancel := context.WithTimeout(newBrowser(t), 60*time.Second)
	defer cancel()
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	company := `document.querySelector('[data-testid="queue-company"]').textContent`
	step("sign in and start call mode", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "caller@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="call-mode"]`)),
		chromedp.Focus(chromedp.CSS(`[data-testid="call-mode"]`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="queue-company"]`)),
	))
	step("page ready", waitFor(ctx, `document.readyState === 'complete'`))
	name, err := chromedp.Run(ctx, chromedp.Evaluate[string](company))
	step("read the lead", err)
	if name != "Lead A Corp" {
		t.Fatalf("first lead %q, want the best-scored Lead A Corp", name)
	}
	step("help", chromedp.Do(ctx, chromedp.KeyEvent("?"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="shortcuts"]`)), chromedp.KeyEvent(kb.Escape)))
	step("log the call with keys", chromedp.Do(ctx,
		chromedp.KeyEvent("1"), // Connected
		chromedp.KeyEvent("2"), // Meeting booked
		chromedp.KeyEvent("n"),
		chromedp.KeyEvent("Wants a booking app; demo Tuesday"),
		chromedp.KeyEvent(kb.Escape),
		chromedp.KeyEvent("f"),
	))
	// The date field takes the date as the browser shows it; set it the
	// way a user does (typing), then save with Enter.
	step("follow-up date", chromedp.Do(ctx, chromedp.KeyEvent(followUpKeys(time.Now().AddDate(0, 0, 3))), chromedp.KeyEvent(kb.Escape)))
	due, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="next-due"]').value`))
	step("read the date", err)
	if want := time.Now().AddDate(0, 0, 3).Format("2006-01-02"); due != want {
		t.Fatalf("typed follow-up = %q, want %s", due, want)
	}
	step("save and next", chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)))
	// Keys work once the page's scripts have run.
	step("next lead", waitFor(ctx, company+` === 'Lead B Corp' && document.readyState === 'complete'`))
	step("skip", chromedp.Do(ctx, chromedp.KeyEvent("s")))
	step("third lead", waitFor(ctx, company+` === 'Lead C Corp'`))

	c, err := store.GetCompany(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if c.Stage != crm.StageMeeting || len(c.Tasks) != 1 || c.Tasks[0].DueAt.Format("2006-01-02") != due {
		t.Fatalf("after the call: stage %s, tasks %+v", c.Stage, c.Tasks)
	}
	call := c.Timeline[0]
	for _, a := range c.Timeline {
		if a.Kind == crm.ActivityCall {
			call = a
		}
	}
	if call.CallResult != crm.CallConnected || call.Outcome != "Meeting booked" || call.Note != "Wants a booking app; demo Tuesday" || call.UserEmail != "caller@example.com" {
		t.Fatalf("logged call = %+v", call)
	}
	if b, _ := store.GetCompany(context.Background(), ids[1]); b.Stage != crm.StageNew {
		t.Fatalf("skipped lead moved to %s", b.Stage)
	}
}

// followUpKeys types a date into a date field as Chromium shows it (en-US: month, day, year).
func followUpKeys(d time.Time) string { return d.Format("01022006") }
