package techcrunch

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// footerRe matches the notice WordPress feeds append to excerpts: TC's
// "© 2024 TechCrunch. All rights reserved. For personal use only." and
// the older "The post … appeared first on TechCrunch."
var footerRe = regexp.MustCompile(`(?i)(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?TechCrunch(?:,?\s*Inc\.?)?\.?\s*All rights reserved\.?(?:\s*For personal use only\.?)?` +
	`|The post .{1,300}? appeared first on TechCrunch\.?`)

// cleanLine decodes HTML entities left in a one-line field (CDATA keeps
// them, WordPress double-escapes some) and collapses whitespace.
func cleanLine(s string) string {
	return collapse(html.UnescapeString(s))
}

// collapse turns every run of whitespace or control characters into one
// space and trims the ends.
func collapse(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// blockTags end a run of text: their content is a separate sentence.
var blockTags = map[string]bool{
	"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true, "blockquote": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "tr": true, "td": true, "figure": true,
}

// cleanHTML reduces an HTML excerpt to plain text: tags dropped, entities
// decoded, script and style skipped, the copyright footer removed and
// WordPress's "[…]" truncation mark shortened to "…".
func cleanHTML(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch tt := z.Next(); tt {
		case xhtml.ErrorToken:
			return finishText(b.String())
		case xhtml.TextToken:
			if skip == 0 {
				b.WriteString(string(z.Text()))
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			skip += skipDelta(string(name), tt)
			if blockTags[string(name)] {
				b.WriteString("\n")
			}
		}
	}
}

// skipDelta tracks nesting in elements whose text is not prose.
func skipDelta(tag string, tt xhtml.TokenType) int {
	if tag != "script" && tag != "style" {
		return 0
	}
	switch tt {
	case xhtml.StartTagToken:
		return 1
	case xhtml.EndTagToken:
		return -1
	}
	return 0
}

func finishText(s string) string {
	s = footerRe.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, "[…]", "…")
	s = strings.ReplaceAll(s, "[...]", "…")
	return collapse(s)
}

// dateLayouts are the pubDate spellings seen in RSS feeds (RFC 822 with
// or without weekday and seconds, two- or four-digit years) plus the ISO
// 8601 of dc:date.
var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Monday, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 January 2006 15:04:05 -0700",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02",
}

// zoneOffsets replaces the zone names RFC 822 allows with offsets, since
// Go reads an unknown abbreviation as UTC.
var zoneOffsets = strings.NewReplacer(
	" GMT", " +0000", " UTC", " +0000", " UT", " +0000", " Z", " +0000",
	" EST", " -0500", " EDT", " -0400", " CST", " -0600", " CDT", " -0500",
	" MST", " -0700", " MDT", " -0600", " PST", " -0800", " PDT", " -0700",
)

// errNoDate reports an item without any date.
var errNoDate = errors.New("no pubDate")

// parseDate reads a pubDate (or dc:date) into UTC.
func parseDate(s string) (time.Time, error) {
	s = collapse(s)
	if s == "" {
		return time.Time{}, errNoDate
	}
	for _, v := range []string{strings.TrimSpace(zoneOffsets.Replace(s + " ")), s} {
		for _, layout := range dateLayouts {
			t, err := time.Parse(layout, v)
			if err == nil && t.Year() >= 1990 && t.Year() < 2200 {
				return t.UTC(), nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("unreadable pubDate %q", s)
}

// charsetReader converts the single-byte charsets old feeds declare in
// their prolog (ISO-8859-1, Windows-1252, US-ASCII) to UTF-8; encoding/xml
// handles UTF-8 itself.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	win := false
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii":
	case "windows-1252", "cp1252", "x-cp1252":
		win = true
	default:
		return nil, fmt.Errorf("unsupported charset %q", label)
	}
	b, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		r := rune(c)
		if win && c >= 0x80 && c < 0xa0 {
			r = cp1252[c-0x80]
		}
		out = utf8.AppendRune(out, r)
	}
	return bytes.NewReader(out), nil
}

// cp1252 maps Windows-1252 bytes 0x80–0x9F; the five undefined bytes keep
// their Latin-1 code points.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8d, 'Ž', 0x8f,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9d, 'ž', 'Ÿ',
}
