package csvimport

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// errDate is the cause behind every unreadable date.
var errDate = errors.New("not a date")

// dateLayouts are tried in order; the numeric slash and dash forms are
// handled by numericDate because their order depends on the column.
var dateLayouts = []string{
	"2006-01-02", "2006-1-2", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05",
	"2006-01-02 15:04", "2006/01/02", "2006/1/2",
	"Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "January 2 2006", "Mon, Jan 2, 2006",
	"2 Jan 2006", "2 January 2006", "02-Jan-2006", "2-Jan-06", "02-Jan-06",
	"Jan 2006", "January 2006", "2006-01", "2006",
}

// excelEpoch is day zero of Excel's serial dates (1900 system, with its leap bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads a funding date; dayFirst decides 03/11/2026.
func parseDate(raw string, dayFirst bool) (time.Time, error) {
	s := strings.TrimSuffix(cleanText(raw), ".")
	if t, ok := numericDate(s, dayFirst); ok {
		return checkYear(t)
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return checkYear(t)
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 20000 && n <= 80000 {
		return excelEpoch.AddDate(0, 0, n), nil
	}
	return time.Time{}, errDate
}

// checkYear refuses dates no funding round can have, which are almost
// always misparsed numbers.
func checkYear(t time.Time) (time.Time, error) {
	if t.Year() < 1900 || t.Year() > 2100 {
		return time.Time{}, fmt.Errorf("%w: year %d is out of range", errDate, t.Year())
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// numericDate reads a/b/yyyy, a-b-yyyy (slash or dash: order by dayFirst)
// and d.m.yyyy (always day-first, the only convention that uses dots).
func numericDate(s string, dayFirst bool) (time.Time, bool) {
	a, b, y, sep, ok := dateParts(s)
	if !ok {
		return time.Time{}, false
	}
	day, month := b, a
	if dayFirst || sep == '.' {
		day, month = a, b
	}
	if y < 100 {
		y += 2000
	}
	t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

// dateParts splits "a?b?y" with one separator kind among / - . into numbers.
func dateParts(s string) (a, b, y int, sep byte, ok bool) {
	for _, c := range []byte{'/', '-', '.'} {
		p := strings.Split(s, string(c))
		if len(p) != 3 || len(p[0]) > 2 || len(p[1]) > 2 || len(p[2]) != 2 && len(p[2]) != 4 {
			continue
		}
		if n, ok := atois(p); ok {
			return n[0], n[1], n[2], c, true
		}
	}
	return 0, 0, 0, 0, false
}

// atois parses three plain digit strings.
func atois(p []string) ([3]int, bool) {
	var n [3]int
	for i, s := range p {
		if s == "" || strings.Trim(s, "0123456789") != "" {
			return n, false
		}
		n[i], _ = strconv.Atoi(s)
	}
	return n, true
}

// dayFirstColumn decides the order of ambiguous numeric dates for a whole
// column: any value that only reads one way settles it, else eu decides.
func dayFirstColumn(t Table, cols []int, eu bool) bool {
	for _, row := range t.Rows {
		for _, c := range cols {
			if c >= len(row) {
				continue
			}
			a, b, _, sep, ok := dateParts(cleanText(row[c]))
			switch {
			case !ok || sep == '.':
			case a > 12 && b <= 12:
				return true
			case b > 12 && a <= 12:
				return false
			}
		}
	}
	return eu
}
