package pgcluster

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// requireBinaries skips integration tests on machines without PostgreSQL.
func requireBinaries(t *testing.T) {
	t.Helper()
	if _, err := defaultBinSearch().find(); errors.Is(err, ErrBinariesMissing) {
		t.Skipf("skipping: no PostgreSQL server binaries on this machine: %v", err)
	}
}

// testDir returns a fresh directory searchable by everyone. t.TempDir() is
// 0700, which the unprivileged run user cannot traverse when we are root.
func testDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pgc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// testLogger sends cluster logs to the test output.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// startT starts a cluster and registers a Stop so a failing test never
// leaves a server behind.
func startT(t *testing.T, o Options) *Cluster {
	t.Helper()
	if o.Logger == nil {
		o.Logger = testLogger(t)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	c, err := Start(ctx, o)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { stopT(t, c) })
	return c
}

// stopT stops c and fails the test on error.
func stopT(t *testing.T, c *Cluster) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Stop(ctx); err != nil {
		t.Errorf("Stop: %v", err)
	}
}

// queryString runs a one-value query through a pgxpool built from url,
// proving the URL works with the pool the application uses.
func queryString(t *testing.T, url, sql string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatalf("pgxpool.ParseConfig(%q): %v", url, err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var s string
	if err := pool.QueryRow(ctx, sql).Scan(&s); err != nil {
		t.Fatalf("%s via %q: %v", sql, url, err)
	}
	return s
}

// postmasterPID returns the PID in postmaster.pid, or 0 if there is none.
func postmasterPID(t *testing.T, pgdata string) int {
	t.Helper()
	info, ok, err := readPidFile(pgdata)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return 0
	}
	return info.pid
}

// fakeBinDir creates a directory with executable placeholder programs, for
// tests that must get past binary discovery without running PostgreSQL.
func fakeBinDir(t *testing.T, dir string, names ...string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
