package hn

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// roleRe finds a job title word; it decides which header segment
	// lists the roles.
	roleRe = regexp.MustCompile(`(?i)\b(engineers?|engineering|developers?|devs?|swes?|sres?|devops|back[- ]?end|front[- ]?end|full[- ]?stack|designers?|marketing|scientists?|researchers?|managers?|leads?|architects?|analysts?|heads? of|directors?|vp|recruiters?|marketers?|sales|account executives?|sdrs?|bdrs?|pms?|specialists?|consultants?|administrators?|technicians?|interns?|internships?|programmers?|writers?|founding|cto|generalists?|hackers?|coordinators?|associates?|officers?|roles?|positions?|openings?)\b`)
	// engRe marks engineering work, the buyers of developer software.
	engRe = regexp.MustCompile(`(?i)\b(engineers?|engineering|developers?|devs?|swes?|sres?|devops|mlops|back[- ]?end|front[- ]?end|full[- ]?stack|ml|machine learning|ai|llm|data|mobile|ios|android|software|programmers?|platform|infra|infrastructure|security|qa|sdet|firmware|embedded|cloud|systems|cto|hackers?)\b`)
	// remoteRe finds where the work happens; "no remote" comes first so
	// it wins over "remote" at the same position.
	remoteRe = regexp.MustCompile(`(?i)\b(no[- ]remote|remote|hybrid|on[- ]?site|in[- ](?:office|person))\b`)
	// roleNounRe ends a complete role; a qualifier without one borrows it.
	roleNounRe = regexp.MustCompile(`(?i)\b(engineers?|developers?|designers?|scientists?|researchers?|managers?|leads?|architects?|analysts?|directors?|recruiters?|marketers?|executives?|specialists?|consultants?|administrators?|technicians?|interns?|programmers?|writers?|generalists?|hackers?|coordinators?|associates?|officers?|swes?|sres?|pms?)$`)
	salaryRe   = regexp.MustCompile(`(?i)[$€£¥₹]\s?\d|\b\d+(?:\.\d+)?\s?k\b|\b(?:salary|equity|usd|eur|gbp|chf|ote|per (?:year|annum|hour))\b|/(?:yr|year|hour|hr)\b`)
	typeRe     = regexp.MustCompile(`(?i)^(?:full[- ]?time|part[- ]?time|contract(?:or)?|freelance|permanent|temporary|ft|pt)(?:\s*(?:,|/|or|and|\+|&)\s*(?:full[- ]?time|part[- ]?time|contract(?:or)?|freelance|permanent|temporary|ft|pt))*$`)
	labelRe    = regexp.MustCompile(`^([A-Za-z][A-Za-z'’ ]{0,24}?)\s*:\s*(.+)$`)
	emailRe    = regexp.MustCompile(`\S@\S+\.\S`)
	parenRe    = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
	// rolePrefixRe drops the lead-in of a prose role line.
	rolePrefixRe = regexp.MustCompile(`(?i)^(?:we(?:'re|’re| are)\s+)?(?:now\s+)?(?:(?:hiring|looking for|seeking|searching for)\s*:?\s*)?(?:(?:an?|the)\s+)?`)
	roleSplitRe  = regexp.MustCompile(`(?i)\s*(?:,|;|\+|\s&\s|\band\b|\bor\b|/)\s*`)
)

// Remote work modes, combined as a bit set while reading a post.
const (
	modeRemote = 1 << iota
	modeHybrid
	modeOnsite
)

// labels maps the keys of "Key: value" header lines to the field they fill.
var labels = map[string]string{
	"company": "company", "company name": "company", "employer": "company", "startup": "company",
	"location": "location", "locations": "location", "office": "location", "offices": "location", "based in": "location",
	"remote": "remote", "remote ok": "remote", "remote policy": "remote", "work mode": "remote", "work arrangement": "remote",
	"role": "roles", "roles": "roles", "position": "roles", "positions": "roles", "title": "roles", "job title": "roles",
	"job": "roles", "jobs": "roles", "open roles": "roles", "openings": "roles", "hiring": "roles", "looking for": "roles",
	"website": "website", "web": "website", "url": "website", "site": "website", "homepage": "website", "company website": "website",
	"apply": "apply", "apply here": "apply", "how to apply": "apply", "apply at": "apply", "careers": "apply", "jobs page": "apply",
	"salary": "salary", "compensation": "salary", "comp": "salary", "pay": "salary", "salary range": "salary",
	"type": "type", "employment": "type", "employment type": "type", "job type": "type",
}

