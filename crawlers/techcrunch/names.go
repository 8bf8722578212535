package techcrunch

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names in headlines come after descriptors: "Berlin-based fintech
// Paybridge", "Toronto's Maplecore", "Former Stripe engineers' startup
// Ledgerline". The name is the run of capitalised words at the end of the
// subject; these tables say which capitalised words are still descriptors.

// leadingDescriptorRe matches a capitalised word that opens a headline
// only as a descriptor ("Fintech Paybridge", "Indian Paysetu").
var leadingDescriptorRe = regexp.MustCompile(`(?i)^(\w+tech|ai|saas|crypto|web3|neobank|unicorn|startup|stealth|exclusive|former|yc|b2b|d2c|ev|` +
	`indian|german|french|british|chinese|japanese|korean|israeli|african|european|nigerian|kenyan|brazilian|mexican|canadian|` +
	`australian|swedish|dutch|spanish|italian|polish|singaporean|indonesian|egyptian|emirati|saudi|american|swiss|irish)$`)

// descriptorSuffixRe matches hyphenated descriptors: "Berlin-based",
// "YC-backed", "Ramp-rival".
var descriptorSuffixRe = regexp.MustCompile(`(?i)-(based|backed|born|founded|led|focused|owned|headquartered|funded|native|rival|like|style|killer|competitor|challenger|alum|alumni|powered|run|centric|first)$`)

// connectors may sit inside a name between capitalised words ("Sable & Finch").
var connectors = map[string]bool{"&": true, "and": true, "+": true, "of": true, "de": true, "la": true, "du": true, "van": true, "von": true, "der": true}

// notCompanies are subjects that name no company.
var notCompanies = map[string]bool{
	"startup": true, "startups": true, "company": true, "companies": true, "investors": true, "investor": true,
	"founders": true, "founder": true, "vcs": true, "vc": true, "it": true, "this": true, "they": true, "firm": true,
	"unicorn": true, "here": true, "ceo": true, "the company": true, "the startup": true, "ai": true, "fintech": true,
	"eu": true, "us": true, "u.s.": true, "uk": true, "india": true, "china": true, "japan": true, "europe": true,
	"africa": true, "asia": true, "germany": true, "france": true, "brazil": true, "canada": true, "australia": true,
	"israel": true, "singapore": true, "indonesia": true, "mexico": true, "korea": true, "london": true,
	"silicon valley": true, "new york": true, "california": true, "texas": true,
}

// bigPublic are listed giants whose raises are bond or debt deals, not rounds.
var bigPublic = map[string]bool{
	"apple": true, "google": true, "alphabet": true, "microsoft": true, "amazon": true, "meta": true, "tesla": true,
	"nvidia": true, "intel": true, "ibm": true, "oracle": true, "salesforce": true, "uber": true, "lyft": true,
	"airbnb": true, "netflix": true, "spotify": true, "shopify": true, "softbank": true, "alibaba": true,
	"tencent": true, "samsung": true, "sony": true, "walmart": true, "coinbase": true, "robinhood": true,
	"snap": true, "pinterest": true, "zoom": true, "paypal": true, "rivian": true, "lucid": true, "doordash": true,
}

// investorNameRe matches names that are investors (a VC firm raising is
// not a startup raising).
var investorNameRe = regexp.MustCompile(`(?i)\b(ventures|capital|partners|vc|fund|funds|investments|investors|equity|angels)$`)

// relativeRe marks a subject whose verb belongs to a subordinate clause
// ("Ferrovia, which raised $25M last year, opens…").
var relativeRe = regexp.MustCompile(`(?i)\b(which|that|who|whose|after|when|while|because|since|once)\b`)

// legalSuffixRe matches a legal-form suffix ending a subject ("Acme, Inc."),
// whose comma would otherwise read as an appositive.
var legalSuffixRe = regexp.MustCompile(`,?\s+(?:Inc|Ltd|LLC|GmbH|Corp|PLC|S\.A|AG|BV|Pvt\.? Ltd)\.?(,?)$`)

// companyFromSubject finds the company name in the words before the verb.
func companyFromSubject(subj string) string {
	s := strings.TrimSpace(subj)
	if i := strings.LastIndex(s, ": "); i >= 0 { // "Exclusive: Tessellate"
		s = s[i+2:]
	}
	s = legalSuffixRe.ReplaceAllString(s, "$1")
	if strings.HasSuffix(s, ",") { // an appositive: "Mirelle, a menopause-care startup,"
		first, rest, _ := strings.Cut(s, ",")
		if name := nameTail(first); plausibleCompany(name, true) {
			return name
		}
		s, _, _ = strings.Cut(strings.TrimSpace(rest), ",") // "The startup, Siren Labs,"
		if !nameToken(firstWord(s)) {
			return ""
		}
	} else if i := strings.LastIndex(s, ", "); i >= 0 { // "Berlin-based, YC-backed Kettle"
		s = s[i+2:]
	}
	if relativeRe.MatchString(s) { // the verb belongs to "which raised…"
		return ""
	}
	return nameTail(s)
}

