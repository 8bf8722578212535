package pgcluster

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

const (
	superuser      = "leadgen"            // role initdb creates; trust auth over a 0700 socket
	defaultDB      = "leadgen"            // database Start ensures when Options.Database is empty
	defaultPort    = 5432                 // only names the socket file; there is no TCP listener
	usageLockName  = "leadgen.lock"       // held shared by every process using the server
	startLockName  = "leadgen.start.lock" // held exclusively while deciding to start or stop
	maxSocketPath  = 107                  // sun_path is 108 bytes including the NUL
	socketBaseName = ".s.PGSQL."
)

// Options configures Start.
type Options struct {
	Dir      string       // data root (LEADGEN_DATA): cluster in Dir/pg, log in Dir/pg.log, socket in Dir/run
	Logger   *slog.Logger // progress messages; nil discards them
	Database string       // database to ensure exists; default "leadgen"

	search *binSearch // tests point this at fake directories; nil means PATH and /usr/lib/postgresql
}

// Cluster is a running private PostgreSQL server that this process uses.
type Cluster struct {
	log      *slog.Logger
	run      runUser
	bins     binaries
	dir      string // absolute, symlinks resolved
	pgdata   string
	logFile  string
	sockDir  string
	tempSock bool // sockDir is the short fallback under os.TempDir()
	port     int
	database string
	started  bool // this Start launched the server rather than attaching

	mu    sync.Mutex
	usage *lockFile // shared lock marking us as a user; nil once stopped
}

// Start initialises the cluster on first use, starts it or attaches to the
// one another leadgen process already runs, and ensures the database exists.
func Start(ctx context.Context, o Options) (*Cluster, error) {
	if ctx.Err() != nil { // an uncontended lock would otherwise let us go on
		return nil, fmt.Errorf("pgcluster: start: %w", context.Cause(ctx))
	}
	c, err := newCluster(o)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: start: %w", err)
	}
	if err := c.startLocked(ctx); err != nil {
		return nil, fmt.Errorf("pgcluster: start: %w", err)
	}
	return c, nil
}

// newCluster validates options and resolves binaries and the run user
// before anything touches the disk.
func newCluster(o Options) (*Cluster, error) {
	if o.Dir == "" {
		return nil, errors.New("options: Dir is required")
	}
	search := defaultBinSearch()
	if o.search != nil {
		search = *o.search
	}
	bins, err := search.find()
	if err != nil {
		return nil, err
	}
	run, err := chooseRunUser(os.Geteuid(), os.Getegid(), user.Lookup)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	c := &Cluster{log: o.Logger, run: run, bins: bins, database: o.Database, port: defaultPort}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.database == "" {
		c.database = defaultDB
	}
	c.setDir(dir)
	return c, nil
}

// setDir derives every path from the data root.
func (c *Cluster) setDir(dir string) {
	c.dir = dir
	c.pgdata = filepath.Join(dir, "pg")
	c.logFile = filepath.Join(dir, "pg.log")
	c.run.home = c.pgdata
	c.sockDir, c.tempSock = socketDir(dir, c.port)
}

// socketDir returns Dir/run, or a short per-Dir directory under the temp
// dir when the socket path would not fit in sun_path.
func socketDir(dir string, port int) (string, bool) {
	name := fmt.Sprintf("%s%d", socketBaseName, port)
	if d := filepath.Join(dir, "run"); len(d)+1+len(name) <= maxSocketPath {
		return d, false
	}
	sum := sha256.Sum256([]byte(dir))
	base := "leadgen-" + hex.EncodeToString(sum[:8])
	for _, tmp := range []string{os.TempDir(), "/tmp"} {
		if d := filepath.Join(tmp, base); len(d)+1+len(name) <= maxSocketPath {
			return d, true
		}
	}
	return filepath.Join("/tmp", base), true
}

// startLocked runs the start decision under the exclusive start lock, so
// concurrent leadgen processes never initdb or start the same cluster twice.
func (c *Cluster) startLocked(ctx context.Context) error {
	if err := c.prepareDirs(); err != nil {
		return err
	}
	gate, err := openLock(filepath.Join(c.dir, startLockName))
	if err != nil {
		return err
	}
	defer gate.close()
	if err := gate.lockExclusive(ctx); err != nil {
		return err
	}
	usage, err := openLock(filepath.Join(c.dir, usageLockName))
	if err != nil {
		return err
	}
	if err := c.bringUp(ctx); err != nil {
		usage.close()
		return err
	}
	// Nobody holds usage exclusively without the start lock, which we hold.
	if ok, err := usage.try(syscall.LOCK_SH); !ok || err != nil {
		usage.close()
		c.abortStart()
		return errors.Join(errors.New("take shared usage lock: held exclusively by another process"), err)
	}
	c.usage = usage
	return nil
}

