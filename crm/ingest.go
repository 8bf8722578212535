package crm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm/normalize"
	"github.com/leadgen/leadgen/scoring"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// IngestResult says what one signal changed.
type IngestResult struct {
	CompanyID int64
	New       bool // the signal was not stored before
	Updated   bool // an existing signal, its company or contacts changed
}

// Ingest stores one signal idempotently: a signal already seen (by its item
// id or any alias) is updated in place when the source revised it, and its
// company is found by the signal's keys before a new one is created.
func (s *Store) Ingest(ctx context.Context, sig crawlers.Signal) (IngestResult, error) {
	if err := validateSignal(sig); err != nil {
		return IngestResult{}, err
	}
	var res IngestResult
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		// Serialise ingests that could resolve to one company, so two
		// workers never create it twice.
		for _, key := range lockKeys(sig) {
			if err := q.AdvisoryXactLock(ctx, key); err != nil {
				return err
			}
		}
		var err error
		res, err = s.ingest(ctx, q, sig)
		if err != nil {
			return err
		}
		if res.New || res.Updated {
			return s.rescore(ctx, q, []int64{res.CompanyID})
		}
		return nil
	})
	if err != nil {
		return IngestResult{}, fmt.Errorf("crm: ingest %s %s: %w", sig.Source, sig.SourceItemID, err)
	}
	return res, nil
}

func validateSignal(sig crawlers.Signal) error {
	switch {
	case sig.Source == "" || sig.SourceItemID == "":
		return errors.New("crm: ingest: signal without source or item id")
	case normalize.Name(sig.Company.Name) == "":
		return fmt.Errorf("crm: ingest %s %s: signal without a company name", sig.Source, sig.SourceItemID)
	case sig.OccurredAt.IsZero():
		return fmt.Errorf("crm: ingest %s %s: signal without a date", sig.Source, sig.SourceItemID)
	}
	return nil
}

func (s *Store) ingest(ctx context.Context, q *dbsqlc.Queries, sig crawlers.Signal) (IngestResult, error) {
	raw, err := json.Marshal(sig.Raw)
	if err != nil {
		return IngestResult{}, fmt.Errorf("encode raw fields: %w", err)
	}
	revised := sig.RevisedAt
	if revised.IsZero() {
		revised = sig.OccurredAt
	}
	ids := append([]string{sig.SourceItemID}, sig.Aliases...)
	found, err := q.SignalFind(ctx, dbsqlc.SignalFindParams{Source: sig.Source, Ids: ids})
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return IngestResult{}, fmt.Errorf("find signal: %w", err)
	}
	res := IngestResult{CompanyID: found.CompanyID}
	var signalID int64
	if found.ID != 0 {
		signalID = found.ID
		n, err := q.SignalUpdate(ctx, dbsqlc.SignalUpdateParams{
			ID: found.ID, Kind: string(sig.Kind), Title: sig.Title, Url: sig.URL,
			OccurredAt: sig.OccurredAt, RevisedAt: revised, AmountUsd: sig.AmountUSD, Raw: raw,
			Amount: sig.Amount, Currency: sig.Currency, Round: sig.Round, LeadInvestors: investors(sig),
		})
		if err != nil {
			return res, fmt.Errorf("update signal: %w", err)
		}
		if n > 0 {
			res.Updated = true
			if err := crawlEvent(ctx, q, res.CompanyID, updateNote(sig, found.AmountUsd)); err != nil {
				return res, err
			}
		}
	} else {
		res.New = true
		var created bool
		if res.CompanyID, created, err = s.resolveCompany(ctx, q, sig); err != nil {
			return res, err
		}
		note := "First seen in " + sourceLabel(sig.Source) + ": " + sig.Title
		if !created {
			note = "New from " + sourceLabel(sig.Source) + ": " + sig.Title
		}
		if err := crawlEvent(ctx, q, res.CompanyID, note); err != nil {
			return res, err
		}
		signalID, err = q.SignalInsert(ctx, dbsqlc.SignalInsertParams{
			CompanyID: res.CompanyID, Source: sig.Source, SourceItemID: sig.SourceItemID, Kind: string(sig.Kind),
			Title: sig.Title, Url: sig.URL, OccurredAt: sig.OccurredAt, RevisedAt: revised, AmountUsd: sig.AmountUSD, Raw: raw,
			Amount: sig.Amount, Currency: sig.Currency, Round: sig.Round, LeadInvestors: investors(sig),
		})
		if err != nil {
			return res, fmt.Errorf("insert signal: %w", err)
		}
	}
	changed, err := s.attach(ctx, q, res.CompanyID, signalID, sig, res.New || res.Updated)
	if err != nil {
		return res, err
	}
	res.Updated = res.Updated || (changed && !res.New)
	if sig.Kind != crawlers.KindProject {
		return res, nil
	}
	closed, err := s.trackProject(ctx, q, res.CompanyID, signalID, sig)
	res.Updated = res.Updated || (closed && !res.New)
	return res, err
}

