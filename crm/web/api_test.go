package web_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
)

// apiToken gives the fixture's sales user an API token.
func (f *fixture) apiToken() string {
	f.t.Helper()
	_, tok, err := f.store.CreateAPIToken(context.Background(), userID(f.t, f, "rep@example.com"), "tests")
	if err != nil {
		f.t.Fatal(err)
	}
	return tok
}

// api requests an API path with a bearer token ("" sends none).
func (f *fixture) api(path, token string) (*http.Response, string) {
	f.t.Helper()
	var hdr map[string]string
	if token != "" {
		hdr = map[string]string{"Authorization": "Bearer " + token}
	}
	return f.do("GET", path, nil, hdr)
}

// getJSON requests an API path with a token and decodes its JSON answer into v.
func getJSON(t *testing.T, f *fixture, path, token string, want int, v any) {
	t.Helper()
	res, body := f.api(path, token)
	if res.StatusCode != want || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET %s = %d %q, want %d JSON:\n%s", path, res.StatusCode, res.Header.Get("Content-Type"), want, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

// apiJSON is getJSON returning the value.
func apiJSON[T any](t *testing.T, f *fixture, path, token string, want int) T {
	t.Helper()
	var v T
	getJSON(t, f, path, token, want, &v)
	return v
}

type apiErrorBody struct {
	Error string `json:"error"`
	Field string `json:"field"`
}

type leadJSON struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Domain     string `json:"domain"`
	Phone      string `json:"phone"`
	Industry   string `json:"industry"`
	Stage      string `json:"stage"`
	Score      int    `json:"score"`
	Estimate   *int64 `json:"estimated_project_usd"`
	ScoreParts []struct {
		Name        string  `json:"name"`
		Points      float64 `json:"points"`
		Reason      string  `json:"reason"`
		EvidenceURL string  `json:"evidence_url"`
	} `json:"score_parts"`
	OwnerEmail *string  `json:"owner_email"`
	Tags       []string `json:"tags"`
}

type leadsJSON struct {
	Leads []leadJSON `json:"leads"`
	Next  *string    `json:"next"`
}

func TestAPINeedsAToken(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.apiToken()
	for name, hdr := range map[string]string{
		"none":        "",
		"empty":       "Bearer ",
		"not bearer":  "Basic " + tok,
		"wrong token": "Bearer lg_" + strings.Repeat("x", 43),
		"bare token":  tok,
	} {
		var h map[string]string
		if hdr != "" {
			h = map[string]string{"Authorization": hdr}
		}
		res, body := f.do("GET", "/api/v1/leads", nil, h)
		var e apiErrorBody
		if res.StatusCode != http.StatusUnauthorized || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" ||
			!strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: %d %q %s, want 401 with a JSON error", name, res.StatusCode, res.Header.Get("WWW-Authenticate"), body)
		}
	}
	// A signed-in session is no way into the API.
	f.signIn()
	if res, _ := f.api("/api/v1/leads", ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("session without a token = %d, want 401", res.StatusCode)
	}
	if res, _ := f.api("/api/v1/leads", tok); res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("with the token = %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if res, _ := f.api("/api/v1/no-such-thing", tok); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown API path with a token = %d, want 404", res.StatusCode)
	}
	// Revoked: refused at once.
	list, err := f.store.ListAPITokens(context.Background(), userID(t, f, "rep@example.com"))
	if err != nil || len(list) != 1 {
		t.Fatal(list, err)
	}
	if err := f.store.RevokeAPIToken(context.Background(), userID(t, f, "rep@example.com"), list[0].ID); err != nil {
		t.Fatal(err)
	}
	if res, body := f.api("/api/v1/leads", tok); res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "revoked") {
		t.Errorf("revoked token = %d %s, want 401", res.StatusCode, body)
	}
}

