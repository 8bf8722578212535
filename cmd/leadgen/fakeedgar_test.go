package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"text/template"
	"time"
)

// filing is one Form D the fake EDGAR lists in a daily index.
type filing struct {
	form, name, cik, accession, file string
}

// fakeEdgar serves the EDGAR layout leadgen crawls: robots.txt, daily form
// indexes (404 on days without one) and primary_doc.xml files from testdata.
type fakeEdgar struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
	hook func(*http.Request) // called on every request, if set
}

// onRequest sets a function called on every request (nil removes it).
func (fe *fakeEdgar) onRequest(f func(*http.Request)) {
	fe.mu.Lock()
	fe.hook = f
	fe.mu.Unlock()
}

func dayPath(d time.Time) string {
	return fmt.Sprintf("/Archives/edgar/daily-index/%d/QTR%d/form.%s.idx", d.Year(), (int(d.Month())-1)/3+1, d.Format("20060102"))
}

// latestFeed renders EDGAR's latest-filings Atom feed (ISO-8859-1, CRLF)
// listing filings, newest first, as filed on day.
func latestFeed(now, day time.Time, fs []filing) []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\r\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\r\n")
	fmt.Fprintf(&b, "<title>Latest Filings</title>\r\n<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>\r\n<updated>%s</updated>\r\n", now.Format(time.RFC3339))
	for _, f := range fs {
		acc := strings.ReplaceAll(f.accession, "-", "")
		fmt.Fprintf(&b, "<entry>\r\n<title>%s - %s (%010s) (Filer)</title>\r\n", f.form, f.name, f.cik)
		fmt.Fprintf(&b, "<link rel=\"alternate\" type=\"text/html\" href=\"https://www.sec.gov/Archives/edgar/data/%s/%s/%s-index.htm\"/>\r\n", f.cik, acc, f.accession)
		fmt.Fprintf(&b, "<summary type=\"html\"> &lt;b&gt;Filed:&lt;/b&gt; %s &lt;b&gt;AccNo:&lt;/b&gt; %s &lt;b&gt;Size:&lt;/b&gt; 7 KB</summary>\r\n", day.Format("2006-01-02"), f.accession)
		fmt.Fprintf(&b, "<updated>%s</updated>\r\n<category scheme=\"https://www.sec.gov/\" label=\"form type\" term=\"%s\"/>\r\n", now.Add(-time.Hour).Format(time.RFC3339), f.form)
		fmt.Fprintf(&b, "<id>urn:tag:sec.gov,2008:accession-number=%s</id>\r\n</entry>\r\n", f.accession)
	}
	b.WriteString("</feed>\r\n")
	return []byte(b.String())
}

// newFakeEdgar serves days of daily indexes; the filings of the latest day
// (and any in latest) are also in the latest-filings feed.
func newFakeEdgar(t *testing.T, days map[time.Time][]filing, firstSale time.Time, latest ...filing) *fakeEdgar {
	t.Helper()
	tmpl := template.Must(template.ParseFiles("testdata/edgar/form.idx.tmpl"))
	pages := map[string][]byte{"/robots.txt": []byte("User-agent: *\nDisallow: /cgi-bin/private/\n")}
	now := time.Now().UTC()
	var newest time.Time
	for d := range days {
		if d.After(newest) {
			newest = d
		}
	}
	feed := append(append([]filing{}, latest...), days[newest]...)
	pages["/cgi-bin/browse-edgar"] = latestFeed(now, now, feed)
	addDocs(t, pages, latest, firstSale)
	for d, fs := range days {
		var rows []string
		for _, f := range fs {
			rows = append(rows, fmt.Sprintf("%-17s %-61s %-11s %s    edgar/data/%s/%s.txt   ",
				f.form, f.name, f.cik, d.Format("20060102"), f.cik, f.accession))
		}
		addDocs(t, pages, fs, firstSale)
		var b bytes.Buffer
		if err := tmpl.Execute(&b, map[string]any{"Long": d.Format("Jan _2, 2006"), "Rows": rows}); err != nil {
			t.Fatal(err)
		}
		pages[dayPath(d)] = b.Bytes()
	}
	fe := &fakeEdgar{hits: map[string]int{}}
	fe.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fe.mu.Lock()
		fe.hits[r.URL.Path]++
		hook := fe.hook
		fe.mu.Unlock()
		if hook != nil {
			hook(r)
		}
		if !strings.Contains(r.UserAgent(), "ops@example.com") {
			http.Error(w, "declare your user agent", http.StatusForbidden)
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(body) //nolint:errcheck // test server
	}))
	t.Cleanup(fe.Close)
	return fe
}

// addDocs serves each filing's primary_doc.xml from testdata.
func addDocs(t *testing.T, pages map[string][]byte, fs []filing, firstSale time.Time) {
	t.Helper()
	for _, f := range fs {
		if f.file == "" {
			continue
		}
		doc, err := os.ReadFile("testdata/edgar/" + f.file)
		if err != nil {
			t.Fatal(err)
		}
		doc = bytes.ReplaceAll(doc, []byte("FIRSTSALE"), []byte(firstSale.Format("2006-01-02")))
		pages[fmt.Sprintf("/Archives/edgar/data/%s/%s/primary_doc.xml", f.cik, strings.ReplaceAll(f.accession, "-", ""))] = doc
	}
}

func (fe *fakeEdgar) hitsFor(path string) int {
	fe.mu.Lock()
	defer fe.mu.Unlock()
	return fe.hits[path]
}
