package web_test

import (
	"context"
	"strconv"
	"testing"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// testLog sends server logs to the test's output, shown when it fails.
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p))
	return len(p), nil
}

// userID is the id of the user with email.
func userID(t *testing.T, f *fixture, email string) int64 {
	t.Helper()
	users, err := f.store.ListUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Email == email {
			return u.ID
		}
	}
	t.Fatalf("no user %s", email)
	return 0
}
