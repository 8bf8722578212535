// Package crunchbase reads recent funding rounds from the Crunchbase API v4
// with the user's own key, and imports Crunchbase Pro CSV exports; both
// yield crawlers.Signal values of kind crawlers.KindFunding.
package crunchbase

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// SourceName is the Signal.Source of every Crunchbase signal.
const SourceName = "crunchbase"

// Defaults and limits of Config.
const (
	DefaultBaseURL = "https://api.crunchbase.com/api/v4" // API v4 root
	// DefaultRequestsPerSecond leaves room under the quoted plan limit for
	// the user's other uses of the same key.
	DefaultRequestsPerSecond = 1.0
	// MaxRequestsPerSecond is the 200 calls/minute that client code quotes
	// for Crunchbase keys (SOURCES.md §3; not confirmed by Crunchbase).
	MaxRequestsPerSecond = 200.0 / 60
	DefaultPageSize      = 100  // rounds per search page
	MaxPageSize          = 1000 // the largest search limit Crunchbase accepts
	DefaultMaxPages      = 50   // search pages per run; the watermark carries on from there
	// DefaultLookback is how far back a first run (zero watermark) starts.
	DefaultLookback = 30 * 24 * time.Hour
)

// ErrNeedsKey reports a Config without an API key: the source is not set
// up, which is not a failure.
var ErrNeedsKey = errors.New("crunchbase: needs an API key (LEADGEN_CRUNCHBASE_KEY)")

// ErrKeyRejected reports a key the API refused (HTTP 401 or 403): the source
// is dead until the user fixes the key or the plan.
var ErrKeyRejected = errors.New("crunchbase: key rejected")

// Config configures Crawl; zero fields take defaults.
type Config struct {
	BaseURL           string        // default DefaultBaseURL
	Key               string        // the user's API key, sent as X-cb-user-key; empty: ErrNeedsKey
	ContactEmail      string        // required; sent in the User-Agent
	RequestsPerSecond float64       // default DefaultRequestsPerSecond, capped at MaxRequestsPerSecond
	MaxRetries        int           // retries on 429/5xx/network errors; default 4, negative: none
	BackoffBase       time.Duration // first retry wait, doubling; default 1s
	MaxWait           time.Duration // cap on a back-off or Retry-After; default 60s
	Timeout           time.Duration // per request; default 30s
	Transport         http.RoundTripper
	Logger            *slog.Logger // default slog.Default()
	PageSize          int          // rounds per search page; default DefaultPageSize, at most MaxPageSize
	MaxPages          int          // search pages per run; default DefaultMaxPages
}

// prepare checks the key, fills defaults and builds the User-Agent.
func (cfg Config) prepare() (Config, string, error) {
	if cfg.Key == "" {
		return cfg, "", ErrNeedsKey
	}
	ua, err := crawlers.UserAgent(cfg.ContactEmail)
	if err != nil {
		return cfg, "", fmt.Errorf("crunchbase: crawl: %w", err)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.RequestsPerSecond <= 0 {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	cfg.RequestsPerSecond = min(cfg.RequestsPerSecond, MaxRequestsPerSecond)
	if cfg.PageSize <= 0 {
		cfg.PageSize = DefaultPageSize
	}
	cfg.PageSize = min(cfg.PageSize, MaxPageSize)
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, ua, nil
}

// keyRejected turns a 401/403 into ErrKeyRejected; other errors pass.
func keyRejected(err error) error {
	var se *crawlers.StatusError
	if errors.As(err, &se) && (se.Code == http.StatusUnauthorized || se.Code == http.StatusForbidden) {
		return fmt.Errorf("%w (%d)", ErrKeyRejected, se.Code)
	}
	return err
}
