package freelancer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Project types as the API names them.
const (
	TypeFixed  = "fixed"
	TypeHourly = "hourly"
)

// Project is one posted project as the API describes it. Amounts are in
// the project's own Currency; for hourly projects the budget is per hour.
type Project struct {
	ID             int64
	OwnerID        int64 // the client's user id
	Title          string
	SeoURL         string // "php/customize-script"; the page is ProjectURL(SeoURL, ID)
	URL            string
	Type           string // TypeFixed, TypeHourly, or "" when unstated
	Status         string // "active", "closed", "frozen"…
	FrontendStatus string // frontend_project_status: "open", "work_in_progress", "complete"…
	Deleted        bool
	Currency       string  // ISO 4217 code, "" when unstated
	ExchangeRate   float64 // US dollars per unit of Currency (USD = amount × rate); 0 when unknown
	BudgetMin      float64
	BudgetMax      float64
	// CommitmentHours per CommitmentInterval ("week", "month", "day") is
	// what an hourly client books; 0 and "" when unstated.
	CommitmentHours    float64
	CommitmentInterval string
	Duration           string // hourly duration_enum: "one_to_three_months"…; "" when unstated
	BidCount           int
	BidAvg             float64  // average bid, in Currency
	Skills             []string // job names
	SkillIDs           []int64
	SubmittedAt        time.Time
}

// Client is a project owner's public profile; fields the API left out
// are zero, and the status and reputation blocks nil.
type Client struct {
	ID            int64
	Username      string
	DisplayName   string
	PublicName    string
	Country       string // country name, "India"
	CountryCode   string // upper-case code, "IN"
	City          string
	RegisteredAt  time.Time
	Verified      *Verification
	Reputation    *Reputation // employer reputation over the whole history
	Reputation12m *Reputation // employer reputation over the last 12 months
}

// Verification is what Freelancer checked about a client.
type Verification struct {
	Payment, Email, Phone, Identity, Deposit bool
}

// Reputation is a client's record as an employer. Posted counts all its
// projects that reached a freelancer ("all"); Completed those finished.
type Reputation struct {
	Rating         float64 // overall review score, 0-5
	Reviews        int
	Posted         int
	Completed      int
	Incomplete     int
	CompletionRate float64 // 0-1
}

// Page is one answer of the active-projects endpoint.
type Page struct {
	Projects []Project
	Clients  map[int64]Client // owners keyed by user id
	Listed   int              // projects the page listed, skipped ones included: a short page is the last
	Total    int              // total_count, -1 when absent
	Skipped  int              // projects left out as unusable (no id, owner or date; wrong structure)
}

// ParsePage reads an active-projects answer. An error status, a body that
// is not JSON or lacks result.projects is an error; unusable projects and
// users are left out (Skipped counts the projects).
func ParsePage(r io.Reader) (Page, error) {
	res, err := readResult(r)
	if err != nil {
		return Page{}, fmt.Errorf("freelancer: parse page: %w", err)
	}
	p := Page{Clients: map[int64]Client{}, Listed: len(*res.Projects), Total: -1}
	if n, ok := res.TotalCount.int(); ok {
		p.Total = int(min(n, 1<<31-1))
	}
	for _, raw := range *res.Projects {
		pr, ok := projectOf(raw)
		if !ok {
			p.Skipped++
			continue
		}
		p.Projects = append(p.Projects, pr)
	}
	for key, raw := range res.Users {
		if c, ok := clientOf(key, raw); ok {
			p.Clients[c.ID] = c
		}
	}
	return p, nil
}

// readResult decodes the envelope and checks it is a success with projects.
func readResult(r io.Reader) (result, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return result{}, err
	}
	var env envelope
	if err := json.Unmarshal(bytes.TrimSpace(b), &env); err != nil {
		return result{}, err
	}
	if env.Status != "" && env.Status != "success" {
		return result{}, fmt.Errorf("api status %q: %s %s", clean(string(env.Status)), clean(string(env.Code)), clean(string(env.Message)))
	}
	var res result
	if len(env.Result) == 0 || json.Unmarshal(env.Result, &res) != nil || res.Projects == nil {
		return result{}, errors.New("no result.projects array")
	}
	return res, nil
}

