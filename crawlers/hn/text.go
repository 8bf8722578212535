package hn

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// MaxTextRunes bounds Post.Text: enough for a salesperson to read the
// pitch, small enough to store with every signal.
const MaxTextRunes = 4000

// doc is a comment's HTML reduced to text: paragraphs (the <p> breaks HN
// writes) of trimmed lines, and the links in them.
type doc struct {
	paras []string
	links []link
}

// link is an <a href> of the comment; HN shortens long link texts with
// "...", so href is the address to use.
type link struct {
	href string
	text string
	para int // index in doc.paras of the paragraph holding it
}

// parseHTML reduces HN comment HTML to text; the tokenizer decodes
// entities such as &#x2F; and &quot;.
func parseHTML(s string) doc {
	var d doc
	var cur strings.Builder
	var open *link // the <a> being read
	flush := func() {
		if p := normalize(cur.String()); p != "" {
			d.paras = append(d.paras, p)
		}
		cur.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return d
		case html.TextToken:
			t := z.Text() // once: the tokenizer hands the text out a single time
			cur.Write(t)
			if open != nil {
				open.text += string(t)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "p", "pre":
				if open != nil {
					d.links = append(d.links, *open)
					open = nil
				}
				flush()
			case "br":
				cur.WriteByte('\n')
			case "a":
				if open != nil {
					d.links = append(d.links, *open)
					open = nil
				}
				if tt == html.StartTagToken && hasAttr {
					if href := attr(z, "href"); href != "" {
						open = &link{href: clean(strings.TrimSpace(href)), para: len(d.paras)}
					}
				}
			}
		}
	}
}

// attr returns the named attribute of the current tag, entities decoded.
func attr(z *html.Tokenizer, name string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == name {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

// normalize collapses spaces within each line and drops empty lines.
func normalize(s string) string {
	var lines []string
	for line := range strings.SplitSeq(clean(s), "\n") {
		if l := strings.Join(strings.Fields(line), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// clean makes s safe to store: valid UTF-8 without control characters
// other than newline and tab (PostgreSQL refuses NUL in text).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// text is the whole comment as plain text, bounded to MaxTextRunes.
func (d doc) text() string {
	return truncate(strings.Join(d.paras, "\n\n"), MaxTextRunes)
}

// lines lists every line of the comment in order.
func (d doc) lines() []string {
	var out []string
	for _, p := range d.paras {
		out = append(out, strings.Split(p, "\n")...)
	}
	return out
}

// truncate cuts s to at most n runes, marking a cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}
