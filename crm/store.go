// Package crm holds leadgen's domain rules and their persistence: ingesting
// signals into companies, scoring them, the salesperson's timeline, users,
// and exports. Every SQL statement it runs comes from sql/queries via sqlc.
package crm

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/sql/dbsqlc"
	"github.com/leadgen/leadgen/sql/migrations"
)

// ErrNotFound is returned when the thing asked for does not exist.
var ErrNotFound = errors.New("not found")

// ValidationError reports input a user can fix; the web layer shows it as 422.
type ValidationError struct {
	Field   string
	Message string
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Message }

// DB is what the store needs from PostgreSQL: a pool, or a transaction (in
// tests), both of which can begin (nested) transactions.
type DB interface {
	dbsqlc.DBTX
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Store is leadgen's persistence and domain logic over one database.
type Store struct {
	db      DB
	log     *slog.Logger
	now     func() time.Time
	weights *weightsState
	kick    chan struct{} // wakes the rescoring worker
	batch   int           // rows per export query
	// minProjectUSD is the project value from which a marketplace project
	// qualifies a client (LEADGEN_MIN_PROJECT_USD).
	minProjectUSD int64
	// callCooldown is how long after a call a lead stays out of call queues.
	callCooldown time.Duration
	leadCharts   *leadChartsCache // the dashboard's charts over every lead
}

// StoreOptions tunes a Store; zero values take defaults.
type StoreOptions struct {
	Logger  *slog.Logger
	Now     func() time.Time // the clock scores are computed with
	Weights *scoring.Weights
	// ExportBatch is how many rows an export reads per query; default 500.
	ExportBatch int
	// MinProjectUSD is the value from which a marketplace project qualifies; default 500.
	MinProjectUSD int64
	// CallCooldown keeps a lead out of call queues this long after a call; default 1 hour.
	CallCooldown time.Duration
	// LeadChartsFor is how long the dashboard's charts over every lead
	// (by source and score band, conversion by source) are reused before
	// they are recomputed; default 1 minute, negative for never.
	LeadChartsFor time.Duration
}

// NewStore returns a Store over db.
func NewStore(db DB, o StoreOptions) *Store {
	s := &Store{db: db, log: o.Logger, now: o.Now, weights: &weightsState{w: scoring.DefaultWeights()}, kick: make(chan struct{}, 1), batch: cmp.Or(o.ExportBatch, 500),
		minProjectUSD: cmp.Or(o.MinProjectUSD, 500), callCooldown: cmp.Or(o.CallCooldown, time.Hour),
		leadCharts: &leadChartsCache{ttl: max(cmp.Or(o.LeadChartsFor, time.Minute), 0)}}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if o.Weights != nil {
		s.weights.w = *o.Weights
	}
	return s
}

// Open connects a pool to url, tuned for leadgen's queries.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("crm: parse database url: %w", err)
	}
	// Generic plans turn text search into sequential scans after five runs.
	cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	// Pages read a few hundred rows; starting parallel workers costs more
	// than that (measured 40–300 ms on a busy 2-core machine), and the
	// heavy work (rescoring) already runs one query per core.
	cfg.ConnConfig.RuntimeParams["max_parallel_workers_per_gather"] = "0"
	cfg.ConnConfig.RuntimeParams["application_name"] = "leadgen"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("crm: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("crm: ping database: %w", err)
	}
	return pool, nil
}

// Migrate applies pending schema migrations, then fills in what older
// rows lack.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	if err := migrations.Up(ctx, pool); err != nil {
		return err
	}
	return NewStore(pool, StoreOptions{}).backfillNames(ctx)
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.db.Exec(ctx, "SELECT 1")
	return err
}

// InTx runs fn in a transaction, committing when it returns nil.
func (s *Store) InTx(ctx context.Context, fn func(q *dbsqlc.Queries) error) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("crm: begin: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after commit
	if err := fn(dbsqlc.New(tx)); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("crm: commit: %w", err)
	}
	return nil
}

func (s *Store) q() *dbsqlc.Queries { return dbsqlc.New(s.db) }

// notFound turns pgx's no-rows into ErrNotFound at the package boundary.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// isUniqueViolation reports a unique constraint failure.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}
