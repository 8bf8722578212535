package crm

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// Filter selects companies for the lead list, exports, call queues and
// bulk actions. Its zero value matches every company. It lives in the URL
// (Values and ParseFilter), so a list is shareable and back-button safe.
type Filter struct {
	MinScore         int
	MaxScore         int // 0 means 100
	Industry         string
	FundedWithinDays int
	Stage            Stage
	Query            string // full text over names, domains, signal titles and notes
	// Part keeps companies whose score has this part with points (a
	// scoring.PartNames name), e.g. "has Project size".
	Part string
	// MinEstimateUSD keeps companies whose estimated project is at least this.
	MinEstimateUSD int64
	Kind           Kind   // funded, marketplace client or imported
	Owner          string // "me", "none" (unassigned) or "" (anyone)
	Tag            string
	HasPhone       bool
	NotContacted   bool      // never called
	ContactedAfter time.Time // last called on or after this day
	// ContactedBefore keeps leads last called before this day.
	ContactedBefore time.Time
	Sort            Sort
	Columns         []string // the list's columns, in order; nil means DefaultColumns
	IDs             []int64  // only these companies (a selection); nil means all

	// Me is the user "me" means; set by the caller, not from the URL.
	Me int64
}

// Kind is where a lead comes from.
type Kind string

// Kinds of lead.
const (
	KindAny      Kind = ""
	KindFunded   Kind = "funded"
	KindClient   Kind = "client"
	KindImported Kind = "imported"
)

// Kinds lists the kinds with their labels, for the list's filter.
var Kinds = []struct {
	Kind  Kind
	Label string
}{{KindFunded, "Funded startup"}, {KindClient, "Freelance client"}, {KindImported, "Imported"}}

// Sort orders the lead list.
type Sort string

// Sorts the list offers; the zero value sorts by score.
const (
	SortScore     Sort = ""
	SortEstimate  Sort = "estimate"
	SortActivity  Sort = "activity"
	SortNewest    Sort = "newest"
	SortRelevance Sort = "relevance" // search rank; needs a search
)

// Sorts lists the orders with their labels, for the list's sort control.
var Sorts = []struct {
	Sort  Sort
	Label string
}{{SortScore, "Score"}, {SortEstimate, "Estimated project"}, {SortActivity, "Last activity"}, {SortNewest, "Newest"}, {SortRelevance, "Search relevance"}}

// Columns the list can show, by key, with their headers.
var Columns = []struct {
	Key, Label string
}{
	{"score", "Score"}, {"estimate", "Est. project"}, {"industry", "Industry"}, {"location", "Location"},
	{"funding", "Last funding"}, {"funded_on", "Funded on"}, {"stage", "Stage"}, {"owner", "Owner"},
	{"tags", "Tags"}, {"phone", "Phone"}, {"last_activity", "Last activity"}, {"last_called", "Last called"},
}

// DefaultColumns are the columns a list shows unless told otherwise.
var DefaultColumns = []string{"score", "estimate", "industry", "location", "funding", "funded_on", "stage", "owner"}

// ShowColumns is the filter's columns, or the defaults.
func (f Filter) ShowColumns() []string {
	if len(f.Columns) == 0 {
		return DefaultColumns
	}
	return f.Columns
}

// Cursor marks a position in the list (keyset pagination): the last row's
// sort key and id.
type Cursor struct {
	Key int64
	ID  int64
}

// start is the cursor before the first row.
var start = Cursor{Key: math.MaxInt64, ID: math.MaxInt64}

// String encodes the cursor for a URL.
func (c Cursor) String() string {
	if c == (Cursor{}) {
		return ""
	}
	return fmt.Sprintf("%d.%d", c.Key, c.ID)
}

// ParseCursor decodes a cursor from a URL; "" is the first page.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return start, nil
	}
	key, id, ok := strings.Cut(s, ".")
	k, err1 := strconv.ParseInt(key, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return Cursor{}, &ValidationError{Field: "after", Message: "is not a valid page cursor"}
	}
	return Cursor{Key: k, ID: n}, nil
}

