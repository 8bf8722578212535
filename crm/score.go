package crm

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// rescoreBatch is how many companies one rescoring round reads and writes.
const rescoreBatch = 10000

// rescoreWorkers is how many batches rescoring runs at once: one scores in
// Go while the other waits on the database.
const rescoreWorkers = 2

// sourceLabels are the names a salesperson knows the sources by.
var sourceLabels = map[string]string{
	"edgar": "SEC EDGAR", "news": "funding news", "crunchbase": "Crunchbase", "hn": "Hacker News", "yc": "Y Combinator",
	"freelancer": "Freelancer.com", "upwork": "Upwork", ImportSource: "an imported list",
}

// newsLabels name funding-news feeds by their host.
var newsLabels = map[string]string{
	"techcrunch.com": "TechCrunch", "venturebeat.com": "VentureBeat", "siliconangle.com": "SiliconANGLE",
	"geekwire.com": "GeekWire", "sifted.eu": "Sifted", "eu-startups.com": "EU-Startups",
}

// sourceLabel names a source for people. Funding news carries its feed's
// host ("news:techcrunch.com"), so the reason can say "TechCrunch".
func sourceLabel(source string) string {
	if host, ok := strings.CutPrefix(source, "news:"); ok {
		host = strings.TrimPrefix(strings.ToLower(host), "www.")
		if l, ok := newsLabels[host]; ok {
			return l
		}
		if host == "" {
			return sourceLabels["news"]
		}
		return host
	}
	if l, ok := sourceLabels[source]; ok {
		return l
	}
	return source
}

// weightsState is the weights scores are computed with, and their version
// (0: the code's defaults or the options', never saved).
type weightsState struct {
	mu      sync.RWMutex
	version int
	w       scoring.Weights
}

func (ws *weightsState) get() (int, scoring.Weights) {
	ws.mu.RLock()
	defer ws.mu.RUnlock()
	return ws.version, ws.w
}

func (ws *weightsState) set(version int, w scoring.Weights) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if version >= ws.version {
		ws.version, ws.w = version, w
	}
}

// scoreVersion names the model and the weights a score was computed with: "v1/w3".
func scoreVersion(weightsVersion int) string {
	return fmt.Sprintf("%s/w%d", scoring.Version, weightsVersion)
}

// rescore recomputes the scores of the given companies: their features in
// one query, the scores in Go, and all of them written in one statement.
func (s *Store) rescore(ctx context.Context, q *dbsqlc.Queries, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := q.ScoreFeatures(ctx, s.featureParams(ids, 0, 0))
	if err != nil {
		return fmt.Errorf("load score features: %w", err)
	}
	return s.storeScores(ctx, q, rows, true)
}

// featureParams asks for the companies in ids, or with ids nil those with
// after < id <= upto.
func (s *Store) featureParams(ids []int64, after, upto int64) dbsqlc.ScoreFeaturesParams {
	if ids == nil {
		ids = []int64{}
	}
	return dbsqlc.ScoreFeaturesParams{Ids: ids, AfterID: after, UptoID: upto, MonthAgo: s.now().AddDate(0, 0, -30)}
}

