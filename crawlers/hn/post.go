package hn

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Post is a job post read from a top-level comment of a hiring thread.
type Post struct {
	ID          string // comment objectID
	ThreadID    int64  // story id of the hiring thread
	Author      string // HN account that posted for the company
	PostedAt    time.Time
	Company     string
	Website     string // the company's first link or bare domain, as written
	ApplyURL    string // a job-board link (Lever, Greenhouse, YC…) when one is given
	Roles       []string
	Location    string
	Remote      string // "remote", "hybrid", "onsite", or several joined by "/" ("remote/onsite"); "" when unsaid
	Engineering bool   // some role is engineering, data or ML work
	Salary      string // as written
	Type        string // employment type as written: "Full-time", "Contract"…
	YCBatch     string // "S19" when the header names the company's YC batch
	Text        string // the whole post as plain text, at most MaxTextRunes
}

const (
	maxCompanyRunes = 100 // longer "names" are sentences
	maxCompanyWords = 10
	maxRoles        = 10
)

var (
	ycRe      = regexp.MustCompile(`(?i)[(\[]\s*YC\s*[-:]?\s*([WSFX]\s?'?\d{2}(?:\d{2})?|(?:winter|spring|summer|fall)\s+\d{4})\s*[)\]]`)
	proseRe   = regexp.MustCompile(`(?i)^(.{2,80}?)\s+(?:is|are)\s+(?:(?:now|actively|currently|still)\s+)?hiring\b[\s:,\-–—!.]*(.*)$`)
	proseCut  = regexp.MustCompile(`(?i)[.!?;]|\s(?:in|to|who|with|at|across|based)\s|\s[-–—(]`)
	proseIn   = regexp.MustCompile(`(?i)\s(?:in|based in)\s+([^.!?;()]{2,60})`)
	deadTexts = map[string]bool{"": true, "[dead]": true, "[deleted]": true, "[flagged]": true, "[removed]": true}
	// pronouns start prose that is about someone rather than a company.
	pronouns = map[string]bool{"we": true, "we're": true, "i": true, "i'm": true, "my": true, "our": true, "they": true,
		"who": true, "anyone": true, "everyone": true, "nobody": true, "no": true, "this": true, "it": true, "he": true,
		"she": true, "you": true, "is": true, "are": true, "why": true, "how": true, "what": true, "which": true}
)

// ParsePost reads a job post from a comment. It refuses replies, deleted
// or dead comments, and comments whose first line names no company in a
// known form: "Company | Role | Location | REMOTE | …" (pipes, bullets or
// dashes), "Company: …" header lines, or "Company is hiring …".
func ParsePost(c Comment) (Post, bool) {
	if c.Author == "" || (c.StoryID != 0 && c.ParentID != c.StoryID) {
		return Post{}, false
	}
	d := parseHTML(c.HTML)
	if len(d.paras) == 0 || deadTexts[strings.ToLower(d.paras[0])] {
		return Post{}, false
	}
	lines := d.lines()
	first := lines[0]
	f, ok := structured(first)
	if !ok {
		f, ok = labelled(lines)
	}
	if !ok {
		f, ok = prose(first)
	}
	if !ok {
		return Post{}, false
	}
	name, yc, ok := companyName(f.company)
	if !ok {
		return Post{}, false
	}
	if len(f.roles) == 0 {
		f.roles = roleLine(lines[1:min(len(lines), 12)])
	}
	if f.noRemote && f.mode == 0 {
		f.mode = modeOnsite
	}
	p := Post{
		ID: c.ID, ThreadID: c.StoryID, Author: c.Author, PostedAt: c.CreatedAt, Company: name,
		Roles: dedupe(f.roles), Location: bound(f.location), Remote: modeName(f.mode),
		Salary: bound(f.salary), Type: bound(f.typ), YCBatch: yc, Text: d.text(),
	}
	p.Website, p.ApplyURL = website(d, first, f, name)
	p.Engineering = isEngineering(p.Roles, first)
	return p, true
}

// structured reads a "Company | Role | Location | …" header line.
func structured(line string) (fields, bool) {
	segs, strict := splitHeader(line)
	if len(segs) < 2 {
		return fields{}, false
	}
	f := fields{company: segs[0]}
	if key, val, ok := labelOf(segs[0]); ok && key == "company" {
		f.company = val
	}
	f.mode |= modeOf(segs[0])
	known := 0
	for _, s := range segs[1:] {
		if f.classify(s) {
			known++
		}
	}
	evidence := len(f.roles) > 0 || f.mode != 0 || strings.Contains(line, "://") || len(segs) >= 3
	if strict { // dashes also join words in prose; ask for more
		evidence = len(f.roles) > 0 && len(segs) >= 3 && known >= 2
	}
	return f, evidence
}

