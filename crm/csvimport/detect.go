package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DefaultLimit is the upload size Detect uses when the caller passes limit <= 0.
const DefaultLimit int64 = 10 << 20

// Table is a parsed CSV file: trimmed header, raw cells and where each row came from.
type Table struct {
	Header    []string   // column names, trimmed
	Rows      [][]string // raw cells; rows may be shorter or longer than Header
	Delimiter rune       // ',', ';', '\t' or '|'
	RowLines  []int      // 1-based file line where each row starts, for reports
}

// Ragged returns the indexes into Rows whose cell count differs from the header's.
func (t Table) Ragged() []int {
	var out []int
	for i, r := range t.Rows {
		if len(r) != len(t.Header) {
			out = append(out, i)
		}
	}
	return out
}

// Detect reads at most limit bytes of a CSV upload, works out its encoding
// and delimiter, and returns its header and rows.
func Detect(r io.Reader, limit int64) (Table, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return Table{}, fmt.Errorf("csvimport: reading upload: %w", err)
	}
	if int64(len(data)) > limit {
		return Table{}, fmt.Errorf("%w: the limit is %s", ErrTooLarge, humanBytes(limit))
	}
	text, err := decodeText(data)
	if err != nil {
		return Table{}, err
	}
	if strings.TrimSpace(text) == "" {
		return Table{}, ErrEmpty
	}
	if err := rejectMarkup(text); err != nil {
		return Table{}, err
	}
	delim, err := sniffDelimiter(text)
	if err != nil {
		return Table{}, err
	}
	return parse(text, delim)
}

// parse runs encoding/csv leniently: ragged rows and stray quotes are
// kept so the user sees every row in the preview instead of a hard error.
func parse(text string, delim rune) (Table, error) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	t := Table{Delimiter: delim}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Table{}, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		line, _ := cr.FieldPos(0)
		if t.Header == nil {
			t.Header = trimAll(rec)
			continue
		}
		if blank(rec) {
			continue
		}
		t.Rows = append(t.Rows, rec)
		t.RowLines = append(t.RowLines, line)
	}
	if t.Header == nil || blank(t.Header) {
		return Table{}, ErrEmpty
	}
	if len(t.Rows) == 0 {
		return Table{}, ErrHeaderOnly
	}
	return t, nil
}

// trimAll trims every header cell; headers carry stray spaces far more
// often than meaningful ones.
func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = cleanText(s)
	}
	return out
}

// blank reports whether every cell is empty, as in Excel's ",,,," tail rows.
func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// humanBytes renders a byte count the way an upload form would state it.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// headerLine returns the first line of text, ignoring newlines inside quotes.
func headerLine(text string) string {
	inQuote := false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '"':
			inQuote = !inQuote
		case '\n', '\r':
			if !inQuote {
				return text[:i]
			}
		}
	}
	return text
}

// countOutsideQuotes counts c in line, skipping quoted sections.
func countOutsideQuotes(line string, c byte) int {
	n, inQuote := 0, false
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '"':
			inQuote = !inQuote
		case line[i] == c && !inQuote:
			n++
		}
	}
	return n
}

// delimiters are the candidates in tie-break order.
var delimiters = []rune{',', ';', '\t', '|'}

// sniffDelimiter picks the candidate that splits the header line most often.
// A header with none is accepted only when it is a known column name.
func sniffDelimiter(text string) (rune, error) {
	line := headerLine(strings.TrimLeft(text, "\r\n"))
	best, bestN := rune(0), 0
	for _, d := range delimiters {
		if n := countOutsideQuotes(line, byte(d)); n > bestN {
			best, bestN = d, n
		}
	}
	if bestN > 0 {
		return best, nil
	}
	name := strings.Trim(strings.TrimSpace(line), `"`)
	if _, ok := knownHeader(name); ok {
		return ',', nil
	}
	return 0, fmt.Errorf("%w: the first line %q has no delimiter (comma, semicolon, tab or |) and is not a known column name", ErrNotCSV, clip(line, 40))
}

// clip shortens s for error messages.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// normalizeNewlines turns old-Mac lone CRs into LFs; encoding/csv already
// handles CRLF but would see a CR-only file as one line.
func normalizeNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\n') >= 0 || bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	return bytes.ReplaceAll(b, []byte{'\r'}, []byte{'\n'})
}
