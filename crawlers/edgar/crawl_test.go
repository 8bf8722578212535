package edgar

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// Filings listed in testdata/index/form.20250307.idx.
var (
	quillmesh  = IndexEntry{FormType: "D", CompanyName: "Quillmesh Labs, Inc.", CIK: "2051234", Accession: "0002051234-25-000001"}
	lumenvale  = IndexEntry{FormType: "D", CompanyName: "Lumenvale AI, Inc.", CIK: "2053387", Accession: "0001213900-25-021455"}
	northgate  = IndexEntry{FormType: "D", CompanyName: "Northgate Seed Fund III, L.P.", CIK: "2049876", Accession: "0002049876-25-000002"}
	boulange   = IndexEntry{FormType: "D", CompanyName: "Boulangerie Aurelie LLC", CIK: "2055010", Accession: "0002055010-25-000001"}
	ferncastle = IndexEntry{FormType: "D/A", CompanyName: "Ferncastle Robotics, Inc.", CIK: "1987650", Accession: "0001987650-25-000003"}
)

func fixtureIndex(t *testing.T) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "index", "form.20250307.idx"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCrawl(t *testing.T) {
	t.Parallel()
	srv := newFakeEDGAR(t)
	srv.addIndex("2025-03-07", fixtureIndex(t)) // Friday; Saturday and Sunday 404
	quillURL := srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
	lumenURL := srv.addDoc(t, lumenvale, "d_indefinite_lumenvale.xml", "text/xml")
	srv.addDoc(t, northgate, "d_fund_northgate.xml", "text/xml")
	srv.addDoc(t, boulange, "d_latin1_boulangerie.xml", "text/xml; charset=ISO-8859-1")
	srv.addDoc(t, ferncastle, "da_ferncastle.xml", "text/xml")
	srv.fail(quillURL, failure{code: http.StatusTooManyRequests, retryAfter: "1"})
	srv.fail(lumenURL, failure{code: http.StatusServiceUnavailable})

	cobalt := IndexEntry{FormType: "D", CompanyName: "Cobaltline Software, Inc.", CIK: "2070010", Accession: "0002070010-25-000001"}
	gone := IndexEntry{FormType: "D", CompanyName: "Vanishing Widgets Inc.", CIK: "2070020", Accession: "0002070020-25-000001"}
	dup := IndexEntry{FormType: "D", CompanyName: "Quillmesh Labs, Inc.", CIK: "2070030", Accession: "0002070030-25-000001"}
	coIssuer := dup
	coIssuer.CompanyName, coIssuer.CIK = "Quillmesh Holdings LLC", "2070031"
	srv.addIndex("2025-03-10", indexBody("2025-03-10", cobalt, gone, dup, coIssuer, dup))
	badURL := srv.addDoc(t, cobalt, "bad_amount.xml", "text/xml")
	srv.addDoc(t, dup, "d_tech_quillmesh.xml", "text/xml")

	sink := newRecSink()
	res, err := Crawl(context.Background(), testConfig(srv.URL), date("2025-03-07"), date("2025-03-10"), sink)
	if err != nil {
		t.Fatal(err)
	}
	want := Result{LastCompleteDay: date("2025-03-10"), DaysFetched: 2, DaysMissing: 2,
		FilingsSeen: 8, Duplicates: 2, Kept: 5, SkippedFunds: 1, FilingErrors: 2}
	if res != want {
		t.Errorf("result = %+v\nwant     %+v", res, want)
	}

	got := sink.byID()
	for id, title := range map[string]string{
		"0002051234-25-000001": "Form D: $2.75M sold of $4M offering",
		"0001213900-25-021455": "Form D: $0 sold of an indefinite offering",
		"0002055010-25-000001": "Form D: $310K sold of $750K offering",
		"0001987650-23-000001": "Form D/A: $9.4M sold of $12M offering (amended)",
		"0002070030-25-000001": "Form D: $2.75M sold of $4M offering",
	} {
		if got[id].Title != title {
			t.Errorf("signal %s title = %q, want %q", id, got[id].Title, title)
		}
	}
	if len(sink.signals) != 5 {
		t.Errorf("%d signals, want 5 (fund skipped, duplicate once)", len(sink.signals))
	}
	if name := got["0002055010-25-000001"].Company.Name; name != "Boulangerie Aurélie LLC" {
		t.Errorf("latin-1 served with a charset header: name = %q", name)
	}
	if u := got["0001987650-23-000001"].URL; u != srv.URL+"/Archives/edgar/data/1987650/000198765025000003/0001987650-25-000003-index.htm" {
		t.Errorf("evidence URL = %s", u)
	}

	// Failures go to sink.Error with their URL; the rest of the run went on.
	if err := sink.errs[badURL]; err == nil || !strings.Contains(err.Error(), "totalAmountSold") {
		t.Errorf("malformed filing error = %v", err)
	}
	if err := sink.errs[PrimaryDocURL(srv.URL, gone)]; !crawlers.IsNotFound(err) {
		t.Errorf("missing filing error = %v, want a 404", err)
	}
	if len(sink.errs) != 2 {
		t.Errorf("errors = %v", sink.errs)
	}

	// 429 with Retry-After: 1 was retried after at least a second; 503 retried.
	qh := srv.hitsOf(quillURL)
	if len(qh) != 2 || qh[1].at.Sub(qh[0].at) < time.Second {
		t.Errorf("429 filing: %d requests, gap %v; want 2, ≥ 1s", len(qh), gapOf(qh))
	}
	if n := len(srv.hitsOf(lumenURL)); n != 2 {
		t.Errorf("503 filing requested %d times, want 2", n)
	}
	if n := len(srv.hitsOf(PrimaryDocURL(srv.URL, dup))) + len(srv.hitsOf(PrimaryDocURL(srv.URL, coIssuer))); n != 1 {
		t.Errorf("duplicate accession fetched %d times, want 1", n)
	}

	// Every request announced the contact e-mail; pages were counted.
	for _, h := range srv.allHits() {
		if !strings.Contains(h.ua, "crawler-ops@leadgen.example") || !strings.HasPrefix(h.ua, "leadgen/") {
			t.Errorf("%s: User-Agent %q lacks the contact e-mail", h.path, h.ua)
		}
	}
	if n := len(srv.hitsOf("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	if len(sink.pages) != 2+7 { // two indexes, seven filings that answered 200
		t.Errorf("pages = %d: %v", len(sink.pages), sink.pages)
	}
	assertSpacing(t, srv.allHits(), time.Second/DefaultRequestsPerSecond)
}

func gapOf(hs []hit) time.Duration {
	if len(hs) < 2 {
		return 0
	}
	return hs[1].at.Sub(hs[0].at)
}

// assertSpacing checks consecutive requests (robots.txt aside) started at
// least min apart.
func assertSpacing(t *testing.T, hs []hit, min time.Duration) {
	t.Helper()
	var prev time.Time
	for _, h := range hs {
		if h.path == "/robots.txt" {
			continue
		}
		if !prev.IsZero() && h.at.Sub(prev) < min {
			t.Errorf("%s started %v after the previous request, want ≥ %v", h.path, h.at.Sub(prev), min)
		}
		prev = h.at
	}
}

func TestCrawlRateLimit(t *testing.T) {
	t.Parallel()
	srv := newFakeEDGAR(t)
	srv.addIndex("2025-03-07", indexBody("2025-03-07", quillmesh, ferncastle))
	srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
	srv.addDoc(t, ferncastle, "da_ferncastle.xml", "text/xml")
	cfg := testConfig(srv.URL)
	cfg.RequestsPerSecond = 4
	if _, err := Crawl(context.Background(), cfg, date("2025-03-06"), date("2025-03-08"), newRecSink()); err != nil {
		t.Fatal(err)
	}
	hs := srv.allHits()
	if len(hs) != 1+3+2 {
		t.Fatalf("%d requests, want 6", len(hs))
	}
	assertSpacing(t, hs, 250*time.Millisecond)
}

func TestConfigPrepare(t *testing.T) {
	cfg, ua, err := Config{ContactEmail: "ops@example.com", RequestsPerSecond: 50}.prepare()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.RequestsPerSecond != MaxRequestsPerSecond || cfg.BaseURL != DefaultBaseURL || ua != "leadgen/"+crawlers.Version+" (+ops@example.com)" {
		t.Errorf("prepared = %+v, ua %q", cfg, ua)
	}
	for _, email := range []string{"", "   ", "not an email", "Ops <ops@example.com>", "ops@example.com\r\nX-Evil: 1"} {
		_, err := Crawl(context.Background(), Config{ContactEmail: email}, date("2025-03-07"), date("2025-03-07"), newRecSink())
		if err == nil || !strings.Contains(err.Error(), "e-mail") {
			t.Errorf("ContactEmail %q: err = %v, want a refusal", email, err)
		}
	}
	if _, err := Crawl(context.Background(), Config{ContactEmail: "ops@example.com"}, date("2025-03-08"), date("2025-03-07"), newRecSink()); err == nil {
		t.Error("until before since: no error")
	}
}

func TestCrawlRobotsDisallow(t *testing.T) {
	t.Parallel()
	srv := newFakeEDGAR(t)
	srv.robots = "User-agent: leadgen\nDisallow: /Archives/edgar/data/2051234/\n\nUser-agent: *\nDisallow: /\n"
	srv.addIndex("2025-03-07", indexBody("2025-03-07", quillmesh, ferncastle))
	blocked := srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
	srv.addDoc(t, ferncastle, "da_ferncastle.xml", "text/xml")
	sink := newRecSink()
	res, err := Crawl(context.Background(), testConfig(srv.URL), date("2025-03-07"), date("2025-03-07"), sink)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.hitsOf(blocked)); n != 0 {
		t.Errorf("disallowed URL fetched %d times", n)
	}
	if err := sink.errs[blocked]; !errors.Is(err, crawlers.ErrRobotsDisallowed) {
		t.Errorf("disallowed URL error = %v", err)
	}
	if res.Kept != 1 || res.FilingErrors != 1 || !res.LastCompleteDay.Equal(date("2025-03-07")) {
		t.Errorf("result = %+v", res)
	}
}

