package upwork

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// wireMoney is the API's money object.
type wireMoney struct {
	RawValue     flexNum `json:"rawValue"`
	Currency     string  `json:"currency"`
	DisplayValue string  `json:"displayValue"`
}

func (m *wireMoney) money() Money {
	if m == nil {
		return Money{}
	}
	return Money{Value: m.RawValue.f, Currency: strings.ToUpper(clean(m.Currency)), Display: clean(m.DisplayValue)}
}

// wireNode is a job node as sent; pointers tell null from absent where it matters.
type wireNode struct {
	ID               flexString `json:"id"`
	Title            string     `json:"title"`
	Description      string     `json:"description"`
	Ciphertext       string     `json:"ciphertext"`
	CreatedDateTime  string     `json:"createdDateTime"`
	PublishedDate    string     `json:"publishedDateTime"`
	Duration         string     `json:"duration"`
	DurationLabel    string     `json:"durationLabel"`
	Engagement       string     `json:"engagement"`
	ExperienceLevel  string     `json:"experienceLevel"`
	TotalApplicants  flexNum    `json:"totalApplicants"`
	Amount           *wireMoney `json:"amount"`
	HourlyBudgetType string     `json:"hourlyBudgetType"`
	HourlyBudgetMin  *wireMoney `json:"hourlyBudgetMin"`
	HourlyBudgetMax  *wireMoney `json:"hourlyBudgetMax"`
	Skills           []struct {
		Name       string `json:"name"`
		PrettyName string `json:"prettyName"`
	} `json:"skills"`
	Client *struct {
		TotalHires         flexNum    `json:"totalHires"`
		TotalPostedJobs    flexNum    `json:"totalPostedJobs"`
		TotalSpent         *wireMoney `json:"totalSpent"`
		VerificationStatus string     `json:"verificationStatus"`
		TotalReviews       flexNum    `json:"totalReviews"`
		TotalFeedback      flexNum    `json:"totalFeedback"`
		Location           *struct {
			Country string `json:"country"`
		} `json:"location"`
	} `json:"client"`
}

// parseEdge reads one {node: {…}}; the id comes back even when the rest fails.
func parseEdge(raw json.RawMessage) (Job, error) {
	var edge struct {
		Node *json.RawMessage `json:"node"`
	}
	if err := json.Unmarshal(raw, &edge); err != nil {
		return Job{}, fmt.Errorf("not an edge object: %w", err)
	}
	if edge.Node == nil {
		return Job{}, errors.New("no node")
	}
	var n wireNode
	if err := json.Unmarshal(*edge.Node, &n); err != nil {
		var id struct {
			ID flexString `json:"id"`
		}
		_ = json.Unmarshal(*edge.Node, &id) // best effort, for the error report
		return Job{ID: clean(string(id.ID))}, fmt.Errorf("not a job node: %w", err)
	}
	return jobFrom(n)
}

// jobFrom checks and converts a decoded node.
func jobFrom(n wireNode) (Job, error) {
	j := Job{
		ID: clean(string(n.ID)), Title: clean(n.Title), Description: clean(n.Description),
		Ciphertext: clean(n.Ciphertext), Duration: clean(n.Duration), DurationLabel: clean(n.DurationLabel),
		Engagement: clean(n.Engagement), ExperienceLevel: clean(n.ExperienceLevel),
		TotalApplicants: n.TotalApplicants.int(), Amount: n.Amount.money(),
		HourlyBudgetType: clean(n.HourlyBudgetType),
		HourlyMin:        n.HourlyBudgetMin.money().Value, HourlyMax: n.HourlyBudgetMax.money().Value,
	}
	if j.ID == "" {
		return j, errors.New("no id")
	}
	var err error
	if j.Created, err = parseTime(n.CreatedDateTime); err != nil {
		return j, fmt.Errorf("createdDateTime: %w", err)
	}
	if j.Published, err = parseTime(n.PublishedDate); err != nil {
		return j, fmt.Errorf("publishedDateTime: %w", err)
	}
	if j.Posted().IsZero() {
		return j, errors.New("no publishedDateTime or createdDateTime")
	}
	for _, s := range n.Skills {
		if name := firstNonEmpty(clean(s.PrettyName), clean(s.Name)); name != "" {
			j.Skills = append(j.Skills, name)
		}
	}
	if c := n.Client; c != nil {
		j.Client = Client{
			TotalHires: c.TotalHires.int(), TotalPostedJobs: c.TotalPostedJobs.int(),
			TotalSpent: c.TotalSpent.money(), VerificationStatus: strings.ToUpper(clean(c.VerificationStatus)),
			TotalReviews: c.TotalReviews.int(), TotalFeedback: min(c.TotalFeedback.f, 5),
		}
		if c.Location != nil {
			j.Client.Country = clean(c.Location.Country)
		}
	}
	return j, nil
}

// parseTime reads an RFC 3339 timestamp or Unix milliseconds as digits
// (Upwork sends both styles in different fields); "" gives zero.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		t := time.UnixMilli(ms).UTC()
		if t.Year() < 2000 || t.Year() > 9999 {
			return time.Time{}, fmt.Errorf("%q is out of range", s)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < 2000 {
		return time.Time{}, fmt.Errorf("%q is not a timestamp", truncate(s, 40))
	}
	return t.UTC(), nil
}

// flexNum is a non-negative number sent as a JSON number, a decimal
// string ("500.0") or null; anything unreadable or negative counts as 0,
// because one odd counter should not cost the whole job.
type flexNum struct{ f float64 }

// UnmarshalJSON implements json.Unmarshaler.
func (n *flexNum) UnmarshalJSON(b []byte) error {
	var v any
	_ = json.Unmarshal(b, &v) // the syntax is checked already; 1e400 reads as 0
	var f float64
	switch v := v.(type) {
	case float64:
		f = v
	case string:
		f, _ = strconv.ParseFloat(strings.TrimSpace(v), 64)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > maxValue {
		f = 0
	}
	n.f = f
	return nil
}

// int rounds the number to an int.
func (n flexNum) int() int { return int(math.Round(n.f)) }

// flexString is an id sent as a string or a number.
type flexString string

// UnmarshalJSON implements json.Unmarshaler. A number keeps its literal
// digits: job ids pass 2^53, beyond what a float64 holds exactly.
func (s *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0:
		return errors.New("empty id")
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
	case string(b) == "null":
		*s = ""
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return errors.New("id is neither a string nor a number")
		}
		*s = flexString(n.String())
	}
	return nil
}

// clean makes a source string safe to store: valid UTF-8, no NUL (which
// PostgreSQL text and jsonb refuse), no surrounding blanks.
func clean(s string) string {
	return strings.TrimSpace(strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD"))
}

// truncate cuts s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