// companyAtStart finds a name opening s: "Lattice Grid wants to…".
func companyAtStart(s string) string {
	toks := strings.Fields(s)
	n := 0
	for n < len(toks) && nameToken(toks[n]) {
		n++
	}
	return nameTail(strings.Join(toks[:n], " "))
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// companyFromObject finds the company after "in", "into" or "for":
// "Redwater, a water-recycling startup", "Kelpie to build packaging".
func companyFromObject(obj string) string {
	s := obj
	for _, sep := range []string{",", ";", ":", " to ", " for ", " as ", " amid ", " after ", " - ", " with ", " in "} {
		s, _, _ = strings.Cut(s, sep)
	}
	return nameTail(strings.TrimSpace(s))
}

// nameTail returns the run of name-like words that ends s, without
// opening descriptors; "" when s does not end in a name.
func nameTail(s string) string {
	toks := strings.Fields(strings.Trim(s, " .,;:\"'"))
	run := toks[nameStart(toks):]
	if len(run) == 0 && len(toks) == 1 && brandLike(toks[0]) { // "kiwi.ai", "n8n"
		run = toks
	}
	for len(run) > 1 && leadingDescriptorRe.MatchString(run[0]) {
		run = run[1:]
	}
	return strings.Join(run, " ")
}

// nameStart is the index of the first word of the name run ending toks.
func nameStart(toks []string) int {
	i := len(toks)
	for i > 0 {
		switch t := toks[i-1]; {
		case nameToken(t):
			i--
		case connectors[strings.ToLower(t)] && i < len(toks) && i >= 2 && nameToken(toks[i-2]):
			i -= 2
		default:
			return i
		}
	}
	return i
}

// nameToken tells whether a word can be part of a company name.
func nameToken(t string) bool {
	if isPossessive(t) || descriptorSuffixRe.MatchString(t) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	return strings.IndexFunc(t, unicode.IsUpper) > 0 // "eBay", "iRobot"
}

// brandLike accepts a lone lower-case word that is clearly a brand.
func brandLike(t string) bool {
	return strings.ContainsAny(t, ".0123456789") && utf8.RuneCountInString(t) >= 3 && !strings.ContainsAny(t, "$€£¥₹")
}

func isPossessive(t string) bool {
	return strings.HasSuffix(t, "'s") || strings.HasSuffix(t, "s'")
}

// plausibleCompany rejects names that are generic, places, investors or
// listed giants.
func plausibleCompany(name string, investorOK bool) bool {
	l := strings.ToLower(name)
	switch {
	case name == "" || len(name) > 60 || notCompanies[l] || bigPublic[l]:
		return false
	case !investorOK && investorNameRe.MatchString(name):
		return false
	}
	return true
}

// investorCut ends a list of lead investors: participation, purpose, a
// valuation or the end of the sentence.
var investorCut = regexp.MustCompile(`(?i)(,?\s+with\b|,?\s+alongside\b|,?\s+as well as\b|,?\s+plus\b|[;:.!?(]\s|[;:!?(]|\.$|,\s+(?:and\s+)?(?:with|the|a|an|to|at|as|in|which|who|bringing|valuing|according|while|after|for|per|its|it|is|was)\b|` +
	`\s+(?:to|at|for|in|as|valuing|after|that|which|who|bringing|per|according|amid|while|on|into|—|–|-)\s)`)

// leadRe finds "led by X", "co-led by X and Y".
var leadRe = regexp.MustCompile(`(?i)\b(?:co-led|led|co-headed|headed|spearheaded)\s+by\s+(.+)`)

// investorStopWords open an investor phrase without being a name.
var investorStopWords = map[string]bool{
	"existing": true, "new": true, "returning": true, "investor": true, "investors": true, "backer": true,
	"backers": true, "the": true, "its": true, "their": true, "venture": true, "vc": true, "firm": true, "firms": true,
	"investment": true, "growth": true, "previous": true, "early": true, "lead": true, "prominent": true,
	"longtime": true, "both": true, "fellow": true,
}

// listSepRe separates names in "A, B and C".
var listSepRe = regexp.MustCompile(`,\s*(?:and\s+)?|\s+and\s+`)

// leadsIn returns the lead investors a text names after "led by".
func leadsIn(s string) []string {
	m := leadRe.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	list := m[1]
	if loc := investorCut.FindStringIndex(list); loc != nil {
		list = list[:loc[0]]
	}
	return splitInvestors(list)
}

// splitInvestors splits "A, B and C" and cleans each name.
func splitInvestors(list string) []string {
	var out []string
	for _, part := range listSepRe.Split(list, -1) {
		if name := cleanInvestor(part); name != "" && len(out) < 6 {
			out = appendUnique(out, name)
		}
	}
	return out
}

// cleanInvestor drops descriptors before an investor's name; a phrase
// left without a capitalised word ("a group of angels") is no name.
func cleanInvestor(s string) string {
	toks := strings.Fields(strings.Trim(s, " .,;:\"'"))
	for len(toks) > 0 && (investorStopWords[strings.ToLower(toks[0])] || descriptorSuffixRe.MatchString(toks[0]) || isPossessive(toks[0])) {
		toks = toks[1:]
	}
	if len(toks) == 0 || len(toks) > 6 || !nameToken(toks[0]) && !brandLike(toks[0]) {
		return ""
	}
	name := strings.Join(toks, " ")
	if notCompanies[strings.ToLower(name)] {
		return ""
	}
	return name
}
