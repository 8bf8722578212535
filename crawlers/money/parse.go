package money

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Amount is a sum of money in one currency.
type Amount struct {
	Value    float64 // whole units of Currency, multiplier applied; the low end of a range
	Max      float64 // the high end of a range such as "$30-50 million"; Value otherwise
	Currency string  // ISO 4217 code
}

// USD converts the amount (its low end) to whole US dollars; see ToUSD.
func (a Amount) USD() (int64, error) { return ToUSD(a.Value, a.Currency) }

// Match is a money phrase found in a text.
type Match struct {
	Amount
	Text       string // the phrase as written
	Start, End int    // byte offsets of Text in the searched string
}

// prefixes are signs and codes written before the number. Codes are
// case-sensitive so that words such as "try" or "sar" are not money.
var prefixes = map[string]string{
	"$": "USD", "US$": "USD", "US $": "USD", "USD": "USD",
	"CA$": "CAD", "C$": "CAD", "CAD": "CAD",
	"A$": "AUD", "AU$": "AUD", "AUD": "AUD",
	"NZ$": "NZD", "NZD": "NZD", "HK$": "HKD", "HKD": "HKD",
	"S$": "SGD", "SG$": "SGD", "SGD": "SGD", "NT$": "TWD", "TWD": "TWD",
	"MX$": "MXN", "MXN": "MXN", "R$": "BRL", "BRL": "BRL",
	"€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
	"₹": "INR", "Rs": "INR", "Rs.": "INR", "RS": "INR", "INR": "INR",
	"¥": "JPY", "JP¥": "JPY", "JPY": "JPY", "CN¥": "CNY", "RMB": "CNY", "CNY": "CNY",
	"CHF": "CHF", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "PLN": "PLN", "CZK": "CZK", "HUF": "HUF",
	"₪": "ILS", "NIS": "ILS", "ILS": "ILS", "₩": "KRW", "KRW": "KRW",
	"₦": "NGN", "NGN": "NGN", "KSh": "KES", "KES": "KES", "Rp": "IDR", "IDR": "IDR",
	"RM": "MYR", "MYR": "MYR", "₺": "TRY", "TRY": "TRY", "₱": "PHP", "PHP": "PHP", "฿": "THB", "THB": "THB",
	"AED": "AED", "SAR": "SAR", "EGP": "EGP", "ZAR": "ZAR", "PKR": "PKR", "VND": "VND",
}

// suffixes are currency names written after the number ("20 million
// euros"); matched case-insensitively. ISO codes work too ("5M USD").
var suffixes = map[string]string{
	"dollars": "USD", "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD",
	"canadian dollars": "CAD", "australian dollars": "AUD", "singapore dollars": "SGD",
	"hong kong dollars": "HKD", "new zealand dollars": "NZD",
	"euros": "EUR", "euro": "EUR", "pounds": "GBP", "pound": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
	"egyptian pounds": "EGP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "won": "KRW",
	"rupees": "INR", "rupee": "INR", "indian rupees": "INR", "pakistani rupees": "PKR",
	"reais": "BRL", "swiss francs": "CHF", "francs": "CHF", "shekels": "ILS", "shekel": "ILS",
	"kronor": "SEK", "krona": "SEK", "swedish kronor": "SEK", "kroner": "NOK", "norwegian kroner": "NOK",
	"danish kroner": "DKK", "naira": "NGN", "shillings": "KES", "kenyan shillings": "KES",
	"rupiah": "IDR", "rand": "ZAR", "dirhams": "AED", "dirham": "AED", "riyals": "SAR", "riyal": "SAR",
	"zloty": "PLN", "zlotys": "PLN", "lira": "TRY", "mexican pesos": "MXN", "philippine pesos": "PHP",
	"ringgit": "MYR", "baht": "THB", "dong": "VND", "forint": "HUF", "koruna": "CZK",
}

// multipliers are the scale words after a number, lower-cased.
var multipliers = map[string]float64{
	"k": 1e3, "thousand": 1e3,
	"m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "million": 1e6, "millions": 1e6,
	"b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
	"tn": 1e12, "trillion": 1e12,
	"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
	"cr": 1e7, "crore": 1e7, "crores": 1e7,
}

// maxValue bounds an amount in its own currency (a quadrillion rupiah is
// about $60B); larger figures are not money phrases we can trust.
const maxValue = 1e16

// phraseRe finds money phrases; phraseStart matches one at the start of
// a string and phraseExact one whole string.
var (
	phraseRe    = regexp.MustCompile(phrasePattern())
	phraseStart = regexp.MustCompile(`^(?:` + phrasePattern() + `)`)
	phraseExact = regexp.MustCompile(`^(?:` + phrasePattern() + `)$`)
)

