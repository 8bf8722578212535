package crm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/leadgen/leadgen/crawlers"
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
		// Serialise ingests of one company so two workers never create it twice.
		if err := q.AdvisoryXactLock(ctx, sig.Company.Keys[0]); err != nil {
			return err
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
	case len(sig.Company.Keys) == 0 || sig.Company.Name == "":
		return fmt.Errorf("crm: ingest %s %s: signal without company keys or name", sig.Source, sig.SourceItemID)
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
		})
		if err != nil {
			return res, fmt.Errorf("update signal: %w", err)
		}
		if n > 0 {
			res.Updated = true
			if err := crawlEvent(ctx, q, res.CompanyID, "Updated: "+sig.Title); err != nil {
				return res, err
			}
		}
	} else {
		res.New = true
		if res.CompanyID, err = s.resolveCompany(ctx, q, sig); err != nil {
			return res, err
		}
		signalID, err = q.SignalInsert(ctx, dbsqlc.SignalInsertParams{
			CompanyID: res.CompanyID, Source: sig.Source, SourceItemID: sig.SourceItemID, Kind: string(sig.Kind),
			Title: sig.Title, Url: sig.URL, OccurredAt: sig.OccurredAt, RevisedAt: revised, AmountUsd: sig.AmountUSD, Raw: raw,
		})
		if err != nil {
			return res, fmt.Errorf("insert signal: %w", err)
		}
	}
	changed, err := s.attach(ctx, q, res.CompanyID, signalID, sig)
	res.Updated = res.Updated || (changed && !res.New)
	return res, err
}

// resolveCompany finds the company a new signal belongs to by its keys, or
// creates it.
func (s *Store) resolveCompany(ctx context.Context, q *dbsqlc.Queries, sig crawlers.Signal) (int64, error) {
	id, err := q.CompanyIDByKeys(ctx, sig.Company.Keys)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("find company: %w", err)
	}
	c := sig.Company
	id, err = q.CompanyInsert(ctx, dbsqlc.CompanyInsertParams{
		Name: c.Name, Domain: c.Domain, Phone: c.Phone, Street: c.Street, City: c.City, State: c.State,
		Zip: c.Zip, Country: c.Country, Industry: c.Industry, EntityType: c.EntityType, YearOfInc: int32(c.YearOfInc),
	})
	if err != nil {
		return 0, fmt.Errorf("insert company: %w", err)
	}
	return id, crawlEvent(ctx, q, id, "First seen: "+sig.Title)
}

// attach records what a signal says about its company: keys, aliases,
// newer company fields and contacts. It reports whether anything changed.
func (s *Store) attach(ctx context.Context, q *dbsqlc.Queries, companyID, signalID int64, sig crawlers.Signal) (bool, error) {
	for _, key := range sig.Company.Keys {
		if err := q.CompanyKeyInsert(ctx, dbsqlc.CompanyKeyInsertParams{Key: key, CompanyID: companyID}); err != nil {
			return false, fmt.Errorf("insert company key %q: %w", key, err)
		}
	}
	for _, alias := range slices.Compact(slices.Sorted(slices.Values(sig.Aliases))) {
		if err := q.SignalAliasInsert(ctx, dbsqlc.SignalAliasInsertParams{Source: sig.Source, Alias: alias, SignalID: signalID}); err != nil {
			return false, fmt.Errorf("insert signal alias %q: %w", alias, err)
		}
	}
	c := sig.Company
	n, err := q.CompanyUpdateFromSource(ctx, dbsqlc.CompanyUpdateFromSourceParams{
		ID: companyID, Name: c.Name, Domain: c.Domain, Phone: c.Phone, Street: c.Street, City: c.City,
		State: c.State, Zip: c.Zip, Country: c.Country, Industry: c.Industry, EntityType: c.EntityType, YearOfInc: int32(c.YearOfInc),
	})
	if err != nil {
		return false, fmt.Errorf("update company: %w", err)
	}
	changed := n > 0
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
