package crm_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crm"
)

func ids(t *testing.T, s *crm.Store, f crm.Filter) []int64 {
	t.Helper()
	got, err := s.MatchingIDs(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

func TestBulkActionsAreRecordedAndFilterable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, all, ann, ben := queueStore(t, 5, crm.StoreOptions{})
	sel := all[:3]
	n, err := s.Bulk(ctx, ben.ID, sel, crm.BulkAction{Kind: crm.BulkAssign, Owner: ann.ID})
	if err != nil || n != 3 {
		t.Fatalf("assign = %d, %v", n, err)
	}
	if n, _ := s.Bulk(ctx, ben.ID, sel, crm.BulkAction{Kind: crm.BulkAssign, Owner: ann.ID}); n != 0 {
		t.Fatalf("assigning again changed %d", n)
	}
	if got := ids(t, s, crm.Filter{Owner: "me", Me: ann.ID}); !slices.Equal(got, sel) {
		t.Fatalf("ann's leads = %v, want %v", got, sel)
	}
	if got := ids(t, s, crm.Filter{Owner: "none"}); !slices.Equal(got, all[3:]) {
		t.Fatalf("unassigned = %v, want %v", got, all[3:])
	}
	if n, err := s.Bulk(ctx, ben.ID, all[1:], crm.BulkAction{Kind: crm.BulkAddTag, Tag: "  hot   lead "}); err != nil || n != 4 {
		t.Fatalf("tag = %d, %v", n, err)
	}
	if got := ids(t, s, crm.Filter{Tag: "hot lead"}); !slices.Equal(got, all[1:]) {
		t.Fatalf("tagged = %v", got)
	}
	if n, _ := s.Bulk(ctx, ben.ID, all[:2], crm.BulkAction{Kind: crm.BulkRemoveTag, Tag: "hot lead"}); n != 1 {
		t.Fatalf("untag changed %d, want 1 (only one of the two had it)", n)
	}
	if _, err := s.Bulk(ctx, ben.ID, sel, crm.BulkAction{Kind: crm.BulkStage, Stage: crm.StageDoNotContact}); !isValidation(err) {
		t.Fatalf("bulk do-not-contact without a reason: %v", err)
	}
	if n, err := s.Bulk(ctx, ben.ID, sel, crm.BulkAction{Kind: crm.BulkStage, Stage: crm.StageDoNotContact, Reason: "Asked to be removed"}); err != nil || n != 3 {
		t.Fatalf("stage = %d, %v", n, err)
	}
	c := mustCompany(t, s, sel[0])
	if c.Score != 0 || c.Stage != crm.StageDoNotContact || c.OwnerEmail != ann.Email {
		t.Fatalf("after bulk: %+v", c.CompanyRow)
	}
	if c.Timeline[0].Kind != crm.ActivityStageChange || c.Timeline[0].Note != "Asked to be removed" || c.Timeline[0].UserEmail != ben.Email {
		t.Fatalf("timeline = %+v", c.Timeline[0])
	}
	changes, err := s.Changes(ctx, sel[0])
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range changes {
		got = append(got, fmt.Sprintf("%s:%s→%s by %s", ch.Field, ch.Old, ch.New, ch.UserEmail))
	}
	want := []string{"stage:new→do_not_contact by ben@example.com", "owner:→ann@example.com by ben@example.com"}
	if !slices.Equal(got, want) {
		t.Fatalf("history = %q, want %q", got, want)
	}
	tags, _ := s.Tags(ctx)
	if len(tags) != 1 || tags[0] != (crm.TagCount{Tag: "hot lead", Companies: 3}) {
		t.Fatalf("tags = %+v", tags)
	}
	for _, bad := range []crm.BulkAction{{Kind: "explode"}, {Kind: crm.BulkAddTag, Tag: " "}, {Kind: crm.BulkStage, Stage: "later"}} {
		if _, err := s.Bulk(ctx, ben.ID, sel, bad); !isValidation(err) {
			t.Errorf("bulk %+v: %v, want a validation error", bad, err)
		}
	}
	if _, err := s.Bulk(ctx, ben.ID, nil, crm.BulkAction{Kind: crm.BulkAssign}); !isValidation(err) {
		t.Errorf("empty selection: %v", err)
	}
}

func TestListFiltersSearchAndSorts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, all, ann, _ := queueStore(t, 4, crm.StoreOptions{})
	client := mustIngest(t, s, project("c55", "p55", 9_000, false, time.Now().AddDate(0, 0, -1))).CompanyID
	// The second company gets a note that search finds, and a call.
	if err := s.AddNote(ctx, ann.ID, all[1], "They want a Kubernetes migration"); err != nil {
		t.Fatal(err)
	}
	if err := s.LogCall(ctx, ann.ID, all[2], crm.Call{Result: crm.CallNoAnswer, Next: nextStep()}); err != nil {
		t.Fatal(err)
	}
	if err := s.EditCompany(ctx, ann.ID, all[3], crm.CompanyEdit{Name: "Company 9103", Phone: ""}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    crm.Filter
		want []int64
	}{
		{"NoteSearch", crm.Filter{Query: "kubernetes"}, []int64{all[1]}},
		{"SignalTitleSearch", crm.Filter{Query: "\"Project p55\""}, []int64{client}},
		{"Client", crm.Filter{Kind: crm.KindClient}, []int64{client}},
		{"Funded", crm.Filter{Kind: crm.KindFunded}, all},
		{"HasPhone", crm.Filter{HasPhone: true}, all[:3]},
		{"NotContacted", crm.Filter{NotContacted: true}, []int64{all[0], all[1], all[3], client}},
		{"ContactedToday", crm.Filter{ContactedAfter: time.Now().Truncate(24 * time.Hour).Add(-24 * time.Hour)}, []int64{all[2]}},
		{"ContactedBefore", crm.Filter{ContactedBefore: time.Now().AddDate(0, 0, -3)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := slices.Sorted(slices.Values(tc.want))
			if got := ids(t, s, tc.f); !slices.Equal(got, want) {
				t.Errorf("%+v matched %v, want %v", tc.f, got, want)
			}
		})
	}
	// Sorts page with the keyset: one row a page must give every row once, in order.
	for _, so := range []crm.Sort{crm.SortScore, crm.SortEstimate, crm.SortActivity, crm.SortNewest} {
		var got []int64
		after := mustCursor(t, "")
		for range 10 {
			p, err := s.ListCompanies(ctx, crm.Filter{Sort: so}, after, 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range p.Rows {
				got = append(got, r.ID)
			}
			if p.Next == (crm.Cursor{}) {
				break
			}
			after = p.Next
		}
		if len(got) != 5 || len(slices.Compact(slices.Sorted(slices.Values(got)))) != 5 {
			t.Errorf("sort %q paged %v, want 5 distinct rows", so, got)
		}
		switch so {
		case crm.SortActivity: // worked leads first, the latest first
			if got[0] != all[3] && got[0] != all[2] {
				t.Errorf("by activity starts with %d", got[0])
			}
		case crm.SortNewest:
			if got[0] != client {
				t.Errorf("newest first is %d, want %d", got[0], client)
			}
		}
	}
}

func TestEditCompanyAndContacts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, all, ann, _ := queueStore(t, 1, crm.StoreOptions{})
	id := all[0]
	if err := s.EditCompany(ctx, ann.ID, id, crm.CompanyEdit{Name: "Northwind Robotics", Domain: "https://www.Northwind.example/about", Phone: "+1 512 555 0199"}); err != nil {
		t.Fatal(err)
	}
	if err := s.EditCompany(ctx, ann.ID, id, crm.CompanyEdit{Name: "Northwind Robotics", Domain: "not a site"}); !isValidation(err) {
		t.Fatalf("bad website: %v", err)
	}
	cid, err := s.AddContact(ctx, ann.ID, id, crm.ContactInput{Name: "Grace Hopper", Title: "CTO", Email: "grace@northwind.example"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddContact(ctx, ann.ID, id, crm.ContactInput{Name: "Grace Hopper"}); !isValidation(err) {
		t.Fatalf("duplicate contact: %v", err)
	}
	if _, err := s.AddContact(ctx, ann.ID, id, crm.ContactInput{Name: "X", Email: "nope"}); !isValidation(err) {
		t.Fatalf("bad email: %v", err)
	}
	if _, err := s.AddContact(ctx, ann.ID, id, crm.ContactInput{Name: "X", ProfileURL: "javascript:alert(1)"}); !isValidation(err) {
		t.Fatalf("javascript: profile accepted: %v", err)
	}
	if err := s.EditContact(ctx, ann.ID, id, cid, crm.ContactInput{Name: "Grace Hopper", Title: "CEO", Email: "grace@northwind.example"}); err != nil {
		t.Fatal(err)
	}
	if err := s.EditContact(ctx, ann.ID, id+1000, cid, crm.ContactInput{Name: "Grace"}); !errors.Is(err, crm.ErrNotFound) {
		t.Fatalf("contact of another company: %v", err)
	}
	c := mustCompany(t, s, id)
	if c.Domain != "northwind.example" || c.Name != "Northwind Robotics" || c.Phone != "+1 512 555 0199" {
		t.Fatalf("company = %+v", c.CompanyRow)
	}
	changes, _ := s.Changes(ctx, id)
	var fields []string
	for _, ch := range changes {
		fields = append(fields, ch.Field)
	}
	want := []string{"contact Grace Hopper: title", "contacts", "phone", "website", "name"} // newest first
	if !slices.Equal(fields, want) {
		t.Fatalf("history fields = %q, want %q", fields, want)
	}
}

func TestSavedViews(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _, ann, ben := queueStore(t, 2, crm.StoreOptions{})
	mine, err := s.SaveView(ctx, ann.ID, "My hot leads", crm.Filter{MinScore: 40, Owner: "me", Sort: crm.SortEstimate}, false)
	if err != nil {
		t.Fatal(err)
	}
	team, err := s.SaveView(ctx, ann.ID, "Team: clients", crm.Filter{Kind: crm.KindClient}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveView(ctx, ann.ID, " ", crm.Filter{}, false); !isValidation(err) {
		t.Fatalf("blank name: %v", err)
	}
	_, f, err := s.GetView(ctx, ann.ID, mine)
	if err != nil || f.MinScore != 40 || f.Owner != "me" || f.Sort != crm.SortEstimate {
		t.Fatalf("view filter = %+v, %v", f, err)
	}
	views, _ := s.Views(ctx, ben.ID)
	if len(views) != 1 || views[0].ID != team || views[0].Mine || views[0].OwnerEmail != ann.Email {
		t.Fatalf("ben sees %+v, want only the shared view", views)
	}
	if _, _, err := s.GetView(ctx, ben.ID, mine); !errors.Is(err, crm.ErrNotFound) {
		t.Fatalf("ben opened ann's personal view: %v", err)
	}
	if err := s.SetDefaultView(ctx, ben.ID, mine); !errors.Is(err, crm.ErrNotFound) {
		t.Fatalf("ben made ann's personal view his default: %v", err)
	}
	if err := s.SetDefaultView(ctx, ben.ID, team); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.DefaultView(ctx, ben.ID); d != team {
		t.Fatalf("ben's default = %d, want %d", d, team)
	}
	if err := s.DeleteView(ctx, ben.ID, team); !errors.Is(err, crm.ErrNotFound) {
		t.Fatalf("ben deleted ann's view: %v", err)
	}
	if err := s.DeleteView(ctx, ann.ID, team); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.DefaultView(ctx, ben.ID); d != 0 {
		t.Fatalf("default after delete = %d", d)
	}
	n, more, err := s.CountMatching(ctx, crm.Filter{})
	if err != nil || n != 2 || more {
		t.Fatalf("count = %d %v %v", n, more, err)
	}
	if v := (crm.View{ID: 7, Query: url.Values{"tag": {"a&b"}}.Encode()}); v.URL() != "/leads?view=7&tag=a%26b" {
		t.Fatalf("view URL = %s", v.URL())
	}
}
