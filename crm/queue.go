package crm

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// ErrQueueDone is returned when a call queue has no lead left to call.
var ErrQueueDone = errors.New("no lead left to call in this queue")

// leaseFor is how long a lead stays open in a caller's queue without the
// page renewing it: long enough to type notes, short enough that a closed
// tab frees the lead soon.
const leaseFor = 10 * time.Minute

// queueCandidates is how many leads a queue considers at once when
// another caller may be taking some of them.
const queueCandidates = 10

// Queue is one user's session of calling through a list, in the list's order.
type Queue struct {
	ID     int64
	UserID int64
	Filter Filter
	Calls  int
	Skips  int
}

// StartQueue starts calling through the leads f selects.
func (s *Store) StartQueue(ctx context.Context, userID int64, f Filter) (int64, error) {
	id, err := s.q().QueueInsert(ctx, dbsqlc.QueueInsertParams{UserID: userID, Filter: f.Values().Encode()})
	if err != nil {
		return 0, fmt.Errorf("crm: start queue: %w", err)
	}
	return id, nil
}

// GetQueue returns a queue of userID's; another user's queue is not found.
func (s *Store) GetQueue(ctx context.Context, userID, id int64) (Queue, error) {
	r, err := s.q().QueueGet(ctx, id)
	if err != nil {
		return Queue{}, fmt.Errorf("crm: queue %d: %w", id, notFound(err))
	}
	if r.UserID != userID {
		return Queue{}, fmt.Errorf("crm: queue %d: %w", id, ErrNotFound)
	}
	v, err := url.ParseQuery(r.Filter)
	if err != nil {
		return Queue{}, fmt.Errorf("crm: queue %d filter: %w", id, err)
	}
	f, err := ParseFilter(v)
	if err != nil {
		return Queue{}, fmt.Errorf("crm: queue %d filter: %w", id, err)
	}
	return Queue{ID: r.ID, UserID: r.UserID, Filter: f, Calls: int(r.Calls), Skips: int(r.Skips)}, nil
}

// QueueCurrent returns the lead the queue is on: the one it holds, or the
// next in the list's order that is not Do-not-contact, not called within
// the cooldown, not skipped here and not open in another user's queue,
// which it then holds. ErrQueueDone when there is none.
func (s *Store) QueueCurrent(ctx context.Context, userID, queueID int64) (int64, error) {
	qu, err := s.GetQueue(ctx, userID, queueID)
	if err != nil {
		return 0, err
	}
	q := s.q()
	held, err := q.QueueHeld(ctx, queueID)
	if err == nil {
		if _, err := q.LeaseRenew(ctx, dbsqlc.LeaseRenewParams{QueueID: queueID, UserID: userID, Secs: leaseFor.Seconds()}); err != nil {
			return 0, fmt.Errorf("crm: renew lease: %w", err)
		}
		return held, nil
	}
	if !errors.Is(notFound(err), ErrNotFound) {
		return 0, fmt.Errorf("crm: queue %d: %w", queueID, err)
	}
	after := start
	scope := &queueScope{queueID: queueID, userID: userID, cooldown: s.callCooldown}
	for {
		ms, _, err := s.matching(ctx, qu.Filter, after, queueCandidates, scope)
		if err != nil {
			return 0, fmt.Errorf("crm: queue %d: %w", queueID, err)
		}
		for _, m := range ms {
			id, err := q.LeaseClaim(ctx, dbsqlc.LeaseClaimParams{CompanyID: m.ID, UserID: userID, QueueID: queueID, Secs: leaseFor.Seconds()})
			if err == nil {
				return id, nil
			}
			if !errors.Is(notFound(err), ErrNotFound) {
				return 0, fmt.Errorf("crm: lease %d: %w", m.ID, err)
			}
			// Another caller took it meanwhile: try the next.
		}
		if len(ms) < queueCandidates {
			return 0, ErrQueueDone
		}
		last := ms[len(ms)-1]
		after = Cursor{Key: last.Key, ID: last.ID}
	}
}

// RenewQueue keeps the queue's lead open while its caller is on the page.
func (s *Store) RenewQueue(ctx context.Context, userID, queueID int64) error {
	if _, err := s.GetQueue(ctx, userID, queueID); err != nil {
		return err
	}
	if _, err := s.q().LeaseRenew(ctx, dbsqlc.LeaseRenewParams{QueueID: queueID, UserID: userID, Secs: leaseFor.Seconds()}); err != nil {
		return fmt.Errorf("crm: renew lease: %w", err)
	}
	return nil
}

// QueueLogCall logs the call on the queue's current lead and lets it go, so
// the queue moves on.
func (s *Store) QueueLogCall(ctx context.Context, userID, queueID, companyID int64, c Call) error {
	o, err := s.checkCall(ctx, &c)
	if err != nil {
		return err
	}
	if _, err := s.GetQueue(ctx, userID, queueID); err != nil {
		return err
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		if err := s.logCall(ctx, q, userID, companyID, c, o); err != nil {
			return err
		}
		if err := q.LeaseRelease(ctx, queueID); err != nil {
			return fmt.Errorf("crm: release lease: %w", err)
		}
		return q.QueueCount(ctx, dbsqlc.QueueCountParams{ID: queueID, Calls: 1})
	})
}

// QueueSkip passes over the queue's current lead; it does not come back in
// this queue.
func (s *Store) QueueSkip(ctx context.Context, userID, queueID, companyID int64) error {
	if _, err := s.GetQueue(ctx, userID, queueID); err != nil {
		return err
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		if err := q.QueueSkipInsert(ctx, dbsqlc.QueueSkipInsertParams{QueueID: queueID, CompanyID: companyID}); err != nil {
			return fmt.Errorf("crm: skip %d: %w", companyID, notFound(err))
		}
		if err := q.LeaseRelease(ctx, queueID); err != nil {
			return fmt.Errorf("crm: release lease: %w", err)
		}
		return q.QueueCount(ctx, dbsqlc.QueueCountParams{ID: queueID, Skips: 1})
	})
}
