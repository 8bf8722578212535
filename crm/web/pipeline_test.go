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

// pipeCount is the count in a pipeline column's header.
func pipeCount(d *goquery.Document, st crm.Stage) string {
	return strings.TrimSpace(d.Find(`[data-testid="pipe-col-` + string(st) + `"] [data-testid="pipe-count"]`).Text())
}

func TestPipelineBoardAndMove(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	a := f.company("Alpha Labs", "https://example.com/a", 30_000_000)
	b := f.company("Beta Labs", "https://example.com/b", 5_000_000)
	c := f.company("Gamma Labs", "https://example.com/c", 1_000_000)
	dnc := f.company("Nope Inc", "https://example.com/n", 1_000_000)
	tok := f.signIn()
	if err := f.store.SetStage(ctx, 0, c, crm.StageContacted); err != nil {
		t.Fatal(err)
	}
	if err := f.store.MoveStage(ctx, 0, dnc, crm.StageDoNotContact, "asked us to stop"); err != nil {
		t.Fatal(err)
	}

	res, body := f.do("GET", "/pipeline", nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("/pipeline = %d\n%s", res.StatusCode, body)
	}
	d := doc(t, body)
	var cols []string
	d.Find(`[data-testid^="pipe-col-"]`).Each(func(_ int, s *goquery.Selection) { cols = append(cols, s.AttrOr("data-stage", "")) })
	if strings.Join(cols, ",") != "new,contacted,meeting,proposal,won,lost" {
		t.Fatalf("columns %v", cols)
	}
	if pipeCount(d, crm.StageNew) != "2" || pipeCount(d, crm.StageContacted) != "1" || pipeCount(d, crm.StageMeeting) != "0" ||
		!strings.HasPrefix(d.Find(`[data-testid="pipe-dnc"]`).Text(), "1 ") {
		t.Fatalf("counts new %s contacted %s meeting %s, dnc %q", pipeCount(d, crm.StageNew), pipeCount(d, crm.StageContacted),
			pipeCount(d, crm.StageMeeting), d.Find(`[data-testid="pipe-dnc"]`).Text())
	}
	names := d.Find(`[data-testid="pipe-col-new"] [data-testid="pipe-card-name"]`).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if strings.Join(names, ",") != "Alpha Labs,Beta Labs" {
		t.Errorf("New cards %v, want by score", names)
	}
	co, _ := f.store.GetCompany(ctx, a)
	bco, _ := f.store.GetCompany(ctx, b)
	if v := d.Find(`[data-testid="pipe-col-new"] [data-testid="pipe-value"]`).Text(); co.EstimatedProjectUSD == 0 || !strings.HasPrefix(v, "$") || v == "$0" {
		t.Errorf("New column value %q (estimates %d + %d)", v, co.EstimatedProjectUSD, bco.EstimatedProjectUSD)
	}
	card := d.Find(`#card-` + itoa(a))
	form := card.Find(`form[action="/pipeline/move"]`)
	if form.Find(`input[name="_csrf"]`).Length() != 1 || form.Find(`input[name="company_id"]`).AttrOr("value", "") != itoa(a) ||
		form.Find(`select[name="stage"] option[selected]`).AttrOr("value", "") != "new" || form.Find(`button[type="submit"]`).Length() != 1 {
		t.Fatalf("card has no move form:\n%s", body)
	}

	// The no-JavaScript path: the card's form.
	res, _ = f.do("POST", "/pipeline/move", url.Values{"_csrf": {tok}, "company_id": {itoa(a)}, "stage": {"meeting"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/pipeline#card-"+itoa(a) {
		t.Fatalf("move = %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = f.do("GET", "/pipeline", nil, nil)
	d = doc(t, body)
	if pipeCount(d, crm.StageNew) != "1" || pipeCount(d, crm.StageMeeting) != "1" || d.Find(`[data-testid="pipe-col-meeting"] #card-`+itoa(a)).Length() != 1 {
		t.Fatalf("after the move: new %s, meeting %s", pipeCount(d, crm.StageNew), pipeCount(d, crm.StageMeeting))
	}
	if co, _ := f.store.GetCompany(ctx, a); co.Stage != crm.StageMeeting {
		t.Fatalf("stage after the move: %s", co.Stage)
	}

	// Do-not-contact needs a reason: the board asks for it.
	res, body = f.do("POST", "/pipeline/move", url.Values{"_csrf": {tok}, "company_id": {itoa(b)}, "stage": {"do_not_contact"}}, nil)
	d = doc(t, body)
	ask := d.Find(`form[data-testid="move-reason-form"]`)
	if res.StatusCode != http.StatusUnprocessableEntity || ask.Find(`textarea[name="reason"]`).Length() != 1 ||
		ask.Find(`input[name="stage"]`).AttrOr("value", "") != "do_not_contact" || ask.Find(`input[name="company_id"]`).AttrOr("value", "") != itoa(b) ||
		!strings.Contains(d.Find(`[data-testid="move-error"]`).Text(), "Beta Labs") {
		t.Fatalf("Do-not-contact without a reason = %d\n%s", res.StatusCode, body)
	}
	if co, _ := f.store.GetCompany(ctx, b); co.Stage != crm.StageNew {
		t.Fatalf("a refused move changed the stage to %s", co.Stage)
	}
	res, _ = f.do("POST", "/pipeline/move", url.Values{"_csrf": {tok}, "company_id": {itoa(b)}, "stage": {"do_not_contact"}, "reason": {"Has an in-house team"}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("Do-not-contact with a reason = %d", res.StatusCode)
	}
	co, _ = f.store.GetCompany(ctx, b)
	if co.Stage != crm.StageDoNotContact || !strings.Contains(co.Timeline[0].Note, "Has an in-house team") {
		t.Fatalf("after Do-not-contact: stage %s, timeline %+v", co.Stage, co.Timeline[0])
	}
	if res, _ := f.do("POST", "/pipeline/move", url.Values{"_csrf": {tok}, "company_id": {itoa(c)}, "stage": {"someday"}}, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("move to no stage = %d, want 422", res.StatusCode)
	}
	if res, _ := f.do("POST", "/pipeline/move", url.Values{"_csrf": {tok}, "company_id": {"999999"}, "stage": {"won"}}, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("move a missing company = %d, want 404", res.StatusCode)
	}
}
