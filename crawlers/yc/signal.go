package yc

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leadgen/leadgen/crawlers"
)

// maxDescriptionRunes bounds the long description kept in Raw.
const maxDescriptionRunes = 2000

// Worthwhile tells whether the company can still buy: inactive (shut
// down) and acquired companies are left out; active, public and
// unstated ones stay.
func (c Company) Worthwhile() bool {
	switch strings.ToLower(c.Status) {
	case "inactive", "acquired":
		return false
	}
	return true
}

// SignalFor turns a company into a YC batch signal dated by its batch's
// start (see Batch.Start), or by launched_at when the batch is
// unreadable; ok is false when neither gives a date.
func SignalFor(c Company) (s crawlers.Signal, ok bool) {
	b, hasBatch := ParseBatch(c.Batch)
	when, label := c.LaunchedAt, strings.TrimSpace(c.Batch)
	if hasBatch {
		when, label = b.Start(), b.Short()
	}
	if when.IsZero() {
		return crawlers.Signal{}, false
	}
	id := "yc:" + strconv.FormatInt(c.ID, 10)
	city, state, country := place(c.Locations)
	return crawlers.Signal{
		Source:       SourceName,
		SourceItemID: id,
		Kind:         crawlers.KindYCBatch,
		Title:        title(label, c),
		URL:          evidenceURL(c),
		OccurredAt:   when,
		Company: crawlers.Company{
			Keys: []string{id}, Name: c.Name, Domain: c.Website, Description: c.OneLiner,
			Categories: categories(c), TeamSize: c.TeamSize, Industry: c.Industry,
			City: city, State: state, Country: country,
		},
		Raw: raw(c),
	}, true
}

// title reads "YC W25 — Real-time B2B data via simple APIs".
func title(batch string, c Company) string {
	pitch := firstNonEmpty(c.OneLiner, c.Name)
	if batch == "" {
		return truncate("YC — "+pitch, 200)
	}
	return truncate("YC "+batch+" — "+pitch, 200)
}

// evidenceURL is the company's directory page, from its slug if it has one.
func evidenceURL(c Company) string {
	if c.Slug != "" {
		return CompanyURL(c.Slug)
	}
	return c.URL
}

// place splits the first of the locations, "San Francisco, CA, USA;
// Remote", into city, state and country; a lone word ("Remote") is none.
func place(locations string) (city, state, country string) {
	first, _, _ := strings.Cut(locations, ";")
	var parts []string
	for p := range strings.SplitSeq(first, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	switch len(parts) {
	case 0, 1:
		return "", "", ""
	case 2:
		return parts[0], "", parts[1]
	}
	return parts[0], parts[1], parts[len(parts)-1]
}

// categories joins industries and tags, dropping repeats ("B2B" is often both).
func categories(c Company) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), c.Industries...), c.Tags...) {
		if k := strings.ToLower(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// raw keeps the spend signals (hiring, team size, stage) and context.
func raw(c Company) map[string]any {
	var launched any
	if !c.LaunchedAt.IsZero() {
		launched = c.LaunchedAt.Format(time.RFC3339)
	}
	return map[string]any{
		"batch": c.Batch, "status": c.Status, "is_hiring": c.IsHiring, "team_size": c.TeamSize,
		"industry": c.Industry, "subindustry": c.Subindustry, "stage": c.Stage, "launched_at": launched,
		"locations": c.Locations, "regions": nonNil(c.Regions), "former_names": nonNil(c.FormerNames),
		"top_company": c.TopCompany, "nonprofit": c.Nonprofit, "slug": c.Slug,
		"long_description": truncate(c.LongDescription, maxDescriptionRunes),
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// truncate cuts s to at most n runes, marking a cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}
