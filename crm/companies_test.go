package crm_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crm"
)

func TestListPagesByScoreWithKeyset(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for i := range 7 {
		mustIngest(t, s, formD(fmt.Sprint(2000+i), fmt.Sprintf("0002000-26-00000%d", i), "", int64(100_000*(i+1)), now.AddDate(0, 0, -i)))
	}
	var got []crm.CompanyRow
	after := mustCursor(t, "")
	for pages := 0; ; pages++ {
		p, err := s.ListCompanies(context.Background(), crm.Filter{}, after, 3)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.Rows...)
		if p.Next == (crm.Cursor{}) {
			if pages != 2 {
				t.Fatalf("%d pages of 3 for 7 rows, want 3", pages+1)
			}
			break
		}
		after = mustCursor(t, p.Next.String())
	}
	if len(got) != 7 {
		t.Fatalf("paged through %d rows, want 7", len(got))
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Fatalf("row %d scores %d after %d: not by score", i, got[i].Score, got[i-1].Score)
		}
	}
	if got[0].Name != "Company 2006" {
		t.Fatalf("top lead = %q, want the largest raise", got[0].Name)
	}
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	big := mustIngest(t, s, formD("3001", "0003001-26-000001", "", 20_000_000, now.AddDate(0, 0, -2)))
	old := formD("3002", "0003002-24-000001", "", 300_000, now.AddDate(-2, 0, 0))
	old.Company.Industry = "Biotechnology"
	old.Company.Name = "Helix Bio Labs"
	mustIngest(t, s, old)
	if err := s.SetStage(ctx, 0, big.CompanyID, crm.StageMeeting); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    url.Values
		want int
	}{
		{"All", url.Values{}, 2},
		{"MinScore", url.Values{"min_score": {"50"}}, 1},
		{"Industry", url.Values{"industry": {"Biotechnology"}}, 1},
		{"FundedWithin", url.Values{"funded_within_days": {"30"}}, 1},
		{"Stage", url.Values{"stage": {"meeting"}}, 1},
		{"NameWord", url.Values{"q": {"helix"}}, 1},
		{"NamePrefix", url.Values{"q": {"Heli"}}, 1},
		{"NoMatch", url.Values{"q": {"zzz"}}, 0},
	}
	for _, tt := range tests {
		f, err := crm.ParseFilter(tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if n := count(t, s, f); n != tt.want {
			t.Errorf("%s: %d companies, want %d", tt.name, n, tt.want)
		}
	}
}

func TestParseFilterRejectsBadValues(t *testing.T) {
	t.Parallel()
	for _, q := range []url.Values{
		{"min_score": {"abc"}}, {"min_score": {"101"}}, {"funded_within_days": {"-1"}}, {"stage": {"maybe"}},
		{"kind": {"rich"}}, {"owner": {"bob"}}, {"has_phone": {"maybe"}}, {"contacted_after": {"yesterday"}},
		{"col": {"secret"}}, {"sort": {"random"}},
	} {
		_, err := crm.ParseFilter(q)
		var ve *crm.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%v: err = %v, want a validation error", q, err)
		}
	}
	if _, err := crm.ParseCursor("12.x"); err == nil {
		t.Error("bad cursor accepted")
	}
	f := crm.Filter{MinScore: 10, MaxScore: 90, Industry: "Other Technology", Stage: crm.StageNew, Query: "a b",
		Part: "Hiring", MinEstimateUSD: 5000, Kind: crm.KindClient, Owner: "me", Tag: "hot", HasPhone: true, NotContacted: true,
		ContactedAfter: time.Date(2026, 1, 2, 0, 0, 0, 0, time.Local), ContactedBefore: time.Date(2026, 3, 4, 0, 0, 0, 0, time.Local),
		Sort: crm.SortActivity, Columns: []string{"score", "tags"}}
	back, err := crm.ParseFilter(f.Values())
	if err != nil || !reflect.DeepEqual(back, f) {
		t.Fatalf("filter round trip = %+v, %v; want %+v", back, err, f)
	}
}

func TestGetCompanyNotFound(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	if _, err := s.GetCompany(context.Background(), 999); !errors.Is(err, crm.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}
