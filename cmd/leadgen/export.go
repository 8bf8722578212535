package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"github.com/leadgen/leadgen/crm"
)

func runExport(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	minScore := fs.Int("min-score", 0, "only leads scoring at least this (0-100)")
	industry := fs.String("industry", "", "only this industry, e.g. \"Other Technology\"")
	within := fs.Int("funded-within-days", 0, "only leads funded within this many days")
	stage := fs.String("stage", "", "only this stage: new, contacted, meeting, proposal, won, lost, do_not_contact")
	query := fs.String("q", "", "name search")
	out := fs.String("o", "-", "output file; - is standard output")
	signals := fs.Bool("signals", false, "one row per signal (source, item, company, amount, round, investors, url…) instead of one per lead")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// The same parser as the web list, so a CLI export and a button export agree.
	f, err := crm.ParseFilter(url.Values{
		"min_score": {strconv.Itoa(*minScore)}, "industry": {*industry},
		"funded_within_days": {strconv.Itoa(*within)}, "stage": {*stage}, "q": {*query},
	})
	if err != nil {
		return usageError{err.Error()}
	}
	return withStore(ctx, e, c, true, func(store *crm.Store, log *slog.Logger) error {
		write := func(w io.Writer) (int, error) { return store.ExportCSV(ctx, w, f, nil) }
		if *signals {
			write = func(w io.Writer) (int, error) { return store.ExportSignalsCSV(ctx, w, nil) }
		}
		return export(e.stdout, *out, write, log)
	})
}

// export writes to a temporary file renamed into place, so a failed export
// never leaves a truncated file where a good one was.
func export(stdout io.Writer, path string, write func(io.Writer) (int, error), log *slog.Logger) error {
	if path == "-" {
		n, err := write(stdout)
		log.Info("export_done", "rows", n)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".leadgen-export-*.csv")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone after the rename
	n, err := write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	log.Info("export_done", "rows", n, "file", path)
	return nil
}