// storeScores scores feature rows and writes them all in one statement;
// with rank the list's order follows (rescoring every company leaves it to
// RebuildRank at the end).
func (s *Store) storeScores(ctx context.Context, q *dbsqlc.Queries, rows []dbsqlc.ScoreFeaturesRow, rank bool) error {
	if len(rows) == 0 {
		return nil
	}
	now := s.now()
	version, w := s.weights.get()
	n := len(rows)
	b := dbsqlc.ScoreUpsertBatchParams{
		Version: scoreVersion(version), ComputedAt: now, WeightsVersion: int32(version),
		CompanyIds: make([]int64, 0, n), Totals: make([]int32, 0, n), Parts: make([][]byte, 0, n),
		LastFundingUsd: make([]int64, 0, n), LastFundingAt: make([]time.Time, 0, n), EvidenceUrls: make([]string, 0, n),
		Estimates: make([]int64, 0, n), Bases: make([]string, 0, n), PartMasks: make([]int32, 0, n),
		Changed: make([]bool, 0, n), Rank: rank,
	}
	for _, r := range rows {
		f := Features(r)
		sc := scoring.Compute(f, w, now)
		parts, err := json.Marshal(sc.Parts)
		if err != nil {
			return fmt.Errorf("encode score parts: %w", err)
		}
		b.CompanyIds = append(b.CompanyIds, r.CompanyID)
		b.Totals = append(b.Totals, int32(sc.Total))
		b.Parts = append(b.Parts, parts)
		b.LastFundingUsd = append(b.LastFundingUsd, r.RoundUsd)
		b.LastFundingAt = append(b.LastFundingAt, r.RoundAt)
		b.EvidenceUrls = append(b.EvidenceUrls, r.RoundUrl)
		b.Estimates = append(b.Estimates, sc.EstimatedProjectUSD)
		b.Bases = append(b.Bases, sc.EstimateBasis)
		b.PartMasks = append(b.PartMasks, partMask(sc.Parts))
		b.Changed = append(b.Changed, int32(sc.Total) != r.OldTotal)
	}
	if err := q.ScoreUpsertBatch(ctx, b); err != nil {
		return fmt.Errorf("store scores: %w", err)
	}
	return nil
}

// partMask sets bit i for each part with points, i its index in
// scoring.PartNames (the list filters on it).
func partMask(parts []scoring.Part) int32 {
	var m int32
	for _, p := range parts {
		if p.Points > 0 {
			m |= partBit(p.Name)
		}
	}
	return m
}

// partBit is a part's bit in the mask; 0 for an unknown name.
func partBit(name string) int32 {
	if i := slices.Index(scoring.PartNames, name); i >= 0 {
		return 1 << i
	}
	return 0
}

// epoch is what the features query says for "never".
var epoch = time.Unix(0, 0)

func when(t time.Time) time.Time {
	if !t.After(epoch) {
		return time.Time{}
	}
	return t
}

