package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/andybalholm/cascadia"
	"gopkg.in/yaml.v3"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crawlers/money"
)

// maxConfigSize bounds a config file; a real one is a few kilobytes.
const maxConfigSize = 1 << 20

var nameRe = regexp.MustCompile(`^[a-z0-9-]{1,64}$`)

// LoadConfig reads one YAML config, fills defaults and validates it;
// unknown keys are errors, so a typo does not silently disable a field.
func LoadConfig(r io.Reader) (Config, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxConfigSize+1))
	if err != nil {
		return Config{}, fmt.Errorf("web: load config: %w", err)
	}
	if len(b) > maxConfigSize {
		return Config{}, fmt.Errorf("web: load config: over %d bytes", maxConfigSize)
	}
	cfg := Config{Enabled: true}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		if errors.Is(err, io.EOF) {
			return Config{}, errors.New("web: load config: empty file")
		}
		return Config{}, fmt.Errorf("web: load config: %w", err)
	}
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// LoadFile reads the YAML config at path; see LoadConfig.
func LoadFile(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("web: load file: %w", err)
	}
	defer f.Close()
	cfg, err := LoadConfig(f)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// LoadDir reads every *.yaml and *.yml file of dir in name order,
// disabled ones included; a bad file or a repeated source name is an
// error and the other files still load.
func LoadDir(dir string) ([]Config, []error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, []error{fmt.Errorf("web: load dir: %w", err)}
	}
	var cfgs []Config
	var errs []error
	names := map[string]string{}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		cfg, err := LoadFile(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if first, dup := names[cfg.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: web: load dir: name %q already used by %s", path, cfg.Name, first))
			continue
		}
		names[cfg.Name] = path
		cfgs = append(cfgs, cfg)
	}
	return cfgs, errs
}

// withDefaults fills the zero values that have defaults.
func (c Config) withDefaults() Config {
	if c.Kind == "" {
		c.Kind = crawlers.KindListing
	}
	if c.RateLimit == 0 {
		c.RateLimit = DefaultRateLimit
	}
	if c.MaxPages == 0 {
		c.MaxPages = DefaultMaxPages
	}
	if c.NextPage.Attr == "" && c.NextPage.Selector != "" {
		c.NextPage.Attr = "href"
	}
	c.DefaultCurrency = strings.ToUpper(strings.TrimSpace(c.DefaultCurrency))
	c.AllowedDomains = slices.Clone(c.AllowedDomains)
	for i, d := range c.AllowedDomains {
		c.AllowedDomains[i] = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
	}
	return c
}

// Validate reports every problem of the config, each naming its key.
func (c Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf(key+": "+format, args...))
	}
	if !nameRe.MatchString(c.Name) {
		bad("name", "%q must be 1-64 of a-z, 0-9 and -", c.Name)
	}
	c.validateDomains(bad)
	c.validateSelectors(bad)
	if c.Kind != crawlers.KindListing && c.Kind != crawlers.KindProject {
		bad("kind", "%q must be listing or project", c.Kind)
	}
	if c.RateLimit <= 0 || c.RateLimit > MaxRateLimit {
		bad("rate_limit", "%v must be above 0 and at most %v requests/s", c.RateLimit, MaxRateLimit)
	}
	if c.MaxPages < 1 || c.MaxPages > MaxMaxPages {
		bad("max_pages", "%d must be 1-%d", c.MaxPages, MaxMaxPages)
	}
	if c.MinBudgetUSD < 0 {
		bad("min_budget_usd", "%d must not be negative", c.MinBudgetUSD)
	}
	if c.DefaultCurrency != "" && !money.Known(c.DefaultCurrency) {
		bad("default_currency", "unknown currency %q", c.DefaultCurrency)
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("web: config %q: %w", c.Name, errors.Join(errs...))
}

