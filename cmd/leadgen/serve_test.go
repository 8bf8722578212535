package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestServeOnEmbeddedDatabase starts serve with DATABASE_URL unset: it must
// bring up its own PostgreSQL in LEADGEN_DATA, answer /readyz, and stop the
// server when its context ends (as Ctrl-C does).
func TestServeOnEmbeddedDatabase(t *testing.T) {
	t.Parallel()
	dir, err := os.MkdirTemp("", "leadgen-serve-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// As root the server runs as an unprivileged user, who must reach the directory.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	_, stop := startServe(t, map[string]string{"LEADGEN_DATA": data, "LEADGEN_LOG_FORMAT": "text"})
	pid := filepath.Join(data, "pg", "postmaster.pid")
	if _, err := os.Stat(pid); err != nil {
		t.Fatalf("embedded server not running from %s: %v", data, err)
	}
	stop()
	if _, err := os.Stat(pid); !os.IsNotExist(err) {
		t.Fatalf("postmaster.pid still there after serve stopped (err %v): server left running", err)
	}
}
