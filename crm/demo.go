package crm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crawlers/money"
	"github.com/leadgen/leadgen/crm/normalize"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// DemoURL is where every demo signal's evidence link points: a reserved
// .invalid name, so demo rows are recognisable and their links never
// resolve to a real page.
const DemoURL = "https://demo.leadgen.invalid"

// DemoItemPrefix starts the source item id of every demo signal, so demo
// items never collide with what a real crawl stores.
const DemoItemPrefix = "demo:"

// DefaultDemoCompanies is how many companies SeedDemo makes by default.
const DefaultDemoCompanies = 3000

// demoWorkers is how many companies are ingested at once.
const demoWorkers = 4

// DemoOptions tunes SeedDemo; zero values take defaults.
type DemoOptions struct {
	// Companies is how many demo companies to make; default 3000.
	Companies int
	// Seed picks the data set: the same seed makes the same companies.
	Seed uint64
	// Now is the end of the 18 months the dates are spread over; default
	// the store's clock.
	Now time.Time
	// UserID is who the demo calls, notes and stage changes are by; 0
	// records them as the system's.
	UserID int64
}

// DemoResult says what SeedDemo made.
type DemoResult struct {
	Companies  int            // demo companies of this seed now in the database
	Signals    int            // signals this run stored (0 when the data set was already there)
	Activities int            // notes, calls and stage changes this run recorded
	Kinds      map[string]int // companies by kind of lead, e.g. "Freelancer client"
	Sources    map[string]int // signals this run stored, by source
	Stages     map[Stage]int  // companies this run worked, by the stage they ended in
	Elapsed    time.Duration
}

// Kinds of demo company, as DemoResult.Kinds names them.
const (
	demoFormD      = "Form D startup"
	demoNews       = "startup in funding news"
	demoCrunchbase = "Crunchbase round"
	demoYC         = "YC company"
	demoHN         = "hiring on Hacker News"
	demoFreelancer = "Freelancer client"
	demoUpwork     = "Upwork client"
	demoFund       = "pooled fund"
	demoRealEstate = "real-estate issuer"
	demoLocal      = "non-tech issuer"
)

// demoMix is the share of each kind, in percent.
var demoMix = []struct {
	kind string
	pct  int
}{
	{demoFormD, 20}, {demoNews, 12}, {demoCrunchbase, 8}, {demoYC, 10}, {demoHN, 10},
	{demoFreelancer, 20}, {demoUpwork, 12}, {demoFund, 2}, {demoRealEstate, 3}, {demoLocal, 3},
}

// SeedDemo fills the database with realistic synthetic companies for a
// new user to try the product on: funded startups (Form D, funding news,
// Crunchbase), YC companies, Hacker News hiring posts, Freelancer and
// Upwork clients, a few pooled funds and real-estate issuers, with
// contacts, and salespeople's calls, notes and stage changes on some.
//
// Everything goes through Ingest, so resolution, client profiles and
// scoring run as for crawled data. Signals carry the real source names,
// but every item id starts with "demo:", every evidence link is under
// demo.leadgen.invalid, every Raw has "demo": true, every company has a
// "demo:SEED:N" key and a website under .example. Generation is
// deterministic for a seed, and a larger data set extends a smaller one;
// running it again stores nothing new, and a company that already has
// calls, notes or stage changes gets no more. The calls, notes and stage
// changes it makes are then dated over the working days of the last six
// weeks or so (none today), as a team's work would be.
func (s *Store) SeedDemo(ctx context.Context, opts DemoOptions) (DemoResult, error) {
	began := time.Now()
	if opts.Companies <= 0 {
		opts.Companies = DefaultDemoCompanies
	}
	if opts.Now.IsZero() {
		opts.Now = s.now()
	}
	companies := generateDemo(opts, s.minProjectUSD)
	res := DemoResult{Companies: len(companies), Kinds: map[string]int{}, Sources: map[string]int{}, Stages: map[Stage]int{}}
	var units [][]*demoCompany
	for _, c := range companies {
		res.Kinds[c.kind]++
		if c.twinOf >= 0 {
			// A lookalike is ingested right after its original, by the
			// same worker, so the review queue pairs them every time.
			units[len(units)-1] = append(units[len(units)-1], c)
			continue
		}
		units = append(units, []*demoCompany{c})
	}

	w, closeWriter, err := s.bulkWriter(ctx)
	if err != nil {
		return res, err
	}
	defer closeWriter()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan []*demoCompany)
	var (
		mu     sync.Mutex
		done   int
		worked []int64 // companies this run played a script on
		wg     sync.WaitGroup
	)
	for range demoWorkers {
		wg.Go(func() {
			for unit := range work {
				for _, c := range unit {
					r, err := w.seedDemoCompany(ctx, c, opts.UserID)
					if err != nil {
						cancel(err)
						return
					}
					mu.Lock()
					res.Signals += r.signals
					res.Activities += r.activities
					for src, n := range r.sources {
						res.Sources[src] += n
					}
					if r.worked {
						res.Stages[c.stage]++
						worked = append(worked, r.id)
					}
					if done++; done%500 == 0 {
						s.log.Info("demo_progress", "companies", done, "of", len(companies))
					}
					mu.Unlock()
				}
			}
		})
	}
feed:
	for _, u := range units {
		select {
		case work <- u:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return res, fmt.Errorf("crm: seed demo data: %w", err)
	}
	if err := s.spreadDemoWork(ctx, worked, opts.Now); err != nil {
		return res, err
	}
	res.Elapsed = time.Since(began)
	return res, nil
}

// spreadDemoWork dates the calls, notes and stage changes just made on the
// demo companies ids over the working days before now (see DemoSpreadWork):
// logged through the store, they all carry the time of seeding, which
// would keep every called lead in the call cooldown and put all the work
// on today in the timeline and the dashboard.
func (s *Store) spreadDemoWork(ctx context.Context, ids []int64, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := s.q().DemoSpreadWork(ctx, dbsqlc.DemoSpreadWorkParams{CompanyIds: ids, DemoPrefix: DemoURL + "/", Now: now}); err != nil {
		return fmt.Errorf("crm: date demo activities: %w", err)
	}
	return nil
}

// bulkWriter is a store like s on a pool of its own whose commits do not
// wait for the disk: demo data lost in a crash is made again by the next
// run, and thousands of small transactions go several times faster. Over
// anything but a pool it is s itself.
func (s *Store) bulkWriter(ctx context.Context) (*Store, func(), error) {
	pool, ok := s.db.(*pgxpool.Pool)
	if !ok {
		return s, func() {}, nil
	}
	cfg := pool.Config()
	cfg.MaxConns, cfg.MinConns = demoWorkers, 0
	cfg.ConnConfig.RuntimeParams["synchronous_commit"] = "off"
	// Ingest's statements repeat thousands of times here: let the server
	// keep their plans (the pool's default plans each run afresh, for the
	// lead list's text search, which the demo does not run).
	cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "auto"
	p, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("crm: connect: %w", err)
	}
	w := NewStore(p, StoreOptions{Logger: s.log, Now: s.now, MinProjectUSD: s.minProjectUSD})
	w.weights = s.weights
	return w, p.Close, nil
}

// demoCompanyResult is what seeding one company did.
type demoCompanyResult struct {
	id                  int64 // the company
	signals, activities int
	sources             map[string]int
	worked              bool // its script was played
}

