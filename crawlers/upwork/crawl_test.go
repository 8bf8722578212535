package upwork

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// keptIDs are the jobs of qualifying clients in the fixtures, in page
// order: C's two small jobs and E's job (before the watermark) are out;
// A's $150 and no-budget jobs ride on its $2,000 one.
var keptIDs = []string{
	"1861000000000000001", "1861000000000000002", "1861000000000000004",
	"1861000000000000005", "1861000000000000006", "1861000000000000008",
}

func ids(ss []crawlers.Signal) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.SourceItemID)
	}
	return out
}

func TestCrawlPages(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	sink := &recSink{}
	cfg := testConfig(srv)
	cfg.TenantID = "424242"
	prev := crawlers.Cursor{Watermark: watermark, Validators: map[string]crawlers.Validator{"x": {ETag: `"1"`}}}
	cur, tok, err := Crawl(context.Background(), cfg, prev, sink)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	if !cur.Watermark.Equal(want) || !reflect.DeepEqual(cur.Validators, prev.Validators) {
		t.Errorf("cursor = %+v, want watermark %v and validators kept", cur, want)
	}
	if tok != (Tokens{Access: testAccess}) {
		t.Errorf("tokens = %+v, want the configured access token", tok)
	}
	bodies, auths, forms := srv.snapshot()
	srv.mu.Lock()
	tenants := append([]string(nil), srv.tenants...)
	srv.mu.Unlock()
	wantAfter := []string{"", "cursor-1", "cursor-2"} // page 3 reached the watermark: no 4th request
	if len(bodies) != len(wantAfter) {
		t.Fatalf("%d searches, want %d", len(bodies), len(wantAfter))
	}
	for i, b := range bodies {
		f := b.Variables.Filter
		if f.Pagination.After != wantAfter[i] || f.Pagination.First != 3 || f.SearchExpression != "shopify OR golang" {
			t.Errorf("search %d filter = %+v", i+1, f)
		}
		for _, part := range []string{"marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter", "field: RECENCY",
			"pageInfo { hasNextPage endCursor }", "totalFeedback location { country }", "hourlyBudgetMax { rawValue }"} {
			if !strings.Contains(b.Query, part) {
				t.Errorf("search %d query lacks %q", i+1, part)
			}
		}
		if auths[i] != "Bearer "+testAccess || tenants[i] != "424242" {
			t.Errorf("search %d Authorization %q, tenant %q", i+1, auths[i], tenants[i])
		}
	}
	if len(forms) != 0 {
		t.Errorf("%d token requests with a valid token", len(forms))
	}
	if got := ids(sink.signals); !reflect.DeepEqual(got, keptIDs) {
		t.Errorf("signals %v\nwant %v", got, keptIDs)
	}
	if len(sink.pages) != 3 || len(sink.errs) != 0 {
		t.Errorf("pages %v, errors %v", sink.pages, sink.errs)
	}
}

