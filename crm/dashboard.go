package crm

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// DashboardDays is how many days the calls chart covers, today included.
const DashboardDays = 30

// Dashboard is the numbers behind the Dashboard page's charts.
type Dashboard struct {
	// Today is the start of the day the dashboard was made on, in the
	// caller's time zone.
	Today time.Time
	// Funnel is how many live companies are at each stage, every stage in
	// pipeline order.
	Funnel []StageCount
	// CallDays are the calls of the last DashboardDays days by result,
	// oldest first, today last.
	CallDays []CallDay
	// CallResults are the results the calls chart shows, in order:
	// CallResults, then any other result found.
	CallResults []CallResult
	// SourceKinds are the live leads by where they come from and by score
	// band: funded startups, freelance clients, then hiring and others.
	SourceKinds []SourceKindBands
	// Conversion is won ÷ contacted per signal source, by source name.
	Conversion []SourceConversion
	// LeadChartsAt is when SourceKinds and Conversion were computed: they
	// read every lead, so they are reused for a while (see leadChartsNow).
	LeadChartsAt time.Time
	// Activity compares the user's calls and notes with the team's.
	Activity []ActivityMetric
	// ActiveUsers is how many users the team average is over.
	ActiveUsers int
}

// StageCount is how many live companies are at a stage.
type StageCount struct {
	Stage     Stage
	Companies int
}

// CallDay is one day's calls by result.
type CallDay struct {
	Day   time.Time // the day's start
	Calls map[CallResult]int
}

// Total is the day's calls.
func (d CallDay) Total() int {
	n := 0
	for _, c := range d.Calls {
		n += c
	}
	return n
}

// ScoreBand is a range of score totals, bounds included.
type ScoreBand struct{ Lo, Hi int }

// Label is the band as the UI names it, "25–49".
func (b ScoreBand) Label() string { return fmt.Sprintf("%d–%d", b.Lo, b.Hi) }

// ScoreBands are the bands the source chart counts leads in.
var ScoreBands = [4]ScoreBand{{0, 24}, {25, 49}, {50, 74}, {75, 100}}

// Where a lead comes from, on the dashboard: the first that applies.
const (
	SourceKindFunded = "funded" // as the lead list's kind=funded: the score records a last round in USD
	SourceKindClient = "client" // a freelance-marketplace client
	SourceKindOther  = "other"  // hiring posts, YC, listings, lists without amounts
)

// SourceKindBands counts one kind of lead per score band.
type SourceKindBands struct {
	Kind  string // SourceKindFunded, SourceKindClient or SourceKindOther
	Label string
	Bands [len(ScoreBands)]int // companies per ScoreBands
}

// Total is how many leads of the kind there are.
func (k SourceKindBands) Total() int {
	n := 0
	for _, b := range k.Bands {
		n += b
	}
	return n
}

// SourceConversion is how a signal source's leads convert: of the
// companies it found that were ever contacted, how many were won.
type SourceConversion struct {
	Source    string // signals.source, e.g. "edgar"
	Label     string // as people know it, e.g. "SEC EDGAR"
	Contacted int
	Won       int
}

// Rate is won ÷ contacted, and false when none was contacted.
func (c SourceConversion) Rate() (float64, bool) {
	if c.Contacted == 0 {
		return 0, false
	}
	return float64(c.Won) / float64(c.Contacted), true
}

// ActivityMetric is one count of work: the user's, and the team's average
// per active user.
type ActivityMetric struct {
	Label       string // "Calls, last 7 days"
	Mine        int
	Team        int     // every active user's together
	TeamAverage float64 // Team ÷ active users, to one decimal
}

// Dashboard returns the Dashboard page's numbers for userID at now: one
// aggregate query per chart. Days (the calls chart, the 7 and 30 days of
// activity) are calendar days in now's time zone, today included.
func (s *Store) Dashboard(ctx context.Context, userID int64, now time.Time) (Dashboard, error) {
	q := s.q()
	bounds := dayBounds(now, DashboardDays)
	d := Dashboard{Today: bounds[DashboardDays-1]}
	var err error
	if d.Funnel, err = funnel(ctx, q); err != nil {
		return d, err
	}
	if d.CallDays, d.CallResults, err = callDays(ctx, q, bounds); err != nil {
		return d, err
	}
	lc, err := s.leadChartsNow(ctx)
	if err != nil {
		return d, err
	}
	d.SourceKinds, d.Conversion, d.LeadChartsAt = lc.kinds, lc.conversion, lc.at
	d.Activity, d.ActiveUsers, err = activity(ctx, q, userID, bounds)
	return d, err
}

// leadCharts are the dashboard's charts over every lead.
type leadCharts struct {
	kinds      []SourceKindBands
	conversion []SourceConversion
	at         time.Time
}

// leadChartsCache keeps the last leadCharts: they read every company and
// signal (hundreds of milliseconds at 100,000 companies), while they move
// slowly and nobody needs them to the second.
type leadChartsCache struct {
	ttl        time.Duration
	mu         sync.Mutex
	last       *leadCharts
	refreshing bool
}

// leadChartsNow returns the lead charts: fresh ones when none are kept or
// reuse is off; otherwise the kept ones, recomputed in the background once
// older than the cache's ttl (the page never waits on that).
func (s *Store) leadChartsNow(ctx context.Context) (leadCharts, error) {
	c := s.leadCharts
	c.mu.Lock()
	last := c.last
	stale := last != nil && time.Since(last.at) >= c.ttl && !c.refreshing
	if stale {
		c.refreshing = true
	}
	c.mu.Unlock()
	if last == nil || c.ttl == 0 {
		lc, err := s.computeLeadCharts(ctx)
		if err != nil {
			return lc, err
		}
		c.mu.Lock()
		c.last = &lc
		c.mu.Unlock()
		return lc, nil
	}
	if stale {
		go func() {
			lc, err := s.computeLeadCharts(context.WithoutCancel(ctx))
			c.mu.Lock()
			defer c.mu.Unlock()
			c.refreshing = false
			if err != nil {
				s.log.Error("dashboard_lead_charts", "err", err)
				return
			}
			c.last = &lc
		}()
	}
	return *last, nil
}

