package crm

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// ErrBadToken is returned for an API token that is unknown, revoked, or
// belongs to a deactivated user, alike.
var ErrBadToken = errors.New("invalid or revoked API token")

// APITokenPrefix starts every API token, so a leaked one is recognisable
// (by secret scanners too).
const APITokenPrefix = "lg_"

// MaxAPITokenNameLen is the longest token name accepted, in characters.
const MaxAPITokenNameLen = 100

// apiTokenTouchEvery is how stale a token's last use may get before a
// request records it again: it spares a write per API request.
const apiTokenTouchEvery = time.Minute

// APIToken is a personal token for the JSON API, as its owner sees it: the
// token itself is shown once, when created, and only its hash is kept.
type APIToken struct {
	ID         int64
	Name       string
	Prefix     string // the token's first 8 characters, to tell tokens apart
	CreatedAt  time.Time
	LastUsedAt time.Time // zero: never used
	RevokedAt  time.Time // zero while it works
}

// Revoked reports whether the token no longer works.
func (t APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }

// hashAPIToken is what is stored of a token: its SHA-256, in hex.
func hashAPIToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateAPIToken gives user userID a new named API token and returns it
// with the token itself, to be shown this once.
func (s *Store) CreateAPIToken(ctx context.Context, userID int64, name string) (APIToken, string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return APIToken{}, "", &ValidationError{Field: "name", Message: "is required: say what the token is for"}
	}
	if utf8.RuneCountInString(name) > MaxAPITokenNameLen {
		return APIToken{}, "", &ValidationError{Field: "name", Message: fmt.Sprintf("must be at most %d characters", MaxAPITokenNameLen)}
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	token := APITokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	t := APIToken{Name: name, Prefix: token[:8], CreatedAt: s.now()}
	id, err := s.q().APITokenInsert(ctx, dbsqlc.APITokenInsertParams{UserID: userID, Name: name,
		TokenHash: hashAPIToken(token), Prefix: t.Prefix, CreatedAt: t.CreatedAt})
	if err != nil {
		return APIToken{}, "", fmt.Errorf("crm: create API token: %w", err)
	}
	t.ID = id
	return t, token, nil
}

// ListAPITokens returns user userID's tokens, revoked ones too, newest first.
func (s *Store) ListAPITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := s.q().APITokenList(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("crm: list API tokens: %w", err)
	}
	out := make([]APIToken, len(rows))
	for i, r := range rows {
		out[i] = APIToken{ID: r.ID, Name: r.Name, Prefix: r.Prefix, CreatedAt: r.CreatedAt,
			LastUsedAt: tsTime(r.LastUsedAt), RevokedAt: tsTime(r.RevokedAt)}
	}
	return out, nil
}

// RevokeAPIToken stops one of user userID's tokens working; another user's
// token is not found. Revoking twice is harmless.
func (s *Store) RevokeAPIToken(ctx context.Context, userID, id int64) error {
	n, err := s.q().APITokenRevoke(ctx, dbsqlc.APITokenRevokeParams{ID: id, UserID: userID, Now: s.now()})
	if err != nil {
		return fmt.Errorf("crm: revoke API token %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("crm: revoke API token %d: %w", id, ErrNotFound)
	}
	return nil
}

// AuthenticateToken returns the active user a live API token belongs to,
// and notes that the token was used. ErrBadToken otherwise.
func (s *Store) AuthenticateToken(ctx context.Context, token string) (User, error) {
	if !strings.HasPrefix(token, APITokenPrefix) || len(token) > 200 {
		return User{}, ErrBadToken
	}
	r, err := s.q().APITokenFind(ctx, hashAPIToken(token))
	if errors.Is(notFound(err), ErrNotFound) {
		return User{}, ErrBadToken
	}
	if err != nil {
		return User{}, fmt.Errorf("crm: authenticate token: %w", err)
	}
	now := s.now()
	if !r.LastUsedAt.Valid || now.Sub(r.LastUsedAt.Time) >= apiTokenTouchEvery {
		if err := s.q().APITokenTouch(ctx, dbsqlc.APITokenTouchParams{ID: r.ID, Now: now}); err != nil {
			return User{}, fmt.Errorf("crm: note API token use: %w", err)
		}
	}
	return User{ID: r.UserID, Email: r.Email, Role: Role(r.Role), Active: r.Active}, nil
}
