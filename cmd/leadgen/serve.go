package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/web"
)

func runServe(ctx context.Context, e env, args []string) error {
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (env LEADGEN_ADDR)")
	fs.BoolVar(&c.NoMigrate, "no-migrate", c.NoMigrate, "do not apply pending migrations on start (env LEADGEN_NO_MIGRATE)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, e, c, !c.NoMigrate, func(store *crm.Store, log *slog.Logger) error {
		return serve(ctx, c, store, log)
	})
}

// serve answers HTTP until ctx ends, then drains requests for the grace period.
func serve(ctx context.Context, c config, store *crm.Store, log *slog.Logger) error {
	if n, err := store.CountUsers(ctx); err == nil && n == 0 {
		log.Warn("no_users_yet", "hint", "create one: leadgen user add --email you@example.com --role admin")
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	handler := web.New(web.Config{Store: store, Logger: log, SecureCookies: c.SecureCookies, ImportLimit: c.ImportLimit,
		TrustedProxies: c.TrustedProxies})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	go web.DeleteExpiredSessions(ctx, store, log, time.Hour)
	// Rescoring after a weights change runs here, in the background.
	go store.RunRescoreJobs(ctx, 10*time.Second)
	go store.WarmDashboard(ctx) // its charts over every lead, before anyone asks
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting_down")
	sctx, cancel := context.WithTimeout(context.Background(), c.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}
