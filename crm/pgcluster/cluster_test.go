package pgcluster

import (
	"context"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestStartQueryStopRestart(t *testing.T) {
	t.Parallel()
	requireBinaries(t)
	dir := filepath.Join(testDir(t), "data")
	c := startT(t, Options{Dir: dir, Database: "crm app"}) // a space exercises identifier quoting
	if got := queryString(t, c.URL(), "SELECT current_database() || '/' || current_user"); got != "crm app/leadgen" {
		t.Errorf("database/user = %q", got)
	}
	for setting, want := range map[string]string{
		"listen_addresses": "", "fsync": "on", "unix_socket_permissions": "0700",
		"unix_socket_directories": filepath.Join(dir, "run"), "shared_buffers": "32MB",
	} {
		if got := queryString(t, c.AdminURL("postgres"), "SHOW "+setting); got != want {
			t.Errorf("%s = %q, want %q", setting, got, want)
		}
	}
	if os.Geteuid() == 0 {
		checkRootOwnership(t, dir)
	}
	pgdata := filepath.Join(dir, "pg")
	stopT(t, c)
	if pid := postmasterPID(t, pgdata); pid != 0 {
		t.Fatalf("postmaster.pid still names %d after Stop", pid)
	}
	if err := c.Stop(context.Background()); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	// Second start reuses the cluster: no initdb, database already there.
	c2 := startT(t, Options{Dir: dir, Database: "crm app"})
	if got := queryString(t, c2.URL(), "SELECT current_database()"); got != "crm app" {
		t.Errorf("after restart: %q", got)
	}
}

// checkRootOwnership verifies the root layout: Dir stays ours and
// traversable, the cluster and socket belong to the unprivileged user.
func checkRootOwnership(t *testing.T, dir string) {
	t.Helper()
	pg, err := user.Lookup("postgres")
	if err != nil {
		pg, err = user.Lookup("nobody")
	}
	if err != nil {
		t.Fatal(err)
	}
	want, _ := strconv.Atoi(pg.Uid)
	for path, uid := range map[string]int{dir: 0, filepath.Join(dir, "pg"): want, filepath.Join(dir, "run"): want, filepath.Join(dir, "pg.log"): want} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := int(fi.Sys().(*syscall.Stat_t).Uid); got != uid {
			t.Errorf("%s owned by uid %d, want %d", path, got, uid)
		}
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm()&0o011 != 0o011 {
		t.Errorf("data dir mode %v is not traversable", fi.Mode())
	}
}

func TestTwoUsersShareOneServer(t *testing.T) {
	t.Parallel()
	requireBinaries(t)
	dir := testDir(t)
	pgdata := filepath.Join(dir, "pg")
	type result struct {
		c   *Cluster
		err error
	}
	results := make(chan result, 2)
	for range 2 { // concurrent first starts: the start lock must serialise initdb
		go func() {
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			c, err := Start(ctx, Options{Dir: dir, Logger: testLogger(t)})
			results <- result{c, err}
		}()
	}
	var cs []*Cluster
	for range 2 {
		r := <-results
		if r.err != nil {
			t.Fatalf("Start: %v", r.err)
		}
		t.Cleanup(func() { stopT(t, r.c) })
		cs = append(cs, r.c)
	}
	if cs[0].started == cs[1].started {
		t.Fatalf("started = %t, %t; want exactly one to start and one to attach", cs[0].started, cs[1].started)
	}
	pid := postmasterPID(t, pgdata)
	stopT(t, cs[0])
	if got := postmasterPID(t, pgdata); got != pid {
		t.Fatalf("first Stop changed the server: pid %d -> %d", pid, got)
	}
	if got := queryString(t, cs[1].URL(), "SELECT 'still up'"); got != "still up" {
		t.Fatalf("second user query = %q", got)
	}
	stopT(t, cs[1])
	if got := postmasterPID(t, pgdata); got != 0 {
		t.Fatalf("last Stop left postmaster %d running", got)
	}
}

func TestStartHonoursContext(t *testing.T) {
	t.Parallel()
	bins := fakeBinDir(t, filepath.Join(testDir(t), "bin"), "initdb", "pg_ctl", "postgres")
	dir := testDir(t)
	holder, err := openLock(filepath.Join(dir, startLockName))
	if err != nil {
		t.Fatal(err)
	}
	defer holder.close()
	if err := holder.lockExclusive(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	begin := time.Now()
	c, err := Start(ctx, Options{Dir: dir, search: &binSearch{path: bins}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Start while another process decides: got %v, want deadline exceeded", err)
	}
	if d := time.Since(begin); d > 3*time.Second {
		t.Errorf("Start took %v to notice the deadline", d)
	}
	if err := c.Stop(context.Background()); err != nil { // nil Cluster after a failed start
		t.Errorf("Stop after failed Start: %v", err)
	}
	cancelled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	free := testDir(t) // nobody holds its lock: Start must still notice
	if _, err := Start(cancelled, Options{Dir: free, search: &binSearch{path: bins}}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled ctx: got %v", err)
	}
}

func TestLongDirUsesShortSocketDir(t *testing.T) {
	t.Parallel()
	requireBinaries(t)
	dir := testDir(t)
	for range 4 {
		dir = filepath.Join(dir, strings.Repeat("d", 30))
	}
	sock, temp := socketDir(dir, defaultPort)
	if !temp || len(sock)+len("/.s.PGSQL.5432") > maxSocketPath || strings.HasPrefix(sock, dir) {
		t.Fatalf("socketDir(%d-byte dir) = %s, %t", len(dir), sock, temp)
	}
	if again, _ := socketDir(dir, defaultPort); again != sock {
		t.Errorf("fallback not stable: %s vs %s", sock, again) // other processes must find it
	}
	if short, temp := socketDir("/srv/leadgen", defaultPort); short != "/srv/leadgen/run" || temp {
		t.Errorf("short dir: %s, %t", short, temp)
	}
	t.Cleanup(func() { _ = os.RemoveAll(sock) })
	c := startT(t, Options{Dir: dir})
	cfg, err := pgconn.ParseConfig(c.URL())
	if err != nil || cfg.Host != sock {
		t.Fatalf("URL host = %v, %v; want %s", cfg, err, sock)
	}
	if got := queryString(t, c.URL(), "SELECT 'ok'"); got != "ok" {
		t.Errorf("query = %q", got)
	}
	stopT(t, c)
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("temp socket dir %s left behind: %v", sock, err)
	}
}

func TestURLQuotesSpaces(t *testing.T) {
	t.Parallel()
	c := &Cluster{sockDir: `/tmp/my data/it's\run`, port: 5432, database: "leadgen"}
	cfg, err := pgconn.ParseConfig(c.AdminURL("other db"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != c.sockDir || cfg.Database != "other db" || cfg.User != "leadgen" || cfg.Port != 5432 {
		t.Errorf("parsed %q as host=%q db=%q user=%q port=%d", c.AdminURL("other db"), cfg.Host, cfg.Database, cfg.User, cfg.Port)
	}
}
