package crm

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// SessionStore keeps web sessions in PostgreSQL. It implements the store
// interface of github.com/alexedwards/scs (CtxStore), so the session library
// manages tokens and cookies while the SQL stays here.
type SessionStore struct{ store *Store }

// Sessions returns the store's session storage.
func (s *Store) Sessions() *SessionStore { return &SessionStore{store: s} }

// FindCtx returns a live session's data.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	b, err := ss.store.q().SessionFind(ctx, token)
	if errors.Is(notFound(err), ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("crm: find session: %w", err)
	}
	return b, true, nil
}

// CommitCtx saves a session until expiry.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if err := ss.store.q().SessionCommit(ctx, dbsqlc.SessionCommitParams{Token: token, Data: b, Expiry: expiry}); err != nil {
		return fmt.Errorf("crm: save session: %w", err)
	}
	return nil
}

// DeleteCtx ends a session.
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	if err := ss.store.q().SessionDelete(ctx, token); err != nil {
		return fmt.Errorf("crm: delete session: %w", err)
	}
	return nil
}

// Find is FindCtx without a context, for the session library's plain interface.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (ss *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (ss *SessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}

// DeleteExpired removes sessions past their expiry and says how many.
func (ss *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	n, err := ss.store.q().SessionDeleteExpired(ctx)
	if err != nil {
		return 0, fmt.Errorf("crm: delete expired sessions: %w", err)
	}
	return n, nil
}
