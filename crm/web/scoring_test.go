package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crm"
)

func (f *fixture) admin() string {
	f.t.Helper()
	if _, err := f.store.CreateUser(context.Background(), "boss@example.com", password, crm.RoleAdmin); err != nil {
		f.t.Fatal(err)
	}
	return f.signInAs("boss@example.com")
}

// Sales users see the scores but cannot change the weights.
func TestScoringIsForAdmins(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.signIn()
	for _, r := range []struct{ method, path string }{{"GET", "/scoring"}, {"POST", "/scoring"}, {"POST", "/scoring/preview"}, {"GET", "/scoring/status"}} {
		var form url.Values
		if r.method == "POST" {
			form = url.Values{"_csrf": {tok}, "funding_points": {"1"}}
		}
		if res, _ := f.do(r.method, r.path, form, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("sales %s %s = %d, want 403", r.method, r.path, res.StatusCode)
		}
	}
	if _, body := f.do("GET", "/leads", nil, nil); strings.Contains(body, `data-testid="nav-scoring"`) {
		t.Error("sales users are offered the Scoring page")
	}
	if v, _ := f.store.Weights(); v != 0 {
		t.Fatalf("a sales user saved weights (version %d)", v)
	}
}

func TestScoringPageValidatesKeepsTypedValuesAndSaves(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.company("Acme Robotics", "https://www.sec.gov/acme", 9_000_000)
	f.company("Beta Foods", "https://www.sec.gov/beta", 2_000_000)
	if _, err := f.store.LoadWeights(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	tok := f.admin()
	res, body := f.do("GET", "/scoring", nil, nil)
	d := doc(t, body)
	if res.StatusCode != 200 || d.Find(`[data-testid="preview-row"]`).Length() != 2 || d.Find(`input[name="funding_half_life_days"]`).Length() != 1 {
		t.Fatalf("scoring page = %d:\n%s", res.StatusCode, body)
	}
	// A preview with a bad value answers 422 with the reason, for htmx to show.
	res, body = f.do("POST", "/scoring/preview", url.Values{"_csrf": {tok}, "funding_points": {"lots"}}, map[string]string{"HX-Request": "true"})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "is not a number") {
		t.Errorf("bad preview = %d %s", res.StatusCode, body)
	}
	// Saving a bad value re-renders the form with what was typed.
	res, body = f.do("POST", "/scoring", url.Values{"_csrf": {tok}, "funding_points": {"12"}, "funding_half_life_days": {"0"}}, nil)
	d = doc(t, body)
	if res.StatusCode != http.StatusUnprocessableEntity || d.Find(`[data-testid="weights-error"]`).Length() != 1 {
		t.Fatalf("bad save = %d:\n%s", res.StatusCode, body)
	}
	if v, _ := d.Find(`input[name="funding_points"]`).Attr("value"); v != "12" {
		t.Errorf("typed funding points lost: %q", v)
	}
	if v, _ := f.store.Weights(); v != 1 {
		t.Fatalf("a bad save changed the weights version to %d", v)
	}
	res, _ = f.do("POST", "/scoring", url.Values{"_csrf": {tok}, "funding_points": {"12"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/scoring?saved=2" {
		t.Fatalf("save = %d → %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body = f.do("GET", "/scoring/status", nil, map[string]string{"HX-Request": "true"}); !strings.Contains(body, `hx-trigger="every 1s"`) {
		t.Errorf("a queued rescoring is not polled:\n%s", body)
	}
	if ran, err := f.store.RunNextRescoreJob(context.Background()); !ran || err != nil {
		t.Fatalf("rescoring job: %v %v", ran, err)
	}
	_, body = f.do("GET", "/scoring/status", nil, map[string]string{"HX-Request": "true"})
	if !strings.Contains(body, `data-status="done"`) || strings.Contains(body, "every 1s") {
		t.Errorf("finished rescoring status:\n%s", body)
	}
	_, body = f.do("GET", "/scoring?saved=2", nil, nil)
	d = doc(t, body)
	if !strings.Contains(d.Find(`[data-testid="weights-versions"]`).Text(), "Funding points 35 → 12") || d.Find(`[data-testid="weights-saved"]`).Length() != 1 {
		t.Errorf("versions after save:\n%s", d.Find(`[data-testid="weights-versions"]`).Text())
	}
	_, body = f.do("GET", "/leads", nil, nil)
	if got := doc(t, body).Find(`[data-testid="lead-version"]`).First().Text(); got != "v1/w2" {
		t.Errorf("list shows score version %q, want v1/w2", got)
	}
}

// The company page explains the score with a bar per part and the score's history.
func TestCompanyPageChartsTheScore(t *testing.T) {
	t.Parallel()
	f := setup(t)
	id := f.company("Acme Robotics", "https://www.sec.gov/acme", 9_000_000)
	f.signIn()
	_, body := f.do("GET", "/companies/"+itoa(id), nil, nil)
	d := doc(t, body)
	parts := d.Find(`[data-testid="score-part"]`)
	if parts.Length() < 2 || parts.Find("svg rect").Length() != parts.Length() {
		t.Fatalf("score parts:\n%s", body)
	}
	first := parts.First()
	if !strings.Contains(first.Text(), "Funding") || !strings.Contains(first.Text(), "Half-life 90 days") ||
		!strings.Contains(first.Find(`[data-testid="part-later"]`).Text(), "In 30 days: +") {
		t.Errorf("funding part = %q", first.Text())
	}
	if href, _ := first.Find("a").Attr("href"); href != "https://www.sec.gov/acme" {
		t.Errorf("funding evidence link = %q", href)
	}
	if label, _ := d.Find(`[data-testid="score-sparkline"]`).Attr("aria-label"); !strings.HasPrefix(label, "Score ") {
		t.Errorf("sparkline label = %q", label)
	}
}
