package csvimport

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteReport writes the problems of rows as CSV (line, company, field,
// problem), one line per problem; rows without problems are left out.
func WriteReport(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"line", "company", "field", "problem"}); err != nil {
		return fmt.Errorf("csvimport: writing report: %w", err)
	}
	for _, r := range rows {
		for _, p := range r.Problems {
			rec := []string{strconv.Itoa(r.Line), defuse(r.Fields[FieldCompany]), p.Field, defuse(p.Message)}
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("csvimport: writing report: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csvimport: writing report: %w", err)
	}
	return nil
}

// defuse stops spreadsheet formula injection: the report echoes user data
// and is opened in Excel, which runs cells starting with = + - @.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
