package edgar

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// fakeLatest adds the getcurrent feed to fakeEDGAR: pages are keyed by
// their start parameter, and a request must carry the documented query.
type fakeLatest struct {
	*fakeEDGAR
	feeds map[int][]byte // start → feed page; other starts get an empty feed
}

func newFakeLatest(t *testing.T) *fakeLatest {
	f := &fakeEDGAR{robots: "User-agent: *\nAllow: /\n", pages: map[string]page{},
		failures: map[string][]failure{}, stall: map[string]bool{}}
	fl := &fakeLatest{fakeEDGAR: f, feeds: map[int][]byte{}}
	f.Server = httptest.NewServer(http.HandlerFunc(fl.serve))
	t.Cleanup(f.Close)
	return fl
}

// feedKey is how feed requests appear in hits and failures.
func feedKey(start int) string { return "/cgi-bin/browse-edgar?start=" + strconv.Itoa(start) }

func (fl *fakeLatest) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/cgi-bin/browse-edgar" {
		fl.fakeEDGAR.serve(w, r)
		return
	}
	q := r.URL.Query()
	start, err := strconv.Atoi(q.Get("start"))
	if err != nil || q.Get("action") != "getcurrent" || q.Get("type") != "D" || q.Get("count") != "40" ||
		q.Get("output") != "atom" || q.Get("owner") != "include" || !q.Has("company") || !q.Has("dateb") {
		http.Error(w, "bad query "+r.URL.RawQuery, http.StatusBadRequest)
		return
	}
	key := feedKey(start)
	fl.mu.Lock()
	fl.hits = append(fl.hits, hit{path: key, ua: r.UserAgent(), at: time.Now()})
	body, ok := fl.feeds[start]
	var fail *failure
	if q := fl.failures[key]; len(q) > 0 {
		fail, fl.failures[key] = &q[0], q[1:]
	}
	fl.mu.Unlock()
	switch {
	case fail != nil:
		http.Error(w, http.StatusText(fail.code), fail.code)
	case !ok:
		body = latestFeed("2025-03-07T17:45:00-05:00")
		fallthrough
	default:
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(body)
	}
}

func (fl *fakeLatest) setFeed(start int, body []byte) {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	fl.feeds[start] = body
}

// latestFeed writes a feed page the way EDGAR does: ISO-8859-1 prolog,
// CRLF line ends, entity-escaped HTML summaries, </entry></feed> on one line.
func latestFeed(updated string, entries ...string) []byte {
	s := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n" +
		"<title>Latest Filings</title>\n<link rel=\"alternate\" href=\"/cgi-bin/browse-edgar?action=getcurrent\"/>\n" +
		"<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>\n" +
		"<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>\n" +
		"<updated>" + updated + "</updated>\n" + strings.Join(entries, "\n") + "</feed>"
	return []byte(strings.ReplaceAll(s, "\n", "\r\n"))
}

// latestItem is the feed entry of e, accepted at updated.
func latestItem(e IndexEntry, role, updated string) string {
	filed := e.DateFiled
	if filed.IsZero() {
		filed = rfc3339(updated)
	}
	return fmt.Sprintf("<entry>\n<title>%s - %s (%s) (%s)</title>\n"+
		"<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n"+
		"<summary type=\"html\"> &lt;b&gt;Filed:&lt;/b&gt; %s &lt;b&gt;AccNo:&lt;/b&gt; %s &lt;b&gt;Size:&lt;/b&gt; 6 KB</summary>\n"+
		"<updated>%s</updated>\n<category scheme=\"https://www.sec.gov/\" label=\"form type\" term=\"%s\"/>\n"+
		"<id>urn:tag:sec.gov,2008:accession-number=%s</id>\n</entry>",
		e.FormType, strings.ReplaceAll(e.CompanyName, "&", "&amp;"), strings.Repeat("0", max(0, 10-len(e.CIK)))+e.CIK, role, FilingIndexURL(testBase, e),
		filed.Format(time.DateOnly), e.Accession, updated, e.FormType, e.Accession)
}

// proxyItems are n DEF 14A entries: type=D is a prefix match, so real
// pages are full of forms that are not Form D.
func proxyItems(n int, updated string) []string {
	out := make([]string, n)
	for i := range out {
		e := IndexEntry{FormType: "DEF 14A", CompanyName: fmt.Sprintf("PROXY FILER %d INC", i), CIK: strconv.Itoa(1_500_000 + i),
			Accession: fmt.Sprintf("%010d-25-%06d", 1_500_000+i, i)}
		out[i] = latestItem(e, "Filer", updated)
	}
	return out
}

