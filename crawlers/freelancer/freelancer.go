// Package freelancer crawls the Freelancer.com public projects API and
// turns the projects of clients with real budgets into project signals:
// a client paying freelancers for software is a company with money to
// spend on software, and its profile says how reliably it pays.
package freelancer

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// SourceName is the Signal.Source of every Freelancer signal.
const SourceName = "freelancer"

// Defaults of Config.
const (
	DefaultBaseURL           = "https://www.freelancer.com" // site root; the API lives under /api
	DefaultMinProjectUSD     = 500                          // smaller projects are one-off gigs, not budgets
	DefaultPageSize          = 100                          // projects per page, as SOURCES.md calls it
	DefaultMaxPages          = 20                           // pages per run
	MaxRequestsPerSecond     = 1.0                          // rate limits are undocumented: stay gentle
	DefaultRequestsPerSecond = MaxRequestsPerSecond
	// FirstRunLookback is how far back a run without a watermark reads.
	FirstRunLookback = 7 * 24 * time.Hour
	// TokenHeader carries an optional OAuth token; reads work without one.
	TokenHeader  = "freelancer-oauth-v1"
	projectsPath = "/api/projects/0.1/projects/active/"
)

// Config configures Crawl; zero fields take defaults.
type Config struct {
	BaseURL           string        // default DefaultBaseURL
	Token             string        // optional OAuth token, sent as TokenHeader
	ContactEmail      string        // required; sent in the User-Agent
	MinProjectUSD     int64         // a client qualifies with one project worth this much; default DefaultMinProjectUSD
	Skills            []int         // job (skill) ids to filter on, sent as jobs[]; empty: all
	Query             string        // full-text filter; empty: none
	PageSize          int           // projects per page; default DefaultPageSize
	MaxPages          int           // pages per run; default DefaultMaxPages
	RequestsPerSecond float64       // default and cap MaxRequestsPerSecond
	MaxRetries        int           // retries on 429/5xx/network errors; default 4, negative: none
	BackoffBase       time.Duration // first retry wait, doubling; default 1s
	MaxWait           time.Duration // cap on a back-off or Retry-After; default 60s
	Timeout           time.Duration // per request; default 30s
	Transport         http.RoundTripper
	Logger            *slog.Logger // default slog.Default()
}

// prepare fills defaults and builds the User-Agent.
func (cfg Config) prepare() (Config, string, error) {
	ua, err := crawlers.UserAgent(cfg.ContactEmail)
	if err != nil {
		return cfg, "", fmt.Errorf("freelancer: crawl: %w", err)
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.MinProjectUSD <= 0 {
		cfg.MinProjectUSD = DefaultMinProjectUSD
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = DefaultPageSize
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	if cfg.RequestsPerSecond <= 0 || cfg.RequestsPerSecond > MaxRequestsPerSecond {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, ua, nil
}

// ProjectsURL is one page of active projects submitted since from,
// newest first, with their owners' profiles and employer reputations.
func ProjectsURL(cfg Config, from time.Time, offset int) string {
	q := url.Values{}
	for _, k := range []string{"full_description", "job_details", "user_details", "user_employer_reputation", "user_status", "compact"} {
		q.Set(k, "true")
	}
	q["project_types[]"] = []string{"fixed", "hourly"}
	q.Set("sort_field", "time_submitted")
	q.Set("limit", strconv.Itoa(cfg.PageSize))
	q.Set("offset", strconv.Itoa(offset))
	q.Set("from_time", strconv.FormatInt(from.Unix(), 10))
	for _, id := range cfg.Skills {
		q.Add("jobs[]", strconv.Itoa(id))
	}
	if cfg.Query != "" {
		q.Set("query", cfg.Query)
	}
	return cfg.BaseURL + projectsPath + "?" + q.Encode()
}

// ProjectURL is the project's public page, the evidence a salesperson opens.
func ProjectURL(seoURL string, id int64) string {
	if seoURL == "" {
		return DefaultBaseURL + "/projects/" + strconv.FormatInt(id, 10)
	}
	return DefaultBaseURL + "/projects/" + seoURL
}
