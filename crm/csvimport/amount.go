package csvimport

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// errAmount is the cause behind every unreadable amount.
var errAmount = errors.New("not an amount")

// blankAmounts are placeholders exports use for "no value".
var blankAmounts = map[string]bool{"": true, "-": true, "—": true, "n/a": true, "na": true,
	"none": true, "unknown": true, "undisclosed": true, "null": true}

// multipliers are the scale words seen in amounts ("€2.5M", "1.2 million", "3 Mio").
var multipliers = map[string]float64{
	"k": 1e3, "thousand": 1e3, "tsd": 1e3,
	"m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "mil": 1e6, "million": 1e6, "millions": 1e6,
	"b": 1e9, "bn": 1e9, "bil": 1e9, "billion": 1e9, "billions": 1e9, "mrd": 1e9,
}

// symbols map currency signs to ISO codes; "$" alone is US dollars.
var symbols = map[rune]string{'$': "USD", '€': "EUR", '£': "GBP", '¥': "JPY", '₹': "INR", '₩': "KRW", '₪': "ILS"}

// dollarPrefixes qualify "$" ("CA$", "A$") into another dollar.
var dollarPrefixes = map[string]string{"us": "USD", "ca": "CAD", "c": "CAD", "a": "AUD", "au": "AUD",
	"nz": "NZD", "hk": "HKD", "s": "SGD", "sg": "SGD"}

// money is one parsed amount in whole currency units.
type money struct {
	value    int64
	currency string // "" when the cell carried no currency
}

// parseAmount reads "$1,500,000", "€2.5M", "1.2 million", "USD 3,000,000"
// or "1.500.000" (eu: '.' groups thousands, ',' is the decimal mark).
// ok is false for blank placeholders.
func parseAmount(raw string, eu bool) (m money, ok bool, err error) {
	s := cleanText(raw)
	if blankAmounts[strings.ToLower(s)] {
		return money{}, false, nil
	}
	var num strings.Builder
	var words []string
	sym, mult := "", 1.0
	for _, tok := range splitAmount(s) {
		r := []rune(tok)[0]
		switch {
		case unicode.IsDigit(r) || r == '.' || r == ',':
			num.WriteString(tok)
		case unicode.IsLetter(r):
			words = append(words, tok)
		case symbols[r] != "":
			sym = symbols[r]
		case r == '-' || r == '(' || r == '%':
			return money{}, true, fmt.Errorf("%w: negative or percentage", errAmount)
		}
	}
	cur, mult, err := amountWords(words, sym)
	if err != nil {
		return money{}, true, err
	}
	f, err := parseNumber(num.String(), eu)
	if err != nil {
		return money{}, true, err
	}
	v := math.Round(f * mult)
	if v >= math.MaxInt64/2 {
		return money{}, true, fmt.Errorf("%w: too large", errAmount)
	}
	return money{value: int64(v), currency: cur}, true, nil
}

// splitAmount cuts a cell into runs of digits-and-separators, runs of
// letters, and single other characters; spaces and apostrophes (thousands
// separators in "1 500 000" and "1'500'000") and '+' / '~' vanish.
func splitAmount(s string) []string {
	var out []string
	kind := func(r rune) int {
		switch {
		case unicode.IsDigit(r) || r == '.' || r == ',':
			return 1
		case unicode.IsLetter(r):
			return 2
		}
		return 3
	}
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\'' || r == '+' || r == '~' || r == '’' {
			continue
		}
		if n := len(out); n > 0 && kind(r) != 3 && kind([]rune(out[n-1])[0]) == kind(r) {
			out[n-1] += string(r)
			continue
		}
		out = append(out, string(r))
	}
	return out
}

// amountWords interprets the letter runs of an amount: scale words,
// ISO codes, and "US"/"CA" in front of a "$".
func amountWords(words []string, sym string) (cur string, mult float64, err error) {
	cur, mult = sym, 1
	for _, w := range words {
		lw := strings.ToLower(w)
		if m, ok := multipliers[lw]; ok && mult == 1 {
			mult = m
			continue
		}
		if code, ok := dollarPrefixes[lw]; ok && sym == "USD" {
			cur = code
			continue
		}
		if len(w) == 3 && strings.ToUpper(w) == w {
			cur = w
			continue
		}
		if len(lw) == 3 && (lw == "usd" || lw == "eur" || lw == "gbp") {
			cur = strings.ToUpper(lw)
			continue
		}
		return "", 0, fmt.Errorf("%w: unexpected %q", errAmount, w)
	}
	return cur, mult, nil
}

// parseNumber resolves thousands and decimal marks, then parses.
func parseNumber(s string, eu bool) (float64, error) {
	if s == "" || strings.Trim(s, ".,") == "" {
		return 0, fmt.Errorf("%w: no digits", errAmount)
	}
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	dec := byte(0)
	switch {
	case commas > 0 && dots > 0:
		dec = s[strings.LastIndexAny(s, ",.")]
	case commas == 1:
		if eu || !threeAfter(s, ",") {
			dec = ','
		}
	case dots == 1:
		if !eu || !threeAfter(s, ".") {
			dec = '.'
		}
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == dec:
			b.WriteByte('.')
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		}
	}
	if dec != 0 && strings.Count(s, string(dec)) > 1 {
		return 0, fmt.Errorf("%w: several decimal marks", errAmount)
	}
	f, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", errAmount, err)
	}
	return f, nil
}

// threeAfter reports whether exactly three digits follow the only sep.
func threeAfter(s, sep string) bool {
	_, after, _ := strings.Cut(s, sep)
	return len(after) == 3
}

// currencyCode reads a currency column cell: an ISO code or a symbol.
func currencyCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) == 1 && symbols[r[0]] != "" {
		return symbols[r[0]], true
	}
	up := strings.ToUpper(s)
	if len(up) == 3 && strings.Trim(up, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return up, true
	}
	return "", false
}