// projectOf reads one project; ok is false without an id, an owner or a date.
func projectOf(raw json.RawMessage) (Project, bool) {
	var w wireProject
	if json.Unmarshal(raw, &w) != nil {
		return Project{}, false
	}
	id, ok1 := w.ID.int()
	owner, ok2 := w.OwnerID.int()
	at := unixTime(w.TimeSubmitted)
	if at.IsZero() {
		at = unixTime(w.SubmitDate)
	}
	if !ok1 || !ok2 || id == 0 || owner == 0 || at.IsZero() {
		return Project{}, false
	}
	seo := seoPath(string(w.SeoURL))
	p := Project{
		ID: id, OwnerID: owner, Title: clean(string(w.Title)), SeoURL: seo, URL: ProjectURL(seo, id),
		Type: word(w.Type), Status: word(w.Status), FrontendStatus: word(w.FrontendProjectStatus),
		Deleted: bool(w.Deleted), SubmittedAt: at,
	}
	p.Currency, p.ExchangeRate = currencyOf(w.Currency)
	if w.Budget != nil {
		p.BudgetMin, p.BudgetMax = w.Budget.Minimum.amount(), w.Budget.Maximum.amount()
		p.BudgetMax = max(p.BudgetMax, p.BudgetMin) // a lone minimum is the budget
	}
	if w.BidStats != nil {
		p.BidCount, p.BidAvg = w.BidStats.BidCount.count(), w.BidStats.BidAvg.amount()
	}
	if h := w.Hourly; h != nil {
		p.Duration = word(h.DurationEnum)
		if h.Commitment != nil {
			p.CommitmentHours, p.CommitmentInterval = h.Commitment.Hours.amount(), word(h.Commitment.Interval)
		}
	}
	for _, j := range w.Jobs {
		if name := clean(string(j.Name)); name != "" {
			p.Skills = append(p.Skills, name)
		}
		if jid, ok := j.ID.int(); ok {
			p.SkillIDs = append(p.SkillIDs, jid)
		}
	}
	return p, true
}

// currencyOf reads the ISO code and the USD rate. A rate outside any
// real currency's range is unknown, so a junk rate cannot fake a budget.
func currencyOf(c *wireCurrency) (code string, rate float64) {
	if c == nil {
		return "", 0
	}
	code = strings.ToUpper(strings.TrimSpace(string(c.Code)))
	if len(code) != 3 || strings.IndexFunc(code, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		code = ""
	}
	rate = c.ExchangeRate.amount()
	if code == "USD" && rate == 0 {
		rate = 1
	}
	if rate <= 0 || rate > 1e4 {
		rate = 0
	}
	return code, rate
}

// clientOf reads one user; ok is false without a usable id. The map key
// stands in for a missing id, and a disagreeing id loses to the key the
// projects point at.
func clientOf(key string, raw json.RawMessage) (Client, bool) {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil || id <= 0 {
		return Client{}, false
	}
	if t := bytes.TrimSpace(raw); len(t) == 0 || string(t) == "null" {
		return Client{}, false // no profile: the owner stays anonymous
	}
	var w wireUser
	if json.Unmarshal(raw, &w) != nil {
		return Client{ID: id}, true // the owner exists but says nothing usable
	}
	c := Client{
		ID: id, Username: clean(string(w.Username)), DisplayName: clean(string(w.DisplayName)),
		PublicName: clean(string(w.PublicName)), RegisteredAt: unixTime(w.RegistrationDate),
	}
	if l := w.Location; l != nil {
		c.City = clean(string(l.City))
		if l.Country != nil {
			c.Country, c.CountryCode = clean(string(l.Country.Name)), strings.ToUpper(clean(string(l.Country.Code)))
		}
	}
	if s := w.Status; s != nil {
		c.Verified = &Verification{Payment: bool(s.PaymentVerified), Email: bool(s.EmailVerified),
			Phone: bool(s.PhoneVerified), Identity: bool(s.IdentityVerified), Deposit: bool(s.DepositMade)}
	}
	if r := w.EmployerReputation; r != nil {
		c.Reputation, c.Reputation12m = reputationOf(r.EntireHistory), reputationOf(r.Last12Months)
	}
	return c, true
}

// reputationOf converts one reputation period; nil stays nil.
func reputationOf(w *wireReputation) *Reputation {
	if w == nil {
		return nil
	}
	return &Reputation{
		Rating: min(w.Overall.amount(), 5), Reviews: w.Reviews.count(), Posted: w.All.count(),
		Completed: w.Complete.count(), Incomplete: w.Incomplete.count(), CompletionRate: min(w.CompletionRate.amount(), 1),
	}
}

// unixTime reads a positive unix time in seconds before the year 5000; zero otherwise.
func unixTime(n num) time.Time {
	v, ok := n.int()
	if !ok || v == 0 || v > 95e9 {
		return time.Time{}
	}
	return time.Unix(v, 0).UTC()
}

// seoPath keeps the path segments of seo_url that are safe to put in a URL.
func seoPath(s string) string {
	var segs []string
	for seg := range strings.SplitSeq(clean(s), "/") {
		if seg != "" && seg != "." && seg != ".." {
			segs = append(segs, url.PathEscape(seg))
		}
	}
	return strings.Join(segs, "/")
}

// word is a lower-case enum value such as "fixed" or "week".
func word(t text) string { return strings.ToLower(clean(string(t))) }

// clean makes API text safe for one line: valid UTF-8, no control
// characters, runs of white space collapsed.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
	}), " ")
}