// addLatestDocs serves the Form D fixtures of the 2025-03-07 filings.
func addLatestDocs(t *testing.T, srv *fakeLatest) {
	srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
	srv.addDoc(t, ferncastle, "da_ferncastle.xml", "text/xml")
	srv.addDoc(t, boulange, "d_latin1_boulangerie.xml", "text/xml; charset=ISO-8859-1")
	srv.addDoc(t, northgate, "d_fund_northgate.xml", "text/xml")
	srv.addDoc(t, lumenvale, "d_indefinite_lumenvale.xml", "text/xml")
}

func fixtureFeed(t *testing.T) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "atom", "getcurrent_d_20250307.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCrawlLatest crawls the fixture feed and, at the same time, the daily
// index of the same day: both paths must store the same signal for a
// filing, or ingest would see two versions of one offering.
func TestCrawlLatest(t *testing.T) {
	t.Parallel()
	srv := newFakeLatest(t)
	srv.setFeed(0, fixtureFeed(t))
	srv.addIndex("2025-03-07", fixtureIndex(t))
	addLatestDocs(t, srv)
	dailyCfg := testConfig(srv.URL)
	dailyCfg.ContactEmail = "index-ops@leadgen.example" // tells its requests apart
	sink, daily := newRecSink(), newRecSink()
	var res LatestResult
	var err, dailyErr error
	concurrently(func() {
		res, err = CrawlLatest(context.Background(), testConfig(srv.URL), nil, sink)
	}, func() {
		_, dailyErr = Crawl(context.Background(), dailyCfg, date("2025-03-07"), date("2025-03-07"), daily)
	})
	if err != nil || dailyErr != nil {
		t.Fatal(err, dailyErr)
	}
	want := LatestResult{Pages: 1, BadEntries: 1, Entries: 6, Cutoff: rfc3339("2025-03-04T17:45:00-05:00"),
		FilingsSeen: 6, Kept: 4, SkippedFunds: 1, FilingErrors: 1}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v\nwant     %+v", res, want)
	}

	fromIndex := daily.byID()
	if len(sink.signals) != 4 || len(fromIndex) != 4 {
		t.Fatalf("signals: atom %d, daily %d; want 4 each", len(sink.signals), len(fromIndex))
	}
	for _, s := range sink.signals {
		d, ok := fromIndex[s.SourceItemID]
		if !ok {
			t.Errorf("%s: only the Atom path found it", s.SourceItemID)
			continue
		}
		if !reflect.DeepEqual(s, d) {
			t.Errorf("%s differs:\natom  %+v\ndaily %+v", s.SourceItemID, s, d)
		}
	}

	// Smith & Ortega has no primary_doc.xml on the server: a filing error.
	smith := IndexEntry{CIK: "2060123", Accession: "0002060123-25-000001"}
	if err := sink.errs[PrimaryDocURL(srv.URL, smith)]; !crawlers.IsNotFound(err) || len(sink.errs) != 1 {
		t.Errorf("errors = %v", sink.errs)
	}
	// A short page ends the paging; the Issuer duplicate's CIK was never used.
	if n := len(srv.hitsOf(feedKey(40))); n != 0 {
		t.Errorf("second page fetched %d times after a short first page", n)
	}
	if n := len(srv.hitsOf(PrimaryDocURL(srv.URL, IndexEntry{CIK: "2053399", Accession: lumenvale.Accession}))); n != 0 {
		t.Errorf("issuer duplicate fetched %d times", n)
	}
	var latestHits []hit
	for _, h := range srv.allHits() {
		if strings.Contains(h.ua, "crawler-ops@leadgen.example") {
			latestHits = append(latestHits, h)
		} else if !strings.Contains(h.ua, "index-ops@leadgen.example") {
			t.Errorf("%s: User-Agent %q", h.path, h.ua)
		}
	}
	if len(sink.pages) != 1+5 || len(latestHits) != 1+6+1 { // feed, six filings, robots.txt
		t.Errorf("pages = %v, %d requests", sink.pages, len(latestHits))
	}
	assertSpacing(t, latestHits, time.Second/DefaultRequestsPerSecond)
}

// concurrently runs fns at once and waits for them: crawls wait on their
// rate limit, so independent ones in one test overlap their waits.
func concurrently(fns ...func()) {
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Go(fn)
	}
	wg.Wait()
}

// seenRecorder is a seen callback that remembers what it was asked.
type seenRecorder struct {
	mu     sync.Mutex
	stored map[string]bool
	asked  []string
}

func (s *seenRecorder) seen(acc string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, acc)
	return s.stored[acc]
}

