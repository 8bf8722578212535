// Package techcrunch reads TechCrunch's WordPress RSS feeds (and feeds of
// the same shape), picks out the items that report a startup raising
// money, and hands them on as funding signals.
package techcrunch

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
)

// Namespaces of the item elements the parser reads.
const (
	nsDC         = "http://purl.org/dc/elements/1.1/"
	nsContent    = "http://purl.org/rss/1.0/modules/content/"
	nsFeedburner = "http://rssnamespace.org/feedburner/ext/1.0"
)

// maxFeedSize bounds what ParseFeed reads; real feeds are well under 1 MB.
const maxFeedSize = 16 << 20

// Item is one feed entry with its text cleaned: entities decoded, HTML
// stripped, whitespace collapsed.
type Item struct {
	Title       string
	Link        string // the article; feedburner:origLink when the feed has one
	GUID        string // as in the feed; may be empty
	Published   time.Time
	Author      string   // dc:creator; several are joined with ", "
	Categories  []string // in feed order, duplicates removed
	Description string   // excerpt as plain text, copyright footer removed
}

// SkippedItem is a feed entry left out, with the reason.
type SkippedItem struct {
	Index  int // position among the feed's items, from 0
	Title  string
	GUID   string
	Reason string
}

// Feed is a parsed RSS document.
type Feed struct {
	Title   string
	Items   []Item
	Skipped []SkippedItem // entries without a title, link or date
}

// ErrNotRSS reports a document that is XML but not an RSS 2.0 feed.
var ErrNotRSS = errors.New("not an rss feed")

// ParseFeed reads an RSS 2.0 document and returns its usable items; see ReadFeed.
func ParseFeed(r io.Reader) ([]Item, error) {
	f, err := ReadFeed(r)
	return f.Items, err
}

// ReadFeed reads an RSS 2.0 document. Malformed XML or a document that is
// not RSS is an error; an item without a title, a web link or a readable
// date is left out and listed in Skipped instead.
func ReadFeed(r io.Reader) (Feed, error) {
	doc, err := io.ReadAll(io.LimitReader(r, maxFeedSize+1))
	if err != nil {
		return Feed{}, fmt.Errorf("techcrunch: parse feed: %w", err)
	}
	if len(doc) > maxFeedSize {
		return Feed{}, fmt.Errorf("techcrunch: parse feed: over %d bytes", maxFeedSize)
	}
	ch, err := decodeChannel(doc)
	if err != nil {
		return Feed{}, fmt.Errorf("techcrunch: parse feed: %w", err)
	}
	feed := Feed{Title: cleanLine(ch.Title)}
	for i, x := range ch.Items {
		it, reason := x.item()
		if reason != "" {
			feed.Skipped = append(feed.Skipped, SkippedItem{Index: i, Title: it.Title, GUID: it.GUID, Reason: reason})
			continue
		}
		feed.Items = append(feed.Items, it)
	}
	return feed, nil
}

type xmlRSS struct {
	Channel *xmlChannel `xml:"channel"`
}

type xmlChannel struct {
	Title string    `xml:"title"`
	Items []xmlItem `xml:"item"`
}

// xmlItem keeps every child element, so that namespaced look-alikes
// (atom:link, media:title) cannot be mistaken for the RSS ones.
type xmlItem struct {
	Fields []xmlField `xml:",any"`
}

type xmlField struct {
	XMLName xml.Name
	Text    string `xml:",chardata"` // CDATA included
}

// decodeChannel checks the root is <rss> and decodes its channel. It
// accepts a byte-order mark, HTML named entities outside CDATA, and
// single-byte charsets declared in the prolog.
func decodeChannel(doc []byte) (*xmlChannel, error) {
	doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf"))
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.CharsetReader = charsetReader
	dec.Entity = xml.HTMLEntity
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty document")
		}
		if err != nil {
			return nil, err
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if start.Name.Local != "rss" {
			return nil, fmt.Errorf("%w: root element <%s>", ErrNotRSS, start.Name.Local)
		}
		var rss xmlRSS
		if err := dec.DecodeElement(&rss, &start); err != nil {
			return nil, err
		}
		if rss.Channel == nil {
			return nil, fmt.Errorf("%w: no <channel>", ErrNotRSS)
		}
		return rss.Channel, nil
	}
}

// item maps the raw fields; reason is why the entry is unusable, if it is.
func (x xmlItem) item() (it Item, reason string) {
	var link, origLink, pubDate, dcDate, description, content string
	var authors []string
	for _, f := range x.Fields {
		switch f.XMLName {
		case xml.Name{Local: "title"}:
			it.Title = firstNonEmpty(it.Title, cleanLine(f.Text))
		case xml.Name{Local: "link"}:
			link = firstNonEmpty(link, strings.TrimSpace(f.Text))
		case xml.Name{Space: nsFeedburner, Local: "origLink"}:
			origLink = firstNonEmpty(origLink, strings.TrimSpace(f.Text))
		case xml.Name{Local: "guid"}:
			it.GUID = firstNonEmpty(it.GUID, strings.TrimSpace(f.Text))
		case xml.Name{Local: "pubDate"}:
			pubDate = firstNonEmpty(pubDate, strings.TrimSpace(f.Text))
		case xml.Name{Space: nsDC, Local: "date"}:
			dcDate = firstNonEmpty(dcDate, strings.TrimSpace(f.Text))
		case xml.Name{Space: nsDC, Local: "creator"}:
			authors = appendUnique(authors, cleanLine(f.Text))
		case xml.Name{Local: "category"}:
			it.Categories = appendUnique(it.Categories, cleanLine(f.Text))
		case xml.Name{Local: "description"}:
			description = firstNonEmpty(description, f.Text)
		case xml.Name{Space: nsContent, Local: "encoded"}:
			content = firstNonEmpty(content, f.Text)
		}
	}
	it.Author = strings.Join(authors, ", ")
	it.Description = cleanHTML(firstNonEmpty(description, content))
	it.Link = webLink(firstNonEmpty(origLink, link))
	switch {
	case it.Title == "":
		return it, "no title"
	case it.Link == "":
		return it, fmt.Sprintf("no web link (%q)", firstNonEmpty(origLink, link))
	}
	var err error
	if it.Published, err = parseDate(firstNonEmpty(pubDate, dcDate)); err != nil {
		return it, err.Error()
	}
	return it, ""
}

// webLink returns raw if it is an absolute http(s) URL, else "": the link
// is shown to people as evidence, so nothing else is worth keeping.
func webLink(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return raw
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// appendUnique appends s unless it is empty or already there (any case).
func appendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}
