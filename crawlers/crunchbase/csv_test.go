package crunchbase

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crawlers"
)

func parseCSVFixture(t *testing.T, name string) ([]crawlers.Signal, []RowError) {
	t.Helper()
	sigs, bad, err := ParseCSV(openFixture(t, "csv", name))
	if err != nil {
		t.Fatalf("ParseCSV(%s): %v", name, err)
	}
	return sigs, bad
}

func TestParseCSVCompaniesExport(t *testing.T) {
	// The 54-column "companies" view: no funding columns, so the IPO is the event.
	sigs, bad := parseCSVFixture(t, "companies_export.csv")
	if len(sigs) != 2 || len(bad) != 1 || bad[0].Line != 4 || !strings.Contains(bad[0].Reason, "no dated event") {
		t.Fatalf("%d signals, row errors %+v", len(sigs), bad)
	}
	s := sigs[0]
	raw := s.Raw
	s.Raw = nil
	want := crawlers.Signal{
		Source:       "crunchbase",
		SourceItemID: "ipo/orchardine-ipo--5d1e2f3a",
		Kind:         crawlers.KindFunding,
		Title:        "IPO — £250M ($318M)",
		URL:          "https://www.crunchbase.com/ipo/orchardine-ipo--5d1e2f3a",
		OccurredAt:   day("2021-06-14"),
		AmountUSD:    318000000,
		Amount:       250000000,
		Currency:     "GBP",
		Round:        "IPO",
		Company: crawlers.Company{
			Keys:        []string{"crunchbase-permalink:orchardine"},
			Name:        "Orchardine",
			Domain:      "http://www.orchardine.example/",
			Description: "Orchardine sells boxed seasonal produce to UK households.",
			Categories:  []string{"Food and Beverage", "Grocery", "Retail"},
			TeamSize:    1001,
			Phone:       "0113-555-0188",
			City:        "Leeds", State: "West Yorkshire", Country: "United Kingdom",
			YearOfInc: 2009,
		},
		Contacts: []crawlers.Contact{
			{Name: "Ada Brightwell", Title: "Founder", Relationship: "Founder"},
			{Name: "Tomas Okoro", Title: "Founder", Relationship: "Founder"},
		},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("signal:\n got %+v\nwant %+v", s, want)
	}
	if raw["CB Rank (Company)"] != "98,765" || raw["Contact Email"] != "hello@orchardine.example" ||
		!strings.Contains(raw["Full Description"].(string), `"a greengrocer with a van"`) {
		t.Errorf("Raw = %v", raw)
	}
	if _, ok := raw["Facebook"]; ok {
		t.Error("empty cells kept in Raw")
	}
	st := sigs[1]
	if st.Title != "IPO" || st.AmountUSD != 0 || st.Company.TeamSize != 10001 || st.Contacts != nil || st.SourceItemID != "ipo/stellwerk-mobility-ipo--0a9b8c7d" {
		t.Errorf("second signal = %+v", st)
	}
}