// trackProject keeps a marketplace project's open/closed state and its
// client's profile current: a project the marketplace still lists is
// touched, one it reports closed gets a crawl event (never deleted).
func (s *Store) trackProject(ctx context.Context, q *dbsqlc.Queries, companyID, signalID int64, sig crawlers.Signal) (bool, error) {
	if err := q.SignalTouch(ctx, signalID); err != nil {
		return false, fmt.Errorf("touch project: %w", err)
	}
	closed := false
	if sig.Closed {
		n, err := q.SignalClose(ctx, signalID)
		if err != nil {
			return false, fmt.Errorf("close project: %w", err)
		}
		if closed = n > 0; closed {
			if err := crawlEvent(ctx, q, companyID, "Job closed: "+sig.Title); err != nil {
				return false, err
			}
		}
	}
	err := q.ClientProfileRefresh(ctx, dbsqlc.ClientProfileRefreshParams{CompanyID: companyID, MinUsd: s.minProjectUSD})
	if err != nil {
		return false, fmt.Errorf("refresh client profile: %w", err)
	}
	return closed, nil
}

// resolveCompany finds the company a new signal belongs to, or creates it:
// first by the source's own identity (CIK, Crunchbase uuid…), then by
// registrable domain, then by normalised name when no domain contradicts
// it. A new company whose name merely looks like another's goes to the
// review queue; nothing is merged on similarity alone.
func (s *Store) resolveCompany(ctx context.Context, q *dbsqlc.Queries, sig crawlers.Signal) (id int64, created bool, err error) {
	c := sig.Company
	domain, name := normalize.Domain(c.Domain), normalize.Name(c.Name)
	if id, ok, err := companyByKeys(ctx, q, c.Keys); ok || err != nil {
		return id, false, err
	}
	if domain != "" {
		if id, ok, err := companyByKeys(ctx, q, []string{"domain:" + domain}); ok || err != nil {
			return id, false, err
		}
	}
	sameName, found, err := companyByKeys(ctx, q, []string{"name:" + name})
	if err != nil {
		return 0, false, err
	}
	conflict := ""
	if found {
		other, err := q.CompanyDomainGet(ctx, sameName)
		if err != nil {
			return 0, false, fmt.Errorf("get company domain: %w", err)
		}
		if domain == "" || other == "" || other == domain {
			return sameName, false, nil
		}
		conflict = fmt.Sprintf("same name, different websites (%s, %s)", other, domain)
	}
	id, err = s.createCompany(ctx, q, c, name, domain)
	if err != nil {
		return 0, false, err
	}
	if conflict != "" {
		if err := q.DuplicateInsert(ctx, dbsqlc.DuplicateInsertParams{X: id, Y: sameName, Similarity: 1, Reason: conflict}); err != nil {
			return 0, false, fmt.Errorf("record possible duplicate: %w", err)
		}
	}
	return id, true, recordLookalikes(ctx, q, id, name)
}

func (s *Store) createCompany(ctx context.Context, q *dbsqlc.Queries, c crawlers.Company, name, domain string) (int64, error) {
	id, err := q.CompanyInsert(ctx, dbsqlc.CompanyInsertParams{
		Name: c.Name, NameNorm: name, Domain: domain, Phone: c.Phone, Street: c.Street, City: c.City, State: c.State,
		Zip: c.Zip, Country: c.Country, Industry: c.Industry, EntityType: c.EntityType, YearOfInc: int32(c.YearOfInc),
	})
	if err != nil {
		return 0, fmt.Errorf("insert company: %w", err)
	}
	return id, nil
}

// minSimilarity is the trigram similarity from which two names go to review.
const minSimilarity = 0.5

func recordLookalikes(ctx context.Context, q *dbsqlc.Queries, id int64, name string) error {
	similar, err := q.CompanySimilar(ctx, dbsqlc.CompanySimilarParams{ID: id, NameNorm: name, MinSimilarity: minSimilarity})
	if err != nil {
		return fmt.Errorf("find similar companies: %w", err)
	}
	for _, o := range similar {
		reason := fmt.Sprintf("similar names (%.0f%%)", o.Similarity*100)
		if err := q.DuplicateInsert(ctx, dbsqlc.DuplicateInsertParams{X: id, Y: o.ID, Similarity: o.Similarity, Reason: reason}); err != nil {
			return fmt.Errorf("record possible duplicate: %w", err)
		}
	}
	return nil
}

func companyByKeys(ctx context.Context, q *dbsqlc.Queries, keys []string) (int64, bool, error) {
	if len(keys) == 0 {
		return 0, false, nil
	}
	id, err := q.CompanyIDByKeys(ctx, keys)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("find company: %w", err)
	}
	return id, true, nil
}

