package freelancer

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// The wire types mirror the API's JSON. Leaves use the lenient types
// below, because one project with a null or quoted number must not cost
// the whole page; a project whose structure is wrong is skipped.

// envelope is the frame of every API answer.
type envelope struct {
	Status  text            `json:"status"`
	Message text            `json:"message"`
	Code    text            `json:"error_code"`
	Result  json.RawMessage `json:"result"`
}

// result is a page of projects with their owners keyed by string id.
type result struct {
	Projects   *[]json.RawMessage         `json:"projects"`
	TotalCount num                        `json:"total_count"`
	Users      map[string]json.RawMessage `json:"users"`
}

type wireProject struct {
	ID                    num             `json:"id"`
	OwnerID               num             `json:"owner_id"`
	Title                 text            `json:"title"`
	Status                text            `json:"status"`
	FrontendProjectStatus text            `json:"frontend_project_status"`
	SeoURL                text            `json:"seo_url"`
	Currency              *wireCurrency   `json:"currency"`
	Jobs                  []wireJob       `json:"jobs"`
	SubmitDate            num             `json:"submitdate"`
	TimeSubmitted         num             `json:"time_submitted"`
	Deleted               flag            `json:"deleted"`
	Type                  text            `json:"type"`
	Budget                *wireBudget     `json:"budget"`
	BidStats              *wireBidStats   `json:"bid_stats"`
	Hourly                *wireHourlyInfo `json:"hourly_project_info"`
}

type wireCurrency struct {
	Code         text `json:"code"`
	ExchangeRate num  `json:"exchange_rate"`
}

type wireJob struct {
	ID   num  `json:"id"`
	Name text `json:"name"`
}

type wireBudget struct {
	Minimum num `json:"minimum"`
	Maximum num `json:"maximum"`
}

type wireBidStats struct {
	BidCount num `json:"bid_count"`
	BidAvg   num `json:"bid_avg"`
}

type wireHourlyInfo struct {
	Commitment *struct {
		Hours    num  `json:"hours"`
		Interval text `json:"interval"`
	} `json:"commitment"`
	DurationEnum text `json:"duration_enum"`
}

type wireUser struct {
	Username         text `json:"username"`
	DisplayName      text `json:"display_name"`
	PublicName       text `json:"public_name"`
	RegistrationDate num  `json:"registration_date"`
	Location         *struct {
		Country *struct {
			Name text `json:"name"`
			Code text `json:"code"`
		} `json:"country"`
		City text `json:"city"`
	} `json:"location"`
	Status *struct {
		PaymentVerified  flag `json:"payment_verified"`
		EmailVerified    flag `json:"email_verified"`
		PhoneVerified    flag `json:"phone_verified"`
		IdentityVerified flag `json:"identity_verified"`
		DepositMade      flag `json:"deposit_made"`
	} `json:"status"`
	EmployerReputation *struct {
		EntireHistory *wireReputation `json:"entire_history"`
		Last12Months  *wireReputation `json:"last12months"`
	} `json:"employer_reputation"`
}

type wireReputation struct {
	Overall        num `json:"overall"`
	All            num `json:"all"`
	Reviews        num `json:"reviews"`
	Complete       num `json:"complete"`
	Incomplete     num `json:"incomplete"`
	CompletionRate num `json:"completion_rate"`
}

// num is a JSON number, or a string holding one; anything else (null,
// an object, junk) reads as unknown instead of failing the decode.
type num struct {
	v  float64
	ok bool
}

// UnmarshalJSON implements json.Unmarshaler; it never fails.
func (n *num) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if uq, err := strconv.Unquote(s); err == nil && strings.HasPrefix(s, `"`) {
		s = strings.TrimSpace(uq)
	}
	v, err := strconv.ParseFloat(s, 64)
	*n = num{v: v, ok: err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)}
	return nil
}

// int returns the number as a non-negative integer below 2^53, the
// range JSON numbers hold exactly; ok is false otherwise.
func (n num) int() (int64, bool) {
	if !n.ok || n.v < 0 || n.v >= 1<<53 || n.v != math.Trunc(n.v) {
		return 0, false
	}
	return int64(n.v), true
}

// count returns a non-negative integer, 0 when unknown.
func (n num) count() int {
	v, _ := n.int()
	return int(min(v, math.MaxInt32))
}

// amount returns a non-negative amount, 0 when unknown or negative.
func (n num) amount() float64 {
	if !n.ok || n.v < 0 {
		return 0
	}
	return n.v
}

// text is a JSON string; anything else reads as "".
type text string

// UnmarshalJSON implements json.Unmarshaler; it never fails.
func (t *text) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) != nil {
		s = ""
	}
	*t = text(s)
	return nil
}

// flag is a JSON boolean; anything else reads as false.
type flag bool

// UnmarshalJSON implements json.Unmarshaler; it never fails.
func (f *flag) UnmarshalJSON(b []byte) error {
	*f = flag(string(bytes.TrimSpace(b)) == "true")
	return nil
}
