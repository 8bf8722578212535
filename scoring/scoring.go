// Package scoring ranks companies by how likely they are to buy a software
// project now. It is pure: features, weights and a clock in, a Score out,
// every point explained.
//
// A score is the sum of parts, each with a one-line reason a salesperson can
// read out and a link to the evidence:
//
//   - Funding: a recent round, log-scaled by size, worth more when it is an
//     early round that pays for building than a late, debt or grant round.
//   - R&D fit: the company builds technology (its Form D industry, its
//     categories, a Y Combinator batch).
//   - Project size: a marketplace client posting sizeable software projects.
//   - Client quality: a marketplace client that pays, hires and comes back.
//   - Hiring: open job posts, engineering ones most.
//   - Recency: how fresh the newest evidence of any kind is.
//   - Penalties: lost lately, already a customer, a pooled investment fund,
//     or do-not-contact (which brings the score to 0).
//
// Time-bound parts halve every so many days, so a list rescored tomorrow
// drifts the way a salesperson's sense of "fresh" does.
package scoring

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Version names the model and default weights; stored with every score so a
// list can tell which model produced it.
const Version = "v1"

// Part names, as the salesperson sees them.
const (
	PartFunding       = "Funding"
	PartRDFit         = "R&D fit"
	PartProjectSize   = "Project size"
	PartClientQuality = "Client quality"
	PartHiring        = "Hiring"
	PartRecency       = "Recency"
	PartPenalty       = "Penalties"
)

// PartNames lists every part name in display order.
var PartNames = []string{PartFunding, PartRDFit, PartProjectSize, PartClientQuality, PartHiring, PartRecency, PartPenalty}

// Features is what scoring knows about one company, aggregated from its signals.
type Features struct {
	// Pipeline state
	DoNotContact bool
	Won          bool      // already a customer
	LostAt       time.Time // when the company last moved to Lost; zero when it is not Lost

	// Funding: the latest round.
	RoundUSD       int64
	RoundAt        time.Time // zero when no funding is known
	RoundName      string    // as sources name it: "Pre-seed", "Seed", "Series A", "Series C", "Growth", "Debt", "Grant", "Undisclosed", "" (unknown)
	RoundSources   []string  // people's names of the sources that report it, e.g. {"TechCrunch", "Form D"}
	RoundURL       string    // evidence link
	TotalRaisedUSD int64
	PooledFund     bool // a Form D for a pooled investment fund
	PooledURL      string

	// R&D fit
	Industry   string   // Form D industry group, e.g. "Other Technology", "Commercial", "REITS and Finance", "Pooled Investment Fund"
	Categories []string // news, Crunchbase and YC categories/industries, e.g. {"B2B", "Artificial Intelligence", "Fintech"}
	YCBatch    string   // e.g. "W25" when the company is in a Y Combinator batch
	FitURL     string   // evidence link for the fit

	// Marketplace client (freelance marketplace that posts projects)
	Marketplace       string // people's name, e.g. "Freelancer.com"; "" when not a marketplace client
	LargestProjectUSD int64  // largest qualifying project budget
	MedianProjectUSD  int64  // median qualifying project budget
	HourlyProjectUSD  int64  // rate × hours/week × weeks of its largest hourly project
	ClientSpendUSD    int64  // client's total spend on the marketplace, 0 when unknown
	Projects          int    // every project the client posted that we saw
	Projects90d       int    // qualifying projects posted in the last 90 days
	Projects30d       int    // qualifying projects posted in the last 30 days
	Min30dUSD         int64  // smallest and largest qualifying budget posted in the last 30 days
	Max30dUSD         int64
	Sum30dUSD         int64 // sum of qualifying budgets posted in the last 30 days
	LastProjectAt     time.Time
	LastProjectURL    string
	PaymentVerified   bool
	HireRate          float64 // 0–1, 0 when unknown
	Reviews           int
	Hires             int

	// Hiring
	HiringPosts      int // open hiring posts
	EngineeringPosts int // of them, posts with engineering roles
	YCHiring         bool
	LastHiringAt     time.Time
	HiringURL        string

	// Newest evidence of any kind (for Recency)
	LastSignalAt     time.Time
	LastSignalSource string // people's name
	LastSignalURL    string
}