// companyKeys are every key a signal's company can be found by next time.
func companyKeys(c crawlers.Company) []string {
	keys := slices.Clone(c.Keys)
	if d := normalize.Domain(c.Domain); d != "" {
		keys = append(keys, "domain:"+d)
	}
	return append(keys, "name:"+normalize.Name(c.Name))
}

// lockKeys are the advisory locks an ingest takes, sorted so that two
// ingests never wait on each other in opposite orders.
func lockKeys(sig crawlers.Signal) []string {
	keys := []string{"name:" + normalize.Name(sig.Company.Name)}
	if d := normalize.Domain(sig.Company.Domain); d != "" {
		keys = append(keys, "domain:"+d)
	}
	slices.Sort(keys)
	return keys
}

// updateNote is the timeline entry for a revised signal, with the change in
// money when there is one ("amount +$2.1M").
func updateNote(sig crawlers.Signal, oldUSD int64) string {
	note := "Updated in " + sourceLabel(sig.Source) + ": " + sig.Title
	if d := sig.AmountUSD - oldUSD; d != 0 && oldUSD > 0 && sig.AmountUSD > 0 {
		sign := "+"
		if d < 0 {
			sign, d = "-", -d
		}
		note += fmt.Sprintf(" (amount %s%s, now %s)", sign, scoring.Money(d), scoring.Money(sig.AmountUSD))
	}
	return note
}

// attach records what a signal says about its company: keys, aliases,
// contacts and, when the signal is new or revised (fresh), its company
// fields. A company so takes the values of its newest evidence, and
// re-reading unchanged sources that disagree (EDGAR's address, YC's city)
// does not flip it back and forth. It reports whether anything changed.
func (s *Store) attach(ctx context.Context, q *dbsqlc.Queries, companyID, signalID int64, sig crawlers.Signal, fresh bool) (bool, error) {
	for _, key := range companyKeys(sig.Company) {
		if err := q.CompanyKeyInsert(ctx, dbsqlc.CompanyKeyInsertParams{Key: key, CompanyID: companyID}); err != nil {
			return false, fmt.Errorf("insert company key %q: %w", key, err)
		}
	}
	for _, alias := range slices.Compact(slices.Sorted(slices.Values(sig.Aliases))) {
		if err := q.SignalAliasInsert(ctx, dbsqlc.SignalAliasInsertParams{Source: sig.Source, Alias: alias, SignalID: signalID}); err != nil {
			return false, fmt.Errorf("insert signal alias %q: %w", alias, err)
		}
	}
	changed := false
	if fresh {
		c := sig.Company
		n, err := q.CompanyUpdateFromSource(ctx, dbsqlc.CompanyUpdateFromSourceParams{
			ID: companyID, Name: c.Name, NameNorm: normalize.Name(c.Name), Domain: normalize.Domain(c.Domain), Phone: c.Phone,
			Street: c.Street, City: c.City, State: c.State, Zip: c.Zip, Country: c.Country, Industry: c.Industry,
			EntityType: c.EntityType, YearOfInc: int32(c.YearOfInc),
		})
		if err != nil {
			return false, fmt.Errorf("update company: %w", err)
		}
		changed = n > 0
		if cats := categories(c.Categories); len(cats) > 0 {
			if err := q.CompanyCategoriesAdd(ctx, dbsqlc.CompanyCategoriesAddParams{ID: companyID, Categories: cats}); err != nil {
				return false, fmt.Errorf("add categories: %w", err)
			}
		}
	}
	for _, p := range sig.Contacts {
		if p.Name == "" {
			continue
		}
		n, err := q.ContactUpsert(ctx, dbsqlc.ContactUpsertParams{
			CompanyID: companyID, Name: p.Name, Title: p.Title, Relationship: p.Relationship, Email: p.Email,
			Phone: p.Phone, ProfileUrl: p.ProfileURL, City: p.City, Source: sig.Source,
		})
		if err != nil {
			return false, fmt.Errorf("upsert contact %q: %w", p.Name, err)
		}
		changed = changed || n > 0
	}
	return changed, nil
}

func crawlEvent(ctx context.Context, q *dbsqlc.Queries, companyID int64, note string) error {
	_, err := q.ActivityInsert(ctx, dbsqlc.ActivityInsertParams{CompanyID: companyID, Kind: string(ActivityCrawl), Note: note})
	if err != nil {
		return fmt.Errorf("record crawl event: %w", err)
	}
	return nil
}

// investors is never nil: the column is NOT NULL.
func investors(sig crawlers.Signal) []string { return nonNil(sig.LeadInvestors) }

// maxCategories bounds the categories kept from one source's say.
const maxCategories = 20

// categories cleans a source's categories: trimmed, no blanks, no repeats.
func categories(in []string) []string {
	var out []string
	for _, c := range in {
		if c = strings.TrimSpace(c); c != "" && len(c) <= 80 && !slices.Contains(out, c) {
			out = append(out, c)
		}
		if len(out) == maxCategories {
			break
		}
	}
	return out
}
