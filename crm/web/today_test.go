package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/leadgen/leadgen/crm"
)

// at is hour:00 on the day offset days from today, in the server's zone.
func at(days, hour int) time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d+days, hour, 0, 0, 0, time.Local)
}

func (f *fixture) task(userID, companyID int64, due time.Time) int64 {
	f.t.Helper()
	id, err := f.store.AddTask(context.Background(), userID, companyID, crm.TaskInput{DueAt: due})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

// taskRows are the ids of the task rows in a section of the Today page.
func taskRows(d *goquery.Document, section string) []string {
	return d.Find(`[data-testid="` + section + `"] [data-testid="task-row"]`).Map(func(_ int, s *goquery.Selection) string {
		id, _ := s.Attr("data-task-id")
		return id
	})
}

func TestTodayPage(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	hot := f.company("Hot Co", "https://example.com/hot", 30_000_000)
	overdueCo := f.company("Late Co", "https://example.com/late", 2_000_000)
	todayCo := f.company("Today Co", "https://example.com/today", 1_000_000)
	tok := f.signIn()
	me := userID(t, f, "rep@example.com")
	overdue := f.task(me, overdueCo, at(-1, 12))
	dueToday := f.task(me, todayCo, at(0, 12))
	f.task(me, todayCo, at(1, 12)) // tomorrow: not today's business

	res, _ := f.do("GET", "/", nil, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
		t.Fatalf("/ = %d → %q, want /today", res.StatusCode, res.Header.Get("Location"))
	}
	res, body := f.do("GET", "/today", nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("/today = %d\n%s", res.StatusCode, body)
	}
	d := doc(t, body)
	for _, sec := range []string{"today-overdue", "today-due", "today-hot", "today-stale"} {
		if d.Find(`[data-testid="`+sec+`"] h2`).Length() != 1 {
			t.Errorf("no %s section", sec)
		}
	}
	if nav := d.Find(`header.top a`); nav.Eq(1).AttrOr("href", "") != "/today" || d.Find(`a[data-testid="nav-pipeline"][href="/pipeline"]`).Length() != 1 {
		t.Errorf("top bar does not start with Today and have Pipeline: %v", nav.Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") }))
	}
	if got := taskRows(d, "today-overdue"); !slices.Equal(got, []string{itoa(overdue)}) {
		t.Errorf("overdue rows %v, want [%d]", got, overdue)
	}
	if got := taskRows(d, "today-due"); !slices.Equal(got, []string{itoa(dueToday)}) {
		t.Errorf("due today rows %v, want [%d]", got, dueToday)
	}
	row := d.Find(`[data-testid="today-due"] [data-testid="task-row"]`)
	if row.Find(`[data-testid="task-company"]`).AttrOr("href", "") != "/companies/"+itoa(todayCo) ||
		row.Find(`[data-testid="task-phone"]`).AttrOr("href", "") != "tel:+15125550100" ||
		row.Find(`form[action="/tasks/`+itoa(dueToday)+`/done"] input[name="_csrf"]`).Length() != 1 ||
		row.Find(`form[action="/tasks/`+itoa(dueToday)+`/snooze"] button[name="by"]`).Length() != 3 {
		t.Errorf("task row lacks its company link, phone or buttons:\n%s", row.Text())
	}
	if names := d.Find(`[data-testid="hot-name"]`).Map(func(_ int, s *goquery.Selection) string { return s.Text() }); !slices.Equal(names, []string{"Hot Co"}) {
		t.Errorf("hot leads %v, want Hot Co (score 60+, never called)", names)
	}
	if href := d.Find(`[data-testid="hot-name"]`).AttrOr("href", ""); href != "/companies/"+itoa(hot) {
		t.Errorf("hot lead link %q", href)
	}

	// One click on +1d: the task leaves Due today.
	res, _ = f.do("POST", "/tasks/"+itoa(dueToday)+"/snooze", url.Values{"_csrf": {tok}, "by": {"1d"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
		t.Fatalf("snooze = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = f.do("GET", "/today", nil, nil)
	if got := taskRows(doc(t, body), "today-due"); len(got) != 0 {
		t.Errorf("due today after the snooze: %v", got)
	}
	tasks, _ := f.store.OpenTasks(ctx, todayCo)
	if len(tasks) != 2 || !tasks[0].DueAt.After(at(1, 0)) {
		t.Errorf("snoozed tasks %+v, want the first due tomorrow", tasks)
	}
	if res, _ := f.do("POST", "/tasks/"+itoa(overdue)+"/snooze", url.Values{"_csrf": {tok}, "by": {"1y"}}, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("snooze by 1y = %d, want 422", res.StatusCode)
	}
}

// Done on a lead's last open step asks for the follow-up inline (422);
// with it, the task is done and the follow-up scheduled.
func TestTodayDoneNeedsANextStep(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	co := f.company("Late Co", "https://example.com/late", 2_000_000)
	other := f.company("Busy Co", "https://example.com/busy", 2_000_000)
	tok := f.signIn()
	me := userID(t, f, "rep@example.com")
	last := f.task(me, co, at(-1, 12))
	oneOfTwo := f.task(me, other, at(0, 12))
	f.task(me, other, at(5, 12))

	res, body := f.do("POST", "/tasks/"+itoa(last)+"/done", url.Values{"_csrf": {tok}}, nil)
	d := doc(t, body)
	ask := d.Find(`#task-` + itoa(last) + ` form[data-testid="ask-next"]`)
	if res.StatusCode != http.StatusUnprocessableEntity || ask.Length() != 1 || ask.Find(`input[name="next_due"][aria-invalid="true"]`).Length() != 1 ||
		ask.Find(`select[name="next_kind"]`).Length() != 1 || !strings.Contains(ask.Find(`[data-testid="form-error"]`).Text(), "follow-up") {
		t.Fatalf("done without a next step = %d\n%s", res.StatusCode, body)
	}
	if got := taskRows(d, "today-overdue"); !slices.Equal(got, []string{itoa(last)}) {
		t.Errorf("overdue after the refusal: %v", got)
	}
	if tasks, _ := f.store.OpenTasks(ctx, co); len(tasks) != 1 {
		t.Fatalf("a refused completion changed the tasks: %+v", tasks)
	}
	res, body = f.do("POST", "/tasks/"+itoa(last)+"/done", url.Values{"_csrf": {tok}, "next_due": {"2031-02-30"}}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || doc(t, body).Find(`#task-`+itoa(last)+` input[name="next_due"]`).AttrOr("value", "") != "2031-02-30" {
		t.Fatalf("a bad follow-up date = %d", res.StatusCode)
	}
	next := time.Now().AddDate(0, 0, 7).Format("2006-01-02")
	res, _ = f.do("POST", "/tasks/"+itoa(last)+"/done", url.Values{"_csrf": {tok}, "next_due": {next}, "next_kind": {"email"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
		t.Fatalf("done with a follow-up = %d", res.StatusCode)
	}
	tasks, _ := f.store.OpenTasks(ctx, co)
	if len(tasks) != 1 || tasks[0].ID == last || tasks[0].Kind != crm.TaskEmail || tasks[0].DueAt.Format("2006-01-02") != next {
		t.Fatalf("after done with a follow-up: %+v", tasks)
	}
	// With another step open, Done is one click.
	if res, _ := f.do("POST", "/tasks/"+itoa(oneOfTwo)+"/done", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("done with another step open = %d", res.StatusCode)
	}
	_, body = f.do("GET", "/today", nil, nil)
	if d := doc(t, body); len(taskRows(d, "today-overdue"))+len(taskRows(d, "today-due")) != 0 {
		t.Errorf("tasks left on Today: %v %v", taskRows(d, "today-overdue"), taskRows(d, "today-due"))
	}
	// Someone else's task is not found.
	f.store.CreateUser(ctx, "other@example.com", password, crm.RoleSales) //nolint:errcheck // checked by userID
	theirs := f.task(userID(t, f, "other@example.com"), other, at(0, 12))
	if res, _ := f.do("POST", "/tasks/"+itoa(theirs)+"/done", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("done on someone else's task = %d, want 404", res.StatusCode)
	}
}

func TestCompanyPageAddsATask(t *testing.T) {
	t.Parallel()
	f := setup(t)
	co := f.company("Acme Robotics", "https://example.com/acme", 5_000_000)
	tok := f.signIn()
	path := "/companies/" + itoa(co)
	_, body := f.do("GET", path, nil, nil)
	form := doc(t, body).Find(`form[data-testid="add-task-form"]`)
	if form.AttrOr("action", "") != path+"/tasks" || form.Find(`input[name="next_due"]`).Length() != 1 || form.Find(`select[name="next_kind"]`).Length() != 1 {
		t.Fatalf("company page has no add-task form:\n%s", body)
	}
	res, body := f.do("POST", path+"/tasks", url.Values{"_csrf": {tok}, "next_kind": {"meeting"}, "next_title": {"Demo the prototype"}}, nil)
	if d := doc(t, body); res.StatusCode != http.StatusUnprocessableEntity || d.Find(`[data-testid="form-error"]`).Length() != 1 ||
		d.Find(`input[name="next_title"]`).AttrOr("value", "") != "Demo the prototype" {
		t.Fatalf("a task without a date = %d\n%s", res.StatusCode, body)
	}
	due := time.Now().AddDate(0, 0, 2).Format("2006-01-02")
	res, _ = f.do("POST", path+"/tasks", url.Values{"_csrf": {tok}, "next_due": {due}, "next_kind": {"meeting"}, "next_title": {"Demo the prototype"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path {
		t.Fatalf("add a task = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = f.do("GET", path, nil, nil)
	if next := doc(t, body).Find(`[data-testid="next-task"]`).Text(); !strings.Contains(next, "Demo the prototype") || !strings.Contains(next, due) {
		t.Fatalf("next step after adding a task: %q", next)
	}
}
