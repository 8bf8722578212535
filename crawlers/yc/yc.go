// Package yc crawls the yc-oss static mirror of the Y Combinator company
// directory (https://yc-oss.github.io/api) and turns each company of the
// newest batches into a signal: a freshly funded startup with a team to
// equip is a company with money to spend on software.
package yc

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// SourceName is the Signal.Source of every YC signal.
const SourceName = "yc"

// Defaults of Config.
const (
	DefaultBaseURL           = "https://yc-oss.github.io/api" // yc-oss mirror root (GitHub Pages)
	DefaultRequestsPerSecond = 1.0                            // a handful of static files: no hurry
	DefaultLatestBatches     = 4                              // YC runs four batches a year
)

// Config configures Crawl; zero fields take defaults.
type Config struct {
	BaseURL string // default DefaultBaseURL
	// Batches to crawl, each as "W25", "Winter 2025" or "winter-2025";
	// empty means the newest LatestBatches listed in the mirror's meta.json.
	Batches           []string
	LatestBatches     int           // default DefaultLatestBatches
	ContactEmail      string        // required; sent in the User-Agent
	RequestsPerSecond float64       // default DefaultRequestsPerSecond
	MaxRetries        int           // retries on 429/5xx/network errors; default 4, negative: none
	BackoffBase       time.Duration // first retry wait, doubling; default 1s
	MaxWait           time.Duration // cap on a back-off or Retry-After; default 60s
	Timeout           time.Duration // per request; default 30s
	Transport         http.RoundTripper
	Logger            *slog.Logger // default slog.Default()
}

// prepare fills defaults, builds the User-Agent and reads the batches.
func (cfg Config) prepare() (Config, string, []Batch, error) {
	ua, err := crawlers.UserAgent(cfg.ContactEmail)
	if err != nil {
		return cfg, "", nil, fmt.Errorf("yc: crawl: %w", err)
	}
	var batches []Batch
	for _, s := range cfg.Batches {
		b, ok := ParseBatch(s)
		if !ok {
			return cfg, "", nil, fmt.Errorf("yc: crawl: unknown batch %q", s)
		}
		batches = append(batches, b)
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.LatestBatches <= 0 {
		cfg.LatestBatches = DefaultLatestBatches
	}
	if cfg.RequestsPerSecond <= 0 {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, ua, batches, nil
}

// MetaURL is the mirror's index of companies, batches, industries and tags.
func MetaURL(base string) string { return base + "/meta.json" }

// BatchURL is the list of a batch's companies.
func BatchURL(base string, b Batch) string { return base + "/batches/" + b.Slug() + ".json" }

// CompanyURL is the company's page on the YC directory.
func CompanyURL(slug string) string { return "https://www.ycombinator.com/companies/" + slug }
