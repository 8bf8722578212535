package techcrunch

import (
	"regexp"
	"strings"
)

// The look-alike rules. Each names a kind of headline that mentions money
// or a raise without a startup raising a round; any match rejects the
// headline. They run on the lower-cased, normalised text.
var rejectRules = []struct {
	name string
	re   *regexp.Regexp
}{
	{"acquisition", regexp.MustCompile(`\b(acquires|acquired|acquiring|acquisition of|(agrees|plans|set|in talks|will|moves|looks) to (acquire|buy)|buys|bought|buyout|snaps up|snapped up|scoops up|merges|merger|takeover|takes over|sells to|sold to|(agrees|plans|set) to sell|exploring a sale|explores (a )?sale|takes \S+ private)\b`)},
	{"ipo", regexp.MustCompile(`\b(ipo|ipos|initial public offering|goes public|go public|going public|direct listing|spac|blank-check|blank check|market debut|stock market debut|public debut|listing on|files to list|lists on|per share|a share|stock jumps|shares jump|shares soar|shares fall)\b`)},
	{"public company finance", regexp.MustCompile(`\b(publicly traded|publicly listed|nasdaq-listed|nyse-listed|lse-listed|listed company|bonds?|senior notes|notes offering|bond sale|share sale|stock sale|share offering|stock offering|rights issue|secondary offering|follow-on offering|buys back|buyback|share repurchase|tender offer|secondary sale|employee share)\b|\((nyse|nasdaq|lse|tsx|nse|bse|asx|otc)\s*:`)},
	{"layoffs or shutdown", regexp.MustCompile(`\b(lays off|laid off|layoffs?|job cuts|cuts (\d+%?|hundreds of|thousands of) (of )?(its )?(jobs|staff|workforce|employees|roles)|cuts jobs|shuts down|shutting down|shutters|winds down|winding down|bankrupt|bankruptcy|insolvency|insolvent|goes bust|furloughs|collapses)\b`)},
	{"legal", regexp.MustCompile(`\b(sues|sued|suing|lawsuit|class action|fined|fines|fine|penalty|penalties|settles|settlement|ordered to pay|damages|verdict|indicted|charged|antitrust|probe|subpoena|fraud|court|judge)\b`)},
	{"round-up", regexp.MustCompile(`\b(this week|last week|the week|week's|weekly|roundup|round-up|recap|newsletter|biggest (funding )?rounds|largest (funding )?rounds|q[1-4]|h[12]|first half|second half|(first|second|third|fourth) quarter|according to (pitchbook|crunchbase|dealroom|cb insights|tracxn|carta))\b|^(here are|meet the \d+|meet these|these|the \d+|\d+ )`)},
	{"market statistics", regexp.MustCompile(`\b(funding|investment|investments|vc|venture capital|deal count|deal volume|deals|rounds)\s+(\S+\s+){0,2}(fell|falls|drops|dropped|declines|declined|rose|rises|surges|surged|slumps|slumped|hits|hit|reaches|reached|rebounds|rebounded|climbs|climbed|jumps|jumped|grew|grows|doubles|doubled|tops|topped|plunges|plunged|dries up|dried up|shrinks|shrank|recovers|get bigger|gets bigger|get smaller)\b`)},
	{"plural raisers", regexp.MustCompile(`\b(startups|companies|founders|firms|unicorns)\b.*\b(raised|raise|raked in|pulled in|drew|attracted|secured|got|bagged)\b`)},
	{"giver", regexp.MustCompile(`^[^$€£₹¥]*?\b(gives|give away|awards|donates|pledges|commits|hands out|doles out|earmarks|distributes|offers|sets aside|allocates)\b`)},
	{"question or explainer", regexp.MustCompile(`\?|^(how|why|what|when|where|who|should|can|could|would|is|are|does|do|inside|lessons|opinion|analysis|interview|q&a|podcast|video|watch|listen|ask|the case for|deal dive)\b`)},
}

// investorRaiserRe matches, before the investors are named, a raiser that
// is itself an investor (a VC firm raising money to invest).
var investorRaiserRe = regexp.MustCompile(`^[^$€£₹¥]*?\b(venture firm|venture capital firm|vc firm|micro vc|investment firm|private equity|accelerator|incubator|family office|sovereign wealth fund|hedge fund|asset manager|venture arm)\b`)

// opinionRe matches an attributed quote at the end, "…, founder says";
// a raise reported by "sources" or "a filing" is still news of a raise.
var opinionRe = regexp.MustCompile(`,\s*((?:[\w'.-]+\s+){0,3})(says|said|argues|claims|warns)\s*$`)

