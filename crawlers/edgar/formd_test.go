package edgar

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func parseFixture(t *testing.T, name string) FormD {
	t.Helper()
	f, err := ParseFormD(openFixture(t, "formd", name))
	if err != nil {
		t.Fatalf("ParseFormD(%s): %v", name, err)
	}
	return f
}

func TestParseFormDTechStartup(t *testing.T) {
	f := parseFixture(t, "d_tech_quillmesh.xml")
	want := FormD{
		SchemaVersion: "X0708", SubmissionType: "D", CIK: "2051234", EntityName: "Quillmesh Labs, Inc.",
		Address: Address{Street1: "1100 East Cesar Chavez Street", Street2: "Suite 300", City: "Austin",
			StateOrCountry: "TX", StateOrCountryDesc: "TEXAS", Zip: "78702"},
		Phone: "512-555-0147", Jurisdiction: "DELAWARE", EntityType: "Corporation",
		YearOfInc:         YearOfInc{WithinFiveYears: true, Year: 2022},
		IndustryGroupType: "Other Technology", RevenueRange: "Decline to Disclose",
		DateOfFirstSale:     date("2025-02-20"),
		TotalOfferingAmount: Amount{USD: 4000000}, TotalAmountSold: 2750000, TotalRemaining: Amount{USD: 1250000},
		MinimumInvestmentAccepted: 25000, TotalInvestors: 12,
		RelatedPersons: []RelatedPerson{
			{FirstName: "Priya", MiddleName: "R.", LastName: "Natarajan", City: "Austin", State: "TX",
				Relationships: []string{"Executive Officer", "Director"}, Clarification: "Chief Executive Officer"},
			{FirstName: "Tomas", LastName: "Ekwueme", City: "Austin", State: "TX",
				Relationships: []string{"Executive Officer"}, Clarification: "Chief Technology Officer"},
			{FirstName: "Helen", MiddleName: "Marie", LastName: "Okafor", City: "Austin", State: "TX",
				Relationships: []string{"Director"}},
		},
		SignatureDate: date("2025-03-06"),
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("got  %+v\nwant %+v", f, want)
	}
	if f.IsPooledFund() {
		t.Error("startup reported as pooled fund")
	}
}

func TestParseFormDFixtures(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, f FormD)
	}{
		{"da_ferncastle.xml", func(t *testing.T, f FormD) { // D/A, blank line before <?xml, no middle names
			if !f.IsAmendment || f.SubmissionType != "D/A" || f.PreviousAccessionNumber != "0001987650-23-000001" {
				t.Errorf("amendment fields: %v %q %q", f.IsAmendment, f.SubmissionType, f.PreviousAccessionNumber)
			}
			if got := f.RelatedPersons[1]; got.Name() != "Ingrid Solberg" || got.Clarification != "" {
				t.Errorf("person without middle name or clarification = %+v", got)
			}
			if f.CIK != "1987650" || f.TotalAmountSold != 9400000 || f.Address.Street2 != "Floor 2" {
				t.Errorf("cik/sold/street2 = %s %d %q", f.CIK, f.TotalAmountSold, f.Address.Street2)
			}
		}},
		{"d_indefinite_lumenvale.xml", func(t *testing.T, f FormD) {
			if !f.TotalOfferingAmount.Indefinite || !f.TotalRemaining.Indefinite || f.TotalAmountSold != 0 {
				t.Errorf("amounts = %+v %d %+v", f.TotalOfferingAmount, f.TotalAmountSold, f.TotalRemaining)
			}
			if !f.FirstSaleYetToOccur || !f.DateOfFirstSale.IsZero() {
				t.Errorf("first sale = %v yet=%v", f.DateOfFirstSale, f.FirstSaleYetToOccur)
			}
			if f.SchemaVersion != "X0707" || f.YearOfInc.Year != 2024 || f.RevenueRange != "No Revenues" {
				t.Errorf("schema/year/revenue = %s %d %s", f.SchemaVersion, f.YearOfInc.Year, f.RevenueRange)
			}
		}},
		{"d_fund_northgate.xml", func(t *testing.T, f FormD) {
			if !f.IsPooledFund() || f.InvestmentFundType != "Venture Capital Fund" || f.RevenueRange != "Decline to Disclose" {
				t.Errorf("fund fields: pooled=%v type=%q range=%q", f.IsPooledFund(), f.InvestmentFundType, f.RevenueRange)
			}
			if f.Address.Street2 != "" || f.EntityType != "Limited Partnership" {
				t.Errorf("street2/entity = %q %q", f.Address.Street2, f.EntityType)
			}
		}},
		{"d_latin1_boulangerie.xml", func(t *testing.T, f FormD) { // ISO-8859-1 prolog, CRLF, non-tech
			if f.EntityName != "Boulangerie Aurélie LLC" || f.RelatedPersons[0].Name() != "Aurélie Ménard" {
				t.Errorf("latin-1 text = %q / %q", f.EntityName, f.RelatedPersons[0].Name())
			}
			if f.IndustryGroupType != "Restaurants" || !f.YearOfInc.OverFiveYears || f.YearOfInc.Year != 0 {
				t.Errorf("industry/year = %q %+v", f.IndustryGroupType, f.YearOfInc)
			}
			if f.RelatedPersons[1].Relationships[0] != "Promoter" {
				t.Errorf("promoter = %+v", f.RelatedPersons[1])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) { tt.check(t, parseFixture(t, tt.file)) })
	}
}

