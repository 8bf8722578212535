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

func newFakeEdgar(t *testing.T, days map[time.Time][]filing, firstSale time.Time) *fakeEdgar {
	t.Helper()
	tmpl := template.Must(template.ParseFiles("testdata/edgar/form.idx.tmpl"))
	pages := map[string][]byte{"/robots.txt": []byte("User-agent: *\nDisallow: /cgi-bin/private/\n")}
	for d, fs := range days {
		var rows []string
		for _, f := range fs {
			rows = append(rows, fmt.Sprintf("%-17s %-61s %-11s %s    edgar/data/%s/%s.txt   ",
				f.form, f.name, f.cik, d.Format("20060102"), f.cik, f.accession))
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

func (fe *fakeEdgar) hitsFor(path string) int {
	fe.mu.Lock()
	defer fe.mu.Unlock()
	return fe.hits[path]
}
