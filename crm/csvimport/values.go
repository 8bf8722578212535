package csvimport

import (
	"net/mail"
	"strings"
	"unicode"
)

// invisible drops characters that survive copy-paste from web pages but
// break matching: zero-width spaces, BOMs in the middle of cells, NBSPs.
var invisible = strings.NewReplacer("\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "",
	"\u00a0", " ", "\u202f", " ", "\u2007", " ")

// cleanBlock trims a multi-line cell (descriptions, notes) and unwraps
// Excel's ="0211" trick, which users apply to keep leading zeros.
func cleanBlock(s string) string {
	s = strings.TrimSpace(invisible.Replace(s))
	if strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) && len(s) >= 3 {
		s = strings.TrimSpace(s[2 : len(s)-1])
	}
	return s
}

// cleanText is cleanBlock for one-line values: runs of whitespace,
// including newlines, become one space.
func cleanText(s string) string {
	return strings.Join(strings.Fields(cleanBlock(s)), " ")
}

// splitMulti splits a multi-value cell ("Pizza, Italian Restaurants") on
// commas and semicolons, keeping the first spelling of each value.
func splitMulti(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		v = cleanText(v)
		if k := strings.ToLower(v); v != "" && !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// splitLocation reads Crunchbase's "City, Region, Country" cell; two parts
// are "City, Country", one part is a country.
func splitLocation(s string) (city, state, country string) {
	var parts []string
	for _, p := range strings.Split(s, ",") {
		if p = cleanText(p); p != "" {
			parts = append(parts, p)
		}
	}
	switch len(parts) {
	case 0:
		return "", "", ""
	case 1:
		return "", "", parts[0]
	case 2:
		return parts[0], "", parts[1]
	default:
		return parts[0], strings.Join(parts[1:len(parts)-1], ", "), parts[len(parts)-1]
	}
}

// cleanEmployees turns Crunchbase enum values ("c_11_50", "c_10001_max")
// and thousands separators ("1,200") into plain text like "11-50", "1200".
func cleanEmployees(s string) string {
	s = cleanText(s)
	if rest, ok := strings.CutPrefix(strings.ToLower(s), "c_"); ok {
		lo, hi, _ := strings.Cut(rest, "_")
		if hi == "max" {
			return lo + "+"
		}
		return lo + "-" + hi
	}
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) && r != ',' && r != '.' && r != ' ' }) < 0 {
		return strings.NewReplacer(",", "", ".", "", " ", "").Replace(s)
	}
	return s
}

// cleanEmail returns the first address in a cell (exports sometimes hold
// "a@x.com; b@x.com"), lower-cased, or ok=false when none is valid.
func cleanEmail(s string) (string, bool) {
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		part = strings.Trim(part, "<>\"'")
		part = strings.TrimPrefix(strings.ToLower(part), "mailto:")
		a, err := mail.ParseAddress(part)
		if err != nil || a.Address != part {
			continue
		}
		_, domain, _ := strings.Cut(part, "@")
		if strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.HasPrefix(domain, ".") {
			return part, true
		}
	}
	return "", false
}

// joinName builds "First Last" from the parts that are present.
func joinName(first, last string) string {
	return strings.TrimSpace(first + " " + last)
}
