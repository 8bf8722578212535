package crm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// ErrNoChange is returned when saved weights equal the current ones.
var ErrNoChange = errors.New("nothing changed")

// WeightsVersion is one saved set of scoring weights.
type WeightsVersion struct {
	Version   int
	Weights   scoring.Weights
	Origin    string   // "default", "file" (LEADGEN_SCORING_FILE) or "user" (the Scoring page)
	Changes   []string // what changed from the version before
	CreatedBy string   // email of the admin who saved it
	CreatedAt time.Time
}

// Weights returns the weights scores are computed with and their version
// (0 until a version has been saved in the database).
func (s *Store) Weights() (int, scoring.Weights) { return s.weights.get() }

// LoadWeights settles which weights this process scores with. The first
// time, it records version 1: the code's defaults, or file over them
// (LEADGEN_SCORING_FILE). Later the newest version in the database wins,
// unless file differs from the last version read from a file: then the
// file was edited, and it becomes a new version.
func (s *Store) LoadWeights(ctx context.Context, file *scoring.Weights) (WeightsVersion, error) {
	q := s.q()
	latest, err := q.WeightsLatest(ctx)
	if errors.Is(notFound(err), ErrNotFound) {
		w, origin, changes := scoring.DefaultWeights(), "default", []string{"Defaults of model " + scoring.Version}
		if file != nil {
			w, origin, changes = *file, "file", append([]string{"From the weights file"}, file.Diff(scoring.DefaultWeights())...)
		}
		return s.saveWeights(ctx, q, w, origin, changes, 0)
	}
	if err != nil {
		return WeightsVersion{}, fmt.Errorf("crm: load weights: %w", err)
	}
	current, err := decodeWeights(latest.Weights)
	if err != nil {
		return WeightsVersion{}, fmt.Errorf("crm: weights version %d: %w", latest.Version, err)
	}
	if file != nil {
		fromFile, err := q.WeightsLatestFromFile(ctx)
		if err != nil && !errors.Is(notFound(err), ErrNotFound) {
			return WeightsVersion{}, fmt.Errorf("crm: load weights: %w", err)
		}
		was, _ := decodeWeights(fromFile.Weights) // absent or unreadable: the file is news
		if err != nil || was != *file {
			changes := append([]string{"Weights file changed"}, file.Diff(current)...)
			return s.saveWeights(ctx, q, *file, "file", changes, 0)
		}
	}
	s.weights.set(int(latest.Version), current)
	return WeightsVersion{Version: int(latest.Version), Weights: current, Origin: latest.Origin, Changes: latest.Changes,
		CreatedAt: latest.CreatedAt}, nil
}

// RefreshWeights picks up a version another process saved.
func (s *Store) RefreshWeights(ctx context.Context) error {
	latest, err := s.q().WeightsLatest(ctx)
	if errors.Is(notFound(err), ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("crm: load weights: %w", err)
	}
	if v, _ := s.weights.get(); int(latest.Version) <= v {
		return nil
	}
	w, err := decodeWeights(latest.Weights)
	if err != nil {
		return fmt.Errorf("crm: weights version %d: %w", latest.Version, err)
	}
	s.weights.set(int(latest.Version), w)
	return nil
}

// SaveWeights records w as a new version by userID and queues rescoring
// every company with it. It returns the version and the rescoring job.
func (s *Store) SaveWeights(ctx context.Context, userID int64, w scoring.Weights) (WeightsVersion, int64, error) {
	if err := w.Validate(); err != nil {
		return WeightsVersion{}, 0, err
	}
	if err := s.RefreshWeights(ctx); err != nil {
		return WeightsVersion{}, 0, err
	}
	_, cur := s.weights.get()
	changes := w.Diff(cur)
	if len(changes) == 0 {
		return WeightsVersion{}, 0, ErrNoChange
	}
	var (
		v     WeightsVersion
		jobID int64
	)
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		var err error
		if v, err = s.saveWeights(ctx, q, w, "user", changes, userID); err != nil {
			return err
		}
		jobID, err = queueRescore(ctx, q, v.Version, fmt.Sprintf("Weights version %d saved", v.Version), userID)
		return err
	})
	if err != nil {
		return WeightsVersion{}, 0, err
	}
	s.weights.set(v.Version, w)
	s.KickRescore()
	return v, jobID, nil
}

