package views

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crm"
)

// DashboardPage is the Dashboard: the pipeline, calls, lead sources,
// conversion and the user's own activity, each as a chart with its table.
type DashboardPage struct {
	Chrome
	Data crm.Dashboard
}

// The dashboard's charts are drawn here, on the server: each chart is its
// geometry (bars, texts, rules) in a viewBox chartWidth wide, and the table
// that holds the same numbers. A bar and the table cell with its number
// share a key (data-key), so a test can check one against the other.

const (
	chartWidth = 540.0 // two charts side by side at full size on a wide screen
	labelWidth = 130.0 // row labels of the horizontal bar charts
	valueRoom  = 110.0 // room right of the longest bar for its value
)

type chartBar struct {
	Key   string // the table cell holding the same number
	Value string // the number as the table shows it
	X, Y  float64
	W, H  float64
	Class string
	Title string // tooltip
}

type chartText struct {
	X, Y   float64
	Text   string
	Anchor string // start, middle or end
	Class  string
}

type chartRule struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

type legendItem struct {
	Label string
	Class string
}

type tableCell struct {
	Text string
	Key  string // the bar drawn for this number; "" for none
}

type tableRow struct {
	Head  string
	Cells []tableCell
}

type chartTable struct {
	Head []string // column headers, the row header's first
	Rows []tableRow
	Foot *tableRow
}

// chart is one chart of the dashboard.
type chart struct {
	ID     string // "funnel": the section is chart-funnel
	Title  string
	Desc   string // the chart in a sentence or two, for screen readers
	H      float64
	Bars   []chartBar
	Texts  []chartText
	Rules  []chartRule
	Legend []legendItem
	Table  chartTable
}

func (c chart) titleID() string { return "chart-" + c.ID + "-title" }
func (c chart) descID() string  { return "chart-" + c.ID + "-desc" }
func (c chart) viewBox() string { return "0 0 " + px(chartWidth) + " " + px(c.H) }

