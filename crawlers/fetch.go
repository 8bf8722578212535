package crawlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/gocolly/colly/v2"
)

// Version is the crawler version sent in User-Agent headers.
const Version = "0.1"

// Defaults used by NewFetcher when a FetchConfig field is left zero.
const (
	DefaultRequestsPerSecond = 1.0              // request rate cap
	DefaultMaxRetries        = 4                // retries after the first try
	DefaultBackoffBase       = time.Second      // first retry wait
	DefaultMaxWait           = 60 * time.Second // cap on back-off and Retry-After
	DefaultTimeout           = 30 * time.Second // one request, body included
	DefaultMaxBodySize       = 32 << 20         // bytes
)

// ErrRobotsDisallowed reports a URL that the site's robots.txt forbids.
var ErrRobotsDisallowed = errors.New("disallowed by robots.txt")

// FetchConfig configures a polite Fetcher; zero fields take the defaults above.
type FetchConfig struct {
	// UserAgent must name the operator and a contact address; required.
	UserAgent string
	// RequestsPerSecond caps the request rate of the whole Fetcher.
	RequestsPerSecond float64
	// MaxRetries is how often a 429, a 5xx or a network error is retried;
	// negative means never.
	MaxRetries int
	// BackoffBase is the first retry wait; it doubles on each retry.
	BackoffBase time.Duration
	// MaxWait caps both the back-off and a server's Retry-After.
	MaxWait time.Duration
	// Timeout bounds one HTTP request, body included.
	Timeout time.Duration
	// MaxBodySize caps a response body; a longer body is an error.
	MaxBodySize int
	// Transport carries the requests; nil means NewTransport().
	Transport http.RoundTripper
}

// Page is one successfully fetched URL.
type Page struct {
	URL      string
	Status   int
	Header   http.Header
	Body     []byte // as the server sent it: no charset conversion
	Attempts int    // requests made for it, retries included
}

// StatusError reports a final HTTP status that is not 2xx.
type StatusError struct {
	URL  string
	Code int
}

// Error implements error.
func (e *StatusError) Error() string {
	return fmt.Sprintf("get %s: http %d %s", e.URL, e.Code, http.StatusText(e.Code))
}

// IsNotFound tells whether err carries an HTTP 404 or 410.
func IsNotFound(err error) bool {
	var se *StatusError
	return errors.As(err, &se) && (se.Code == http.StatusNotFound || se.Code == http.StatusGone)
}

// Fetcher GETs pages through one synchronous colly collector that obeys
// robots.txt, spaces its requests and retries 429/5xx with back-off.
// Use it from one goroutine at a time. Cancelling its context aborts a
// request or a back-off at once; colly's pause between requests (one
// request interval at most) is not interruptible.
type Fetcher struct {
	ctx context.Context
	cfg FetchConfig
	c   *colly.Collector
}

// NewTransport returns an http.Transport tuned for one polite crawler:
// keep-alives on, a few idle connections per host, bounded handshakes.
func NewTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          16,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// NewFetcher builds a Fetcher whose requests and waits all end when ctx does.
func NewFetcher(ctx context.Context, cfg FetchConfig) (*Fetcher, error) {
	cfg = cfg.withDefaults()
	if cfg.UserAgent == "" {
		return nil, errors.New("crawlers: new fetcher: user agent required")
	}
	c := colly.NewCollector(colly.StdlibContext(ctx))
	// Set every behaviour explicitly: colly's defaults ignore robots.txt
	// and COLLY_* environment variables may have changed others.
	c.UserAgent = cfg.UserAgent
	c.IgnoreRobotsTxt = false
	c.Async = false
	c.AllowURLRevisit = true // retries revisit; callers dedupe items themselves
	c.ParseHTTPErrorResponse = true
	c.MaxBodySize = cfg.MaxBodySize + 1 // one extra byte detects truncation
	c.CacheDir = ""
	c.DetectCharset = false
	c.MaxDepth, c.MaxRequests = 0, 0
	c.DisableCookies()
	c.WithTransport(cfg.Transport)
	c.SetRequestTimeout(cfg.Timeout)
	// One rule for every host (stricter than per host): colly holds the
	// slot and sleeps Delay plus up to Delay/4 after each response, so
	// request starts are at least 1/RequestsPerSecond apart.
	delay := time.Duration(float64(time.Second) / cfg.RequestsPerSecond)
	rule := &colly.LimitRule{DomainGlob: "*", Parallelism: 1, Delay: delay, RandomDelay: delay / 4}
	if err := c.Limit(rule); err != nil {
		return nil, fmt.Errorf("crawlers: new fetcher: %w", err)
	}
	// colly would re-encode a body whose Content-Type names a charset;
	// hide the header until the body is read so parsers get the bytes as
	// sent (an XML prolog may declare its own encoding).
	c.OnResponseHeaders(func(r *colly.Response) {
		r.Ctx.Put(contentTypeKey, r.Headers.Get("Content-Type"))
		r.Headers.Del("Content-Type")
	})
	c.OnResponse(func(r *colly.Response) { r.Ctx.Put(responseKey, r) })
	return &Fetcher{ctx: ctx, cfg: cfg, c: c}, nil
}

