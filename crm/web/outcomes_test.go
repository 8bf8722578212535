package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/leadgen/leadgen/crm"
)

// outcomeRow is an outcome's row on the Outcomes page.
func outcomeRow(d *goquery.Document, name string) *goquery.Selection {
	return d.Find(`[data-testid="outcome-row"][data-name="` + name + `"]`)
}

// Sales users log calls with the outcomes but cannot change them.
func TestOutcomesAreForAdmins(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.signIn()
	ctx := context.Background()
	before, err := f.store.AllOutcomes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"_csrf": {tok}, "label": {"Hijacked"}, "terminal": {"1"}, "moves_to": {"lost"}}
	for _, r := range []struct{ method, path string }{
		{"GET", "/admin/outcomes"}, {"POST", "/admin/outcomes"}, {"POST", "/admin/outcomes/Interested"},
		{"POST", "/admin/outcomes/Interested/up"}, {"POST", "/admin/outcomes/Interested/down"},
		{"POST", "/admin/outcomes/Interested/deactivate"}, {"POST", "/admin/outcomes/Interested/activate"},
	} {
		var body url.Values
		if r.method == "POST" {
			body = form
		}
		if res, _ := f.do(r.method, r.path, body, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("sales %s %s = %d, want 403", r.method, r.path, res.StatusCode)
		}
		if res, _ := f.do(r.method, r.path, body, map[string]string{"HX-Request": "true"}); res.StatusCode != http.StatusForbidden {
			t.Errorf("sales htmx %s %s = %d, want 403", r.method, r.path, res.StatusCode)
		}
	}
	if after, _ := f.store.AllOutcomes(ctx); len(after) != len(before) || after[0] != before[0] {
		t.Fatalf("a sales user changed the outcomes: %+v", after)
	}
	if _, body := f.do("GET", "/leads", nil, nil); strings.Contains(body, `data-testid="nav-outcomes"`) {
		t.Error("sales users are offered the Outcomes page")
	}
	b := setup(t)
	b.admin()
	if _, body := b.do("GET", "/leads", nil, nil); doc(t, body).Find(`a[data-testid="nav-outcomes"][href="/admin/outcomes"]`).Length() != 1 {
		t.Error("admins are not offered the Outcomes page")
	}
}

