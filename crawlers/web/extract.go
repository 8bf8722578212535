package web

import (
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// maxFieldRunes bounds one extracted value; a selector that matches a
// whole page section should not flood the CRM.
const maxFieldRunes = 1000

// Page is what Extract reads from one listing page.
type Page struct {
	URL     string
	Items   []Item
	Skipped int    // item elements with neither a title nor a company
	NextURL string // absolute, in allowed_domains; "" on the last page
}

// Item is one listing as extracted; text fields are whitespace-normalised.
type Item struct {
	Title, Company, Phone, Address, Category string
	Website                                  string // absolute URL, never on the listing site itself
	DetailURL                                string // absolute URL of the item's own page
	PageURL                                  string // the listing page it was found on
	Budget                                   Budget
	PostedText                               string    // as written, e.g. "3 days ago"
	Posted                                   time.Time // zero when PostedText is missing or unreadable
	SeenAt                                   time.Time // the config's now when extracted
}

// field is a Field with its regexes compiled.
type field struct {
	Field
	re  *regexp.Regexp
	alt []field
}

// compile compiles a field and its fallbacks.
func compile(f Field) (field, error) {
	out := field{Field: f}
	if f.Selector != "" {
		// goquery would treat a bad selector as matching nothing, silently.
		if _, err := cascadia.ParseGroup(f.Selector); err != nil {
			return field{}, fmt.Errorf("bad selector %q: %w", f.Selector, err)
		}
	}
	if f.Regex != "" {
		re, err := regexp.Compile(f.Regex)
		if err != nil {
			return field{}, fmt.Errorf("bad regex %q: %w", f.Regex, err)
		}
		out.re = re
	}
	for _, fb := range f.Fallbacks {
		c, err := compile(fb)
		if err != nil {
			return field{}, err
		}
		out.alt = append(out.alt, c)
	}
	return out, nil
}

// extractor holds one Extract's compiled fields.
type extractor struct {
	cfg    Config
	base   *url.URL
	fields map[string]field
	next   field
}

// Extract reads the items and the next-page link of one listing page;
// pageURL resolves relative links. Only a config whose selectors or
// regexes do not compile, or unreadable HTML, is an error.
func Extract(cfg Config, pageURL string, r io.Reader) (Page, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return Page{}, fmt.Errorf("web: extract: page url: %w", err)
	}
	if _, err := cascadia.ParseGroup(cfg.Item); err != nil {
		return Page{}, fmt.Errorf("web: extract: item: bad selector %q: %w", cfg.Item, err)
	}
	x := extractor{cfg: cfg, base: base, fields: map[string]field{}}
	for _, nf := range cfg.Fields.ordered() {
		if x.fields[nf.key], err = compile(nf.f); err != nil {
			return Page{}, fmt.Errorf("web: extract: fields.%s: %w", nf.key, err)
		}
	}
	if x.next, err = compile(cfg.NextPage); err != nil {
		return Page{}, fmt.Errorf("web: extract: next_page: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return Page{}, fmt.Errorf("web: extract: parse html: %w", err)
	}
	p := Page{URL: pageURL}
	now := cfg.now()
	doc.Find(cfg.Item).Each(func(_ int, s *goquery.Selection) {
		it, ok := x.item(s, now)
		if !ok {
			p.Skipped++
			return
		}
		p.Items = append(p.Items, it)
	})
	p.NextURL = x.nextURL(doc.Selection)
	return p, nil
}

// item reads one listing; ok is false when it has neither title nor company.
func (x extractor) item(s *goquery.Selection, now time.Time) (Item, bool) {
	get := func(key string) string { return x.fields[key].value(s) }
	it := Item{
		Title: get("title"), Company: get("company"), Address: get("address"),
		Category: get("category"), PageURL: x.base.String(), SeenAt: now,
		Phone:   cleanPhone(get("phone")),
		Website: x.website(get("website")), DetailURL: x.link(get("detail_url")),
		PostedText: get("posted"),
	}
	if it.Title == "" && it.Company == "" {
		return Item{}, false
	}
	it.Posted = ParsePosted(it.PostedText, now)
	it.Budget = ParseBudget(get("budget"), x.cfg.DefaultCurrency)
	return it, true
}

// nextURL is the next page's absolute URL, if allowed and not this page.
func (x extractor) nextURL(doc *goquery.Selection) string {
	if x.next.IsZero() {
		return ""
	}
	u := x.link(x.next.value(doc))
	if u == "" || u == x.base.String() || !x.cfg.Allowed(u) {
		return ""
	}
	return u
}

// value reads the field from s, trying fallbacks when it yields nothing.
func (f field) value(s *goquery.Selection) string {
	if f.IsZero() {
		return ""
	}
	sel := s
	if f.Selector != "" {
		sel = s.Find(f.Selector)
	}
	var vals []string
	sel.EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if v := f.read(e); v != "" {
			vals = append(vals, v)
		}
		return f.All
	})
	if v := truncate(strings.Join(vals, ", "), maxFieldRunes); v != "" {
		return v
	}
	for _, a := range f.alt {
		if v := a.value(s); v != "" {
			return v
		}
	}
	return ""
}

// read takes one element's attribute or text through the regex.
func (f field) read(e *goquery.Selection) string {
	var v string
	if f.Attr != "" {
		v = e.AttrOr(f.Attr, "")
	} else {
		v = text(e)
	}
	v = clean(v)
	if f.re == nil || v == "" {
		return v
	}
	m := f.re.FindStringSubmatch(v)
	switch {
	case m == nil:
		return ""
	case len(m) > 1:
		return clean(m[1])
	}
	return clean(m[0])
}

// text is an element's text with a space at block boundaries, so
// "<div>120 Main St</div><div>Boston</div>" does not read "StBoston".
func text(e *goquery.Selection) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
		}
		block := n.Type == html.ElementNode && blocks[n.Data]
		if block {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte(' ')
		}
	}
	for _, n := range e.Nodes {
		walk(n)
	}
	return b.String()
}

// blocks are the elements whose boundaries separate words.
var blocks = map[string]bool{"br": true, "div": true, "p": true, "li": true, "td": true, "th": true,
	"tr": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "address": true,
	"dd": true, "dt": true, "section": true, "article": true, "header": true, "footer": true}

// clean collapses whitespace and drops control characters.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar || r == '\u200b' || r == '\ufeff' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// truncate cuts s to at most n runes.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