// Part is one explained contribution to a score.
type Part struct {
	Name         string  `json:"name"`
	Points       float64 `json:"points"` // rounded to 0.1; negative for penalties
	Reason       string  `json:"reason"`
	EvidenceURL  string  `json:"evidence_url"`
	HalfLifeDays float64 `json:"half_life_days,omitempty"` // 0 for parts that do not decay
}

// Score is a company's total (0–100), the parts it is made of, and how big a
// project it might buy.
type Score struct {
	Total               int       `json:"total"` // 0–100: the sum of parts, rounded, capped to [0,100]
	Parts               []Part    `json:"parts"` // largest points first, penalties last; never nil
	EstimatedProjectUSD int64     `json:"estimated_project_usd"`
	EstimateBasis       string    `json:"estimate_basis"`
	Version             string    `json:"version"`
	ComputedAt          time.Time `json:"computed_at"`
}

// Compute scores one company's features with weights at time now.
func Compute(f Features, w Weights, now time.Time) Score {
	s := Score{Version: Version, ComputedAt: now, Parts: make([]Part, 0, 7)}
	var sum float64
	for _, part := range [...]func(Features, Weights, time.Time) (Part, bool){
		funding, rdFit, projectSize, clientQuality, hiring, recency,
	} {
		p, ok := part(f, w, now)
		if !ok {
			continue
		}
		p.Points = round1(p.Points)
		if math.Abs(p.Points) < 0.05 {
			continue
		}
		s.Parts = append(s.Parts, p)
		sum += p.Points
	}
	if p, ok := penalty(f, w, now, sum); ok {
		s.Parts = append(s.Parts, p)
		sum += p.Points
	}
	slices.SortStableFunc(s.Parts, func(a, b Part) int { return cmp.Compare(b.Points, a.Points) })
	s.Total = int(math.Round(min(100, max(0, sum))))
	if !f.DoNotContact {
		s.EstimatedProjectUSD, s.EstimateBasis = estimate(f, w, now)
	}
	return s
}

// PointsAt returns the points the part named name would have if the same
// features were scored at t, e.g. to say "in 30 days it will have N points";
// 0 when the part would be absent.
func PointsAt(f Features, w Weights, t time.Time, name string) float64 {
	for _, p := range Compute(f, w, t).Parts {
		if p.Name == name {
			return p.Points
		}
	}
	return 0
}

// Round classes, by what a round tends to pay for.
type roundClass int

const (
	roundSeed roundClass = iota // pre-seed, seed, angel: money to build the first product
	roundAB                     // Series A/B and rounds of unknown kind: money to build and grow
	roundLate                   // Series C and later, growth, private equity: money to scale sales
	roundDebt                   // debt, loans, grants, convertible notes: rarely spent on new software
)

// classify reads a round name as sources write it, case-insensitively.
// Anything it does not recognise ("", "Undisclosed", "Venture") counts as an
// early equity round.
func classify(name string) roundClass {
	words := tokens(name)
	has := func(w ...string) bool {
		for i := 0; i+len(w) <= len(words); i++ {
			if slices.Equal(words[i:i+len(w)], w) {
				return true
			}
		}
		return false
	}
	for _, w := range [][]string{{"debt"}, {"loan"}, {"loans"}, {"grant"}, {"grants"}, {"convertible"}, {"credit"}, {"note"}, {"notes"}} {
		if has(w...) {
			return roundDebt
		}
	}
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "series" && len(words[i+1]) == 1 && words[i+1][0] >= 'c' && words[i+1][0] <= 'z' {
			return roundLate
		}
	}
	for _, w := range [][]string{{"growth"}, {"private", "equity"}, {"pe"}, {"late"}, {"ipo"}, {"post", "ipo"}, {"secondary"}, {"buyout"}} {
		if has(w...) {
			return roundLate
		}
	}
	if has("seed") || has("angel") {
		return roundSeed
	}
	return roundAB
}

func (c roundClass) factor(w Weights) float64 {
	switch c {
	case roundLate:
		return w.LateRoundFactor
	case roundDebt:
		return w.DebtRoundFactor
	default:
		return w.EarlyRoundFactor
	}
}

// fraction is the documented share of a round estimated to go to outside
// software work in the next quarter (see Weights.SeedFraction).
func (c roundClass) fraction(w Weights) float64 {
	switch c {
	case roundSeed:
		return w.SeedFraction
	case roundLate:
		return w.LateFraction
	case roundDebt:
		return w.DebtFraction
	default:
		return w.SeriesAFraction
	}
}

