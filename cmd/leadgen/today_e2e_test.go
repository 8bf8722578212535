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

// TestTodayAndPipelineInBrowser signs in to land on Today, snoozes a task
// due today with one click and sees it leave "Due today", then moves a
// pipeline card to Meeting with the keyboard only (its stage select and
// Move button) and sees the column counts change, and drops another.
func TestTodayAndPipelineInBrowser(t *testing.T) {
	t.Parallel()
	ctx0 := context.Background()
	dbURL := crmtest.URL(t)
	pool, err := crm.Open(ctx0, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	store := crm.NewStore(pool, crm.StoreOptions{})
	var ids []int64
	for i, usd := range []int64{40_000_000, 6_000_000, 900_000} {
		res, err := store.Ingest(ctx0, crawlers.Signal{
			Source: "edgar", SourceItemID: fmt.Sprint("acc-", i), Kind: crawlers.KindFormD, Title: "Form D",
			URL: fmt.Sprint("https://www.sec.gov/acc-", i), OccurredAt: time.Now().AddDate(0, 0, -2), AmountUSD: usd,
			Company: crawlers.Company{Keys: []string{fmt.Sprint("cik:", i)}, Name: fmt.Sprintf("Lead %c Corp", 'A'+i),
				Industry: "Other Technology", Phone: fmt.Sprintf("+1 512 555 010%d", i)},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.CompanyID)
	}
	env := map[string]string{"DATABASE_URL": dbURL, "LEADGEN_LOG_FORMAT": "json"}
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "closer@example.com", "--role", "sales")
	users, err := store.ListUsers(ctx0)
	if err != nil || len(users) != 1 {
		t.Fatalf("users %+v, %v", users, err)
	}
	y, m, d := time.Now().Date()
	noon := time.Date(y, m, d, 12, 0, 0, 0, time.Local)
	dueToday, err := store.AddTask(ctx0, users[0].ID, ids[1], crm.TaskInput{Kind: crm.TaskCall, Title: "Call about the app", DueAt: noon})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddTask(ctx0, users[0].ID, ids[2], crm.TaskInput{Kind: crm.TaskEmail, DueAt: noon.AddDate(0, 0, -2)}); err != nil {
		t.Fatal(err)
	}
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
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).textContent.trim()`, sel)))
		step("read "+sel, err)
		return s
	}
	step("sign in and land on Today", chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "closer@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="today-due"]`)),
	))
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	step("read the address", err)
	if path != "/today" || text("h1") != "Today" {
		t.Fatalf("landed on %s (%q), want the Today page", path, text("h1"))
	}
	if due, overdue := text(`[data-testid="due-count"]`), text(`[data-testid="overdue-count"]`); due != "1" || overdue != "1" {
		t.Fatalf("due today %s, overdue %s; want 1 and 1", due, overdue)
	}
	if hot := text(`[data-testid="hot-name"]`); hot != "Lead A Corp" {
		t.Fatalf("first hot lead %q", hot)
	}
	row := fmt.Sprintf(`[data-testid="today-due"] #task-%d`, dueToday)
	step("snooze a day with one click", chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(row)),
		chromedp.Click(chromedp.CSS(row+` [data-testid="snooze-1d"]`)),
	))
	step("the task leaves Due today", waitFor(ctx, `document.readyState === 'complete' &&
		document.querySelector('[data-testid="due-count"]').textContent === '0' &&
		document.querySelector('[data-testid="today-due"] [data-testid="task-row"]') === null &&
		document.querySelector('[data-testid="overdue-count"]').textContent === '1'`))
	tasks, err := store.OpenTasks(ctx0, ids[1])
	step("read the tasks", err)
	if len(tasks) != 1 || !tasks[0].DueAt.After(noon.Add(23*time.Hour)) {
		t.Fatalf("snoozed task %+v, want it due tomorrow", tasks)
	}

	count := func(st crm.Stage) string {
		return fmt.Sprintf(`document.querySelector('[data-testid="pipe-col-%s"] [data-testid="pipe-count"]').textContent`, st)
	}
	card := fmt.Sprintf(`#card-%d`, ids[0])
	step("open the pipeline", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="nav-pipeline"]`)),
		chromedp.WaitVisible(chromedp.CSS(card)),
	))
	step("page ready", waitFor(ctx, `document.readyState === 'complete'`))
	if n, m := text(`[data-testid="pipe-col-new"] [data-testid="pipe-count"]`), text(`[data-testid="pipe-col-meeting"] [data-testid="pipe-count"]`); n != "3" || m != "0" {
		t.Fatalf("before the move: New %s, Meeting %s", n, m)
	}
	step("choose Meeting with the keyboard", chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(card+` select[name="stage"]`)),
		chromedp.KeyEvent(kb.ArrowDown), // Contacted
		chromedp.KeyEvent(kb.ArrowDown), // Meeting
	))
	stage, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+card+` select[name="stage"]').value`))
	step("read the stage", err)
	if stage != "meeting" {
		t.Fatalf("the select says %q after two arrow keys, want meeting", stage)
	}
	step("press Move with Enter", chromedp.Do(ctx,
		chromedp.KeyEvent(kb.Tab),
		chromedp.KeyEvent(kb.Enter),
	))
	step("the counts move", waitFor(ctx, `document.readyState === 'complete' && `+count(crm.StageNew)+` === '2' && `+count(crm.StageMeeting)+` === '1' &&
		document.querySelector('[data-testid="pipe-col-meeting"] `+card+`') !== null`))
	c, err := store.GetCompany(ctx0, ids[0])
	step("read the company", err)
	if c.Stage != crm.StageMeeting {
		t.Fatalf("stage after the move: %s", c.Stage)
	}

	// Drag and drop posts the same form (the events are synthetic: the
	// DevTools protocol drags only with a real mouse and drag data).
	card = fmt.Sprintf(`#card-%d`, ids[1])
	draggable, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const card = document.querySelector('`+card+`'), to = document.querySelector('[data-testid="pipe-col-proposal"]');
		const dt = new DataTransfer();
		card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));
		to.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));
		to.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));
		return card.draggable;
	})()`))
	step("drag a card to Proposal", err)
	if !draggable {
		t.Fatal("pipeline.js did not make the cards draggable")
	}
	step("the counts move again", waitFor(ctx, `document.readyState === 'complete' && `+count(crm.StageNew)+` === '1' && `+count(crm.StageProposal)+` === '1' &&
		document.querySelector('[data-testid="pipe-col-proposal"] `+card+`') !== null`))
	if c, _ := store.GetCompany(ctx0, ids[1]); c.Stage != crm.StageProposal {
		t.Fatalf("stage after the drop: %s", c.Stage)
	}
}
