package csvimport

import (
	"strings"

	"github.com/leadgen/leadgen/crm/normalize"
)

// Key returns the identity keys a re-import uses to find the same company,
// strongest first:
//
//	"domain:<registrable domain>"        when the row has a company website
//	"import-id:<source id>"              when the exporting tool gave an id
//	"namecity:<normalize.Name>|<city>"   always (city lower-cased, may be empty)
//
// The source id is compared without scheme, "www." or trailing "/" and in
// lower case, so http/https variants of a Crunchbase URL agree. Rejected
// rows have no keys.
func Key(r Row) []string {
	if r.Rejected() {
		return nil
	}
	var keys []string
	if r.Domain != "" {
		keys = append(keys, "domain:"+r.Domain)
	}
	if id := sourceKey(r.Fields[FieldSourceID]); id != "" {
		keys = append(keys, "import-id:"+id)
	}
	if name := normalize.Name(r.Fields[FieldCompany]); name != "" {
		city := strings.Join(strings.Fields(strings.ToLower(r.Fields[FieldCity])), " ")
		keys = append(keys, "namecity:"+name+"|"+city)
	}
	return keys
}

// sourceKey reduces a source id or URL to a stable comparable form.
func sourceKey(id string) string {
	s := strings.ToLower(strings.TrimSpace(id))
	for _, p := range []string{"https://", "http://", "www."} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimRight(s, "/")
}
