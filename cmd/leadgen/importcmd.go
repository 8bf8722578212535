package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/csvimport"
)

// runImport loads a cold-call list: it cleans every row, writes a report
// of rejected rows and warnings beside the file, and imports the accepted
// rows in one transaction (re-importing updates, never duplicates).
func runImport(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	profile := fs.String("profile", "", "header profile: yellowpages, crunchbase, apollo or generic (default: detected)")
	report := fs.String("report", "", "where to write the report of rejected rows (default FILE.report.csv when there are any)")
	dryRun := fs.Bool("dry-run", false, "show what would be imported and write the report, but store nothing")
	file, rest := splitFileArg(args)
	if err := parseFlags(fs, rest); err != nil {
		return err
	}
	if file == "" {
		return usageError{"usage: leadgen import FILE [--profile NAME] [--report FILE] [--dry-run]"}
	}
	content, err := readLimited(file, c.ImportLimit)
	if err != nil {
		return err
	}
	p, err := crm.PreviewImport(content, *profile, nil, c.ImportLimit)
	if err != nil {
		return fmt.Errorf("import %s: %w", file, err)
	}
	fmt.Fprintf(e.stdout, "%s: profile %s, %d rows accepted, %d rejected\n", file, p.Profile, p.Accepted, p.Rejected)
	if err := writeImportReport(e, file, *report, p); err != nil {
		return err
	}
	if *dryRun {
		return nil
	}
	return withStore(ctx, e, c, true, func(store *crm.Store, log *slog.Logger) error {
		res, err := store.Import(ctx, "cli:"+e.getenv("USER"), file, p.ImportRows())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "imported: %d new, %d updated, %d unchanged, on %d companies\n", res.New, res.Updated, res.Unchanged, res.Companies)
		_, err = store.RescoreAll(ctx)
		return err
	})
}

// splitFileArg takes the FILE argument wherever it stands among the flags.
func splitFileArg(args []string) (string, []string) {
	for i, a := range args {
		if a == "" || a[0] != '-' {
			if i > 0 && (args[i-1] == "--profile" || args[i-1] == "-profile" || args[i-1] == "--report" || args[i-1] == "-report" ||
				args[i-1] == "--database-url" || args[i-1] == "--data" || args[i-1] == "--log-format") {
				continue
			}
			return a, append(append([]string{}, args[:i]...), args[i+1:]...)
		}
	}
	return "", args
}

func readLimited(file string, limit int64) ([]byte, error) {
	st, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("import %s: %w (the file has %d bytes, the limit is %d; raise LEADGEN_IMPORT_LIMIT)", file, csvimport.ErrTooLarge, st.Size(), limit)
	}
	return os.ReadFile(file)
}

func writeImportReport(e env, file, path string, p crm.ImportPreview) error {
	problems := 0
	for _, r := range p.Rows {
		problems += len(r.Problems)
	}
	if problems == 0 {
		return nil
	}
	if path == "" {
		path = file + ".report.csv"
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("import report: %w", err)
	}
	if err := csvimport.WriteReport(f, p.Rows); err != nil {
		f.Close()
		return fmt.Errorf("import report: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("import report: %w", err)
	}
	fmt.Fprintf(e.stdout, "report of %d problems: %s\n", problems, path)
	return nil
}