// phrasePattern is "sign number [range] [scale]" or "number [range]
// [scale] currency-name".
func phrasePattern() string {
	const (
		sp   = `[\s\x{00a0}\x{2009}\x{202f}]`
		num  = `(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`
		dash = `(?:` + sp + `?[-–—]` + sp + `?|` + sp + `+to` + sp + `+)`
	)
	pre := alternation(keys(prefixes), true)
	scale := `(?i:` + alternation(keys(multipliers), false) + `)\b`
	suf := `(?:(?i:` + alternation(keys(suffixes), false) + `)|` + alternation(Currencies(), false) + `)\b`
	a := `(?P<pre>` + pre + `)` + sp + `?(?P<num>` + num + `)` +
		`(?:` + dash + `(?:` + pre + `)?` + sp + `?(?P<num2>` + num + `))?` +
		`(?:(?:` + sp + `|-)?(?P<unit>` + scale + `))?`
	b := `\b(?P<bnum>` + num + `)` + `(?:` + dash + `(?P<bnum2>` + num + `))?` +
		`(?:(?:` + sp + `|-)?(?P<bunit>` + scale + `))?` + sp + `?(?P<suf>` + suf + `)`
	return a + `|` + b
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// alternation joins words longest first, so "US$" wins over "$";
// wordStart puts \b before those starting with a letter, so "Rs" does not
// match inside "hers".
func alternation(words []string, wordStart bool) string {
	sort.Slice(words, func(i, j int) bool {
		if len(words[i]) != len(words[j]) {
			return len(words[i]) > len(words[j])
		}
		return words[i] < words[j]
	})
	parts := make([]string, len(words))
	for i, w := range words {
		q := strings.ReplaceAll(regexp.QuoteMeta(w), " ", `[\s\x{00a0}]`)
		if wordStart && isASCIILetter(w[0]) {
			q = `\b` + q
		}
		parts[i] = q
	}
	return `(?:` + strings.Join(parts, "|") + `)`
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// ErrNotMoney reports a string that is not a money phrase.
var ErrNotMoney = errors.New("not a money phrase")

// Parse reads s as exactly one money phrase, e.g. "$12.5-million",
// "US$ 300K", "Rs 530 crore" or "20 million euros".
func Parse(s string) (Amount, error) {
	t := strings.TrimSpace(s)
	m := phraseExact.FindStringSubmatchIndex(t)
	if m == nil {
		return Amount{}, fmt.Errorf("money: parse %q: %w", s, ErrNotMoney)
	}
	a, err := amountOf(phraseExact, t, m)
	if err != nil {
		return Amount{}, fmt.Errorf("money: parse %q: %w", s, err)
	}
	return a, nil
}

// Find returns every money phrase in s, in order; figures too large to be
// plausible are left out.
func Find(s string) []Match {
	if !strings.ContainsAny(s, "0123456789") {
		return nil // every phrase has a digit; skip the costly scan
	}
	var out []Match
	for _, m := range phraseRe.FindAllStringSubmatchIndex(s, -1) {
		a, err := amountOf(phraseRe, s, m)
		if err != nil {
			continue
		}
		out = append(out, Match{Amount: a, Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	return out
}

// AtStart returns the money phrase s starts with, if any; it is Find's
// first match when that match starts at 0, found faster.
func AtStart(s string) (Match, bool) {
	m := phraseStart.FindStringSubmatchIndex(s)
	if m == nil {
		return Match{}, false
	}
	a, err := amountOf(phraseStart, s, m)
	if err != nil {
		return Match{}, false
	}
	return Match{Amount: a, Text: s[:m[1]], Start: 0, End: m[1]}, true
}

// amountOf turns one regexp match into an Amount.
func amountOf(re *regexp.Regexp, s string, m []int) (Amount, error) {
	group := func(name string) string {
		i := re.SubexpIndex(name)
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	code, num, num2, unit := "", group("num"), group("num2"), group("unit")
	if pre := group("pre"); pre != "" {
		code = prefixes[strings.Join(strings.Fields(pre), " ")]
	} else {
		num, num2, unit = group("bnum"), group("bnum2"), group("bunit")
		code = suffixCode(group("suf"))
	}
	if code == "" {
		return Amount{}, fmt.Errorf("unknown currency in %q", s[m[0]:m[1]])
	}
	lo, err := scaled(num, unit)
	if err != nil {
		return Amount{}, err
	}
	hi := lo
	if num2 != "" {
		if hi, err = scaled(num2, unit); err != nil {
			return Amount{}, err
		}
	}
	// An amount must also convert: maxValue alone lets a dollar figure
	// through that ToUSD refuses (found by fuzzing: "$1000010B").
	if _, err := ToUSD(max(lo, hi), code); err != nil {
		return Amount{}, fmt.Errorf("implausible amount %q: %w", s[m[0]:m[1]], err)
	}
	return Amount{Value: min(lo, hi), Max: max(lo, hi), Currency: code}, nil
}

// suffixCode maps a currency name or code written after the number.
func suffixCode(suf string) string {
	if Known(suf) && suf == strings.ToUpper(suf) {
		return suf
	}
	return suffixes[strings.ToLower(strings.Join(strings.Fields(suf), " "))]
}

// scaled parses "1,200.5" and applies a scale word such as "million".
func scaled(num, unit string) (float64, error) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return 0, fmt.Errorf("bad number %q: %w", num, err)
	}
	if unit != "" {
		v *= multipliers[strings.ToLower(unit)]
	}
	if math.IsInf(v, 0) || math.IsNaN(v) || v > maxValue {
		return 0, fmt.Errorf("implausible amount %s %s", num, unit)
	}
	return v, nil
}
