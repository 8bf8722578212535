// Package upwork reads recent job posts from the Upwork GraphQL API
// (marketplaceJobPostingsSearch) with the user's own OAuth2 credentials
// and yields the posts of clients with money to spend as crawlers.Signal
// values of kind crawlers.KindProject.
package upwork

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// SourceName is the Signal.Source of every Upwork signal.
const SourceName = "upwork"

// Defaults and limits of Config.
const (
	DefaultBaseURL  = "https://api.upwork.com/graphql"             // GraphQL endpoint (SOURCES.md §5)
	DefaultTokenURL = "https://www.upwork.com/api/v3/oauth2/token" // OAuth2 token endpoint (SOURCES.md §5)
	// DefaultRequestsPerSecond is far under the ~300 requests/minute per IP
	// that a 2026 how-to quotes for Upwork keys (SOURCES.md §5, unverified),
	// leaving room for the user's other uses of the same key.
	DefaultRequestsPerSecond = 1.0
	// MaxRequestsPerSecond is that quoted limit, 300/minute.
	MaxRequestsPerSecond = 300.0 / 60
	DefaultMinProjectUSD = 500 // smallest project value that makes a client a lead
	DefaultPageSize      = 50  // jobs per search page, as public client code asks
	MaxPageSize          = 100 // assumed cap; Upwork documents none we could read
	DefaultMaxPages      = 20  // search pages per run
	// DefaultLookback is how far back a first run (zero watermark) reads.
	DefaultLookback = 7 * 24 * time.Hour
)

// ErrNeedsCredentials reports a Config with neither an access token nor a
// complete refresh set: the source is not set up, which is not a failure.
var ErrNeedsCredentials = errors.New("upwork: needs credentials (LEADGEN_UPWORK_TOKEN, or LEADGEN_UPWORK_CLIENT_ID, LEADGEN_UPWORK_CLIENT_SECRET and LEADGEN_UPWORK_REFRESH_TOKEN)")

// ErrTokenRejected reports a 401 that a token refresh could not cure: the
// user must authorise the app again.
var ErrTokenRejected = errors.New("upwork: token expired or missing (401)")

// Config configures Crawl; zero fields take defaults.
type Config struct {
	BaseURL      string // GraphQL endpoint; default DefaultBaseURL
	TokenURL     string // OAuth2 token endpoint; default DefaultTokenURL
	Token        string // OAuth2 access token (LEADGEN_UPWORK_TOKEN)
	ClientID     string // OAuth2 client id (LEADGEN_UPWORK_CLIENT_ID)
	ClientSecret string // OAuth2 client secret (LEADGEN_UPWORK_CLIENT_SECRET)
	RefreshToken string // OAuth2 refresh token (LEADGEN_UPWORK_REFRESH_TOKEN)
	TenantID     string // optional X-Upwork-API-TenantId (organization context)
	ContactEmail string // required; sent in the User-Agent
	// MinProjectUSD is the project value at which a job qualifies its
	// client; default DefaultMinProjectUSD.
	MinProjectUSD int64
	Query         string // searchExpression_eq; "" searches all jobs
	PageSize      int    // jobs per page; default DefaultPageSize, at most MaxPageSize
	MaxPages      int    // pages per run; default DefaultMaxPages
	// RequestsPerSecond defaults to DefaultRequestsPerSecond, capped at
	// MaxRequestsPerSecond.
	RequestsPerSecond float64
	MaxRetries        int           // retries on 429/5xx/network errors; default 4, negative: none
	BackoffBase       time.Duration // first retry wait, doubling; default 1s
	MaxWait           time.Duration // cap on a back-off or Retry-After; default 60s
	Timeout           time.Duration // per request; default 30s
	Transport         http.RoundTripper
	Logger            *slog.Logger // default slog.Default()
}

// Tokens are the OAuth2 credentials a run ended with. They differ from
// Config's when the run refreshed them; the caller persists them then,
// because Upwork may rotate the refresh token too.
type Tokens struct {
	Access  string
	Refresh string
	Expiry  time.Time // zero when unknown (a token from Config)
}

// canRefresh tells whether the refresh_token grant is possible.
func (cfg Config) canRefresh() bool {
	return cfg.ClientID != "" && cfg.ClientSecret != "" && cfg.RefreshToken != ""
}

// prepare checks the credentials, fills defaults and builds the User-Agent.
func (cfg Config) prepare() (Config, string, error) {
	if cfg.Token == "" && !cfg.canRefresh() {
		return cfg, "", ErrNeedsCredentials
	}
	ua, err := crawlers.UserAgent(cfg.ContactEmail)
	if err != nil {
		return cfg, "", fmt.Errorf("upwork: crawl: %w", err)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.TokenURL == "" {
		cfg.TokenURL = DefaultTokenURL
	}
	if cfg.MinProjectUSD <= 0 {
		cfg.MinProjectUSD = DefaultMinProjectUSD
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