func TestOutcomesPageValidatesKeepsTypedValuesAndSaves(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.admin()
	htmx := map[string]string{"HX-Request": "true"}
	res, body := f.do("GET", "/admin/outcomes", nil, nil)
	d := doc(t, body)
	if res.StatusCode != 200 || d.Find(`[data-testid="outcome-row"]`).Length() != 6 ||
		outcomeRow(d, "Meeting booked").Find(`[data-testid="outcome-key"]`).Text() != "key 2" {
		t.Fatalf("outcomes page = %d:\n%s", res.StatusCode, body)
	}
	d.Find("form[method=post]").Each(func(_ int, s *goquery.Selection) {
		if v, _ := s.Find(`input[name="_csrf"]`).Attr("value"); v == "" {
			action, _ := s.Attr("action")
			t.Errorf("form %s has no CSRF token", action)
		}
	})
	if action, _ := outcomeRow(d, "Meeting booked").Find(`[data-testid="outcome-edit-form"]`).Attr("action"); action != "/admin/outcomes/Meeting%20booked" {
		t.Errorf("edit form of Meeting booked posts to %q", action)
	}

	// A refused add re-renders with what was typed, plain and with htmx.
	bad := url.Values{"_csrf": {tok}, "label": {"Keen"}, "moves_to": {"do_not_contact"}}
	for _, hdr := range []map[string]string{nil, htmx} {
		res, body = f.do("POST", "/admin/outcomes", bad, hdr)
		d = doc(t, body)
		form := d.Find(`[data-testid="outcome-add-form"]`)
		label, _ := form.Find(`input[name="label"]`).Attr("value")
		movesTo, _ := form.Find(`select[name="moves_to"] option[selected]`).Attr("value")
		invalid, _ := form.Find(`select[name="moves_to"]`).Attr("aria-invalid")
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(form.Find(`[data-testid="outcome-add-error"]`).Text(), "Do-not-contact ends the pursuit") ||
			label != "Keen" || movesTo != "do_not_contact" || invalid != "true" {
			t.Fatalf("bad add (htmx %v) = %d, label %q, moves to %q:\n%s", hdr != nil, res.StatusCode, label, movesTo, body)
		}
		if hdr != nil && strings.Contains(body, "<html") {
			t.Error("htmx got a whole page for a refused add")
		}
	}

	// A good add redirects to the page with a notice.
	res, _ = f.do("POST", "/admin/outcomes", url.Values{"_csrf": {tok}, "label": {"Signed on the call"}, "terminal": {"1"}, "moves_to": {"won"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/outcomes?saved=signed-on-the-call" {
		t.Fatalf("add = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = f.do("GET", res.Header.Get("Location"), nil, nil)
	d = doc(t, body)
	row := outcomeRow(d, "signed-on-the-call")
	if _, checked := row.Find(`input[name="terminal"]`).Attr("checked"); row.Length() != 1 || d.Find(`[data-testid="outcomes-notice"]`).Text() != "Saved Signed on the call." ||
		row.Find(`[data-testid="outcome-key"]`).Text() != "key 7" || !checked {
		t.Fatalf("after adding:\n%s", body)
	}

	// A refused edit keeps what was typed on its own row (htmx: the section).
	long := strings.Repeat("x", crm.MaxOutcomeLabel+1)
	res, body = f.do("POST", "/admin/outcomes/Meeting%20booked", url.Values{"_csrf": {tok}, "label": {long}, "moves_to": {"proposal"}}, htmx)
	d = doc(t, body)
	row = outcomeRow(d, "Meeting booked")
	label, _ := row.Find(`input[name="label"]`).Attr("value")
	movesTo, _ := row.Find(`select[name="moves_to"] option[selected]`).Attr("value")
	if res.StatusCode != http.StatusUnprocessableEntity || strings.Contains(body, "<html") || label != long || movesTo != "proposal" ||
		row.Find(`[data-testid="outcome-error"]`).Text() != "Label must be at most 40 characters." {
		t.Fatalf("bad edit = %d, label %q, moves to %q:\n%s", res.StatusCode, label, movesTo, body)
	}
	if other, _ := outcomeRow(d, "Interested").Find(`input[name="label"]`).Attr("value"); other != "Interested" {
		t.Errorf("another row shows %q", other)
	}

	// A good edit with htmx answers the section with a notice.
	res, body = f.do("POST", "/admin/outcomes/Meeting%20booked", url.Values{"_csrf": {tok}, "label": {"Demo booked"}, "moves_to": {"meeting"}}, htmx)
	if res.StatusCode != 200 || strings.Contains(body, "<html") || doc(t, body).Find(`[data-testid="outcomes-notice"]`).Text() != "Saved Demo booked." {
		t.Fatalf("htmx edit = %d:\n%s", res.StatusCode, body)
	}

	// Move up; a refused deactivation is shown on its row.
	if res, _ := f.do("POST", "/admin/outcomes/Call%20back%20later/up", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("move up = %d", res.StatusCode)
	}
	for _, n := range []string{"Interested", "Call%20back%20later"} {
		if res, _ := f.do("POST", "/admin/outcomes/"+n+"/deactivate", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("deactivate %s = %d", n, res.StatusCode)
		}
	}
	res, body = f.do("POST", "/admin/outcomes/Meeting%20booked/deactivate", url.Values{"_csrf": {tok}}, nil)
	d = doc(t, body)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(outcomeRow(d, "Meeting booked").Find(`[data-testid="outcome-error"]`).Text(), "keep the lead open") {
		t.Fatalf("deactivating the last open outcome = %d:\n%s", res.StatusCode, body)
	}
	if res, _ := f.do("POST", "/admin/outcomes/no-such-outcome/up", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("moving an unknown outcome = %d, want 404", res.StatusCode)
	}
	list, _ := f.store.Outcomes(context.Background())
	var names []string
	for _, o := range list {
		names = append(names, o.Label)
	}
	if got := strings.Join(names, ", "); got != "Demo booked, Not a fit, Not interested, Do not call, Signed on the call" {
		t.Fatalf("active outcomes = %s", got)
	}
}

// The call forms offer the configured outcomes, and call mode's keys follow them.
func TestCallFormsOfferConfiguredOutcomes(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.company("Acme Robotics", "https://example.com/acme", 5_000_000)
	if _, err := f.store.AddOutcome(ctx, crm.OutcomeInput{Label: "Wants a proposal", MovesTo: crm.StageProposal}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Interested", "Call back later"} {
		if err := f.store.SetOutcomeActive(ctx, n, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.store.SaveOutcome(ctx, "Not a fit", crm.OutcomeInput{Label: "Wrong fit", Terminal: true, MovesTo: crm.StageLost}); err != nil {
		t.Fatal(err)
	}
	want := "Meeting booked, Wrong fit, Not interested, Do not call, Wants a proposal"
	tok := f.signIn()

	_, body := f.do("GET", "/companies/"+itoa(id), nil, nil)
	d := doc(t, body)
	var got []string
	d.Find(`[data-testid="call-form"] select[name="outcome"] option`).Each(func(_ int, s *goquery.Selection) {
		if v, _ := s.Attr("value"); v != "" {
			got = append(got, s.Text())
		}
	})
	if strings.Join(got, ", ") != want {
		t.Errorf("company call form offers %v, want %s", got, want)
	}
	if v, _ := d.Find(`[data-testid="call-form"] option:contains("Wants a proposal")`).Attr("value"); v != "wants-a-proposal" {
		t.Errorf("Wants a proposal posts %q", v)
	}
	if hint := d.Find(`[data-testid="call-form"] [data-testid="next-step-hint"]`).Text(); !strings.Contains(hint, "Wrong fit, Not interested, Do not call") {
		t.Errorf("next-step hint = %q", hint)
	}

	// Logging a call with the new outcome moves the stage and shows its label.
	res, body := f.do("POST", "/companies/"+itoa(id)+"/calls", url.Values{"_csrf": {tok}, "result": {"connected"}, "outcome": {"wants-a-proposal"}, "next_due": {"2031-01-15"}},
		map[string]string{"HX-Request": "true"})
	if res.StatusCode != 200 || !strings.Contains(body, "Call: Connected → Wants a proposal") || !strings.Contains(body, ">Proposal<") {
		t.Fatalf("call with a custom outcome = %d:\n%s", res.StatusCode, body)
	}
	// A deactivated one is refused with the form kept.
	res, body = f.do("POST", "/companies/"+itoa(id)+"/calls", url.Values{"_csrf": {tok}, "result": {"connected"}, "outcome": {"Interested"}, "note": {"kept"}, "next_due": {"2031-01-15"}}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc(t, body).Find(`[data-testid="form-error"]`).Text(), "no longer offered") {
		t.Fatalf("call with a deactivated outcome = %d:\n%s", res.StatusCode, body)
	}

	// Call mode: radios keyed 1–5 in order, and the hint says so.
	f.company("Beta Foods", "https://example.com/beta", 2_000_000)
	res, _ = f.do("POST", "/queue", url.Values{"_csrf": {tok}, "filter": {""}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start queue = %d", res.StatusCode)
	}
	_, body = f.do("GET", res.Header.Get("Location"), nil, nil)
	d = doc(t, body)
	got = nil
	d.Find(`[data-keys="outcome"] input[name="outcome"]`).Each(func(i int, s *goquery.Selection) {
		key, _ := s.Attr("data-key")
		if key != itoa(int64(i+1)) {
			t.Errorf("outcome %d has key %q", i+1, key)
		}
		got = append(got, strings.TrimSpace(s.Parent().Text()))
	})
	if strings.Join(got, ", ") != "1 Meeting booked, 2 Wrong fit, 3 Not interested, 4 Do not call, 5 Wants a proposal" {
		t.Errorf("call mode offers %v:\n%s", got, body)
	}
	if hint := d.Find(`[data-testid="outcome-keys"]`).Text(); hint != "(then keys 1–5)" {
		t.Errorf("call mode hint = %q", hint)
	}
}