func TestParseCSVFundingRoundsExport(t *testing.T) {
	// BOM, CRLF, quoted thousands, "" escapes and broken rows in between.
	sigs, bad := parseCSVFixture(t, "funding_rounds_export.csv")
	titles := make([]string, len(sigs))
	for i, s := range sigs {
		titles[i] = s.Company.Name + ": " + s.Title
	}
	wantTitles := []string{
		"Brightkeel: Series A — €12.7M ($15.49M) led by Nordwind Capital and Kestrel & Finch Partners",
		"Tallowby: Seed — $2.5M led by Harbor Lane Ventures",
		`Marlpit "Studio" Ltd: Series Unknown`,
		"Hollowtide: Pre-seed — $750K led by Saltmarsh Angels",
	}
	if !reflect.DeepEqual(titles, wantTitles) {
		t.Errorf("signals:\n got %q\nwant %q", titles, wantTitles)
	}
	wantBad := []RowError{
		{Line: 5, Reason: "row has 5 fields, header has 18"},
		{Line: 6, Reason: `"about 3M" is not an amount`},
		{Line: 7, Reason: `extraneous or missing " in quoted-field`},
		{Line: 9, Reason: `"2026-11-31" is not a date`},
		{Line: 10, Reason: "no Organization Name URL"},
	}
	if !reflect.DeepEqual(bad, wantBad) {
		t.Errorf("row errors:\n got %+v\nwant %+v", bad, wantBad)
	}
	b := sigs[0]
	if b.SourceItemID != "funding_round/brightkeel-series-a--7a2b3c4d" || b.URL != "https://www.crunchbase.com/funding_round/brightkeel-series-a--7a2b3c4d" ||
		b.OccurredAt != day("2026-11-03") || b.Company.Keys[0] != "crunchbase-permalink:brightkeel" || b.Company.Domain != "https://brightkeel.example" {
		t.Errorf("Brightkeel = %+v", b)
	}
	if raw, err := json.Marshal(b.Raw); err != nil || !strings.Contains(string(raw), `"Transaction Name":"Series A - Brightkeel"`) {
		t.Errorf("Raw = %s, %v", raw, err)
	}
}

