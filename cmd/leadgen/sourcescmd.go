package main

import (
	"strings"

	"context"
	"flag"
	"fmt"
	"github.com/leadgen/leadgen/crawlers/web"
	"log/slog"
	"text/tabwriter"

	"github.com/leadgen/leadgen/crm"
)

// runSources lists every source with its status, politeness and last run;
// `sources check FILE` tries a web source config on one page.
func runSources(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	if len(args) > 0 && args[0] == "check" {
		return checkWebSource(ctx, e, c, args[1:])
	}
	fs := flag.NewFlagSet("sources", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, e, c, true, func(store *crm.Store, _ *slog.Logger) error {
		status, err := store.SourceStatuses(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SOURCE\tSTATUS\tRATE\tLAST RUN\tLAST ERROR")
		all, errs := allSources(c)
		for _, err := range errs {
			fmt.Fprintln(e.stderr, "leadgen: LEADGEN_SOURCES_DIR:", err)
		}
		for _, s := range all {
			st := status[s.name]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.name, s.state(c), s.polite, lastRun(st), lastError(st))
		}
		return tw.Flush()
	})
}

func lastRun(st crm.SourceStatus) string {
	if !st.HasRun {
		return "never"
	}
	r := st.LastRun
	return fmt.Sprintf("%s %s (%d new, %d updated, %d errors)", r.StartedAt.Local().Format("2006-01-02 15:04"), r.Status,
		r.SignalsNew, r.SignalsUpdated, r.Errors)
}

func lastError(st crm.SourceStatus) string {
	if st.LastError.URL == "" {
		if st.LastRun.Status == "failed" {
			return truncate(st.LastRun.Message, 100)
		}
		return "-"
	}
	return truncate(st.LastError.URL+": "+st.LastError.Reason, 100)
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// checkWebSource fetches one page with a web source config and prints what
// it would extract, so selectors can be tuned before the source is enabled.
func checkWebSource(ctx context.Context, e env, c config, args []string) error {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		return usageError{"usage: leadgen sources check FILE.yaml"}
	}
	wc, err := web.LoadFile(args[0])
	if err != nil {
		return err
	}
	if err := c.validateCrawl(); err != nil {
		return err
	}
	return web.Check(ctx, wc, e.stdout, web.Options{ContactEmail: c.ContactEmail, Logger: newLogger(e.stderr, c.LogFormat)})
}
