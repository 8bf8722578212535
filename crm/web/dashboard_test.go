package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
)

func TestDashboard(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	f.signIn()
	rep := userID(t, f, "rep@example.com")
	won := f.company("Acme Rockets", "https://example.com/acme", 5_000_000)
	evil := f.company(`<script>alert("name")</script>`, "https://example.com/evil", 1_000_000)
	f.company("Quiet Co", "https://example.com/quiet", 2_000_000)
	// A source name is shown as is: one that looks like markup must stay text.
	const evilSource = `web:<script>alert("source")</script>`
	if _, err := f.store.Ingest(ctx, crawlers.Signal{Source: evilSource, SourceItemID: "1", Kind: crawlers.KindListing,
		Title: "Listed", OccurredAt: time.Now(), Company: crawlers.Company{Keys: []string{"listing:1"}, Name: "Listed Co"}}); err != nil {
		t.Fatal(err)
	}
	next := crm.TaskInput{DueAt: time.Now().AddDate(0, 0, 2)}
	for _, c := range []struct {
		id     int64
		result crm.CallResult
	}{{won, crm.CallConnected}, {won, crm.CallNoAnswer}, {evil, crm.CallBusy}} {
		if err := f.store.LogCall(ctx, rep, c.id, crm.Call{Result: c.result, Next: next}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.store.SetStage(ctx, rep, won, crm.StageWon); err != nil {
		t.Fatal(err)
	}
	if err := f.store.AddNote(ctx, rep, evil, "call back"); err != nil {
		t.Fatal(err)
	}

	res, body := f.do("GET", "/dashboard", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /dashboard = %d %s", res.StatusCode, body)
	}
	if strings.Contains(body, "<script>alert") {
		t.Fatal("a company or source name was rendered as markup")
	}
	d := doc(t, body)
	d.Find("script").Each(func(_ int, s *goquery.Selection) {
		if _, ok := s.Attr("src"); !ok {
			t.Errorf("inline script on the dashboard: %s", s.Text())
		}
	})
	if n := strings.Count(body, "<svg"); n != 5 {
		t.Errorf("%d charts, want 5", n)
	}

	// Every chart is an image with a title and description, followed by a
	// table that holds the numbers its bars draw.
	charts := d.Find("section.chart")
	if charts.Length() != 5 {
		t.Fatalf("%d chart sections, want 5", charts.Length())
	}
	cells := map[string]map[string]string{} // chart → key → table text
	charts.Each(func(_ int, sec *goquery.Selection) {
		id, _ := sec.Attr("id")
		svg := sec.Find("svg")
		title := svg.Find("title").First()
		titleID, _ := title.Attr("id")
		if role, _ := svg.Attr("role"); role != "img" || titleID == "" || svg.AttrOr("aria-labelledby", "") != titleID ||
			strings.TrimSpace(title.Text()) == "" || strings.TrimSpace(svg.Find("desc").Text()) == "" {
			t.Errorf("%s: svg is not a labelled image with a description", id)
		}
		if !svg.NextAllFiltered("details").Find("summary").Is("summary") || svg.NextAllFiltered("details").Find("table").Length() != 1 {
			t.Errorf("%s: no table after the chart", id)
		}
		table := map[string]string{}
		sec.Find("td[data-key]").Each(func(_ int, td *goquery.Selection) {
			table[td.AttrOr("data-key", "")] = strings.TrimSpace(td.Text())
		})
		cells[id] = table
		drawn := map[string]bool{}
		svg.Find("rect[data-key]").Each(func(_ int, r *goquery.Selection) {
			key, v := r.AttrOr("data-key", ""), r.AttrOr("data-value", "")
			drawn[key] = true
			if got, ok := table[key]; !ok || got != v {
				t.Errorf("%s: bar %s is %q, its table cell %q", id, key, v, got)
			}
		})
		for key := range table {
			if !drawn[key] {
				t.Errorf("%s: table cell %s has no bar", id, key)
			}
		}
	})

	today := time.Now().Format("2006-01-02")
	for chart, want := range map[string]map[string]string{
		"chart-funnel": {"stage/new": "2", "stage/contacted": "1", "stage/won": "1", "stage/lost": "0"},
		"chart-calls": {"day/" + today + "/connected": "1", "day/" + today + "/no_answer": "1",
			"day/" + today + "/busy": "1"},
		"chart-conversion": {"source/edgar": "50%", "source/" + evilSource: "—"},
		"chart-activity":   {"activity/0/me": "3", "activity/0/team": "3", "activity/2/me": "1"},
	} {
		for key, v := range want {
			if got := cells[chart][key]; got != v {
				t.Errorf("%s %s = %q, want %q", chart, key, got, v)
			}
		}
	}
	// Scores depend on the model: count the leads of each kind over the bands.
	for kind, want := range map[string]int{"funded": 3, "client": 0, "other": 1} {
		n := 0
		for band := range 4 {
			v, err := strconv.Atoi(cells["chart-sources"]["kind/"+kind+"/"+strconv.Itoa(band)])
			if err != nil {
				t.Fatal(err)
			}
			n += v
		}
		if n != want {
			t.Errorf("%s leads = %d, want %d", kind, n, want)
		}
	}
	if !strings.Contains(d.Find("#chart-conversion table").Text(), evilSource) {
		t.Error("the source name is not shown as text")
	}
}

func TestDashboardEmpty(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.signIn()
	res, body := f.do("GET", "/dashboard", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /dashboard = %d %s", res.StatusCode, body)
	}
	d := doc(t, body)
	if n := d.Find("section.chart svg[role=img]").Length(); n != 5 {
		t.Errorf("%d charts on an empty dashboard, want 5", n)
	}
	if got := d.Find("#chart-calls desc").Text(); got != "No calls were logged in the last 30 days." {
		t.Errorf("calls chart description = %q", got)
	}
	if d.Find("#chart-conversion svg text").Text() != "No leads yet" {
		t.Error("an empty conversion chart does not say so")
	}
}