func TestParseFormDErrors(t *testing.T) {
	tests := []struct{ file, want string }{
		{"bad_truncated.xml", "not xml"},
		{"bad_not_xml.xml", "not xml"},
		{"bad_root_html.xml", "root element is <html>"},
		{"bad_amount.xml", `totalAmountSold: "1.2 million" is not a number`},
		{"bad_missing_name.xml", "missing primaryIssuer/entityName"},
		{"bad_missing_cik.xml", "missing primaryIssuer/cik"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := ParseFormD(openFixture(t, "formd", tt.file))
			if err == nil || !strings.HasPrefix(err.Error(), "edgar: parse form d: ") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseFormDInline(t *testing.T) {
	const minimal = `<edgarSubmission><primaryIssuer><cik>%s</cik><entityName>Tiny Co</entityName></primaryIssuer>` +
		`<offeringData><offeringSalesAmounts><totalOfferingAmount>%s</totalOfferingAmount>` +
		`<totalAmountSold>%s</totalAmountSold></offeringSalesAmounts></offeringData></edgarSubmission>`
	tests := []struct {
		name, cik, offering, sold string
		wantErr                   string
		wantOffering              Amount
		wantSold                  int64
	}{
		{"plain", "0000000042", "1000", "500", "", Amount{USD: 1000}, 500},
		{"cents and commas", "42", "1,500,000.00", " 250000 ", "", Amount{USD: 1500000}, 250000},
		{"empty amounts", "42", "", "", "", Amount{}, 0},
		{"indefinite lower case", "42", "indefinite", "7", "", Amount{Indefinite: true}, 7},
		{"indefinite sold", "42", "10", "Indefinite", "totalAmountSold", Amount{}, 0},
		{"negative", "42", "-5", "0", "totalOfferingAmount", Amount{}, 0},
		{"overflow", "42", "99999999999999999999", "0", "totalOfferingAmount", Amount{}, 0},
		{"letters in cik", "CIK42", "1", "1", "cik", Amount{}, 0},
		{"zero cik", "0000", "1", "1", "cik is zero", Amount{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := fmt.Sprintf(minimal, tt.cik, tt.offering, tt.sold)
			f, err := ParseFormD(strings.NewReader(doc))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.CIK != "42" || f.TotalOfferingAmount != tt.wantOffering || f.TotalAmountSold != tt.wantSold {
				t.Errorf("cik=%s offering=%+v sold=%d", f.CIK, f.TotalOfferingAmount, f.TotalAmountSold)
			}
		})
	}
}

func TestParseFormDCharsets(t *testing.T) {
	for _, tt := range []struct {
		label string
		body  string
		want  string
	}{
		{"ISO-8859-1", "Caf\xe9 Nord", "Café Nord"},
		{"windows-1252", "\x93Quoted\x94 \x80 Co\x81", "“Quoted” € Co\u0081"},
		{"US-ASCII", "Plain Co", "Plain Co"},
	} {
		doc := `<?xml version="1.0" encoding="` + tt.label + `"?>` + "\n" +
			`<edgarSubmission><primaryIssuer><cik>1</cik><entityName>` + tt.body + `</entityName></primaryIssuer></edgarSubmission>`
		f, err := ParseFormD(strings.NewReader(doc))
		if err != nil || f.EntityName != tt.want {
			t.Errorf("%s: name=%q err=%v, want %q", tt.label, f.EntityName, err, tt.want)
		}
	}
	doc := "\xef\xbb\xbf\n<?xml version=\"1.0\" encoding=\"KOI8-R\"?><edgarSubmission/>"
	if _, err := ParseFormD(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), "unsupported charset") {
		t.Errorf("KOI8-R: err = %v", err)
	}
}
