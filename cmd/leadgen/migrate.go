package main

import (
	"context"
	"flag"
	"log/slog"

	"github.com/leadgen/leadgen/crm"
)

func runMigrate(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, e, c, true, func(*crm.Store, *slog.Logger) error { return nil })
}
