package csvimport

import (
	"strings"
	"unicode"
)

// Profile is a named set of header aliases for one export format. Aliases
// are normalised header keys (see headerKey) listed per field in priority
// order: when two columns alias the same single-value field, the one
// earlier in the list wins.
type Profile struct {
	Name    string
	Label   string
	Aliases map[string][]string
}

// Profiles are the built-in formats; Map tries them in this order and
// "generic" last, so a tie goes to the more specific profile.
var Profiles = []Profile{
	{Name: "yellowpages", Label: "Yellow-pages business listings", Aliases: map[string][]string{
		FieldCompany:    {"business name", "name", "company", "company name"},
		FieldPhone:      {"telephone", "phone", "business phone number", "phone number", "contact"},
		FieldSourceID:   {"business page", "yellowpages url", "yp url", "link"},
		FieldCategories: {"category", "categories", "keyword"},
		FieldWebsite:    {"website", "url", "business website", "business domain", "domain"},
		FieldStreet:     {"street address", "address", "business address"},
		FieldCity:       {"locality", "city"},
		FieldState:      {"region", "state"},
		FieldZip:        {"zipcode", "zip", "postal code", "business zipcode", "zip code"},
		FieldEmail:      {"email"},
		FieldIgnore:     {"rank", "listing url", "rating", "reviews", "review count"},
	}},
	{Name: "crunchbase", Label: "Crunchbase Pro export", Aliases: map[string][]string{
		FieldCompany:       {"organization name"},
		FieldSourceID:      {"organization name url", "permalink", "crunchbase url"},
		FieldWebsite:       {"website", "organization website"},
		FieldCategories:    {"industries", "organization industries"},
		FieldLocation:      {"headquarters location", "organization location"},
		FieldDescription:   {"description", "organization description", "full description"},
		FieldPhone:         {"phone number"},
		FieldEmail:         {"contact email"},
		FieldLinkedIn:      {"linkedin"},
		FieldEmployees:     {"number of employees"},
		FieldFundingAmount: {"last funding amount", "money raised", "total funding amount"},
		FieldFundingCurrency: {"last funding amount currency", "money raised currency",
			"total funding amount currency"},
		FieldFundingUSD: {"last funding amount in usd", "money raised in usd", "total funding amount in usd",
			"last funding amount currency in usd", "money raised currency in usd", "total funding amount currency in usd"},
		FieldFundingDate:  {"last funding date", "announced date"},
		FieldFundingRound: {"last funding type", "funding type"},
		FieldIgnore: {"cb rank company", "cb rank organization", "cb rank", "trend score 7 days",
			"trend score 30 days", "trend score 90 days", "founded date precision", "transaction name url"},
	}},
	{Name: "apollo", Label: "Apollo people or company export", Aliases: map[string][]string{
		FieldCompany:      {"company", "company name", "account name", "company name for emails"},
		FieldFirstName:    {"first name"},
		FieldLastName:     {"last name"},
		FieldContactTitle: {"title"},
		FieldWebsite:      {"website", "company website"},
		FieldEmail:        {"email"},
		FieldPhone: {"corporate phone", "company phone", "phone", "first phone", "work direct phone",
			"mobile phone", "home phone", "other phone"},
		FieldStreet:        {"company street", "company address", "street"},
		FieldCity:          {"company city", "city"},
		FieldState:         {"company state", "state"},
		FieldZip:           {"company postal code", "postal code", "zip"},
		FieldCountry:       {"company country", "country"},
		FieldEmployees:     {"employees"},
		FieldCategories:    {"industry"},
		FieldLinkedIn:      {"person linkedin url", "linkedin url", "company linkedin url"},
		FieldDescription:   {"seo description", "short description"},
		FieldFundingAmount: {"latest funding amount", "total funding"},
		FieldFundingRound:  {"latest funding"},
		FieldFundingDate:   {"last raised at"},
		FieldSourceID:      {"apollo account id", "apollo contact id"},
		FieldIgnore: {"email status", "seniority", "departments", "contact owner", "account owner",
			"stage", "account stage", "lists", "last contacted", "email sent", "email open",
			"email bounced", "replied", "demoed", "keywords"},
	}},
	{Name: "generic", Label: "Generic spreadsheet", Aliases: map[string][]string{
		FieldCompany: {"company", "company name", "organization", "organisation", "organization name",
			"business", "business name", "name", "account", "account name", "firm"},
		FieldWebsite: {"website", "url", "web", "domain", "homepage", "site", "web site",
			"company website", "website url"},
		FieldPhone: {"phone", "telephone", "tel", "phone number", "mobile", "business phone",
			"office phone", "work phone", "main phone"},
		FieldEmail:  {"email", "e mail", "email address", "mail", "contact email", "work email"},
		FieldStreet: {"street", "address", "street address", "address 1", "address line 1"},
		FieldCity:   {"city", "town", "locality"},
		FieldState:  {"state", "region", "province", "state province", "state region"},
		FieldZip: {"zip", "zip code", "zipcode", "postal code", "postcode", "post code",
			"zip postal code", "plz"},
		FieldCountry:      {"country", "country name"},
		FieldLocation:     {"location", "headquarters", "hq", "headquarters location"},
		FieldCategories:   {"category", "categories", "industry", "industries", "sector", "tags", "keywords"},
		FieldDescription:  {"description", "about", "summary"},
		FieldContactName:  {"contact", "contact name", "contact person", "full name"},
		FieldFirstName:    {"first name", "firstname", "given name"},
		FieldLastName:     {"last name", "lastname", "surname", "family name"},
		FieldContactTitle: {"title", "job title", "position", "role"},
		FieldLinkedIn:     {"linkedin", "linkedin url", "linkedin profile"},
		FieldEmployees: {"employees", "employee count", "number of employees", "headcount",
			"company size", "size"},
		FieldFundingAmount:   {"funding amount", "funding", "amount", "amount raised", "raised", "total funding"},
		FieldFundingCurrency: {"currency", "funding currency"},
		FieldFundingDate:     {"funding date", "announced date", "round date", "date"},
		FieldFundingRound:    {"funding round", "round", "round type", "funding type", "series", "stage"},
		FieldSourceID:        {"source id", "external id", "record id", "id", "uuid"},
		FieldNotes:           {"notes", "note", "comments", "comment", "remarks"},
		FieldIgnore:          {"rank", "rating", "score", "no", "row"},
	}},
}

// headerKey normalises a header for alias lookup: lower case, every run of
// non-alphanumerics becomes one space, so "business_name", "Business Name"
// and " BUSINESS-NAME " agree and "# Employees" becomes "employees".
func headerKey(h string) string {
	f := strings.FieldsFunc(strings.ToLower(h), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(f, " ")
}

// profileByName finds a built-in profile.
func profileByName(name string) (Profile, bool) {
	for _, p := range Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// lookup returns the field a header key aliases in p and its priority.
func (p Profile) lookup(key string) (field string, rank int, ok bool) {
	for f, aliases := range p.Aliases {
		for i, a := range aliases {
			if a == key {
				return f, i, true
			}
		}
	}
	return "", 0, false
}

// knownHeader reports whether any profile recognises h as a column name.
func knownHeader(h string) (string, bool) {
	key := headerKey(h)
	for _, p := range Profiles {
		if f, _, ok := p.lookup(key); ok {
			return f, true
		}
	}
	return "", false
}
