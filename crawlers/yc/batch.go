package yc

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Season is the part of the year a YC batch runs in.
type Season int

// Seasons in calendar order; YC has run four batches a year since 2024.
const (
	Winter Season = iota + 1
	Spring
	Summer
	Fall
)

// seasons names each season in full, as a batch code letter (Spring is
// "X") and by the month it roughly starts in.
var seasons = []struct {
	s     Season
	name  string
	code  string
	month time.Month
}{{Winter, "Winter", "W", time.January}, {Spring, "Spring", "X", time.April}, {Summer, "Summer", "S", time.June}, {Fall, "Fall", "F", time.September}}

// Batch is one YC batch, e.g. Winter 2025 (W25).
type Batch struct {
	Season Season
	Year   int
}

// ParseBatch reads "Winter 2025", "winter-2025", "W25" or "w2025"; the
// mirror's older files used the short codes, newer ones the long names.
func ParseBatch(s string) (Batch, bool) {
	f := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(strings.TrimSpace(s))))
	var word, year string
	switch {
	case len(f) == 2:
		word, year = f[0], f[1]
	case len(f) == 1 && len(f[0]) >= 3:
		word, year = f[0][:1], f[0][1:]
	default:
		return Batch{}, false
	}
	y, err := strconv.Atoi(year)
	if err != nil || (len(year) != 2 && len(year) != 4) {
		return Batch{}, false
	}
	if len(year) == 2 {
		y += 2000
	}
	if y < 2005 || y > 2100 {
		return Batch{}, false
	}
	for _, ss := range seasons {
		if word == strings.ToLower(ss.name) || word == strings.ToLower(ss.code) {
			return Batch{Season: ss.s, Year: y}, true
		}
	}
	return Batch{}, false
}

func (b Batch) season() (name, code string, month time.Month) {
	for _, ss := range seasons {
		if ss.s == b.Season {
			return ss.name, ss.code, ss.month
		}
	}
	return "Unknown", "?", time.January
}

// Name is the batch's long name, "Winter 2025".
func (b Batch) Name() string {
	name, _, _ := b.season()
	return fmt.Sprintf("%s %d", name, b.Year)
}

// Short is the batch code, "W25" (Spring is "X25").
func (b Batch) Short() string {
	_, code, _ := b.season()
	return fmt.Sprintf("%s%02d", code, b.Year%100)
}

// Slug is the batch's file name in the mirror, "winter-2025".
func (b Batch) Slug() string {
	return strings.ToLower(strings.ReplaceAll(b.Name(), " ", "-"))
}

// Start approximates the batch's first day: 1 January, 1 April, 1 June
// or 1 September. It dates a company's YC signal because it is stable
// and means "joined YC then"; launched_at, the directory launch post,
// can predate the batch by years (pivots, re-applications) or be missing.
func (b Batch) Start() time.Time {
	_, _, month := b.season()
	return time.Date(b.Year, month, 1, 0, 0, 0, 0, time.UTC)
}

// Compare orders batches by time: negative when b ran before o.
func (b Batch) Compare(o Batch) int {
	return cmp.Or(cmp.Compare(b.Year, o.Year), cmp.Compare(b.Season, o.Season))
}

// ParseBatchIndex reads the batches of the mirror's meta.json, newest
// first; entries that name no season and year ("Unspecified") are left out.
func ParseBatchIndex(r io.Reader) ([]Batch, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("yc: parse batch index: %w", err)
	}
	var meta struct {
		Batches map[string]json.RawMessage `json:"batches"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(b), &meta); err != nil {
		return nil, fmt.Errorf("yc: parse batch index: %w", err)
	}
	if meta.Batches == nil {
		return nil, errors.New("yc: parse batch index: no batches object")
	}
	var out []Batch
	for slug, raw := range meta.Batches {
		var entry struct {
			Name string `json:"name"`
		}
		_ = json.Unmarshal(raw, &entry) // a malformed entry falls back to its slug
		bt, ok := ParseBatch(entry.Name)
		if !ok {
			bt, ok = ParseBatch(slug)
		}
		if ok && !slices.Contains(out, bt) {
			out = append(out, bt)
		}
	}
	slices.SortFunc(out, func(a, b Batch) int { return b.Compare(a) })
	return out, nil
}