func TestCrawlSignal(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	sink := &recSink{}
	if _, _, err := Crawl(context.Background(), testConfig(srv), crawlers.Cursor{Watermark: watermark}, sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.signals) != len(keptIDs) {
		t.Fatalf("%d signals", len(sink.signals))
	}
	d1 := sink.signals[0]
	if d1.Title != "Hourly $40–$70/h, 30 h/week, 3–6 months: Rebuild our booking platform in Go" ||
		d1.AmountUSD != 70*30*26 || d1.Amount != d1.AmountUSD || d1.Currency != "USD" || d1.Kind != crawlers.KindProject ||
		d1.URL != "https://www.upwork.com/jobs/~021861000000000001" || d1.Company.Country != "Canada" || d1.Source != "upwork" {
		t.Errorf("D1 = %+v", d1)
	}
	a1, a2, a3 := sink.signals[1], sink.signals[3], sink.signals[5]
	if a1.Title != "Fixed $2K: Shopify store migration" || a1.AmountUSD != 2000 {
		t.Errorf("A1 = %q %d", a1.Title, a1.AmountUSD)
	}
	if !reflect.DeepEqual(a1.Company, a2.Company) || !reflect.DeepEqual(a1.Company, a3.Company) ||
		!strings.HasPrefix(a1.Company.Keys[0], "upwork:fp-") || a1.Company.Name != "Upwork client "+a1.Company.Keys[0][len("upwork:"):] {
		t.Errorf("client A companies differ or are misnamed: %+v %+v %+v", a1.Company, a2.Company, a3.Company)
	}
	if a3.Title != "Budget not stated: Ongoing help with store content" || a3.AmountUSD != 0 ||
		!a3.OccurredAt.Equal(time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)) || a3.Raw["qualifies"] != false {
		t.Errorf("A3 (no budget, created time only) = %+v", a3)
	}
	b1 := sink.signals[2]
	if b1.Company.Keys[0] != "upwork:job-1861000000000000004" || b1.AmountUSD != 45*20*13 {
		t.Errorf("B1 (new client) = %+v", b1)
	}
	f1 := sink.signals[4]
	if f1.Title != "Fixed €2K ($2K): Translate onboarding docs to German" || f1.Amount != 1800 || f1.Currency != "EUR" || f1.AmountUSD != 2093 {
		t.Errorf("F1 (EUR) = %q %d %s %d", f1.Title, f1.Amount, f1.Currency, f1.AmountUSD)
	}
	r := a1.Raw
	wantRaw := map[string]any{
		"client_total_spend_usd": int64(48251), "client_total_hires": 12, "client_total_posted": 20,
		"client_hire_rate": 0.6, "client_payment_verified": true, "client_reviews": 9, "client_rating": 4.87,
		"client_country": "United States", "job_type": "fixed", "value_usd": int64(2000), "qualifies": true,
		"total_applicants": 41, "published_at": "2026-11-25T08:00:00Z",
	}
	for k, v := range wantRaw {
		if !reflect.DeepEqual(r[k], v) {
			t.Errorf("Raw[%s] = %#v, want %#v", k, r[k], v)
		}
	}
	if d1.Raw["assumed_hours_per_week"] != 30 || d1.Raw["assumed_weeks"] != 26 {
		t.Errorf("D1 raw assumptions = %v", d1.Raw)
	}
}

func TestCrawlRetries500(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	srv.failures = []int{500, 503} // the first page twice; the Fetcher retries
	sink := &recSink{}
	cur, _, err := Crawl(context.Background(), testConfig(srv), crawlers.Cursor{Watermark: watermark}, sink)
	if err != nil {
		t.Fatal(err)
	}
	bodies, _, _ := srv.snapshot()
	if len(bodies) != 5 || !reflect.DeepEqual(ids(sink.signals), keptIDs) || cur.Watermark.Equal(watermark) {
		t.Errorf("%d searches, signals %v, watermark %v", len(bodies), ids(sink.signals), cur.Watermark)
	}
}

func TestCrawlRefreshOn401(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	srv.valid = map[string]bool{newAccess: true} // the configured token has expired
	srv.token = fixture(t, "token_refresh.json")
	sink := &recSink{}
	start := time.Now()
	_, tok, err := Crawl(context.Background(), withRefresh(testConfig(srv)), crawlers.Cursor{Watermark: watermark}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Access != newAccess || tok.Refresh != newRefresh || tok.Expiry.Before(start.Add(23*time.Hour)) {
		t.Errorf("tokens = %+v", tok)
	}
	_, auths, forms := srv.snapshot()
	want := []string{"Bearer " + testAccess, "Bearer " + newAccess, "Bearer " + newAccess, "Bearer " + newAccess}
	if !reflect.DeepEqual(auths, want) {
		t.Errorf("Authorization headers %v", auths)
	}
	if len(forms) != 1 || forms[0].Get("grant_type") != "refresh_token" || forms[0].Get("refresh_token") != testRefresh ||
		forms[0].Get("client_id") != "client-id-abc" || forms[0].Get("client_secret") != "client-secret-xyz" {
		t.Errorf("token requests %v", forms)
	}
	if !reflect.DeepEqual(ids(sink.signals), keptIDs) {
		t.Errorf("signals %v", ids(sink.signals))
	}
}

func TestCrawlRefreshWithoutToken(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	srv.valid = map[string]bool{newAccess: true}
	srv.token = []byte(`{"access_token":"` + newAccess + `","token_type":"bearer"}`) // refresh token not rotated
	cfg := withRefresh(testConfig(srv))
	cfg.Token = ""
	_, tok, err := Crawl(context.Background(), cfg, crawlers.Cursor{Watermark: watermark}, &recSink{})
	if err != nil {
		t.Fatal(err)
	}
	_, auths, forms := srv.snapshot()
	if tok != (Tokens{Access: newAccess, Refresh: testRefresh}) || len(forms) != 1 || auths[0] != "Bearer "+newAccess {
		t.Errorf("tokens %+v, %d token requests, first auth %q", tok, len(forms), auths[0])
	}
}

func TestCrawlTokenRejected(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		refresh bool
		grant   []byte // token endpoint answer; nil → 400 invalid_grant
		grants  int
	}{
		{"no refresh set", false, nil, 0},
		{"401 after refresh", true, []byte(`{"access_token":"still-bad","expires_in":3600}`), 1},
		{"refresh refused", true, nil, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newFakeAPI(t)
			serveThreePages(t, srv)
			srv.valid = map[string]bool{}
			srv.token = tc.grant
			cfg := testConfig(srv)
			if tc.refresh {
				cfg = withRefresh(cfg)
			}
			sink := &recSink{}
			cur, _, err := Crawl(context.Background(), cfg, crawlers.Cursor{Watermark: watermark}, sink)
			if !errors.Is(err, ErrTokenRejected) || !strings.Contains(err.Error(), "token expired or missing (401)") {
				t.Fatalf("err = %v, want ErrTokenRejected", err)
			}
			if _, _, forms := srv.snapshot(); len(forms) != tc.grants || len(sink.signals) != 0 || !cur.Watermark.Equal(watermark) {
				t.Errorf("%d token requests, %d signals, watermark %v", len(forms), len(sink.signals), cur.Watermark)
			}
		})
	}
}

