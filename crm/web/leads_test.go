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

func TestListFiltersColumnsAndViews(t *testing.T) {
	t.Parallel()
	f := setup(t)
	a := f.company("Acme Robotics", "https://example.com/acme", 9_000_000)
	f.company("Beta Foods", "https://example.com/beta", 300_000)
	tok := f.signIn()
	// A bad filter value: 422 with the reason, the page still usable.
	res, body := f.do("GET", "/leads?owner=bob", nil, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "owner") {
		t.Fatalf("bad owner filter = %d", res.StatusCode)
	}
	// Columns come from the URL, in order.
	_, body = f.do("GET", "/leads?col=tags&col=score&q=acme", nil, nil)
	d := doc(t, body)
	if got := strings.Join(d.Find(`[data-testid="lead-table"] thead th`).Map(func(_ int, s *goquery.Selection) string { return s.Text() }), "|"); got != "Select|Company|Tags|Score" {
		t.Fatalf("headers = %q", got)
	}
	if n := d.Find(`[data-testid="lead-row"]`).Length(); n != 1 {
		t.Fatalf("search acme: %d rows", n)
	}
	// Save the filter as a shared default view; the bare list opens it.
	res, _ = f.do("POST", "/views", url.Values{"_csrf": {tok}, "filter": {"min_score=50&sort=estimate"}, "name": {"Big ones"}, "shared": {"1"}, "default": {"1"}}, nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/leads?view=") || !strings.Contains(loc, "min_score=50") {
		t.Fatalf("save view = %d → %s", res.StatusCode, loc)
	}
	res, _ = f.do("GET", "/leads", nil, nil)
	if res.Header.Get("Location") != loc {
		t.Fatalf("bare list → %q, want the default view %q", res.Header.Get("Location"), loc)
	}
	_, body = f.do("GET", loc, nil, nil)
	d = doc(t, body)
	if d.Find("h1").First().Text() != "Big ones" || d.Find(`[data-testid="lead-row"]`).Length() != 1 {
		t.Fatalf("view page:\n%s", body)
	}
	viewID := strings.TrimPrefix(strings.Split(loc, "&")[0], "/leads?view=")
	if _, body := f.do("GET", "/views/"+viewID+"/count", nil, map[string]string{"HX-Request": "true"}); body != "1" {
		t.Fatalf("view count = %q, want 1", body)
	}
	// Another user sees the shared view but cannot delete it.
	if _, err := f.store.CreateUser(context.Background(), "other@example.com", password, crm.RoleSales); err != nil {
		t.Fatal(err)
	}
	tok = f.signInAs("other@example.com")
	_, body = f.do("GET", "/leads?view=0", nil, nil)
	if !strings.Contains(doc(t, body).Find(`[data-testid="views"]`).Text(), "Big ones") {
		t.Fatal("shared view not listed for a colleague")
	}
	if res, _ := f.do("POST", "/views/"+viewID+"/delete", url.Values{"_csrf": {tok}}, nil); res.StatusCode != http.StatusNotFound {
		t.Fatalf("colleague deleting the view = %d, want 404", res.StatusCode)
	}
	_ = a
}

func TestBulkAssignConfirmsThenApplies(t *testing.T) {
	t.Parallel()
	f := setup(t)
	a := f.company("Acme Robotics", "https://example.com/acme", 9_000_000)
	b := f.company("Beta Foods", "https://example.com/beta", 300_000)
	f.company("Gamma Labs", "https://example.com/gamma", 2_000_000)
	tok := f.signIn()
	rep, err := f.store.GetUser(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"_csrf": {tok}, "filter": {""}, "action": {"assign"}, "owner": {itoa(rep.ID)}, "id": {itoa(a), itoa(b)}}
	res, body := f.do("POST", "/leads/bulk", form, nil)
	if res.StatusCode != 200 || !strings.Contains(doc(t, body).Find(`[data-testid="bulk-confirm"] h1`).Text(), "Assign 2 leads to rep@example.com?") {
		t.Fatalf("confirmation = %d\n%s", res.StatusCode, body)
	}
	if n := countOwned(t, f, rep.ID); n != 0 {
		t.Fatalf("assigned %d before confirming", n)
	}
	form.Set("confirm", "1")
	res, _ = f.do("POST", "/leads/bulk", form, nil)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=2+of+2") {
		t.Fatalf("apply = %d → %s", res.StatusCode, res.Header.Get("Location"))
	}
	if n := countOwned(t, f, rep.ID); n != 2 {
		t.Fatalf("rep owns %d, want 2", n)
	}
	// All matching: every lead with a score of 1 or more gets the tag.
	all := url.Values{"_csrf": {tok}, "filter": {"min_score=1"}, "action": {"add_tag"}, "tag": {"q3"}, "scope": {"all"}, "confirm": {"1"}}
	if res, _ := f.do("POST", "/leads/bulk", all, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("tag all = %d", res.StatusCode)
	}
	_, body = f.do("GET", "/leads?tag=q3", nil, nil)
	if n := doc(t, body).Find(`[data-testid="lead-row"]`).Length(); n != 3 {
		t.Fatalf("%d leads tagged, want 3", n)
	}
	// Do-not-contact in bulk needs a reason; the answer says so.
	dnc := url.Values{"_csrf": {tok}, "filter": {""}, "action": {"stage"}, "stage": {"do_not_contact"}, "id": {itoa(a)}}
	if res, body := f.do("POST", "/leads/bulk", dnc, nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "must not be contacted") {
		t.Fatalf("bulk DNC without reason = %d", res.StatusCode)
	}
	_, body = f.do("GET", "/companies/"+itoa(a), nil, nil)
	if h := doc(t, body).Find(`[data-testid="history"]`).Text(); !strings.Contains(h, "owner") || !strings.Contains(h, "rep@example.com") || !strings.Contains(h, "+q3") {
		t.Fatalf("history = %q", h)
	}
}

