package main

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crawlers/crunchbase"
	"github.com/leadgen/leadgen/crawlers/edgar"
	"github.com/leadgen/leadgen/crawlers/freelancer"
	"github.com/leadgen/leadgen/crawlers/hn"
	"github.com/leadgen/leadgen/crawlers/techcrunch"
	"github.com/leadgen/leadgen/crawlers/upwork"
	"github.com/leadgen/leadgen/crawlers/web"
	"github.com/leadgen/leadgen/crawlers/yc"
	"github.com/leadgen/leadgen/crm"
)

// source is one crawlable source as the registry declares it.
type source struct {
	name      string
	summary   string
	defaultOn bool          // crawled by a plain `leadgen crawl`
	every     time.Duration // a plain crawl runs it at most this often
	polite    string        // its rate limit, for `leadgen sources`
	// needs says what configuration is missing ("" when ready).
	needs func(c config) string
	crawl func(ctx context.Context, r sourceRun) (crawlers.Cursor, error)
}

// sourceRun is what one source's crawl gets.
type sourceRun struct {
	cfg   config
	store *crm.Store
	cur   crawlers.Cursor // where the previous run ended; Watermark zero on the first run
	sink  crawlers.Sink
	log   *slog.Logger
}

func needsNothing(config) string { return "" }

// allSources is the built-in sources plus one per web config in
// LEADGEN_SOURCES_DIR; configs that do not load are returned as errors.
func allSources(c config) ([]source, []error) {
	out := sources()
	if c.SourcesDir == "" {
		return out, nil
	}
	cfgs, errs := web.LoadDir(c.SourcesDir)
	for _, wc := range cfgs {
		out = append(out, webSource(wc))
	}
	return out, errs
}

// webSource wraps one configured listing source.
func webSource(wc web.Config) source {
	return source{name: wc.SourceName(), summary: wc.Description, defaultOn: wc.Enabled, every: time.Hour,
		polite: fmt.Sprintf("%g req/s", wc.RateLimit), needs: needsNothing,
		crawl: func(ctx context.Context, r sourceRun) (crawlers.Cursor, error) {
			return web.Crawl(ctx, wc, r.cur, r.sink, web.Options{ContactEmail: r.cfg.ContactEmail, Logger: r.log})
		}}
}

func sources() []source {
	return []source{
		{name: "edgar", summary: "SEC EDGAR Form D filings: daily index since the watermark, then the latest-filings feed", defaultOn: true,
			polite: "5 req/s", needs: needsNothing, crawl: crawlEdgar},
		{name: "techcrunch", summary: "funding news: the TechCrunch venture feed and LEADGEN_FUNDING_FEEDS", defaultOn: true,
			every: time.Hour, polite: "1 req/s, at most hourly", needs: needsNothing, crawl: crawlTechcrunch},
		{name: "crunchbase", summary: "Crunchbase API v4 funding rounds (needs your API key)", defaultOn: true,
			every: time.Hour, polite: "1 req/s", needs: needsCrunchbaseKey, crawl: crawlCrunchbase},
		{name: "freelancer", summary: "Freelancer.com clients posting projects worth LEADGEN_MIN_PROJECT_USD or more", defaultOn: true,
			every: time.Hour, polite: "1 req/s", needs: needsNothing, crawl: crawlFreelancer},
		{name: "upwork", summary: "Upwork clients via the GraphQL API (your own approved OAuth app)", defaultOn: true,
			every: time.Hour, polite: "1 req/s", needs: needsUpworkCredentials, crawl: crawlUpwork},
		{name: "hn", summary: "Hacker News 'Who is hiring?' posts (Algolia API)", defaultOn: true,
			every: 6 * time.Hour, polite: "1 req/s, at most every 6h", needs: needsNothing, crawl: crawlHN},
		{name: "yc", summary: "Y Combinator directory (yc-oss static mirror), latest batches", defaultOn: true,
			every: 24 * time.Hour, polite: "1 req/s, at most daily", needs: needsNothing, crawl: crawlYC},
	}
}

// firstRunSince is where a source's first run starts when no --since is given.
func firstRunSince(now time.Time) time.Time {
	return now.UTC().Truncate(24 * time.Hour).Add(-defaultLookback)
}

func crawlEdgar(ctx context.Context, r sourceRun) (crawlers.Cursor, error) {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	since := r.cur.Watermark
	if since.IsZero() {
		since = firstRunSince(time.Now())
	}
	cfg := edgar.Config{BaseURL: r.cfg.EdgarURL, ContactEmail: r.cfg.ContactEmail, Logger: r.log}
	res, err := edgar.Crawl(ctx, cfg, since, today, r.sink)
	r.log.Info("edgar_crawl_result", "days_fetched", res.DaysFetched, "days_missing", res.DaysMissing,
		"days_failed", res.DaysFailed, "filings", res.FilingsSeen, "kept", res.Kept, "skipped_funds", res.SkippedFunds,
		"filing_errors", res.FilingErrors)
	next := r.cur
	if !res.LastCompleteDay.IsZero() {
		next.Watermark = res.LastCompleteDay
	}
	if err != nil {
		return next, err
	}
	return next, crawlEdgarLatest(ctx, cfg, r)
}

