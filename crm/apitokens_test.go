package crm_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

func TestAPITokens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := &movableClock{t: now}
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clk.now})
	ann := mustUser(t, s, "ann@example.com", crm.RoleSales)
	ben := mustUser(t, s, "ben@example.com", crm.RoleAdmin)

	tok, secret, err := s.CreateAPIToken(ctx, ann.ID, "  Zapier sync ")
	if err != nil {
		t.Fatal(err)
	}
	if tok.ID == 0 || tok.Name != "Zapier sync" || !strings.HasPrefix(secret, crm.APITokenPrefix) || len(secret) < 40 || tok.Prefix != secret[:8] {
		t.Fatalf("token = %+v, secret %q", tok, secret)
	}
	// Stored hashed: the SHA-256 of the token, and nothing that gives it away.
	var hash, prefix string
	if err := pool.QueryRow(ctx, "SELECT token_hash, prefix FROM api_tokens WHERE id = $1", tok.ID).Scan(&hash, &prefix); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(secret))
	if hash != hex.EncodeToString(sum[:]) || prefix != secret[:8] {
		t.Errorf("stored hash %q prefix %q, want the token's SHA-256 in hex and its first 8 characters", hash, prefix)
	}
	var leaks int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM api_tokens t WHERE strpos(t::text, $1) > 0", secret[8:]).Scan(&leaks); err != nil || leaks != 0 {
		t.Errorf("the token is stored in the clear (%d rows, %v)", leaks, err)
	}
	// The list never has the token again.
	list, err := s.ListAPITokens(ctx, ann.ID)
	if err != nil || len(list) != 1 || list[0].Prefix != tok.Prefix || !list[0].LastUsedAt.IsZero() || list[0].Revoked() {
		t.Fatalf("list = %+v, %v", list, err)
	}

	u, err := s.AuthenticateToken(ctx, secret)
	if err != nil || u.ID != ann.ID || u.Email != "ann@example.com" || u.Role != crm.RoleSales {
		t.Fatalf("authenticate = %+v, %v", u, err)
	}
	if list, _ = s.ListAPITokens(ctx, ann.ID); !list[0].LastUsedAt.Equal(now) {
		t.Errorf("last used = %v, want %v", list[0].LastUsedAt, now)
	}
	clk.advance(30 * time.Second) // within a minute: not written again
	if _, err := s.AuthenticateToken(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if list, _ = s.ListAPITokens(ctx, ann.ID); !list[0].LastUsedAt.Equal(now) {
		t.Errorf("last used = %v after a use within the minute, want it kept at %v", list[0].LastUsedAt, now)
	}
	clk.advance(time.Minute)
	if _, err := s.AuthenticateToken(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if list, _ = s.ListAPITokens(ctx, ann.ID); !list[0].LastUsedAt.Equal(clk.now()) {
		t.Errorf("last used = %v, want %v", list[0].LastUsedAt, clk.now())
	}

	for name, bad := range map[string]string{"empty": "", "unknown": crm.APITokenPrefix + "nope", "no prefix": secret[3:],
		"truncated": secret[:len(secret)-1], "the hash": hash} {
		if _, err := s.AuthenticateToken(ctx, bad); !errors.Is(err, crm.ErrBadToken) {
			t.Errorf("%s token: %v, want ErrBadToken", name, err)
		}
	}

	if _, _, err := s.CreateAPIToken(ctx, ann.ID, "   "); validationField(err) != "name" {
		t.Errorf("nameless token: %v", err)
	}
	if _, _, err := s.CreateAPIToken(ctx, ann.ID, strings.Repeat("x", crm.MaxAPITokenNameLen+1)); validationField(err) != "name" {
		t.Errorf("long name: %v", err)
	}

	// Only the owner revokes; a revoked token fails.
	if err := s.RevokeAPIToken(ctx, ben.ID, tok.ID); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("another user revoking: %v, want not found", err)
	}
	if err := s.RevokeAPIToken(ctx, ann.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeAPIToken(ctx, ann.ID, tok.ID); err != nil {
		t.Errorf("revoking twice: %v", err)
	}
	if _, err := s.AuthenticateToken(ctx, secret); !errors.Is(err, crm.ErrBadToken) {
		t.Errorf("revoked token: %v, want ErrBadToken", err)
	}
	if list, _ = s.ListAPITokens(ctx, ann.ID); !list[0].Revoked() {
		t.Errorf("list after revoking = %+v", list)
	}

	// A deactivated user's tokens stop working, and work again on reactivation.
	_, other, err := s.CreateAPIToken(ctx, ann.ID, "second")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserActive(ctx, ann.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthenticateToken(ctx, other); !errors.Is(err, crm.ErrBadToken) {
		t.Errorf("deactivated user's token: %v, want ErrBadToken", err)
	}
	if err := s.SetUserActive(ctx, ann.ID, true); err != nil {
		t.Fatal(err)
	}
	if u, err := s.AuthenticateToken(ctx, other); err != nil || u.ID != ann.ID {
		t.Errorf("reactivated user's token: %+v, %v", u, err)
	}
	if list, _ := s.ListAPITokens(ctx, ben.ID); len(list) != 0 {
		t.Errorf("ben sees %+v", list)
	}
}
