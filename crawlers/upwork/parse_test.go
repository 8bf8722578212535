package upwork

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func parseFixture(t *testing.T, name string) SearchPage {
	t.Helper()
	pg, err := ParseSearch(bytes.NewReader(fixture(t, name)))
	if err != nil {
		t.Fatal(err)
	}
	return pg
}

func TestParseSearchPage(t *testing.T) {
	t.Parallel()
	pg := parseFixture(t, "search_page1.json")
	if pg.TotalCount != 9 || pg.Edges != 3 || len(pg.Jobs) != 3 || len(pg.Bad) != 0 || !pg.HasNextPage || pg.EndCursor != "cursor-1" {
		t.Fatalf("page = %+v", pg)
	}
	d1 := pg.Jobs[0]
	want := Job{
		ID: "1861000000000000001", Title: "Rebuild our booking platform in Go",
		Description: "We run a ferry booking site for three island routes and need the backend rewritten.",
		Ciphertext:  "~021861000000000001",
		Created:     time.Date(2026, 11, 25, 9, 41, 12, 0, time.UTC), Published: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC),
		Duration: "SEMESTER", DurationLabel: "3 to 6 months", Engagement: "30+ hrs/week", ExperienceLevel: "EXPERT",
		TotalApplicants: 23, Amount: Money{Currency: "USD", Display: "$0"}, HourlyBudgetType: "DEFAULT",
		HourlyMin: 40, HourlyMax: 70, Skills: []string{"Go", "PostgreSQL", "API Development"},
		Client: Client{TotalHires: 40, TotalPostedJobs: 55, TotalSpent: Money{Value: 250000, Currency: "USD", Display: "$250000.0"},
			VerificationStatus: "VERIFIED", TotalReviews: 31, TotalFeedback: 4.95, Country: "Canada"},
	}
	if !reflect.DeepEqual(d1, want) {
		t.Errorf("job 1 = %+v\nwant   %+v", d1, want)
	}
	if a1 := pg.Jobs[1]; a1.Amount.Value != 2000 || a1.HourlyMax != 0 || a1.Client.Country != "United States" {
		t.Errorf("job 2 = %+v", a1)
	}
}

func TestParseSearchPostedFallback(t *testing.T) {
	t.Parallel()
	pg := parseFixture(t, "search_page3.json")
	a3 := pg.Jobs[1]
	if !a3.Published.IsZero() || !a3.Posted().Equal(time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)) || a3.Skills != nil {
		t.Errorf("job without publishedDateTime = %+v", a3)
	}
}

func TestParseSearchMixed(t *testing.T) {
	t.Parallel()
	pg := parseFixture(t, "search_mixed.json")
	if pg.Edges != 6 || len(pg.Jobs) != 1 || pg.HasNextPage || pg.EndCursor != "" {
		t.Fatalf("page = %+v", pg)
	}
	j := pg.Jobs[0]
	if j.ID != "1861000000000000104" || j.Title != "Numeric id, odd counters" || j.TotalApplicants != 12 ||
		!j.Posted().Equal(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)) || j.Amount != (Money{Value: 750, Currency: "USD"}) {
		t.Errorf("job = %+v", j)
	}
	if c := j.Client; c != (Client{VerificationStatus: "VERIFIED", TotalFeedback: 4.7}) {
		t.Errorf("client = %+v (odd counters should read as 0)", c)
	}
	var got []string
	for _, b := range pg.Bad {
		got = append(got, b.ID)
		if b.Reason == "" {
			t.Errorf("bad node %d without a reason", b.N)
		}
	}
	if want := []string{"", "1861000000000000102", "", "1861000000000000105", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("bad node ids %q, want %q", got, want)
	}
	if n := pg.Bad[1]; n.N != 2 || !strings.Contains(n.Error(), "publishedDateTime") {
		t.Errorf("bad node 2 = %v", n)
	}
}

func TestParseSearchErrors(t *testing.T) {
	t.Parallel()
	_, err := ParseSearch(bytes.NewReader(fixture(t, "search_errors.json")))
	var ge *GraphQLError
	if !errors.As(err, &ge) || len(ge.Messages) != 1 || !strings.HasPrefix(err.Error(), "upwork: parse search: upwork: graphql: ") {
		t.Fatalf("err = %v", err)
	}
	// errors[] beside data still fails: the data may be cut short.
	_, err = ParseSearch(strings.NewReader(`{"data":{"marketplaceJobPostingsSearch":{"edges":[]}},"errors":[{"message":"partial"}]}`))
	if !errors.As(err, &ge) {
		t.Errorf("partial data with errors: err = %v", err)
	}
}

func TestParseSearchRejects(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"malformed":    string(fixture(t, "search_malformed.json")),
		"empty":        "",
		"array":        `[]`,
		"no data":      `{"data":null}`,
		"no search":    `{"data":{}}`,
		"no edges":     `{"data":{"marketplaceJobPostingsSearch":{"totalCount":1}}}`,
		"edges object": `{"data":{"marketplaceJobPostingsSearch":{"edges":{}}}}`,
		"trailing":     `{"data":{"marketplaceJobPostingsSearch":{"edges":[]}}} {}`,
	} {
		if _, err := ParseSearch(strings.NewReader(body)); err == nil || !strings.HasPrefix(err.Error(), "upwork: parse search: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestParseToken(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	tok, err := parseToken(fixture(t, "token_refresh.json"), now)
	if err != nil || tok != (Tokens{Access: newAccess, Refresh: newRefresh, Expiry: now.Add(24 * time.Hour)}) {
		t.Errorf("token = %+v, %v", tok, err)
	}
	for _, b := range []string{`{}`, `{"access_token":"a","token_type":"mac"}`, `not json`} {
		if _, err := parseToken([]byte(b), now); err == nil {
			t.Errorf("%s: no error", b)
		}
	}
}
