package pgcluster

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childrenOf lists the direct children of pid from /proc.
func childrenOf(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var kids []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", child))
		if err != nil {
			continue
		}
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
		if f := strings.Fields(rest); len(f) > 1 && f[1] == strconv.Itoa(pid) {
			kids = append(kids, child)
		}
	}
	return kids
}

// TestCrashRecovery shares one cluster between its steps (initdb is the
// expensive part); each step leaves the server stopped for the next.
func TestCrashRecovery(t *testing.T) {
	t.Parallel()
	requireBinaries(t)
	dir := testDir(t)
	t.Run("killed postmaster", func(t *testing.T) { testKilledPostmaster(t, dir) })
	t.Run("stale files", func(t *testing.T) { testStalePidFiles(t, dir) })
}

// testKilledPostmaster kills the server and its backends with SIGKILL, as
// the OOM killer might, and expects a new Start to recover.
func testKilledPostmaster(t *testing.T, dir string) {
	pgdata := filepath.Join(dir, "pg")
	c1 := startT(t, Options{Dir: dir})
	old := postmasterPID(t, pgdata)
	for _, pid := range append([]int{old}, childrenOf(old)...) {
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && err != syscall.ESRCH {
			t.Fatalf("kill %d: %v", pid, err)
		}
	}
	waitDead(t, old, pgdata)
	// c1 still holds its usage lock, as a leadgen process that lost its
	// server would; a new process must start a fresh server regardless.
	c2 := startT(t, Options{Dir: dir})
	if !c2.started {
		t.Fatal("second Start attached to a dead server")
	}
	if pid := postmasterPID(t, pgdata); pid == old || pid == 0 {
		t.Fatalf("postmaster pid = %d, old was %d", pid, old)
	}
	if got := queryString(t, c2.URL(), "SELECT 'recovered'"); got != "recovered" {
		t.Fatalf("query = %q", got)
	}
	stopT(t, c2)
	if postmasterPID(t, pgdata) == 0 {
		t.Fatal("Stop stopped the server while the first user still holds it")
	}
	stopT(t, c1)
	if pid := postmasterPID(t, pgdata); pid != 0 {
		t.Fatalf("last Stop left postmaster %d", pid)
	}
}

// waitDead waits until SIGKILL has taken effect: a dying process keeps its
// working directory for a moment, and a real restart comes later anyway.
func waitDead(t *testing.T, pid int, pgdata string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); isPostgresFor(pid, pgdata); {
		if time.Now().After(deadline) {
			t.Fatalf("postmaster %d survived SIGKILL", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeFakePidFiles plants postmaster.pid and the socket lock naming pid, as
// a crash followed by PID reuse would leave them.
func writeFakePidFiles(t *testing.T, c *Cluster, pid int) {
	t.Helper()
	content := fmt.Sprintf("%d\n%s\n1700000000\n%d\n%s\n\n  5432001     32768\nready   \n", pid, c.pgdata, c.port, c.sockDir)
	if err := os.WriteFile(filepath.Join(c.pgdata, pidFileName), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	lock := fmt.Sprintf("%d\n%s\n1700000000\n%d\n%s\n", pid, c.pgdata, c.port, c.sockDir)
	if err := os.WriteFile(filepath.Join(c.sockDir, fmt.Sprintf(".s.PGSQL.%d.lock", c.port)), []byte(lock), 0o600); err != nil {
		t.Fatal(err)
	}
}

// testStalePidFiles plants pid files naming a dead process and a live
// non-postgres one (a recycled PID); PostgreSQL itself refuses the latter.
func testStalePidFiles(t *testing.T, dir string) {
	c := startT(t, Options{Dir: dir})
	stopT(t, c) // c keeps the paths and port to forge files with

	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	sleeper := exec.Command("sleep", "60")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() })

	for _, tc := range []struct {
		name string
		pid  int
	}{{"dead pid", dead.Process.Pid}, {"reused pid", sleeper.Process.Pid}} {
		writeFakePidFiles(t, c, tc.pid)
		c2 := startT(t, Options{Dir: dir})
		if !c2.started {
			t.Fatalf("%s: Start attached instead of starting", tc.name)
		}
		if got := queryString(t, c2.URL(), "SELECT 'ok'"); got != "ok" {
			t.Fatalf("%s: query = %q", tc.name, got)
		}
		stopT(t, c2)
	}
}

func TestRemoveStaleSocketLockOnlyOwn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pgdata := "/srv/leadgen/pg"
	lock := filepath.Join(dir, ".s.PGSQL.5432.lock")
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	write := func(dataDir string) {
		content := fmt.Sprintf("%d\n%s\n1700000000\n5432\n%s\n", dead.Process.Pid, dataDir, dir)
		if err := os.WriteFile(lock, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("/var/lib/postgresql/15/main") // another server sharing the directory
	if err := removeStaleSocketLock(dir, 5432, pgdata); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(lock); err != nil {
		t.Fatalf("removed another server's socket lock: %v", err)
	}
	write(pgdata)
	if err := removeStaleSocketLock(dir, 5432, pgdata); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Fatalf("own stale socket lock kept: %v", err)
	}
}
