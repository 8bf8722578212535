package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// errHelp ends a run that only printed help.
var errHelp = flag.ErrHelp

// env is how the program sees its environment; tests pass their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web CRM (starts the embedded database when DATABASE_URL is unset)", runServe},
		{"crawl", "crawl sources once and store what they find (for cron)", runCrawl},
		{"sources", "list sources with their status, rate limit and last run", runSources},
		{"migrate", "apply pending database migrations", runMigrate},
		{"export", "write leads as CSV", runExport},
		{"import", "import a cold-call list: import FILE [--profile yellowpages|crunchbase|apollo|generic]", runImport},
		{"user", "manage users: user add --email E --role admin|sales", runUser},
		{"demo", "seed the database with a few thousand synthetic demo companies (marked as demo data)", runDemo},
		{"version", "print the version", runVersion},
	}
}

// run is the whole program: it parses args, runs one subcommand, and
// returns its error (mapped to an exit code by main).
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return usageError{"no command given"}
		}
		return errHelp
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(stderr)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("leadgen finds companies with money to spend on software, ranks them, and serves the CRM to work them.\n\nUsage: leadgen <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'leadgen <command> --help' for a command's flags. Configuration comes from LEADGEN_* environment variables and DATABASE_URL (see README).\n")
	io.WriteString(w, b.String()) //nolint:errcheck // best effort
}

// parseFlags parses a subcommand's flags, turning -h into errHelp and other
// mistakes into a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: leadgen %s [flags]\n\nFlags:\n", fs.Name())
		fs.PrintDefaults()
	}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return errHelp
	}
	if err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}