const (
	responseKey    = "crawlers.response"
	contentTypeKey = "crawlers.content-type"
)

func (cfg FetchConfig) withDefaults() FetchConfig {
	if cfg.RequestsPerSecond <= 0 {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	cfg.MaxRetries = max(cfg.MaxRetries, 0)
	if cfg.BackoffBase <= 0 {
		cfg.BackoffBase = DefaultBackoffBase
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = DefaultMaxWait
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBodySize <= 0 {
		cfg.MaxBodySize = DefaultMaxBodySize
	}
	if cfg.Transport == nil {
		cfg.Transport = NewTransport()
	}
	return cfg
}

// Request is one HTTP request a Fetcher makes: a GET by default, with
// optional headers (conditional-GET validators, API keys) and body.
type Request struct {
	Method string // default GET
	URL    string
	Header http.Header
	Body   []byte
}

// Get fetches rawURL; see Do.
func (f *Fetcher) Get(rawURL string) (*Page, error) {
	return f.Do(Request{URL: rawURL})
}

// Do makes req, retrying 429, 5xx and network errors up to MaxRetries
// times. A 304 Not Modified is a success (Page.Status 304, no body). It
// returns a *StatusError (wrapped) for a final non-2xx status,
// ErrRobotsDisallowed (wrapped) for a forbidden URL, and ctx's error once
// the Fetcher's context ends.
func (f *Fetcher) Do(req Request) (*Page, error) {
	rawURL := req.URL
	var lastErr error
	for attempt := 0; ; attempt++ {
		if err := f.ctx.Err(); err != nil {
			return nil, fmt.Errorf("crawlers: get %s: %w", rawURL, err)
		}
		p, retryAfter, err := f.once(req)
		if err == nil {
			p.Attempts = attempt + 1
			return p, nil
		}
		lastErr = err
		if cerr := f.ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("crawlers: get %s: %w", rawURL, cerr)
		}
		if !retryable(err) {
			return nil, fmt.Errorf("crawlers: %w", err)
		}
		if attempt >= f.cfg.MaxRetries {
			return nil, fmt.Errorf("crawlers: gave up after %d attempts: %w", attempt+1, lastErr)
		}
		wait := Backoff(f.cfg.BackoffBase, attempt, f.cfg.MaxWait)
		wait = min(max(wait, retryAfter), f.cfg.MaxWait)
		if err := sleepCtx(f.ctx, wait); err != nil {
			return nil, fmt.Errorf("crawlers: get %s: %w", rawURL, err)
		}
	}
}

// once makes a single request; retryAfter is the server's hint, if any.
func (f *Fetcher) once(req Request) (p *Page, retryAfter time.Duration, err error) {
	rawURL := req.URL
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	cctx := colly.NewContext()
	err = f.c.Request(method, rawURL, body, cctx, req.Header.Clone())
	if errors.Is(err, colly.ErrRobotsTxtBlocked) {
		return nil, 0, fmt.Errorf("get %s: %w", rawURL, ErrRobotsDisallowed)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("get %s: %w", rawURL, err)
	}
	r, ok := cctx.GetAny(responseKey).(*colly.Response)
	if !ok {
		return nil, 0, fmt.Errorf("get %s: no response", rawURL)
	}
	if r.StatusCode == http.StatusNotModified {
		return &Page{URL: rawURL, Status: r.StatusCode, Header: r.Headers.Clone()}, 0, nil
	}
	if r.StatusCode < 200 || r.StatusCode > 299 {
		ra, _ := ParseRetryAfter(r.Headers.Get("Retry-After"), time.Now())
		return nil, ra, &StatusError{URL: rawURL, Code: r.StatusCode}
	}
	if len(r.Body) > f.cfg.MaxBodySize {
		return nil, 0, fmt.Errorf("get %s: body over %d bytes", rawURL, f.cfg.MaxBodySize)
	}
	h := r.Headers.Clone()
	if ct := cctx.Get(contentTypeKey); ct != "" {
		h.Set("Content-Type", ct)
	}
	return &Page{URL: rawURL, Status: r.StatusCode, Header: h, Body: r.Body}, 0, nil
}

// retryable tells whether a failed attempt is worth repeating.
func retryable(err error) bool {
	if errors.Is(err, ErrRobotsDisallowed) {
		return false
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusTooManyRequests || se.Code >= 500
	}
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne) // network trouble
}