// knownRoundName is the round's name when it says something, "" for
// unknown and undisclosed rounds.
func knownRoundName(name string) string {
	name = strings.TrimSpace(name)
	lower := strings.ToLower(name)
	if strings.Contains(lower, "undisclosed") || strings.Contains(lower, "unknown") {
		return ""
	}
	switch lower {
	case "other", "venture", "n/a":
		return ""
	}
	return name
}

// funding scores the latest round: log-scaled between the floor and the
// ceiling so each tenfold increase adds the same points, times the round's
// factor, plus a weaker term for the total raised; all of it halves every
// FundingHalfLifeDays.
func funding(f Features, w Weights, now time.Time) (Part, bool) {
	if f.RoundAt.IsZero() || f.RoundUSD <= 0 {
		return Part{}, false
	}
	age := ageDays(f.RoundAt, now)
	round := w.FundingPoints * classify(f.RoundName).factor(w) * logFrac(float64(f.RoundUSD), w.FundingFloorUSD, w.FundingCeilUSD)
	total := w.TotalRaisedPoints * logFrac(float64(max(f.TotalRaisedUSD, f.RoundUSD)), w.FundingFloorUSD, w.FundingCeilUSD)
	var b strings.Builder
	b.WriteString("Raised ")
	b.WriteString(Money(f.RoundUSD))
	if n := knownRoundName(f.RoundName); n != "" {
		b.WriteString(" ")
		b.WriteString(n)
	}
	b.WriteString(" ")
	b.WriteString(Ago(age))
	if len(f.RoundSources) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(f.RoundSources, ", "))
		b.WriteString(")")
	}
	if f.TotalRaisedUSD > f.RoundUSD {
		b.WriteString("; ")
		b.WriteString(Money(f.TotalRaisedUSD))
		b.WriteString(" raised in total")
	}
	return Part{
		Name:         PartFunding,
		Points:       (round + total) * decay(age, w.FundingHalfLifeDays),
		Reason:       b.String(),
		EvidenceURL:  f.RoundURL,
		HalfLifeDays: w.FundingHalfLifeDays,
	}, true
}

// industryFit is how much each Form D industry group says the issuer builds
// technology, from 1 (it does) to 0 (real estate, funds, banks, restaurants).
var industryFit = map[string]float64{
	"other technology":                     1,
	"computers":                            1,
	"telecommunications":                   1,
	"biotechnology":                        1,
	"pharmaceuticals":                      1,
	"other health care":                    0.5,
	"energy conservation":                  0.4,
	"health insurance":                     0.3,
	"manufacturing":                        0.3,
	"business services":                    0.3,
	"environmental services":               0.3,
	"other energy":                         0.3,
	"other banking and financial services": 0.2,
	"insurance":                            0.2,
	"hospitals and physicians":             0.2,
	"electric utilities":                   0.1,
	"retailing":                            0.1,
	"agriculture":                          0.1,
	"tourism and travel services":          0.1,
	"other travel":                         0.1,
	"other":                                0.1,

	"pooled investment fund":  0,
	"investing":               0,
	"investment banking":      0,
	"commercial banking":      0,
	"commercial":              0,
	"construction":            0,
	"reits and finance":       0,
	"residential":             0,
	"other real estate":       0,
	"restaurants":             0,
	"oil and gas":             0,
	"coal mining":             0,
	"lodging and conventions": 0,
	"airlines and airports":   0,
}

// techWords and techPhrases are the words and phrases in a category that
// mean technology. They match whole words, so "AI" matches "AI" and "AI/ML"
// but not "Retail".
var techWords, techPhrases = func() (map[string]bool, [][]string) {
	words := map[string]bool{}
	var phrases [][]string
	for _, s := range []string{
		"software", "saas", "ai", "artificial intelligence", "machine learning", "ml", "deep learning",
		"generative ai", "genai", "llm", "llms", "nlp", "computer vision", "developer tools", "devtools",
		"developer", "developers", "devops", "api", "apis", "fintech", "b2b", "data", "analytics",
		"security", "cybersecurity", "cloud", "robotics", "robots", "biotech", "biotechnology",
		"healthtech", "health tech", "digital health", "medtech", "hardware", "infrastructure",
		"internet", "mobile apps", "mobile app", "apps", "iot", "internet of things", "blockchain", "crypto", "web3",
		"edtech", "insurtech", "proptech", "legaltech", "martech", "adtech", "climate tech",
		"climatetech", "automation", "semiconductors", "semiconductor", "open source", "technology",
		"tech", "computing", "quantum", "database", "databases", "networking", "enterprise software",
		"autonomous", "drones", "aerospace", "space tech", "spacetech", "vr", "ar vr", "augmented reality",
		"virtual reality",
	} {
		if t := tokens(s); len(t) == 1 {
			words[t[0]] = true
		} else {
			phrases = append(phrases, t)
		}
	}
	return words, phrases
}()