// WarmDashboard computes the dashboard's charts over every lead so the
// first visit finds them ready; a failure is logged (the visit retries).
func (s *Store) WarmDashboard(ctx context.Context) {
	if _, err := s.leadChartsNow(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("dashboard_lead_charts", "err", err)
	}
}

func (s *Store) computeLeadCharts(ctx context.Context) (leadCharts, error) {
	q := s.q()
	lc := leadCharts{at: time.Now()}
	var err error
	if lc.kinds, err = sourceKinds(ctx, q); err != nil {
		return lc, err
	}
	lc.conversion, err = conversion(ctx, q)
	return lc, err
}

// dayBounds are the starts of the n days ending with now's day, then the
// end of that day, in now's time zone (days of 23 or 25 hours included).
func dayBounds(now time.Time, n int) []time.Time {
	y, m, d := now.Date()
	out := make([]time.Time, n+1)
	for i := range out {
		out[i] = time.Date(y, m, d-(n-1)+i, 0, 0, 0, 0, now.Location())
	}
	return out
}

func funnel(ctx context.Context, q *dbsqlc.Queries) ([]StageCount, error) {
	rows, err := q.DashboardFunnel(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: dashboard funnel: %w", err)
	}
	out := make([]StageCount, len(Stages))
	for i, st := range Stages {
		out[i].Stage = st
	}
	for _, r := range rows {
		if i := slices.Index(Stages, Stage(r.Stage)); i >= 0 {
			out[i].Companies = int(r.Companies)
		}
	}
	return out, nil
}

func callDays(ctx context.Context, q *dbsqlc.Queries, bounds []time.Time) ([]CallDay, []CallResult, error) {
	n := len(bounds) - 1
	rows, err := q.DashboardCallsPerDay(ctx, dbsqlc.DashboardCallsPerDayParams{Bounds: bounds, Since: bounds[0], Until: bounds[n]})
	if err != nil {
		return nil, nil, fmt.Errorf("crm: dashboard calls per day: %w", err)
	}
	days := make([]CallDay, n)
	for i := range days {
		days[i] = CallDay{Day: bounds[i], Calls: map[CallResult]int{}}
	}
	results := slices.Clone(CallResults)
	var other []CallResult
	for _, r := range rows {
		if r.Day < 1 || int(r.Day) > n { // the query keeps to the days; be safe
			continue
		}
		res := CallResult(r.CallResult)
		days[r.Day-1].Calls[res] += int(r.Calls)
		if !slices.Contains(results, res) && !slices.Contains(other, res) {
			other = append(other, res)
		}
	}
	slices.Sort(other)
	return days, append(results, other...), nil
}

func sourceKinds(ctx context.Context, q *dbsqlc.Queries) ([]SourceKindBands, error) {
	rows, err := q.DashboardSourceKindBands(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: dashboard leads by source: %w", err)
	}
	out := []SourceKindBands{
		{Kind: SourceKindFunded, Label: "Funded startup"},
		{Kind: SourceKindClient, Label: "Freelance client"},
		{Kind: SourceKindOther, Label: "Hiring / other"},
	}
	for _, r := range rows {
		i := slices.IndexFunc(out, func(k SourceKindBands) bool { return k.Kind == r.Kind })
		if i < 0 || r.Band < 0 || int(r.Band) >= len(ScoreBands) {
			continue
		}
		out[i].Bands[r.Band] += int(r.Companies)
	}
	return out, nil
}

func conversion(ctx context.Context, q *dbsqlc.Queries) ([]SourceConversion, error) {
	rows, err := q.DashboardConversionBySource(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: dashboard conversion by source: %w", err)
	}
	out := make([]SourceConversion, len(rows))
	for i, r := range rows {
		out[i] = SourceConversion{Source: r.Source, Label: dashboardSourceLabel(r.Source), Contacted: int(r.Contacted), Won: int(r.Won)}
	}
	return out, nil
}

// dashboardSourceLabel names a source as a chart's row label (the score's
// reasons name them inside a sentence).
func dashboardSourceLabel(source string) string {
	switch source {
	case ImportSource:
		return "Imported lists"
	case "news":
		return "Funding news"
	}
	return sourceLabel(source)
}

func activity(ctx context.Context, q *dbsqlc.Queries, userID int64, bounds []time.Time) ([]ActivityMetric, int, error) {
	n := len(bounds) - 1
	r, err := q.DashboardActivity(ctx, dbsqlc.DashboardActivityParams{UserID: userID,
		Since7: bounds[n-7], Since30: bounds[0], Until: bounds[n]})
	if err != nil {
		return nil, 0, fmt.Errorf("crm: dashboard activity: %w", err)
	}
	users := int(r.ActiveUsers)
	metric := func(label string, mine, team int32) ActivityMetric {
		m := ActivityMetric{Label: label, Mine: int(mine), Team: int(team)}
		if users > 0 {
			m.TeamAverage = math.Round(float64(team)/float64(users)*10) / 10
		}
		return m
	}
	return []ActivityMetric{
		metric("Calls, last 7 days", r.MyCalls7, r.TeamCalls7),
		metric("Calls, last 30 days", r.MyCalls30, r.TeamCalls30),
		metric("Notes, last 7 days", r.MyNotes7, r.TeamNotes7),
		metric("Notes, last 30 days", r.MyNotes30, r.TeamNotes30),
	}, users, nil
}