// prepareDirs creates the directory layout with the ownership the run user
// needs, and fails early with a clear message when it cannot reach it.
func (c *Cluster) prepareDirs() error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	resolved, err := filepath.EvalSymlinks(c.dir)
	if err != nil {
		return fmt.Errorf("resolve data dir: %w", err)
	}
	c.setDir(resolved)
	if err := c.run.checkAncestors(c.dir); err != nil {
		return err
	}
	if err := c.makeSearchable(c.dir); err != nil {
		return err
	}
	if err := c.prepareLogFile(); err != nil {
		return err
	}
	return c.prepareSockDir()
}

// makeSearchable adds search permission on Dir itself when the run user
// lacks it; Dir is ours, unlike its ancestors, which we never change.
func (c *Cluster) makeSearchable(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("stat data dir: %w", err)
	}
	if c.run.canSearch(fi) {
		return nil
	}
	mode := fi.Mode().Perm() | 0o011
	c.log.Info("pgcluster: allowing run user to traverse data dir", "dir", dir, "mode", fmt.Sprintf("%04o", mode))
	if err := os.Chmod(dir, mode); err != nil {
		return fmt.Errorf("chmod data dir: %w", err)
	}
	return nil
}

// prepareLogFile pre-creates the server log because the server, running as
// another user, cannot create files in Dir.
func (c *Cluster) prepareLogFile() error {
	f, err := os.OpenFile(c.logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("create log file: %w", err)
	}
	_ = f.Close()
	return c.run.own(c.logFile)
}

// prepareSockDir creates the socket directory owned by the run user with
// mode 0700; the fallback lives in a shared temp dir, so we verify nobody
// else planted it first.
func (c *Cluster) prepareSockDir() error {
	if err := os.MkdirAll(c.sockDir, 0o700); err != nil {
		return fmt.Errorf("create socket dir: %w", err)
	}
	fi, err := os.Lstat(c.sockDir)
	if err != nil {
		return fmt.Errorf("stat socket dir: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("socket dir %s is not a directory (a symlink?): remove it", c.sockDir)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != c.run.uid && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("socket dir %s is owned by uid %d, not by us: remove it", c.sockDir, st.Uid)
	}
	if err := c.run.own(c.sockDir); err != nil {
		return err
	}
	if err := os.Chmod(c.sockDir, 0o700); err != nil {
		return fmt.Errorf("chmod socket dir: %w", err)
	}
	return nil
}

// URL returns a pgx-compatible connection string for the leadgen database.
func (c *Cluster) URL() string { return c.AdminURL(c.database) }

// AdminURL returns a connection string for another database of the same
// server, as the superuser (used to create or drop databases).
func (c *Cluster) AdminURL(dbname string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable",
		dsnQuote(c.sockDir), c.port, dsnQuote(superuser), dsnQuote(dbname))
}

// dsnQuote quotes a keyword/value connection-string value when needed, so
// data directories with spaces still produce a valid string.
func dsnQuote(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n\\'") {
		return v
	}
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(v) + "'"
}

// Stop releases this process's use of the server and shuts it down only if
// no other leadgen process still uses it. Close connection pools first:
// fast shutdown terminates remaining sessions. If ctx ends while another
// process is starting or stopping, the server is left running for the next
// Start to attach to. Stop is idempotent and safe on a nil Cluster.
func (c *Cluster) Stop(ctx context.Context) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	usage := c.usage
	if usage == nil {
		return nil
	}
	c.usage = nil
	defer usage.close()
	if err := c.stopIfLast(ctx, usage); err != nil {
		return fmt.Errorf("pgcluster: stop: %w", err)
	}
	return nil
}

// stopIfLast stops the server when our shared usage lock converts to an
// exclusive one, which is only possible when no other process holds it.
func (c *Cluster) stopIfLast(ctx context.Context, usage *lockFile) error {
	gate, err := openLock(filepath.Join(c.dir, startLockName))
	if err != nil {
		return err
	}
	defer gate.close()
	if err := gate.lockExclusive(ctx); err != nil {
		return err
	}
	last, err := usage.try(syscall.LOCK_EX)
	if err != nil {
		return err
	}
	if !last {
		c.log.Info("pgcluster: leaving server running for other leadgen processes", "data_dir", c.pgdata)
		return nil
	}
	return c.stopServer(ctx)
}