// tokens splits text into lower-case words of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
}

// isTech reports whether text contains a technology word or phrase.
func isTech(text string) bool {
	words := tokens(text)
	for _, w := range words {
		if techWords[w] {
			return true
		}
	}
	for _, p := range techPhrases {
		for i := 0; i+len(p) <= len(words); i++ {
			if slices.Equal(words[i:i+len(p)], p) {
				return true
			}
		}
	}
	return false
}

// marketplaceFit is the fit of a marketplace client nothing else is known
// about: it posts software projects, so it buys software work, but nothing
// says it builds technology itself.
const marketplaceFit = 0.4

// rdFit scores whether the company builds technology: full points for a
// technology industry group, a technology category or a Y Combinator batch;
// part for neighbouring industries; none for funds, real estate and the
// like. A pooled investment fund never fits: it invests, it does not build.
// Not time-bound.
func rdFit(f Features, w Weights, _ time.Time) (Part, bool) {
	industry := strings.TrimSpace(f.Industry)
	if f.PooledFund || strings.EqualFold(industry, "Pooled Investment Fund") {
		return Part{}, false
	}
	indFit, known := industryFit[strings.ToLower(industry)]
	if !known && industry != "" && isTech(industry) {
		indFit = 1
	}
	var facts []string
	if f.YCBatch != "" {
		facts = append(facts, "YC "+f.YCBatch)
	}
	var cats []string
	for _, c := range f.Categories {
		c = strings.TrimSpace(c)
		if isTech(c) && !slices.Contains(cats, c) {
			cats = append(cats, c)
		}
	}
	if len(cats) > 0 {
		facts = append(facts, "categories "+strings.Join(cats, ", "))
	}
	if indFit >= 1 {
		facts = append(facts, fmt.Sprintf("Form D industry %q", industry))
	}
	p := Part{Name: PartRDFit, EvidenceURL: f.FitURL}
	switch {
	case len(facts) > 0:
		p.Points = w.RDFitPoints
		p.Reason = "Builds technology: " + strings.Join(facts, "; ")
	case indFit > 0 && (f.Marketplace == "" || indFit >= marketplaceFit):
		p.Points = w.RDFitPoints * indFit
		p.Reason = fmt.Sprintf("Possibly technology: Form D industry %q", industry)
	case f.Marketplace != "":
		p.Points = w.RDFitPoints * marketplaceFit
		p.Reason = "Buys software work on " + f.Marketplace
		if p.EvidenceURL == "" {
			p.EvidenceURL = f.LastProjectURL
		}
	default:
		return Part{}, false
	}
	return p, true
}