func TestAPILeadsFilterAndCursor(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.apiToken()
	for i, name := range []string{"Alpha Robotics", "Beta Robotics", "Gamma Robotics", "Delta Foods"} {
		f.company(name, "https://example.com/"+fmt.Sprint(i), int64(1_000_000*(i+1)))
	}
	first := apiJSON[leadsJSON](t, f, "/api/v1/leads?q=Robotics&limit=2", tok, http.StatusOK)
	if len(first.Leads) != 2 || first.Next == nil || *first.Next == "" {
		t.Fatalf("first page = %+v", first)
	}
	second := apiJSON[leadsJSON](t, f, "/api/v1/leads?q=Robotics&limit=2&after="+url.QueryEscape(*first.Next), tok, http.StatusOK)
	if len(second.Leads) != 1 || second.Next == nil || *second.Next != "" {
		t.Fatalf("second page = %+v, want the last lead and an empty next", second)
	}
	var names []string
	for _, l := range append(first.Leads, second.Leads...) {
		names = append(names, l.Name)
	}
	if strings.Join(names, ",") != "Gamma Robotics,Beta Robotics,Alpha Robotics" {
		t.Errorf("pages = %v, want the Robotics leads by score, each once", names)
	}
	l := first.Leads[0]
	if l.ID == 0 || l.Stage != "new" || l.Score == 0 || l.Industry != "Other Technology" || l.Phone == "" || l.Estimate == nil ||
		l.OwnerEmail == nil || l.Tags == nil || len(l.ScoreParts) == 0 {
		t.Errorf("lead = %+v", l)
	}
	if p := l.ScoreParts[0]; p.Name == "" || p.Points <= 0 || p.Reason == "" || p.EvidenceURL != "https://example.com/2" {
		t.Errorf("score part = %+v", p)
	}

	// The list's sorts and filters: by estimate, from a score.
	if all := apiJSON[leadsJSON](t, f, fmt.Sprintf("/api/v1/leads?min_score=%d&sort=estimate", l.Score), tok, http.StatusOK); len(all.Leads) == 0 || len(all.Leads) > 2 {
		t.Errorf("min_score=%d = %d leads", l.Score, len(all.Leads))
	}
	for path, field := range map[string]string{
		"/api/v1/leads?limit=201":      "limit",
		"/api/v1/leads?limit=0":        "limit",
		"/api/v1/leads?min_score=300":  "min_score",
		"/api/v1/leads?after=nonsense": "after",
		"/api/v1/leads?sort=random":    "sort",
	} {
		if e := apiJSON[apiErrorBody](t, f, path, tok, http.StatusUnprocessableEntity); e.Field != field || e.Error == "" {
			t.Errorf("%s = %+v, want an error on %s", path, e, field)
		}
	}
	if full := apiJSON[leadsJSON](t, f, "/api/v1/leads?limit=200", tok, http.StatusOK); len(full.Leads) != 4 || *full.Next != "" {
		t.Errorf("limit=200 = %d leads, next %q", len(full.Leads), *full.Next)
	}
}

