package csvimport

import (
	"strings"
)

// callingCodes maps the country spellings exports use to calling codes;
// NANP countries share "1" and are checked with US rules.
var callingCodes = map[string]string{
	"": "1", "us": "1", "usa": "1", "u.s.": "1", "u.s.a.": "1", "united states": "1",
	"united states of america": "1", "america": "1", "canada": "1", "ca": "1",
	"united kingdom": "44", "uk": "44", "gb": "44", "great britain": "44", "england": "44",
	"scotland": "44", "wales": "44", "germany": "49", "de": "49", "deutschland": "49",
	"france": "33", "fr": "33", "spain": "34", "es": "34", "italy": "39", "it": "39",
	"netherlands": "31", "nl": "31", "belgium": "32", "be": "32", "switzerland": "41", "ch": "41",
	"austria": "43", "at": "43", "ireland": "353", "ie": "353", "sweden": "46", "se": "46",
	"norway": "47", "no": "47", "denmark": "45", "dk": "45", "finland": "358", "fi": "358",
	"poland": "48", "pl": "48", "portugal": "351", "pt": "351", "australia": "61", "au": "61",
	"new zealand": "64", "nz": "64", "india": "91", "in": "91", "china": "86", "cn": "86",
	"japan": "81", "jp": "81", "singapore": "65", "sg": "65", "israel": "972", "il": "972",
	"brazil": "55", "br": "55", "mexico": "52", "mx": "52",
}

// phoneE164 normalises a phone cell to E.164 ("+16177204455"). Numbers
// without "+" or "00" are read in the row's country, US when it is empty.
func phoneE164(raw, country string) (string, bool) {
	// "+33 (0)1 …" marks a trunk zero that is dropped when dialling from abroad.
	s := stripExtension(strings.ReplaceAll(strings.ToLower(cleanText(raw)), "(0)", ""))
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 {
		return "", false // vanity numbers and prose are not worth guessing
	}
	switch {
	case strings.HasPrefix(s, "+"):
		return international(digits)
	case strings.HasPrefix(digits, "00"):
		return international(digits[2:])
	}
	cc, ok := callingCodes[strings.ToLower(strings.TrimSpace(country))]
	switch {
	case !ok:
		return "", false
	case cc == "1":
		return nanp(digits)
	case strings.HasPrefix(digits, "0"):
		return international(cc + digits[1:])
	case strings.HasPrefix(digits, cc) && len(digits)-len(cc) >= 8:
		return international(digits)
	}
	return international(cc + digits)
}

// stripExtension drops "x123", "ext. 5" and "#5" tails.
func stripExtension(s string) string {
	for _, mark := range []string{"ext", "x", "#"} {
		if i := strings.Index(s, mark); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// international accepts 8–15 digit numbers with a country code (ITU E.164).
func international(digits string) (string, bool) {
	if len(digits) < 8 || len(digits) > 15 || digits[0] == '0' {
		return "", false
	}
	return "+" + digits, true
}

// nanp checks North American numbers: area code and exchange start 2–9.
func nanp(digits string) (string, bool) {
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 || digits[0] < '2' || digits[3] < '2' {
		return "", false
	}
	return "+1" + digits, true
}
