package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/leadgen/leadgen/crawlers/crunchbase"
	"github.com/leadgen/leadgen/crm"
)

// runImport loads a file exported from another tool (today: a Crunchbase
// Pro CSV export). Good rows are stored even when others are broken; each
// broken row is reported with its line number, and the exit code says so.
func runImport(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	format := fs.String("format", "crunchbase", "what the file is: crunchbase (a Crunchbase Pro companies or funding-rounds CSV export)")
	file := fs.String("file", "", "the file to import (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "crunchbase" {
		return usageError{fmt.Sprintf("import: unknown format %q (known: crunchbase)", *format)}
	}
	if *file == "" {
		return usageError{"import: --file is required"}
	}
	f, err := os.Open(*file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	signals, rowErrs, err := crunchbase.ParseCSV(f)
	if err != nil {
		return fmt.Errorf("import %s: %w", *file, err)
	}
	return withStore(ctx, e, c, true, func(store *crm.Store, log *slog.Logger) error {
		rec, err := store.StartCrawlRun(ctx, crunchbase.SourceName)
		if err != nil {
			return err
		}
		for _, re := range rowErrs {
			rec.Error(fmt.Sprintf("%s:%d", *file, re.Line), errors.New(re.Reason))
			fmt.Fprintf(e.stderr, "%s:%d: %s\n", *file, re.Line, re.Reason)
		}
		for _, sig := range signals {
			_ = rec.Signal(ctx, sig) // recorded on the run when it fails
		}
		run, err := rec.Finish(nil)
		if err != nil {
			return err
		}
		if _, err := store.RescoreAll(ctx); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "imported %s: %d new, %d updated, %d rows failed\n", *file, run.SignalsNew, run.SignalsUpdated, run.Errors)
		if run.Errors > 0 {
			return fmt.Errorf("import: %d rows could not be imported (listed above; the rest were)", run.Errors)
		}
		return nil
	})
}