// px writes a coordinate with at most one decimal.
func px(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// scaled is v's share of full for a maximum of maxV, 0 when there is nothing.
func scaled(v, maxV, full float64) float64 {
	if maxV <= 0 || v <= 0 {
		return 0
	}
	return full * v / maxV
}

// decimal writes a number with at most one decimal: "2.5", "3".
func decimal(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// percent writes a rate as a whole percentage, "33%".
func percent(r float64) string { return fmt.Sprintf("%.0f%%", r*100) }

func dayLabel(t time.Time) string { return t.Format("Jan 2") }

// clip shortens a label drawn in a chart to n characters; the table and
// the bar's tooltip have it in full.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// dashboardCharts are the five charts of the Dashboard, in page order.
func dashboardCharts(d crm.Dashboard) []chart {
	return []chart{funnelChart(d), callsChart(d), sourcesChart(d), conversionChart(d), activityChart(d)}
}

// hrow is one row of a horizontal bar chart.
type hrow struct {
	Key, Label, Value, Note string // Note follows the value ("(1 of 3)")
	V                       float64
	Class                   string
}

// hbars lays out rows of horizontal bars from y, scaled to the largest
// value, with a gap before row i when gapBefore[i]; it returns the y below.
func hbars(c *chart, rows []hrow, y float64, gapBefore map[int]bool) float64 {
	const rowH, barH = 26.0, 18.0
	maxV := 0.0
	for _, r := range rows {
		maxV = math.Max(maxV, r.V)
	}
	full := chartWidth - labelWidth - valueRoom
	for i, r := range rows {
		if gapBefore[i] {
			c.Rules = append(c.Rules, chartRule{X1: 0, Y1: y + 7, X2: chartWidth, Y2: y + 7, Class: "rule-dashed"})
			y += 14
		}
		w := scaled(r.V, maxV, full)
		if r.V > 0 {
			w = math.Max(w, 2) // a small number still shows
		}
		c.Bars = append(c.Bars, chartBar{Key: r.Key, Value: r.Value, X: labelWidth, Y: y + (rowH-barH)/2, W: w, H: barH,
			Class: r.Class, Title: strings.TrimSpace(r.Label + ": " + r.Value + " " + r.Note)})
		c.Texts = append(c.Texts,
			chartText{X: labelWidth - 8, Y: y + rowH/2 + 4, Text: clip(r.Label, 20), Anchor: "end"},
			chartText{X: labelWidth + w + 6, Y: y + rowH/2 + 4, Text: strings.TrimSpace(r.Value + " " + r.Note), Anchor: "start", Class: "value"})
		y += rowH
	}
	return y
}

// funnelChart is the live companies per stage: the pipeline, then Lost and
// Do-not-contact apart from it.
func funnelChart(d crm.Dashboard) chart {
	c := chart{ID: "funnel", Title: "Funnel by stage", Table: chartTable{Head: []string{"Stage", "Companies"}}}
	var rows []hrow
	var pipeline, out []string
	gap := map[int]bool{}
	for i, s := range d.Funnel {
		cls := "bar"
		if s.Stage == crm.StageLost || s.Stage == crm.StageDoNotContact {
			cls = "bar bar-out"
			if len(out) == 0 && i > 0 {
				gap[i] = true
			}
			out = append(out, fmt.Sprintf("%s %d", s.Stage.Label(), s.Companies))
		} else {
			pipeline = append(pipeline, fmt.Sprintf("%s %d", s.Stage.Label(), s.Companies))
		}
		key := "stage/" + string(s.Stage)
		n := strconv.Itoa(s.Companies)
		rows = append(rows, hrow{Key: key, Label: s.Stage.Label(), Value: n, V: float64(s.Companies), Class: cls})
		c.Table.Rows = append(c.Table.Rows, tableRow{Head: s.Stage.Label(), Cells: []tableCell{{Text: n, Key: key}}})
	}
	c.H = hbars(&c, rows, 4, gap) + 4
	c.Desc = "Live companies per pipeline stage: " + strings.Join(pipeline, ", ") + "."
	if len(out) > 0 {
		c.Desc += " Out of the pipeline: " + strings.Join(out, ", ") + "."
	}
	return c
}

// callResultClass is the color class of a call result; results the code
// does not know share one.
func callResultClass(r crm.CallResult) string {
	if slices.Contains(crm.CallResults, r) {
		return "c-" + strings.ReplaceAll(string(r), "_", "-")
	}
	return "c-other"
}

// callsChart is the calls of each of the last 30 days, stacked by result.
func callsChart(d crm.Dashboard) chart {
	const left, right, top, plotH, bottom = 40.0, 20.0, 12.0, 160.0, 22.0
	c := chart{ID: "calls", Title: "Calls per day by result, last 30 days", H: top + plotH + bottom}
	c.Table.Head = []string{"Day"}
	for _, r := range d.CallResults {
		c.Table.Head = append(c.Table.Head, r.Label())
		c.Legend = append(c.Legend, legendItem{Label: r.Label(), Class: callResultClass(r)})
	}
	c.Table.Head = append(c.Table.Head, "Total")
	maxDay, total := 0, 0
	byResult := map[crm.CallResult]int{}
	busiest := crm.CallDay{}
	for _, day := range d.CallDays {
		t := day.Total()
		total += t
		if t > maxDay {
			maxDay, busiest = t, day
		}
		for r, n := range day.Calls {
			byResult[r] += n
		}
	}
	slot := (chartWidth - left - right) / float64(max(len(d.CallDays), 1))
	barW := slot * 0.7
	base := top + plotH
	c.Rules = append(c.Rules, chartRule{X1: left, Y1: base, X2: chartWidth - right, Y2: base, Class: "axis"})
	c.Texts = append(c.Texts, chartText{X: left - 6, Y: base + 4, Text: "0", Anchor: "end", Class: "tick"})
	if maxDay > 0 {
		c.Rules = append(c.Rules, chartRule{X1: left, Y1: top, X2: chartWidth - right, Y2: top, Class: "grid"})
		c.Texts = append(c.Texts, chartText{X: left - 6, Y: top + 4, Text: strconv.Itoa(maxDay), Anchor: "end", Class: "tick"})
	} else {
		c.Texts = append(c.Texts, chartText{X: left + (chartWidth-left)/2, Y: top + plotH/2, Text: "No calls in the last 30 days", Anchor: "middle", Class: "empty"})
	}
	foot := tableRow{Head: "Total"}
	for i, day := range d.CallDays {
		x := left + slot*float64(i) + (slot-barW)/2
		y := base
		dayKey := "day/" + day.Day.Format("2006-01-02")
		row := tableRow{Head: day.Day.Format("Mon Jan 2")}
		for _, r := range d.CallResults {
			n := day.Calls[r]
			key := dayKey + "/" + string(r)
			cell := tableCell{Text: strconv.Itoa(n)}
			if n > 0 {
				h := scaled(float64(n), float64(maxDay), plotH)
				y -= h
				c.Bars = append(c.Bars, chartBar{Key: key, Value: strconv.Itoa(n), X: x, Y: y, W: barW, H: h,
					Class: callResultClass(r), Title: fmt.Sprintf("%s: %s %d", dayLabel(day.Day), r.Label(), n)})
				cell.Key = key
			}
			row.Cells = append(row.Cells, cell)
		}
		row.Cells = append(row.Cells, tableCell{Text: strconv.Itoa(day.Total())})
		c.Table.Rows = append(c.Table.Rows, row)
		// A date under every seventh day, counting back from today.
		if (len(d.CallDays)-1-i)%7 == 0 {
			t := chartText{X: x + barW/2, Y: base + 16, Text: dayLabel(day.Day), Anchor: "middle", Class: "tick"}
			if i == len(d.CallDays)-1 { // today, at the right edge
				t.X, t.Anchor = x+barW, "end"
			}
			c.Texts = append(c.Texts, t)
		}
	}
	for _, r := range d.CallResults {
		foot.Cells = append(foot.Cells, tableCell{Text: strconv.Itoa(byResult[r])})
	}
	foot.Cells = append(foot.Cells, tableCell{Text: strconv.Itoa(total)})
	c.Table.Foot = &foot
	if total == 0 {
		c.Desc = "No calls were logged in the last 30 days."
		return c
	}
	var parts []string
	for _, r := range d.CallResults {
		if byResult[r] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", r.Label(), byResult[r]))
		}
	}
	c.Desc = fmt.Sprintf("%d calls in the last 30 days (%s); the busiest day was %s with %d.",
		total, strings.Join(parts, ", "), dayLabel(busiest.Day), maxDay)
	return c
}

// sourcesChart is the live leads by where they come from, grouped by
// score band.
func sourcesChart(d crm.Dashboard) chart {
	const left, top, plotH, bottom = 40.0, 20.0, 150.0, 26.0
	const barW, barGap = 34.0, 6.0
	c := chart{ID: "sources", Title: "Leads by source and score band", H: top + plotH + bottom}
	c.Table.Head = []string{"Source"}
	for i, b := range crm.ScoreBands {
		c.Table.Head = append(c.Table.Head, "Score "+b.Label())
		c.Legend = append(c.Legend, legendItem{Label: "Score " + b.Label(), Class: fmt.Sprintf("band-%d", i)})
	}
	c.Table.Head = append(c.Table.Head, "Total")
	maxV := 0
	for _, k := range d.SourceKinds {
		for _, n := range k.Bands {
			maxV = max(maxV, n)
		}
	}
	base := top + plotH
	c.Rules = append(c.Rules, chartRule{X1: left, Y1: base, X2: chartWidth - 4, Y2: base, Class: "axis"})
	group := (chartWidth - left - 4) / float64(max(len(d.SourceKinds), 1))
	groupW := float64(len(crm.ScoreBands))*barW + float64(len(crm.ScoreBands)-1)*barGap
	var desc []string
	for g, k := range d.SourceKinds {
		x0 := left + group*float64(g) + (group-groupW)/2
		row := tableRow{Head: k.Label}
		var parts []string
		for i, n := range k.Bands {
			key := "kind/" + k.Kind + "/" + strconv.Itoa(i)
			h := scaled(float64(n), float64(maxV), plotH)
			x := x0 + float64(i)*(barW+barGap)
			c.Bars = append(c.Bars, chartBar{Key: key, Value: strconv.Itoa(n), X: x, Y: base - h, W: barW, H: h,
				Class: fmt.Sprintf("band-%d", i), Title: fmt.Sprintf("%s, score %s: %d", k.Label, crm.ScoreBands[i].Label(), n)})
			c.Texts = append(c.Texts, chartText{X: x + barW/2, Y: base - h - 4, Text: strconv.Itoa(n), Anchor: "middle", Class: "value"})
			row.Cells = append(row.Cells, tableCell{Text: strconv.Itoa(n), Key: key})
			parts = append(parts, fmt.Sprintf("%d scored %s", n, crm.ScoreBands[i].Label()))
		}
		row.Cells = append(row.Cells, tableCell{Text: strconv.Itoa(k.Total())})
		c.Table.Rows = append(c.Table.Rows, row)
		c.Texts = append(c.Texts, chartText{X: x0 + groupW/2, Y: base + 18, Text: fmt.Sprintf("%s (%d)", k.Label, k.Total()), Anchor: "middle"})
		desc = append(desc, fmt.Sprintf("%s: %s", k.Label, strings.Join(parts, ", ")))
	}
	c.Desc = "Live leads by where they come from and score band. " + strings.Join(desc, ". ") + "."
	return c
}

// conversionText is a source's conversion as the chart and table show it.
func conversionText(s crm.SourceConversion) string {
	r, ok := s.Rate()
	if !ok {
		return "—"
	}
	return percent(r)
}

// conversionChart is won ÷ contacted per signal source, bars scaled to the
// best source.
func conversionChart(d crm.Dashboard) chart {
	c := chart{ID: "conversion", Title: "Conversion rate by source (won ÷ contacted)",
		Table: chartTable{Head: []string{"Source", "Contacted", "Won", "Conversion"}}}
	var rows []hrow
	var desc []string
	for _, s := range d.Conversion {
		key := "source/" + s.Source
		r, _ := s.Rate()
		note := fmt.Sprintf("(%d of %d)", s.Won, s.Contacted)
		if s.Contacted == 0 {
			note = "(none contacted)"
		}
		rows = append(rows, hrow{Key: key, Label: s.Label, Value: conversionText(s), Note: note, V: r, Class: "bar"})
		c.Table.Rows = append(c.Table.Rows, tableRow{Head: s.Label, Cells: []tableCell{
			{Text: strconv.Itoa(s.Contacted)}, {Text: strconv.Itoa(s.Won)}, {Text: conversionText(s), Key: key}}})
		desc = append(desc, fmt.Sprintf("%s %s %s", s.Label, conversionText(s), note))
	}
	if len(rows) == 0 {
		c.H = 40
		c.Texts = append(c.Texts, chartText{X: chartWidth / 2, Y: 24, Text: "No leads yet", Anchor: "middle", Class: "empty"})
		c.Desc = "No leads yet."
		return c
	}
	c.H = hbars(&c, rows, 4, nil) + 4
	c.Desc = "Share of contacted leads that were won, per source: " + strings.Join(desc, ", ") + "."
	return c
}

// activityChart is the user's calls and notes next to the team's average
// per active user.
func activityChart(d crm.Dashboard) chart {
	const rowH, barH, gap = 44.0, 16.0, 10.0
	c := chart{ID: "activity", Title: "My activity vs team average",
		Table:  chartTable{Head: []string{"Activity", "Me", fmt.Sprintf("Team average (%d active users)", d.ActiveUsers)}},
		Legend: []legendItem{{Label: "Me", Class: "me"}, {Label: "Team average per active user", Class: "team"}}}
	maxV := 0.0
	for _, m := range d.Activity {
		maxV = math.Max(maxV, math.Max(float64(m.Mine), m.TeamAverage))
	}
	full := chartWidth - labelWidth - valueRoom
	y := 4.0
	var desc []string
	for i, m := range d.Activity {
		if i > 0 {
			y += gap
		}
		row := tableRow{Head: m.Label}
		for j, v := range []struct {
			who, name, text string
			v               float64
		}{{"me", "me", strconv.Itoa(m.Mine), float64(m.Mine)}, {"team", "team average", decimal(m.TeamAverage), m.TeamAverage}} {
			key := fmt.Sprintf("activity/%d/%s", i, v.who)
			by := y + 4 + float64(j)*(barH+4)
			w := scaled(v.v, maxV, full)
			if v.v > 0 {
				w = math.Max(w, 2)
			}
			c.Bars = append(c.Bars, chartBar{Key: key, Value: v.text, X: labelWidth, Y: by, W: w, H: barH, Class: v.who,
				Title: fmt.Sprintf("%s, %s: %s", m.Label, v.name, v.text)})
			c.Texts = append(c.Texts, chartText{X: labelWidth + w + 6, Y: by + barH - 4, Text: v.text, Anchor: "start", Class: "value"})
			row.Cells = append(row.Cells, tableCell{Text: v.text, Key: key})
		}
		c.Texts = append(c.Texts, chartText{X: labelWidth - 8, Y: y + rowH/2 + 4, Text: m.Label, Anchor: "end"})
		c.Table.Rows = append(c.Table.Rows, row)
		desc = append(desc, fmt.Sprintf("%s: me %d, team average %s", m.Label, m.Mine, decimal(m.TeamAverage)))
		y += rowH
	}
	c.H = y + 4
	c.Desc = fmt.Sprintf("My calls and notes next to the average of the %d active users. %s.", d.ActiveUsers, strings.Join(desc, "; "))
	return c
}
