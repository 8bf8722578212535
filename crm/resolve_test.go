package crm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
)

// news builds a funding-news signal naming a company by name (and maybe website).
func news(item, name, website string, keys ...string) crawlers.Signal {
	return crawlers.Signal{
		Source: "news", SourceItemID: item, Kind: crawlers.KindFunding, Title: name + " raises $5M",
		URL: "https://news.example/" + item, OccurredAt: now.AddDate(0, 0, -2), AmountUSD: 5_000_000,
		Company: crawlers.Company{Name: name, Domain: website, Keys: keys},
	}
}

func TestResolutionOfTrickyNames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	edgar := formD("1", "0000000001-26-000001", "", 2_000_000, now)
	edgar.Company.Name = "Acme, Inc."
	acme := mustIngest(t, s, edgar).CompanyID
	type named struct {
		name string
		sig  crawlers.Signal
	}
	// In order: the website arrives before the conflicting one.
	same := []named{
		{"UpperCaseInc", news("n1", "ACME Inc", "")},
		{"TheCompany", news("n2", "The Acme Company", "")},
		{"WebsiteBySameName", news("n3", "Acme", "https://www.acme.io/", "crunchbase:acme-uuid")},
		{"DomainOnly", news("n4", "Acme Robotics Platform", "http://app.acme.io/login")},
		{"SourceKeyAgain", news("n5", "Acme (formerly Widgets)", "", "crunchbase:acme-uuid")},
	}
	for _, tc := range same {
		name, sig := tc.name, tc.sig
		if got := mustIngest(t, s, sig).CompanyID; got != acme {
			t.Errorf("%s (%q) became company %d, want Acme %d", name, sig.Company.Name, got, acme)
		}
	}
	differ := map[string]crawlers.Signal{
		"Labs":            news("d1", "Acme Labs", ""),
		"Fund":            news("d2", "Acme Ventures Fund II, L.P.", ""),
		"ConflictingSite": news("d3", "Acme", "acme.com"),
	}
	for name, sig := range differ {
		if got := mustIngest(t, s, sig).CompanyID; got == acme {
			t.Errorf("%s (%q) was merged into Acme silently", name, sig.Company.Name)
		}
	}
	c, err := s.GetCompany(ctx, acme)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Acme, Inc." || c.Domain != "acme.io" || len(c.Signals) != 6 {
		t.Fatalf("Acme = %q, domain %q, %d signals", c.Name, c.Domain, len(c.Signals))
	}
	pairs, err := s.PossibleDuplicates(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, p := range pairs {
		reasons = append(reasons, p.A.Name+" ~ "+p.B.Name+": "+p.Reason)
		if strings.Contains(p.A.Name+p.B.Name, "Fund") {
			t.Errorf("a fund was paired with its namesake: %s", reasons[len(reasons)-1])
		}
	}
	got := strings.Join(reasons, "\n")
	// Both Acmes look like Acme Labs; the two Acmes have the same name but different websites.
	if !strings.Contains(got, "Acme, Inc. ~ Acme Labs") || !strings.Contains(got, "same name, different websites (acme.io, acme.com)") || len(pairs) != 3 {
		t.Fatalf("review queue:\n%s", got)
	}
	if first := c.Timeline[len(c.Timeline)-1].Note; !strings.HasPrefix(first, "First seen in SEC EDGAR") {
		t.Errorf("first timeline entry = %q", first)
	}
	if !hasNote(c.Timeline, "New from funding news: ACME Inc raises $5M") {
		t.Error("a new signal on a known company left no crawl event")
	}
}

func TestAmendmentNoteStatesTheChange(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	id := mustIngest(t, s, formD("7", "0000000007-26-000001", "", 1_000_000, now.AddDate(0, 0, -9))).CompanyID
	mustIngest(t, s, formD("7", "0000000007-26-000002", "0000000007-26-000001", 3_100_000, now))
	c, _ := s.GetCompany(context.Background(), id)
	if note := c.Timeline[0].Note; !strings.Contains(note, "amount +$2.1M, now $3.1M") {
		t.Fatalf("amendment note = %q", note)
	}
}