// seedDemoCompany ingests one company's signals it does not have yet (in
// time order, as crawls would have found them), then plays its
// salesperson's script unless someone already worked it.
func (s *Store) seedDemoCompany(ctx context.Context, c *demoCompany, userID int64) (demoCompanyResult, error) {
	r := demoCompanyResult{sources: map[string]int{}}
	// A new company has none of its signals yet; one seeded before may
	// have some or all.
	id, known, err := companyByKeys(ctx, s.q(), []string{c.key})
	if err != nil {
		return r, err
	}
	have := map[[2]string]bool{}
	if known {
		sigs, err := s.q().SignalListByCompany(ctx, id)
		if err != nil {
			return r, fmt.Errorf("crm: signals of %d: %w", id, err)
		}
		for _, sig := range sigs {
			have[[2]string{sig.Source, sig.SourceItemID}] = true
		}
	}
	for _, sig := range c.signals {
		if have[[2]string{sig.Source, sig.SourceItemID}] {
			continue
		}
		res, err := s.Ingest(ctx, sig)
		if err != nil {
			return r, err
		}
		id = res.CompanyID
		if res.New {
			r.signals++
			r.sources[sig.Source]++
		}
	}
	if len(c.script) == 0 {
		return r, nil
	}
	if n, err := s.timelineSize(ctx, id); err != nil || n > 0 {
		return r, err
	}
	for _, a := range c.script {
		var err error
		switch a.kind {
		case ActivityNote:
			err = s.AddNote(ctx, userID, id, a.note)
		case ActivityCall:
			err = s.LogCall(ctx, userID, id, a.call)
		case ActivityStageChange:
			err = s.SetStage(ctx, userID, id, a.stage)
		}
		if err != nil {
			return r, fmt.Errorf("demo company %s: %w", c.key, err)
		}
	}
	r.activities, err = s.timelineSize(ctx, id)
	r.id, r.worked = id, true
	return r, err
}

// timelineSize counts a company's calls, notes and stage changes.
func (s *Store) timelineSize(ctx context.Context, id int64) (int, error) {
	acts, err := s.q().ActivityListByCompany(ctx, dbsqlc.ActivityListByCompanyParams{CompanyID: id, Lim: 10000})
	if err != nil {
		return 0, fmt.Errorf("crm: timeline of %d: %w", id, err)
	}
	n := 0
	for _, a := range acts {
		if ActivityKind(a.Kind) != ActivityCrawl {
			n++
		}
	}
	return n, nil
}

// demoCompany is one generated company: its signals and what a
// salesperson did with it.
type demoCompany struct {
	kind    string
	key     string // "demo:SEED:N"
	place   demoCity
	name    string
	root    string // the invented word the name and domain are made of
	domain  string // under .example
	twinOf  int    // index of the company this one is a lookalike of, or -1
	signals []crawlers.Signal
	script  []demoActivity
	stage   Stage // where the script leaves it
}

// demoActivity is one step of a salesperson's script.
type demoActivity struct {
	kind  ActivityKind
	note  string
	call  Call
	stage Stage
}

// demoGen generates a data set from one random source, company by
// company, so a seed always gives the same companies in the same order.
type demoGen struct {
	r      *rand.Rand
	seed   uint64
	now    time.Time
	minUSD int64
	names  *demoTrigramIndex
	roots  map[string]bool
	item   int // sequence of item ids
	vcs    []string
}

func generateDemo(opts DemoOptions, minUSD int64) []*demoCompany {
	g := &demoGen{
		r: rand.New(rand.NewPCG(opts.Seed, 0x6c656164_67656e)), seed: opts.Seed, now: opts.Now.UTC(), minUSD: minUSD,
		names: newDemoTrigramIndex(), roots: map[string]bool{},
	}
	for range 40 {
		root := g.newRoot()
		g.roots[root] = true
		g.vcs = append(g.vcs, root+" "+g.pick(demoVcWords))
	}
	// Company i depends only on the seed and the companies before it, so
	// a larger data set of the same seed extends a smaller one.
	out := make([]*demoCompany, 0, opts.Companies)
	for i := 0; i < opts.Companies; i++ {
		c := &demoCompany{kind: g.pickKind(), key: fmt.Sprintf("demo:%d:%d", g.seed, i), twinOf: -1}
		// About one startup in 75 has a lookalike right after it, for
		// the review queue.
		prev := len(out) - 1
		if prev >= 0 && out[prev].twinOf < 0 && g.twinnable(out[prev].kind) && g.r.IntN(75) == 0 {
			if g.makeTwin(c, out[prev]) {
				c.twinOf = prev
			}
		}
		if c.twinOf < 0 {
			g.name(c)
		}
		g.fill(c)
		g.plan(c)
		out = append(out, c)
	}
	return out
}

func (g *demoGen) pickKind() string {
	n := g.r.IntN(100)
	for _, m := range demoMix {
		if n < m.pct {
			return m.kind
		}
		n -= m.pct
	}
	return demoFormD
}

func (g *demoGen) twinnable(kind string) bool {
	return kind == demoFormD || kind == demoNews || kind == demoYC || kind == demoCrunchbase
}

// makeTwin names c like orig: the same name with another website, or a
// name one word or letter away. It reports false when that name would
// look like a third company too.
func (g *demoGen) makeTwin(c, orig *demoCompany) bool {
	c.kind = orig.kind
	root := strings.ToLower(orig.root)
	name, domain := orig.name, root+g.pick([]string{"group", "global", "team"})+".example"
	if g.r.IntN(2) == 0 {
		words := strings.Fields(orig.name)
		if len(words) > 1 && strings.HasSuffix(words[len(words)-1], "s") {
			name = strings.TrimSuffix(orig.name, "s")
		} else {
			name = orig.name + " " + g.pick([]string{"Group", "HQ", "Holdings"})
		}
		domain = root + "-" + strings.ToLower(strings.Fields(name)[len(strings.Fields(name))-1]) + ".example"
	}
	if g.names.similarToAny(normalize.Name(name), demoMaxSimilarity, normalize.Name(orig.name)) {
		return false
	}
	c.name, c.root, c.domain = name, orig.root, domain
	g.names.add(normalize.Name(name))
	return true
}

// demoMaxSimilarity is how alike (pg_trgm similarity) two distinct demo
// companies' names may be: under the 0.5 from which the review queue
// pairs them, with a margin.
const demoMaxSimilarity = 0.48

// name gives c a name no other demo company's looks like.
func (g *demoGen) name(c *demoCompany) {
	for attempt := 0; ; attempt++ {
		root := g.newRoot()
		var name, domain string
		switch c.kind {
		case demoFreelancer:
			switch n := g.r.IntN(10); {
			case n < 4 && attempt < 20:
				name = g.pick(demoPlaceWords) + " " + g.pick(demoTrades)
			case n < 7 && attempt < 20:
				name = g.pick(demoLastNames) + " " + g.pick(demoTrades)
			default:
				name = root + " " + g.pick(demoTrades)
			}
			domain = strings.ToLower(strings.NewReplacer(" ", "", "&", "and").Replace(name)) + ".example"
		case demoUpwork:
			// As the Upwork source names the clients it cannot name.
			name = "Upwork client fp-" + g.hex(12)
		case demoFund:
			name = root + " " + g.pick([]string{"Ventures", "Capital", "Partners", "Growth Partners", "Seed Fund", "Opportunity Fund"}) +
				" " + g.pick([]string{"I", "II", "III", "IV"}) + ", L.P."
			if attempt >= 30 {
				name = root + " Fund, L.P."
			}
			domain = strings.ToLower(root) + "capital.example"
		case demoRealEstate:
			name = strconv.Itoa(100+g.r.IntN(9800)) + " " + g.pick(demoStreetNames) + " " + g.pick(demoRealEstateKinds) + " LLC"
			if attempt >= 30 {
				name = root + " " + g.pick(demoRealEstateKinds) + " LLC"
			}
			domain = strings.ToLower(root) + "properties.example"
		case demoLocal:
			name = g.pick(demoPlaceWords) + " " + g.pick(demoLocalBusinesses)
			if attempt >= 10 {
				name = root + " " + g.pick(demoLocalBusinesses)
			}
			domain = strings.ToLower(strings.ReplaceAll(name, " ", "")) + ".example"
		default:
			name = root
			if suffix := g.pick(demoStartupSuffixes); suffix != "" {
				name += " " + suffix
			}
			domain = strings.ToLower(root) + g.pick([]string{".example", ".example", "hq.example", "labs.example", "app.example"})
			if g.r.IntN(6) == 0 {
				domain = "get" + strings.ToLower(root) + ".example"
			}
		}
		if attempt >= 60 {
			// An invented word alone hardly ever looks like another.
			name = root
		}
		norm := normalize.Name(name)
		if norm == "" || g.names.similarToAny(norm, demoMaxSimilarity, "") {
			continue
		}
		g.names.add(norm)
		g.roots[root] = true
		c.name, c.root, c.domain = name, root, domain
		if c.kind == demoUpwork {
			c.domain = ""
		}
		return
	}
}