// validateDomains checks allowed_domains and that every start URL is in them.
func (c Config) validateDomains(bad func(key, format string, args ...any)) {
	if len(c.AllowedDomains) == 0 {
		bad("allowed_domains", "required: the sites this source may fetch")
	}
	for i, d := range c.AllowedDomains {
		if d == "" || strings.ContainsAny(d, "/:@ *") {
			bad(fmt.Sprintf("allowed_domains[%d]", i), "%q must be a bare host name such as example.com", d)
		}
	}
	if len(c.StartURLs) == 0 {
		bad("start_urls", "required: at least one listing page")
	}
	for i, s := range c.StartURLs {
		key := fmt.Sprintf("start_urls[%d]", i)
		u, err := url.Parse(s)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			bad(key, "%q must be an absolute http(s) URL", s)
		case !c.Allowed(s):
			bad(key, "%q is outside allowed_domains %v", s, c.AllowedDomains)
		}
	}
}

// validateSelectors checks the item selector and every field.
func (c Config) validateSelectors(bad func(key, format string, args ...any)) {
	if strings.TrimSpace(c.Item) == "" {
		bad("item", "required: the CSS selector of one listing")
	} else if _, err := cascadia.ParseGroup(c.Item); err != nil {
		bad("item", "bad selector %q: %v", c.Item, err)
	}
	if c.Fields.Title.IsZero() && c.Fields.Company.IsZero() {
		bad("fields", "title or company is required")
	}
	for _, nf := range c.Fields.ordered() {
		validateField("fields."+nf.key, nf.f, bad)
	}
	if !c.NextPage.IsZero() {
		validateField("next_page", c.NextPage, bad)
	}
}

// validateField checks one field and its fallbacks.
func validateField(key string, f Field, bad func(key, format string, args ...any)) {
	if f.Selector != "" {
		if _, err := cascadia.ParseGroup(f.Selector); err != nil {
			bad(key+".selector", "bad selector %q: %v", f.Selector, err)
		}
	}
	if f.Regex != "" {
		if _, err := regexp.Compile(f.Regex); err != nil {
			bad(key+".regex", "bad regex %q: %v", f.Regex, err)
		}
	}
	for i, fb := range f.Fallbacks {
		validateField(fmt.Sprintf("%s[%d]", key, i+1), fb, bad)
	}
}

type namedField struct {
	key string
	f   Field
}

// ordered lists every field by its YAML key, in schema order.
func (fs Fields) ordered() []namedField {
	return []namedField{{"title", fs.Title}, {"company", fs.Company}, {"website", fs.Website},
		{"phone", fs.Phone}, {"address", fs.Address}, {"category", fs.Category}, {"budget", fs.Budget},
		{"posted", fs.Posted}, {"detail_url", fs.DetailURL}}
}

// Allowed tells whether rawURL is http(s) on an allowed domain or one of
// its subdomains.
func (c Config) Allowed(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	return host != "" && slices.ContainsFunc(c.AllowedDomains, func(d string) bool {
		return d != "" && (host == d || strings.HasSuffix(host, "."+d))
	})
}

// fieldKeys are the keys of a field's mapping form.
var fieldKeys = []string{"selector", "attr", "regex", "all"}

// UnmarshalYAML reads a field as a selector string, a mapping or a list
// of those, rejecting unknown keys (yaml.v3 does not pass KnownFields on).
func (f *Field) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		var s string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*f = Field{Selector: s}
		return nil
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i].Value; !slices.Contains(fieldKeys, k) {
				return fmt.Errorf("line %d: field key %q not found (want one of %v)", n.Content[i].Line, k, fieldKeys)
			}
		}
		type plain Field // no UnmarshalYAML: no recursion
		var p plain
		if err := n.Decode(&p); err != nil {
			return err
		}
		*f = Field(p)
		return nil
	case yaml.SequenceNode:
		return f.unmarshalList(n)
	}
	return fmt.Errorf("line %d: a field is a selector, a mapping or a list", n.Line)
}

// unmarshalList reads the list form: the first entry is the field, the
// rest its fallbacks.
func (f *Field) unmarshalList(n *yaml.Node) error {
	if len(n.Content) == 0 {
		return fmt.Errorf("line %d: empty field list", n.Line)
	}
	fs := make([]Field, len(n.Content))
	for i, c := range n.Content {
		if c.Kind == yaml.SequenceNode {
			return fmt.Errorf("line %d: nested field list", c.Line)
		}
		if err := fs[i].UnmarshalYAML(c); err != nil {
			return err
		}
	}
	*f = fs[0]
	f.Fallbacks = fs[1:]
	return nil
}
