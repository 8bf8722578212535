package techcrunch

import (
	"html"
	"math"
	"regexp"
	"strings"

	"github.com/leadgen/leadgen/crawlers/money"
)

// RoundUndisclosed is the Round of a raise whose round type is not named.
const RoundUndisclosed = "Undisclosed"

// Funding is a raise reported by a feed item.
type Funding struct {
	Company       string
	Amount        int64  // round size in Currency units; 0 when undisclosed
	Currency      string // ISO 4217 code; "" when the amount is undisclosed
	AmountUSD     int64  // Amount at the money package's dated rates
	Round         string // "Pre-seed", "Seed", "Series A"…"Series H", "Bridge", "Debt", "Grant", "Growth" or "Undisclosed"
	LeadInvestors []string
}

// Extract decides whether a headline (and its excerpt) reports a startup
// raising money and, if so, reads the round from it. Headlines that only
// look like raises (VC funds, acquisitions, IPOs, revenue or valuation
// figures, round-ups, lawsuits, grants given by others, public-company
// debt) are refused.
func Extract(title, description string) (Funding, bool) {
	f, reason := extract(title, description)
	return f, reason == ""
}

// extract is Extract with the reason for a refusal, for tests and logs.
func extract(title, description string) (Funding, string) {
	t := normalize(title)
	if t == "" {
		return Funding{}, "empty title"
	}
	if rule, bad := rejected(t); bad {
		return Funding{}, "look-alike: " + rule
	}
	sents := sentences(normalize(description), 3)
	r, ok := raiseInTitle(t)
	if !ok {
		if r, ok = raiseInDescription(sents); !ok {
			return Funding{}, "no raise found"
		}
	}
	return r.funding(sents), ""
}

// raise is a raise found in one sentence.
type raise struct {
	company string
	clause  string   // from the amount or round word on
	text    string   // the whole sentence, searched for "led by"
	leads   []string // named as leaders by "X leads $Y round in Z"
}

// raiseInTitle tries the headline shapes in turn.
func raiseInTitle(t string) (raise, bool) {
	for _, find := range []func(string) (raise, bool){investorFirst, investorBacks, possessiveRound, amountFor, withAmount, subjectVerb} {
		if r, ok := find(t); ok {
			return r, true
		}
	}
	return raise{}, false
}

// raiseInDescription reads the excerpt's first sentence, where TC puts
// the news when the headline is a teaser; a sentence about an earlier
// raise does not count.
func raiseInDescription(sents []string) (raise, bool) {
	if len(sents) == 0 || pastRe.MatchString(sents[0]) {
		return raise{}, false
	}
	if _, bad := rejected(sents[0]); bad {
		return raise{}, false
	}
	return subjectVerb(sents[0])
}

// The verbs headlines use for raising, longest first where one is a
// prefix of another; adverbs may sit before them ("has quietly raised").
const raiseVerbs = `raises|raised|is raising|are raising|in talks to raise|set to raise|secures|secured|closes|closed|` +
	`lands|landed|snags|snagged|bags|bagged|nabs|nabbed|picks up|picked up|grabs|grabbed|scores|scored|banks|banked|` +
	`pulls in|pulled in|rakes in|raked in|hauls in|hauled in|reels in|reeled in|gets|got|receives|received|wins|won|` +
	`draws|drew|attracts|attracted|adds|added|nets|netted|collects|collected|brings in|takes in|announces|announced|` +
	`completes|completed|emerges from stealth with|emerged from stealth with|comes out of stealth with|` +
	`came out of stealth with|exits stealth with|launches with|launched with|debuts with`

