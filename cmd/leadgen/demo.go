package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crm"
)

// demoEmail is the admin a demo database gets when it has no user yet.
const demoEmail = "demo@leadgen.invalid"

// maxDemoCompanies bounds --companies: enough to feel a real list, not
// enough to fill a disk by a typo.
const maxDemoCompanies = 100_000

func runDemo(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	n := fs.Int("companies", crm.DefaultDemoCompanies, "how many synthetic companies to make")
	seed := fs.Uint64("seed", 1, "which data set: the same seed makes the same companies, another seed adds others")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > maxDemoCompanies {
		return usageError{fmt.Sprintf("demo: --companies must be from 1 to %d", maxDemoCompanies)}
	}
	return withStore(ctx, e, c, true, func(store *crm.Store, log *slog.Logger) error {
		began := time.Now()
		// The first user of a demo database is its admin, created before
		// the data so the demo calls and notes are theirs.
		users, err := store.CountUsers(ctx)
		if err != nil {
			return err
		}
		var admin crm.User
		var password string
		if users == 0 {
			password = crm.GeneratePassword()
			if admin, err = store.CreateUser(ctx, demoEmail, password, crm.RoleAdmin); err != nil {
				return err
			}
			// Shown whatever happens next: it is shown only once.
			defer fmt.Fprintf(e.stdout, "created admin user %s\npassword (shown once): %s\n", admin.Email, password)
		}
		log.Info("demo_seeding", "companies", *n, "seed", *seed)
		res, err := store.SeedDemo(ctx, crm.DemoOptions{Companies: *n, Seed: *seed, UserID: admin.ID})
		if err != nil {
			return err
		}
		scored, err := store.RescoreAll(ctx)
		if err != nil {
			return err
		}
		writeDemoSummary(e.stdout, *seed, res, scored, time.Since(began))
		return nil
	})
}

// writeDemoSummary says what the demo made, e.g.
//
//	demo data set 1: 3000 companies; added 5656 signals and 3757 calls, notes and stage changes in 41s
//	  companies: 579 Form D startup, 573 Freelancer client, …
func writeDemoSummary(w io.Writer, seed uint64, res crm.DemoResult, scored int, took time.Duration) {
	fmt.Fprintf(w, "demo data set %d: %d companies; added %d signals and %d calls, notes and stage changes in %s\n",
		seed, res.Companies, res.Signals, res.Activities, took.Round(100*time.Millisecond))
	fmt.Fprintf(w, "  companies: %s\n", demoCounts(res.Kinds))
	if res.Signals > 0 {
		fmt.Fprintf(w, "  signals:   %s\n", demoCounts(res.Sources))
	}
	if len(res.Stages) > 0 {
		stages := map[string]int{}
		for st, n := range res.Stages {
			stages[st.Label()] += n
		}
		fmt.Fprintf(w, "  worked:    %s\n", demoCounts(stages))
	}
	fmt.Fprintf(w, "rescored %d companies\n", scored)
	fmt.Fprintf(w, "demo rows are the ones whose evidence links point to %s/…\n", crm.DemoURL)
}

// demoCounts writes counts largest first: "579 Form D startup, 573 …".
func demoCounts(m map[string]int) string {
	keys := slices.SortedFunc(maps.Keys(m), func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", m[k], k)
	}
	return strings.Join(parts, ", ")
}
