package csvimport

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

// day is a UTC midnight date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestCleanYellowpagesExact(t *testing.T) {
	t.Parallel()
	rows := cleanFixture(t, "yellowpages_boston.csv")
	want := Row{
		Line: 2,
		Fields: map[string]string{
			"company_name": "Harborview Pizza & Grill", "phone": "(617) 555-0142",
			"source_id":  "https://www.yellowpages.com/boston-ma/mip/harborview-pizza-grill-100001",
			"categories": "Pizza, Italian Restaurants", "website": "http://www.harborviewpizza.com",
			"street": "12 Atlantic Ave", "city": "Boston", "state": "MA", "zip": "02110",
		},
		Categories: []string{"Pizza", "Italian Restaurants"},
		PhoneE164:  "+16175550142",
		Domain:     "harborviewpizza.com",
	}
	if !reflect.DeepEqual(rows[0], want) {
		t.Errorf("row 0 =\n%+v\nwant\n%+v", rows[0], want)
	}
	for i, wantPhone := range []string{"+16175550142", "+16175550199", "+16175550123", "+16175550177", "+16175550100", "", "+16175550166"} {
		if rows[i].PhoneE164 != wantPhone {
			t.Errorf("row %d phone %q → %q, want %q", i, rows[i].Fields["phone"], rows[i].PhoneE164, wantPhone)
		}
	}
	if got := rows[3].Fields[FieldZip]; got != "02113" {
		t.Errorf("unquoted zip = %q", got)
	}
	if !rows[4].Rejected() || rows[3].Rejected() {
		t.Error("row without business_name must be rejected, others not")
	}
	wantProblems := []Problem{
		{"row", "row has 10 cells but the header has 11; missing cells are empty"},
		{"website", `"http://www.facebook.com/backbaybistro" is not a company website`},
		{"phone", `could not read phone number "555-0100"`},
	}
	if !reflect.DeepEqual(rows[5].Problems, wantProblems) || rows[5].Fields[FieldZip] != "02115" {
		t.Errorf("row 5 problems = %q zip %q", rows[5].Problems, rows[5].Fields[FieldZip])
	}
}

func TestCleanCrunchbaseCompanies(t *testing.T) {
	t.Parallel()
	rows := cleanFixture(t, "crunchbase_companies.csv")
	r := rows[0]
	if r.Amount != 12_700_000 || r.Currency != "EUR" || r.AmountUSD != 15_492_603 || !r.FundingDate.Equal(day(2026, 11, 3)) {
		t.Errorf("money = %d %s usd %d %v", r.Amount, r.Currency, r.AmountUSD, r.FundingDate)
	}
	wantFields := map[string]string{FieldCity: "Leicester", FieldState: "Leicester", FieldCountry: "United Kingdom",
		FieldEmployees: "51-100", FieldFundingRound: "Series A", FieldDescription: `Quillstone builds "simply reliable" warehouse robots.`}
	for f, v := range wantFields {
		if r.Fields[f] != v {
			t.Errorf("%s = %q, want %q", f, r.Fields[f], v)
		}
	}
	if !slices.Equal(r.Categories, []string{"Artificial Intelligence (AI)", "Robotics", "Manufacturing"}) || r.Domain != "quillstone.co.uk" {
		t.Errorf("categories %q domain %q", r.Categories, r.Domain)
	}
	if r.PhoneE164 != "+442079460958" || rows[1].PhoneE164 != "+18777186750" || rows[2].PhoneE164 != "+8675533979200" {
		t.Errorf("phones %q %q %q", r.PhoneE164, rows[1].PhoneE164, rows[2].PhoneE164)
	}
	if !rows[1].FundingDate.Equal(day(2026, 11, 3)) || rows[1].Fields[FieldEmployees] != "10001+" || rows[1].AmountUSD != 5_000_000 {
		t.Errorf("row 1 = %+v", rows[1])
	}
	bad := rows[2]
	wantProblems := []Problem{
		{FieldEmail, `"sales(at)wavecom.cn" is not a valid email address`},
		{FieldFundingAmount, `could not read amount "lots"`},
		{FieldFundingDate, `could not read date "2026-13-45"`},
	}
	if !reflect.DeepEqual(bad.Problems, wantProblems) || bad.Rejected() || bad.Fields[FieldEmployees] != "5001-10000" {
		t.Errorf("row 2 problems %q employees %q", bad.Problems, bad.Fields[FieldEmployees])
	}
	if _, ok := bad.Fields[FieldEmail]; ok {
		t.Error("invalid email kept in Fields")
	}
}