var (
	verbRe          = regexp.MustCompile(`(?i)\s(?:(?:has|have|had|just|reportedly|quietly|officially|now|also|finally|today)\s+)*(?:` + raiseVerbs + `)\s+`)
	investorFirstRe = regexp.MustCompile(`^(.+?)\s+(?i:(co-leads|co-lead|leads|lead|invests|invest|backs|back|bets|bet|puts|put|pours|pour|pumps|pump|injects|inject))\s+(.+?)\s+(?i:in|into|on)\s+(.+)$`)
	possessiveRe    = regexp.MustCompile(`^(.+?)'s?\s+(.+)$`)
	backsWithRe     = regexp.MustCompile(`^(.+?)\s+(?i:backs|funds)\s+(.+?)\s+(?i:with)\s+(.+)$`)
	withAmountRe    = regexp.MustCompile(`(?i)^with\s+(.+?),\s+(.+)$`)
	amountForRe     = regexp.MustCompile(`(?i)^\s*(?:[\w-]+\s+){0,3}?for\s+(.+)$`)
	fillerRe        = regexp.MustCompile(`(?i)^(?:(?:a|an|the|another|fresh|new|additional|more than|over|nearly|almost|about|around|roughly|close to|up to|at least|its|their|first|second|third|whopping|massive|hefty|huge|big|mega|between|some|extra|undisclosed|reported|follow-on|strategic|early|oversubscribed|sizable|sizeable|large|modest|record|surprise|quick|monster|blockbuster)\s+)*`)
	fundNounRe      = regexp.MustCompile(`(?i)^(?:funding|financing|investment|capital|cash|money|backing|round|raise|mega-?round|seed|pre-seed|series [a-h]|growth (?:round|equity|funding)|bridge|debt|venture debt|credit facility|credit line|loan|grant|amount|sum|cash injection|angel round|pre-series [a-h])\b`)
	disqualifierRe  = regexp.MustCompile(`(?i)^(?:contracts?|deals?|orders?|prize|awards?|revenue|revenues|arr|sales|valuation|losses|loss|customers|users|fines?|settlement|penalty|damages|bonds?|notes|ipo|buyback|shares|stock|tender|acquisition|purchase|gmv|bookings|profit|fund|funds|volume)$`)
	clauseStopRe    = regexp.MustCompile(`(?i)^(?:led|co-led|from|to|for|as|at|in|with|by|after|and|,|;)$`)
	roundCutRe      = regexp.MustCompile(`(?i)\s(?:co-led by|led by|from|to|as|after|with participation)\s`)
	pastRe          = regexp.MustCompile(`(?i)\b(previously|prior|earlier|last year|to date|in total|so far|total funding|bringing its total|in 20\d\d|last round|before that)\b`)
	fundingCueRe    = regexp.MustCompile(`(?i)\b(rais\w*|round|funding|financing|led by|invest\w*|seed|series [a-h]|backed)\b`)
	valuationBefore = regexp.MustCompile(`(?i)(valued at|valuation of|valuing (?:it|the company|the startup) at|worth|at an?|post-money|pre-money|bringing|total of|totall?ing|to)\s*$`)
	valuationAfter  = regexp.MustCompile(`(?i)^\s*(valuation|post-money|pre-money|arr|in annual|in revenue|revenue|run rate|market cap|in total|to date)\b`)
)

// subjectVerb reads "<company> raises <amount or round> …", trying each
// raising verb in the sentence until one has a company before it and
// money after it.
func subjectVerb(s string) (raise, bool) {
	for _, loc := range verbRe.FindAllStringIndex(s, -1) {
		company := companyFromSubject(s[:loc[0]])
		clause, ok := objectClause(s[loc[1]:])
		if ok && plausibleCompany(company, false) {
			return raise{company: company, clause: clause, text: s}, true
		}
	}
	return raise{}, false
}

// investorFirst reads "<investors> lead(s) $Y round in <company>" and
// "<investor> invests $Y in <company>".
func investorFirst(s string) (raise, bool) {
	m := investorFirstRe.FindStringSubmatch(s)
	if m == nil {
		return raise{}, false
	}
	clause, ok := objectClause(m[3])
	company := companyFromObject(m[4])
	if !ok || !plausibleCompany(company, true) {
		return raise{}, false
	}
	var leads []string
	if strings.Contains(strings.ToLower(m[2]), "lead") {
		leads = splitInvestors(m[1])
	} else if inv := cleanInvestor(m[1]); inv != "" {
		leads = []string{inv}
	}
	return raise{company: company, clause: clause, text: s, leads: leads}, true
}

// investorBacks reads "<investor> backs <company> with $8M".
func investorBacks(s string) (raise, bool) {
	m := backsWithRe.FindStringSubmatch(s)
	if m == nil {
		return raise{}, false
	}
	clause, ok := objectClause(m[3])
	company := nameTail(m[2])
	if !ok || company != strings.TrimSpace(m[2]) || !plausibleCompany(company, true) {
		return raise{}, false
	}
	var leads []string
	if inv := cleanInvestor(m[1]); inv != "" {
		leads = []string{inv}
	}
	return raise{company: company, clause: clause, text: s, leads: leads}, true
}

// withAmount reads "With $25M in new funding, <company> wants to…".
func withAmount(s string) (raise, bool) {
	m := withAmountRe.FindStringSubmatch(s)
	if m == nil {
		return raise{}, false
	}
	clause, ok := objectClause(m[1])
	if !ok || !fundingCueRe.MatchString(m[1]) {
		return raise{}, false
	}
	company := companyAtStart(m[2])
	if !plausibleCompany(company, false) {
		return raise{}, false
	}
	return raise{company: company, clause: clause, text: s}, true
}

// possessiveRound reads "<company>'s $60M Series C …".
func possessiveRound(s string) (raise, bool) {
	m := possessiveRe.FindStringSubmatch(s)
	if m == nil {
		return raise{}, false
	}
	rest := fillerRe.ReplaceAllString(m[2], "")
	amt, ok := money.AtStart(rest)
	if !ok || roundIn(firstWords(rest[amt.End:], 3)) == "" && !fundNounRe.MatchString(strings.TrimSpace(rest[amt.End:])) {
		return raise{}, false
	}
	company := companyFromSubject(m[1])
	if !plausibleCompany(company, false) {
		return raise{}, false
	}
	return raise{company: company, clause: rest, text: s}, true
}

