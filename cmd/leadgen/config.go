package main

import (
	"cmp"
	"flag"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// config is every setting leadgen reads, from the environment first and
// then from flags, which win.
type config struct {
	DatabaseURL        string        // DATABASE_URL: an existing PostgreSQL; empty starts the embedded one
	DataDir            string        // LEADGEN_DATA: where the embedded database lives
	Addr               string        // LEADGEN_ADDR: where serve listens
	ContactEmail       string        // LEADGEN_CONTACT_EMAIL: sent with every crawl request
	EdgarURL           string        // LEADGEN_EDGAR_URL: SEC EDGAR base URL (mirrors, tests)
	HNURL              string        // LEADGEN_HN_URL: Hacker News Algolia API base URL
	TechcrunchURL      string        // LEADGEN_TECHCRUNCH_URL: the funding-news feed itself
	FreelancerURL      string        // LEADGEN_FREELANCER_URL: Freelancer.com base URL
	FreelancerToken    string        // LEADGEN_FREELANCER_TOKEN: optional OAuth token (header freelancer-oauth-v1)
	FreelancerQuery    string        // LEADGEN_FREELANCER_QUERY: optional search terms
	FreelancerSkills   []int         // LEADGEN_FREELANCER_SKILLS: optional Freelancer job (skill) ids, comma-separated
	MinProjectUSD      int64         // LEADGEN_MIN_PROJECT_USD: a project qualifies its client from this value (default 500)
	ScoringFile        string        // LEADGEN_SCORING_FILE: YAML file of scoring weights over the defaults
	UpworkURL          string        // LEADGEN_UPWORK_URL: Upwork GraphQL endpoint
	UpworkTokenURL     string        // LEADGEN_UPWORK_TOKEN_URL: Upwork OAuth2 token endpoint
	UpworkToken        string        // LEADGEN_UPWORK_TOKEN: access token of your approved Upwork app
	UpworkClientID     string        // LEADGEN_UPWORK_CLIENT_ID: for refreshing the token
	UpworkClientSecret string        // LEADGEN_UPWORK_CLIENT_SECRET
	UpworkRefreshToken string        // LEADGEN_UPWORK_REFRESH_TOKEN
	FundingFeeds       []string      // LEADGEN_FUNDING_FEEDS: more WordPress funding feeds, comma-separated
	CrunchbaseURL      string        // LEADGEN_CRUNCHBASE_URL: Crunchbase API v4 base URL
	CrunchbaseKey      string        // LEADGEN_CRUNCHBASE_KEY: your Crunchbase API key; without it the source is skipped
	YCURL              string        // LEADGEN_YC_URL: yc-oss directory mirror base URL
	YCBatches          []string      // LEADGEN_YC_BATCHES: batches to read, e.g. "W25,S25"; default the latest four
	SecureCookies      bool          // LEADGEN_COOKIE_SECURE: set when served over TLS
	NoMigrate          bool          // LEADGEN_NO_MIGRATE: serve without applying migrations
	LogFormat          string        // LEADGEN_LOG_FORMAT: json or text; default json unless on a terminal
	ShutdownGrace      time.Duration // LEADGEN_SHUTDOWN_GRACE: how long serve waits for requests on exit
	CallCooldown       time.Duration // LEADGEN_CALL_COOLDOWN: a called lead stays out of call queues this long
	// ImportLimit is the largest list `leadgen import` and the upload page accept (LEADGEN_IMPORT_LIMIT, bytes).
	ImportLimit int64
	// SourcesDir holds web source configs, one YAML file each (LEADGEN_SOURCES_DIR).
	SourcesDir string
	// DisabledSources are sources a plain `leadgen crawl` skips (LEADGEN_DISABLED_SOURCES, comma-separated).
	DisabledSources []string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For serve
	// believes (LEADGEN_TRUSTED_PROXIES: IPs or CIDR ranges, comma-separated);
	// empty means the header is ignored.
	TrustedProxies []*net.IPNet
}

func loadConfig(getenv func(string) string) (config, error) {
	c := config{
		DatabaseURL:        getenv("DATABASE_URL"),
		DataDir:            cmp.Or(getenv("LEADGEN_DATA"), "./leadgen-data"),
		Addr:               cmp.Or(getenv("LEADGEN_ADDR"), ":8080"),
		ContactEmail:       getenv("LEADGEN_CONTACT_EMAIL"),
		EdgarURL:           cmp.Or(getenv("LEADGEN_EDGAR_URL"), "https://www.sec.gov"),
		HNURL:              getenv("LEADGEN_HN_URL"),
		FreelancerURL:      getenv("LEADGEN_FREELANCER_URL"),
		FreelancerToken:    getenv("LEADGEN_FREELANCER_TOKEN"),
		FreelancerQuery:    getenv("LEADGEN_FREELANCER_QUERY"),
		UpworkURL:          getenv("LEADGEN_UPWORK_URL"),
		UpworkTokenURL:     getenv("LEADGEN_UPWORK_TOKEN_URL"),
		UpworkToken:        getenv("LEADGEN_UPWORK_TOKEN"),
		UpworkClientID:     getenv("LEADGEN_UPWORK_CLIENT_ID"),
		UpworkClientSecret: getenv("LEADGEN_UPWORK_CLIENT_SECRET"),
		UpworkRefreshToken: getenv("LEADGEN_UPWORK_REFRESH_TOKEN"),
		TechcrunchURL:      cmp.Or(getenv("LEADGEN_TECHCRUNCH_URL"), "https://techcrunch.com/category/venture/feed/"),
		FundingFeeds:       splitList(getenv("LEADGEN_FUNDING_FEEDS")),
		CrunchbaseURL:      getenv("LEADGEN_CRUNCHBASE_URL"),
		CrunchbaseKey:      getenv("LEADGEN_CRUNCHBASE_KEY"),
		YCURL:              getenv("LEADGEN_YC_URL"),
		YCBatches:          splitList(getenv("LEADGEN_YC_BATCHES")),
		LogFormat:          getenv("LEADGEN_LOG_FORMAT"),
	}
	c.DisabledSources = splitList(getenv("LEADGEN_DISABLED_SOURCES"))
	c.SourcesDir = getenv("LEADGEN_SOURCES_DIR")
	for _, v := range splitList(getenv("LEADGEN_FREELANCER_SKILLS")) {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return c, usageError{fmt.Sprintf("LEADGEN_FREELANCER_SKILLS: %q is not a job id", v)}
		}
		c.FreelancerSkills = append(c.FreelancerSkills, n)
	}
	for _, v := range splitList(getenv("LEADGEN_TRUSTED_PROXIES")) {
		r, err := parseIPRange(v)
		if err != nil {
			return c, usageError{fmt.Sprintf("LEADGEN_TRUSTED_PROXIES: %q is not an IP address or CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)", v)}
		}
		c.TrustedProxies = append(c.TrustedProxies, r)
	}
	c.ImportLimit = 20 << 20
	if v := getenv("LEADGEN_IMPORT_LIMIT"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return c, usageError{fmt.Sprintf("LEADGEN_IMPORT_LIMIT %q: want a number of bytes", v)}
		}
		c.ImportLimit = n
	}
	c.ScoringFile = getenv("LEADGEN_SCORING_FILE")
	c.MinProjectUSD = 500
	if v := getenv("LEADGEN_MIN_PROJECT_USD"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return c, usageError{fmt.Sprintf("LEADGEN_MIN_PROJECT_USD %q: want a whole number of dollars", v)}
		}
		c.MinProjectUSD = n
	}
	var err error
	if c.SecureCookies, err = envBool(getenv, "LEADGEN_COOKIE_SECURE"); err != nil {
		return c, err
	}
	if c.NoMigrate, err = envBool(getenv, "LEADGEN_NO_MIGRATE"); err != nil {
		return c, err
	}
	c.ShutdownGrace = 10 * time.Second
	if s := getenv("LEADGEN_SHUTDOWN_GRACE"); s != "" {
		if c.ShutdownGrace, err = time.ParseDuration(s); err != nil {
			return c, usageError{fmt.Sprintf("LEADGEN_SHUTDOWN_GRACE: %v", err)}
		}
	}
	c.CallCooldown = time.Hour
	if s := getenv("LEADGEN_CALL_COOLDOWN"); s != "" {
		if c.CallCooldown, err = time.ParseDuration(s); err != nil || c.CallCooldown < 0 {
			return c, usageError{fmt.Sprintf("LEADGEN_CALL_COOLDOWN %q: want a duration such as 1h or 30m", s)}
		}
	}
	return c, nil
}

