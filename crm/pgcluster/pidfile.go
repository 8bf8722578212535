package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// pidFileName is the lock file PostgreSQL keeps in its data directory.
const pidFileName = "postmaster.pid"

// orphanWait bounds how long we wait for backends of a killed postmaster to
// exit on their own before refusing to start a second set on the same files.
const orphanWait = 10 * time.Second

// pidInfo is the part of postmaster.pid we use (see PostgreSQL's
// LOCK_FILE_LINE_* constants: pid, data dir, start time, port, socket dir).
type pidInfo struct {
	pid     int
	port    int
	sockDir string
}

// readPidFile parses pgdata/postmaster.pid; ok is false when there is none.
func readPidFile(pgdata string) (info pidInfo, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(pgdata, pidFileName))
	if errors.Is(err, fs.ErrNotExist) {
		return pidInfo{}, false, nil
	}
	if err != nil {
		return pidInfo{}, false, fmt.Errorf("read pid file: %w", err)
	}
	lines := strings.Split(string(b), "\n")
	info.pid, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	if len(lines) > 4 {
		info.port, _ = strconv.Atoi(strings.TrimSpace(lines[3]))
		info.sockDir = strings.TrimSpace(lines[4])
	}
	return info, true, nil
}

// isPostgresFor reports whether pid is a live (non-zombie) postgres process
// whose working directory is pgdata. The postmaster and all its children chdir into
// the data directory, so this tells a real server from a recycled PID
// without trusting the file's contents.
func isPostgresFor(pid int, realPgdata string) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	if i := strings.LastIndexByte(string(stat), ')'); i < 0 || strings.HasPrefix(string(stat[i+1:]), " Z") {
		return false // zombies keep their PID but will never serve again
	}
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if name := strings.TrimSpace(string(comm)); err != nil || (name != "postgres" && name != "postmaster") {
		return false // e.g. a shell that happens to sit in the data directory
	}
	cwd, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	return err == nil && cwd == realPgdata
}

// orphans lists live processes still working in realPgdata, i.e. backends
// left behind by a postmaster that was killed.
func orphans(realPgdata string) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err == nil && isPostgresFor(pid, realPgdata) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// clearStale removes the pid file and socket lock of a server that is no
// longer running. PostgreSQL would refuse to start while they name a PID
// that has been reused, but its own shared-memory check is lost with the
// file, so we first make sure no orphaned backend still uses the data.
func clearStale(ctx context.Context, realPgdata string, info pidInfo, sockDirs []string) error {
	deadline := time.Now().Add(orphanWait)
	for left := orphans(realPgdata); len(left) > 0; left = orphans(realPgdata) {
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("processes %v still use %s after the server died: stop them before starting leadgen", left, realPgdata)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := os.Remove(filepath.Join(realPgdata, pidFileName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove stale pid file: %w", err)
	}
	for _, dir := range sockDirs {
		if err := removeStaleSocketLock(dir, info.port, realPgdata); err != nil {
			return err
		}
	}
	return nil
}

// removeStaleSocketLock deletes dir's socket lock if it belongs to this data
// directory and its server is gone. The directory comes from the stale pid
// file and may be shared (say /tmp), so another server's lock is left alone.
func removeStaleSocketLock(dir string, port int, realPgdata string) error {
	if dir == "" {
		return nil
	}
	lock := filepath.Join(dir, fmt.Sprintf(".s.PGSQL.%d.lock", port))
	b, err := os.ReadFile(lock)
	if err != nil {
		return nil // absent or unreadable: not ours to judge
	}
	lines := strings.Split(string(b), "\n")
	pid, _ := strconv.Atoi(strings.TrimSpace(lines[0]))
	if len(lines) < 2 || strings.TrimSpace(lines[1]) != realPgdata || isPostgresFor(pid, realPgdata) {
		return nil
	}
	if err := os.Remove(lock); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove stale socket lock: %w", err)
	}
	return nil
}
