package edgar

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"
)

// AtomEntry is one Form D or D/A filing listed by EDGAR's "latest filings"
// Atom feed (browse-edgar?action=getcurrent&output=atom).
type AtomEntry struct {
	FormType    string    // "D" or "D/A"
	CompanyName string    // as in the entry title
	CIK         string    // digits, no leading zeros
	Role        string    // "Filer", "Issuer", "Reporting"… as in the title
	Accession   string    // e.g. "0002144150-26-000002"
	Filed       time.Time // filing date (the summary's "Filed:"), UTC midnight as in the daily index
	Updated     time.Time // acceptance time, in the feed's offset
	IndexURL    string    // the entry's link: the filing's index page, as given
}

// AtomFeed is one parsed feed page.
type AtomFeed struct {
	Updated time.Time      // the feed's own <updated>: the server's clock when it made the page
	Count   int            // <entry> elements on the page, every form type included
	Entries []AtomEntry    // Form D and D/A entries, one per accession
	Skipped []SkippedEntry // Form D entries that could not be read
}

// SkippedEntry is a Form D feed entry that did not parse.
type SkippedEntry struct {
	N      int    // 1-based position among the page's entries
	Title  string // the entry title as given
	Reason string
}

// maxAtomSize bounds a feed page; a 100-entry page is about 60 KB.
const maxAtomSize = 4 << 20

var (
	// atomTitle reads "FORM - NAME (CIK) (ROLE)" right to left, so a name
	// may hold " - " or parentheses of its own.
	atomTitle = regexp.MustCompile(`^(\S.*?)\s+-\s+(.+?)\s+\((\d{1,10})\)\s+\(([^()]*)\)$`)
	atomFiled = regexp.MustCompile(`Filed:\s*(\d{4}-\d{2}-\d{2})`)
	atomAccNo = regexp.MustCompile(`AccNo:\s*(\d{10}-\d{2}-\d{6})`)
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
)

// atomIDPrefix precedes the accession number in an entry id
// ("urn:tag:sec.gov,2008:accession-number=…").
const atomIDPrefix = "accession-number="

// The xmlAtom* types mirror the getcurrent feed; namespaces are ignored.
type xmlAtomFeed struct {
	XMLName xml.Name
	Updated string         `xml:"updated"`
	Entries []xmlAtomEntry `xml:"entry"`
}

type xmlAtomEntry struct {
	Title      string            `xml:"title"`
	Summary    string            `xml:"summary"`
	Updated    string            `xml:"updated"`
	ID         string            `xml:"id"`
	Links      []xmlAtomLink     `xml:"link"`
	Categories []xmlAtomCategory `xml:"category"`
}

type xmlAtomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type xmlAtomCategory struct {
	Term string `xml:"term,attr"`
}

// ParseAtom parses a getcurrent Atom page and returns its Form D and D/A
// entries, one per accession; entries it cannot read are dropped (use
// ReadAtom to see them).
func ParseAtom(r io.Reader) ([]AtomEntry, error) {
	feed, err := ReadAtom(r)
	return feed.Entries, err
}

// ReadAtom parses a getcurrent Atom page. Other form types are left out;
// when an accession is listed more than once (once per filer, issuer or
// reporting owner) the Filer entry is kept, else the Issuer, else the first.
func ReadAtom(r io.Reader) (AtomFeed, error) {
	doc, err := io.ReadAll(io.LimitReader(r, maxAtomSize+1))
	if err != nil {
		return AtomFeed{}, fmt.Errorf("edgar: parse atom: %w", err)
	}
	if len(doc) > maxAtomSize {
		return AtomFeed{}, fmt.Errorf("edgar: parse atom: feed over %d bytes", maxAtomSize)
	}
	x, err := decodeAtom(doc)
	if err != nil {
		return AtomFeed{}, fmt.Errorf("edgar: parse atom: %w", err)
	}
	feed := AtomFeed{Count: len(x.Entries)}
	if t, err := time.Parse(time.RFC3339, trim(x.Updated)); err == nil {
		feed.Updated = t
	}
	kept := map[string]int{} // accession → index in feed.Entries
	for i, xe := range x.Entries {
		if !IsFormD(atomFormType(xe)) {
			continue
		}
		e, err := atomEntryFrom(xe)
		if err != nil {
			feed.Skipped = append(feed.Skipped, SkippedEntry{N: i + 1, Title: trim(xe.Title), Reason: err.Error()})
			continue
		}
		j, dup := kept[e.Accession]
		switch {
		case !dup:
			kept[e.Accession] = len(feed.Entries)
			feed.Entries = append(feed.Entries, e)
		case roleRank(e.Role) < roleRank(feed.Entries[j].Role):
			feed.Entries[j] = e
		}
	}
	return feed, nil
}