func envBool(getenv func(string) string, name string) (bool, error) {
	s := getenv(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, usageError{fmt.Sprintf("%s: %q is not true or false", name, s)}
	}
	return b, nil
}

// dbFlags lets a subcommand override the database settings.
func (c *config) dbFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL (env DATABASE_URL); empty starts the embedded database")
	fs.StringVar(&c.DataDir, "data", c.DataDir, "data directory of the embedded database (env LEADGEN_DATA)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: json or text (env LEADGEN_LOG_FORMAT)")
}

// Validate checks what every command relies on.
func (c config) Validate() error {
	if c.LogFormat != "" && c.LogFormat != "json" && c.LogFormat != "text" {
		return usageError{fmt.Sprintf("log format %q: want json or text", c.LogFormat)}
	}
	if c.DatabaseURL == "" && c.DataDir == "" {
		return usageError{"LEADGEN_DATA is empty and DATABASE_URL is unset: nowhere to keep data"}
	}
	return nil
}

// validateCrawl checks what a crawl needs: a contact for the User-Agent and
// a usable base URL.
func (c config) validateCrawl() error {
	if c.ContactEmail == "" {
		return usageError{"LEADGEN_CONTACT_EMAIL is not set: sources such as SEC EDGAR require a contact e-mail in every request's User-Agent"}
	}
	if _, err := mail.ParseAddress(c.ContactEmail); err != nil || strings.ContainsAny(c.ContactEmail, "<> ") {
		return usageError{fmt.Sprintf("LEADGEN_CONTACT_EMAIL %q is not a plain e-mail address", c.ContactEmail)}
	}
	urls := map[string]string{"LEADGEN_EDGAR_URL": c.EdgarURL, "LEADGEN_HN_URL": c.HNURL, "LEADGEN_CRUNCHBASE_URL": c.CrunchbaseURL,
		"LEADGEN_TECHCRUNCH_URL": c.TechcrunchURL, "LEADGEN_FREELANCER_URL": c.FreelancerURL,
		"LEADGEN_UPWORK_URL": c.UpworkURL, "LEADGEN_UPWORK_TOKEN_URL": c.UpworkTokenURL, "LEADGEN_YC_URL": c.YCURL}
	for i, f := range c.FundingFeeds {
		urls[fmt.Sprintf("LEADGEN_FUNDING_FEEDS[%d]", i)] = f
	}
	for name, v := range urls {
		if v == "" {
			continue
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError{fmt.Sprintf("%s %q is not an http(s) URL", name, v)}
		}
	}
	return nil
}

// parseIPRange reads a CIDR range ("10.0.0.0/8", "fd00::/8") or a bare
// address, which stands for itself alone (a /32, or a /128 for IPv6).
func parseIPRange(s string) (*net.IPNet, error) {
	if strings.Contains(s, "/") {
		_, r, err := net.ParseCIDR(s)
		return r, err
	}
	ip := net.ParseIP(s)
	if ip == nil {
		return nil, fmt.Errorf("invalid IP address %q", s)
	}
	if ip4 := ip.To4(); ip4 != nil {
		return &net.IPNet{IP: ip4, Mask: net.CIDRMask(32, 32)}, nil
	}
	return &net.IPNet{IP: ip, Mask: net.CIDRMask(128, 128)}, nil
}

// splitList reads a comma-separated setting, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