func TestCrawlLatestPagingAndSeen(t *testing.T) {
	t.Parallel()
	srv := newFakeLatest(t)
	const now = "2025-03-07T17:45:00-05:00"
	stored := IndexEntry{FormType: "D", CompanyName: "Already Stored Inc.", CIK: "2070500", Accession: "0002070500-25-000001"}
	// Page 1: two Form Ds among proxies. Page 2 starts with Ferncastle again
	// (new filings pushed it down) and holds two more. Page 3 holds a filing
	// the caller stored and, after it, one more new one: paging ends there.
	srv.setFeed(0, latestFeed(now, append([]string{latestItem(quillmesh, "Filer", "2025-03-07T17:40:00-05:00"),
		latestItem(ferncastle, "Filer", "2025-03-07T17:30:00-05:00")}, proxyItems(38, "2025-03-07T17:20:00-05:00")...)...))
	srv.setFeed(40, latestFeed(now, append([]string{latestItem(ferncastle, "Filer", "2025-03-07T17:30:00-05:00"),
		latestItem(lumenvale, "Filer", "2025-03-07T16:00:00-05:00"), latestItem(boulange, "Filer", "2025-03-07T15:00:00-05:00")},
		proxyItems(37, "2025-03-07T14:00:00-05:00")...)...))
	srv.setFeed(80, latestFeed(now, append([]string{latestItem(stored, "Filer", "2025-03-07T12:00:00-05:00"),
		latestItem(northgate, "Filer", "2025-03-07T11:00:00-05:00")}, proxyItems(38, "2025-03-07T10:00:00-05:00")...)...))
	srv.setFeed(120, latestFeed(now, latestItem(IndexEntry{FormType: "D", CompanyName: "Never Reached", CIK: "9", Accession: "0000000009-25-000001"},
		"Filer", "2025-03-07T09:00:00-05:00")))
	addLatestDocs(t, srv)
	rec := &seenRecorder{stored: map[string]bool{stored.Accession: true}}
	sink := newRecSink()
	res, err := CrawlLatest(context.Background(), testConfig(srv.URL), rec.seen, sink)
	if err != nil {
		t.Fatal(err)
	}
	want := LatestResult{Pages: 3, Entries: 7, AlreadyStored: 1, Cutoff: rfc3339("2025-03-04T17:45:00-05:00"),
		FilingsSeen: 5, Duplicates: 1, Kept: 4, SkippedFunds: 1}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v\nwant     %+v", res, want)
	}
	for start, n := range map[int]int{0: 1, 40: 1, 80: 1, 120: 0} {
		if got := len(srv.hitsOf(feedKey(start))); got != n {
			t.Errorf("page start=%d fetched %d times, want %d", start, got, n)
		}
	}
	if n := len(srv.hitsOf(PrimaryDocURL(srv.URL, stored))) + len(srv.hitsOf(PrimaryDocURL(srv.URL, ferncastle))); n != 1 {
		t.Errorf("stored + repeated filings fetched %d times, want Ferncastle once", n)
	}
	wantAsked := []string{quillmesh.Accession, ferncastle.Accession, lumenvale.Accession, boulange.Accession, stored.Accession, northgate.Accession}
	if !reflect.DeepEqual(rec.asked, wantAsked) {
		t.Errorf("seen asked %v\nwant %v (each once, repeats not asked)", rec.asked, wantAsked)
	}
}

func TestCrawlLatestCutoffAndMaxPages(t *testing.T) {
	t.Parallel()
	const now = "2025-03-10T09:00:00-04:00"
	srv := newFakeLatest(t)
	old := IndexEntry{FormType: "D", CompanyName: "Old News LLC", CIK: "2070600", Accession: "0002070600-25-000001"}
	srv.setFeed(0, latestFeed(now, append([]string{latestItem(quillmesh, "Filer", "2025-03-07T17:40:00-05:00"),
		latestItem(old, "Filer", "2025-03-07T07:59:59-05:00")}, proxyItems(38, "2025-03-07T07:00:00-05:00")...)...))
	srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
	// Full, fresh pages without Form D: paging stops at LatestMaxPages.
	busy := newFakeLatest(t)
	for p := range LatestMaxPages + 1 {
		busy.setFeed(p*LatestPageSize, latestFeed(now, proxyItems(LatestPageSize, "2025-03-10T08:00:00-04:00")...))
	}
	var res, busyRes LatestResult
	var err, busyErr error
	concurrently(func() {
		res, err = CrawlLatest(context.Background(), testConfig(srv.URL), nil, newRecSink())
	}, func() {
		busyRes, busyErr = CrawlLatest(context.Background(), testConfig(busy.URL), nil, newRecSink())
	})
	if err != nil || busyErr != nil {
		t.Fatal(err, busyErr)
	}
	if res.TooOld != 1 || res.Kept != 1 || res.Pages != 1 || !res.Cutoff.Equal(rfc3339("2025-03-07T09:00:00-04:00")) {
		t.Errorf("result = %+v; want the old filing left out and paging stopped", res)
	}
	if n := len(srv.hitsOf(PrimaryDocURL(srv.URL, old))) + len(srv.hitsOf(feedKey(40))); n != 0 {
		t.Errorf("%d requests for the old filing or the next page", n)
	}
	if busyRes.Pages != LatestMaxPages || len(busy.hitsOf(feedKey(LatestMaxPages*LatestPageSize))) != 0 {
		t.Errorf("pages = %d, want %d and no more requests", busyRes.Pages, LatestMaxPages)
	}
}

