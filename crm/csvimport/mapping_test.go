package csvimport

import (
	"errors"
	"slices"
	"testing"
)

func TestMapAutoDetectsProfiles(t *testing.T) {
	t.Parallel()
	for file, want := range map[string]string{
		"yellowpages_boston.csv":   "yellowpages",
		"crunchbase_companies.csv": "crunchbase",
		"crunchbase_rounds.csv":    "crunchbase",
		"apollo_people.csv":        "apollo",
		"apollo_companies_eu.csv":  "apollo",
		"generic.tsv":              "generic",
		"pipe.csv":                 "generic",
		"ragged.csv":               "generic",
	} {
		if m, _ := Map(detectFixture(t, file).Header, ""); m.Profile != want {
			t.Errorf("%s: profile %q, want %q", file, m.Profile, want)
		}
	}
	// Other yellow-pages shapes seen in the wild (SOURCES.md §7).
	for _, h := range [][]string{
		{"Business Name", "Keyword", "Yellowpages Url", "Business Website", "Business Domain", "Business Phone Number", "Business Address", "Business ZipCode"},
		{"Name", "Contact", "Address", "Link"},
	} {
		if m, _ := Map(h, ""); m.Profile != "yellowpages" || m.Column(FieldPhone) < 0 || m.Column(FieldCompany) != 0 {
			t.Errorf("%q: profile %q phone col %d", h, m.Profile, m.Column(FieldPhone))
		}
	}
}

func TestMapYellowpages(t *testing.T) {
	t.Parallel()
	m, unrec := Map(detectFixture(t, "yellowpages_boston.csv").Header, "")
	want := []string{FieldIgnore, FieldCompany, FieldPhone, FieldSourceID, FieldCategories, FieldWebsite,
		FieldStreet, FieldCity, FieldState, FieldZip, FieldIgnore}
	for i, f := range want {
		if m.Field(i) != f {
			t.Errorf("column %d → %q, want %q", i, m.Field(i), f)
		}
	}
	if len(unrec) != 0 {
		t.Errorf("unrecognised = %q", unrec)
	}
}

func TestMapCrunchbasePairsMoneyColumns(t *testing.T) {
	t.Parallel()
	h := detectFixture(t, "crunchbase_companies.csv").Header
	m, unrec := Map(h, "")
	for field, header := range map[string]string{
		FieldFundingAmount:   "Last Funding Amount",
		FieldFundingCurrency: "Last Funding Amount Currency",
		FieldFundingUSD:      "Last Funding Amount (in USD)",
		FieldLocation:        "Headquarters Location",
		FieldSourceID:        "Organization Name URL",
		FieldIgnore:          "CB Rank (Company)",
	} {
		if c := m.Column(field); c < 0 || h[c] != header {
			t.Errorf("%s ← column %d, want %q", field, c, header)
		}
	}
	wantUnrec := []string{"Founded Date", "Operating Status", "Total Funding Amount", "Total Funding Amount Currency",
		"Total Funding Amount (in USD)", "SEMrush - Monthly Visits"}
	if !slices.Equal(unrec, wantUnrec) {
		t.Errorf("unrecognised = %q", unrec)
	}
	// Only a total-funding family: currency and USD follow it.
	m, _ = Map([]string{"Organization Name", "Total Funding Amount", "Total Funding Amount Currency", "Total Funding Amount Currency (in USD)"}, "")
	if m.Column(FieldFundingAmount) != 1 || m.Column(FieldFundingCurrency) != 2 || m.Column(FieldFundingUSD) != 3 {
		t.Errorf("total family mapping = %v", []string{m.Field(1), m.Field(2), m.Field(3)})
	}
	// A USD column of another family must not pair with the amount.
	m, _ = Map([]string{"Organization Name", "Money Raised", "Total Funding Amount (in USD)", "Currency"}, "crunchbase")
	if m.Column(FieldFundingUSD) != -1 || m.Column(FieldFundingCurrency) != 3 {
		t.Errorf("cross-family: usd col %d currency col %d", m.Column(FieldFundingUSD), m.Column(FieldFundingCurrency))
	}
}

func TestMapExplicitProfileAndUnknown(t *testing.T) {
	t.Parallel()
	h := []string{"Name", "Contact", "Address"}
	if m, _ := Map(h, "generic"); m.Profile != "generic" || m.Field(1) != FieldContactName {
		t.Errorf("generic: %q contact → %q", m.Profile, m.Field(1))
	}
	if m, _ := Map(h, "yellowpages"); m.Field(1) != FieldPhone {
		t.Errorf("yellowpages: contact → %q", m.Field(1))
	}
	if m, _ := Map(h, "no-such-profile"); m.Profile != "generic" {
		t.Errorf("unknown profile falls back to detection, got %q", m.Profile)
	}
}