// ParseFilter reads a filter from URL query values (the list page, exports,
// queues and saved views share it), rejecting values a user could not have
// meant.
func ParseFilter(v url.Values) (Filter, error) {
	f := Filter{Industry: strings.TrimSpace(v.Get("industry")), Query: strings.TrimSpace(v.Get("q")),
		Tag: strings.TrimSpace(v.Get("tag"))}
	var err error
	if f.MinScore, err = intParam(v, "min_score", 0, 100); err != nil {
		return f, err
	}
	if f.MaxScore, err = intParam(v, "max_score", 0, 100); err != nil {
		return f, err
	}
	if f.MaxScore != 0 && f.MaxScore < f.MinScore {
		return f, &ValidationError{Field: "max_score", Message: "must not be below the minimum score"}
	}
	if f.FundedWithinDays, err = intParam(v, "funded_within_days", 0, 36500); err != nil {
		return f, err
	}
	est, err := intParam(v, "min_estimate", 0, 1_000_000_000)
	if err != nil {
		return f, err
	}
	f.MinEstimateUSD = int64(est)
	if p := strings.TrimSpace(v.Get("part")); p != "" {
		if !slices.Contains(scoring.PartNames, p) || p == scoring.PartPenalty {
			return f, &ValidationError{Field: "part", Message: fmt.Sprintf("%q is not a part of the score", p)}
		}
		f.Part = p
	}
	switch so := Sort(v.Get("sort")); so {
	case SortScore, SortEstimate, SortActivity, SortNewest, SortRelevance:
		f.Sort = so
	case "score":
		f.Sort = SortScore
	default:
		return f, &ValidationError{Field: "sort", Message: fmt.Sprintf("%q is not a sort order", so)}
	}
	if f.Sort == SortRelevance && f.Query == "" {
		f.Sort = SortScore // nothing to rank by
	}
	if st := Stage(v.Get("stage")); st != "" {
		if !st.Valid() {
			return f, &ValidationError{Field: "stage", Message: fmt.Sprintf("%q is not a stage", st)}
		}
		f.Stage = st
	}
	switch k := Kind(v.Get("kind")); k {
	case KindAny, KindFunded, KindClient, KindImported:
		f.Kind = k
	default:
		return f, &ValidationError{Field: "kind", Message: fmt.Sprintf("%q is not a kind of lead", k)}
	}
	switch o := v.Get("owner"); o {
	case "", "me", "none":
		f.Owner = o
	default:
		return f, &ValidationError{Field: "owner", Message: "must be me, none or empty"}
	}
	if f.HasPhone, err = boolParam(v, "has_phone"); err != nil {
		return f, err
	}
	if f.NotContacted, err = boolParam(v, "not_contacted"); err != nil {
		return f, err
	}
	if f.ContactedAfter, err = dateParam(v, "contacted_after"); err != nil {
		return f, err
	}
	if f.ContactedBefore, err = dateParam(v, "contacted_before"); err != nil {
		return f, err
	}
	for _, raw := range v["id"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			return f, &ValidationError{Field: "id", Message: fmt.Sprintf("%q is not a company id", raw)}
		}
		f.IDs = append(f.IDs, id)
	}
	for _, c := range v["col"] {
		if !slices.ContainsFunc(Columns, func(col struct{ Key, Label string }) bool { return col.Key == c }) {
			return f, &ValidationError{Field: "col", Message: fmt.Sprintf("%q is not a column", c)}
		}
		if !slices.Contains(f.Columns, c) {
			f.Columns = append(f.Columns, c)
		}
	}
	if len(f.Query) > 200 {
		return f, &ValidationError{Field: "q", Message: "is longer than 200 characters"}
	}
	if len(f.Tag) > 60 {
		return f, &ValidationError{Field: "tag", Message: "is longer than 60 characters"}
	}
	// PostgreSQL refuses such text outright.
	for _, t := range []struct{ field, value string }{{"q", f.Query}, {"industry", f.Industry}, {"tag", f.Tag}} {
		if !utf8.ValidString(t.value) || strings.ContainsRune(t.value, 0) {
			return f, &ValidationError{Field: t.field, Message: "contains bytes that are not text"}
		}
	}
	return f, nil
}

func intParam(v url.Values, name string, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &ValidationError{Field: name, Message: fmt.Sprintf("must be a whole number from %d to %d", lo, hi)}
	}
	return n, nil
}

func boolParam(v url.Values, name string) (bool, error) {
	switch v.Get(name) {
	case "", "0", "false", "off":
		return false, nil
	case "1", "true", "on":
		return true, nil
	}
	return false, &ValidationError{Field: name, Message: "must be on or off"}
}

