package crm

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm/csvimport"
)

// ImportPreview is a parsed list before anything is written: the columns
// and what each maps to, and every row cleaned with its problems.
type ImportPreview struct {
	Header   []string
	Profile  string
	Fields   []string // per column: the field it maps to, "" when unassigned
	Rows     []csvimport.Row
	Accepted int // rows that would be imported
	Rejected int // rows that would not, with their problems
	Mapping  csvimport.Mapping
}

// PreviewImport parses a list (CSV, any delimiter, at most limit bytes) with
// a header profile ("" detects it) and the user's column assignments
// (column index → field) on top.
func PreviewImport(content []byte, profile string, assign map[int]string, limit int64) (ImportPreview, error) {
	t, err := csvimport.Detect(bytes.NewReader(content), limit)
	if err != nil {
		return ImportPreview{}, &ValidationError{Field: "file", Message: err.Error()}
	}
	m, _ := csvimport.Map(t.Header, profile)
	cols := make([]int, 0, len(assign))
	for col := range assign {
		cols = append(cols, col)
	}
	slices.Sort(cols)
	for _, col := range cols {
		if m, err = m.With(col, assign[col]); err != nil {
			return ImportPreview{}, &ValidationError{Field: "mapping", Message: err.Error()}
		}
	}
	if err := m.Err(); err != nil {
		return ImportPreview{}, &ValidationError{Field: "mapping", Message: err.Error()}
	}
	p := ImportPreview{Header: t.Header, Profile: m.Profile, Mapping: m, Rows: csvimport.Clean(t, m)}
	for i := range t.Header {
		p.Fields = append(p.Fields, m.Field(i))
	}
	for _, r := range p.Rows {
		if r.Rejected() {
			p.Rejected++
		} else {
			p.Accepted++
		}
	}
	return p, nil
}

// ImportRows turns the accepted rows of a preview into rows to store.
func (p ImportPreview) ImportRows() []ImportRow {
	var out []ImportRow
	for _, r := range p.Rows {
		if r.Rejected() {
			continue
		}
		out = append(out, importRow(r))
	}
	return out
}

func importRow(r csvimport.Row) ImportRow {
	f := r.Fields
	keys := csvimport.Key(r)
	row := ImportRow{
		Line: r.Line, Key: keys[0], Fields: f,
		Company: crawlers.Company{
			Keys: keys, Name: f[csvimport.FieldCompany], Domain: r.Domain, Phone: f[csvimport.FieldPhone],
			Street: f[csvimport.FieldStreet], City: f[csvimport.FieldCity], State: f[csvimport.FieldState],
			Zip: f[csvimport.FieldZip], Country: f[csvimport.FieldCountry], Categories: r.Categories,
			Description: f[csvimport.FieldDescription],
		},
		AmountUSD: r.AmountUSD, Amount: r.Amount, Currency: r.Currency, Round: f[csvimport.FieldFundingRound], FundedAt: r.FundingDate,
	}
	if len(r.Categories) > 0 {
		row.Company.Industry = r.Categories[0]
	}
	if n, err := strconv.Atoi(f[csvimport.FieldEmployees]); err == nil {
		row.Company.TeamSize = n
	}
	if name := contactName(f); name != "" {
		row.Contact = &crawlers.Contact{Name: name, Title: f[csvimport.FieldContactTitle], Email: f[csvimport.FieldEmail],
			Phone: f[csvimport.FieldPhone], ProfileURL: f[csvimport.FieldLinkedIn], City: f[csvimport.FieldCity]}
	}
	return row
}

func contactName(f map[string]string) string {
	if n := f[csvimport.FieldContactName]; n != "" {
		return n
	}
	first, last := f[csvimport.FieldFirstName], f[csvimport.FieldLastName]
	if first == "" || last == "" {
		return first + last
	}
	return first + " " + last
}

// ErrNothingToImport reports a list whose every row was rejected.
var ErrNothingToImport = errors.New("no row of the file can be imported")

// checkImportable refuses a preview with nothing to import.
func (p ImportPreview) checkImportable() error {
	if p.Accepted == 0 {
		return &ValidationError{Field: "file", Message: fmt.Sprintf("%s (%d rejected; see the report)", ErrNothingToImport, p.Rejected)}
	}
	return nil
}
