package crm

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// ImportSource is the Signal.Source of rows a user imported.
const ImportSource = "import"

// ImportRow is one clean row of a user's list, ready to store.
type ImportRow struct {
	Line    int    // line in the file, for reports
	Key     string // identity that finds the same row again on re-import
	Company crawlers.Company
	Contact *crawlers.Contact // nil when the row names no person
	Fields  map[string]string // the row's cleaned values, kept as evidence
	// Funding, when the list carries it (Crunchbase exports).
	AmountUSD int64
	Amount    int64
	Currency  string
	Round     string
	FundedAt  time.Time
}

// ImportResult counts what an import did.
type ImportResult struct {
	New       int // rows that became new signals
	Updated   int // rows that updated what an earlier import stored
	Unchanged int
	Companies int // distinct companies the rows landed on
}

// Import stores rows as one transaction: all of them or, on any error,
// none. Each row becomes a signal (the file, the time and the user are
// its evidence) on the company it resolves to; importing the same file
// again updates those signals and never duplicates them.
func (s *Store) Import(ctx context.Context, userEmail, file string, rows []ImportRow) (ImportResult, error) {
	var res ImportResult
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return res, fmt.Errorf("crm: import: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after commit
	inTx := &Store{db: tx, log: s.log, now: s.now, weights: s.weights, batch: s.batch, minProjectUSD: s.minProjectUSD, callCooldown: s.callCooldown}
	companies := map[int64]bool{}
	now := s.now()
	for _, r := range rows {
		got, err := inTx.Ingest(ctx, importSignal(r, userEmail, file, now))
		if err != nil {
			return ImportResult{}, fmt.Errorf("crm: import line %d: %w", r.Line, err)
		}
		companies[got.CompanyID] = true
		switch {
		case got.New:
			res.New++
		case got.Updated:
			res.Updated++
		default:
			res.Unchanged++
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return ImportResult{}, fmt.Errorf("crm: import: commit: %w", err)
	}
	res.Companies = len(companies)
	return res, nil
}

func importSignal(r ImportRow, user, file string, at time.Time) crawlers.Signal {
	raw := map[string]any{"file": filepath.Base(file), "line": r.Line, "imported_by": user}
	for k, v := range r.Fields {
		raw["field_"+k] = v
	}
	sig := crawlers.Signal{
		Source: ImportSource, SourceItemID: r.Key, Kind: crawlers.KindImported,
		Title: fmt.Sprintf("Imported from %s", filepath.Base(file)), OccurredAt: at, RevisedAt: at,
		AmountUSD: r.AmountUSD, Amount: r.Amount, Currency: r.Currency, Round: r.Round,
		Company: r.Company, Raw: raw,
	}
	if !r.FundedAt.IsZero() {
		sig.OccurredAt = r.FundedAt
	}
	if r.Contact != nil {
		sig.Contacts = []crawlers.Contact{*r.Contact}
	}
	return sig
}
