// Package normalize reduces company names and websites to the forms two
// sources would agree on, so one real company becomes one lead.
package normalize

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// sharedHosts are sites many companies link to as their "website"; a
// domain on one of them says nothing about which company it is.
var sharedHosts = []string{
	"linkedin.com", "facebook.com", "twitter.com", "x.com", "instagram.com", "github.com", "gitlab.com",
	"medium.com", "substack.com", "crunchbase.com", "angel.co", "wellfound.com", "ycombinator.com",
	"google.com", "notion.site", "notion.so", "wix.com", "wixsite.com", "squarespace.com", "webflow.io",
	"youtube.com", "apple.com", "forms.gle", "bit.ly", "linktr.ee", "producthunt.com", "sec.gov",
}

// Domain reduces a website or domain as sources give it
// ("https://www.Acme.io/about", "acme.co.uk") to its registrable domain
// ("acme.io", "acme.co.uk") using the public-suffix list. It returns ""
// for anything that is not a company's own domain.
func Domain(raw string) string {
	s := strings.ToLower(strings.TrimSpace(raw))
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	host, err := idna.Lookup.ToASCII(strings.TrimSuffix(strings.TrimPrefix(u.Hostname(), "www."), "."))
	if err != nil || !validHost(host) {
		return ""
	}
	// The ASCII form must itself be a valid lookup name, or keys would drift.
	if _, err := idna.Lookup.ToUnicode(host); err != nil {
		return ""
	}
	reg, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil || slices.Contains(sharedHosts, reg) {
		return ""
	}
	return reg
}

// validHost accepts dotted DNS names of letters, digits and hyphens whose
// top-level label is not numeric (so IP addresses are out).
func validHost(host string) bool {
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return false
		}
	}
	return strings.Trim(labels[len(labels)-1], "0123456789") != ""
}

// legalSuffixes are words that name a company's legal form, not the company.
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "llc": true, "lllp": true, "llp": true, "ltd": true, "limited": true,
	"corp": true, "corporation": true, "co": true, "company": true, "plc": true, "pbc": true, "lp": true,
	"gmbh": true, "ag": true, "sa": true, "sas": true, "sarl": true, "srl": true, "spa": true, "bv": true,
	"nv": true, "oy": true, "ab": true, "as": true, "aps": true, "pty": true, "pte": true, "kk": true,
}

// stripMarks removes accents: "Société" → "Societe". A transformer keeps
// state, so each call gets its own.
func stripMarks() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// Name reduces a company name to the form two sources would agree
// on: lower case, no accents or punctuation, no legal suffixes ("Inc",
// "L.L.C.", "GmbH"), no "a series of …" tail and no leading "The".
func Name(name string) string {
	s, _, err := transform.String(stripMarks(), strings.ToLower(name))
	if err != nil {
		s = strings.ToLower(name)
	}
	if i := strings.Index(s, ", a series of"); i >= 0 {
		s = s[:i]
	} else if i := strings.Index(s, " a series of "); i >= 0 {
		s = s[:i]
	}
	// Dots inside abbreviations ("L.L.C.", "S.A.") join; other punctuation separates.
	s = strings.ReplaceAll(s, ".", "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		if r == '&' {
			return ' '
		}
		return ' '
	}, s)
	words := strings.Fields(s)
	for len(words) > 1 && legalSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}
