package crm_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestMergeMovesWorkAndUndoPutsItBack merges a company that was worked
// (tasks, tags, a call newer than anything on the winner) into one that
// was barely touched: the winner gets the open tasks and the tags it
// lacks, its last activity and last call are the moved call's, and the
// Today page shows the tasks on the winner. Undoing the merge puts the
// tasks and tags back on the loser and the winner's dates back to its own.
func TestMergeMovesWorkAndUndoPutsItBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clock})
	u, err := s.CreateUser(ctx, "rep@example.com", "correct horse battery", crm.RoleSales)
	if err != nil {
		t.Fatal(err)
	}
	winner := mustIngest(t, s, formD("41", "0000000041-26-000001", "", 1_000_000, now)).CompanyID
	loser := mustIngest(t, s, formD("42", "0000000042-26-000001", "", 2_000_000, now)).CompanyID

	// The winner: a note ten days ago, tagged "hot", one task of its own.
	if err := s.AddNote(ctx, u.ID, winner, "Researched them"); err != nil {
		t.Fatal(err)
	}
	noteAt := time.Now().Add(-10 * 24 * time.Hour).UTC().Truncate(time.Microsecond)
	if _, err := pool.Exec(ctx, `UPDATE activities SET created_at = $2 WHERE company_id = $1 AND kind = 'note'`, winner, noteAt); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE companies SET last_activity_at = $2 WHERE id = $1`, winner, noteAt); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddTask(ctx, u.ID, winner, crm.TaskInput{Kind: crm.TaskEmail, Title: "Winner's own task", DueAt: now.AddDate(0, 0, 2)}); err != nil {
		t.Fatal(err)
	}
	// The loser: called just now with a follow-up, another open task, tags "hot" (a duplicate) and "q3".
	call := crm.Call{Result: crm.CallConnected, Outcome: "Interested", Note: "Spoke to the CTO",
		Next: crm.TaskInput{Kind: crm.TaskCall, Title: "Call the CTO back", DueAt: now.AddDate(0, 0, 1)}}
	if err := s.LogCall(ctx, u.ID, loser, call); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddTask(ctx, u.ID, loser, crm.TaskInput{Kind: crm.TaskEmail, Title: "Send the case study", DueAt: now.AddDate(0, 0, 3)}); err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"hot", "q3"} {
		ids := []int64{loser}
		if tag == "hot" {
			ids = append(ids, winner)
		}
		if _, err := s.Bulk(ctx, u.ID, ids, crm.BulkAction{Kind: crm.BulkAddTag, Tag: tag}); err != nil {
			t.Fatal(err)
		}
	}
	l, err := s.GetCompany(ctx, loser)
	if err != nil {
		t.Fatal(err)
	}
	callAt := l.LastContactedAt
	if callAt.IsZero() || !callAt.After(noteAt) {
		t.Fatalf("loser's last call at %v, want after the winner's note at %v", callAt, noteAt)
	}

	mergeID, err := s.MergeCompanies(ctx, u.ID, winner, loser)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.GetCompany(ctx, winner)
	if err != nil {
		t.Fatal(err)
	}
	if got := taskTitles(w.Tasks); !slices.Equal(got, []string{"Call the CTO back", "Winner's own task", "Send the case study"}) {
		t.Errorf("winner's open tasks after the merge = %q, want its own and the loser's", got)
	}
	if !slices.Equal(w.Tags, []string{"hot", "q3"}) {
		t.Errorf("winner's tags after the merge = %q, want hot and q3 once each", w.Tags)
	}
	if !hasNote(w.Timeline, "Spoke to the CTO") {
		t.Error("the loser's call did not move to the winner's timeline")
	}
	if !w.LastActivityAt.Equal(callAt) || !w.LastContactedAt.Equal(callAt) {
		t.Errorf("winner's last activity %v and last call %v, want the moved call's %v", w.LastActivityAt, w.LastContactedAt, callAt)
	}
	due, err := s.TasksDue(ctx, u.ID, now.AddDate(0, 0, 5))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range append(due.Overdue, due.Today...) {
		if d.CompanyID != winner {
			t.Errorf("Today lists %q on company %d, want the winner %d", d.Title, d.CompanyID, winner)
		}
	}
	if n := len(due.Overdue) + len(due.Today); n != 3 {
		t.Errorf("Today lists %d tasks, want 3", n)
	}
	// The tag is counted once per live company carrying it.
	if p, err := s.ListCompanies(ctx, crm.Filter{Tag: "q3"}, mustCursor(t, ""), 10); err != nil || len(p.Rows) != 1 || p.Rows[0].ID != winner {
		t.Errorf("leads tagged q3 after the merge = %+v, %v; want the winner", p.Rows, err)
	}

	if err := s.UndoMerge(ctx, u.ID, mergeID); err != nil {
		t.Fatal(err)
	}
	w, _ = s.GetCompany(ctx, winner)
	l, _ = s.GetCompany(ctx, loser)
	if got := taskTitles(w.Tasks); !slices.Equal(got, []string{"Winner's own task"}) {
		t.Errorf("winner's open tasks after undo = %q", got)
	}
	if got := taskTitles(l.Tasks); !slices.Equal(got, []string{"Call the CTO back", "Send the case study"}) {
		t.Errorf("loser's open tasks after undo = %q", got)
	}
	if !slices.Equal(w.Tags, []string{"hot"}) || !slices.Equal(l.Tags, []string{"hot", "q3"}) {
		t.Errorf("tags after undo: winner %q, loser %q; want hot, and hot and q3", w.Tags, l.Tags)
	}
	if !w.LastActivityAt.Equal(noteAt) || !w.LastContactedAt.IsZero() {
		t.Errorf("winner's last activity %v and last call %v after undo, want its note's %v and none", w.LastActivityAt, w.LastContactedAt, noteAt)
	}
	if !l.LastActivityAt.Equal(callAt) || !l.LastContactedAt.Equal(callAt) {
		t.Errorf("loser's last activity %v and last call %v after undo, want its call's %v", l.LastActivityAt, l.LastContactedAt, callAt)
	}

	// Merging again after the undo moves the same work once more.
	if _, err := s.MergeCompanies(ctx, u.ID, winner, loser); err != nil {
		t.Fatal(err)
	}
	if w, _ = s.GetCompany(ctx, winner); len(w.Tasks) != 3 || !slices.Equal(w.Tags, []string{"hot", "q3"}) {
		t.Errorf("after merging again: %d tasks, tags %q", len(w.Tasks), w.Tags)
	}
}

func taskTitles(tasks []crm.Task) []string {
	out := make([]string, len(tasks))
	for i, t := range tasks {
		out[i] = t.Title
	}
	return out
}
