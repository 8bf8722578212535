package techcrunch

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leadgen/leadgen/crawlers/money"
)

func FuzzParseFeed(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("testdata", "feeds", "*.xml"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seed feeds: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><title>A raises $1M</title><link>https://a.example/</link><pubDate>Mon, 06 Jul 2026 16:30:00 +0000</pubDate></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ReadFeed(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "techcrunch: parse feed: ") || len(feed.Items) != 0 {
				t.Fatalf("error %v with %d items", err, len(feed.Items))
			}
			return
		}
		for _, it := range feed.Items {
			checkItem(t, it)
			fnd, ok := Extract(it.Title, it.Description)
			if ok {
				checkFunding(t, it.Title, fnd)
				if s := SignalFor(it, fnd, "https://techcrunch.com/feed/"); s.SourceItemID == "" || s.URL == "" || s.Title == "" {
					t.Fatalf("bad signal %+v", s)
				}
			}
		}
		for _, s := range feed.Skipped {
			if s.Reason == "" || s.Index < 0 {
				t.Fatalf("bad skipped item %+v", s)
			}
		}
	})
}

// checkItem asserts what ReadFeed promises of every item.
func checkItem(t *testing.T, it Item) {
	t.Helper()
	if it.Title == "" || it.Link == "" || it.Published.IsZero() || it.Published.Location().String() != "UTC" {
		t.Fatalf("incomplete item %+v", it)
	}
	if !strings.HasPrefix(it.Link, "http://") && !strings.HasPrefix(it.Link, "https://") {
		t.Fatalf("non-web link %q", it.Link)
	}
	for _, s := range append([]string{it.Title, it.Author, it.Description}, it.Categories...) {
		if !utf8.ValidString(s) || s != strings.TrimSpace(s) || strings.Contains(s, "  ") || strings.ContainsAny(s, "\n\t\r") {
			t.Fatalf("unclean text %q in %+v", s, it)
		}
	}
	for _, c := range it.Categories {
		if c == "" {
			t.Fatalf("empty category in %+v", it)
		}
	}
}

// checkFunding asserts what Extract promises of an accepted headline.
func checkFunding(t *testing.T, title string, f Funding) {
	t.Helper()
	if f.Company == "" || f.Round == "" || f.Amount < 0 || f.AmountUSD < 0 {
		t.Fatalf("%q: incomplete funding %+v", title, f)
	}
	if (f.Amount == 0) != (f.Currency == "") || f.Currency != "" && !money.Known(f.Currency) {
		t.Fatalf("%q: amount %d with currency %q", title, f.Amount, f.Currency)
	}
	if !utf8.ValidString(f.Company) || strings.TrimSpace(f.Company) != f.Company {
		t.Fatalf("%q: bad company %q", title, f.Company)
	}
	for _, l := range f.LeadInvestors {
		if l == "" || !utf8.ValidString(l) {
			t.Fatalf("%q: bad lead investor in %q", title, f.LeadInvestors)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range labelledFiles {
		for _, it := range readLabelled(f, name) {
			f.Add(it.title, it.desc)
		}
	}
	f.Fuzz(func(t *testing.T, title, desc string) {
		fnd, ok := Extract(title, desc)
		if !ok {
			if fnd.Company != "" || fnd.Amount != 0 {
				t.Fatalf("refused %q but returned %+v", title, fnd)
			}
			return
		}
		checkFunding(t, title, fnd)
		if SignalTitle(fnd, title) == "" {
			t.Fatalf("%q: empty signal title", title)
		}
	})
}
