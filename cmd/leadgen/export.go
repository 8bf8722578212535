package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

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
	profile := fs.String("profile", crm.DefaultExportProfile, "columns: "+profileNames())
	newOnly := fs.Bool("new-only", false, "only leads no earlier export (web, API or command line) had")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if _, err := crm.ExportProfileNamed(*profile); err != nil {
		return usageError{"export: --" + err.Error()}
	}
	if *signals && (*profile != crm.DefaultExportProfile || *newOnly) {
		return usageError{"export: --signals has its own columns and is not recorded: it takes no --profile or --new-only"}
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
		// The export is recorded (and its leads count as exported) only
		// once the file is in place.
		write := func(w io.Writer, done func() error) (int, error) {
			res, err := store.Export(ctx, w, f, crm.ExportOptions{Profile: *profile, NewOnly: *newOnly, Via: crm.ExportViaCLI, BeforeCommit: done})
			return res.Rows, err
		}
		if *signals {
			write = func(w io.Writer, done func() error) (int, error) {
				n, err := store.ExportSignalsCSV(ctx, w, nil)
				if err == nil {
					err = done()
				}
				return n, err
			}
		}
		return export(e.stdout, *out, write, log)
	})
}

func profileNames() string {
	names := make([]string, len(crm.ExportProfiles))
	for i, p := range crm.ExportProfiles {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// export writes to a temporary file renamed into place, so a failed export
// never leaves a truncated file where a good one was. write calls done once
// every row is written: the file is then moved into place.
func export(stdout io.Writer, path string, write func(w io.Writer, done func() error) (int, error), log *slog.Logger) error {
	if path == "-" {
		n, err := write(stdout, func() error { return nil })
		log.Info("export_done", "rows", n)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".leadgen-export-*.csv")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone after the rename
	closed, placed := false, false
	done := func() error {
		closed = true
		if err := tmp.Close(); err != nil {
			return err
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return err
		}
		placed = true
		return nil
	}
	n, err := write(tmp, done)
	if !closed {
		_ = tmp.Close() // the export failed before it was done
	}
	if err == nil && !placed {
		err = errors.New("the export ended without writing its file")
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	log.Info("export_done", "rows", n, "file", path)
	return nil
}
