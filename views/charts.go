package views

import (
	"fmt"
	"math"
	"strings"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/scoring"
)

// barWidth is the width in pixels of the longest bar of the parts chart.
const barWidth = 160

// partScale is the points that fill a bar: the largest part, at least 10,
// so a lone small part does not look large.
func partScale(parts []scoring.Part) float64 {
	m := 10.0
	for _, p := range parts {
		m = math.Max(m, math.Abs(p.Points))
	}
	return m
}

// barLen is a part's bar length in pixels (at least 2, so it shows).
func barLen(p scoring.Part, scale float64) string {
	return fmt.Sprintf("%.0f", math.Max(2, barWidth*math.Abs(p.Points)/scale))
}

func barClass(p scoring.Part) string {
	if p.Points < 0 {
		return "bar bar-neg"
	}
	return "bar"
}

// signedPoints writes points with their sign: "+32.5", "−30".
func signedPoints(p float64) string {
	if p < 0 {
		return fmt.Sprintf("−%g", -p)
	}
	return fmt.Sprintf("+%g", p)
}

// laterText says what a part will be worth in 30 days.
func laterText(p scoring.Part, in30 map[string]float64) string {
	later, ok := in30[p.Name]
	if !ok {
		return ""
	}
	later = math.Round(later*10) / 10
	if p.HalfLifeDays == 0 {
		return fmt.Sprintf("In 30 days: %s points (does not decay)", signedPoints(later))
	}
	return fmt.Sprintf("In 30 days: %s points (halves every %g days)", signedPoints(later), p.HalfLifeDays)
}

// sparkline is the SVG polyline of a score history in a w×h box, scores
// 0–100 bottom to top, points evenly spaced.
func sparkline(h []crm.ScorePoint, w, hgt float64) string {
	if len(h) == 0 {
		return ""
	}
	var b strings.Builder
	step := 0.0
	if len(h) > 1 {
		step = (w - 4) / float64(len(h)-1)
	}
	for i, p := range h {
		x := 2 + step*float64(i)
		y := 2 + (hgt-4)*(1-float64(p.Total)/100)
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", x, y)
	}
	return b.String()
}

// sparklineLabel describes a score history for people who cannot see it.
func sparklineLabel(h []crm.ScorePoint) string {
	switch len(h) {
	case 0:
		return "No score history yet"
	case 1:
		return fmt.Sprintf("Score %d since %s", h[0].Total, date(h[0].At))
	}
	first, last := h[0], h[len(h)-1]
	return fmt.Sprintf("Score went from %d on %s to %d on %s (%d changes)", first.Total, date(first.At), last.Total, date(last.At), len(h)-1)
}

// moveText says how a company moves in a weights preview.
func moveText(r crm.PreviewRow) string {
	switch m := r.Move(); {
	case r.OldRank > 25 || r.OldRank == 0:
		return fmt.Sprintf("new (was #%d)", r.OldRank)
	case m > 0:
		return fmt.Sprintf("▲ %d", m)
	case m < 0:
		return fmt.Sprintf("▼ %d", -m)
	default:
		return "="
	}
}

func moveClass(r crm.PreviewRow) string {
	switch m := r.Move(); {
	case m > 0:
		return "up"
	case m < 0:
		return "down"
	}
	return ""
}

// weightGroups splits the weights form into its parts, in field order.
func weightGroups(fields []scoring.Field) [][]scoring.Field {
	var out [][]scoring.Field
	for _, f := range fields {
		if n := len(out); n > 0 && out[n-1][0].Group == f.Group {
			out[n-1] = append(out[n-1], f)
			continue
		}
		out = append(out, []scoring.Field{f})
	}
	return out
}

func ftoa(f float64) string { return fmt.Sprintf("%g", f) }

// scoreParts are the parts a list can filter on (penalties are not a "has").
func scoreParts() []string {
	var out []string
	for _, n := range scoring.PartNames {
		if n != scoring.PartPenalty {
			out = append(out, n)
		}
	}
	return out
}