func (s *Store) saveWeights(ctx context.Context, q *dbsqlc.Queries, w scoring.Weights, origin string, changes []string, userID int64) (WeightsVersion, error) {
	raw, err := json.Marshal(w)
	if err != nil {
		return WeightsVersion{}, fmt.Errorf("crm: encode weights: %w", err)
	}
	row, err := q.WeightsInsert(ctx, dbsqlc.WeightsInsertParams{Weights: raw, Origin: origin, Changes: changes, CreatedBy: user(userID)})
	if err != nil {
		return WeightsVersion{}, fmt.Errorf("crm: save weights: %w", err)
	}
	s.weights.set(int(row.Version), w)
	return WeightsVersion{Version: int(row.Version), Weights: w, Origin: origin, Changes: changes, CreatedAt: row.CreatedAt}, nil
}

// decodeWeights reads stored weights over the defaults, so a version saved
// before a weight existed gets that weight's default.
func decodeWeights(raw []byte) (scoring.Weights, error) {
	w := scoring.DefaultWeights()
	if len(raw) == 0 {
		return w, errors.New("no weights")
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return w, err
	}
	return w, w.Validate()
}

// WeightsHistory lists the newest n versions, newest first.
func (s *Store) WeightsHistory(ctx context.Context, n int) ([]WeightsVersion, error) {
	rows, err := s.q().WeightsVersions(ctx, int32(n))
	if err != nil {
		return nil, fmt.Errorf("crm: weights history: %w", err)
	}
	out := make([]WeightsVersion, len(rows))
	for i, r := range rows {
		out[i] = WeightsVersion{Version: int(r.Version), Origin: r.Origin, Changes: r.Changes, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// PreviewRow is one company of a weights preview: where it ranks with the
// current weights and with the proposed ones.
type PreviewRow struct {
	CompanyID int64
	Name      string
	OldRank   int // 1-based; 0 when it is outside the current top
	NewRank   int
	OldTotal  int
	NewTotal  int
}

// Move is how many places the company climbs (negative: falls); for a
// company new to the top, how many places it climbs from the candidates.
func (r PreviewRow) Move() int { return r.OldRank - r.NewRank }

// previewCandidates is how many of the best-scored companies a preview
// rescores: a company further down is not expected to reach the top n.
const previewCandidates = 500

// PreviewWeights shows how the top n would reorder with w: the current
// best-scored companies are scored with the current weights and with w at
// the same instant, and the new top n is returned with each company's
// old and new rank.
func (s *Store) PreviewWeights(ctx context.Context, w scoring.Weights, n int) ([]PreviewRow, error) {
	if err := w.Validate(); err != nil {
		return nil, err
	}
	q := s.q()
	ids, err := q.TopScoredIDs(ctx, previewCandidates)
	if err != nil {
		return nil, fmt.Errorf("crm: preview: %w", err)
	}
	rows, err := q.ScoreFeatures(ctx, s.featureParams(ids, 0, 0))
	if err != nil {
		return nil, fmt.Errorf("crm: preview: %w", err)
	}
	names, err := q.CompanyNames(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("crm: preview: %w", err)
	}
	nameOf := make(map[int64]string, len(names))
	for _, r := range names {
		nameOf[r.ID] = r.Name
	}
	now := s.now()
	_, cur := s.weights.get()
	type scored struct {
		id         int64
		oldT, newT int
	}
	all := make([]scored, len(rows))
	for i, r := range rows {
		f := Features(r)
		o, nw := scoring.Compute(f, cur, now), scoring.Compute(f, w, now)
		all[i] = scored{id: r.CompanyID, oldT: o.Total, newT: nw.Total}
	}
	rank := func(total func(scored) int) map[int64]int {
		sorted := slices.Clone(all)
		slices.SortStableFunc(sorted, func(a, b scored) int {
			if d := total(b) - total(a); d != 0 {
				return d
			}
			return int(b.id - a.id) // ties: newest company first, as the list sorts
		})
		out := make(map[int64]int, len(sorted))
		for i, sc := range sorted {
			out[sc.id] = i + 1
		}
		return out
	}
	oldRank := rank(func(s scored) int { return s.oldT })
	newRank := rank(func(s scored) int { return s.newT })
	var out []PreviewRow
	for _, sc := range all {
		if newRank[sc.id] > n {
			continue
		}
		r := PreviewRow{CompanyID: sc.id, Name: nameOf[sc.id], OldRank: oldRank[sc.id], NewRank: newRank[sc.id], OldTotal: sc.oldT, NewTotal: sc.newT}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b PreviewRow) int { return a.NewRank - b.NewRank })
	return out, nil
}

// RescoreJob is a background run that rescores every company.
type RescoreJob struct {
	ID             int64
	WeightsVersion int
	Reason         string
	Status         string // queued, running, done, failed, superseded
	Total, Done    int
	Error          string
	CreatedBy      string
	CreatedAt      time.Time
	StartedAt      time.Time
	FinishedAt     time.Time
}

// Percent is the job's progress, 0–100.
func (j RescoreJob) Percent() int {
	if j.Status == "done" {
		return 100
	}
	if j.Total <= 0 {
		return 0
	}
	return int(math.Min(100, math.Floor(100*float64(j.Done)/float64(j.Total))))
}

// Finished reports whether the job has stopped.
func (j RescoreJob) Finished() bool {
	return j.Status == "done" || j.Status == "failed" || j.Status == "superseded"
}

// QueueRescore records a job rescoring every company with the current
// weights; a running worker (RunRescoreJobs) picks it up.
func (s *Store) QueueRescore(ctx context.Context, reason string, userID int64) (int64, error) {
	v, _ := s.weights.get()
	id, err := queueRescore(ctx, s.q(), v, reason, userID)
	if err == nil {
		s.KickRescore()
	}
	return id, err
}

func queueRescore(ctx context.Context, q *dbsqlc.Queries, version int, reason string, userID int64) (int64, error) {
	id, err := q.RescoreJobInsert(ctx, dbsqlc.RescoreJobInsertParams{WeightsVersion: int32(version), Reason: reason, CreatedBy: user(userID)})
	if err != nil {
		return 0, fmt.Errorf("crm: queue rescoring: %w", err)
	}
	if err := q.SupersedeOlderRescoreJobs(ctx, id); err != nil {
		return 0, fmt.Errorf("crm: queue rescoring: %w", err)
	}
	return id, nil
}

// LatestRescore returns the newest rescoring job; ok is false when there
// has been none.
func (s *Store) LatestRescore(ctx context.Context) (RescoreJob, bool, error) {
	r, err := s.q().RescoreJobLatest(ctx)
	if errors.Is(notFound(err), ErrNotFound) {
		return RescoreJob{}, false, nil
	}
	if err != nil {
		return RescoreJob{}, false, fmt.Errorf("crm: rescoring status: %w", err)
	}
	return RescoreJob{ID: r.ID, WeightsVersion: int(r.WeightsVersion), Reason: r.Reason, Status: r.Status,
		Total: int(r.Total), Done: int(r.Done), Error: r.Error, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt,
		StartedAt: tsTime(r.StartedAt), FinishedAt: tsTime(r.FinishedAt)}, true, nil
}

// KickRescore wakes the rescoring worker of this process.
func (s *Store) KickRescore() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// staleJobSecs is how long a running job may go without progress before
// another worker takes it over (its process died).
const staleJobSecs = 60

var errSuperseded = errors.New("superseded by a newer rescoring")

// RunNextRescoreJob claims the newest waiting job (or one whose worker
// died) and runs it to the end. It reports whether there was one.
func (s *Store) RunNextRescoreJob(ctx context.Context) (bool, error) {
	job, err := s.q().RescoreJobClaim(ctx, staleJobSecs)
	if errors.Is(notFound(err), ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("crm: claim rescoring: %w", err)
	}
	if err := s.RefreshWeights(ctx); err != nil {
		return true, err
	}
	start := time.Now()
	n, err := s.rescoreAll(ctx, func(n int, lastID int64) error {
		current, err := s.q().RescoreJobProgress(ctx, dbsqlc.RescoreJobProgressParams{ID: job.ID, LastID: lastID, N: int32(n)})
		if err != nil {
			return err
		}
		if !current {
			return errSuperseded
		}
		return nil
	})
	status, msg := "done", ""
	switch {
	case errors.Is(err, errSuperseded):
		status = "superseded"
	case ctx.Err() != nil:
		return true, ctx.Err() // left running: the next worker resumes it
	case err != nil:
		status, msg = "failed", err.Error()
	}
	if ferr := s.q().RescoreJobFinish(context.WithoutCancel(ctx), dbsqlc.RescoreJobFinishParams{ID: job.ID, Status: status, Error: msg}); ferr != nil {
		return true, fmt.Errorf("crm: finish rescoring: %w", ferr)
	}
	s.log.Info("rescore_job", "id", job.ID, "status", status, "companies", n, "duration_ms", time.Since(start).Milliseconds())
	if status == "failed" {
		return true, err
	}
	return true, nil
}

// RunRescoreJobs runs rescoring jobs as they are queued (by this process
// or another) until ctx ends, checking every poll and whenever kicked.
func (s *Store) RunRescoreJobs(ctx context.Context, poll time.Duration) {
	for {
		for {
			ran, err := s.RunNextRescoreJob(ctx)
			if err != nil && ctx.Err() == nil {
				s.log.Error("rescore_job_failed", "err", err)
			}
			if !ran || ctx.Err() != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
		case <-time.After(poll):
		}
	}
}
