package csvimport

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/leadgen/leadgen/crm/normalize"
)

// Row is one cleaned data row, ready for preview and import.
type Row struct {
	Line        int               // 1-based file line, for reports
	Fields      map[string]string // cleaned non-empty values by field name; "phone" keeps the original
	Categories  []string          // split multi-value categories
	PhoneE164   string            // "+16177204455", or "" when unreadable
	Domain      string            // registrable domain of the website, via normalize.Domain
	Amount      int64             // funding amount in whole units of Currency
	Currency    string            // ISO code of Amount
	AmountUSD   int64             // USD amount when known (USD amount or "(in USD)" column)
	FundingDate time.Time         // UTC midnight; zero when absent or unreadable
	Problems    []Problem         // warnings, and the reason a row is rejected
}

// Problem is one issue found in one row.
type Problem struct {
	Field   string // field name, or "row" for the row as a whole
	Message string
}

// Rejected reports whether the row cannot be imported: it has no company name.
func (r Row) Rejected() bool { return r.Fields[FieldCompany] == "" }

// cleanCtx holds per-file decisions shared by all rows.
type cleanCtx struct {
	t        Table
	m        Mapping
	eu       bool // ';'-delimited: European number and date conventions
	dayFirst bool
}

// Clean applies m to every row of t and returns the cleaned rows in order.
func Clean(t Table, m Mapping) []Row {
	eu := t.Delimiter == ';'
	c := cleanCtx{t: t, m: m, eu: eu, dayFirst: dayFirstColumn(t, m.Columns(FieldFundingDate), eu)}
	rows := make([]Row, len(t.Rows))
	for i, rec := range t.Rows {
		line := 0
		if i < len(t.RowLines) {
			line = t.RowLines[i]
		}
		rows[i] = c.row(rec, line)
	}
	return rows
}

// row cleans one record.
func (c cleanCtx) row(rec []string, line int) Row {
	r := Row{Line: line, Fields: map[string]string{}}
	c.collect(&r, rec)
	c.checkShape(&r, rec)
	fillLocation(&r)
	if r.Fields[FieldContactName] == "" {
		r.set(FieldContactName, joinName(r.Fields[FieldFirstName], r.Fields[FieldLastName]))
	}
	c.checkCompany(&r)
	cleanContact(&r)
	c.cleanFunding(&r)
	return r
}

// checkCompany rejects rows without a usable company name; a name with no
// letters or digits ("—", "???") would give normalize.Name "" and no key.
func (c cleanCtx) checkCompany(r *Row) {
	name := r.Fields[FieldCompany]
	switch {
	case name == "":
		r.problem(FieldCompany, "company name is missing; the row is not imported")
	case !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
		r.problem(FieldCompany, fmt.Sprintf("company name %q has no letters or digits; the row is not imported", name))
		r.set(FieldCompany, "")
	}
}

// collect copies mapped cells into r, joining multi-column fields.
func (c cleanCtx) collect(r *Row, rec []string) {
	for col, cell := range rec {
		f := c.m.Field(col)
		switch f {
		case "", FieldIgnore:
		case FieldCategories:
			r.Categories = appendNew(r.Categories, splitMulti(cell))
		case FieldDescription:
			r.set(f, cleanBlock(cell))
		case FieldNotes:
			r.set(f, strings.TrimSpace(r.Fields[f]+"\n"+cleanBlock(cell)))
		case FieldEmployees:
			r.set(f, cleanEmployees(cell))
		default:
			r.set(f, cleanText(cell))
		}
	}
	r.set(FieldCategories, strings.Join(r.Categories, ", "))
}

// checkShape warns about rows whose cell count differs from the header's,
// the usual sign of a missing quote or delimiter.
func (c cleanCtx) checkShape(r *Row, rec []string) {
	n := len(c.t.Header)
	switch {
	case len(rec) < n:
		r.problem("row", fmt.Sprintf("row has %d cells but the header has %d; missing cells are empty", len(rec), n))
	case len(rec) > n && !blank(rec[n:]):
		r.problem("row", fmt.Sprintf("row has %d cells but the header has %d; extra cells are ignored", len(rec), n))
	}
}