func TestCrawlNeedsCredentials(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{
		{ContactEmail: "ops@leadgen.example"},
		{ContactEmail: "ops@leadgen.example", ClientID: "id", ClientSecret: "secret"},
		{ContactEmail: "ops@leadgen.example", ClientID: "id", RefreshToken: "r"},
	} {
		if _, _, err := Crawl(context.Background(), cfg, crawlers.Cursor{}, &recSink{}); !errors.Is(err, ErrNeedsCredentials) {
			t.Errorf("%+v: err = %v, want ErrNeedsCredentials", cfg, err)
		}
	}
	if _, _, err := Crawl(context.Background(), Config{Token: "t"}, crawlers.Cursor{}, &recSink{}); err == nil {
		t.Error("no contact e-mail: no error")
	}
}

func TestCrawlGraphQLErrors(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.pages[""] = fixture(t, "search_errors.json")
	sink := &recSink{}
	cur, _, err := Crawl(context.Background(), testConfig(srv), crawlers.Cursor{Watermark: watermark}, sink)
	var ge *GraphQLError
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "oauth2 permissions/scopes") {
		t.Fatalf("err = %v, want a GraphQLError", err)
	}
	if !cur.Watermark.Equal(watermark) || len(sink.signals) != 0 {
		t.Errorf("watermark %v, %d signals", cur.Watermark, len(sink.signals))
	}
}

func TestCrawlMalformedStops(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	srv.pages["cursor-1"] = fixture(t, "search_malformed.json")
	sink := &recSink{}
	cur, _, err := Crawl(context.Background(), testConfig(srv), crawlers.Cursor{Watermark: watermark}, sink)
	if err != nil {
		t.Fatal(err)
	}
	bodies, _, _ := srv.snapshot()
	if len(bodies) != 2 || len(sink.errs) != 1 || !strings.HasPrefix(sink.errs[0].Error(), "upwork: parse search: ") {
		t.Errorf("%d searches, errors %v", len(bodies), sink.errs)
	}
	// Page 1 still counts; the watermark stays so the next run covers the gap.
	if got := ids(sink.signals); !reflect.DeepEqual(got, []string{"1861000000000000001", "1861000000000000002"}) || !cur.Watermark.Equal(watermark) {
		t.Errorf("signals %v, watermark %v", got, cur.Watermark)
	}
}

func TestCrawlSinkRefusalHoldsWatermark(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	serveThreePages(t, srv)
	sink := &recSink{failOn: "1861000000000000004"}
	cur, _, err := Crawl(context.Background(), testConfig(srv), crawlers.Cursor{Watermark: watermark}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC); !cur.Watermark.Equal(want) || len(sink.signals) != 5 {
		t.Errorf("watermark %v, want %v; %d signals", cur.Watermark, want, len(sink.signals))
	}
}

func TestCrawlFirstRunAndEmpty(t *testing.T) {
	t.Parallel()
	srv := newFakeAPI(t)
	srv.pages[""] = fixture(t, "search_empty.json")
	cur, _, err := Crawl(context.Background(), testConfig(srv), crawlers.Cursor{}, &recSink{})
	if err != nil || !cur.Watermark.IsZero() {
		t.Errorf("empty first run: watermark %v, err %v", cur.Watermark, err)
	}
}
