package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

const (
	defaultTimeout = 60 * time.Second // pg_ctl wait when ctx has no deadline
	attachTimeout  = 30 * time.Second // how long a running server may take to accept us
	confName       = "leadgen.conf"   // rewritten on every start so a moved Dir still works
)

// bringUp makes sure the server runs (initialising, recovering or attaching
// as needed) and that the database exists. The caller holds the start lock.
func (c *Cluster) bringUp(ctx context.Context) error {
	if err := c.initIfNeeded(ctx); err != nil {
		return err
	}
	if err := c.attachOrLaunch(ctx); err != nil {
		return err
	}
	if err := c.ensureDatabase(ctx); err != nil {
		c.abortStart()
		return err
	}
	return nil
}

// initIfNeeded runs initdb into a scratch directory and renames it into
// place, so an interrupted first start never leaves a half-made cluster.
func (c *Cluster) initIfNeeded(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.pgdata, "PG_VERSION")); err == nil {
		return c.run.checkOwner(c.pgdata)
	}
	if err := os.Remove(c.pgdata); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s exists but is not a PostgreSQL data directory: %w", c.pgdata, err)
	}
	tmp := c.pgdata + ".initdb"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("remove leftover %s: %w", tmp, err)
	}
	if err := os.Mkdir(tmp, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", tmp, err)
	}
	if err := c.run.own(tmp); err != nil {
		return err
	}
	c.log.Info("pgcluster: initialising cluster", "data_dir", c.pgdata, "run_as", c.run.name)
	cmd := c.run.command(ctx, c.dir, c.bins.initdb, "-D", tmp, "-U", superuser,
		"--auth=trust", "-E", "UTF8", "--locale=C")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %w: %s", errors.Join(err, context.Cause(ctx)), bytes.TrimSpace(out))
	}
	if err := appendInclude(filepath.Join(tmp, "postgresql.conf")); err != nil {
		return err
	}
	if err := os.Rename(tmp, c.pgdata); err != nil {
		return fmt.Errorf("move initialised cluster into place: %w", err)
	}
	return nil
}

// appendInclude makes postgresql.conf read leadgen.conf last, so our
// settings win while the stock file stays untouched otherwise.
func appendInclude(conf string) error {
	f, err := os.OpenFile(conf, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("open postgresql.conf: %w", err)
	}
	_, err = fmt.Fprintf(f, "\n# Added by leadgen: settings rewritten on every start.\ninclude_if_exists = '%s'\n", confName)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write postgresql.conf: %w", err)
	}
	return nil
}

// writeConf writes the per-start settings: unix socket only, reachable by
// the run user alone (root bypasses the mode), modest memory, fsync on.
func (c *Cluster) writeConf() error {
	conf := fmt.Sprintf(`# Written by leadgen on every start; edits are overwritten.
listen_addresses = ''
unix_socket_directories = '%s'
unix_socket_permissions = 0700
shared_buffers = '32MB'
fsync = on
`, strings.ReplaceAll(c.sockDir, "'", "''"))
	p := filepath.Join(c.pgdata, confName)
	if err := os.WriteFile(p, []byte(conf), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", confName, err)
	}
	return c.run.own(p)
}

// inspect returns the PID of a live postmaster serving this data directory,
// or 0 after clearing the leftovers of a dead one.
func (c *Cluster) inspect(ctx context.Context) (int, error) {
	info, ok, err := readPidFile(c.pgdata)
	if err != nil || !ok {
		return 0, err
	}
	if info.port == 0 {
		info.port = c.port
	}
	if isPostgresFor(info.pid, c.pgdata) {
		if info.sockDir != "" { // trust what the live server uses
			c.sockDir, c.port = info.sockDir, info.port
		}
		return info.pid, nil
	}
	c.log.Warn("pgcluster: removing stale postmaster.pid", "pid", info.pid, "data_dir", c.pgdata)
	return 0, clearStale(ctx, c.pgdata, info, []string{info.sockDir, c.sockDir})
}

// errServerGone reports that the postmaster we meant to attach to exited
// (for instance it was being killed when we looked).
var errServerGone = errors.New("server exited while attaching")

// attachOrLaunch attaches to a healthy running server or starts one; a
// server that dies while we attach is treated like one found dead.
func (c *Cluster) attachOrLaunch(ctx context.Context) error {
	for range 2 {
		pid, err := c.inspect(ctx)
		if err != nil {
			return err
		}
		if pid == 0 {
			return c.launch(ctx)
		}
		if err := c.attach(ctx, pid); !errors.Is(err, errServerGone) {
			return err
		}
	}
	return errServerGone
}

