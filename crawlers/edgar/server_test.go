package edgar

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// fakeEDGAR is an httptest server laid out like www.sec.gov: /robots.txt,
// /Archives/edgar/daily-index/… and /Archives/edgar/data/….
type fakeEDGAR struct {
	*httptest.Server
	mu       sync.Mutex
	robots   string
	pages    map[string]page      // path → body served with 200
	failures map[string][]failure // path → responses sent before the page
	stall    map[string]bool      // path → hang until the client goes away
	hits     []hit
}

type page struct {
	body        []byte
	contentType string
}

type failure struct {
	code       int
	retryAfter string
}

type hit struct {
	path string
	ua   string
	at   time.Time
}

func newFakeEDGAR(t *testing.T) *fakeEDGAR {
	f := &fakeEDGAR{robots: "User-agent: *\nAllow: /\n", pages: map[string]page{},
		failures: map[string][]failure{}, stall: map[string]bool{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeEDGAR) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.hits = append(f.hits, hit{path: r.URL.Path, ua: r.UserAgent(), at: time.Now()})
	p, ok := f.pages[r.URL.Path]
	var fail *failure
	if q := f.failures[r.URL.Path]; len(q) > 0 {
		fail, f.failures[r.URL.Path] = &q[0], q[1:]
	}
	stall, robots := f.stall[r.URL.Path], f.robots
	f.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		io.WriteString(w, robots)
	case stall:
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	case fail != nil:
		if fail.retryAfter != "" {
			w.Header().Set("Retry-After", fail.retryAfter)
		}
		http.Error(w, http.StatusText(fail.code), fail.code)
	case ok:
		w.Header().Set("Content-Type", p.contentType)
		w.Write(p.body)
	default:
		http.NotFound(w, r)
	}
}

// addIndex serves body as the daily index of day (YYYY-MM-DD).
func (f *fakeEDGAR) addIndex(day string, body []byte) string {
	u := DailyIndexURL(f.URL, date(day))
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[strings.TrimPrefix(u, f.URL)] = page{body: body, contentType: "text/plain"}
	return u
}

// addDoc serves a testdata/formd fixture as the primary_doc.xml of e.
func (f *fakeEDGAR) addDoc(t *testing.T, e IndexEntry, fixture, contentType string) string {
	body, err := os.ReadFile(filepath.Join("testdata", "formd", fixture))
	if err != nil {
		t.Fatal(err)
	}
	u := PrimaryDocURL(f.URL, e)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[strings.TrimPrefix(u, f.URL)] = page{body: body, contentType: contentType}
	return u
}

func (f *fakeEDGAR) fail(u string, fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[strings.TrimPrefix(u, f.URL)] = fs
}

// hitsOf returns the requests made for u (a full URL or a path).
func (f *fakeEDGAR) hitsOf(u string) []hit {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []hit
	for _, h := range f.hits {
		if h.path == strings.TrimPrefix(u, f.URL) {
			out = append(out, h)
		}
	}
	return out
}

func (f *fakeEDGAR) allHits() []hit {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]hit(nil), f.hits...)
}

// indexBody writes a daily form index in the real layout (wrapped column
// header, 17-character form-type column, padded file names).
func indexBody(day string, es ...IndexEntry) []byte {
	var b strings.Builder
	b.WriteString("Description:           Daily Index of EDGAR Dissemination Feed by Form Type\n")
	fmt.Fprintf(&b, "Last Data Received:    %s\n", date(day).Format("Jan _2, 2006"))
	b.WriteString("Comments:              webmaster@sec.gov\nAnonymous FTP:         ftp://ftp.sec.gov/edgar/\n \n \n \n \n")
	fmt.Fprintf(&b, "%-17s%-62s%s\n      Date Filed  File Name\n%s\n", "Form Type", "Company Name", "CIK", strings.Repeat("-", 146))
	for _, e := range es {
		fn := fmt.Sprintf("edgar/data/%s/%s.txt", e.CIK, e.Accession)
		fmt.Fprintf(&b, "%-17s%-62s%-12s%-12s%-52s\n", e.FormType, e.CompanyName, e.CIK, strings.ReplaceAll(day, "-", ""), fn)
	}
	return []byte(b.String())
}

// recSink records what a crawl hands it.
type recSink struct {
	mu       sync.Mutex
	signals  []crawlers.Signal
	pages    []string
	errs     map[string]error
	onSignal func(crawlers.Signal)
}

func newRecSink() *recSink { return &recSink{errs: map[string]error{}} }

func (s *recSink) Signal(_ context.Context, sig crawlers.Signal) error {
	s.mu.Lock()
	s.signals = append(s.signals, sig)
	cb := s.onSignal
	s.mu.Unlock()
	if cb != nil {
		cb(sig)
	}
	return nil
}

func (s *recSink) Page(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages = append(s.pages, url)
}

func (s *recSink) Error(url string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs[url] = err
}

func (s *recSink) byID() map[string]crawlers.Signal {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := map[string]crawlers.Signal{}
	for _, sig := range s.signals {
		m[sig.SourceItemID] = sig
	}
	return m
}

// testConfig is a fast Config for the fake server.
func testConfig(base string) Config {
	return Config{
		BaseURL:      base,
		ContactEmail: "crawler-ops@leadgen.example",
		MaxRetries:   3,
		BackoffBase:  10 * time.Millisecond,
		MaxWait:      3 * time.Second,
		Timeout:      5 * time.Second,
		Logger:       slog.New(slog.DiscardHandler),
	}
}
