// Package crmtest gives tests a real PostgreSQL: each test gets its own
// fresh, migrated database, cloned from a template in milliseconds.
//
// The server is LEADGEN_TEST_DATABASE_URL when set (any database on a
// server the tests may create databases on), else a private cluster started
// for the test binary with the system's PostgreSQL binaries.
package crmtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/pgcluster"
	"github.com/leadgen/leadgen/sql/migrations"
)

// Server is a PostgreSQL server tests create databases on.
type Server struct {
	admin    string // URL of a database to run CREATE DATABASE from
	template string
	cluster  *pgcluster.Cluster
	dir      string
	seq      atomic.Int64
}

// server is set once by Main for the test binary.
var server *Server

// Main runs a package's tests with a server available; call it from TestMain.
func Main(m *testing.M) {
	code, err := mainErr(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crmtest:", err)
		code = 1
	}
	os.Exit(code)
}

func mainErr(m *testing.M) (int, error) {
	// A fuzzing worker runs one fuzz target, and the package's fuzz
	// targets are pure functions: no server for them.
	if slices.ContainsFunc(os.Args[1:], func(a string) bool { return strings.HasPrefix(a, "-test.fuzzworker") }) {
		return m.Run(), nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	s, err := start(ctx)
	cancel()
	if err != nil {
		return 1, err
	}
	server = s
	code := m.Run()
	return code, s.stop()
}

func start(ctx context.Context) (*Server, error) {
	s := &Server{admin: os.Getenv("LEADGEN_TEST_DATABASE_URL")}
	if s.admin == "" {
		dir, err := os.MkdirTemp("", "leadgen-test-*")
		if err != nil {
			return nil, err
		}
		// The server may run as another user (as root it must): let it in.
		if err := os.Chmod(dir, 0o755); err != nil {
			return nil, err
		}
		s.dir = dir
		s.cluster, err = pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Database: "leadgen_admin"})
		if err != nil {
			return nil, err
		}
		s.admin = s.cluster.URL()
	}
	var err error
	s.template, err = s.ensureTemplate(ctx)
	return s, err
}

func (s *Server) stop() error {
	if s.cluster == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := s.cluster.Stop(ctx)
	if rerr := os.RemoveAll(s.dir); err == nil {
		err = rerr
	}
	return err
}

// ensureTemplate creates (once per set of migrations, across concurrent test
// binaries) a migrated database to clone.
func (s *Server) ensureTemplate(ctx context.Context) (string, error) {
	name := "leadgen_tpl_" + migrationsHash()
	conn, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		return "", fmt.Errorf("connect to test server: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7261)"); err != nil {
		return "", err
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(7261)") //nolint:errcheck // released on close anyway
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	pool, err := pgxpool.New(ctx, withDB(s.admin, name))
	if err != nil {
		return "", err
	}
	defer pool.Close()
	return name, migrations.Up(ctx, pool)
}

func migrationsHash() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(migrations.FS(), p)
			h.Write([]byte(p))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// withDB returns url pointing at database name; it understands both
// postgres:// URLs and key=value strings.
func withDB(url, name string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return url
	}
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		i := strings.LastIndex(url, "/"+cfg.Database)
		if i > 0 {
			return url[:i] + "/" + name + url[i+len(cfg.Database)+1:]
		}
	}
	return url + " dbname=" + name
}

// URL creates a fresh migrated database for t, dropped at cleanup, and returns its URL.
func URL(t testing.TB) string {
	t.Helper()
	if server == nil {
		t.Fatal("crmtest: call crmtest.Main(m) from TestMain")
	}
	name := fmt.Sprintf("t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, server.seq.Add(1))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server.admin)
	if err != nil {
		t.Fatalf("crmtest: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, server.template)); err != nil {
		t.Fatalf("crmtest: create database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, server.admin)
		if err != nil {
			t.Errorf("crmtest: drop %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("crmtest: drop %s: %v", name, err)
		}
	})
	return withDB(server.admin, name)
}

// Pool opens a pool on a fresh database for t.
func Pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := crm.Open(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("crmtest: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// Store returns a store on a fresh database for t, with o's options.
func Store(t testing.TB, o crm.StoreOptions) *crm.Store {
	t.Helper()
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return crm.NewStore(Pool(t), o)
}