// newRoot invents a company word ("Baltora", "Quindex") not used
// before; name marks it used once a name made of it is taken.
func (g *demoGen) newRoot() string {
	for {
		w := g.pick(demoOnsets) + g.pick(demoVowels) + g.pick(demoMiddles) + g.pick(demoEndings)
		w = strings.ToUpper(w[:1]) + w[1:]
		if !g.roots[w] {
			return w
		}
	}
}

// industry is a Form D industry group that fits a startup's name: a
// "Bio" company is in biotechnology, an "Energy" one in energy.
func (g *demoGen) industry(name string) string {
	for _, m := range []struct {
		word   string
		groups []string
	}{
		{"Bio", []string{"Biotechnology"}}, {"Therapeutics", []string{"Pharmaceuticals", "Biotechnology"}},
		{"Health", []string{"Other Health Care", "Biotechnology"}}, {"Energy", []string{"Energy Conservation", "Other Energy"}},
		{"Robotics", []string{"Manufacturing", "Other Technology"}}, {"Logistics", []string{"Business Services", "Other Technology"}},
		{"Networks", []string{"Telecommunications"}},
	} {
		if strings.HasSuffix(name, " "+m.word) {
			return g.pick(m.groups)
		}
	}
	return g.pick([]string{"Other Technology", "Other Technology", "Other Technology", "Computers", "Business Services"})
}

// category is a news or directory category that fits a startup's name.
func (g *demoGen) category(name string, fallback []string) string {
	for _, m := range [][2]string{
		{"Bio", "Biotech & Health"}, {"Therapeutics", "Biotech & Health"}, {"Health", "Biotech & Health"}, {"AI", "AI"},
		{"Security", "Security"}, {"Robotics", "Robotics"}, {"Energy", "Climate"}, {"Logistics", "Transportation"},
		{"Cloud", "Enterprise"}, {"Software", "Enterprise"}, {"Data", "Enterprise"}, {"Analytics", "Enterprise"},
	} {
		if strings.HasSuffix(name, " "+m[0]) {
			return m[1]
		}
	}
	return g.pick(fallback)
}

// fill makes c's signals.
func (g *demoGen) fill(c *demoCompany) {
	place := g.pickCity()
	c.place = place
	base := crawlers.Company{
		Keys: []string{c.key}, Name: c.name, Domain: c.domain, City: place.city, State: place.state, Country: "US",
		Zip: place.zip + fmt.Sprintf("%02d", g.r.IntN(100)), Phone: g.phone(place),
	}
	switch c.kind {
	case demoFormD:
		age := g.fundingAge()
		round := g.pickRound()
		usd := g.roundUSD(round)
		ind := g.industry(c.name)
		c.add(g.formD(c, base, ind, usd, age, false))
		if g.r.IntN(5) < 2 {
			c.add(g.news(c, base, round, usd, age-float64(g.r.IntN(20))+5))
		} else if g.r.IntN(6) == 0 {
			c.add(g.crunchbase(c, base, round, usd, age-float64(g.r.IntN(10))))
		}
		if g.r.IntN(5) == 0 && age < 400 {
			prev := demoPrevRound(round)
			c.add(g.formD(c, base, ind, g.roundUSD(prev), min(age+120+float64(g.r.IntN(150)), 540), false))
		}
		if g.r.IntN(4) == 0 {
			c.add(g.hn(c, base, g.r.IntN(2)+1)...)
		}
	case demoNews:
		round := g.pickRound()
		age := g.fundingAge()
		c.add(g.news(c, base, round, g.roundUSD(round), age))
		if g.r.IntN(5) == 0 {
			c.add(g.hn(c, base, 1)...)
		}
	case demoCrunchbase:
		round := g.pickRound()
		age := g.fundingAge()
		c.add(g.crunchbase(c, base, round, g.roundUSD(round), age))
		if g.r.IntN(3) == 0 {
			prev := demoPrevRound(round)
			c.add(g.crunchbase(c, base, prev, g.roundUSD(prev), min(age+150+float64(g.r.IntN(200)), 540)))
		}
	case demoYC:
		c.add(g.yc(c, base))
		if g.r.IntN(3) == 0 {
			round := g.pick([]string{"Seed", "Seed", "Pre-seed", "Series A"})
			c.add(g.news(c, base, round, g.roundUSD(round), float64(g.r.IntN(120))))
		}
		if g.r.IntN(3) == 0 {
			c.add(g.hn(c, base, 1)...)
		}
	case demoHN:
		c.add(g.hn(c, base, 1+g.r.IntN(3))...)
	case demoFreelancer, demoUpwork:
		g.client(c, base)
	case demoFund:
		b := base
		b.Industry, b.EntityType = "Pooled Investment Fund", "Limited Partnership"
		c.add(g.formD(c, b, "Pooled Investment Fund", int64(demoRound(g.logUniform(5e6, 1.5e8), 2)), g.days(10, 540), true))
	case demoRealEstate:
		base.EntityType = "Limited Liability Company"
		c.add(g.formD(c, base, g.pick(demoRealEstateIndustries), int64(demoRound(g.logUniform(1e6, 4e7), 2)), g.days(5, 540), false))
	case demoLocal:
		c.add(g.formD(c, base, g.pick(demoLocalIndustries), int64(demoRound(g.logUniform(2e5, 5e6), 2)), g.days(5, 540), false))
	}
	// Crawls find things in time order; so does the demo.
	slices.SortStableFunc(c.signals, func(a, b crawlers.Signal) int { return a.OccurredAt.Compare(b.OccurredAt) })
}

func (c *demoCompany) add(sigs ...crawlers.Signal) { c.signals = append(c.signals, sigs...) }

// itemID is the next demo item id of c, "demo:SEED:N:kind-K".
func (g *demoGen) itemID(c *demoCompany, kind string) string {
	g.item++
	return fmt.Sprintf("%s%s:%s-%d", DemoItemPrefix, strings.TrimPrefix(c.key, "demo:"), kind, g.item)
}

func demoURL(path string) string { return DemoURL + "/" + path }

// demoRaw marks a signal's raw fields as demo data.
func demoRaw(m map[string]any) map[string]any {
	m["demo"] = true
	return m
}

// formD is an EDGAR Form D offering of usd sold, first sold ageDays ago.
func (g *demoGen) formD(c *demoCompany, base crawlers.Company, industry string, usd int64, ageDays float64, pooled bool) crawlers.Signal {
	sold := g.ago(ageDays)
	filed := sold.Add(time.Duration(g.r.IntN(15*24)) * time.Hour)
	if filed.After(g.now) {
		filed = g.now
	}
	id := g.itemID(c, "form-d")
	acc := fmt.Sprintf("%010d-%02d-%06d", 1_900_000+g.r.IntN(100_000), filed.Year()%100, g.r.IntN(30000))
	b := base
	b.Industry = industry
	if b.EntityType == "" {
		b.EntityType = g.pick([]string{"Corporation", "Corporation", "Corporation", "Limited Liability Company"})
	}
	b.Street = strconv.Itoa(10+g.r.IntN(3000)) + " " + g.pick(demoStreetNames) + " " + g.pick([]string{"Street", "Avenue", "Boulevard", "Road"})
	if g.r.IntN(2) == 0 {
		b.Street += ", Suite " + strconv.Itoa(100+g.r.IntN(900))
	}
	b.YearOfInc = g.now.Year() - g.r.IntN(6)
	switch {
	case strings.HasSuffix(b.Name, " LLC") || strings.HasSuffix(b.Name, "L.P."):
	case b.EntityType == "Corporation":
		b.Name += g.pick([]string{", Inc.", " Inc.", ", Inc."})
	case b.EntityType == "Limited Liability Company":
		b.Name += " LLC"
	}
	offeringUSD := int64(demoRound(float64(usd)*(1+g.r.Float64()*0.6), 2))
	offering := any(offeringUSD)
	title := "Form D: " + money.Format(usd, "USD") + " sold of " + money.Format(offeringUSD, "USD") + " offering"
	if g.r.IntN(6) == 0 {
		offering = "Indefinite"
		title = "Form D: " + money.Format(usd, "USD") + " sold of an indefinite offering"
	}
	r := map[string]any{
		"accession": acc, "form_type": "D", "submission_type": "D", "cik": strconv.Itoa(1_900_000 + g.r.IntN(100_000)),
		"date_filed": filed.Format(time.DateOnly), "offering_amount": offering, "amount_sold": usd,
		"investors": 1 + g.r.IntN(40), "industry": industry, "revenue_range": g.pick([]string{"Decline to Disclose", "No Revenues", "$1 - $1,000,000", "Not Applicable"}),
		"jurisdiction": g.pick([]string{"DELAWARE", "DELAWARE", "DELAWARE", base.State}), "first_sale_date": sold.Format(time.DateOnly),
		"is_amendment": false, "primary_doc_url": demoURL("edgar/" + acc + "/primary_doc.xml"),
	}
	if pooled {
		r["investment_fund_type"] = g.pick([]string{"Venture Capital Fund", "Private Equity Fund", "Hedge Fund", "Other Investment Fund"})
	}
	var contacts []crawlers.Contact
	for i, t := range g.pickOfficers(pooled) {
		p := g.person(c)
		p.Title, p.Relationship = t[0], t[1]
		if i > 0 {
			p.Phone = ""
		}
		contacts = append(contacts, p)
	}
	return crawlers.Signal{
		Source: "edgar", SourceItemID: id, Kind: crawlers.KindFormD, Title: title,
		URL: demoURL("edgar/" + acc + "-index.htm"), OccurredAt: sold, RevisedAt: filed, AmountUSD: usd,
		Company: b, Contacts: contacts, Raw: demoRaw(r),
	}
}

