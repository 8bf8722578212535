package yc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Company is one company of the YC directory as the mirror lists it.
type Company struct {
	ID              int64
	Name            string
	Slug            string
	FormerNames     []string
	Website         string
	Locations       string // all_locations, e.g. "San Francisco, CA, USA"
	OneLiner        string
	LongDescription string
	TeamSize        int
	Industry        string // top industry, e.g. "B2B"
	Subindustry     string // e.g. "B2B -> Sales"
	Industries      []string
	Tags            []string
	Regions         []string
	LaunchedAt      time.Time // the directory launch post; zero when unknown
	IsHiring        bool
	TopCompany      bool
	Nonprofit       bool
	Batch           string // as sent: "F24" in older files, "Fall 2024" in newer
	Status          string // "Active", "Inactive", "Acquired", "Public"
	Stage           string // "Early", "Growth"…
	URL             string // the directory page, when the mirror adds it
}

// ParseCompanies reads a batch file (an array of companies) or a
// one-company file. Fields may be missing, null or of an unexpected type
// and unknown fields are ignored; entries without an id or a name are
// left out.
func ParseCompanies(r io.Reader) ([]Company, error) {
	cs, _, err := parseCompanies(r)
	return cs, err
}

// parseCompanies is ParseCompanies that also counts the entries left out.
func parseCompanies(r io.Reader) (cs []Company, skipped int, err error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, 0, fmt.Errorf("yc: parse companies: %w", err)
	}
	b = bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\uFEFF")))
	var raws []json.RawMessage
	switch {
	case bytes.HasPrefix(b, []byte("[")):
		err = json.Unmarshal(b, &raws)
	case bytes.HasPrefix(b, []byte("{")):
		raws = []json.RawMessage{b}
		err = json.Unmarshal(b, new(map[string]json.RawMessage))
	default:
		err = errors.New("not a JSON array or object")
	}
	if err != nil {
		return nil, 0, fmt.Errorf("yc: parse companies: %w", err)
	}
	for _, raw := range raws {
		c, ok := companyOf(raw)
		if !ok {
			skipped++
			continue
		}
		cs = append(cs, c)
	}
	return cs, skipped, nil
}

// fieldMap is one JSON object whose fields are read leniently.
type fieldMap map[string]json.RawMessage

// companyOf reads one entry; it refuses non-objects and entries without
// a positive id or a name.
func companyOf(raw json.RawMessage) (Company, bool) {
	var m fieldMap
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return Company{}, false
	}
	c := Company{
		ID: m.int("id"), Name: m.str("name"), Slug: m.str("slug"), FormerNames: m.strs("former_names"),
		Website: m.str("website"), Locations: m.str("all_locations"), OneLiner: m.str("one_liner"),
		LongDescription: m.text("long_description"), TeamSize: int(min(max(m.int("team_size"), 0), math.MaxInt32)),
		Industry: m.str("industry"), Subindustry: m.str("subindustry"), Industries: m.strs("industries"),
		Tags: m.strs("tags"), Regions: m.strs("regions"), LaunchedAt: m.unix("launched_at"),
		IsHiring: m.bool("isHiring"), TopCompany: m.bool("top_company"), Nonprofit: m.bool("nonprofit"),
		Batch: m.str("batch"), Status: m.str("status"), Stage: m.str("stage"), URL: m.str("url"),
	}
	return c, c.ID > 0 && c.Name != ""
}

// text reads a string field, keeping line breaks; "" unless a string.
func (m fieldMap) text(k string) string {
	var s string
	if json.Unmarshal(m[k], &s) != nil {
		return ""
	}
	return strings.TrimSpace(clean(s))
}

// str reads a one-line string field.
func (m fieldMap) str(k string) string {
	return strings.Join(strings.Fields(m.text(k)), " ")
}

// int reads a whole number, also from a string of digits; 0 otherwise.
func (m fieldMap) int(k string) int64 {
	var f float64
	raw := m[k]
	if s, err := strconv.Unquote(string(raw)); err == nil {
		raw = json.RawMessage(strings.TrimSpace(s))
	}
	if json.Unmarshal(raw, &f) != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0
	}
	return int64(f)
}

// bool reads true or "true"; anything else is false.
func (m fieldMap) bool(k string) bool {
	s := strings.Trim(strings.ToLower(string(m[k])), `"`)
	return s == "true"
}

// strs reads an array of strings, skipping other elements; a lone
// string counts as a one-element array.
func (m fieldMap) strs(k string) []string {
	var raws []json.RawMessage
	if json.Unmarshal(m[k], &raws) != nil {
		if s := m.str(k); s != "" {
			return []string{s}
		}
		return nil
	}
	var out []string
	for _, raw := range raws {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			if s = strings.Join(strings.Fields(clean(s)), " "); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// unix reads Unix seconds after 2005 (YC's first batch); zero otherwise.
func (m fieldMap) unix(k string) time.Time {
	secs := m.int(k)
	if secs < 1104537600 || secs > 4102444800 { // 2005-01-01 … 2100-01-01
		return time.Time{}
	}
	return time.Unix(secs, 0).UTC()
}

// clean makes s safe to store: valid UTF-8 without control characters
// other than newline and tab (PostgreSQL refuses NUL in text); CRLF
// line ends become LF.
func clean(s string) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}
