// Package edgar crawls SEC EDGAR daily form indexes for Form D filings
// (private offerings) and turns each into a crawlers.Signal.
package edgar

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"time"
)

// IndexEntry is one row of a daily (or quarterly) form.idx.
type IndexEntry struct {
	FormType    string    // e.g. "D", "D/A", "SCHEDULE 13D/A"
	CompanyName string    // as listed
	CIK         string    // digits, no leading zeros
	DateFiled   time.Time // UTC midnight
	FileName    string    // e.g. "edgar/data/1719420/0001829126-22-003016.txt"
	Accession   string    // e.g. "0001829126-22-003016"
}

// SkippedLine is a data line of an index that did not parse.
type SkippedLine struct {
	Line   int    // 1-based line number
	Text   string // the line, trimmed
	Reason string
}

// Index is a parsed form.idx with the data lines it had to skip.
type Index struct {
	Entries []IndexEntry
	Skipped []SkippedLine
}

// indexRow splits a row right-to-left: the file name, date and CIK anchor
// the end (so a long name needs only one space before the CIK), and the
// first run of two or more spaces ends the form type, which may itself
// hold single spaces, as in "SCHEDULE 13D/A".
var indexRow = regexp.MustCompile(`^\s*(\S+(?: \S+)*)\s{2,}(\S.*?)\s+(\d+)\s+(\d{4}-?\d{2}-?\d{2})\s+(edgar/\S+)\s*$`)

var (
	separatorLine = regexp.MustCompile(`^-{20,}\s*$`)
	accessionRe   = regexp.MustCompile(`^\d{10}-\d{2}-\d{6}$`)
	accessionBare = regexp.MustCompile(`^\d{18}$`)
)

// maxIndexLine bounds one index line; real lines are under 200 bytes.
const maxIndexLine = 64 << 10

// ParseIndex parses a form.idx and returns its entries; unparsable data
// lines are dropped (use ReadIndex to see them).
func ParseIndex(r io.Reader) ([]IndexEntry, error) {
	idx, err := ReadIndex(r)
	return idx.Entries, err
}

// ReadIndex parses a form.idx: it skips the header up to the dashed
// separator, then parses each row. A row that does not parse is listed in
// Skipped rather than failing the file; a body without a separator is an error.
func ReadIndex(r io.Reader) (Index, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxIndexLine)
	var idx Index
	inData := false
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if !inData {
			inData = separatorLine.MatchString(line)
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		e, err := parseIndexRow(line)
		if err != nil {
			idx.Skipped = append(idx.Skipped, SkippedLine{Line: n, Text: strings.TrimSpace(line), Reason: err.Error()})
			continue
		}
		idx.Entries = append(idx.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return idx, fmt.Errorf("edgar: parse index: %w", err)
	}
	if !inData {
		return idx, errors.New("edgar: parse index: no header separator line")
	}
	return idx, nil
}

// parseIndexRow parses one data row.
func parseIndexRow(line string) (IndexEntry, error) {
	m := indexRow.FindStringSubmatch(line)
	if m == nil {
		return IndexEntry{}, errors.New("row does not match form.idx layout")
	}
	cik := strings.TrimLeft(m[3], "0")
	if cik == "" {
		return IndexEntry{}, errors.New("zero cik")
	}
	date, err := parseIndexDate(m[4])
	if err != nil {
		return IndexEntry{}, err
	}
	acc, ok := NormalizeAccession(strings.TrimSuffix(path.Base(m[5]), path.Ext(m[5])))
	if !ok {
		return IndexEntry{}, fmt.Errorf("no accession number in %q", m[5])
	}
	form, name := collapseSpaces(strings.TrimSpace(m[1])), strings.TrimSpace(m[2])
	if form == "" || name == "" {
		// \s in RE2 leaves out \v, so a row of control characters can match.
		return IndexEntry{}, errors.New("empty form type or company name")
	}
	return IndexEntry{
		FormType:    form,
		CompanyName: name,
		CIK:         cik,
		DateFiled:   date,
		FileName:    m[5],
		Accession:   acc,
	}, nil
}

// parseIndexDate reads YYYYMMDD (daily files) or YYYY-MM-DD (quarterly).
func parseIndexDate(s string) (time.Time, error) {
	layout := "20060102"
	if strings.Contains(s, "-") {
		layout = "2006-01-02"
	}
	t, err := time.Parse(layout, s)
	if err != nil || t.Year() < 1993 {
		// EDGAR's electronic filings start in 1993.
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	return t, nil
}

// NormalizeAccession returns s as "0001234567-YY-NNNNNN" (it also accepts
// the 18 bare digits used in URLs); ok is false for anything else.
func NormalizeAccession(s string) (acc string, ok bool) {
	s = strings.TrimSpace(s)
	switch {
	case accessionRe.MatchString(s):
		return s, true
	case accessionBare.MatchString(s):
		return s[:10] + "-" + s[10:12] + "-" + s[12:], true
	}
	return "", false
}

// collapseSpaces turns runs of blanks into one space.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// IsFormD tells whether a form type is a Form D or its amendment.
func IsFormD(formType string) bool {
	return formType == "D" || formType == "D/A"
}

// FormDEntries keeps the entries whose form type is D or D/A.
func FormDEntries(entries []IndexEntry) []IndexEntry {
	var out []IndexEntry
	for _, e := range entries {
		if IsFormD(e.FormType) {
			out = append(out, e)
		}
	}
	return out
}
