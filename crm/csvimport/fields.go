package csvimport

// Field names the importer knows; they are the keys of Row.Fields and the
// values a Mapping assigns to columns.
const (
	FieldCompany         = "company_name"
	FieldWebsite         = "website"
	FieldPhone           = "phone"
	FieldEmail           = "email"
	FieldStreet          = "street"
	FieldCity            = "city"
	FieldState           = "state"
	FieldZip             = "zip"
	FieldCountry         = "country"
	FieldLocation        = "location" // "City, State, Country" in one cell; split by Clean
	FieldCategories      = "categories"
	FieldDescription     = "description"
	FieldContactName     = "contact_name"
	FieldFirstName       = "contact_first_name"
	FieldLastName        = "contact_last_name"
	FieldContactTitle    = "contact_title"
	FieldLinkedIn        = "linkedin_url"
	FieldEmployees       = "employees"
	FieldFundingAmount   = "funding_amount"
	FieldFundingCurrency = "funding_currency"
	FieldFundingUSD      = "funding_amount_usd"
	FieldFundingDate     = "funding_date"
	FieldFundingRound    = "funding_round"
	FieldSourceID        = "source_id"
	FieldNotes           = "notes"
	FieldIgnore          = "ignore" // recognised but deliberately not imported (ranks, ratings)
)

// FieldInfo describes one assignable field for the mapping screen.
type FieldInfo struct {
	Name     string // value for Mapping.With
	Label    string // human label
	Multi    bool   // several columns may feed it (values are joined)
	Required bool   // a row without it is rejected
}

// fieldList is the mapping screen's order: identity first, then contact,
// address, money, and the catch-alls.
var fieldList = []FieldInfo{
	{Name: FieldCompany, Label: "Company name", Required: true},
	{Name: FieldWebsite, Label: "Website / domain"},
	{Name: FieldPhone, Label: "Phone"},
	{Name: FieldEmail, Label: "Email"},
	{Name: FieldContactName, Label: "Contact name"},
	{Name: FieldFirstName, Label: "Contact first name"},
	{Name: FieldLastName, Label: "Contact last name"},
	{Name: FieldContactTitle, Label: "Contact title"},
	{Name: FieldLinkedIn, Label: "LinkedIn URL"},
	{Name: FieldStreet, Label: "Street address"},
	{Name: FieldCity, Label: "City"},
	{Name: FieldState, Label: "State / region"},
	{Name: FieldZip, Label: "ZIP / postal code"},
	{Name: FieldCountry, Label: "Country"},
	{Name: FieldLocation, Label: "Location (City, State, Country)"},
	{Name: FieldCategories, Label: "Categories / industries", Multi: true},
	{Name: FieldDescription, Label: "Description"},
	{Name: FieldEmployees, Label: "Employees"},
	{Name: FieldFundingAmount, Label: "Funding amount"},
	{Name: FieldFundingCurrency, Label: "Funding currency"},
	{Name: FieldFundingUSD, Label: "Funding amount (USD)"},
	{Name: FieldFundingDate, Label: "Funding date"},
	{Name: FieldFundingRound, Label: "Funding round"},
	{Name: FieldSourceID, Label: "Source ID (e.g. Crunchbase URL)"},
	{Name: FieldNotes, Label: "Notes", Multi: true},
	{Name: FieldIgnore, Label: "Don't import", Multi: true},
}

// Fields lists the assignable fields with human labels, in display order.
func Fields() []FieldInfo {
	return append([]FieldInfo(nil), fieldList...)
}

// fieldInfo looks a field up by name.
func fieldInfo(name string) (FieldInfo, bool) {
	for _, f := range fieldList {
		if f.Name == name {
			return f, true
		}
	}
	return FieldInfo{}, false
}