func (g *demoGen) pickOfficers(pooled bool) [][2]string {
	if pooled {
		return [][2]string{{"Managing Member of the General Partner", "Executive Officer"}, {"Partner", "Executive Officer"}}
	}
	out := [][2]string{{"Chief Executive Officer", "Executive Officer, Director"}}
	if g.r.IntN(2) == 0 {
		out = append(out, [2]string{g.pick([]string{"Chief Technology Officer", "Chief Financial Officer", "Chief Operating Officer", "VP Engineering"}), "Executive Officer"})
	}
	if g.r.IntN(3) == 0 {
		out = append(out, [2]string{"Director", "Director"})
	}
	return out
}

// news is a funding-news article about a round, ageDays old.
func (g *demoGen) news(c *demoCompany, base crawlers.Company, round string, usd int64, ageDays float64) crawlers.Signal {
	at := g.ago(max(ageDays, 0))
	host := g.pick([]string{"techcrunch.com", "techcrunch.com", "techcrunch.com", "venturebeat.com", "geekwire.com", "siliconangle.com"})
	leads := g.leads()
	slug := strings.ToLower(strings.ReplaceAll(c.root, " ", "-")) + "-raises-" + strings.ToLower(strings.ReplaceAll(money.Format(usd, "USD"), "$", "")) + "-" + strings.ToLower(strings.ReplaceAll(round, " ", "-"))
	link := demoURL("news/" + host + "/" + at.Format("2006/01/02") + "/" + slug + "/")
	headline := fmt.Sprintf("%s raises %s %s to %s", c.name, money.Format(usd, "USD"), demoRoundWords(round), g.pick(demoPitches))
	title := "Raised " + money.Format(usd, "USD")
	switch round {
	case "Seed", "Pre-seed":
		title += " " + strings.ToLower(round) + " round"
	case "Debt":
		title += " in debt"
	case "Grant":
		title += " grant"
	default:
		title += " " + round
	}
	if len(leads) > 0 {
		title += " led by " + strings.Join(leads, " and ")
	}
	cats := []string{"Fundraising", "Startups", g.category(c.name, demoNewsCategories)}
	b := base
	b.Categories = cats
	b.Phone, b.Zip = "", ""
	return crawlers.Signal{
		Source: "news", SourceItemID: g.itemID(c, "news"), Kind: crawlers.KindFunding, Title: title, URL: link,
		OccurredAt: at, AmountUSD: usd, Amount: usd, Currency: "USD", Round: round, LeadInvestors: leads,
		Company: b,
		Raw: demoRaw(map[string]any{
			"title": headline, "link": link, "guid": link, "published": at.Format(time.RFC3339), "author": g.fullName(),
			"categories": cats, "feed_url": demoURL("news/" + host + "/feed/"), "feed_host": host, "company": c.name,
			"amount": usd, "currency": "USD", "amount_usd": usd, "round": round, "lead_investors": nonNil(leads),
		}),
	}
}

// demoRoundWords words a round for a sentence: "in a Series A", "in seed funding".
func demoRoundWords(round string) string {
	switch round {
	case "Seed", "Pre-seed":
		return "in " + strings.ToLower(round) + " funding"
	case "Debt":
		return "in debt financing"
	case "Grant":
		return "in grant funding"
	}
	return "in a " + round
}

// crunchbase is a Crunchbase funding round, announced ageDays ago.
func (g *demoGen) crunchbase(c *demoCompany, base crawlers.Company, round string, usd int64, ageDays float64) crawlers.Signal {
	at := g.ago(max(ageDays, 0))
	leads := g.leads()
	title := round + " — " + money.Format(usd, "USD")
	if len(leads) > 0 {
		title += " led by " + strings.Join(leads, " and ")
	}
	uuid := g.hex(8) + "-" + g.hex(4) + "-" + g.hex(4) + "-" + g.hex(4) + "-" + g.hex(12)
	b := base
	b.Description = c.name + " builds " + g.pick(demoPitches) + "."
	b.Categories = []string{g.pick(demoCbCategories), g.pick(demoCbCategories)}
	b.Zip = ""
	var contacts []crawlers.Contact
	if g.r.IntN(2) == 0 {
		p := g.person(c)
		p.Title = g.pick([]string{"Co-Founder & CEO", "Co-Founder & CTO", "Founder"})
		p.ProfileURL = demoURL("crunchbase/person/" + strings.ToLower(strings.ReplaceAll(p.Name, " ", "-")))
		contacts = append(contacts, p)
	}
	return crawlers.Signal{
		Source: "crunchbase", SourceItemID: g.itemID(c, "crunchbase"), Kind: crawlers.KindFunding, Title: title,
		URL: demoURL("crunchbase/funding_round/" + uuid), OccurredAt: at, AmountUSD: usd, Amount: usd, Currency: "USD",
		Round: round, LeadInvestors: leads, Company: b, Contacts: contacts,
		Raw: demoRaw(map[string]any{
			"uuid": uuid, "investment_type": strings.ToLower(strings.ReplaceAll(round, " ", "_")),
			"announced_on": at.Format(time.DateOnly), "num_investors": len(leads) + g.r.IntN(5),
			"money_raised": map[string]any{"value": usd, "currency": "USD", "value_usd": usd},
		}),
	}
}

// yc is a company's YC batch listing.
func (g *demoGen) yc(c *demoCompany, base crawlers.Company) crawlers.Signal {
	batch, short, start := g.ycBatch()
	hiring := g.r.IntN(2) == 0
	industry := g.pick(demoYcIndustries)
	pitch := g.pick(demoPitches)
	oneLiner := strings.ToUpper(pitch[:1]) + pitch[1:]
	slug := strings.ToLower(strings.ReplaceAll(c.name, " ", "-"))
	team := 2 + g.r.IntN(25)
	b := base
	b.Description, b.Industry, b.TeamSize = oneLiner, industry, team
	b.Categories = []string{industry, g.pick(demoCbCategories)}
	b.Phone, b.Zip = "", ""
	p := g.person(c)
	p.Title, p.Relationship = "Founder", "Founder"
	p.Phone = ""
	return crawlers.Signal{
		Source: "yc", SourceItemID: g.itemID(c, "yc"), Kind: crawlers.KindYCBatch, Title: "YC " + short + " — " + oneLiner,
		URL: demoURL("yc/companies/" + slug), OccurredAt: start, Company: b, Contacts: []crawlers.Contact{p},
		Raw: demoRaw(map[string]any{
			"batch": batch, "status": "Active", "is_hiring": hiring, "team_size": team, "industry": industry,
			"subindustry": industry + " -> " + g.pick(demoCbCategories), "stage": "Early",
			"launched_at": start.AddDate(0, 0, g.r.IntN(60)).Format(time.RFC3339), "locations": base.City + ", " + base.State + ", USA",
			"regions": []string{"United States of America", "America / Canada"}, "former_names": []string{},
			"top_company": false, "nonprofit": false, "slug": slug, "long_description": oneLiner + ".",
		}),
	}
}