func TestAPICompany(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	tok := f.apiToken()
	rep := userID(t, f, "rep@example.com")
	res, err := f.store.Ingest(ctx, crawlers.Signal{
		Source: "edgar", SourceItemID: "acme-1", Kind: crawlers.KindFormD, Title: "Form D for Acme", URL: "https://example.com/acme",
		OccurredAt: time.Now().AddDate(0, 0, -3), AmountUSD: 4_000_000,
		Company:  crawlers.Company{Keys: []string{"name:acme"}, Name: "Acme Robotics", Domain: "acme.io", City: "Austin", State: "TX", Industry: "Other Technology"},
		Contacts: []crawlers.Contact{{Name: "Ada Lovelace", Title: "CEO", Email: "ada@acme.io"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	id := res.CompanyID
	if err := f.store.AddNote(ctx, rep, id, "Wants a mobile app"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.AddTask(ctx, rep, id, crm.TaskInput{Kind: crm.TaskCall, Title: "Call back", DueAt: time.Now().AddDate(0, 0, 2)}); err != nil {
		t.Fatal(err)
	}
	// A call with an outcome admins renamed since: the API gives its key
	// and its current label.
	if err := f.store.LogCall(ctx, rep, id, crm.Call{Result: crm.CallConnected, Outcome: "Not a fit"}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.SaveOutcome(ctx, "Not a fit", crm.OutcomeInput{Label: "No budget", Terminal: true}); err != nil {
		t.Fatal(err)
	}
	var co struct {
		leadJSON
		City     string                                `json:"city"`
		Signals  []struct{ Source, Title, URL string } `json:"signals"`
		Contacts []struct{ Name, Title, Email string } `json:"contacts"`
		Timeline []struct {
			Kind         string `json:"kind"`
			Note         string `json:"note"`
			UserEmail    string `json:"user_email"`
			Outcome      string `json:"outcome"`
			OutcomeLabel string `json:"outcome_label"`
		} `json:"timeline"`
		Tasks []struct {
			Kind  string    `json:"kind"`
			Title string    `json:"title"`
			DueAt time.Time `json:"due_at"`
		} `json:"tasks"`
		ScoreHistory []struct{ Total int } `json:"score_history"`
		Client       *struct{}             `json:"client"`
	}
	getJSON(t, f, fmt.Sprintf("/api/v1/companies/%d", id), tok, http.StatusOK, &co)
	if co.ID != id || co.Name != "Acme Robotics" || co.Domain != "acme.io" || co.City != "Austin" || co.Score == 0 || len(co.ScoreParts) == 0 {
		t.Errorf("company = %+v", co.leadJSON)
	}
	if len(co.Signals) != 1 || co.Signals[0].URL != "https://example.com/acme" {
		t.Errorf("signals = %+v", co.Signals)
	}
	if len(co.Contacts) != 1 || co.Contacts[0].Email != "ada@acme.io" || co.Contacts[0].Title != "CEO" {
		t.Errorf("contacts = %+v", co.Contacts)
	}
	noted, called := false, false
	for _, a := range co.Timeline {
		noted = noted || (a.Kind == "note" && a.Note == "Wants a mobile app" && a.UserEmail == "rep@example.com")
		called = called || (a.Kind == "call" && a.Outcome == "Not a fit" && a.OutcomeLabel == "No budget")
	}
	if !noted || !called {
		t.Errorf("timeline = %+v, want the note and the call with its outcome's key and current label", co.Timeline)
	}
	if len(co.Tasks) != 1 || co.Tasks[0].Title != "Call back" || co.Tasks[0].Kind != "call" || co.Tasks[0].DueAt.IsZero() {
		t.Errorf("tasks = %+v", co.Tasks)
	}
	if co.Client != nil {
		t.Errorf("a funded company has a client profile: %+v", co.Client)
	}
	// A company merged into another leads to it, as its page does.
	loser := f.company("Zeta Labs", "https://example.com/zeta", 1_000_000)
	if _, err := f.store.MergeCompanies(ctx, rep, id, loser); err != nil {
		t.Fatal(err)
	}
	if res, _ := f.api(fmt.Sprintf("/api/v1/companies/%d", loser), tok); res.StatusCode != http.StatusTemporaryRedirect ||
		res.Header.Get("Location") != fmt.Sprintf("/api/v1/companies/%d", id) {
		t.Errorf("merged company = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	for _, path := range []string{"/api/v1/companies/999999", "/api/v1/companies/abc", "/api/v1/companies/-1"} {
		if e := apiJSON[apiErrorBody](t, f, path, tok, http.StatusNotFound); e.Error == "" {
			t.Errorf("%s: %+v", path, e)
		}
	}
}

func TestAPIExportCSV(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	tok := f.apiToken()
	for i, name := range []string{"Alpha Robotics", "Beta Robotics", "Gamma Foods"} {
		f.company(name, "https://example.com/"+fmt.Sprint(i), int64(1_000_000*(i+1)))
	}
	dnc := f.company("Never Call Inc", "https://example.com/dnc", 9_000_000)
	if err := f.store.SetStage(ctx, 0, dnc, crm.StageDoNotContact); err != nil {
		t.Fatal(err)
	}
	export := func(query string) [][]string {
		t.Helper()
		res, body := f.api("/api/v1/leads/export.csv?"+query, tok)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("export %s = %d %q\n%s", query, res.StatusCode, res.Header.Get("Content-Type"), body)
		}
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	recs := export("q=Robotics&profile=generic&new_only=1")
	if strings.Join(recs[0], ",") != "first_name,last_name,email,company,website,phone,title" || len(recs) != 3 {
		t.Fatalf("generic export = %q", recs)
	}
	if again := export("q=Robotics&profile=generic&new_only=1"); len(again) != 1 {
		t.Errorf("second new-only export = %q, want the header only", again)
	}
	if all := export("profile=scored&new_only=true"); len(all) != 2 || all[1][0] != "Gamma Foods" {
		t.Errorf("new-only export of everything = %q, want only Gamma Foods (never the do-not-contact lead)", all)
	}
	if full := export(""); len(full) != 4 || strings.Join(full[0], ",") != strings.Join(crm.ExportColumns, ",") {
		t.Errorf("default export = %q", full)
	}
	if e := apiJSON[apiErrorBody](t, f, "/api/v1/leads/export.csv?profile=nope", tok, http.StatusUnprocessableEntity); e.Field != "profile" {
		t.Errorf("unknown profile = %+v", e)
	}
	list, err := f.store.ListExports(ctx, 10)
	if err != nil || len(list) != 4 {
		t.Fatalf("exports = %+v, %v", list, err)
	}
	if e := list[len(list)-1]; e.Via != crm.ExportViaAPI || e.UserEmail != "rep@example.com" || e.Profile != "generic" || !e.NewOnly ||
		e.Filter != "q=Robotics" || e.Rows != 2 {
		t.Errorf("first API export recorded as %+v", e)
	}
}

func TestWebExportProfilesAndExportsPage(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.company("Alpha Robotics", "https://example.com/a", 2_000_000)
	f.company("Beta Robotics", "https://example.com/b", 1_000_000)
	f.signIn()

	_, body := f.do("GET", "/leads?q=Robotics&sort=estimate", nil, nil)
	form := doc(t, body).Find(`[data-testid="export-form"]`)
	if form.Length() != 1 {
		t.Fatal("no export form on the list")
	}
	fields := map[string]string{}
	form.Find(`input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) {
		fields[s.AttrOr("name", "")] = s.AttrOr("value", "")
	})
	if fields["q"] != "Robotics" || fields["sort"] != "estimate" {
		t.Errorf("export form carries %v, want the list's filter", fields)
	}
	if form.Find(`select[name="profile"] option`).Length() != len(crm.ExportProfiles) || form.Find(`input[name="new_only"]`).Length() != 1 {
		t.Error("export form lacks the profiles or new-only")
	}

	res, body := f.do("GET", "/leads/export.csv?q=Robotics&sort=estimate&profile=scored&new_only=1", nil, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "leadgen-leads-scored-new-") {
		t.Fatalf("export = %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(recs) != 3 || recs[0][0] != "company" || recs[0][3] != "score" {
		t.Fatalf("scored export = %q, %v", recs, err)
	}
	if res, body := f.do("GET", "/leads/export.csv?profile=nope", nil, nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "profile") {
		t.Errorf("unknown profile = %d", res.StatusCode)
	}

	res, body = f.do("GET", "/exports", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/exports = %d", res.StatusCode)
	}
	rows := doc(t, body).Find(`[data-testid="export-row"]`)
	if rows.Length() != 1 {
		t.Fatalf("%d exports listed, want 1", rows.Length())
	}
	if who, prof, n := rows.Find(`[data-testid="export-who"]`).Text(), rows.Find(`[data-testid="export-profile"]`).Text(),
		rows.Find(`[data-testid="export-rows"]`).Text(); who != "rep@example.com" || prof != "Scored (why to call)" || n != "2" {
		t.Errorf("export listed as %q %q %q", who, prof, n)
	}
	if href, _ := rows.Find(`[data-testid="export-filter"]`).Attr("href"); href != "/leads?q=Robotics&sort=estimate" {
		t.Errorf("filter link = %q", href)
	}
}

func TestProfileAPITokens(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.signIn()
	res, body := f.do("GET", "/profile", nil, nil)
	if res.StatusCode != http.StatusOK || doc(t, body).Find(`[data-testid="api-token-row"]`).Length() != 0 {
		t.Fatalf("/profile = %d", res.StatusCode)
	}
	if res, body := f.do("POST", "/profile/tokens", url.Values{"_csrf": {tok}, "name": {"  "}}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		doc(t, body).Find(`[data-testid="token-error"]`).Length() != 1 {
		t.Errorf("nameless token = %d", res.StatusCode)
	}
	if res, _ := f.do("POST", "/profile/tokens", url.Values{"name": {"no csrf"}}, nil); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusBadRequest {
		t.Errorf("token without a CSRF token = %d, want refused", res.StatusCode)
	}

	res, body = f.do("POST", "/profile/tokens", url.Values{"_csrf": {tok}, "name": {"Zapier"}}, nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create token = %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	secret := doc(t, body).Find(`[data-testid="api-token"]`).Text()
	if !strings.HasPrefix(secret, crm.APITokenPrefix) {
		t.Fatalf("token shown = %q", secret)
	}
	if res, _ := f.api("/api/v1/leads", secret); res.StatusCode != http.StatusOK {
		t.Fatalf("the new token = %d on the API", res.StatusCode)
	}
	// Shown once: the page lists it by name and prefix, never again in full.
	_, body = f.do("GET", "/profile", nil, nil)
	d := doc(t, body)
	if strings.Contains(body, secret) || d.Find(`[data-testid="api-token-row"]`).Length() != 1 ||
		d.Find(`[data-testid="api-token-name"]`).Text() != "Zapier" || !strings.Contains(body, secret[:8]) {
		t.Fatalf("profile after creating a token:\n%s", body)
	}
	action, _ := d.Find(`[data-testid="api-token-row"] form`).Attr("action")

	// Another user cannot revoke it.
	if _, err := f.store.CreateUser(context.Background(), "ann@example.com", password, crm.RoleSales); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	other := &fixture{t: t, store: f.store, srv: f.srv, client: &http.Client{Jar: jar, CheckRedirect: f.client.CheckRedirect}}
	otherTok := other.signInAs("ann@example.com")
	if res, _ := other.do("POST", action, url.Values{"_csrf": {otherTok}}, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("another user revoking = %d, want 404", res.StatusCode)
	}
	if res, _ := f.api("/api/v1/leads", secret); res.StatusCode != http.StatusOK {
		t.Fatalf("token after another user's attempt = %d", res.StatusCode)
	}

	res, _ = f.do("POST", action, url.Values{"_csrf": {tok}}, nil)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/profile?revoked=") {
		t.Fatalf("revoke = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = f.do("GET", res.Header.Get("Location"), nil, nil)
	if d := doc(t, body); d.Find(`[data-testid="profile-notice"]`).Length() != 1 ||
		!strings.HasPrefix(d.Find(`[data-testid="api-token-status"]`).Text(), "Revoked") {
		t.Errorf("profile after revoking:\n%s", body)
	}
	if res, _ := f.api("/api/v1/leads", secret); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked token = %d, want 401", res.StatusCode)
	}
}
