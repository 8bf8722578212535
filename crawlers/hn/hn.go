// Package hn crawls the monthly "Ask HN: Who is hiring?" threads through
// the HN Algolia API and turns each job post into a hiring signal: a
// company paying engineers is a company with money to spend on software.
package hn

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// SourceName is the Signal.Source of every HN signal.
const SourceName = "hn"

// Defaults of Config.
const (
	DefaultBaseURL           = "https://hn.algolia.com/api/v1" // Algolia HN API root
	DefaultRequestsPerSecond = 1.0                             // modest: the API is free and keyless
	DefaultHitsPerPage       = 100                             // comments per page
	DefaultMaxPages          = 10                              // pages per thread; Algolia serves 1,000 hits per query at most
	DefaultThreads           = 1                               // newest monthly threads crawled
	// WatermarkOverlap re-reads comments this much older than the
	// watermark, because Algolia indexes a comment a little after HN
	// stamps it; re-reading is harmless as ingest is idempotent.
	WatermarkOverlap = time.Hour
	threadListSize   = 20 // whoishiring posts three stories a month: half a year
)

// Config configures Crawl; zero fields take defaults.
type Config struct {
	BaseURL           string        // default DefaultBaseURL
	ContactEmail      string        // required; sent in the User-Agent
	RequestsPerSecond float64       // default DefaultRequestsPerSecond
	MaxRetries        int           // retries on 429/5xx/network errors; default 4, negative: none
	BackoffBase       time.Duration // first retry wait, doubling; default 1s
	MaxWait           time.Duration // cap on a back-off or Retry-After; default 60s
	Timeout           time.Duration // per request; default 30s
	Transport         http.RoundTripper
	Logger            *slog.Logger // default slog.Default()
	MaxPages          int          // comment pages per thread; default DefaultMaxPages; older comments of a longer thread are not read
	HitsPerPage       int          // comments per page; default DefaultHitsPerPage
	Threads           int          // newest monthly threads to crawl; default DefaultThreads
}

// prepare fills defaults and builds the User-Agent.
func (cfg Config) prepare() (Config, string, error) {
	ua, err := crawlers.UserAgent(cfg.ContactEmail)
	if err != nil {
		return cfg, "", fmt.Errorf("hn: crawl: %w", err)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.RequestsPerSecond <= 0 {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	if cfg.HitsPerPage <= 0 {
		cfg.HitsPerPage = DefaultHitsPerPage
	}
	if cfg.Threads <= 0 {
		cfg.Threads = DefaultThreads
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, ua, nil
}

// ThreadsURL lists the newest stories of the whoishiring account.
func ThreadsURL(base string, hitsPerPage int) string {
	q := url.Values{}
	q.Set("tags", "story,author_whoishiring")
	q.Set("query", "who is hiring")
	q.Set("hitsPerPage", strconv.Itoa(hitsPerPage))
	return base + "/search_by_date?" + q.Encode()
}

// CommentsURL is one page of a story's comments, newest first.
func CommentsURL(base string, storyID int64, page, hitsPerPage int) string {
	q := url.Values{}
	q.Set("tags", "comment,story_"+strconv.FormatInt(storyID, 10))
	q.Set("hitsPerPage", strconv.Itoa(hitsPerPage))
	q.Set("page", strconv.Itoa(page))
	return base + "/search_by_date?" + q.Encode()
}

// ItemURL is the HN page of an item, the evidence a salesperson opens.
func ItemURL(id string) string {
	return "https://news.ycombinator.com/item?id=" + id
}
