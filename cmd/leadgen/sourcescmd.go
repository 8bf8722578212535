package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"text/tabwriter"

	"github.com/leadgen/leadgen/crm"
)

// runSources lists every source with its status, politeness and last run.
func runSources(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
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
		for _, s := range sources() {
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