// ycBatch picks one of the batches of the last 18 months: its long name,
// its code and its first day.
func (g *demoGen) ycBatch() (name, short string, start time.Time) {
	seasons := []struct {
		name, code string
		month      time.Month
	}{{"Winter", "W", time.January}, {"Spring", "X", time.April}, {"Summer", "S", time.June}, {"Fall", "F", time.September}}
	type batch struct {
		name, short string
		start       time.Time
	}
	var all []batch
	for y := g.now.Year() - 2; y <= g.now.Year(); y++ {
		for _, s := range seasons {
			at := time.Date(y, s.month, 1, 0, 0, 0, 0, time.UTC)
			if at.After(g.now) || at.Before(g.now.AddDate(0, -18, 0)) {
				continue
			}
			all = append(all, batch{fmt.Sprintf("%s %d", s.name, y), fmt.Sprintf("%s%02d", s.code, y%100), at})
		}
	}
	b := all[g.r.IntN(len(all))]
	return b.name, b.short, b.start
}

// hn is n job posts in monthly "Who is hiring?" threads of the last half year.
func (g *demoGen) hn(c *demoCompany, base crawlers.Company, n int) []crawlers.Signal {
	author := strings.ToLower(c.root) + g.pick([]string{"", "hq", "_jobs", "team"})
	remote := g.pick([]string{"remote", "onsite", "remote/onsite", ""})
	var out []crawlers.Signal
	months := g.r.Perm(6)[:n]
	for _, m := range months {
		thread := time.Date(g.now.Year(), g.now.Month(), 1, 16, 0, 0, 0, time.UTC).AddDate(0, -m, 0)
		at := thread.Add(time.Duration(g.r.IntN(72*60)) * time.Minute)
		if at.After(g.now) {
			at = g.now.Add(-time.Duration(g.r.IntN(600)+1) * time.Minute)
		}
		eng := g.r.IntN(8) > 0
		var roles []string
		if eng {
			for range 1 + g.r.IntN(3) {
				if r := g.pick(demoEngRoles); !slices.Contains(roles, r) {
					roles = append(roles, r)
				}
			}
		} else {
			roles = []string{g.pick(demoOtherRoles)}
		}
		where := base.City + ", " + base.State
		title := "Hiring: " + strings.Join(roles, ", ")
		if remote != "" {
			title += " (" + demoModeTitle(remote) + ")"
		} else {
			title += " (" + where + ")"
		}
		id := strconv.Itoa(40_000_000 + g.r.IntN(5_000_000))
		out = append(out, crawlers.Signal{
			Source: "hn", SourceItemID: g.itemID(c, "hn"), Kind: crawlers.KindHiring, Title: title,
			URL: demoURL("hn/item/" + id), OccurredAt: at,
			Company: crawlers.Company{Keys: base.Keys, Name: c.name, Domain: c.domain},
			Raw: demoRaw(map[string]any{
				"roles": roles, "location": where, "remote": remote, "engineering": eng, "thread_id": strconv.Itoa(39_000_000 + m),
				"author": author, "text": c.name + " | " + strings.Join(roles, ", ") + " | " + where + " | " + g.pick(demoPitches),
				"apply_url": demoURL("hn/apply/" + strings.ToLower(c.root)), "salary": g.salary(), "employment_type": "Full-time", "yc_batch": "",
			}),
		})
	}
	return out
}

func demoModeTitle(mode string) string {
	parts := strings.Split(mode, "/")
	for i, m := range parts {
		parts[i] = strings.ToUpper(m[:1]) + m[1:]
	}
	return strings.Join(parts, "/")
}

func (g *demoGen) salary() string {
	lo := 110 + 10*g.r.IntN(8)
	return fmt.Sprintf("$%dk–$%dk", lo, lo+30+10*g.r.IntN(5))
}

// client makes a marketplace client's projects: a few over and under the
// qualifying threshold, fixed and hourly, mostly recent.
func (g *demoGen) client(c *demoCompany, base crawlers.Company) {
	country := g.pick([]string{"United States", "United States", "United States", "United Kingdom", "Australia", "Canada", "Germany", "India"})
	currency := map[string]string{"United Kingdom": "GBP", "Australia": "AUD", "Canada": "CAD", "Germany": "EUR", "India": "INR"}[country]
	if currency == "" || g.r.IntN(3) == 0 {
		currency = "USD"
	}
	b := crawlers.Company{Keys: base.Keys, Name: c.name, Domain: c.domain, Country: country}
	if country == "United States" {
		b.City, b.State = base.City, base.State
	}
	// Client standing: a big spender, a steady one, or a small one whose
	// jobs all stay under the threshold.
	tier := g.r.IntN(10)
	lo, hi := 400.0, 20000.0
	switch {
	case tier < 2:
		lo, hi = 80, 480
	case tier > 7:
		lo, hi = 3000, 60000
	}
	verified := g.r.IntN(10) < 7
	reviews := g.r.IntN(60)
	posted := reviews + g.r.IntN(30) + 1
	hires := min(posted, reviews+g.r.IntN(5))
	rating := math.Round((3.8+g.r.Float64()*1.2)*100) / 100
	spend := int64(demoRound(float64(hires)*g.logUniform(300, 8000), 2))
	// The client's last project is recent for most, months old for some.
	last := g.days(0, 25)
	if g.r.IntN(4) == 0 {
		last = g.days(30, 400)
	}
	ownerID := 40_000_000 + g.r.IntN(30_000_000)
	var contacts []crawlers.Contact
	if c.kind == demoFreelancer && c.domain != "" {
		p := g.person(c)
		p.Title = g.pick([]string{"Owner", "Office Manager", "Operations Manager", "Founder"})
		contacts = append(contacts, p)
	}
	upwork := c.kind == demoUpwork
	if upwork {
		currency = "USD" // Upwork budgets are in dollars
	}
	usdPer, _ := money.ToUSD(1_000_000, currency)
	perUnit := float64(usdPer) / 1_000_000 // USD per unit of currency
	n := 1 + g.r.IntN(4)
	for k := 0; k < n; k++ {
		age := last + float64(k)*g.days(3, 40)
		job := g.pick(demoProjectTitles)
		hourly := g.r.IntN(10) < 3
		closed := age > 45 && g.r.IntN(3) > 0
		r := map[string]any{"skills": []string{g.pick(demoSkills), g.pick(demoSkills)}, "currency": currency}
		var valueUSD int64
		var title string
		if hourly {
			rateUSD := math.Round(g.logUniform(max(lo/40, 15), min(max(hi/100, 30), 150)))
			hours, weeks := float64(g.pick3(10, 20, 40)), float64(g.pick3(4, 13, 26))
			if hi < 500 {
				hours, weeks = 5, 1
			}
			valueUSD = int64(rateUSD * hours * weeks)
			if upwork {
				lowUSD := math.Round(rateUSD * 0.6)
				title = fmt.Sprintf("Hourly $%g–$%g/h, %g hrs/week, %s: %s", lowUSD, rateUSD, hours, demoWeekLabel(weeks), job)
				r["hourly_min"], r["hourly_max"], r["assumed_hours_per_week"], r["assumed_weeks"] = lowUSD, rateUSD, hours, weeks
			} else {
				local := math.Round(rateUSD / perUnit)
				title = fmt.Sprintf("Hourly %s–%s/h × %g h/week, %s: %s",
					money.Format(int64(local*0.6), currency), money.Format(int64(local), currency), hours, demoWeekLabel(weeks), job)
				r["budget_min"], r["budget_max"] = math.Round(local*0.6), local
				r["hourly_rate_usd"], r["hours_per_week"], r["duration_weeks"], r["duration"] = rateUSD, hours, weeks, demoDurationEnum(weeks)
			}
		} else {
			valueUSD = int64(demoRound(g.logUniform(lo, hi), 2))
			local := int64(demoRound(float64(valueUSD)/perUnit, 2))
			if upwork {
				title = "Fixed " + money.Format(valueUSD, "USD") + ": " + job
				r["fixed_amount"], r["fixed_currency"] = valueUSD, "USD"
			} else {
				budget := money.Format(local*2/3, currency) + "–" + money.Format(local, currency)
				if money.Format(local*2/3, currency) == money.Format(local, currency) {
					budget = money.Format(local, currency)
				}
				if currency != "USD" {
					budget += " (≈" + money.Format(valueUSD, "USD") + ")"
				}
				title = "Fixed " + budget + ": " + job
				r["budget_min"], r["budget_max"] = local*2/3, local
			}
		}
		r["value_usd"], r["qualifies"] = valueUSD, valueUSD >= g.minUSD
		sig := crawlers.Signal{
			Kind: crawlers.KindProject, Title: title, OccurredAt: g.ago(age), AmountUSD: valueUSD, Closed: closed, Company: b,
		}
		kind := map[bool]string{true: "hourly", false: "fixed"}[hourly]
		if upwork {
			key := strings.TrimPrefix(c.name, "Upwork client ")
			sig.Source, sig.SourceItemID, sig.URL = "upwork", g.itemID(c, "job"), demoURL("upwork/jobs/~01"+g.hex(18))
			sig.Amount, sig.Currency = valueUSD, "USD"
			r["job_type"], r["title"], r["client_key"], r["total_applicants"] = kind, job, key, g.r.IntN(50)
			r["experience_level"] = g.pick([]string{"ENTRY_LEVEL", "INTERMEDIATE", "EXPERT"})
			r["client_total_spend_usd"], r["client_total_hires"], r["client_total_posted"] = spend, hires, posted
			r["client_hire_rate"] = math.Round(float64(hires)/float64(posted)*1000) / 1000
			r["client_payment_verified"], r["client_verification_status"] = verified, map[bool]string{true: "VERIFIED", false: "NOT_VERIFIED"}[verified]
			r["client_reviews"], r["client_rating"], r["client_country"] = reviews, rating, country
		} else {
			sig.Source, sig.SourceItemID = "freelancer", g.itemID(c, "project")
			sig.URL = demoURL("freelancer/projects/" + strconv.Itoa(38_000_000+g.r.IntN(2_000_000)))
			sig.Amount, sig.Currency, sig.Contacts = int64(math.Round(float64(valueUSD)/perUnit)), currency, contacts
			r["type"], r["status"], r["frontend_status"] = kind, map[bool]string{true: "closed", false: "active"}[closed], map[bool]string{true: "closed", false: "open"}[closed]
			r["exchange_rate"], r["budget_max_usd"], r["budget_min_usd"] = perUnit, valueUSD, valueUSD*2/3
			r["bids"], r["owner_id"], r["client_anonymous"] = 3+g.r.IntN(60), ownerID, false
			r["client_username"] = strings.ToLower(c.root) + strconv.Itoa(ownerID%100)
			r["client_country"], r["client_payment_verified"], r["client_email_verified"] = country, verified, true
			r["client_phone_verified"], r["client_identity_verified"], r["client_deposit_made"] = verified, verified && ownerID%2 == 0, verified
			r["client_rating"], r["client_reviews"], r["client_jobs_posted"], r["client_jobs_completed"] = rating, reviews, posted, hires
			r["client_completion_rate"] = math.Round(float64(hires)/float64(posted)*100) / 100
		}
		sig.Raw = demoRaw(r)
		c.add(sig)
	}
}