// crawlEdgarLatest catches today's filings from the latest-filings feed,
// skipping what the daily index already brought in. The feed is a bonus:
// when it cannot be read the run records why and goes on.
func crawlEdgarLatest(ctx context.Context, cfg edgar.Config, r sourceRun) error {
	seen := func(accession string) bool {
		ok, err := r.store.HasSignal(ctx, edgar.SourceName, accession)
		return err == nil && ok
	}
	res, err := edgar.CrawlLatest(ctx, cfg, seen, r.sink)
	r.log.Info("edgar_latest_result", "pages", res.Pages, "entries", res.Entries, "already_stored", res.AlreadyStored,
		"kept", res.Kept, "skipped_funds", res.SkippedFunds, "filing_errors", res.FilingErrors)
	if err != nil && ctx.Err() == nil {
		r.sink.Error(edgar.LatestFeedURL(cfg.BaseURL, 0), err)
		return nil
	}
	return err
}

func needsCrunchbaseKey(c config) string {
	if c.CrunchbaseKey == "" {
		return "a key (LEADGEN_CRUNCHBASE_KEY)"
	}
	return ""
}

func crawlCrunchbase(ctx context.Context, r sourceRun) (crawlers.Cursor, error) {
	cfg := crunchbase.Config{BaseURL: r.cfg.CrunchbaseURL, Key: r.cfg.CrunchbaseKey, ContactEmail: r.cfg.ContactEmail, Logger: r.log}
	return crunchbase.Crawl(ctx, cfg, r.cur, r.sink)
}

// sourceState is whether and why a source runs on a plain `leadgen crawl`.
func (s source) state(c config) string {
	switch {
	case s.needs(c) != "":
		return "needs " + s.needs(c)
	case slices.Contains(c.DisabledSources, s.name):
		return "disabled"
	case !s.defaultOn:
		return "off by default"
	}
	return "enabled"
}

func sourceNames(all []source) string {
	var names []string
	for _, s := range all {
		names = append(names, s.name)
	}
	return strings.Join(names, ", ")
}

func crawlHN(ctx context.Context, r sourceRun) (crawlers.Cursor, error) {
	return hn.Crawl(ctx, hn.Config{BaseURL: r.cfg.HNURL, ContactEmail: r.cfg.ContactEmail, Logger: r.log}, r.cur, r.sink)
}

func crawlYC(ctx context.Context, r sourceRun) (crawlers.Cursor, error) {
	cfg := yc.Config{BaseURL: r.cfg.YCURL, Batches: r.cfg.YCBatches, ContactEmail: r.cfg.ContactEmail, Logger: r.log}
	return yc.Crawl(ctx, cfg, r.cur, r.sink)
}

func crawlTechcrunch(ctx context.Context, r sourceRun) (crawlers.Cursor, error) {
	feeds := append([]string{r.cfg.TechcrunchURL}, r.cfg.FundingFeeds...)
	cfg := techcrunch.Config{FeedURLs: feeds, ContactEmail: r.cfg.ContactEmail, Logger: r.log}
	return techcrunch.Crawl(ctx, cfg, r.cur, r.sink)
}

// staleProjectAge is how long a marketplace project may go unlisted before
// it counts as closed (filled, withdrawn or expired).
const staleProjectAge = 30 * 24 * time.Hour

func crawlFreelancer(ctx context.Context, r sourceRun) (crawlers.Cursor, error) {
	cfg := freelancer.Config{BaseURL: r.cfg.FreelancerURL, Token: r.cfg.FreelancerToken, ContactEmail: r.cfg.ContactEmail,
		MinProjectUSD: r.cfg.MinProjectUSD, Query: r.cfg.FreelancerQuery, Skills: r.cfg.FreelancerSkills, Logger: r.log}
	next, err := freelancer.Crawl(ctx, cfg, r.cur, r.sink)
	if err != nil {
		return next, err
	}
	return next, closeStale(ctx, r, freelancer.SourceName)
}

// closeStale marks a marketplace's projects unlisted for staleProjectAge closed.
func closeStale(ctx context.Context, r sourceRun, source string) error {
	n, err := r.store.CloseStaleProjects(ctx, source, time.Now().Add(-staleProjectAge))
	if n > 0 {
		r.log.Info("projects_closed", "count", n)
	}
	return err
}

func needsUpworkCredentials(c config) string {
	if c.UpworkToken == "" && (c.UpworkClientID == "" || c.UpworkClientSecret == "" || c.UpworkRefreshToken == "") {
		return "credentials (LEADGEN_UPWORK_TOKEN, or LEADGEN_UPWORK_CLIENT_ID/SECRET/REFRESH_TOKEN)"
	}
	return ""
}

// crawlUpwork prefers tokens an earlier run refreshed over the configured
// ones, and keeps the ones this run ends with.
func crawlUpwork(ctx context.Context, r sourceRun) (crawlers.Cursor, error) {
	cfg := upwork.Config{BaseURL: r.cfg.UpworkURL, TokenURL: r.cfg.UpworkTokenURL, Token: r.cfg.UpworkToken,
		ClientID: r.cfg.UpworkClientID, ClientSecret: r.cfg.UpworkClientSecret, RefreshToken: r.cfg.UpworkRefreshToken,
		ContactEmail: r.cfg.ContactEmail, MinProjectUSD: r.cfg.MinProjectUSD, Logger: r.log}
	if t := r.cur.Tokens; t["access"] != "" {
		cfg.Token, cfg.RefreshToken = t["access"], cmp.Or(t["refresh"], cfg.RefreshToken)
	}
	next, tokens, err := upwork.Crawl(ctx, cfg, r.cur, r.sink)
	if tokens.Access != "" && tokens.Access != r.cfg.UpworkToken {
		next.Tokens = map[string]string{"access": tokens.Access, "refresh": tokens.Refresh}
	}
	if err != nil {
		return next, err
	}
	return next, closeStale(ctx, r, upwork.SourceName)
}
