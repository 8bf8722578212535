package money

import (
	"strconv"
	"strings"
)

// signs are the short signs Format writes; other currencies get their code.
var signs = map[string]string{
	"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥", "CNY": "CN¥",
	"CAD": "CA$", "AUD": "A$", "SGD": "S$", "HKD": "HK$", "NZD": "NZ$",
	"BRL": "R$", "KRW": "₩", "ILS": "₪", "NGN": "₦",
}

// Format writes an amount briefly, as headlines do: "$950", "$250K",
// "€1.5M", "₹5.3B", "CHF 12M". An unknown currency code is written as is.
func Format(amount int64, currency string) string {
	code := strings.ToUpper(strings.TrimSpace(currency))
	sign, ok := signs[code]
	if !ok && code != "" {
		sign = code + " "
	}
	return sign + brief(amount)
}

// brief writes n with a K, M, B or T suffix and at most two decimals.
func brief(n int64) string {
	units := []struct {
		size   float64
		suffix string
		prec   int
	}{{1e3, "K", 0}, {1e6, "M", 2}, {1e9, "B", 2}, {1e12, "T", 2}}
	out := strconv.FormatInt(n, 10)
	for _, u := range units {
		if float64(n) < u.size*0.9995 { // below what rounds up to "1K", "1M"…
			break
		}
		v := strconv.FormatFloat(float64(n)/u.size, 'f', u.prec, 64)
		if strings.Contains(v, ".") {
			v = strings.TrimRight(strings.TrimRight(v, "0"), ".")
		}
		out = v + u.suffix
	}
	return out
}