// demoDurationEnum is Freelancer's name for a job's length.
func demoDurationEnum(weeks float64) string {
	switch {
	case weeks <= 1:
		return "less_than_one_week"
	case weeks <= 4:
		return "one_to_four_weeks"
	case weeks <= 13:
		return "one_to_three_months"
	}
	return "three_to_six_months"
}

func demoWeekLabel(weeks float64) string {
	switch {
	case weeks <= 1:
		return "< 1 week"
	case weeks <= 4:
		return "1–4 weeks"
	case weeks <= 13:
		return "1–3 months"
	}
	return "3–6 months"
}

func (g *demoGen) pick3(a, b, c int) int { return []int{a, b, c}[g.r.IntN(3)] }

// plan writes c's salesperson script: about three in ten companies were
// worked, and end up in any stage of the pipeline. Every lead left open
// has one next step (a call back, an e-mail, a meeting) due in the coming
// two weeks; a lead that is lost or must not be called has none.
func (g *demoGen) plan(c *demoCompany) {
	c.stage = StageNew
	if g.r.IntN(100) >= 30 {
		return
	}
	stages := []struct {
		s   Stage
		pct int
	}{{StageNew, 8}, {StageContacted, 34}, {StageMeeting, 15}, {StageProposal, 10}, {StageWon, 7}, {StageLost, 16}, {StageDoNotContact, 10}}
	n := g.r.IntN(100)
	to := StageContacted
	for _, s := range stages {
		if n < s.pct {
			to = s.s
			break
		}
		n -= s.pct
	}
	c.stage = to
	note := func(s string) { c.script = append(c.script, demoActivity{kind: ActivityNote, note: s}) }
	call := func(r CallResult, outcome, s string, next TaskKind, title string) {
		a := demoActivity{kind: ActivityCall, call: Call{Result: r, Outcome: outcome, Note: s}}
		if next != "" {
			// Mostly in the next two weeks, some due today or a little
			// overdue, as on a real desk: Today has something to show.
			due := g.now.AddDate(0, 0, -2+g.r.IntN(16))
			due = time.Date(due.Year(), due.Month(), due.Day(), 15+g.r.IntN(6), 0, 0, 0, time.UTC)
			a.call.Next = TaskInput{Kind: next, Title: title, DueAt: due}
		}
		c.script = append(c.script, a)
	}
	stage := func(s Stage) { c.script = append(c.script, demoActivity{kind: ActivityStageChange, stage: s}) }
	who := g.pick(demoFirstNames)
	if to == StageNew || g.r.IntN(3) == 0 {
		note(g.pick(demoResearchNotes))
	}
	switch to {
	case StageContacted:
		switch g.r.IntN(6) {
		case 0:
			call(CallNoAnswer, "", "", TaskCall, "Try "+who+" again")
		case 1:
			call(CallBusy, "", "", TaskCall, "Call "+who+" back")
		case 2:
			call(CallVoicemail, "", "Left a voicemail for "+who+".", TaskCall, "Call "+who+" after the voicemail")
		case 3:
			call(CallWrongNumber, "", "Number on file reaches a different office; found a new one on their site.", TaskCall, "Call the new number")
		default:
			call(CallConnected, g.pick([]string{"Call back later", "Interested"}), "Spoke with "+who+": "+g.pick(demoCallNotes),
				[]TaskKind{TaskCall, TaskEmail}[g.r.IntN(2)], g.pick([]string{"Send case studies", "Call back about the Q3 project", "Share our rate card"}))
		}
	case StageLost:
		if g.r.IntN(2) == 0 {
			stage(StageMeeting)
			note("Discovery call: " + g.pick(demoNeeds))
			stage(StageProposal)
		}
		call(CallConnected, g.pick([]string{"Not a fit", "Not interested"}), "Spoke with "+who+": "+g.pick(demoLostReasons), "", "")
	case StageDoNotContact:
		call(CallConnected, "Do not call", who+" asked us to take them off our list.", "", "")
	case StageMeeting:
		call(CallConnected, "Meeting booked", "Spoke with "+who+": "+g.pick(demoCallNotes)+" Meeting booked with the CTO.",
			TaskMeeting, "Discovery meeting with "+who)
	default: // proposal, won
		next, title := TaskEmail, "Follow up on the proposal"
		if to == StageWon {
			next, title = TaskMeeting, "Kick-off with "+who
		}
		call(CallConnected, "Interested", "Spoke with "+who+": "+g.pick(demoCallNotes), next, title)
		stage(StageMeeting)
		note("Discovery call: " + g.pick(demoNeeds))
		stage(StageProposal)
		note(fmt.Sprintf("Sent proposal: %s for %s", money.Format(int64(demoRound(g.logUniform(15000, 250000), 2)), "USD"), g.pick(demoScopes)))
		if to == StageWon {
			stage(StageWon)
			note("Signed the SOW. Kick-off " + g.pick([]string{"next Monday", "on the 1st", "in two weeks"}) + ".")
		}
	}
	stage(to) // what the outcomes did not already do
}

