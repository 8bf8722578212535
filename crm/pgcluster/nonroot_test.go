package pgcluster

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperDirEnv carries the data dir to the re-executed test binary.
const helperDirEnv = "PGCLUSTER_TEST_HELPER_DIR"

// TestNonRootHelper is the body of TestRunsAsNonRootUser, run in a child
// process as an unprivileged user; on its own it skips.
func TestNonRootHelper(t *testing.T) {
	dir := os.Getenv(helperDirEnv)
	if dir == "" {
		t.Skip("helper for TestRunsAsNonRootUser")
	}
	if os.Geteuid() == 0 {
		t.Fatal("helper must not run as root")
	}
	c := startT(t, Options{Dir: dir})
	if c.run.switchTo {
		t.Errorf("non-root process switched user: %+v", c.run)
	}
	if got := queryString(t, c.URL(), "SELECT current_user"); got != "leadgen" {
		t.Errorf("current_user = %q", got)
	}
	stopT(t, c)
	if pid := postmasterPID(t, filepath.Join(dir, "pg")); pid != 0 {
		t.Errorf("server %d still running after Stop", pid)
	}
}

// TestRunsAsNonRootUser re-executes this test binary as the postgres (or
// nobody) user, covering the path where no privileges are dropped.
func TestRunsAsNonRootUser(t *testing.T) {
	t.Parallel()
	requireBinaries(t)
	if os.Geteuid() != 0 {
		t.Skip("needs root to switch to another user; non-root runs cover this path directly")
	}
	run, err := chooseRunUser(0, 0, user.Lookup)
	if err != nil {
		t.Skip(err)
	}
	root := testDir(t)
	exe := copyExecutable(t, filepath.Join(root, "pgcluster.test")) // go's build dir is 0700
	dir := filepath.Join(root, "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, int(run.uid), int(run.gid)); err != nil {
		t.Fatal(err)
	}
	var out []byte
	for attempt := 0; ; attempt++ {
		cmd := exec.CommandContext(t.Context(), exe, "-test.run=^TestNonRootHelper$", "-test.v", "-test.count=1")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), helperDirEnv+"="+dir, "HOME="+root)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: run.uid, Gid: run.gid}}
		out, err = cmd.CombinedOutput()
		// A parallel test forking while the copy was open for writing holds
		// it open until its exec: "text file busy" for a moment (golang/go#22315).
		if !errors.Is(err, syscall.ETXTBSY) || attempt == 20 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS: TestNonRootHelper") {
		t.Fatalf("helper as %s: %v\n%s", run.name, err, out)
	}
	fi, err := os.Stat(filepath.Join(dir, "pg"))
	if err != nil {
		t.Fatal(err)
	}
	if uid := fi.Sys().(*syscall.Stat_t).Uid; uid != run.uid {
		t.Errorf("cluster owned by uid %d, want %d", uid, run.uid)
	}
	t.Logf("helper as %s (uid %d):\n%s", run.name, run.uid, out)
}

// copyExecutable copies the running test binary to dst with mode 0755.
func copyExecutable(t *testing.T, dst string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}