// decodeAtom decodes the feed element; the prolog declares ISO-8859-1.
func decodeAtom(doc []byte) (xmlAtomFeed, error) {
	doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf"))
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.CharsetReader = charsetReader
	dec.Entity = xml.HTMLEntity // a stray &nbsp; should not cost the page
	var x xmlAtomFeed
	if err := dec.Decode(&x); err != nil {
		return x, fmt.Errorf("not xml: %w", err)
	}
	if x.XMLName.Local != "feed" {
		return x, fmt.Errorf("root element is <%s>, want <feed>", x.XMLName.Local)
	}
	return x, nil
}

// atomFormType is the entry's form type: the category term, else the
// title's first part.
func atomFormType(xe xmlAtomEntry) string {
	for _, c := range xe.Categories {
		if t := collapseSpaces(c.Term); t != "" {
			return t
		}
	}
	if m := atomTitle.FindStringSubmatch(collapseSpaces(xe.Title)); m != nil {
		return m[1]
	}
	return ""
}

// atomEntryFrom reads one Form D entry.
func atomEntryFrom(xe xmlAtomEntry) (AtomEntry, error) {
	m := atomTitle.FindStringSubmatch(collapseSpaces(xe.Title))
	if m == nil {
		return AtomEntry{}, errors.New(`title is not "FORM - NAME (CIK) (ROLE)"`)
	}
	cik := strings.TrimLeft(m[3], "0")
	if cik == "" {
		return AtomEntry{}, errors.New("zero cik")
	}
	summary := atomSummaryText(xe.Summary)
	acc, err := atomAccession(xe.ID, summary)
	if err != nil {
		return AtomEntry{}, err
	}
	updated, err := time.Parse(time.RFC3339, trim(xe.Updated))
	if err != nil {
		return AtomEntry{}, fmt.Errorf("updated %q is not an RFC 3339 time", trim(xe.Updated))
	}
	filed, err := atomFiledDate(summary, updated)
	if err != nil {
		return AtomEntry{}, err
	}
	return AtomEntry{
		FormType:    atomFormType(xe),
		CompanyName: m[2],
		CIK:         cik,
		Role:        m[4],
		Accession:   acc,
		Filed:       filed,
		Updated:     updated,
		IndexURL:    atomLink(xe.Links),
	}, nil
}

// atomSummaryText turns the entity-escaped HTML summary into plain text.
func atomSummaryText(s string) string {
	return collapseSpaces(html.UnescapeString(htmlTag.ReplaceAllString(s, " ")))
}

// atomAccession takes the accession from the entry id, else the summary.
func atomAccession(id, summary string) (string, error) {
	if _, after, ok := strings.Cut(id, atomIDPrefix); ok {
		if acc, ok := NormalizeAccession(after); ok {
			return acc, nil
		}
	}
	if m := atomAccNo.FindStringSubmatch(summary); m != nil {
		return m[1], nil
	}
	return "", errors.New("no accession number in id or summary")
}

// atomFiledDate is the summary's filing date. Without one it falls back to
// the acceptance day in EDGAR's own time zone (the offset the feed gives),
// which is the filing date unless the filing came in after the 17:30 cut.
func atomFiledDate(summary string, updated time.Time) (time.Time, error) {
	if m := atomFiled.FindStringSubmatch(summary); m != nil {
		return parseIndexDate(m[1])
	}
	d := dayOf(updated)
	if d.Year() < 1993 {
		return time.Time{}, fmt.Errorf("updated %s is before EDGAR", d.Format(time.DateOnly))
	}
	return d, nil
}

// atomLink is the alternate link's href, else the first one.
func atomLink(links []xmlAtomLink) string {
	for _, l := range links {
		if l.Rel == "alternate" || l.Rel == "" {
			return trim(l.Href)
		}
	}
	if len(links) > 0 {
		return trim(links[0].Href)
	}
	return ""
}

// roleRank orders the roles of a repeated accession: the filer's entry
// names the issuer of a Form D, so it wins.
func roleRank(role string) int {
	switch strings.ToLower(role) {
	case "filer":
		return 0
	case "issuer":
		return 1
	case "subject":
		return 2
	}
	return 3
}

// IndexEntry is the daily-index row of the same filing, so the Atom path
// builds URLs and signals exactly as the daily-index path does.
func (e AtomEntry) IndexEntry() IndexEntry {
	return IndexEntry{
		FormType:    e.FormType,
		CompanyName: e.CompanyName,
		CIK:         e.CIK,
		DateFiled:   e.Filed,
		FileName:    fmt.Sprintf("edgar/data/%s/%s.txt", e.CIK, e.Accession),
		Accession:   e.Accession,
	}
}