// projectSize scores a marketplace client's qualifying projects: a blend of
// its largest project (fixed or hourly), its median project and its total
// spend, each log-scaled from the threshold to the ceiling; more projects
// in 90 days count more, up to three; it halves every ProjectHalfLifeDays
// from the last project. Projects under the threshold add nothing.
func projectSize(f Features, w Weights, now time.Time) (Part, bool) {
	if f.Marketplace == "" || float64(f.LargestProjectUSD) < w.ProjectThresholdUSD {
		return Part{}, false
	}
	lf := func(usd int64) float64 { return logFrac(float64(usd), w.ProjectThresholdUSD, w.ProjectCeilUSD) }
	size := 0.6*lf(max(f.LargestProjectUSD, f.HourlyProjectUSD)) + 0.25*lf(f.MedianProjectUSD) + 0.15*lf(f.ClientSpendUSD)
	boost := 0.55 + 0.45*float64(min(max(f.Projects90d, 0), 3))/3
	age, d := 0.0, 1.0
	if !f.LastProjectAt.IsZero() {
		age = ageDays(f.LastProjectAt, now)
		d = decay(age, w.ProjectHalfLifeDays)
	}

	var b strings.Builder
	over := Money(int64(w.ProjectThresholdUSD))
	switch n := f.Projects90d; {
	case n == 1:
		fmt.Fprintf(&b, "1 project over %s in 90 days on %s", over, f.Marketplace)
	case n > 1:
		fmt.Fprintf(&b, "%d projects over %s in 90 days on %s", n, over, f.Marketplace)
	default:
		fmt.Fprintf(&b, "Projects over %s on %s", over, f.Marketplace)
	}
	b.WriteString(", largest ")
	b.WriteString(Money(f.LargestProjectUSD))
	if f.MedianProjectUSD > 0 && f.MedianProjectUSD != f.LargestProjectUSD {
		b.WriteString(", median ")
		b.WriteString(Money(f.MedianProjectUSD))
	}
	if float64(f.HourlyProjectUSD) >= w.ProjectThresholdUSD {
		b.WriteString(", hourly work worth ")
		b.WriteString(Money(f.HourlyProjectUSD))
	}
	if f.ClientSpendUSD > 0 {
		b.WriteString(", client spent ")
		b.WriteString(Money(f.ClientSpendUSD))
	}
	if !f.LastProjectAt.IsZero() {
		b.WriteString("; last posted ")
		b.WriteString(Ago(age))
	}
	return Part{
		Name:         PartProjectSize,
		Points:       w.ProjectPoints * size * boost * d,
		Reason:       b.String(),
		EvidenceURL:  f.LastProjectURL,
		HalfLifeDays: w.ProjectHalfLifeDays,
	}, true
}

// clientQuality scores a marketplace client's record: payment verified
// (35%), hire rate (20%), hires (10%), reviews (15%) and posting again
// (20%, full at four projects). Not time-bound.
func clientQuality(f Features, w Weights, _ time.Time) (Part, bool) {
	if f.Marketplace == "" {
		return Part{}, false
	}
	var q float64
	var facts []string
	if f.PaymentVerified {
		q += 0.35
		facts = append(facts, "Payment verified")
	} else {
		facts = append(facts, "Payment not verified")
	}
	if r := min(max(f.HireRate, 0), 1); r > 0 {
		q += 0.2 * r
		facts = append(facts, fmt.Sprintf("hires %.0f%% of the time", r*100))
	}
	if f.Reviews > 0 {
		q += 0.15 * min(1, math.Log1p(float64(f.Reviews))/math.Log1p(20))
		facts = append(facts, plural(f.Reviews, "review"))
	}
	if f.Hires > 0 {
		q += 0.1 * min(1, math.Log1p(float64(f.Hires))/math.Log1p(10))
		facts = append(facts, plural(f.Hires, "hire"))
	}
	if f.Projects > 0 {
		if f.Projects >= 2 {
			q += 0.2 * min(1, float64(f.Projects-1)/3)
		}
		facts = append(facts, "posted "+plural(f.Projects, "project"))
	}
	return Part{
		Name:        PartClientQuality,
		Points:      w.ClientQualityPoints * q,
		Reason:      strings.Join(facts, ", "),
		EvidenceURL: f.LastProjectURL,
	}, true
}

// hiring scores open job posts: each engineering post counts fully and
// other posts a third as much, saturating (one engineering post gives half
// the points, two three quarters); a YC listing as hiring adds some. It
// halves every HiringHalfLifeDays from the last post; with no date known it
// does not decay.
func hiring(f Features, w Weights, now time.Time) (Part, bool) {
	eng := max(f.EngineeringPosts, 0)
	other := max(f.HiringPosts-eng, 0)
	if eng == 0 && other == 0 && !f.YCHiring {
		return Part{}, false
	}
	q := 1 - math.Exp2(-(float64(eng) + float64(other)/3))
	if f.YCHiring {
		q = 1 - (1-q)*(1-0.3)
	}
	var b strings.Builder
	switch {
	case eng > 0 && other > 0:
		fmt.Fprintf(&b, "%s and %d other", plural(eng, "engineering job post"), other)
	case eng > 0:
		b.WriteString(plural(eng, "engineering job post"))
	case other > 0:
		b.WriteString(plural(other, "job post"))
	default:
		b.WriteString("Listed as hiring on YC")
	}
	age, d := 0.0, 1.0
	if !f.LastHiringAt.IsZero() {
		age = ageDays(f.LastHiringAt, now)
		d = decay(age, w.HiringHalfLifeDays)
		if age < 1 {
			b.WriteString(", last one today")
		} else {
			b.WriteString(", last " + Ago(age))
		}
	}
	if src := sourceOf(f.HiringURL); src != "" {
		b.WriteString(" (" + src + ")")
	}
	if f.YCHiring && (eng > 0 || other > 0) {
		b.WriteString("; listed as hiring on YC")
	}
	return Part{
		Name:         PartHiring,
		Points:       w.HiringPoints * q * d,
		Reason:       b.String(),
		EvidenceURL:  f.HiringURL,
		HalfLifeDays: w.HiringHalfLifeDays,
	}, true
}