func TestCrawlIndexFailureHoldsWatermark(t *testing.T) {
	t.Parallel()
	srv := newFakeEDGAR(t)
	srv.addIndex("2025-03-06", indexBody("2025-03-06", quillmesh))
	srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
	badDay := srv.addIndex("2025-03-07", indexBody("2025-03-07"))
	srv.fail(badDay, failure{code: 503}, failure{code: 502}, failure{code: 500})
	srv.addIndex("2025-03-10", indexBody("2025-03-10", ferncastle))
	srv.addDoc(t, ferncastle, "da_ferncastle.xml", "text/xml")
	cfg := testConfig(srv.URL)
	cfg.MaxRetries = 2
	sink := newRecSink()
	res, err := Crawl(context.Background(), cfg, date("2025-03-06"), date("2025-03-10"), sink)
	if err != nil {
		t.Fatal(err)
	}
	if !res.LastCompleteDay.Equal(date("2025-03-06")) || res.DaysFailed != 1 || res.DaysFetched != 2 || res.Kept != 2 {
		t.Errorf("result = %+v; want watermark 2025-03-06, one failed day, later day still ingested", res)
	}
	if n := len(srv.hitsOf(badDay)); n != 3 {
		t.Errorf("failing index requested %d times, want 1 + 2 retries", n)
	}
	if err := sink.errs[badDay]; err == nil || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Errorf("index error = %v", err)
	}
}

