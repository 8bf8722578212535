package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"text/template"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/leadgen/leadgen/crm/crmtest"
)

// The contact every fake source demands in the User-Agent (newFakeEdgar
// insists on this one).
const allSourcesContact = "ops@example.com"

// Fixtures of TestAllSourcesTwiceGiveOneCompanyEach, templates whose dates
// are relative to the day the test runs.
const allSourcesDir = "testdata/allsources"

// TestAllSourcesTwiceGiveOneCompanyEach is the acceptance test of entity
// resolution: six real companies, each seen by one to five sources under
// different spellings, crawled twice from every source, must end up as
// exactly six live companies with no duplicate signal, nothing merged, and
// only the one genuinely ambiguous pair (same name, different websites)
// waiting in the review queue.
//
// The companies (fixtures under testdata/allsources):
//   - Northwind Robotics: Form D as "Northwind Robotics, Inc." (and its D/A),
//     a TechCrunch headline, Crunchbase with https://www.northwind-robotics.example/,
//     an HN job post linking https://northwind-robotics.example and YC with
//     the bare domain.
//   - Quillmesh: Crunchbase "Quillmesh" and HN "Quillmesh Labs, Inc.", one website.
//   - Acorn Health: Form D "Acorn Health, Inc.", YC and TechCrunch, while the
//     Form D of its investor's pooled fund "Acorn Ventures Fund II, L.P." and
//     TechCrunch's story on that fund must leave no trace.
//   - Halcyon (Norwegian batteries, Crunchbase) and Halcyon (YC developer
//     tools, also on HN): same name, different websites, two companies.
//   - Tidewater Freight Analytics: only in EDGAR's latest-filings feed.
//
// Noise that must add nothing: a Form 4 in the daily index, an HN reply, a
// YC company that shut down, a TechCrunch feature without a raise, and the
// fundraising feed repeating the venture feed's items.
func TestAllSourcesTwiceGiveOneCompanyEach(t *testing.T) {
	t.Parallel()
	today := time.Now().UTC().Truncate(24 * time.Hour)
	fx := fixtures{t: t, today: today}

	// newFakeEdgar reads each primary_doc.xml from testdata/edgar/<file>.
	edgar := newFakeEdgar(t, map[time.Time][]filing{
		today.AddDate(0, 0, -3): {
			{form: "4", name: "LATTICE PEAK HOLDINGS", cik: "97", accession: "0000000097-26-000004"},
			{form: "D", name: "Northwind Robotics, Inc.", cik: "2200001", accession: "0002200001-26-000001", file: "../allsources/edgar/northwind_d.xml"},
			{form: "D", name: "Acorn Health, Inc.", cik: "2200003", accession: "0002200003-26-000001", file: "../allsources/edgar/acorn_health_d.xml"},
			{form: "D", name: "Acorn Ventures Fund II, L.P.", cik: "2200004", accession: "0002200004-26-000001", file: "../allsources/edgar/acorn_fund_d.xml"},
		},
		today.AddDate(0, 0, -1): {
			{form: "D/A", name: "Northwind Robotics, Inc.", cik: "2200001", accession: "0002200001-26-000002", file: "../allsources/edgar/northwind_da.xml"},
		},
	}, today.AddDate(0, 0, -10),
		filing{form: "D", name: "Tidewater Freight Analytics LLC", cik: "2200005", accession: "0002200005-26-000001", file: "../allsources/edgar/tidewater_d.xml"})

	const cbKey = "cb-allsources-key"
	crunchbase := newFakeSource(t, fx.crunchbase(cbKey))
	hn := newFakeSource(t, fx.hn())
	yc := newFakeSource(t, fx.yc())
	news := newFakeSource(t, fx.techcrunch())

	env := map[string]string{
		"DATABASE_URL":           crmtest.URL(t),
		"LEADGEN_CONTACT_EMAIL":  allSourcesContact,
		"LEADGEN_LOG_FORMAT":     "json",
		"LEADGEN_EDGAR_URL":      edgar.URL,
		"LEADGEN_CRUNCHBASE_URL": crunchbase.URL + "/api/v4",
		"LEADGEN_CRUNCHBASE_KEY": cbKey,
		"LEADGEN_HN_URL":         hn.URL + "/api/v1",
		"LEADGEN_YC_URL":         yc.URL,
		"LEADGEN_YC_BATCHES":     "W26", // one batch file instead of meta.json and four
		"LEADGEN_TECHCRUNCH_URL": news.URL + "/category/venture/feed/",
		"LEADGEN_FUNDING_FEEDS":  news.URL + "/category/fundraising/feed/",
		// Marketplaces have their own tests; nothing here may reach the internet.
		"LEADGEN_DISABLED_SOURCES": "freelancer,upwork",
	}
	db := connect(t, env["DATABASE_URL"])
	crawled := []string{"edgar", "crunchbase", "hn", "yc", "techcrunch"}

	// First crawl: a plain `leadgen crawl`, every enabled source being due.
	start := time.Now()
	mustCLI(t, env, "", "crawl")
	t.Logf("first crawl: %v", time.Since(start).Round(time.Millisecond))
	checkRuns(t, db, crawled, false)
	first := snapshot(t, db)
	checkCompanies(t, db)

	// Second crawl of every source. A plain crawl would skip the sources
	// whose interval has not passed, so they are named.
	touched := companiesTouched(t, db)
	start = time.Now()
	mustCLI(t, env, "", "crawl", "--source", strings.Join(crawled, ","))
	t.Logf("second crawl: %v", time.Since(start).Round(time.Millisecond))
	checkRuns(t, db, crawled, true)
	if second := snapshot(t, db); second != first {
		t.Errorf("the second crawl changed the database:\nbefore %+v\nafter  %+v", first, second)
	}
	for id, name := range companiesTouched(t, db) {
		if name != touched[id] {
			t.Errorf("the second crawl rewrote a company no source changed: %s, then %s", touched[id], name)
		}
	}
	checkCompanies(t, db)

	for name, s := range map[string]interface{ hitsFor(string) int }{
		"edgar": edgar, "crunchbase": crunchbase, "hn": hn, "yc": yc, "techcrunch": news,
	} {
		if s.hitsFor("/robots.txt") == 0 {
			t.Errorf("%s: robots.txt never fetched", name)
		}
	}
	if n := news.hitsFor("/category/fundraising/feed/"); n != 2 {
		t.Errorf("LEADGEN_FUNDING_FEEDS feed fetched %d times over two crawls, want 2", n)
	}
}