// fields is what a post's header says before it becomes a Post.
type fields struct {
	company, website, apply, location, salary, typ string
	roles                                          []string
	mode                                           int
	noRemote                                       bool // "Remote: No" — onsite unless hybrid is said
}

// labelOf splits a "Key: value" line whose key is known.
func labelOf(s string) (key, val string, ok bool) {
	m := labelRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || strings.HasPrefix(m[2], "//") { // "https://…" is no label
		return "", "", false
	}
	key, ok = labels[strings.ToLower(strings.Join(strings.Fields(m[1]), " "))]
	return key, strings.TrimSpace(m[2]), ok
}

// set records a labelled value; the first value of a key wins.
func (f *fields) set(key, val string) {
	first := func(dst *string) {
		if *dst == "" {
			*dst = val
		}
	}
	switch key {
	case "company":
		first(&f.company)
	case "location":
		first(&f.location)
		f.mode |= modeOf(val)
	case "remote":
		f.mode |= modeOf(val)
		low := strings.ToLower(val)
		switch {
		case strings.HasPrefix(low, "no"), strings.HasPrefix(low, "false"):
			f.noRemote = true
		case strings.HasPrefix(low, "yes"), strings.HasPrefix(low, "true"), strings.HasPrefix(low, "fully"):
			f.mode |= modeRemote
		}
	case "roles":
		f.roles = append(f.roles, splitRoles(val)...)
	case "website":
		first(&f.website)
	case "apply":
		first(&f.apply)
	case "salary":
		first(&f.salary)
	case "type":
		first(&f.typ)
	}
}

// classify files one header segment (after the company) under a field.
func (f *fields) classify(seg string) (known bool) {
	if key, val, ok := labelOf(seg); ok {
		f.set(key, val)
		return true
	}
	f.mode |= modeOf(seg)
	switch {
	case strings.Contains(seg, "://") || isDomain(seg):
		return true // the website is picked from the whole line later
	case emailRe.MatchString(seg):
		return true // an address to apply to: no place
	case roleRe.MatchString(seg):
		f.roles = append(f.roles, splitRoles(seg)...)
		return true
	case salaryRe.MatchString(seg):
		f.salary = firstNonEmpty(f.salary, seg)
		return true
	case typeRe.MatchString(seg):
		f.typ = firstNonEmpty(f.typ, seg)
		return true
	case modeOf(seg) != 0:
		if place := placeOf(seg); place != "" && f.location == "" {
			f.location = place
		}
		return true
	case f.location == "":
		f.location = seg
		return true
	}
	return false
}

// modeOf reads the work modes a text names.
func modeOf(s string) int {
	mode := 0
	for _, m := range remoteRe.FindAllString(s, -1) {
		switch w := strings.ToLower(m); {
		case strings.HasPrefix(w, "no"):
			mode |= modeOnsite
		case w == "remote":
			mode |= modeRemote
		case w == "hybrid":
			mode |= modeHybrid
		default:
			mode |= modeOnsite
		}
	}
	return mode
}

// modeName spells a mode set: "remote", "hybrid", "onsite", or several
// joined by "/" ("remote/onsite").
func modeName(mode int) string {
	var parts []string
	for _, m := range []struct {
		bit  int
		name string
	}{{modeRemote, "remote"}, {modeHybrid, "hybrid"}, {modeOnsite, "onsite"}} {
		if mode&m.bit != 0 {
			parts = append(parts, m.name)
		}
	}
	return strings.Join(parts, "/")
}

// fillers are the words of a remote segment that name no place.
var fillers = map[string]bool{"only": true, "ok": true, "friendly": true, "first": true, "possible": true,
	"optional": true, "preferred": true, "available": true, "in": true, "or": true, "and": true, "within": true,
	"from": true, "based": true, "also": true, "fully": true, "partially": true, "partly": true, "&": true, "+": true}

