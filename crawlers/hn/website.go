package hn

import (
	"cmp"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

var (
	urlRe = regexp.MustCompile(`https?://[^\s<>"'()\[\]|]+`)
	// domainRe finds a bare domain such as "acme.io"; the TLD list keeps
	// out "Node.js", "e.g." and file names.
	domainRe = regexp.MustCompile(`(?i)\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|io|ai|co|dev|app|net|org|tech|xyz|so|sh|gg|us|uk|de|fr|nl|eu|ca|au|in|me|health|bio|cloud|ly|to|fm|is|es|se|ch|at|be|dk|fi|no|pl|pt|jp|sg|nz|br|mx|il|ee|ie|inc|finance|money|systems|software|studio|design|page|site|works|run|build|security|energy|space|ventures|capital|vc|cc|tv|ro|cz|lt|hr|gr|hu|kr|tw|hk|za|ng|ke|ar|cl|team|tools|one|new|care|com\.au|co\.uk)\b(?:/[^\s<>"'()\[\]|,]*)?`)
)

// atsHosts serve job pages for many companies: a link there is where to
// apply, never the company's own site.
var atsHosts = []string{"lever.co", "greenhouse.io", "ashbyhq.com", "workable.com", "ycombinator.com",
	"workatastartup.com", "wellfound.com", "angel.co", "notion.site", "notion.so", "bamboohr.com", "recruitee.com",
	"smartrecruiters.com", "breezy.hr", "jobvite.com", "teamtailor.com", "personio.de", "personio.com",
	"rippling.com", "rippling-ats.com", "join.com", "homerun.co", "dover.com", "dover.io", "pinpointhq.com",
	"applytojob.com", "myworkdayjobs.com", "icims.com", "jazzhr.com", "recruiterbox.com", "zohorecruit.com",
	"welcometothejungle.com", "jobs.gusto.com", "freshteam.com", "docs.google.com", "forms.gle", "typeform.com",
	"airtable.com", "tally.so", "hire.withgoogle.com", "careers-page.com", "trinethire.com"}

// otherHosts are neither the company nor a job page: social sites,
// code hosts, news, link shorteners and tooling named in tech stacks.
var otherHosts = []string{"news.ycombinator.com", "hn.algolia.com", "github.com", "gitlab.com", "linkedin.com",
	"twitter.com", "x.com", "medium.com", "substack.com", "youtube.com", "youtu.be", "bit.ly", "goo.gl",
	"google.com", "techcrunch.com", "calendly.com", "loom.com", "socket.io", "indeed.com", "glassdoor.com",
	"remoteok.com", "weworkremotely.com", "wikipedia.org", "crunchbase.com", "facebook.com", "instagram.com"}

// candidate is a link or bare domain found at pos in the text searched.
type candidate struct {
	pos int
	ref string
}

// website picks the company's site and a job-board link: the first link
// or bare domain of the header line, then of the first paragraph, then
// any link whose host contains the company's name.
func website(d doc, first string, f fields, company string) (site, apply string) {
	tiers := []func() []candidate{
		func() []candidate { return found(f.website, d.linksIn(-1, f.website)) },
		func() []candidate { return found(first, d.linksIn(0, first)) },
		func() []candidate { return found(d.paras[0], d.linksIn(0, "")) },
	}
	apply = f.apply
	for _, tier := range tiers {
		for _, c := range tier() {
			host := hostOf(c.ref)
			switch {
			case host == "":
			case hostIn(host, atsHosts):
				apply = firstNonEmpty(apply, httpOnly(c.ref))
			case !hostIn(host, otherHosts) && site == "":
				site = c.ref
			}
		}
		if site != "" {
			break // job-board links are still collected from every link below
		}
	}
	var rest []candidate // every link, then (only if still needed) every written address
	for _, l := range d.links {
		rest = append(rest, candidate{ref: l.href})
	}
	token := nameToken(company)
	if site == "" && token != "" {
		rest = append(rest, found(strings.Join(d.paras, "\n"), nil)...)
	}
	for _, c := range rest {
		host := hostOf(c.ref)
		switch {
		case host == "":
		case hostIn(host, atsHosts):
			apply = firstNonEmpty(apply, httpOnly(c.ref))
		case site == "" && token != "" && strings.Contains(host, token) && !hostIn(host, otherHosts):
			site = c.ref
		}
	}
	return site, apply
}

// linksIn lists the anchors of paragraph i (any when i < 0), keeping
// only those whose text shows in within when within is given.
func (d doc) linksIn(i int, within string) []candidate {
	var out []candidate
	if i < 0 && within == "" {
		return nil
	}
	for _, l := range d.links {
		text := strings.Join(strings.Fields(l.text), " ")
		if i >= 0 && l.para != i {
			continue
		}
		pos := 0
		if within != "" {
			if pos = strings.Index(within, text); text == "" || pos < 0 {
				continue
			}
		}
		out = append(out, candidate{pos: pos, ref: l.href})
	}
	return out
}

// found orders the anchors with the links and bare domains written in
// s by their position in s.
func found(s string, anchors []candidate) []candidate {
	out := slices.Clone(anchors)
	for _, m := range urlRe.FindAllStringIndex(s, -1) {
		out = append(out, candidate{pos: m[0], ref: strings.TrimRight(s[m[0]:m[1]], ".,;:!?")})
	}
	for _, m := range domainRe.FindAllStringIndex(s, -1) {
		if bareDomainAt(s, m[0], m[1]) {
			out = append(out, candidate{pos: m[0], ref: strings.TrimRight(s[m[0]:m[1]], ".,;:!?/")})
		}
	}
	slices.SortStableFunc(out, func(a, b candidate) int { return cmp.Compare(a.pos, b.pos) })
	return out
}

// bareDomainAt tells whether s[i:j] is a domain written on its own, not
// part of a URL, an e-mail address or a shouting "ASP.NET".
func bareDomainAt(s string, i, j int) bool {
	if i > 0 && strings.ContainsRune("@/.:-_", rune(s[i-1])) {
		return false
	}
	m := s[i:j]
	host, _, _ := strings.Cut(m, "/")
	return strings.ToUpper(host) != host || !strings.ContainsFunc(host, unicode.IsLetter)
}

// isDomain tells whether a whole segment is a bare domain.
func isDomain(seg string) bool {
	loc := domainRe.FindStringIndex(seg)
	return loc != nil && loc[0] == 0 && loc[1] == len(seg)
}

// hostOf returns the lower-case host of a URL or bare domain without
// "www.", or "" when ref is neither.
func hostOf(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.ContainsAny(ref, " \t\n") {
		return ""
	}
	if !strings.Contains(ref, "://") {
		if !domainRe.MatchString(ref) {
			return ""
		}
		ref = "http://" + ref
	}
	u, err := url.Parse(ref)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return ""
	}
	return host
}

// hostIn tells whether host is one of hosts or below one of them.
func hostIn(host string, hosts []string) bool {
	for _, h := range hosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// httpOnly keeps ref when it is a full http(s) link.
func httpOnly(ref string) string {
	if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		return ref
	}
	return ""
}

// nameToken is the company's first word in lower-case letters and
// digits, used to recognise its own links further down a post.
func nameToken(company string) string {
	ws := strings.Fields(company)
	if len(ws) == 0 {
		return ""
	}
	tok := strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return unicode.ToLower(r)
		}
		return -1
	}, ws[0])
	if len(tok) < 3 {
		return ""
	}
	return tok
}