// amountFor reads "$20M for <company> to …".
func amountFor(s string) (raise, bool) {
	amt, ok := money.AtStart(s)
	if !ok {
		return raise{}, false
	}
	m := amountForRe.FindStringSubmatch(s[amt.End:])
	if m == nil {
		return raise{}, false
	}
	company := companyFromObject(m[1])
	if !plausibleCompany(company, false) {
		return raise{}, false
	}
	return raise{company: company, clause: s, text: s}, true
}

// objectClause checks what follows a raising verb starts with money or a
// funding noun ("$12M", "Series A", "seed funding"), not "prices" or
// "$40M contract"; it returns the object without its opening fillers.
func objectClause(obj string) (string, bool) {
	rest := fillerRe.ReplaceAllString(obj, "")
	if amt, ok := money.AtStart(rest); ok {
		return rest, wholeUnits(amt.Amount) > 0 && !disqualified(rest[amt.End:])
	}
	return rest, fundNounRe.MatchString(rest)
}

// disqualified tells whether the words after an amount make it something
// other than a round: "$40M contract", "$100M ARR", "$2B valuation".
func disqualified(after string) bool {
	if i := strings.IndexAny(after, ",;.(:"); i >= 0 {
		after = after[:i] // "$85M, bringing its valuation to…" ends the object
	}
	for i, w := range strings.Fields(after) {
		w = strings.Trim(w, ".,;:!?\"'()")
		if i >= 4 || clauseStopRe.MatchString(w) {
			return false
		}
		if disqualifierRe.MatchString(w) {
			return true
		}
	}
	return false
}

// funding fills a Funding from the raise, completing amount, round and
// leads from the excerpt when the headline leaves them out.
func (r raise) funding(sents []string) Funding {
	f := Funding{Company: r.company, Round: roundIn(roundClause(r.clause)), LeadInvestors: r.leads}
	amt, ok := firstAmount(r.clause)
	if len(f.LeadInvestors) == 0 {
		f.LeadInvestors = leadsIn(r.text)
	}
	for _, s := range sents {
		if pastRe.MatchString(s) || !fundingCueRe.MatchString(s) {
			continue
		}
		if !ok {
			amt, ok = firstAmount(s)
		}
		if f.Round == "" {
			f.Round = roundIn(roundClause(s))
		}
		if len(f.LeadInvestors) == 0 {
			f.LeadInvestors = leadsIn(s)
		}
	}
	if f.Round == "" {
		f.Round = RoundUndisclosed
	}
	if ok {
		f.Amount, f.Currency = wholeUnits(amt), amt.Currency
		f.AmountUSD, _ = amt.USD() // Find only yields known currencies
	}
	return f
}

// roundClause cuts a clause before its investors and purpose, where a
// round word would be about something else ("to help farmers seed crops");
// the "to" of a range ("$30 million to $50 million") is not a cut.
func roundClause(s string) string {
	for _, loc := range roundCutRe.FindAllStringIndex(s, -1) {
		if _, ok := money.AtStart(s[loc[1]:]); ok {
			continue
		}
		return s[:loc[0]]
	}
	return s
}

// firstAmount is the first money phrase in s that is not a valuation,
// revenue or running total.
func firstAmount(s string) (money.Amount, bool) {
	for _, m := range money.Find(s) {
		if wholeUnits(m.Amount) == 0 || valuationBefore.MatchString(s[:m.Start]) || valuationAfter.MatchString(s[m.End:]) {
			continue
		}
		return m.Amount, true
	}
	return money.Amount{}, false
}

// wholeUnits rounds an amount to whole units of its currency; "$0" is
// no round size (found by fuzzing: "A seCures $0").
func wholeUnits(a money.Amount) int64 { return int64(math.Round(a.Value)) }

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// quoteFolder maps typographic quotes and odd spaces to plain ones so the
// rules need only one spelling.
var quoteFolder = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "\u00a0", " ", "\u2009", " ", "\u202f", " ")

// normalize decodes entities left in the text, folds quotes and collapses
// whitespace.
func normalize(s string) string {
	return collapse(quoteFolder.Replace(html.UnescapeString(s)))
}

// sentences splits text into at most n sentences, not at abbreviations
// such as "Inc." or "Rs.".
func sentences(s string, n int) []string {
	var out []string
	start := 0
	for i := 0; i < len(s) && len(out) < n-1; i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && i+2 < len(s) && s[i+1] == ' ' && sentenceStart(s[i+2:]) && !abbreviation(s[start:i]) {
			out = append(out, strings.TrimSpace(s[start:i+1]))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func sentenceStart(s string) bool {
	c := s[0]
	return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '"' || c == '\'' || c >= 0x80
}

// abbreviation tells whether text ends in a word whose period is not a
// sentence end.
func abbreviation(text string) bool {
	w := strings.ToLower(lastWord(text))
	switch w {
	case "inc", "co", "corp", "ltd", "llc", "mr", "ms", "mrs", "dr", "jr", "sr", "st", "vs", "rs", "u.s", "no", "approx", "gmbh":
		return true
	}
	return len(w) == 1
}
