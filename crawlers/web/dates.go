package web

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	agoRe   = regexp.MustCompile(`(?i)\b(\d+|an?|one)\s*(sec|second|min|minute|hr|hour|day|week|wk|month|mo|year|yr)s?\.?\s+ago\b`)
	isoRe   = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`)
	mdyRe   = regexp.MustCompile(`\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmyRe   = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b`)
	slashRe = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
)

// ParsePosted reads a posting date: relative ("3 days ago", "an hour
// ago", "yesterday", "today", "just now") against now, ISO 8601,
// "Jul 12, 2026", "12 July 2026" or US "07/12/2026", anywhere in text.
// Dates after now (plus a day of clock skew) or before 1990 are zero.
func ParsePosted(text string, now time.Time) time.Time {
	t := posted(text, now)
	if t.IsZero() || t.After(now.Add(24*time.Hour)) || t.Year() < 1990 {
		return time.Time{}
	}
	return t
}

func posted(text string, now time.Time) time.Time {
	l := strings.ToLower(text)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch {
	case strings.Contains(l, "just now"), strings.Contains(l, "moments ago"):
		return now.Truncate(time.Minute)
	case strings.Contains(l, "yesterday"):
		return day.AddDate(0, 0, -1)
	case strings.Contains(l, "today"):
		return day
	}
	if m := agoRe.FindStringSubmatch(l); m != nil {
		return ago(m[1], m[2], now, day)
	}
	if s := isoRe.FindString(text); s != "" {
		return iso(s, now.Location())
	}
	if m := mdyRe.FindStringSubmatch(text); m != nil {
		return named(m[1], m[2], m[3], now.Location())
	}
	if m := dmyRe.FindStringSubmatch(text); m != nil {
		return named(m[2], m[1], m[3], now.Location())
	}
	if m := slashRe.FindStringSubmatch(text); m != nil {
		return numeric(m[3], m[1], m[2], now.Location())
	}
	return time.Time{}
}

// ago subtracts "3 days": whole days and longer count from midnight, so
// re-crawls the same day give the same date.
func ago(num, unit string, now, day time.Time) time.Time {
	n, err := strconv.Atoi(num)
	switch {
	case num == "a" || num == "an" || num == "one":
		n = 1
	case err != nil || n > 100000:
		return time.Time{}
	}
	switch unit {
	case "sec", "second":
		return now.Add(-time.Duration(n) * time.Second).Truncate(time.Minute)
	case "min", "minute":
		return now.Add(-time.Duration(n) * time.Minute).Truncate(time.Minute)
	case "hr", "hour":
		return now.Add(-time.Duration(n) * time.Hour).Truncate(time.Hour)
	case "day":
		return day.AddDate(0, 0, -n)
	case "week", "wk":
		return day.AddDate(0, 0, -7*n)
	case "month", "mo":
		return day.AddDate(0, -n, 0)
	}
	return day.AddDate(-n, 0, 0)
}

// iso reads an ISO 8601 date or date-time; without a zone it is local to loc.
func iso(s string, loc *time.Location) time.Time {
	s = strings.Replace(s, " ", "T", 1)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00",
		"2006-01-02T15:04Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t
		}
	}
	return time.Time{}
}

// named reads a date with a month name ("Jul", "July", "Sept").
func named(month, dayNum, year string, loc *time.Location) time.Time {
	m := strings.ToLower(month)
	if len(m) < 3 {
		return time.Time{}
	}
	for i := time.January; i <= time.December; i++ {
		full := strings.ToLower(i.String())
		if strings.HasPrefix(full, m[:3]) && (strings.HasPrefix(full, m) || m == "sept") {
			return numeric(year, strconv.Itoa(int(i)), dayNum, loc)
		}
	}
	return time.Time{}
}

// numeric builds a date, refusing impossible ones such as 31 February.
func numeric(year, month, dayNum string, loc *time.Location) time.Time {
	y, _ := strconv.Atoi(year)
	m, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(dayNum)
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}
	}
	return t
}