// jobSites names the sites job posts come from.
var jobSites = map[string]string{
	"news.ycombinator.com":     "Hacker News",
	"ycombinator.com":          "Y Combinator",
	"workatastartup.com":       "Work at a Startup",
	"linkedin.com":             "LinkedIn",
	"wellfound.com":            "Wellfound",
	"angel.co":                 "Wellfound",
	"greenhouse.io":            "Greenhouse",
	"boards.greenhouse.io":     "Greenhouse",
	"job-boards.greenhouse.io": "Greenhouse",
	"jobs.lever.co":            "Lever",
	"jobs.ashbyhq.com":         "Ashby",
	"indeed.com":               "Indeed",
}

// sourceOf names the site a link points to: "Hacker News" for
// news.ycombinator.com, else the host without "www."; "" for no link.
func sourceOf(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if name, ok := jobSites[host]; ok {
		return name
	}
	return host
}

// recency scores the freshness of the newest evidence of any kind.
func recency(f Features, w Weights, now time.Time) (Part, bool) {
	if f.LastSignalAt.IsZero() {
		return Part{}, false
	}
	age := ageDays(f.LastSignalAt, now)
	reason := "Newest evidence " + Ago(age)
	if f.LastSignalSource != "" {
		reason += " (" + f.LastSignalSource + ")"
	}
	return Part{
		Name:         PartRecency,
		Points:       w.RecencyPoints * decay(age, w.RecencyHalfLifeDays),
		Reason:       reason,
		EvidenceURL:  f.LastSignalURL,
		HalfLifeDays: w.RecencyHalfLifeDays,
	}, true
}

// penalty takes points for reasons not to call: lost lately, already a
// customer, a pooled investment fund. Do-not-contact takes exactly the
// points of every other part, so the score is 0 and the parts still add up.
func penalty(f Features, w Weights, now time.Time, others float64) (Part, bool) {
	p := Part{Name: PartPenalty}
	if f.DoNotContact {
		p.Points = -others
		p.Reason = "Do-not-contact: never called or exported"
		return p, math.Abs(p.Points) >= 0.05
	}
	var causes []string
	if !f.LostAt.IsZero() {
		if age := ageDays(f.LostAt, now); age <= w.LostWindowDays {
			p.Points -= w.LostPenalty
			causes = append(causes, "Lost "+Ago(age))
		}
	}
	if f.Won {
		p.Points -= w.WonPenalty
		causes = append(causes, "Already a customer")
	}
	if f.PooledFund {
		p.Points -= w.PooledFundPenalty
		causes = append(causes, "Pooled investment fund")
		p.EvidenceURL = f.PooledURL
	}
	p.Points = round1(p.Points)
	p.Reason = strings.Join(causes, "; ")
	return p, math.Abs(p.Points) >= 0.05
}