func TestCleanCrunchbaseRoundsAmounts(t *testing.T) {
	t.Parallel()
	rows := cleanFixture(t, "crunchbase_rounds.csv")
	type money struct {
		amount int64
		cur    string
		usd    int64
		date   time.Time
	}
	want := []money{
		{1_500_000, "USD", 1_500_000, day(2026, 11, 3)}, // "$1,500,000"
		{2_500_000, "EUR", 2_700_000, day(2026, 11, 3)}, // "€2.5M", "Nov 3, 2026"
		{1_200_000, "USD", 1_200_000, day(2026, 11, 3)}, // "1.2 million", 11/03/2026 month-first
		{3_000_000, "USD", 3_000_000, day(2026, 10, 1)}, // "USD 3,000,000"
	}
	for i, w := range want {
		r := rows[i]
		if got := (money{r.Amount, r.Currency, r.AmountUSD, r.FundingDate}); got != w {
			t.Errorf("row %d = %+v, want %+v", i, got, w)
		}
		if len(r.Problems) != 0 {
			t.Errorf("row %d problems %q", i, r.Problems)
		}
	}
	if rows[0].Fields[FieldCity] != "Berlin" || rows[0].Fields[FieldCountry] != "Germany" || rows[1].Domain != "marlowelabs.io" {
		t.Errorf("location/domain: %q", rows[0].Fields)
	}
}

func TestCleanApolloPeople(t *testing.T) {
	t.Parallel()
	rows := cleanFixture(t, "apollo_people.csv")
	r := rows[0]
	for f, v := range map[string]string{
		FieldCompany: "Northwind Robotics, Inc.", FieldContactName: "Dana Whitfield", FieldContactTitle: "VP Sales",
		FieldCity: "San Francisco", FieldEmail: "dana.whitfield@northwindrobotics.com", FieldEmployees: "120",
		FieldLinkedIn: "http://www.linkedin.com/in/danawhitfield", FieldSourceID: "66f0a1b2c3d4e5f6000000aa",
	} {
		if r.Fields[f] != v {
			t.Errorf("%s = %q, want %q", f, r.Fields[f], v)
		}
	}
	if r.PhoneE164 != "+14155550134" || r.Amount != 25_000_000 || r.Currency != "USD" || !r.FundingDate.Equal(day(2026, 10, 15)) {
		t.Errorf("row 0 typed = %+v", r)
	}
	if rows[1].PhoneE164 != "+33142685300" || len(rows[1].Problems) != 1 || rows[1].Problems[0].Field != FieldEmail {
		t.Errorf("row 1 phone %q problems %q", rows[1].PhoneE164, rows[1].Problems)
	}
	if !rows[2].Rejected() || Key(rows[2]) != nil {
		t.Error("contact without company must be rejected")
	}
}

func TestCleanEuropeanSemicolonFile(t *testing.T) {
	t.Parallel()
	rows := cleanFixture(t, "apollo_companies_eu.csv")
	for i, w := range []struct {
		amount int64
		phone  string
		zip    string
	}{
		{1_500_000, "+49891234567", "80331"}, // "1.500.000 €", "089 1234567"
		{2_500_000, "+33142600000", "75001"}, // "2,5 Mio €", "+33 (0)1 42 60 00 00"
		{750_001, "+46812345678", "01234"},   // "EUR 750.000,50" rounds half up
	} {
		r := rows[i]
		if r.Amount != w.amount || r.Currency != "EUR" || r.AmountUSD != 0 || r.PhoneE164 != w.phone || r.Fields[FieldZip] != w.zip {
			t.Errorf("row %d: %d %s usd %d phone %q zip %q", i, r.Amount, r.Currency, r.AmountUSD, r.PhoneE164, r.Fields[FieldZip])
		}
		// 03/11/2026 in a ';' file with no disambiguating value is day-first.
		if !r.FundingDate.Equal(day(2026, 11, 3)) {
			t.Errorf("row %d date %v", i, r.FundingDate)
		}
	}
	if rows[0].Fields[FieldCity] != "München" || rows[1].Fields[FieldEmployees] != "1200" {
		t.Errorf("city %q employees %q", rows[0].Fields[FieldCity], rows[1].Fields[FieldEmployees])
	}
	if !slices.Equal(rows[0].Categories, []string{"Brewing", "Food & Beverages"}) {
		t.Errorf("categories %q", rows[0].Categories)
	}
}