// splitHeader splits a header line on pipes or bullets, else on spaced
// dashes (strict: the caller wants more evidence).
func splitHeader(line string) (segs []string, strict bool) {
	for _, sep := range []string{"|", "•", "·", "▪"} {
		if strings.Contains(line, sep) {
			return splitTrim(line, sep), false
		}
	}
	for _, sep := range []string{" — ", " – ", " - "} {
		if s := splitTrim(line, sep); len(s) > len(segs) {
			segs = s
		}
	}
	return segs, true
}

func splitTrim(s, sep string) []string {
	var out []string
	for part := range strings.SplitSeq(s, sep) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// labelled reads "Company: …", "Location: …" header lines.
func labelled(lines []string) (fields, bool) {
	var f fields
	for _, l := range lines[:min(len(lines), 20)] {
		if key, val, ok := labelOf(l); ok {
			f.set(key, val)
		}
	}
	return f, f.company != ""
}

// prose reads "Acme (acme.io) is hiring senior engineers in Berlin".
func prose(line string) (fields, bool) {
	m := proseRe.FindStringSubmatch(line)
	if m == nil {
		return fields{}, false
	}
	subject := strings.Fields(strings.ToLower(m[1]))
	if len(subject) == 0 || pronouns[strings.Trim(subject[0], ",.:;!")] {
		return fields{}, false
	}
	f := fields{company: m[1], mode: modeOf(line)}
	rest := m[2]
	if loc := proseIn.FindStringSubmatch(rest); loc != nil {
		f.location = strings.TrimSpace(loc[1])
	}
	if i := proseCut.FindStringIndex(rest); i != nil {
		rest = rest[:i[0]]
	}
	rest = strings.TrimPrefix(strings.TrimSpace(rest), "for ")
	if roleRe.MatchString(rest) {
		f.roles = splitRoles(rest)
	}
	return f, true
}

// companyName cleans the company segment: it drops a "(YC S19)" note
// (returned as yc), links and empty brackets, and refuses sentences.
func companyName(seg string) (name, yc string, ok bool) {
	if m := ycRe.FindStringSubmatch(seg); m != nil {
		yc = ycBatch(m[1])
		seg = strings.Replace(seg, m[0], " ", 1)
	}
	bare := strings.TrimSpace(seg)
	seg = urlRe.ReplaceAllString(seg, " ")
	if !isDomain(bare) {
		seg = domainRe.ReplaceAllStringFunc(seg, func(d string) string {
			if strings.ToUpper(d) == d {
				return d // "ASP.NET" stays
			}
			return " "
		})
	}
	for {
		next := parenRe.ReplaceAllStringFunc(seg, func(p string) string {
			if inner := strings.Trim(p, "()[] "); inner == "" || modeOf(inner) != 0 {
				return " "
			}
			return p
		})
		if next == seg {
			break
		}
		seg = next
	}
	name = strings.Trim(strings.Join(strings.Fields(seg), " "), " -–—:;,|•·@")
	switch {
	case name == "" || letters(name)+digits(name) == 0:
		return "", "", false
	case utf8.RuneCountInString(name) > maxCompanyRunes || len(strings.Fields(name)) > maxCompanyWords:
		return "", "", false
	case strings.HasSuffix(name, "?"):
		return "", "", false
	}
	return name, yc, true
}

// ycBatch compacts "S19", "W 2021" or "Summer 2019" to "S19".
func ycBatch(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(s, "'", "")), " "))
	for word, code := range map[string]string{"WINTER ": "W", "SPRING ": "X", "SUMMER ": "S", "FALL ": "F"} {
		s = strings.Replace(s, word, code, 1)
	}
	s = strings.ReplaceAll(s, " ", "")
	if len(s) == 5 { // W2021
		s = s[:1] + s[3:]
	}
	return s
}

// isEngineering tells whether the roles (or, lacking them, the header)
// ask for engineering, data or ML work.
func isEngineering(roles []string, header string) bool {
	if len(roles) == 0 {
		return engRe.MatchString(header)
	}
	for _, r := range roles {
		if engRe.MatchString(r) {
			return true
		}
	}
	return false
}

// dedupe drops repeated roles (case-insensitively) and caps the list.
func dedupe(roles []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range roles {
		k := strings.ToLower(r)
		if r == "" || seen[k] || len(out) == maxRoles {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

// bound keeps a header field to one readable line.
func bound(s string) string {
	return truncate(strings.TrimSpace(s), 200)
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
