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

	"github.com/leadgen/leadgen/bench/benchdb"
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

func report(what string, n int, d time.Duration) {
	fmt.Printf("%s: %d companies in %s: %.0f companies/s\n", what, n, d.Round(time.Millisecond), float64(n)/d.Seconds())
}

func run(ctx context.Context) error {
	n := flag.Int("n", 100_000, "synthetic companies to load")
	url := flag.String("database-url", "", "an empty database to use (default: a private cluster in a temporary directory)")
	skipLoad := flag.Bool("skip-load", false, "rescore the companies already in the database")
	flag.Parse()
	store, closeDB, err := benchdb.Open(ctx, *url)
	if err != nil {
		return err
	}
	defer closeDB()
	if !*skipLoad {
		start := time.Now()
		if err := store.LoadSyntheticCompanies(ctx, *n); err != nil {
			return err
		}
		fmt.Printf("loaded %d synthetic companies in %s\n", *n, time.Since(start).Round(time.Millisecond))
	}
	// The first pass writes every score; the second is what saving new
	// weights on the Scoring page starts: the background job rewriting
	// every score (and a history row for each total that changed).
	start := time.Now()
	scored, err := store.RescoreAll(ctx)
	if err != nil {
		return err
	}
	report("first scoring", scored, time.Since(start))
	if _, err := store.LoadWeights(ctx, nil); err != nil {
		return err
	}
	_, w := store.Weights()
	w.FundingPoints += 5
	w.ProjectHalfLifeDays += 7
	if _, _, err := store.SaveWeights(ctx, 0, w); err != nil {
		return err
	}
	start = time.Now()
	if _, err := store.RunNextRescoreJob(ctx); err != nil {
		return err
	}
	d := time.Since(start)
	job, _, err := store.LatestRescore(ctx)
	if err != nil {
		return err
	}
	if job.Status != "done" {
		return fmt.Errorf("rescoring job ended %s: %s", job.Status, job.Error)
	}
	report("rescoring after a weights change", job.Done, d)
	// Both runs end by rebuilding the list's order; once more on its own,
	// to show its share.
	start = time.Now()
	if err := store.RebuildRank(ctx); err != nil {
		return err
	}
	fmt.Printf("of which rebuilding the list's order (company_rank): %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