// A round imported from an export and the same round from the API must
// meet in storage: the API signal's alias is the export's item id, and
// its company keys include the export's.
func TestParseCSVMeetsAPI(t *testing.T) {
	sigs, _ := parseCSVFixture(t, "funding_rounds_export.csv")
	api := SignalFor(parsePage(t, "search_page1.json").Rounds[1], Organization{})
	csvSig := sigs[0]
	if !contains(api.Aliases, csvSig.SourceItemID) {
		t.Errorf("API aliases %v lack the export's id %s", api.Aliases, csvSig.SourceItemID)
	}
	if !contains(api.Company.Keys, csvSig.Company.Keys[0]) {
		t.Errorf("API keys %v lack the export's %s", api.Company.Keys, csvSig.Company.Keys[0])
	}
	if api.AmountUSD != csvSig.AmountUSD || api.Round != csvSig.Round || !api.OccurredAt.Equal(csvSig.OccurredAt) ||
		!reflect.DeepEqual(api.LeadInvestors, csvSig.LeadInvestors) {
		t.Errorf("API %+v\nCSV %+v", api, csvSig)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestParseCSVLastFundingAndHeaderCase(t *testing.T) {
	sigs, bad := parseCSVFixture(t, "companies_lastfunding_export.csv")
	if len(sigs) != 2 || len(bad) != 1 || bad[0].Line != 4 {
		t.Fatalf("%d signals, row errors %+v", len(sigs), bad)
	}
	q, k := sigs[0], sigs[1]
	if q.SourceItemID != "organization/quorra-health/last_funding/2026-11-03" || q.Title != "Pre-seed" || q.URL != "https://www.crunchbase.com/organization/quorra-health" {
		t.Errorf("Quorra = %+v", q)
	}
	if k.Title != "Seed — CA$3M ($2.19M)" || !k.OccurredAt.Equal(day("2026-10-30")) || k.Company.Country != "United States" || k.Company.City != "Portland" {
		t.Errorf("Kelpwise = %+v", k)
	}
	if q.Raw["Unknown Column X"] != "ignored" {
		t.Errorf("unknown column not kept in Raw: %v", q.Raw)
	}
}

func TestParseCSVRecovery(t *testing.T) {
	const header = "Organization Name,Organization Name URL,Announced Date,Funding Type,Money Raised (in USD)\n"
	row := func(name string) string {
		return name + ",https://www.crunchbase.com/organization/" + strings.ToLower(name) + ",2026-11-02,Seed,\"1,000,000\"\n"
	}
	for name, tc := range map[string]struct {
		body      string
		wantNames []string
		wantLines []int
	}{
		"unclosed quote": {header + row("Alpha") + "Beta,\"https://x\n" + row("Gamma") + row("Delta"),
			[]string{"Alpha", "Gamma", "Delta"}, []int{3}},
		"unclosed quote to the end": {header + row("Alpha") + "Beta,\"https://x\n" + "Gamma,https://www.crunchbase.com/organization/gamma,2026-11-02,Seed,1\n",
			[]string{"Alpha", "Gamma"}, []int{3}},
		"bare quote": {header + row("Alpha") + "Be\"ta,https://www.crunchbase.com/organization/beta,2026-11-02,Seed,1\n" + row("Gamma"),
			[]string{"Alpha", "Gamma"}, []int{3}},
		"quoted newline kept": {header + "\"Al\npha\",https://www.crunchbase.com/organization/alpha,2026-11-02,Seed,1\n" + row("Gamma"),
			[]string{"Al\npha", "Gamma"}, nil},
		"blank lines and long row": {header + "\n" + row("Alpha") + "\n\nOmega,https://www.crunchbase.com/organization/omega,2026-11-02,Seed,1,extra\n" + row("Gamma"),
			[]string{"Alpha", "Gamma"}, []int{6}},
		"not an organization link": {header + "Zeta,https://www.crunchbase.com/person/zeta,2026-11-02,Seed,1\n" + row("Gamma"),
			[]string{"Gamma"}, []int{2}},
		"no name": {header + ",https://www.crunchbase.com/organization/zeta,2026-11-02,Seed,1\n", nil, []int{2}},
	} {
		sigs, bad, err := ParseCSV(strings.NewReader(tc.body))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var names []string
		for _, s := range sigs {
			names = append(names, s.Company.Name)
		}
		var lines []int
		for _, b := range bad {
			lines = append(lines, b.Line)
		}
		if !reflect.DeepEqual(names, tc.wantNames) || !reflect.DeepEqual(lines, tc.wantLines) {
			t.Errorf("%s: names %q, error lines %v (%+v); want %q, %v", name, names, lines, bad, tc.wantNames, tc.wantLines)
		}
	}
}

func TestParseCSVErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":          "",
		"only a BOM":     "\xef\xbb\xbf",
		"no name column": "Website,Founded Date\nexample.com,2020-01-01\n",
		"bad header":     "Organization Name,\"Website\nx",
	} {
		if _, _, err := ParseCSV(strings.NewReader(doc)); err == nil || !strings.HasPrefix(err.Error(), "crunchbase: parse csv: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	sigs, bad, err := ParseCSV(strings.NewReader("organization name\n"))
	if err != nil || sigs != nil || bad != nil {
		t.Errorf("header only: %v %v %v", sigs, bad, err)
	}
}

func TestParseCSVValues(t *testing.T) {
	for in, want := range map[string]int64{"": 0, "12,937,119": 12937119, "$1,000,000": 1000000, "9,698,912.67": 9698913, "1e6": 1000000} {
		if got, err := parseCSVAmount(in); err != nil || got != want {
			t.Errorf("parseCSVAmount(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"22.52%", "-5", "NaN", "Inf", "0x10", "1_000", "9e99"} {
		if _, err := parseCSVAmount(in); err == nil {
			t.Errorf("parseCSVAmount(%q): no error", in)
		}
	}
	for in, want := range map[string]int{"5001-10000": 5001, "10001+": 10001, "11-50": 11, "250": 250, "": 0, "many": 0} {
		if got := employees(in); got != want {
			t.Errorf("employees(%q) = %d", in, got)
		}
	}
	for in, want := range map[string]string{"2026-11-03": "2026-11-03", "Nov 3, 2026": "2026-11-03", "November 3, 2026": "2026-11-03", "11/3/2026": "2026-11-03"} {
		if got, err := parseCSVDate(in); err != nil || got.Format("2006-01-02") != want {
			t.Errorf("parseCSVDate(%q) = %v, %v", in, got, err)
		}
	}
}