// wantCompany is one real company: its name as first stored, its domain
// and the sources its signals come from.
type wantCompany struct {
	name, domain string
	sources      []string
}

var wantCompanies = []wantCompany{
	{"Acorn Health, Inc.", "acornhealth.example", []string{"edgar", "news", "yc"}},
	{"Halcyon", "halcyon-energy.example", []string{"crunchbase"}},
	{"Halcyon", "halcyonhq.example", []string{"hn", "yc"}},
	{"Northwind Robotics, Inc.", "northwind-robotics.example", []string{"crunchbase", "edgar", "hn", "news", "yc"}},
	{"Quillmesh", "quillmesh.example", []string{"crunchbase", "hn"}},
	{"Tidewater Freight Analytics LLC", "", []string{"edgar"}},
}

// checkCompanies checks the end state: one live company per real company
// with the expected sources, no duplicate signal, no merge, the fund
// nowhere, and the two Halcyons as the only pair waiting for review.
func checkCompanies(t *testing.T, db *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	rows, err := db.Query(ctx, `
		SELECT c.name, c.domain, coalesce(array_agg(DISTINCT s.source ORDER BY s.source) FILTER (WHERE s.id IS NOT NULL), '{}')
		FROM companies c LEFT JOIN signals s ON s.company_id = c.id
		WHERE c.merged_into IS NULL
		GROUP BY c.id ORDER BY c.name, c.domain`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (wantCompany, error) {
		var c wantCompany
		return c, r.Scan(&c.name, &c.domain, &c.sources)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, wantCompanies, func(a, b wantCompany) bool {
		return a.name == b.name && a.domain == b.domain && slices.Equal(a.sources, b.sources)
	}) {
		t.Errorf("live companies (name, domain, sources of their signals):\n%s\nwant one per real company:\n%s",
			formatCompanies(got), formatCompanies(wantCompanies))
	}

	var signals, distinct, merged, merges int
	err = db.QueryRow(ctx, `SELECT (SELECT count(*) FROM signals), (SELECT count(DISTINCT (source, source_item_id)) FROM signals),
		(SELECT count(*) FROM companies WHERE merged_into IS NOT NULL), (SELECT count(*) FROM merges)`).Scan(&signals, &distinct, &merged, &merges)
	if err != nil {
		t.Fatal(err)
	}
	// edgar 3 (the D/A updates its D), crunchbase 3, hn 3, yc 3, news 2.
	if signals != distinct || signals != 14 {
		t.Errorf("%d signals, %d distinct (source, item id); want 14 and no duplicates", signals, distinct)
	}
	if merged != 0 || merges != 0 {
		t.Errorf("%d companies merged away, %d merges: resolution must never merge on its own", merged, merges)
	}

	var fund int
	err = db.QueryRow(ctx, `SELECT (SELECT count(*) FROM companies WHERE name ILIKE '%acorn ventures%' OR name_norm LIKE '%fund%')
		+ (SELECT count(*) FROM company_keys WHERE key LIKE 'cik:%2200004')
		+ (SELECT count(*) FROM signals WHERE title ILIKE '%fund ii%' OR raw->>'cik' LIKE '%2200004')`).Scan(&fund)
	if err != nil {
		t.Fatal(err)
	}
	if fund != 0 {
		t.Errorf("the pooled fund Acorn Ventures Fund II left %d traces (company, key or signal)", fund)
	}

	rows, err = db.Query(ctx, `
		SELECT a.name || ' (' || a.domain || ')', b.name || ' (' || b.domain || ')', d.status
		FROM possible_duplicates d JOIN companies a ON a.id = d.company_a JOIN companies b ON b.id = d.company_b
		ORDER BY d.id`)
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (string, error) {
		var a, b, status string
		err := r.Scan(&a, &b, &status)
		if a > b {
			a, b = b, a
		}
		return a + " ~ " + b + ": " + status, err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "Halcyon (halcyon-energy.example) ~ Halcyon (halcyonhq.example): pending"
	if len(pairs) != 1 || pairs[0] != want {
		t.Errorf("possible duplicates:\n%s\nwant only %s", strings.Join(pairs, "\n"), want)
	}
}

func formatCompanies(cs []wantCompany) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("\t" + c.name + " | " + c.domain + " | " + strings.Join(c.sources, ",") + "\n")
	}
	return b.String()
}