func TestCleanGenericTSV(t *testing.T) {
	t.Parallel()
	rows := cleanFixture(t, "generic.tsv")
	a, b, c := rows[0], rows[1], rows[2]
	if a.Fields[FieldZip] != "02110" || b.Fields[FieldZip] != "07030" {
		t.Errorf("zips %q %q (Excel =\"…\" unwrapped, spaces trimmed)", a.Fields[FieldZip], b.Fields[FieldZip])
	}
	if !slices.Equal(a.Categories, []string{"Manufacturing", "Hardware"}) {
		t.Errorf("';' inside a cell splits categories: %q", a.Categories)
	}
	// 11/13/2026 in the same column settles it: month-first.
	if !a.FundingDate.Equal(day(2026, 3, 11)) || !b.FundingDate.Equal(day(2026, 11, 13)) {
		t.Errorf("dates %v %v", a.FundingDate, b.FundingDate)
	}
	if b.Amount != 250_000 || b.PhoneE164 != "+12125550102" || c.Amount != 1_200_000 || c.Currency != "GBP" || c.AmountUSD != 0 {
		t.Errorf("b %d %q, c %d %s %d", b.Amount, b.PhoneE164, c.Amount, c.Currency, c.AmountUSD)
	}
	if len(c.Problems) != 3 || c.Rejected() {
		t.Errorf("c problems %q", c.Problems)
	}
}

func TestCleanDayFirstColumn(t *testing.T) {
	t.Parallel()
	tb := Table{Header: []string{"company", "date"}, Delimiter: ',', RowLines: []int{2, 3},
		Rows: [][]string{{"A", "03/11/2026"}, {"B", "25/10/2026"}}}
	m, _ := Map(tb.Header, "")
	rows := Clean(tb, m)
	if !rows[0].FundingDate.Equal(day(2026, 11, 3)) || !rows[1].FundingDate.Equal(day(2026, 10, 25)) {
		t.Errorf("dates %v %v", rows[0].FundingDate, rows[1].FundingDate)
	}
}

func TestCleanCurrencyConflictAndContactName(t *testing.T) {
	t.Parallel()
	tb := Table{Header: []string{"company", "amount", "currency", "first name", "last name", "notes"}, Delimiter: ',',
		RowLines: []int{2}, Rows: [][]string{{"  Acme\u00a0 Inc ", "€1,000", "usd", "Ann", "", "  two\nlines  "}}}
	m, _ := Map(tb.Header, "")
	r := Clean(tb, m)[0]
	want := []Problem{{FieldFundingCurrency, "amount says EUR but the currency column says USD; using EUR"}}
	if r.Currency != "EUR" || r.Amount != 1000 || !reflect.DeepEqual(r.Problems, want) {
		t.Errorf("%d %s %q", r.Amount, r.Currency, r.Problems)
	}
	if r.Fields[FieldCompany] != "Acme Inc" || r.Fields[FieldContactName] != "Ann" || r.Fields[FieldNotes] != "two\nlines" {
		t.Errorf("fields %q", r.Fields)
	}
}

func TestCleanWithoutCompanyColumnRejectsAll(t *testing.T) {
	t.Parallel()
	tb := detectFixture(t, "pipe.csv")
	m, _ := Map(tb.Header, "")
	m, _ = m.With(0, FieldNotes)
	for _, r := range Clean(tb, m) {
		if !r.Rejected() {
			t.Errorf("row %d imported without a company column", r.Line)
		}
	}
}
