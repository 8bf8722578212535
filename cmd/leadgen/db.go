package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/pgcluster"
)

// database is an open connection to leadgen's database, plus the embedded
// server when this process started or joined one.
type database struct {
	Pool    *pgxpool.Pool
	cluster *pgcluster.Cluster
	log     *slog.Logger
}

// openDatabase connects to DATABASE_URL, or starts the embedded PostgreSQL
// in the data directory when it is unset; migrate applies pending migrations.
func openDatabase(ctx context.Context, c config, log *slog.Logger, migrate bool) (*database, error) {
	db := &database{log: log}
	url := c.DatabaseURL
	if url == "" {
		cl, err := pgcluster.Start(ctx, pgcluster.Options{Dir: c.DataDir, Logger: log})
		if errors.Is(err, pgcluster.ErrBinariesMissing) {
			return nil, pgcluster.ErrBinariesMissing
		}
		if err != nil {
			return nil, err
		}
		db.cluster, url = cl, cl.URL()
		log.Info("embedded_database_ready", "dir", c.DataDir)
	}
	pool, err := crm.Open(ctx, url)
	if err != nil {
		db.Close()
		return nil, err
	}
	db.Pool = pool
	if migrate {
		if err := crm.Migrate(ctx, pool); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// Close releases the pool and stops the embedded server if no other
// leadgen process still uses it. It runs on a fresh context: the caller's
// has usually ended (Ctrl-C) by now.
func (db *database) Close() {
	if db.Pool != nil {
		db.Pool.Close()
	}
	if db.cluster == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := db.cluster.Stop(ctx); err != nil {
		db.log.Error("embedded_database_stop_failed", slog.Any("error", err))
		return
	}
	db.log.Info("embedded_database_released")
}

// withStore opens the database, runs fn with a store over it, and closes it.
func withStore(ctx context.Context, e env, c config, migrate bool, fn func(s *crm.Store, log *slog.Logger) error) error {
	if err := c.Validate(); err != nil {
		return err
	}
	file, err := loadScoringFile(c.ScoringFile)
	if err != nil {
		return err
	}
	log := newLogger(e.stderr, c.LogFormat)
	db, err := openDatabase(ctx, c, log, migrate)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer db.Close()
	store := crm.NewStore(db.Pool, crm.StoreOptions{Logger: log, MinProjectUSD: c.MinProjectUSD, CallCooldown: c.CallCooldown})
	if _, err := store.LoadWeights(ctx, file); err != nil {
		return err
	}
	return fn(store, log)
}
