package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockPoll is how often a contended exclusive lock is retried. flock(2)
// cannot be interrupted by a context, so we poll with LOCK_NB instead.
const lockPoll = 25 * time.Millisecond

// lockFile is an flock(2) lock. Locks belong to the open file description,
// so two lockFiles on one path conflict even within a single process, and
// the kernel drops them when the process dies, which makes crashes harmless.
type lockFile struct {
	f *os.File
}

// openLock opens (creating if needed) the lock file at path without locking.
// Read-only is enough for flock, and 0644 lets another account share it.
func openLock(path string) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock: %w", err)
	}
	return &lockFile{f: f}, nil
}

// lockExclusive waits for an exclusive lock until ctx ends.
func (l *lockFile) lockExclusive(ctx context.Context) error {
	t := time.NewTicker(lockPoll)
	defer t.Stop()
	for {
		ok, err := l.try(syscall.LOCK_EX)
		if ok || err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for lock %s: %w", l.f.Name(), context.Cause(ctx))
		case <-t.C:
		}
	}
}

// try attempts a non-blocking lock of the given kind (LOCK_EX or LOCK_SH)
// and reports whether it was acquired. Note that a failed conversion drops
// any lock this file already held (flock(2) converts by unlock + lock).
func (l *lockFile) try(how int) (bool, error) {
	for {
		err := syscall.Flock(int(l.f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.EINTR):
			continue
		default:
			return false, fmt.Errorf("flock %s: %w", l.f.Name(), err)
		}
	}
}

// close releases the lock (closing the last descriptor unlocks) and is safe
// to call on a nil lockFile.
func (l *lockFile) close() {
	if l != nil && l.f != nil {
		_ = l.f.Close()
		l.f = nil
	}
}