func TestMergeAndUndo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	u, err := s.CreateUser(ctx, "rev@example.com", "reviewer password", crm.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	a := mustIngest(t, s, formD("11", "0000000011-26-000001", "", 1_000_000, now)).CompanyID
	labs := news("m1", "Acme Labs", "acmelabs.dev")
	labs.Company.Name = "Company 11 Labs" // looks like "Company 11"
	labs.Contacts = []crawlers.Contact{{Name: "Ada Lovelace", Title: "CEO"}, {Name: "Grace Hopper", Title: "CTO"}}
	labs.Source = "edgar" // same source as a's contact, so Ada is a duplicate contact
	b := mustIngest(t, s, labs).CompanyID
	if err := s.AddNote(ctx, u.ID, b, "Spoke to Grace"); err != nil {
		t.Fatal(err)
	}
	pairs, _ := s.PossibleDuplicates(ctx, 10)
	if len(pairs) != 1 {
		t.Fatalf("%d pairs, want the lookalike", len(pairs))
	}
	if _, err := s.MergeDuplicate(ctx, u.ID, pairs[0].ID, 999); !isValidation(err) {
		t.Fatalf("keeping a third company: %v", err)
	}
	mergeID, err := s.MergeDuplicate(ctx, u.ID, pairs[0].ID, a)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := s.GetCompany(ctx, a)
	l, _ := s.GetCompany(ctx, b)
	if len(w.Signals) != 2 || len(w.Contacts) != 2 || w.Domain != "acmelabs.dev" || l.MergedInto != a {
		t.Fatalf("after merge: winner %d signals %d contacts domain %q; loser merged into %d", len(w.Signals), len(w.Contacts), w.Domain, l.MergedInto)
	}
	if n := count(t, s, crm.Filter{}); n != 1 {
		t.Fatalf("%d companies listed after merge, want 1", n)
	}
	if got := mustIngest(t, s, news("m2", "Company 11 Labs", "")).CompanyID; got != a {
		t.Fatalf("a new signal for the merged company landed on %d, want %d", got, a)
	}
	if _, err := s.MergeDuplicate(ctx, u.ID, pairs[0].ID, a); !errors.Is(err, crm.ErrMergeConflict) {
		t.Fatalf("merging a decided pair again: %v", err)
	}
	if err := s.UndoMerge(ctx, u.ID, mergeID); err != nil {
		t.Fatal(err)
	}
	w, _ = s.GetCompany(ctx, a)
	l, _ = s.GetCompany(ctx, b)
	if len(w.Signals) != 2 || w.Domain != "" || len(l.Signals) != 1 || len(l.Contacts) != 2 || l.MergedInto != 0 {
		t.Fatalf("after undo: winner %d signals domain %q; loser %d signals %d contacts merged into %d",
			len(w.Signals), w.Domain, len(l.Signals), len(l.Contacts), l.MergedInto)
	}
	if !hasNote(l.Timeline, "Spoke to Grace") || !hasNote(w.Timeline, "Undid the merge") {
		t.Fatal("timeline entries did not go back with the undo")
	}
	if err := s.UndoMerge(ctx, u.ID, mergeID); !errors.Is(err, crm.ErrMergeConflict) {
		t.Fatalf("second undo: %v", err)
	}
	if pairs, _ := s.PossibleDuplicates(ctx, 10); len(pairs) != 1 {
		t.Fatal("the pair did not return to the review queue")
	}
	if err := s.DismissDuplicate(ctx, u.ID, pairs[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountPossibleDuplicates(ctx); n != 0 {
		t.Fatalf("%d pairs pending after dismissing", n)
	}
	merges, err := s.RecentMerges(ctx, 10)
	if err != nil || len(merges) != 1 || merges[0].UndoneAt.IsZero() || merges[0].MergedBy != u.Email {
		t.Fatalf("merge history = %+v, %v", merges, err)
	}
}

func hasNote(items []crm.Activity, prefix string) bool {
	for _, a := range items {
		if strings.HasPrefix(a.Note, prefix) {
			return true
		}
	}
	return false
}

func isValidation(err error) bool {
	var ve *crm.ValidationError
	return errors.As(err, &ve)
}

// TestDisagreeingSourcesDoNotFlipACompany re-reads two unchanged sources
// that disagree on a field: the company keeps the newest evidence's value
// and nothing counts as updated.
func TestDisagreeingSourcesDoNotFlipACompany(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	filing := formD("31", "0000000031-26-000001", "", 1_000_000, now)
	filing.Company.Name = "Kestrel Labs"
	hiring := news("k1", "Kestrel Labs", "")
	hiring.Company.City = "San Francisco"
	for round := range 2 {
		for _, sig := range []crawlers.Signal{filing, hiring} {
			res := mustIngest(t, s, sig)
			if round == 1 && (res.New || res.Updated) {
				t.Fatalf("re-reading unchanged %s changed something: %+v", sig.Source, res)
			}
		}
	}
	p, err := s.ListCompanies(context.Background(), crm.Filter{}, mustCursor(t, ""), 10)
	if err != nil || len(p.Rows) != 1 || p.Rows[0].City != "San Francisco" {
		t.Fatalf("companies = %+v, %v; want one, in San Francisco (the newest evidence)", p.Rows, err)
	}
}