func dateParam(v url.Values, name string) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return time.Time{}, &ValidationError{Field: name, Message: fmt.Sprintf("%q is not a date (YYYY-MM-DD)", s)}
	}
	return t, nil
}

// Values encodes the filter as URL query values (only what is set).
func (f Filter) Values() url.Values {
	v := url.Values{}
	text := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	// Numbers and switches are left out at their zero value; text (a
	// search for "0" included) whenever it is not empty.
	set := func(k, s string) {
		if s != "0" && s != "false" {
			text(k, s)
		}
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	text("q", f.Query)
	set("min_score", strconv.Itoa(f.MinScore))
	set("max_score", strconv.Itoa(f.MaxScore))
	set("min_estimate", strconv.FormatInt(f.MinEstimateUSD, 10))
	text("part", f.Part)
	text("kind", string(f.Kind))
	text("owner", f.Owner)
	text("tag", f.Tag)
	text("industry", f.Industry)
	set("funded_within_days", strconv.Itoa(f.FundedWithinDays))
	text("stage", string(f.Stage))
	set("has_phone", strconv.FormatBool(f.HasPhone))
	set("not_contacted", strconv.FormatBool(f.NotContacted))
	text("contacted_after", day(f.ContactedAfter))
	text("contacted_before", day(f.ContactedBefore))
	text("sort", string(f.Sort))
	for _, c := range f.Columns {
		v.Add("col", c)
	}
	for _, id := range f.IDs {
		v.Add("id", strconv.FormatInt(id, 10))
	}
	return v
}

// Page is one page of the lead list.
type Page struct {
	Rows []CompanyRow
	Next Cursor // zero when this is the last page
	// Note says why the page is not in the order asked for, if it is not.
	Note string
}

// ListCompanies returns up to limit companies matching f after cursor, in
// f's order.
func (s *Store) ListCompanies(ctx context.Context, f Filter, after Cursor, limit int) (Page, error) {
	ms, sh, err := s.matching(ctx, f, after, limit+1, nil)
	if err != nil {
		return Page{}, fmt.Errorf("crm: list companies: %w", err)
	}
	var p Page
	if sh.common && f.Sort == SortRelevance {
		p.Note = fmt.Sprintf("More than %d leads match %q: sorted by score, as relevance tells little among so many.", commonSearch, f.Query)
	}
	if len(ms) > limit {
		ms = ms[:limit]
		p.Next = Cursor{Key: ms[limit-1].Key, ID: ms[limit-1].ID}
	}
	if len(ms) == 0 {
		return p, nil
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	rows, err := s.q().CompanyRows(ctx, ids)
	if err != nil {
		return Page{}, fmt.Errorf("crm: list companies: %w", err)
	}
	byID := make(map[int64]dbsqlc.CompanyRowsRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	for _, id := range ids {
		// A company merged away between the two reads is left out.
		if r, ok := byID[id]; ok {
			p.Rows = append(p.Rows, companyRow(r))
		}
	}
	return p, nil
}

func companyRow(r dbsqlc.CompanyRowsRow) CompanyRow {
	return CompanyRow{
		ID: r.ID, Name: r.Name, Domain: r.Domain, Phone: r.Phone, City: r.City, State: r.State,
		Industry: r.Industry, Stage: Stage(r.Stage), Score: int(r.Score), Parts: parts(r.ScoreParts),
		LastFundingUSD: r.LastFundingUsd, LastFundingAt: tsTime(r.LastFundingAt), EvidenceURL: r.EvidenceUrl,
		EstimatedProjectUSD: r.EstimatedProjectUsd, EstimateBasis: r.EstimateBasis, ScoreVersion: r.ScoreVersion,
		OwnerID: r.OwnerID, OwnerEmail: r.OwnerEmail, Tags: r.Tags, CreatedAt: r.CreatedAt,
		LastActivityAt: tsTime(r.LastActivityAt), LastContactedAt: tsTime(r.LastContactedAt),
	}
}

func parts(raw []byte) []scoring.Part {
	var p []scoring.Part
	_ = json.Unmarshal(raw, &p) // written by us; an unreadable value shows as no parts
	return p
}

func tsTime(t pgtype.Timestamptz) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time
}

// Industries lists the industries present, for the list's filter.
func (s *Store) Industries(ctx context.Context) ([]string, error) {
	out, err := s.q().CompanyIndustries(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: list industries: %w", err)
	}
	return out, nil
}
