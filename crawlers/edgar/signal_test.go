package edgar

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/leadgen/leadgen/crawlers"
)

const testBase = "https://www.sec.gov"

func TestSignalForNewFiling(t *testing.T) {
	f := parseFixture(t, "d_tech_quillmesh.xml")
	e := IndexEntry{FormType: "D", CompanyName: "Quillmesh Labs, Inc.", CIK: "2051234",
		DateFiled: date("2025-03-07"), Accession: "0002051234-25-000001"}
	s := SignalFor(f, e, testBase)
	want := crawlers.Signal{
		Source:       "edgar",
		SourceItemID: "0002051234-25-000001",
		Kind:         crawlers.KindFormD,
		Title:        "Form D: $2.75M sold of $4M offering",
		URL:          "https://www.sec.gov/Archives/edgar/data/2051234/000205123425000001/0002051234-25-000001-index.htm",
		OccurredAt:   date("2025-02-20"),
		RevisedAt:    date("2025-03-07"),
		AmountUSD:    2750000,
		Aliases:      []string{"0002051234-25-000001"},
		Company: crawlers.Company{
			Keys: []string{"cik:2051234"}, Name: "Quillmesh Labs, Inc.", Phone: "512-555-0147",
			Street: "1100 East Cesar Chavez Street, Suite 300", City: "Austin", State: "TX", Zip: "78702",
			Country: "US", Industry: "Other Technology", EntityType: "Corporation", YearOfInc: 2022,
		},
		Contacts: []crawlers.Contact{
			{Name: "Priya R. Natarajan", Title: "Chief Executive Officer", Relationship: "Executive Officer, Director", City: "Austin"},
			{Name: "Tomas Ekwueme", Title: "Chief Technology Officer", Relationship: "Executive Officer", City: "Austin"},
			{Name: "Helen Marie Okafor", Title: "Director", Relationship: "Director", City: "Austin"},
		},
	}
	raw := s.Raw
	s.Raw = nil
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
	for k, v := range map[string]any{
		"accession": "0002051234-25-000001", "form_type": "D", "offering_amount": int64(4000000),
		"amount_sold": int64(2750000), "remaining": int64(1250000), "industry": "Other Technology",
		"revenue_range": "Decline to Disclose", "first_sale_date": "2025-02-20", "is_amendment": false,
		"previous_accession": "", "primary_doc_url": "https://www.sec.gov/Archives/edgar/data/2051234/000205123425000001/primary_doc.xml",
	} {
		if raw[k] != v {
			t.Errorf("Raw[%q] = %#v, want %#v", k, raw[k], v)
		}
	}
	if _, err := json.Marshal(raw); err != nil {
		t.Errorf("Raw does not marshal: %v", err)
	}
}

func TestSignalForAmendment(t *testing.T) {
	f := parseFixture(t, "da_ferncastle.xml")
	e := IndexEntry{FormType: "D/A", CIK: "1987650", DateFiled: date("2025-03-07"), Accession: "0001987650-25-000003"}
	s := SignalFor(f, e, testBase)
	if s.SourceItemID != "0001987650-23-000001" {
		t.Errorf("SourceItemID = %s, want the original accession", s.SourceItemID)
	}
	if want := []string{"0001987650-25-000003", "0001987650-23-000001"}; !reflect.DeepEqual(s.Aliases, want) {
		t.Errorf("Aliases = %v", s.Aliases)
	}
	if s.Title != "Form D/A: $9.4M sold of $12M offering (amended)" {
		t.Errorf("Title = %q", s.Title)
	}
	if !s.RevisedAt.Equal(date("2025-03-07")) || !s.OccurredAt.Equal(date("2023-05-11")) {
		t.Errorf("RevisedAt=%v OccurredAt=%v", s.RevisedAt, s.OccurredAt)
	}
	if s.Contacts[1].Title != "Executive Officer" || s.Contacts[1].Name != "Ingrid Solberg" {
		t.Errorf("contact without clarification = %+v", s.Contacts[1])
	}
	if s.Raw["is_amendment"] != true || s.Raw["previous_accession"] != "0001987650-23-000001" {
		t.Errorf("Raw amendment fields = %v %v", s.Raw["is_amendment"], s.Raw["previous_accession"])
	}
}

func TestSignalForIndefinite(t *testing.T) {
	f := parseFixture(t, "d_indefinite_lumenvale.xml")
	e := IndexEntry{FormType: "D", CIK: "2053387", DateFiled: date("2025-03-07"), Accession: "0001213900-25-021455"}
	s := SignalFor(f, e, testBase)
	if s.Title != "Form D: $0 sold of an indefinite offering" {
		t.Errorf("Title = %q", s.Title)
	}
	if !s.OccurredAt.Equal(e.DateFiled) {
		t.Errorf("OccurredAt = %v, want the filing date when the first sale is yet to occur", s.OccurredAt)
	}
	if s.Raw["offering_amount"] != "Indefinite" || s.Raw["remaining"] != "Indefinite" || s.Raw["first_sale_date"] != "yet to occur" {
		t.Errorf("Raw = %v", s.Raw)
	}
}

func TestSignalForForeignAndAmendmentWithoutPrevious(t *testing.T) {
	f := FormD{CIK: "9", EntityName: "Maple Quantum Ltd.", IsAmendment: true, SubmissionType: "D/A",
		Address: Address{Street2: "Unit 4", City: "Toronto", StateOrCountry: "A6", StateOrCountryDesc: "ONTARIO, CANADA"}}
	e := IndexEntry{FormType: "D/A", CIK: "9", DateFiled: date("2025-03-07"), Accession: "0000000009-25-000002"}
	s := SignalFor(f, e, testBase)
	if s.SourceItemID != e.Accession || len(s.Aliases) != 1 {
		t.Errorf("SourceItemID=%s Aliases=%v, want own accession", s.SourceItemID, s.Aliases)
	}
	if s.Company.Country != "" || s.Company.State != "A6" || s.Company.Street != "Unit 4" {
		t.Errorf("company = %+v", s.Company)
	}
}

func TestIsUSState(t *testing.T) {
	for code, want := range map[string]bool{"VA": true, "dc": true, "PR": true, "A6": false, "L3": false, "": false, "V": false, "VA NY": false} {
		if got := IsUSState(code); got != want {
			t.Errorf("IsUSState(%q) = %v", code, got)
		}
	}
}