func TestCrawlCancel(t *testing.T) {
	t.Parallel()
	for name, setup := range map[string]func(*fakeEDGAR, string){
		"during a request":   func(s *fakeEDGAR, u string) { s.stall[strings.TrimPrefix(u, s.URL)] = true },
		"during retry-after": func(s *fakeEDGAR, u string) { s.fail(u, failure{code: 429, retryAfter: "30"}) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newFakeEDGAR(t)
			srv.addIndex("2025-03-07", indexBody("2025-03-07", quillmesh, ferncastle))
			u := srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
			srv.addDoc(t, ferncastle, "da_ferncastle.xml", "text/xml")
			setup(srv, u)
			ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
			defer cancel()
			start := time.Now()
			res, err := Crawl(ctx, testConfig(srv.URL), date("2025-03-07"), date("2025-03-09"), newRecSink())
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want the context's", err)
			}
			if d := time.Since(start); d > 1500*time.Millisecond {
				t.Errorf("Crawl took %v after cancel", d)
			}
			if n := len(srv.hitsOf(PrimaryDocURL(srv.URL, ferncastle))); n != 0 || !res.LastCompleteDay.IsZero() {
				t.Errorf("after cancel: later filing fetched %d times, watermark %v", n, res.LastCompleteDay)
			}
		})
	}
}

func TestCrawlCancelFromSink(t *testing.T) {
	t.Parallel()
	srv := newFakeEDGAR(t)
	srv.addIndex("2025-03-07", indexBody("2025-03-07", quillmesh, ferncastle))
	srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
	srv.addDoc(t, ferncastle, "da_ferncastle.xml", "text/xml")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := newRecSink()
	sink.onSignal = func(crawlers.Signal) { cancel() }
	_, err := Crawl(ctx, testConfig(srv.URL), date("2025-03-07"), date("2025-03-08"), sink)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(sink.signals) != 1 || len(srv.hitsOf(PrimaryDocURL(srv.URL, ferncastle))) != 0 {
		t.Errorf("signals=%d, second filing hits=%d; want the run to stop after the first", len(sink.signals), len(srv.hitsOf(PrimaryDocURL(srv.URL, ferncastle))))
	}
}
