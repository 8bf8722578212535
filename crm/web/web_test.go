package web_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
	"github.com/leadgen/leadgen/crm/web"
)

func TestMain(m *testing.M) { crmtest.Main(m) }

const password = "correct horse battery"

type fixture struct {
	t      *testing.T
	store  *crm.Store
	srv    *httptest.Server
	client *http.Client
}

func setup(t *testing.T) *fixture {
	t.Helper()
	store := crmtest.Store(t, crm.StoreOptions{})
	log := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := httptest.NewServer(web.New(web.Config{Store: store, Logger: log}))
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if _, err := store.CreateUser(context.Background(), "rep@example.com", password, crm.RoleSales); err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, store: store, srv: srv, client: client}
}

func (f *fixture) do(method, path string, form url.Values, hdr map[string]string) (*http.Response, string) {
	f.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, f.srv.URL+path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := f.client.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// csrf reads the form token a page carries.
func (f *fixture) csrf(path string) string {
	f.t.Helper()
	_, body := f.do("GET", path, nil, nil)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	tok, _ := doc.Find(`input[name="_csrf"]`).First().Attr("value")
	if tok == "" {
		f.t.Fatalf("no CSRF token on %s", path)
	}
	return tok
}

func (f *fixture) signIn() string {
	f.t.Helper()
	return f.signInAs("rep@example.com")
}

// signInAs signs in as email (password is the fixture's) and returns a CSRF token.
func (f *fixture) signInAs(email string) string {
	f.t.Helper()
	tok := f.csrf("/login")
	res, body := f.do("POST", "/login", url.Values{"_csrf": {tok}, "email": {email}, "password": {password}, "next": {"/leads"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/leads" {
		f.t.Fatalf("sign in: %d %s", res.StatusCode, body)
	}
	return f.csrf("/leads")
}

func (f *fixture) company(name, evidence string, usd int64) int64 {
	f.t.Helper()
	res, err := f.store.Ingest(context.Background(), crawlers.Signal{
		Source: "edgar", SourceItemID: name, Kind: crawlers.KindFormD, Title: "Form D for " + name, URL: evidence,
		OccurredAt: time.Now().AddDate(0, 0, -3), AmountUSD: usd,
		Company: crawlers.Company{Keys: []string{"name:" + name}, Name: name, Industry: "Other Technology", Phone: "+1 (512) 555-0100"},
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.CompanyID
}

func doc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHealth(t *testing.T) {
	t.Parallel()
	f := setup(t)
	for _, p := range []string{"/healthz", "/readyz"} {
		if res, body := f.do("GET", p, nil, nil); res.StatusCode != 200 {
			t.Errorf("%s = %d %s", p, res.StatusCode, body)
		}
	}
}

func TestPagesNeedASession(t *testing.T) {
	t.Parallel()
	f := setup(t)
	for _, p := range []string{"/leads", "/companies/1", "/leads/export.csv"} {
		res, _ := f.do("GET", p, nil, nil)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
			t.Errorf("%s without a session = %d → %q", p, res.StatusCode, res.Header.Get("Location"))
		}
	}
	res, _ := f.do("GET", "/leads", nil, map[string]string{"HX-Request": "true"})
	if res.StatusCode != http.StatusUnauthorized || res.Header.Get("HX-Redirect") == "" {
		t.Errorf("htmx request without a session = %d, HX-Redirect %q", res.StatusCode, res.Header.Get("HX-Redirect"))
	}
}

func TestSignIn(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.csrf("/login")
	res, body := f.do("POST", "/login", url.Values{"_csrf": {tok}, "email": {"rep@example.com"}, "password": {"wrong password"}}, nil)
	if res.StatusCode != http.StatusUnauthorized || doc(t, body).Find(`[data-testid="login-error"]`).Length() != 1 {
		t.Fatalf("wrong password = %d", res.StatusCode)
	}
	res, _ = f.do("POST", "/login", url.Values{"email": {"rep@example.com"}, "password": {password}}, nil)
	if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusBadRequest {
		t.Fatalf("sign-in without CSRF token = %d, want refused", res.StatusCode)
	}
	res, _ = f.do("POST", "/login", url.Values{"_csrf": {tok}, "email": {"rep@example.com"}, "password": {password}, "next": {"//evil.example/x"}}, nil)
	if res.Header.Get("Location") != "/today" {
		t.Fatalf("open redirect: Location %q, want the landing page /today", res.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "leadgen_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v, want HttpOnly SameSite=Lax", session)
	}
	tok = f.csrf("/leads")
	if res, _ := f.do("POST", "/logout", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out = %d", res.StatusCode)
	}
	if res, _ := f.do("GET", "/leads", nil, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("after sign-out /leads = %d, want a redirect to sign in", res.StatusCode)
	}
}

func TestLeadList(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.company("Small Co", "https://example.com/small", 200_000)
	f.company("Big Co", "https://example.com/big", 30_000_000)
	f.signIn()
	res, body := f.do("GET", "/leads", nil, nil)
	if vary := strings.Join(res.Header.Values("Vary"), ","); res.StatusCode != 200 || !strings.Contains(vary, "HX-Request") {
		t.Fatalf("/leads = %d, Vary %q", res.StatusCode, res.Header.Values("Vary"))
	}
	names := doc(t, body).Find(`[data-testid="lead-name"]`).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if strings.Join(names, ",") != "Big Co,Small Co" {
		t.Fatalf("list = %v, want by score", names)
	}
	_, body = f.do("GET", "/leads?min_score=60", nil, map[string]string{"HX-Request": "true"})
	if strings.Contains(body, "<html") || doc(t, body).Find(`[data-testid="lead-row"]`).Length() != 1 {
		t.Fatalf("htmx filter fragment = %s", body)
	}
	if !strings.Contains(body, "/leads/export.csv?min_score=60") {
		t.Fatal("export link does not carry the filter")
	}
	res, body = f.do("GET", "/leads?min_score=lots", nil, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "min_score") {
		t.Fatalf("bad filter = %d", res.StatusCode)
	}
	res, body = f.do("GET", "/leads/export.csv?min_score=60", nil, nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || strings.Count(body, "\n") != 2 || !strings.Contains(body, "Big Co") {
		t.Fatalf("export = %d %q\n%s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
}

func TestCompanyPageEscapesScrapedText(t *testing.T) {
	t.Parallel()
	f := setup(t)
	id := f.company(`<script>alert(1)</script> Labs`, "javascript:alert(1)", 5_000_000)
	f.signIn()
	res, body := f.do("GET", "/companies/"+itoa(id), nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("company page = %d", res.StatusCode)
	}
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;") {
		t.Fatal("scraped name rendered unescaped")
	}
	d := doc(t, body)
	d.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		if h, _ := s.Attr("href"); strings.HasPrefix(strings.ToLower(h), "javascript") {
			t.Errorf("rendered a %q link", h)
		}
	})
	if tel, _ := d.Find(`[data-testid="company-phone"]`).Attr("href"); tel != "tel:+15125550100" {
		t.Errorf("phone link = %q", tel)
	}
	if res, _ := f.do("GET", "/companies/999999", nil, nil); res.StatusCode != 404 {
		t.Errorf("missing company = %d", res.StatusCode)
	}
	if res, _ := f.do("GET", "/companies/abc", nil, nil); res.StatusCode != 404 {
		t.Errorf("bad id = %d", res.StatusCode)
	}
}

func TestTimelineActions(t *testing.T) {
	t.Parallel()
	f := setup(t)
	id := f.company("Acme Robotics", "https://example.com/acme", 5_000_000)
	tok := f.signIn()
	path := "/companies/" + itoa(id)
	htmx := map[string]string{"HX-Request": "true", "X-CSRF-Token": tok}

	// A call with no next step is refused, keeping what was typed.
	res, body := f.do("POST", path+"/calls", url.Values{"result": {"connected"}, "outcome": {"Interested"}, "note": {"Asked for a quote"}}, htmx)
	if d := doc(t, body); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find(`[data-testid="form-error"]`).Text(), "follow-up") ||
		d.Find(`[data-testid="call-note"]`).Text() != "Asked for a quote" {
		t.Fatalf("call without a next step = %d\n%s", res.StatusCode, body)
	}
	res, body = f.do("POST", path+"/calls", url.Values{"result": {"connected"}, "outcome": {"Interested"}, "note": {"Asked for a quote"}, "next_due": {"2031-02-30"}}, htmx)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "is not a date") {
		t.Fatalf("call with a bad date = %d\n%s", res.StatusCode, body)
	}
	res, body = f.do("POST", path+"/calls", url.Values{"result": {"connected"}, "outcome": {"Interested"}, "note": {"Asked for a quote"},
		"next_due": {"2031-01-15"}, "next_kind": {"email"}}, htmx)
	if res.StatusCode != 200 || strings.Contains(body, "<html") || !strings.Contains(body, "Asked for a quote") || !strings.Contains(body, `hx-swap-oob="true"`) {
		t.Fatalf("htmx call = %d\n%s", res.StatusCode, body)
	}
	res, _ = f.do("POST", path+"/notes", url.Values{"_csrf": {tok}, "note": {"Plain form note"}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("plain note = %d, want a redirect", res.StatusCode)
	}
	res, body = f.do("POST", path+"/notes", url.Values{"note": {"  "}}, htmx)
	if res.StatusCode != http.StatusUnprocessableEntity || doc(t, body).Find(`[data-testid="form-error"]`).Length() != 1 {
		t.Fatalf("empty note = %d\n%s", res.StatusCode, body)
	}
	res, body = f.do("POST", path+"/calls", url.Values{"_csrf": {tok}, "note": {"kept text"}}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "kept text") {
		t.Fatalf("call without result = %d; form must keep what was typed", res.StatusCode)
	}
	if res, _ := f.do("POST", path+"/notes", url.Values{"note": {"no token"}}, map[string]string{"HX-Request": "true"}); res.StatusCode < 400 {
		t.Fatalf("note without CSRF token = %d", res.StatusCode)
	}
	res, _ = f.do("POST", path+"/stage", url.Values{"_csrf": {tok}, "stage": {"meeting"}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("stage = %d", res.StatusCode)
	}
	if res, _ := f.do("POST", path+"/stage", url.Values{"_csrf": {tok}, "stage": {"bogus"}}, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad stage = %d", res.StatusCode)
	}
	c, err := f.store.GetCompany(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, a := range c.Timeline {
		if a.Note != "" {
			notes = append(notes, a.Note)
		}
	}
	if c.Stage != crm.StageMeeting || !strings.Contains(strings.Join(notes, "|"), "Plain form note|Asked for a quote") || strings.Contains(strings.Join(notes, "|"), "no token") {
		t.Fatalf("stage %s, notes %q", c.Stage, notes)
	}
}

func TestReviewQueueMergeAndUndo(t *testing.T) {
	t.Parallel()
	f := setup(t)
	a := f.company("Acme Robotics", "https://example.com/a", 5_000_000)
	b := f.company("Acme Robotics Labs", "https://example.com/b", 1_000_000)
	tok := f.signIn()
	_, body := f.do("GET", "/review", nil, nil)
	d := doc(t, body)
	if d.Find(`[data-testid="pair"]`).Length() != 1 || !strings.Contains(d.Find(`[data-testid="nav-review"]`).Text(), "1") {
		t.Fatalf("review page:\n%s", body)
	}
	pairs, _ := f.store.PossibleDuplicates(context.Background(), 10)
	merge := "/review/" + itoa(pairs[0].ID) + "/merge"
	if res, _ := f.do("POST", merge, url.Values{"_csrf": {tok}, "keep": {"12345"}}, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("keeping an unrelated company = %d", res.StatusCode)
	}
	if res, _ := f.do("POST", merge, url.Values{"_csrf": {tok}, "keep": {itoa(a)}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge = %d", res.StatusCode)
	}
	if res, _ := f.do("POST", merge, url.Values{"_csrf": {tok}, "keep": {itoa(a)}}, nil); res.StatusCode != http.StatusConflict {
		t.Fatalf("merging twice = %d, want 409", res.StatusCode)
	}
	res, _ := f.do("GET", "/companies/"+itoa(b), nil, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/companies/"+itoa(a) {
		t.Fatalf("merged company page = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	merges, _ := f.store.RecentMerges(context.Background(), 10)
	if res, _ := f.do("POST", "/merges/"+itoa(merges[0].ID)+"/undo", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("undo = %d", res.StatusCode)
	}
	if res, _ := f.do("GET", "/companies/"+itoa(b), nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("company page after undo = %d", res.StatusCode)
	}
	if res, _ := f.do("POST", "/review/"+itoa(pairs[0].ID)+"/dismiss", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dismiss = %d", res.StatusCode)
	}
	_, body = f.do("GET", "/review", nil, nil)
	if doc(t, body).Find(`[data-testid="review-empty"]`).Length() != 1 {
		t.Fatal("dismissed pair still in the queue")
	}
}

func TestCrawlRunsPage(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	rec, err := f.store.StartCrawlRun(ctx, "edgar")
	if err != nil {
		t.Fatal(err)
	}
	rec.Page("http://x/a")
	rec.Error("http://x/broken.xml", errors.New("edgar: parse form d: not xml"))
	run, _ := rec.Finish(nil)
	f.signIn()
	_, body := f.do("GET", "/crawl-runs", nil, nil)
	row := doc(t, body).Find(`[data-testid="crawl-run"]`)
	if row.Length() != 1 || !strings.Contains(row.Text(), "partial") {
		t.Fatalf("crawl runs page:\n%s", body)
	}
	_, body = f.do("GET", "/crawl-runs/"+itoa(run.ID), nil, nil)
	e := doc(t, body).Find(`[data-testid="crawl-error"]`)
	if e.Length() != 1 || !strings.Contains(e.Text(), "http://x/broken.xml") || !strings.Contains(e.Text(), "not xml") {
		t.Fatalf("crawl run page:\n%s", body)
	}
}