// fillLocation splits a "City, State, Country" cell into empty address fields.
func fillLocation(r *Row) {
	city, state, country := splitLocation(r.Fields[FieldLocation])
	for f, v := range map[string]string{FieldCity: city, FieldState: state, FieldCountry: country} {
		if r.Fields[f] == "" {
			r.set(f, v)
		}
	}
}

// cleanContact derives the domain and checks email and phone.
func cleanContact(r *Row) {
	if w := r.Fields[FieldWebsite]; w != "" {
		if r.Domain = normalize.Domain(w); r.Domain == "" {
			r.problem(FieldWebsite, fmt.Sprintf("%q is not a company website", w))
		}
	}
	if e := r.Fields[FieldEmail]; e != "" {
		addr, ok := cleanEmail(e)
		if !ok {
			r.problem(FieldEmail, fmt.Sprintf("%q is not a valid email address", e))
		}
		r.set(FieldEmail, addr)
	}
	if p := r.Fields[FieldPhone]; p != "" {
		var ok bool
		if r.PhoneE164, ok = phoneE164(p, r.Fields[FieldCountry]); !ok {
			r.problem(FieldPhone, fmt.Sprintf("could not read phone number %q", p))
		}
	}
}

// cleanFunding parses amount, currency, USD amount and date.
func (c cleanCtx) cleanFunding(r *Row) {
	amt, hasAmt := c.amount(r, FieldFundingAmount)
	usd, hasUSD := c.amount(r, FieldFundingUSD)
	r.Amount, r.Currency = amt.value, amt.currency
	if cur := r.Fields[FieldFundingCurrency]; cur != "" && hasAmt {
		code, ok := currencyCode(cur)
		switch {
		case !ok:
			r.problem(FieldFundingCurrency, fmt.Sprintf("%q is not a currency code", cur))
		case r.Currency != "" && r.Currency != code:
			r.problem(FieldFundingCurrency, fmt.Sprintf("amount says %s but the currency column says %s; using %s", r.Currency, code, r.Currency))
		default:
			r.Currency = code
		}
	}
	switch {
	case hasUSD:
		r.AmountUSD = usd.value
		if !hasAmt {
			r.Amount, r.Currency = usd.value, "USD"
		}
	case hasAmt && r.Currency == "":
		r.Currency = "USD"
		r.AmountUSD = r.Amount
	case hasAmt && r.Currency == "USD":
		r.AmountUSD = r.Amount
	}
	if d := r.Fields[FieldFundingDate]; d != "" {
		t, err := parseDate(d, c.dayFirst)
		if err != nil {
			r.problem(FieldFundingDate, fmt.Sprintf("could not read date %q", d))
		}
		r.FundingDate = t
	}
}

// amount parses one amount field, recording a problem when unreadable.
func (c cleanCtx) amount(r *Row, field string) (money, bool) {
	m, ok, err := parseAmount(r.Fields[field], c.eu)
	if err != nil {
		r.problem(field, fmt.Sprintf("could not read amount %q", r.Fields[field]))
		return money{}, false
	}
	return m, ok
}

// set stores a non-empty value, and deletes the field for an empty one so
// Fields only holds what the row really has.
func (r *Row) set(field, v string) {
	if v == "" {
		delete(r.Fields, field)
		return
	}
	r.Fields[field] = v
}

// problem records one issue.
func (r *Row) problem(field, msg string) {
	r.Problems = append(r.Problems, Problem{Field: field, Message: msg})
}

// appendNew appends values not already present (case-insensitively).
func appendNew(list, values []string) []string {
	for _, v := range values {
		dup := false
		for _, have := range list {
			dup = dup || strings.EqualFold(have, v)
		}
		if !dup {
			list = append(list, v)
		}
	}
	return list
}