func TestCrawlLatestPageFailures(t *testing.T) {
	t.Parallel()
	srv := newFakeLatest(t)
	srv.setFeed(0, latestFeed("2025-03-07T17:45:00-05:00", append([]string{latestItem(quillmesh, "Filer", "2025-03-07T17:40:00-05:00")},
		proxyItems(39, "2025-03-07T17:00:00-05:00")...)...))
	srv.setFeed(40, []byte("<!DOCTYPE html>\r\n<html><body>Request Rate Threshold Exceeded</body></html>"))
	srv.addDoc(t, quillmesh, "d_tech_quillmesh.xml", "text/xml")
	down := newFakeLatest(t)
	down.fail(feedKey(0), failure{code: 503}, failure{code: 503}, failure{code: 503})
	downCfg := testConfig(down.URL)
	downCfg.MaxRetries = 2
	sink, downSink := newRecSink(), newRecSink()
	var res, downRes LatestResult
	var err, downErr error
	concurrently(func() {
		res, err = CrawlLatest(context.Background(), testConfig(srv.URL), nil, sink)
	}, func() {
		downRes, downErr = CrawlLatest(context.Background(), downCfg, nil, downSink)
	})
	if err != nil || res.Pages != 1 || res.PagesFailed != 1 || res.Kept != 1 {
		t.Errorf("malformed second page: result = %+v, err = %v", res, err)
	}
	if err := sink.errs[LatestFeedURL(srv.URL, 40)]; err == nil || !strings.Contains(err.Error(), "parse atom") {
		t.Errorf("malformed page error = %v", err)
	}
	if downErr != nil || downRes.PagesFailed != 1 || downRes.Pages != 0 || !downRes.Cutoff.IsZero() {
		t.Errorf("feed down: result = %+v, err = %v", downRes, downErr)
	}
	if err := downSink.errs[LatestFeedURL(down.URL, 0)]; err == nil || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Errorf("feed error = %v", err)
	}
}

func TestCrawlLatestRobotsDisallow(t *testing.T) {
	t.Parallel()
	srv := newFakeLatest(t)
	srv.robots = "User-agent: *\nDisallow: /cgi-bin\n"
	srv.setFeed(0, fixtureFeed(t))
	res, err := CrawlLatest(context.Background(), testConfig(srv.URL), nil, newRecSink())
	if !errors.Is(err, crawlers.ErrRobotsDisallowed) || res.Pages != 0 {
		t.Errorf("err = %v, result %+v; want the robots refusal returned", err, res)
	}
	if n := len(srv.hitsOf(feedKey(0))); n != 0 {
		t.Errorf("disallowed feed fetched %d times", n)
	}
}

func TestCrawlLatestArguments(t *testing.T) {
	if _, err := CrawlLatest(context.Background(), Config{ContactEmail: "ops@example.com"}, nil, nil); err == nil {
		t.Error("nil sink: no error")
	}
	if _, err := CrawlLatest(context.Background(), Config{}, nil, newRecSink()); err == nil || !strings.Contains(err.Error(), "e-mail") {
		t.Errorf("no contact e-mail: err = %v", err)
	}
}

func TestCrawlLatestCancelFromSink(t *testing.T) {
	t.Parallel()
	srv := newFakeLatest(t)
	srv.setFeed(0, fixtureFeed(t))
	addLatestDocs(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := newRecSink()
	sink.onSignal = func(crawlers.Signal) { cancel() }
	_, err := CrawlLatest(ctx, testConfig(srv.URL), nil, sink)
	if !errors.Is(err, context.Canceled) || len(sink.signals) != 1 {
		t.Errorf("err = %v, %d signals; want the run to stop after the first", err, len(sink.signals))
	}
}