// Generation helpers.

func (g *demoGen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *demoGen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

func (g *demoGen) logUniform(lo, hi float64) float64 {
	return math.Exp(math.Log(lo) + g.r.Float64()*(math.Log(hi)-math.Log(lo)))
}

// roundSig rounds v to digits significant figures, as amounts are reported.
func demoRound(v float64, digits int) float64 {
	if v <= 0 {
		return 0
	}
	p := math.Pow(10, float64(digits)-math.Ceil(math.Log10(v)))
	return math.Round(v*p) / p
}

// days is a uniform number of days in [lo, hi).
func (g *demoGen) days(lo, hi float64) float64 { return lo + g.r.Float64()*(hi-lo) }

// ago is the time ageDays before now, at a working hour.
func (g *demoGen) ago(ageDays float64) time.Time {
	t := g.now.Add(-time.Duration(ageDays * float64(24*time.Hour)))
	day := time.Date(t.Year(), t.Month(), t.Day(), 13+g.r.IntN(9), g.r.IntN(60), 0, 0, time.UTC)
	if day.After(g.now) {
		day = g.now.Add(-time.Duration(1+g.r.IntN(120)) * time.Minute)
	}
	return day
}

// fundingAge is how old a round is: half in the last quarter, the rest
// spread over 18 months.
func (g *demoGen) fundingAge() float64 {
	switch n := g.r.IntN(10); {
	case n < 5:
		return g.days(1, 90)
	case n < 8:
		return g.days(90, 270)
	}
	return g.days(270, 540)
}

func (g *demoGen) pickRound() string {
	n := g.r.IntN(100)
	for _, r := range []struct {
		round string
		pct   int
	}{{"Pre-seed", 8}, {"Seed", 30}, {"Series A", 27}, {"Series B", 14}, {"Series C", 7}, {"Debt", 10}, {"Grant", 4}} {
		if n < r.pct {
			return r.round
		}
		n -= r.pct
	}
	return "Seed"
}

func demoPrevRound(round string) string {
	switch round {
	case "Series C":
		return "Series B"
	case "Series B":
		return "Series A"
	case "Series A", "Debt":
		return "Seed"
	}
	return "Pre-seed"
}

// roundUSD is a plausible size for a round, to two significant figures.
func (g *demoGen) roundUSD(round string) int64 {
	span, ok := demoRoundSizes[round]
	if !ok {
		span = demoRoundSizes["Seed"]
	}
	return int64(demoRound(g.logUniform(span[0], span[1]), 2))
}

// demoRoundSizes are the smallest and largest round of each kind, in USD.
var demoRoundSizes = map[string][2]float64{
	"Pre-seed": {2e5, 1.5e6}, "Seed": {1e6, 5e6}, "Series A": {5e6, 2.5e7}, "Series B": {1.5e7, 7e7},
	"Series C": {4e7, 1.5e8}, "Debt": {2e6, 4e7}, "Grant": {1e5, 2e6},
}

func (g *demoGen) leads() []string {
	var out []string
	for range g.r.IntN(3) {
		if v := g.vcs[g.r.IntN(len(g.vcs))]; !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

type demoCity struct{ city, state, area, zip string }

func (g *demoGen) pickCity() demoCity { return demoCities[g.r.IntN(len(demoCities))] }

// phone is a number in the range reserved for fiction (555-0100–0199).
func (g *demoGen) phone(c demoCity) string {
	return fmt.Sprintf("%s-555-01%02d", c.area, g.r.IntN(100))
}

func (g *demoGen) fullName() string { return g.pick(demoFirstNames) + " " + g.pick(demoLastNames) }

// person is a contact at c with a work e-mail (and a phone when the
// company has a website).
func (g *demoGen) person(c *demoCompany) crawlers.Contact {
	first, last := g.pick(demoFirstNames), g.pick(demoLastNames)
	p := crawlers.Contact{Name: first + " " + last}
	if c.domain != "" {
		p.Email = strings.ToLower(first+"."+last) + "@" + strings.TrimPrefix(c.domain, "www.")
		p.Phone = g.phone(c.place)
	}
	return p
}

// demoTrigramIndex finds names that pg_trgm would call similar, so the
// demo's distinct companies stay out of each other's review queue.
type demoTrigramIndex struct {
	grams   map[string][]int32 // trigram → names that have it
	sizes   []int32            // trigrams per name
	names   []string
	shared  []int32 // scratch: trigrams in common with each name
	touched []int32 // scratch: the names shared counts
}

func newDemoTrigramIndex() *demoTrigramIndex {
	return &demoTrigramIndex{grams: map[string][]int32{}}
}

// demoTrigrams are pg_trgm's: each word padded with two spaces in front
// and one behind, cut into three-letter pieces, without repeats.
func demoTrigrams(s string) []string {
	var out []string
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		p := []rune("  " + w + " ")
		for i := 0; i+3 <= len(p); i++ {
			if t := string(p[i : i+3]); !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func (x *demoTrigramIndex) add(name string) {
	i := int32(len(x.names))
	x.names = append(x.names, name)
	x.shared = append(x.shared, 0)
	grams := demoTrigrams(name)
	x.sizes = append(x.sizes, int32(len(grams)))
	for _, t := range grams {
		x.grams[t] = append(x.grams[t], i)
	}
}

// similarToAny tells whether name's similarity to a known name other than
// except reaches min.
func (x *demoTrigramIndex) similarToAny(name string, min float64, except string) bool {
	grams := demoTrigrams(name)
	touched := x.touched[:0]
	for _, t := range grams {
		for _, i := range x.grams[t] {
			if x.shared[i] == 0 {
				touched = append(touched, i)
			}
			x.shared[i]++
		}
	}
	found := false
	for _, i := range touched {
		n := x.shared[i]
		x.shared[i] = 0
		if !found && x.names[i] != except && float64(n)/float64(int32(len(grams))+x.sizes[i]-n) >= min {
			found = true
		}
	}
	x.touched = touched
	return found
}

// Word lists. The company words are invented; the cities are real, phone
// numbers are in 555-0100–0199 and websites under .example.
var (
	demoOnsets          = []string{"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "cr", "dr", "fr", "gr", "pr", "tr", "st", "sk", "pl", "fl", "cl", "qu", "sh"}
	demoVowels          = []string{"a", "e", "i", "o", "u", "a", "o"}
	demoMiddles         = []string{"l", "m", "n", "r", "v", "t", "d", "s", "x", "k", "z", "lt", "nd", "rv", "st", "nt", "rk", "lv", "sc", "mb"}
	demoEndings         = []string{"a", "o", "io", "ix", "en", "ly", "ra", "on", "is", "ex", "um", "ar", "el", "ia", "yn", "ica", "ora", "ara", "ent", "ify", "eon", "ana", "ova", "ina"}
	demoStartupSuffixes = []string{
		"", "", "", "", "Labs", "AI", "Health", "Robotics", "Systems", "Analytics", "Bio", "Energy", "Security",
		"Cloud", "Software", "Technologies", "Data", "Logistics", "Therapeutics", "Networks",
	}
	demoVcWords     = []string{"Capital", "Ventures", "Partners", "Ventures", "Capital", "Venture Partners"}
	demoPlaceWords  = []string{"Cedar", "Maple", "Harbor", "Summit", "Prairie", "Willow", "Granite", "Bluebird", "Oakmont", "Riverside", "Lakeshore", "Pinecrest", "Red Rock", "Sunrise", "Copperfield", "Meadowbrook", "Stonegate", "Silver Creek", "Juniper", "Foxglove"}
	demoTrades      = []string{"Dental", "Realty", "Plumbing", "Fitness", "Bakery", "Law Group", "Coffee Roasters", "Auto Repair", "Veterinary Clinic", "Landscaping", "Insurance Agency", "Pet Supply", "Yoga Studio", "Accounting", "Home Health", "Marketing", "Freight", "Boutique", "Furniture", "Brewing", "Tutoring", "Events", "Clinic", "Outfitters"}
	demoStreetNames = []string{"Market", "Mission", "Congress", "Main", "Broadway", "Pine", "Elm", "Lake", "Highland", "Jefferson", "Franklin", "Washington", "Cedar", "Walnut", "Chestnut", "Sycamore", "Grand", "Park", "Union", "Water"}

	demoRealEstateKinds      = []string{"Apartments", "Self Storage", "Industrial", "Medical Office", "Townhomes", "Retail Center", "Multifamily", "Owner"}
	demoLocalBusinesses      = []string{"Hospitality Group", "Restaurant Group", "Family Farms", "Grocers", "Hotel Partners", "Auto Group", "Home Builders", "Craft Brewery"}
	demoRealEstateIndustries = []string{"Other Real Estate", "Residential", "Commercial", "REITS and Finance", "Construction"}
	demoLocalIndustries      = []string{"Restaurants", "Retailing", "Tourism and Travel Services", "Agriculture", "Lodging and Conventions", "Other Banking and Financial Services", "Oil and Gas"}
	demoNewsCategories       = []string{"AI", "AI", "Fintech", "Enterprise", "Biotech & Health", "Climate", "Security", "Robotics", "Hardware", "Apps", "Commerce", "Transportation", "Developer"}
	demoCbCategories         = []string{"Artificial Intelligence (AI)", "SaaS", "Developer Tools", "FinTech", "Health Care", "Cyber Security", "Machine Learning", "Analytics", "Logistics", "Robotics", "E-Commerce", "Information Technology", "Biotechnology", "Enterprise Software", "Marketplace"}
	demoYcIndustries         = []string{"B2B", "B2B", "B2B", "Fintech", "Healthcare", "Consumer", "Industrials", "Education", "Government"}

	demoPitches = []string{
		"AI copilots for freight brokers", "open-source observability for edge devices", "payroll for multi-state restaurant groups",
		"automated compliance for community banks", "a data platform for clinical trials", "robotic inspection for wind turbines",
		"faster insurance claims with computer vision", "a developer platform for internal tools", "carbon accounting for manufacturers",
		"scheduling software for home-care agencies", "fraud detection for marketplaces", "an API for property records",
		"procurement automation for hospitals", "voice agents for dental offices", "a modern ERP for food distributors",
		"security reviews for AI-generated code", "fleet telematics for last-mile delivery", "lab automation software",
		"a spreadsheet-native CRM for field sales", "billing infrastructure for usage-based SaaS",
	}
	demoEngRoles   = []string{"Senior Backend Engineer", "Staff Frontend Engineer", "Full-Stack Engineer", "ML Engineer", "Founding Engineer", "Platform Engineer", "iOS Engineer", "Data Engineer", "Site Reliability Engineer", "Engineering Manager"}
	demoOtherRoles = []string{"Account Executive", "Product Designer", "Head of Marketing", "Customer Success Manager", "Operations Lead"}
	demoSkills     = []string{"React", "Node.js", "Python", "Django", "Laravel", "WordPress", "Shopify", "Flutter", "iOS", "Android", "AWS", "PostgreSQL", "Machine Learning", "Data Scraping", "UI/UX", "Go"}

	demoProjectTitles = []string{
		"Build a React dashboard for our sales team", "Shopify store migration to headless", "iOS app for appointment booking",
		"Python scraper for supplier catalogs", "WordPress site speed optimisation", "Data pipeline from Stripe to BigQuery",
		"Flutter app MVP for a fitness studio", "Fix bugs in our Laravel admin panel", "AI chatbot for customer support",
		"Rebuild our booking site with online payments", "Integrate QuickBooks with our inventory system", "Android app for field technicians",
		"Customer portal with document uploads", "Migrate a legacy PHP app to a modern stack", "Set up AWS infrastructure with Terraform",
		"Landing page and email signup", "Automate invoice processing with OCR", "Marketplace MVP: buyers, sellers, Stripe Connect",
	}

	demoFirstNames = []string{"Avery", "Jordan", "Priya", "Mateo", "Hannah", "Wei", "Olivia", "Marcus", "Sofia", "Daniel", "Aisha", "Liam", "Elena", "Noah", "Grace", "Ethan", "Maya", "Samuel", "Chloe", "Diego", "Nora", "Isaac", "Leila", "Owen", "Zara", "Caleb", "Ines", "Julian", "Ruth", "Tomas"}
	demoLastNames  = []string{"Okafor", "Delgado", "Nakamura", "Lindqvist", "Brennan", "Castillo", "Haddad", "Whitfield", "Moreau", "Kowalski", "Abernathy", "Singh", "Ferreira", "Lachance", "Oyelaran", "Petrov", "Quintero", "Halvorsen", "Mbeki", "Ashworth", "Calloway", "Devereaux", "Ibarra", "Kimura", "Marchetti", "Novak", "Osei", "Pemberton", "Rinaldi", "Szabo"}

	demoResearchNotes = []string{
		"Their careers page lists four open engineering roles; no mobile team yet.",
		"CTO posted about rebuilding the data platform this year. Good angle for the first call.",
		"Warm intro possible through a former client who sits on their board.",
		"Website still runs on an old WordPress theme; the product app is built in-house.",
		"Just raised; they will be hiring fast. Pitch a dedicated team while they recruit.",
	}
	demoCallNotes = []string{
		"they are scoping a new customer portal for Q3.", "the in-house team is stretched; they outsource overflow work.",
		"interested in a fixed-price discovery phase.", "asked for case studies in their industry.",
		"budget is approved, vendor not chosen yet.", "evaluating two other agencies.",
	}
	demoNeeds  = []string{"a mobile app for their field team", "rebuilding the admin dashboard", "a data warehouse and reporting", "integrating their ERP with the web shop", "an MVP of a customer portal"}
	demoScopes = []string{"a 12-week MVP", "a discovery phase and prototype", "a dedicated team of three for six months", "the mobile app, phase one"}

	demoLostReasons = []string{"went with an in-house hire.", "chose a cheaper offshore vendor.", "project put on hold until next year.", "budget moved to marketing.", "not a fit for our stack."}

	demoCities = []demoCity{
		{"San Francisco", "CA", "415", "941"}, {"San Francisco", "CA", "415", "941"}, {"Oakland", "CA", "510", "946"},
		{"San Jose", "CA", "408", "951"}, {"Los Angeles", "CA", "213", "900"}, {"San Diego", "CA", "619", "921"},
		{"Seattle", "WA", "206", "981"}, {"Portland", "OR", "503", "972"}, {"Denver", "CO", "303", "802"},
		{"Boulder", "CO", "303", "803"}, {"Austin", "TX", "512", "787"}, {"Dallas", "TX", "214", "752"},
		{"Houston", "TX", "713", "770"}, {"Phoenix", "AZ", "602", "850"}, {"Salt Lake City", "UT", "801", "841"},
		{"Chicago", "IL", "312", "606"}, {"Minneapolis", "MN", "612", "554"}, {"Detroit", "MI", "313", "482"},
		{"Columbus", "OH", "614", "432"}, {"Pittsburgh", "PA", "412", "152"}, {"Philadelphia", "PA", "215", "191"},
		{"New York", "NY", "212", "100"}, {"New York", "NY", "212", "100"}, {"Brooklyn", "NY", "718", "112"},
		{"Boston", "MA", "617", "021"}, {"Cambridge", "MA", "617", "021"}, {"Providence", "RI", "401", "029"},
		{"Washington", "DC", "202", "200"}, {"Raleigh", "NC", "919", "276"}, {"Atlanta", "GA", "404", "303"},
		{"Nashville", "TN", "615", "372"}, {"Miami", "FL", "305", "331"}, {"Tampa", "FL", "813", "336"},
		{"St. Louis", "MO", "314", "631"}, {"Kansas City", "MO", "816", "641"},
	}
)
