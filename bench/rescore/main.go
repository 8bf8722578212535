// Command rescore measures how fast leadgen rescores every company: it
// loads N synthetic companies (each with a funding signal) into a fresh
// database and times crm.Store.RescoreAll.
//
//	go run ./bench/rescore -n 1000000
//
// With -database-url it uses that (empty) database; otherwise it starts a
// private PostgreSQL cluster in a temporary directory.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/pgcluster"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "rescore:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	n := flag.Int("n", 100_000, "synthetic companies to load")
	url := flag.String("database-url", "", "an empty database to use (default: a private cluster in a temporary directory)")
	flag.Parse()
	if *url == "" {
		dir, err := os.MkdirTemp("", "leadgen-bench-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if err := os.Chmod(dir, 0o755); err != nil { // the server may run as another user
			return err
		}
		cl, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir})
		if err != nil {
			return err
		}
		defer cl.Stop(context.Background()) //nolint:errcheck // best effort at exit
		*url = cl.URL()
	}
	pool, err := crm.Open(ctx, *url)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := crm.Migrate(ctx, pool); err != nil {
		return err
	}
	store := crm.NewStore(pool, crm.StoreOptions{})
	start := time.Now()
	if err := store.LoadSyntheticCompanies(ctx, *n); err != nil {
		return err
	}
	fmt.Printf("loaded %d companies with a signal each in %s\n", *n, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	scored, err := store.RescoreAll(ctx)
	if err != nil {
		return err
	}
	d := time.Since(start)
	fmt.Printf("rescored %d companies in %s: %.0f companies/s\n", scored, d.Round(time.Millisecond), float64(scored)/d.Seconds())
	return nil
}
