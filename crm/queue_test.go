package crm_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// queueStore is a store on its own database with n funded companies
// (the first scores highest) and two sales users.
func queueStore(t *testing.T, n int, o crm.StoreOptions) (*crm.Store, []int64, crm.User, crm.User) {
	t.Helper()
	return queueStoreOn(t, crmtest.Pool(t), n, o)
}

func queueStoreOn(t *testing.T, pool *pgxpool.Pool, n int, o crm.StoreOptions) (*crm.Store, []int64, crm.User, crm.User) {
	t.Helper()
	ctx := context.Background()
	s := crm.NewStore(pool, o)
	var ids []int64
	amounts := []int64{40_000_000, 8_000_000, 2_000_000, 500_000, 150_000, 110_000} // scores far apart
	for i := range n {
		ids = append(ids, mustIngest(t, s, formD(fmt.Sprint(9100+i), fmt.Sprint("acc-91-", i), "", amounts[i], time.Now().AddDate(0, 0, -1))).CompanyID)
	}
	a, err := s.CreateUser(ctx, "ann@example.com", "correct horse battery", crm.RoleSales)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateUser(ctx, "ben@example.com", "correct horse battery", crm.RoleSales)
	if err != nil {
		t.Fatal(err)
	}
	return s, ids, a, b
}