func countOwned(t *testing.T, f *fixture, owner int64) int {
	t.Helper()
	ids, err := f.store.MatchingIDs(context.Background(), crm.Filter{Owner: "me", Me: owner})
	if err != nil {
		t.Fatal(err)
	}
	return len(ids)
}

func TestCompanyEditsOwnerTagsContacts(t *testing.T) {
	t.Parallel()
	f := setup(t)
	id := f.company("Acme Robotics", "https://example.com/acme", 9_000_000)
	tok := f.signIn()
	path := "/companies/" + itoa(id)
	post := func(action string, form url.Values) (*http.Response, string) {
		form.Set("_csrf", tok)
		return f.do("POST", path+action, form, nil)
	}
	if res, _ := post("/owner", url.Values{"owner": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("owner = %d", res.StatusCode)
	}
	if res, _ := post("/owner", url.Values{"owner": {"999"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("owner nobody = %d", res.StatusCode)
	}
	post("/tags", url.Values{"tag": {"priority"}})
	post("/tags", url.Values{"tag": {"<b>bold</b>"}})
	post("/tags/remove", url.Values{"tag": {"priority"}})
	res, body := post("/contacts", url.Values{"contact_name": {"Grace Hopper"}, "contact_email": {"not-an-email"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "not an email") || !strings.Contains(body, `value="Grace Hopper"`) {
		t.Fatalf("bad contact = %d; the form must keep what was typed", res.StatusCode)
	}
	post("/contacts", url.Values{"contact_name": {"Grace Hopper"}, "contact_email": {"grace@acme.example"}, "contact_title": {"CTO"}})
	if res, body := post("/stage", url.Values{"stage": {"do_not_contact"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "must not be contacted") {
		t.Fatalf("DNC without a reason = %d", res.StatusCode)
	}
	if res, _ := post("/edit", url.Values{"name": {"Acme Robotics Inc"}, "domain": {"acme.example"}, "phone": {"+1 512 555 0100"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit = %d", res.StatusCode)
	}
	_, body = f.do("GET", path, nil, nil)
	d := doc(t, body)
	if tags := d.Find(`[data-testid="company-tags"]`).Text(); !strings.Contains(tags, "<b>bold</b>") || strings.Contains(tags, "priority") {
		t.Errorf("tags = %q", tags)
	}
	if d.Find(`[data-testid="company-tags"] b`).Length() != 0 {
		t.Error("a tag's markup was rendered")
	}
	if !strings.Contains(d.Find(`[data-testid="contacts"]`).Text(), "Grace Hopper") || d.Find("h1").Text() != "Acme Robotics Inc" {
		t.Errorf("contacts %q, name %q", d.Find(`[data-testid="contacts"]`).Text(), d.Find("h1").Text())
	}
	if n := d.Find(`[data-testid="history-item"]`).Length(); n < 6 {
		t.Errorf("%d history entries, want owner, 3 tag changes, contact and the field edits", n)
	}
	_, body = f.do("GET", path+"?timeline=note", nil, nil)
	if n := doc(t, body).Find(`[data-testid="timeline-item"]`).Length(); n != 0 {
		t.Errorf("notes-only timeline shows %d entries, want 0 (only a crawl event exists)", n)
	}
	if res, _ := post("/notes", url.Values{"kind": {"email"}, "note": {"Sent the proposal PDF"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("log an email = %d", res.StatusCode)
	}
	if res, _ := post("/notes", url.Values{"kind": {"crawl"}, "note": {"forged"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("log a crawl event by hand = %d, want 422", res.StatusCode)
	}
	_, body = f.do("GET", path+"?timeline=email", nil, nil)
	if items := doc(t, body).Find(`[data-testid="timeline-item"]`); items.Length() != 1 || !strings.Contains(items.Text(), "Email") {
		t.Errorf("emails-only timeline = %q", items.Text())
	}
}