// placeOf keeps the place of a segment naming a work mode: "REMOTE (US
// only)" → "US", "Onsite in NYC" → "NYC"; with places on both sides of
// the mode ("Toronto or REMOTE (Canada)") the segment stays as written.
func placeOf(seg string) string {
	var places []string
	for _, part := range remoteRe.Split(seg, -1) {
		if p := stripFillers(part); p != "" {
			places = append(places, p)
		}
	}
	switch len(places) {
	case 0:
		return ""
	case 1:
		return places[0]
	}
	return strings.TrimSpace(seg)
}

// stripFillers drops brackets and the words around a mode that name no
// place; it returns "" when fewer than two letters are left.
func stripFillers(s string) string {
	s = strings.NewReplacer("(", " ", ")", " ", "[", " ", "]", " ").Replace(s)
	var kept []string
	for _, w := range strings.Fields(s) {
		if t := strings.Trim(w, ",;:-/"); t != "" && !fillers[strings.ToLower(t)] {
			kept = append(kept, w)
		}
	}
	place := strings.Trim(strings.Join(kept, " "), ",;:-/ ")
	if letters(place) < 2 {
		return ""
	}
	return place
}

// splitRoles splits a role list on commas, slashes, "and", "or" and "&";
// a bare qualifier borrows the noun of the role after it ("Senior and
// Staff Engineers" → "Senior Engineers", "Staff Engineers").
func splitRoles(s string) []string {
	for parenRe.MatchString(s) {
		s = parenRe.ReplaceAllString(s, " ")
	}
	s = protectShortSlashes(s)
	var out []string
	for group := range strings.SplitSeq(s, ",") {
		subs := roleSplitRe.Split(group, -1)
		noun := lastWord(subs[len(subs)-1])
		for _, sub := range subs {
			r := cleanRole(sub)
			if r != "" && len(subs) > 1 && !roleNounRe.MatchString(r) && roleNounRe.MatchString(noun) {
				r += " " + noun
			}
			if r != "" && (roleRe.MatchString(r) || engRe.MatchString(r)) {
				out = append(out, r)
			}
		}
	}
	return out
}

// cleanRole trims one role of lead-ins, punctuation and stray modes.
func cleanRole(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\u2044", "/")
	s = rolePrefixRe.ReplaceAllString(s, "")
	s = strings.Trim(s, " .:;!-–—*•·")
	if modeOf(s) != 0 && placeOf(s) == "" && !roleRe.MatchString(remoteRe.ReplaceAllString(s, "")) {
		return "" // "Remote" alone
	}
	if salaryRe.MatchString(s) && !roleRe.MatchString(s) {
		return ""
	}
	return truncate(strings.Join(strings.Fields(s), " "), 80)
}

// protectShortSlashes hides slashes next to short words ("ML/AI",
// "iOS/Android", "CI/CD") from the role splitter.
func protectShortSlashes(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c != '/' {
			continue
		}
		if wordLen(r, i, -1) <= 3 || wordLen(r, i, 1) <= 3 {
			r[i] = '\u2044'
		}
	}
	return string(r)
}

// wordLen counts the letters and digits next to r[i] in direction dir.
func wordLen(r []rune, i, dir int) int {
	n := 0
	for j := i + dir; j >= 0 && j < len(r) && (unicode.IsLetter(r[j]) || unicode.IsDigit(r[j])); j += dir {
		n++
	}
	return n
}

func lastWord(s string) string {
	ws := strings.Fields(strings.Trim(s, " .:;!"))
	if len(ws) < 2 {
		return ""
	}
	return ws[len(ws)-1]
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// roleLine finds a short line naming roles, for posts whose header has none.
func roleLine(lines []string) []string {
	for _, l := range lines {
		if utf8.RuneCountInString(l) > 120 || len(strings.Fields(l)) > 12 || strings.HasSuffix(l, "?") || strings.Contains(l, "://") {
			continue
		}
		if _, _, ok := labelOf(l); ok || !roleRe.MatchString(l) {
			continue
		}
		if roles := splitRoles(l); len(roles) > 0 {
			return roles
		}
	}
	return nil
}
