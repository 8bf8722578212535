// Command pages measures how fast the CRM's pages render with N companies
// in the database: it loads N synthetic companies and a sales team's work on
// them, scores them, serves the real web app in-process, signs in as a
// salesperson through the sign-in form and times GET requests of the pages a
// salesperson uses (the whole response read), reporting median, p95 and max.
//
//	go run ./bench/pages -n 100000
//
// With -database-url it uses that database (empty, or already loaded when
// -skip-load is given); otherwise it starts a private PostgreSQL cluster in a
// temporary directory.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/leadgen/leadgen/bench/benchdb"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/web"
)

// warmups is how many untimed requests each page gets first.
const warmups = 3

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pages:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	n := flag.Int("n", 100_000, "synthetic companies to load")
	dbURL := flag.String("database-url", "", "database to use: empty, or loaded with -skip-load (default: a private cluster in a temporary directory)")
	skipLoad := flag.Bool("skip-load", false, "time the data already in the database (loaded by an earlier run)")
	runs := flag.Int("runs", 20, "timed requests per page")
	out := flag.String("out", "", "also write the table to this file, with a header line describing the machine")
	flag.Parse()
	if *runs < 1 {
		return errors.New("-runs must be at least 1")
	}
	store, closeDB, err := benchdb.Open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer closeDB()
	if _, err := store.LoadWeights(ctx, nil); err != nil {
		return err
	}
	if !*skipLoad {
		if err := load(ctx, store, *n); err != nil {
			return err
		}
	}

	facts, err := store.LoadBenchFacts(ctx)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := httptest.NewServer(web.New(web.Config{Store: store, Logger: log}))
	defer srv.Close()
	c, err := signIn(srv.URL, crm.SyntheticSalesEmails[0], crm.SyntheticPassword)
	if err != nil {
		return err
	}
	token, err := apiToken(ctx, store, crm.SyntheticSalesEmails[0])
	if err != nil {
		return err
	}
	pages, err := pagesToTime(ctx, facts, c, token)
	if err != nil {
		return err
	}

	header := fmt.Sprintf("leadgen page timings: n=%d companies, %s, %s, %d CPUs, PostgreSQL %s, %d runs per page after %d warm-ups",
		facts.Companies, time.Now().Format("2006-01-02 15:04 MST"), machine(), runtime.NumCPU(), facts.ServerVersion, *runs, warmups)
	fmt.Println(header)
	var table strings.Builder
	table.WriteString("| page | URL | median ms | p95 ms | max ms | bytes |\n|---|---|--:|--:|--:|--:|\n")
	for _, p := range pages {
		r, err := p.time(ctx, c, *runs)
		if err != nil {
			return err
		}
		row := fmt.Sprintf("| %s | `%s` | %.1f | %.1f | %.1f | %d |\n", p.name, cell(p.path), r.median, r.p95, r.max, r.bytes)
		fmt.Print(row) // as it comes, so a slow page shows at once
		table.WriteString(row)
	}
	if *out != "" {
		if err := os.WriteFile(*out, []byte(header+"\n\n"+table.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// load fills the database: companies, then the sales team's work (stages
// first, since Do-not-contact and Lost change a score), then every score.
func load(ctx context.Context, store *crm.Store, n int) error {
	start := time.Now()
	if err := store.LoadSyntheticCompanies(ctx, n); err != nil {
		return err
	}
	fmt.Printf("loaded %d synthetic companies in %s\n", n, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	if err := store.LoadSyntheticCRM(ctx); err != nil {
		return err
	}
	fmt.Printf("loaded users, owners, stages, tags, activities, tasks and views in %s\n", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	scored, err := store.RescoreAll(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("scored %d companies in %s\n", scored, time.Since(start).Round(time.Millisecond))
	// Planner statistics over everything, scores included, as autovacuum
	// would have them on a database in use.
	return store.Analyze(ctx)
}

// machine is `uname -m`, or Go's name for the architecture without uname.
func machine() string {
	out, err := exec.Command("uname", "-m").Output()
	if err != nil {
		return runtime.GOARCH
	}
	return strings.TrimSpace(string(out))
}

// client makes requests to the test server as one signed-in user; it never
// follows redirects, so a redirect shows up as a non-200 status.
type client struct {
	base string
	http *http.Client
}

// get fetches path, reading the whole body; headers are added to the request.
func (c *client) get(ctx context.Context, path string, headers map[string]string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return 0, nil, err
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, body, err
}

// getOK is get failing on any status but 200, with the body's start.
func (c *client) getOK(ctx context.Context, path string, headers map[string]string) ([]byte, error) {
	status, body, err := c.get(ctx, path, headers)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d: %s", path, status, excerpt(body))
	}
	return body, nil
}

// excerpt is the start of a response body, on one line, for an error message.
func excerpt(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// signIn signs in through the real form, as a browser does: the sign-in
// page sets the CSRF cookie and carries the token in a hidden field.
func signIn(base, email, password string) (*client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	c := &client{base: base, http: &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	ctx := context.Background()
	body, err := c.getOK(ctx, "/login", nil)
	if err != nil {
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
	if err != nil {
		return nil, err
	}
	tok, _ := doc.Find(`input[name="_csrf"]`).First().Attr("value")
	if tok == "" {
		return nil, errors.New("sign in: no CSRF token on /login")
	}
	form := url.Values{"_csrf": {tok}, "email": {email}, "password": {password}, "next": {"/today"}}
	res, err := c.http.PostForm(base+"/login", form)
	if err != nil {
		return nil, fmt.Errorf("sign in: %w", err)
	}
	resBody, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
		return nil, fmt.Errorf("sign in as %s: status %d: %s", email, res.StatusCode, excerpt(resBody))
	}
	return c, nil
}

// apiToken creates an API token for the user with email.
func apiToken(ctx context.Context, store *crm.Store, email string) (string, error) {
	users, err := store.ListUsers(ctx)
	if err != nil {
		return "", err
	}
	i := slices.IndexFunc(users, func(u crm.UserDetail) bool { return strings.EqualFold(u.Email, email) })
	if i < 0 {
		return "", fmt.Errorf("no user %s: load the data first (without -skip-load)", email)
	}
	_, token, err := store.CreateAPIToken(ctx, users[i].ID, "bench pages")
	return token, err
}

// page is one request to time.
type page struct {
	name, path string
	headers    map[string]string
}

// pagesToTime lists the pages a salesperson uses, finding the ids and
// cursors some of them need.
func pagesToTime(ctx context.Context, facts crm.BenchFacts, c *client, token string) ([]page, error) {
	companyID, viewID := facts.BusiestID, facts.SharedViewID
	// Page 2 is wherever page 1's "Next page" link points.
	body, err := c.getOK(ctx, "/leads", nil)
	if err != nil {
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
	if err != nil {
		return nil, err
	}
	next, _ := doc.Find(`a[data-testid="next-page"]`).First().Attr("href")
	if next == "" {
		return nil, errors.New("/leads has no next-page link: too few companies?")
	}
	// Call mode: start a queue on the list with the list's own form, as
	// the button does; its page then shows the lead it holds.
	form := url.Values{}
	doc.Find(`form[data-testid="start-queue"] input[name]`).Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		value, _ := in.Attr("value")
		form.Add(name, value)
	})
	res, err := c.http.PostForm(c.base+"/queue", form)
	if err != nil {
		return nil, fmt.Errorf("start a call queue: %w", err)
	}
	resBody, _ := io.ReadAll(res.Body)
	res.Body.Close()
	queueURL := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(queueURL, "/queue/") {
		return nil, fmt.Errorf("start a call queue: status %d: %s", res.StatusCode, excerpt(resBody))
	}
	return []page{
		{name: "Today", path: "/today"},
		{name: "Leads (default)", path: "/leads"},
		{name: "Leads by estimate", path: "/leads?sort=estimate"},
		{name: "Leads, score 40–100, clients", path: "/leads?min_score=40&max_score=100&kind=client"},
		{name: "Leads, search (a signal title)", path: "/leads?q=backend"},
		{name: "Leads, search (every name)", path: "/leads?q=company"},
		{name: "Leads, search (one name)", path: "/leads?q=company+12345&sort=relevance"},
		{name: "Leads, stage + owner=me", path: "/leads?stage=contacted&owner=me"},
		{name: "Leads, funded in 30 days, has phone", path: "/leads?funded_within_days=30&has_phone=1"},
		{name: "Leads, tag, not called", path: "/leads?tag=follow-up&not_contacted=1"},
		{name: "Leads page 2", path: next},
		{name: "Company", path: fmt.Sprintf("/companies/%d", companyID)},
		{name: "Call mode", path: queueURL},
		{name: "Pipeline", path: "/pipeline"},
		{name: "Dashboard", path: "/dashboard"},
		{name: "Saved view count (sidebar)", path: fmt.Sprintf("/views/%d/count", viewID), headers: map[string]string{"HX-Request": "true"}},
		{name: "Exports", path: "/exports"},
		{name: "API lead list", path: "/api/v1/leads", headers: map[string]string{"Authorization": "Bearer " + token}},
	}, nil
}

// result is a page's timings in milliseconds and its size.
type result struct {
	median, p95, max float64
	bytes            int
}

// time requests the page warmups times untimed, then runs times timed.
func (p page) time(ctx context.Context, c *client, runs int) (result, error) {
	var r result
	ms := make([]float64, 0, runs)
	for i := range warmups + runs {
		start := time.Now()
		body, err := c.getOK(ctx, p.path, p.headers)
		d := time.Since(start)
		if err != nil {
			return r, err
		}
		if i >= warmups {
			ms = append(ms, float64(d.Microseconds())/1000)
		}
		r.bytes = len(body)
	}
	slices.Sort(ms)
	r.median = percentile(ms, 50)
	r.p95 = percentile(ms, 95)
	r.max = ms[len(ms)-1]
	return r, nil
}

// percentile is the nearest-rank percentile of sorted (non-empty) values;
// the median of an even count is the mean of the middle two.
func percentile(sorted []float64, pct float64) float64 {
	n := len(sorted)
	if pct == 50 && n%2 == 0 {
		return (sorted[n/2-1] + sorted[n/2]) / 2
	}
	rank := int(math.Ceil(pct / 100 * float64(n)))
	return sorted[max(rank, 1)-1]
}

// cell keeps a URL from breaking the markdown table.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