func current(t *testing.T, s *crm.Store, user crm.User, queue int64) int64 {
	t.Helper()
	id, err := s.QueueCurrent(context.Background(), user.ID, queue)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func nextStep() crm.TaskInput { return crm.TaskInput{DueAt: time.Now().AddDate(0, 0, 1)} }

// Leads come in the list's order; a lead open in one rep's queue is never
// given to another, even when both ask at the same moment.
func TestQueueLeasesLeadsToOneCaller(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, ids, ann, ben := queueStore(t, 6, crm.StoreOptions{})
	qa, err := s.StartQueue(ctx, ann.ID, crm.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	qb, err := s.StartQueue(ctx, ben.ID, crm.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var got [2]int64
	var wg sync.WaitGroup
	for i, u := range []struct {
		user  crm.User
		queue int64
	}{{ann, qa}, {ben, qb}} {
		wg.Go(func() { got[i], _ = s.QueueCurrent(ctx, u.user.ID, u.queue) })
	}
	wg.Wait()
	if got[0] == got[1] || got[0] == 0 || got[1] == 0 {
		t.Fatalf("both reps got %v; want two different leads", got)
	}
	if (got[0] != ids[0] && got[0] != ids[1]) || (got[1] != ids[0] && got[1] != ids[1]) {
		t.Fatalf("reps got %v, want the two best-scored %v", got, ids[:2])
	}
	// Asking again gives the same lead: it is held until called or skipped.
	if again := current(t, s, ann, qa); again != got[0] {
		t.Fatalf("ann's queue moved from %d to %d without a call", got[0], again)
	}
	if _, err := s.GetQueue(ctx, ben.ID, qa); !errors.Is(err, crm.ErrNotFound) {
		t.Fatalf("ben reads ann's queue: %v", err)
	}
}

// A call needs a next step unless its outcome ends the pursuit; outcomes
// move the stage; a called lead stays out of queues for the cooldown.
func TestQueueCallsSkipsAndCooldown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, ids, ann, ben := queueStore(t, 4, crm.StoreOptions{})
	if err := s.SetStage(ctx, 0, ids[1], crm.StageDoNotContact); err != nil {
		t.Fatal(err)
	}
	qa, _ := s.StartQueue(ctx, ann.ID, crm.Filter{})
	first := current(t, s, ann, qa)
	if first != ids[0] {
		t.Fatalf("first lead %d, want %d", first, ids[0])
	}
	err := s.QueueLogCall(ctx, ann.ID, qa, first, crm.Call{Result: crm.CallConnected, Outcome: "Meeting booked", Note: "Demo Tuesday"})
	var ve *crm.ValidationError
	if !errors.As(err, &ve) || ve.Field != "next_due" {
		t.Fatalf("call without a next step: %v", err)
	}
	if again := current(t, s, ann, qa); again != first {
		t.Fatalf("a refused call moved the queue to %d", again)
	}
	if err := s.QueueLogCall(ctx, ann.ID, qa, first, crm.Call{Result: crm.CallConnected, Outcome: "Meeting booked", Note: "Demo Tuesday",
		Next: crm.TaskInput{Kind: crm.TaskMeeting, DueAt: time.Now().AddDate(0, 0, 5)}}); err != nil {
		t.Fatal(err)
	}
	c := mustCompany(t, s, first)
	if c.Stage != crm.StageMeeting || len(c.Tasks) != 1 || c.Tasks[0].Kind != crm.TaskMeeting {
		t.Fatalf("after Meeting booked: stage %s, tasks %+v", c.Stage, c.Tasks)
	}
	// Do-not-contact (ids[1]) is never queued: next is ids[2].
	second := current(t, s, ann, qa)
	if second != ids[2] {
		t.Fatalf("second lead %d, want %d (Do-not-contact %d skipped)", second, ids[2], ids[1])
	}
	if err := s.QueueSkip(ctx, ann.ID, qa, second); err != nil {
		t.Fatal(err)
	}
	third := current(t, s, ann, qa)
	if third != ids[3] {
		t.Fatalf("after a skip: %d, want %d", third, ids[3])
	}
	// A terminal outcome needs no next step, and a DNC call needs a reason.
	err = s.QueueLogCall(ctx, ann.ID, qa, third, crm.Call{Result: crm.CallConnected, Outcome: "Do not call"})
	if !errors.As(err, &ve) || ve.Field != "note" {
		t.Fatalf("do-not-call without a reason: %v", err)
	}
	if err := s.QueueLogCall(ctx, ann.ID, qa, third, crm.Call{Result: crm.CallConnected, Outcome: "Not interested", Note: "Has an in-house team"}); err != nil {
		t.Fatal(err)
	}
	if c := mustCompany(t, s, third); c.Stage != crm.StageLost || len(c.Tasks) != 0 {
		t.Fatalf("after Not interested: stage %s, tasks %+v", c.Stage, c.Tasks)
	}
	if _, err := s.QueueCurrent(ctx, ann.ID, qa); !errors.Is(err, crm.ErrQueueDone) {
		t.Fatalf("ann's queue after every lead: %v, want done", err)
	}
	q, _ := s.GetQueue(ctx, ann.ID, qa)
	if q.Calls != 2 || q.Skips != 1 {
		t.Errorf("queue counts %d calls %d skips, want 2 and 1", q.Calls, q.Skips)
	}
	// Ben's new queue: the two called leads are in their cooldown; the
	// lead Ann skipped is his to call.
	qb, _ := s.StartQueue(ctx, ben.ID, crm.Filter{})
	if got := current(t, s, ben, qb); got != second {
		t.Fatalf("ben's first lead %d, want %d (the others were called within the hour)", got, second)
	}
}

// Once the cooldown passes, a called lead comes back; a lease that runs out
// (a closed tab) frees the lead for others.
func TestQueueCooldownEndsAndLeasesExpire(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := crmtest.Pool(t)
	s, ids, ann, ben := queueStoreOn(t, pool, 2, crm.StoreOptions{CallCooldown: 50 * time.Millisecond})
	qa, _ := s.StartQueue(ctx, ann.ID, crm.Filter{})
	if err := s.QueueLogCall(ctx, ann.ID, qa, current(t, s, ann, qa), crm.Call{Result: crm.CallNoAnswer, Next: nextStep()}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	qb, _ := s.StartQueue(ctx, ben.ID, crm.Filter{})
	if got := current(t, s, ben, qb); got != ids[0] {
		t.Fatalf("after the cooldown ben gets %d, want %d again", got, ids[0])
	}
	// Ben closes his tab; ten minutes later his lease has run out.
	if _, err := pool.Exec(ctx, "UPDATE queue_leases SET leased_until = now() - interval '1 second'"); err != nil {
		t.Fatal(err)
	}
	qa2, _ := s.StartQueue(ctx, ann.ID, crm.Filter{})
	if got := current(t, s, ann, qa2); got != ids[0] {
		t.Fatalf("after ben's lease ran out ann gets %d, want %d", got, ids[0])
	}
}
