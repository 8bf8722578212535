// Package web is a generic, configurable source: a YAML file names the
// listing pages of a site (a freelance marketplace, a business directory)
// and the CSS selectors of the fields to read, and Crawl turns every
// listed item into a signal. Adding a site is writing a file, not code.
package web

import (
	"errors"
	"log/slog"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// SourcePrefix starts the Signal.Source of every web source: "web:<name>".
const SourcePrefix = "web:"

// Limits and defaults of Config.
const (
	DefaultRateLimit = 0.5 // requests per second: one request every two seconds
	MaxRateLimit     = 2.0 // requests per second; a generic scraper stays gentle
	DefaultMaxPages  = 5   // pages followed per start URL
	MaxMaxPages      = 100 // pages followed per start URL, at most
	CheckItems       = 10  // items Check prints in full
)

// ErrDisabled reports a Crawl of a config with enabled: false.
var ErrDisabled = errors.New("source disabled")

// ErrNotAllowed reports a URL outside a config's allowed_domains.
var ErrNotAllowed = errors.New("outside allowed_domains")

// Config is one web source as its YAML file describes it; see
// examples/*.yaml for every key explained.
type Config struct {
	Name        string `yaml:"name"`        // [a-z0-9-]+; the signals' source is "web:<name>"
	Description string `yaml:"description"` // free text for people
	// StartURLs are the listing pages a crawl begins at, each in AllowedDomains.
	StartURLs []string `yaml:"start_urls"`
	// AllowedDomains are the only hosts fetched (subdomains included).
	AllowedDomains []string `yaml:"allowed_domains"`
	Item           string   `yaml:"item"`      // CSS selector of one listing
	Fields         Fields   `yaml:"fields"`    // where each value is inside an item
	NextPage       Field    `yaml:"next_page"` // link to the next page; attr defaults to href
	MaxPages       int      `yaml:"max_pages"` // pages per start URL; default DefaultMaxPages
	// Kind is crawlers.KindListing (default) or crawlers.KindProject.
	Kind      crawlers.Kind `yaml:"kind"`
	RateLimit float64       `yaml:"rate_limit"` // requests per second; default DefaultRateLimit
	// Enabled is true unless the file says false (LoadConfig's default; a
	// Config built in Go must set it).
	Enabled bool `yaml:"enabled"`
	// DefaultCurrency is the ISO 4217 code of budgets written without a
	// currency sign ("1500"); empty leaves such budgets unparsed.
	DefaultCurrency string `yaml:"default_currency"`
	// MinBudgetUSD drops items whose fixed budget (its high end) is known
	// and below it; hourly and unknown budgets are kept, as they cannot be compared.
	MinBudgetUSD int64 `yaml:"min_budget_usd"`
	// Now is the instant relative dates ("3 days ago") are read against
	// and the crawl time; zero means time.Now(). Not read from YAML.
	Now time.Time `yaml:"-"`
}

// Fields are the selectors of an item's fields, each relative to the item.
type Fields struct {
	Title     Field `yaml:"title"`
	Company   Field `yaml:"company"`
	Website   Field `yaml:"website"`
	Phone     Field `yaml:"phone"`
	Address   Field `yaml:"address"`
	Category  Field `yaml:"category"`
	Budget    Field `yaml:"budget"`
	Posted    Field `yaml:"posted"`
	DetailURL Field `yaml:"detail_url"`
}

// Field says where one value is: in YAML either a bare selector string,
// a mapping with the keys below, or a list of those tried in order.
type Field struct {
	// Selector is a CSS selector relative to the item; empty means the
	// item element itself (useful with Attr).
	Selector string `yaml:"selector"`
	// Attr reads an attribute (e.g. href) instead of the element's text.
	Attr string `yaml:"attr"`
	// Regex keeps its first capture group (or the whole match) of the
	// value; a value it does not match counts as missing.
	Regex string `yaml:"regex"`
	// All joins the values of every match with ", " instead of taking the first.
	All bool `yaml:"all"`
	// Fallbacks are tried in order when this field yields nothing (the
	// YAML list form), e.g. a phone shown as text or only in a tel: link.
	Fallbacks []Field `yaml:"-"`
}

// IsZero tells whether the field is not configured.
func (f Field) IsZero() bool {
	return f.Selector == "" && f.Attr == "" && f.Regex == "" && !f.All && len(f.Fallbacks) == 0
}

// Options are the run settings that are not part of a source's file.
type Options struct {
	// ContactEmail is sent in the User-Agent; required.
	ContactEmail string
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Fetch tunes the Fetcher (retries, back-off, timeouts, transport).
	// Its UserAgent is ignored; its RequestsPerSecond, when zero, is the
	// config's rate_limit (tests raise it).
	Fetch crawlers.FetchConfig
}

// now is the config's clock.
func (c Config) now() time.Time {
	if c.Now.IsZero() {
		return time.Now()
	}
	return c.Now
}

// SourceName is the Signal.Source of the config's signals.
func (c Config) SourceName() string { return SourcePrefix + c.Name }