// fundWordRe finds "fund"/"funds" as whole words; fundAsVerb lists the
// words after which it is the verb ("to fund expansion").
var (
	fundWordRe = regexp.MustCompile(`\bfunds?\b`)
	fundAsVerb = map[string]bool{"to": true, "help": true, "helps": true, "helped": true, "helping": true,
		"will": true, "would": true, "could": true, "can": true, "and": true, "further": true, "also": true}
)

// investorTailRe marks where a headline starts naming investors; a fund
// named there ("led by Savanna Fund") is a backer, not the news.
var investorTailRe = regexp.MustCompile(`\b(co-led by|led by|from|backed by|with participation|including|alongside)\b`)

// rejected tells whether a headline matches a look-alike rule; rule is its name.
func rejected(text string) (rule string, ok bool) {
	lt := strings.ToLower(text)
	lt = strings.NewReplacer("pre-ipo", "preipo", "fine-tun", "finetun").Replace(lt)
	for _, r := range rejectRules {
		if r.re.MatchString(lt) {
			return r.name, true
		}
	}
	head := lt
	if loc := investorTailRe.FindStringIndex(lt); loc != nil {
		head = lt[:loc[0]]
	}
	if mentionsFund(head) {
		return "investment fund", true
	}
	if investorRaiserRe.MatchString(head) {
		return "vc firm as raiser", true
	}
	if m := opinionRe.FindStringSubmatch(lt); m != nil && !reportedBy(m[1]) {
		return "opinion", true
	}
	return "", false
}

// mentionsFund tells whether head (a headline before its investors)
// speaks of a fund as a thing (a VC fund closing, a startup's own fund).
func mentionsFund(head string) bool {
	for _, m := range fundWordRe.FindAllStringIndex(head, -1) {
		if !fundAsVerb[lastWord(head[:m[0]])] && !investorVerbs[firstWord(head[m[1]:])] {
			return true
		}
	}
	return false
}

// investorVerbs follow an investor's name in "Horizon Fund leads $100M
// round in Caldera": there the fund is the backer, not the news.
var investorVerbs = map[string]bool{"leads": true, "co-leads": true, "lead": true, "co-lead": true, "invests": true,
	"backs": true, "bets": true, "puts": true, "pours": true, "injects": true, "pumps": true}

func reportedBy(who string) bool {
	return strings.Contains(who, "source") || strings.Contains(who, "report") ||
		strings.Contains(who, "filing") || strings.Contains(who, "people")
}

// lastWord is the last whitespace-separated word of s.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// rounds map round wordings to round names, tried in order at each
// position; the earliest mention in the clause wins.
var rounds = []struct {
	re   *regexp.Regexp
	name string // "" for pre-Series X, which becomes the round before X
}{
	{regexp.MustCompile(`(?i)\bpre-?series[ -]([a-h])\b`), ""},
	{regexp.MustCompile(`(?i)\bpre[- ]?seed\b|\bangel round\b`), "Pre-seed"},
	{regexp.MustCompile(`(?i)\bseries[ -]([a-h])\b`), "Series"},
	{regexp.MustCompile(`(?i)\bseed\b`), "Seed"},
	{regexp.MustCompile(`(?i)\bbridge\b`), "Bridge"},
	{regexp.MustCompile(`(?i)\b(?:venture debt|debt|credit facility|credit line|line of credit|loan|loans|debt financing)\b`), "Debt"},
	{regexp.MustCompile(`(?i)\bgrants?\b`), "Grant"},
	{regexp.MustCompile(`(?i)\b(?:growth (?:round|equity|funding|investment|capital)|preipo|pre-ipo)\b`), "Growth"},
}

// mixedRe matches a raise of both equity and debt, whose round type is
// therefore not one of the names above.
var mixedRe = regexp.MustCompile(`(?i)\b(equity and debt|debt and equity)\b`)

// roundIn names the first round mentioned in s, or "".
func roundIn(s string) string {
	if mixedRe.MatchString(s) {
		return ""
	}
	best, name := len(s)+1, ""
	for _, r := range rounds {
		m := r.re.FindStringSubmatchIndex(s)
		if m == nil || m[0] >= best {
			continue
		}
		best, name = m[0], r.name
		if len(m) > 2 && m[2] >= 0 {
			letter := strings.ToUpper(s[m[2]:m[3]])
			name = seriesName(letter, r.name == "")
		}
	}
	return name
}

// seriesName is "Series X", or for pre-Series X the round before it.
func seriesName(letter string, pre bool) string {
	if !pre {
		return "Series " + letter
	}
	if letter == "A" {
		return "Seed"
	}
	return "Series " + string(rune(letter[0]-1))
}