// Features turns a features row into what scoring reads.
func Features(r dbsqlc.ScoreFeaturesRow) scoring.Features {
	stage := Stage(r.Stage)
	f := scoring.Features{
		DoNotContact: stage == StageDoNotContact,
		Won:          stage == StageWon,
		RoundUSD:     r.RoundUsd, RoundAt: when(r.RoundAt), RoundName: r.RoundName, RoundURL: r.RoundUrl,
		TotalRaisedUSD: r.TotalRaisedUsd,
		PooledFund:     r.PooledUrl != "", PooledURL: r.PooledUrl,
		Industry: r.Industry, Categories: r.Categories, YCBatch: r.YcBatch,
		Marketplace:       sourceLabelOrEmpty(r.Marketplace),
		LargestProjectUSD: r.LargestProjectUsd, MedianProjectUSD: r.MedianProjectUsd, HourlyProjectUSD: r.HourlyProjectUsd,
		ClientSpendUSD: r.ClientSpendUsd, Projects: int(r.Projects), Projects90d: int(r.Projects90d),
		Projects30d: int(r.Projects30d), Min30dUSD: r.Min30dUsd, Max30dUSD: r.Max30dUsd, Sum30dUSD: r.Sum30dUsd,
		LastProjectAt: when(r.LastProjectAt), LastProjectURL: r.LastProjectUrl,
		PaymentVerified: r.PaymentVerified, HireRate: float64(r.HireRate), Reviews: int(r.Reviews), Hires: int(r.Hires),
		HiringPosts: int(r.HiringPosts), EngineeringPosts: int(r.EngineeringPosts), YCHiring: r.YcHiring,
		LastHiringAt: when(r.LastHiringAt), HiringURL: r.HiringUrl,
		LastSignalAt: when(r.LastSignalAt), LastSignalSource: sourceLabel(r.LastSignalSource), LastSignalURL: r.LastSignalUrl,
	}
	if stage == StageLost {
		f.LostAt = when(r.LostAt)
	}
	if r.HiringUrl == "" && r.YcHiring {
		f.HiringURL = r.YcUrl
	}
	switch {
	case r.FormDUrl != "" && r.Industry != "":
		f.FitURL = r.FormDUrl
	case r.YcUrl != "":
		f.FitURL = r.YcUrl
	default:
		f.FitURL = cmp.Or(r.RoundUrl, r.LastSignalUrl)
	}
	for _, src := range r.RoundSources {
		f.RoundSources = append(f.RoundSources, sourceLabel(src))
	}
	// Reporters before the filing: "(TechCrunch, Form D)".
	slices.SortFunc(f.RoundSources, func(a, b string) int {
		return cmp.Or(cmp.Compare(btoi(a == "Form D"), btoi(b == "Form D")), cmp.Compare(a, b))
	})
	f.RoundSources = slices.Compact(f.RoundSources)
	return f
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sourceLabelOrEmpty(source string) string {
	if source == "" {
		return ""
	}
	return sourceLabel(source)
}

// RescoreAll recomputes every company's score at the store's clock, so
// scores keep decaying with age between crawls: batches of companies by id
// range, each batch's features in one query and its scores in one
// statement, two batches at a time. It returns how many it scored.
func (s *Store) RescoreAll(ctx context.Context) (int, error) {
	if err := s.RefreshWeights(ctx); err != nil {
		return 0, err
	}
	return s.rescoreAll(ctx, nil)
}

// rescoreAll runs the batches; progress, when set, is told of each one
// and stops the run by returning an error.
func (s *Store) rescoreAll(ctx context.Context, progress func(n int, lastID int64) error) (int, error) {
	bounds, err := s.q().CompanyIDBounds(ctx)
	if err != nil {
		return 0, fmt.Errorf("crm: rescore: %w", err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ranges := make(chan int64)
	go func() {
		defer close(ranges)
		for lo := bounds.MinID - 1; lo < bounds.MaxID; lo += rescoreBatch {
			select {
			case ranges <- lo:
			case <-ctx.Done():
				return
			}
		}
	}()
	var (
		mu    sync.Mutex
		total int
		wg    sync.WaitGroup
	)
	for range rescoreWorkers {
		wg.Go(func() {
			for lo := range ranges {
				n, err := s.rescoreRange(ctx, lo, lo+rescoreBatch)
				if err == nil && progress != nil {
					mu.Lock()
					err = progress(n, lo+rescoreBatch)
					mu.Unlock()
				}
				if err != nil {
					cancel(err)
					return
				}
				mu.Lock()
				total += n
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return total, fmt.Errorf("crm: rescore: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return total, fmt.Errorf("crm: rescore: %w", context.Cause(ctx))
	}
	return total, s.RebuildRank(ctx)
}

// rescoreRange rescores the live companies with lo < id <= hi in one
// transaction, retrying once when it deadlocks with a concurrent writer.
func (s *Store) rescoreRange(ctx context.Context, lo, hi int64) (int, error) {
	var n int
	run := func() error {
		return s.InTx(ctx, func(q *dbsqlc.Queries) error {
			// Scores are derived: a batch lost in a crash is rescored by
			// the next run, so the commit need not wait for the disk.
			if err := q.SynchronousCommitOff(ctx); err != nil {
				return err
			}
			rows, err := q.ScoreFeatures(ctx, s.featureParams(nil, lo, hi))
			if err != nil {
				return fmt.Errorf("load score features: %w", err)
			}
			n = len(rows)
			return s.storeScores(ctx, q, rows, false)
		})
	}
	err := run()
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "40001") {
		err = run()
	}
	return n, err
}