// dbState is what a crawl of unchanged sources must leave as it was.
type dbState struct {
	Companies, Signals, Aliases, Keys, Contacts, Activities, Duplicates int
}

func snapshot(t *testing.T, db *pgx.Conn) dbState {
	t.Helper()
	var s dbState
	err := db.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM companies), (SELECT count(*) FROM signals),
		(SELECT count(*) FROM signal_aliases), (SELECT count(*) FROM company_keys), (SELECT count(*) FROM contacts),
		(SELECT count(*) FROM activities), (SELECT count(*) FROM possible_duplicates)`).
		Scan(&s.Companies, &s.Signals, &s.Aliases, &s.Keys, &s.Contacts, &s.Activities, &s.Duplicates)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// companiesTouched maps each company's id to its name and last update.
func companiesTouched(t *testing.T, db *pgx.Conn) map[int64]string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT id, name || ' (last updated ' || updated_at::text || ')' FROM companies`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]string{}
	var id int64
	var s string
	_, err = pgx.ForEachRow(rows, []any{&id, &s}, func() error { out[id] = s; return nil })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRuns checks each source's latest run: ok, without errors, having
// fetched something; on the second crawl it must have found nothing new
// and changed nothing.
func checkRuns(t *testing.T, db *pgx.Conn, sources []string, again bool) {
	t.Helper()
	for _, src := range sources {
		var status, message string
		var pages, news, updated, errs int
		err := db.QueryRow(context.Background(), `SELECT status, message, pages, signals_new, signals_updated, errors
			FROM crawl_runs WHERE source = $1 ORDER BY id DESC LIMIT 1`, src).Scan(&status, &message, &pages, &news, &updated, &errs)
		if err != nil {
			t.Errorf("%s: no crawl run: %v", src, err)
			continue
		}
		switch {
		case status != "ok" || errs != 0 || pages == 0:
			t.Errorf("%s run: status %s (%s), %d pages, %d errors; want ok, pages and no errors", src, status, message, pages, errs)
		case again && (news != 0 || updated != 0):
			t.Errorf("%s second run: %d new, %d updated signals; want none: the sources did not change", src, news, updated)
		case !again && news == 0:
			t.Errorf("%s first run found no signal", src)
		}
	}
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// fakeSource is an httptest server for one source: a robots.txt that
// allows everything, a 403 for any request whose User-Agent lacks the
// contact address, and a count of requests by path.
type fakeSource struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newFakeSource(t *testing.T, h http.HandlerFunc) *fakeSource {
	t.Helper()
	s := &fakeSource{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		switch {
		case !strings.Contains(r.UserAgent(), allSourcesContact):
			http.Error(w, "declare your user agent with a contact", http.StatusForbidden)
		case r.URL.Path == "/robots.txt":
			io.WriteString(w, "User-agent: *\nAllow: /\n") //nolint:errcheck // test server
		default:
			h(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *fakeSource) hitsFor(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// fixtures renders the test's fixture templates. In them, {{at N "15:04"}}
// is that time of day N days before today (UTC); date, iso and rss format
// a time as 2006-01-02, RFC 3339 and RFC 1123 with a numeric zone.
type fixtures struct {
	t     *testing.T
	today time.Time
}

func (fx fixtures) render(name string) []byte {
	fx.t.Helper()
	at := func(days int, clock string) (time.Time, error) {
		c, err := time.Parse("15:04", clock)
		if err != nil {
			return time.Time{}, err
		}
		return fx.today.AddDate(0, 0, -days).Add(time.Duration(c.Hour())*time.Hour + time.Duration(c.Minute())*time.Minute), nil
	}
	funcs := template.FuncMap{
		"at":   at,
		"date": func(t time.Time) string { return t.Format(time.DateOnly) },
		"iso":  func(t time.Time) string { return t.Format(time.RFC3339) },
		"rss":  func(t time.Time) string { return t.Format(time.RFC1123Z) },
	}
	path := filepath.Join(allSourcesDir, name)
	text, err := os.ReadFile(path)
	if err != nil {
		fx.t.Fatal(err)
	}
	tmpl, err := template.New(name).Funcs(funcs).Parse(string(text))
	if err != nil {
		fx.t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, nil); err != nil {
		fx.t.Fatalf("%s: %v", path, err)
	}
	return b.Bytes()
}

// crunchbase serves API v4 like api.crunchbase.com/api/v4: the funding
// rounds search (POST, key in X-cb-user-key, announced_on filter, after_id
// paging) and organization lookups by permalink.
func (fx fixtures) crunchbase(key string) http.HandlerFunc {
	var search struct {
		Count    int              `json:"count"`
		Entities []map[string]any `json:"entities"`
	}
	if err := json.Unmarshal(fx.render("crunchbase/search_funding_rounds.json"), &search); err != nil {
		fx.t.Fatal(err)
	}
	orgs := map[string][]byte{}
	for _, p := range []string{"northwind-robotics", "quillmesh", "halcyon-energy"} {
		orgs[p] = fx.render("crunchbase/organization_" + p + ".json")
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-cb-user-key") != key {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `[{"code":"LA201","message":"Invalid user key"}]`) //nolint:errcheck // test server
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/api/v4/searches/funding_rounds":
			var req struct {
				Query []struct {
					FieldID    string   `json:"field_id"`
					OperatorID string   `json:"operator_id"`
					Values     []string `json:"values"`
				} `json:"query"`
				Limit   int    `json:"limit"`
				AfterID string `json:"after_id"`
			}
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil || r.Header.Get("Content-Type") != "application/json" ||
				len(req.Query) != 1 || req.Query[0].FieldID != "announced_on" || req.Query[0].OperatorID != "gte" || len(req.Query[0].Values) != 1 {
				http.Error(w, `{"error":"bad search"}`, http.StatusBadRequest)
				return
			}
			since := req.Query[0].Values[0]
			page := []map[string]any{}
			after := req.AfterID == ""
			for _, e := range search.Entities {
				if after && e["properties"].(map[string]any)["announced_on"].(string) >= since && len(page) < req.Limit {
					page = append(page, e)
				}
				after = after || e["uuid"] == req.AfterID
			}
			json.NewEncoder(w).Encode(map[string]any{"count": len(page), "entities": page}) //nolint:errcheck // test server
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v4/entities/organizations/"):
			body, ok := orgs[strings.TrimPrefix(r.URL.Path, "/api/v4/entities/organizations/")]
			if !ok || r.URL.Query().Get("field_ids") == "" {
				http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
				return
			}
			w.Write(body) //nolint:errcheck // test server
		default:
			http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
		}
	}
}

// hn serves the HN Algolia API like hn.algolia.com/api/v1: the whoishiring
// stories, then one page of the hiring thread's comments.
func (fx fixtures) hn() http.HandlerFunc {
	threads, comments := fx.render("hn/threads.json"), fx.render("hn/comments_p0.json")
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/api/v1/search_by_date" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		switch {
		case q.Get("tags") == "story,author_whoishiring" && q.Get("query") == "who is hiring":
			w.Write(threads) //nolint:errcheck // test server
		case q.Get("tags") == "comment,story_50400001" && (q.Get("page") == "" || q.Get("page") == "0"):
			w.Write(comments) //nolint:errcheck // test server
		default:
			io.WriteString(w, `{"hits":[],"nbHits":0,"nbPages":0,"page":0,"hitsPerPage":100}`) //nolint:errcheck // test server
		}
	}
}

// yc serves the yc-oss directory mirror like yc-oss.github.io/api. It sends
// no validators, so the second crawl reads the batch again rather than
// getting a 304: the store, not the cache, must keep it from duplicating.
func (fx fixtures) yc() http.HandlerFunc {
	batch := fx.render("yc/winter-2026.json")
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/batches/winter-2026.json" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(batch) //nolint:errcheck // test server
	}
}

// techcrunch serves two WordPress category feeds like techcrunch.com, the
// fundraising one repeating items of the venture one. No validators
// either, so the second crawl reads every item again.
func (fx fixtures) techcrunch() http.HandlerFunc {
	feeds := map[string][]byte{
		"/category/venture/feed/":     fx.render("techcrunch/venture_feed.xml"),
		"/category/fundraising/feed/": fx.render("techcrunch/fundraising_feed.xml"),
	}
	return func(w http.ResponseWriter, r *http.Request) {
		body, ok := feeds[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=UTF-8")
		w.Write(body) //nolint:errcheck // test server
	}
}
