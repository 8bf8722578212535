package crunchbase

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/leadgen/leadgen/crawlers"
)

// RowError is a CSV row that could not be imported; the other rows still are.
type RowError struct {
	Line   int // 1-based line where the row starts
	Reason string
}

// Error implements error.
func (e RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// maxCSVSize bounds an export; Pro exports are capped at a few thousand rows.
const maxCSVSize = 64 << 20

// csvTable is a parsed header: which columns feed which field.
type csvTable struct {
	header []string         // as written, for Raw
	cols   map[column][]int // field → column indexes, in header order
}

// ParseCSV imports a Crunchbase Pro export (companies or funding rounds):
// columns are found by header name, case-insensitively and with the
// aliases older exports use; unknown columns go to Raw only. Each row
// gives one funding signal: the round of a funding-rounds export, else a
// company's last funding, else its IPO. A row that cannot be read or has
// no dated event is a RowError and costs nothing else; the error is for an
// unreadable input or header.
func ParseCSV(r io.Reader) ([]crawlers.Signal, []RowError, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("crunchbase: parse csv: %w", err)
	}
	if len(data) > maxCSVSize {
		return nil, nil, fmt.Errorf("crunchbase: parse csv: input over %d bytes", maxCSVSize)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's BOM
	rd := newCSVReader(data)
	header, err := rd.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("empty input")
		}
		return nil, nil, fmt.Errorf("crunchbase: parse csv: header: %w", err)
	}
	t, err := newCSVTable(header)
	if err != nil {
		return nil, nil, fmt.Errorf("crunchbase: parse csv: %w", err)
	}
	var sigs []crawlers.Signal
	var bad []RowError
	eachRecord(data, rd, func(line int, rec []string, err error) {
		if err == nil {
			var s crawlers.Signal
			if s, err = t.signal(rec); err == nil {
				sigs = append(sigs, s)
				return
			}
		}
		bad = append(bad, RowError{Line: line, Reason: err.Error()})
	})
	return sigs, bad, nil
}

func newCSVReader(data []byte) *csv.Reader {
	rd := csv.NewReader(bytes.NewReader(data))
	rd.FieldsPerRecord = -1 // checked per row, so a short row is a RowError
	return rd
}

// eachRecord calls fn for every record after the header with its first
// line. A quoting error costs only the record it starts: reading resumes
// on the next line, so an unclosed quote does not swallow the file.
func eachRecord(data []byte, rd *csv.Reader, fn func(line int, rec []string, err error)) {
	starts := lineStarts(data)
	base := 0 // lines before the current reader's input
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && !errors.Is(err, csv.ErrFieldCount) {
			line := base + pe.StartLine
			fn(line, nil, pe.Err)
			if line >= len(starts) {
				return
			}
			base = line
			rd = newCSVReader(data[starts[line]:])
			continue
		}
		line, _ := rd.FieldPos(0)
		fn(base+line, rec, err)
	}
}

// lineStarts are the offsets where lines 1, 2, 3… begin.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// newCSVTable maps the header; an export without organization names is
// not one this importer knows.
func newCSVTable(header []string) (*csvTable, error) {
	t := &csvTable{header: make([]string, len(header)), cols: map[column][]int{}}
	for i, h := range header {
		t.header[i] = clean(h)
		if c := columnOf(t.header[i]); c != colUnknown {
			t.cols[c] = append(t.cols[c], i)
		}
	}
	if len(t.cols[colName]) == 0 {
		return nil, errors.New(`no "Organization Name" column`)
	}
	return t, nil
}

// get is the first non-empty cell of the columns feeding field c.
func (t *csvTable) get(rec []string, c column) string {
	for _, i := range t.cols[c] {
		if v := clean(rec[i]); v != "" {
			return v
		}
	}
	return ""
}

// raw keeps the row's non-empty cells under their header names.
func (t *csvTable) raw(rec []string) map[string]any {
	m := map[string]any{}
	for i, h := range t.header {
		if v := clean(rec[i]); v != "" && h != "" {
			if _, dup := m[h]; !dup {
				m[h] = v
			}
		}
	}
	return m
}

// signal turns one record into a Signal.
func (t *csvTable) signal(rec []string) (crawlers.Signal, error) {
	if len(rec) != len(t.header) {
		return crawlers.Signal{}, fmt.Errorf("row has %d fields, header has %d", len(rec), len(t.header))
	}
	return t.rowSignal(rec)
}

// normHeader folds a header for matching: lower case, single spaces.
func normHeader(h string) string {
	return strings.ToLower(strings.Join(strings.Fields(h), " "))
}