// attach waits until the already running server accepts connections.
func (c *Cluster) attach(ctx context.Context, pid int) error {
	c.log.Info("pgcluster: attaching to running server", "pid", pid, "socket_dir", c.sockDir)
	ctx, cancel := context.WithTimeout(ctx, attachTimeout)
	defer cancel()
	for {
		conn, err := c.connect(ctx, "postgres")
		if err == nil {
			return conn.Close(ctx)
		}
		if !isPostgresFor(pid, c.pgdata) {
			return errServerGone
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("running server did not accept connections: %w", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// launch starts the server with pg_ctl and waits until it accepts
// connections; pg_ctl puts it in its own session, so a Ctrl-C aimed at
// leadgen does not kill a server other processes share.
func (c *Cluster) launch(ctx context.Context) error {
	if err := c.writeConf(); err != nil {
		return err
	}
	c.log.Info("pgcluster: starting server", "data_dir", c.pgdata, "socket_dir", c.sockDir, "log_file", c.logFile)
	cmd := c.run.command(ctx, c.dir, c.bins.pgCtl, "start", "-D", c.pgdata, "-l", c.logFile,
		"-w", "-t", pgCtlSeconds(ctx), "-s")
	c.started = true // from here on a failure must stop what pg_ctl may have started
	out, err := cmd.CombinedOutput()
	if err != nil {
		c.abortStart()
		return fmt.Errorf("pg_ctl start: %w: %s; server log %s ends with: %s",
			errors.Join(err, context.Cause(ctx)), bytes.TrimSpace(out), c.logFile, tail(c.logFile, 5))
	}
	info, _, err := readPidFile(c.pgdata)
	if err == nil && info.sockDir != "" {
		c.sockDir = info.sockDir
	}
	return nil
}

// pgCtlSeconds turns ctx's deadline into pg_ctl's -t argument.
func pgCtlSeconds(ctx context.Context) string {
	d := defaultTimeout
	if dl, ok := ctx.Deadline(); ok {
		d = time.Until(dl)
	}
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}

// abortStart stops a server this Start launched but could not finish
// setting up, using a fresh context since ctx may be what failed. A server
// we merely attached to belongs to other processes and is left alone.
func (c *Cluster) abortStart() {
	if !c.started {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), defaultTimeout)
	defer cancel()
	if err := c.stopServer(ctx); err != nil {
		c.log.Error("pgcluster: stopping server after failed start", slog.Any("error", err))
	}
}

// stopServer shuts the server down with a fast shutdown if it is running.
func (c *Cluster) stopServer(ctx context.Context) error {
	info, ok, err := readPidFile(c.pgdata)
	if err != nil || !ok || !isPostgresFor(info.pid, c.pgdata) {
		return err
	}
	c.log.Info("pgcluster: stopping server", "data_dir", c.pgdata, "pid", info.pid)
	cmd := c.run.command(ctx, c.dir, c.bins.pgCtl, "stop", "-D", c.pgdata, "-m", "fast",
		"-w", "-t", pgCtlSeconds(ctx), "-s")
	if out, err := cmd.CombinedOutput(); err != nil && isPostgresFor(info.pid, c.pgdata) {
		return fmt.Errorf("pg_ctl stop: %w: %s", errors.Join(err, context.Cause(ctx)), bytes.TrimSpace(out))
	}
	if c.tempSock {
		_ = os.Remove(c.sockDir) // only succeeds once the server removed its socket
	}
	return nil
}

// connect opens one superuser connection to dbname over the socket.
func (c *Cluster) connect(ctx context.Context, dbname string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(c.AdminURL(dbname))
	if err != nil {
		return nil, fmt.Errorf("parse connection string: %w", err)
	}
	cfg.ConnectTimeout = 5 * time.Second
	return pgx.ConnectConfig(ctx, cfg)
}

// ensureDatabase creates the application database if it does not exist.
func (c *Cluster) ensureDatabase(ctx context.Context) error {
	conn, err := c.connect(ctx, "postgres")
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var exists bool
	err = conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", c.database).Scan(&exists)
	if err != nil {
		return fmt.Errorf("check database %s: %w", c.database, err)
	}
	if exists {
		return nil
	}
	c.log.Info("pgcluster: creating database", "database", c.database)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{c.database}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database: fine
		return nil
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", c.database, err)
	}
	return nil
}

// tail returns the last n lines of a file, for error messages that would
// otherwise only say "examine the log output". Only the end is read: the
// log grows for the lifetime of the installation.
func tail(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	defer f.Close()
	const window = 4096
	if fi, err := f.Stat(); err == nil && fi.Size() > window {
		_, _ = f.Seek(-window, io.SeekEnd)
	}
	b, _ := io.ReadAll(f)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
