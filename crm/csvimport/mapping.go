package csvimport

import (
	"fmt"
	"slices"
)

// Mapping assigns each column of a header to an importer field ("" means
// unassigned). It is a value: With returns an edited copy.
type Mapping struct {
	Profile string // the profile used, after auto-detection
	header  []string
	fields  []string
}

// genericTier pushes generic aliases behind the chosen profile's own.
const genericTier = 1000

// Map assigns header columns to fields using the named profile, or the
// profile with the best alias coverage when profile is "" or unknown.
// It returns the mapping and the names of columns it could not assign.
func Map(header []string, profile string) (Mapping, []string) {
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = headerKey(h)
	}
	p, ok := profileByName(profile)
	if !ok {
		p = detectProfile(keys)
	}
	m := Mapping{Profile: p.Name, header: slices.Clone(header), fields: make([]string, len(header))}
	generic, _ := profileByName("generic")
	best := map[string]int{} // field → best rank so far, for single-value fields
	ranks := make([]int, len(header))
	for i, k := range keys {
		f, rank, ok := p.lookup(k)
		if !ok {
			f, rank, ok = generic.lookup(k)
			rank += genericTier
		}
		if !ok || k == "" {
			continue
		}
		m.fields[i], ranks[i] = f, rank
		if r, seen := best[f]; !seen || rank < r {
			best[f] = rank
		}
	}
	for i, f := range m.fields {
		if info, _ := fieldInfo(f); f != "" && !info.Multi && ranks[i] != best[f] {
			m.fields[i] = "" // a better-ranked column already feeds this field
		}
	}
	m.dedupe()
	m.pairMoney(keys)
	return m, m.unassignedNames()
}

// detectProfile scores each profile by how many columns its own aliases
// cover. Generic is the baseline and a specific profile must beat it
// outright, so plain "company,city,zip" files stay generic.
func detectProfile(keys []string) Profile {
	best, _ := profileByName("generic")
	bestN := coverage(best, keys)
	for _, p := range Profiles {
		if n := coverage(p, keys); n > bestN {
			best, bestN = p, n
		}
	}
	return best
}

// coverage counts the columns p's own aliases recognise.
func coverage(p Profile, keys []string) int {
	n := 0
	for _, k := range keys {
		if _, _, ok := p.lookup(k); ok && k != "" {
			n++
		}
	}
	return n
}

// dedupe keeps only the first column for a single-value field when two
// columns share the same header (and so the same rank).
func (m *Mapping) dedupe() {
	seen := map[string]bool{}
	for i, f := range m.fields {
		if info, _ := fieldInfo(f); f == "" || info.Multi {
			continue
		}
		if seen[f] {
			m.fields[i] = ""
		}
		seen[f] = true
	}
}

// pairMoney makes the currency and USD columns belong to the chosen amount
// column ("Money Raised" → "Money Raised Currency", "Money Raised (in USD)"),
// because Crunchbase exports carry several amount families side by side.
func (m *Mapping) pairMoney(keys []string) {
	amt := m.Column(FieldFundingAmount)
	if amt < 0 {
		return
	}
	base := keys[amt]
	m.pair(keys, FieldFundingCurrency, []string{base + " currency"})
	m.pair(keys, FieldFundingUSD, []string{base + " in usd", base + " currency in usd"})
}

// standaloneMoney are currency headers that belong to no amount family.
var standaloneMoney = []string{"currency", "funding currency"}

// pair assigns field to the column whose key is in want; without one, it
// keeps only a standalone currency column, so amount families never mix.
func (m *Mapping) pair(keys []string, field string, want []string) {
	for i, k := range keys {
		if slices.Contains(want, k) {
			m.fields = withField(m.fields, i, field)
			return
		}
	}
	if c := m.Column(field); c >= 0 && !slices.Contains(standaloneMoney, keys[c]) {
		m.fields[c] = ""
	}
}

// With returns a copy of m with column assigned to field; field "" clears
// the column. A single-value field moves from any column that had it.
func (m Mapping) With(column int, field string) (Mapping, error) {
	if column < 0 || column >= len(m.fields) {
		return m, fmt.Errorf("%w: column %d (the file has %d)", ErrBadColumn, column, len(m.fields))
	}
	if _, ok := fieldInfo(field); !ok && field != "" {
		return m, fmt.Errorf("%w: %q", ErrUnknownField, field)
	}
	out := m
	out.header = slices.Clone(m.header)
	out.fields = withField(slices.Clone(m.fields), column, field)
	return out, nil
}

// withField assigns field to column in fields, clearing other columns for
// single-value fields.
func withField(fields []string, column int, field string) []string {
	if info, ok := fieldInfo(field); ok && !info.Multi {
		for i, f := range fields {
			if f == field {
				fields[i] = ""
			}
		}
	}
	fields[column] = field
	return fields
}

// Field returns the field assigned to column, or "".
func (m Mapping) Field(column int) string {
	if column < 0 || column >= len(m.fields) {
		return ""
	}
	return m.fields[column]
}

// Column returns the first column assigned to field, or -1.
func (m Mapping) Column(field string) int {
	return slices.Index(m.fields, field)
}

// Columns returns every column assigned to field, in file order.
func (m Mapping) Columns(field string) []int {
	var out []int
	for i, f := range m.fields {
		if f == field {
			out = append(out, i)
		}
	}
	return out
}

// Header returns a copy of the header the mapping was built for.
func (m Mapping) Header() []string { return slices.Clone(m.header) }

// Unassigned returns the indexes of columns with no field.
func (m Mapping) Unassigned() []int { return m.Columns("") }

// Err reports ErrNoCompanyColumn when nothing feeds the required company name.
func (m Mapping) Err() error {
	if m.Column(FieldCompany) < 0 {
		return ErrNoCompanyColumn
	}
	return nil
}

// unassignedNames names unassigned columns for the mapping screen.
func (m Mapping) unassignedNames() []string {
	var out []string
	for _, i := range m.Unassigned() {
		name := m.header[i]
		if name == "" {
			name = fmt.Sprintf("(column %d)", i+1)
		}
		out = append(out, name)
	}
	return out
}