func TestMapApolloPrefersCompanyColumns(t *testing.T) {
	t.Parallel()
	h := detectFixture(t, "apollo_people.csv").Header
	m, unrec := Map(h, "")
	for field, header := range map[string]string{
		FieldCity: "Company City", FieldPhone: "Corporate Phone", FieldLinkedIn: "Person Linkedin Url",
		FieldEmployees: "# Employees", FieldSourceID: "Apollo Account Id", FieldFirstName: "First Name",
	} {
		if c := m.Column(field); c < 0 || h[c] != header {
			t.Errorf("%s ← column %d, want %q", field, c, header)
		}
	}
	want := []string{"Company Name for Emails", "Mobile Phone", "Company Linkedin Url", "City", "State", "Country", "Apollo Contact Id"}
	if !slices.Equal(unrec, want) {
		t.Errorf("unrecognised = %q", unrec)
	}
}

func TestMappingWith(t *testing.T) {
	t.Parallel()
	h := detectFixture(t, "generic.tsv").Header
	m, unrec := Map(h, "")
	if !slices.Equal(unrec, []string{"Favourite Color"}) {
		t.Fatalf("unrecognised = %q", unrec)
	}
	m2, err := m.With(13, FieldNotes) // a second notes column: notes is multi-value
	if err != nil || !slices.Equal(m2.Columns(FieldNotes), []int{12, 13}) {
		t.Fatalf("With notes: %v %v", m2.Columns(FieldNotes), err)
	}
	if m.Field(13) != "" {
		t.Error("With modified the original mapping")
	}
	m3, err := m2.With(3, FieldWebsite) // single-value: moves from column 1
	if err != nil || m3.Column(FieldWebsite) != 3 || m3.Field(1) != "" {
		t.Errorf("With website: col %d, old col → %q, %v", m3.Column(FieldWebsite), m3.Field(1), err)
	}
	m4, _ := m3.With(0, "")
	if !errors.Is(m4.Err(), ErrNoCompanyColumn) || m3.Err() != nil {
		t.Errorf("Err: %v / %v", m4.Err(), m3.Err())
	}
	if !slices.Contains(m4.Unassigned(), 0) {
		t.Errorf("Unassigned = %v", m4.Unassigned())
	}
	if _, err := m.With(99, FieldNotes); !errors.Is(err, ErrBadColumn) {
		t.Errorf("bad column: %v", err)
	}
	if _, err := m.With(-1, FieldNotes); !errors.Is(err, ErrBadColumn) {
		t.Errorf("negative column: %v", err)
	}
	if _, err := m.With(1, "favourite_color"); !errors.Is(err, ErrUnknownField) {
		t.Errorf("unknown field: %v", err)
	}
	rows := Clean(detectFixture(t, "generic.tsv"), m2)
	if got := rows[0].Fields[FieldNotes]; got != "met at trade show\nblue" {
		t.Errorf("notes = %q", got)
	}
}

func TestMapEmptyAndDuplicateHeaders(t *testing.T) {
	t.Parallel()
	m, unrec := Map([]string{"Company", "", "Phone", "phone"}, "")
	if m.Column(FieldPhone) != 2 || m.Field(3) != "" || !slices.Equal(unrec, []string{"(column 2)", "phone"}) {
		t.Errorf("fields %v unrec %q", []string{m.Field(0), m.Field(1), m.Field(2), m.Field(3)}, unrec)
	}
	if !slices.Equal(m.Header(), []string{"Company", "", "Phone", "phone"}) {
		t.Errorf("Header() = %q", m.Header())
	}
}

func TestFieldsAndAliasTables(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, f := range Fields() {
		if f.Label == "" || seen[f.Name] {
			t.Errorf("field %+v: empty label or duplicate", f)
		}
		seen[f.Name] = true
	}
	for _, p := range Profiles {
		keys := map[string]string{}
		for field, aliases := range p.Aliases {
			if !seen[field] {
				t.Errorf("%s: alias field %q is not in Fields()", p.Name, field)
			}
			for _, a := range aliases {
				if headerKey(a) != a {
					t.Errorf("%s: alias %q is not a normalised key (%q)", p.Name, a, headerKey(a))
				}
				if other, dup := keys[a]; dup {
					t.Errorf("%s: alias %q used for %s and %s", p.Name, a, other, field)
				}
				keys[a] = field
			}
		}
	}
}

func TestHeaderKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"business_name": "business name", " Business Name ": "business name", "# Employees": "employees",
		"Money Raised (in USD)": "money raised in usd", "E-mail": "e mail", "CB Rank (Company)": "cb rank company",
	} {
		if got := headerKey(in); got != want {
			t.Errorf("headerKey(%q) = %q, want %q", in, got, want)
		}
	}
}