// estimate guesses the size of the next software project: the larger of
// what a marketplace client has been posting and a documented fraction of a
// recent round (see Weights.SeedFraction), to two significant figures.
func estimate(f Features, w Weights, now time.Time) (int64, string) {
	var best float64
	var basis string
	consider := func(v float64, why string) {
		if v > best {
			best, basis = v, why
		}
	}
	if f.Marketplace != "" {
		if f.Sum30dUSD > 0 {
			var why string
			switch {
			case f.Projects30d <= 0 || f.Min30dUSD <= 0 || f.Max30dUSD <= 0:
				why = "projects posted in 30 days on " + f.Marketplace
			case f.Min30dUSD == f.Max30dUSD:
				why = fmt.Sprintf("%s of %s posted in 30 days", plural(f.Projects30d, "project"), Money(f.Max30dUSD))
			default:
				why = fmt.Sprintf("%s of %s–%s posted in 30 days", plural(f.Projects30d, "project"), Money(f.Min30dUSD), Money(f.Max30dUSD))
			}
			consider(float64(f.Sum30dUSD), why)
		}
		if f.Projects90d >= 2 && f.MedianProjectUSD > 0 {
			consider(float64(f.MedianProjectUSD)*float64(f.Projects90d),
				fmt.Sprintf("%d projects in 90 days at a median of %s", f.Projects90d, Money(f.MedianProjectUSD)))
		}
		consider(float64(f.LargestProjectUSD), "largest project on "+f.Marketplace)
		consider(float64(f.HourlyProjectUSD), "largest hourly project on "+f.Marketplace+" (rate × hours × weeks)")
	}
	if !f.PooledFund && !f.RoundAt.IsZero() && f.RoundUSD > 0 && ageDays(f.RoundAt, now) <= w.EstimateMaxAgeDays {
		c := classify(f.RoundName)
		frac := c.fraction(w)
		v := float64(f.RoundUSD) * frac
		name := knownRoundName(f.RoundName)
		switch {
		case name == "":
			name = "round"
		case !strings.HasPrefix(strings.ToLower(name), "series") && !strings.HasSuffix(strings.ToLower(name), "round"):
			name += " round"
		}
		amount := Money(f.RoundUSD)
		why := fmt.Sprintf("%s of %s %s %s", percent(frac), article(amount), amount, name)
		if v > w.EstimateCapUSD {
			why += fmt.Sprintf(" is %s, capped at %s", Money(round2(v)), Money(round2(w.EstimateCapUSD)))
			v = w.EstimateCapUSD
		}
		consider(v, why+" (rounds that fund building spend part on outside software work)")
	}
	usd := round2(best)
	if usd <= 0 {
		return 0, ""
	}
	return usd, "~" + Money(usd) + ": " + basis
}

// round2 rounds dollars to two significant figures.
func round2(v float64) int64 {
	if v <= 0 || math.IsNaN(v) {
		return 0
	}
	if v >= math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	p := math.Pow(10, math.Floor(math.Log10(v))-1)
	return int64(math.Round(v/p) * p)
}

// article is "an" before amounts said with a vowel sound ($8M, $11k, $80M,
// $18.5M), else "a".
func article(amount string) string {
	n := strings.TrimPrefix(amount, "$")
	whole, _, _ := strings.Cut(strings.TrimRight(n, "kMB"), ".")
	if strings.HasPrefix(whole, "8") || whole == "11" || whole == "18" {
		return "an"
	}
	return "a"
}

// percent says a fraction as a percentage: 0.05 → "5%", 0.015 → "1.5%".
func percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*100*1e4)/1e4, 'f', -1, 64) + "%"
}

func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// logFrac places v between lo and hi on a log scale: 0 at or below lo, 1 at
// or above hi, so each tenfold increase adds the same share.
func logFrac(v, lo, hi float64) float64 {
	lo = max(lo, 1)
	if v <= lo || hi <= lo {
		return 0
	}
	return min(1, math.Log(v/lo)/math.Log(hi/lo))
}

// decay halves every halfLife days; future dates count as today.
func decay(ageDays, halfLife float64) float64 {
	if halfLife <= 0 {
		return 0
	}
	return math.Exp2(-max(0, ageDays) / halfLife)
}

// ageDays is how many days before now t was; 0 for future dates.
func ageDays(t, now time.Time) float64 {
	return max(0, now.Sub(t).Hours()/24)
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// Money formats dollars the way a salesperson says them: $950, $12.5k, $7.5M, $1.2B.
func Money(usd int64) string {
	f := float64(usd)
	switch {
	case f >= 1e9:
		return "$" + trim(f/1e9) + "B"
	case f >= 1e6:
		return "$" + trim(f/1e6) + "M"
	case f >= 1e3:
		return "$" + trim(f/1e3) + "k"
	default:
		return fmt.Sprintf("$%d", usd)
	}
}

func trim(f float64) string {
	if f >= 100 {
		return fmt.Sprintf("%.0f", f)
	}
	s := fmt.Sprintf("%.1f", f)
	if s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

// Ago says an age in days the way people do: "today", "1 day ago", "12 days ago".
func Ago(days float64) string {
	d := int(math.Floor(max(0, days)))
	switch d {
	case 0:
		return "today"
	case 1:
		return "1 day ago"
	default:
		return fmt.Sprintf("%d days ago", d)
	}
}
