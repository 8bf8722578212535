package crm

import (
	"time"

	"context"
	"encoding/csv"
	"fmt"
	"github.com/leadgen/leadgen/sql/dbsqlc"
	"io"
	"strconv"
	"strings"
)

// ExportColumns is the CSV header, in order.
var ExportColumns = []string{
	"company", "domain", "industry", "city", "state", "phone", "score", "score_reasons",
	"last_funding_usd", "last_funding_date", "stage", "evidence_url",
}

// ExportCSV streams the companies matching f to w as RFC 4180 CSV, by score,
// in keyset batches (memory stays flat whatever the size); flush (may be nil) is called after each batch so a
// browser sees rows as they come. It returns the number of rows written.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, f Filter, flush func()) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportColumns); err != nil {
		return 0, fmt.Errorf("crm: export: %w", err)
	}
	n, after := 0, start
	for {
		page, err := s.ListCompanies(ctx, f, after, s.batch)
		if err != nil {
			return n, fmt.Errorf("crm: export: %w", err)
		}
		for _, r := range page.Rows {
			if err := cw.Write(exportRecord(r)); err != nil {
				return n, fmt.Errorf("crm: export: %w", err)
			}
			n++
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return n, fmt.Errorf("crm: export: %w", err)
		}
		if flush != nil {
			flush()
		}
		if page.Next == (Cursor{}) {
			return n, nil
		}
		after = page.Next
	}
}

func exportRecord(r CompanyRow) []string {
	reasons := make([]string, len(r.Parts))
	for i, p := range r.Parts {
		reasons[i] = fmt.Sprintf("%s +%g: %s", p.Name, p.Points, p.Reason)
	}
	date := ""
	if !r.LastFundingAt.IsZero() {
		date = r.LastFundingAt.UTC().Format("2006-01-02")
	}
	rec := []string{
		r.Name, r.Domain, r.Industry, r.City, r.State, r.Phone, strconv.Itoa(r.Score), strings.Join(reasons, "; "),
		strconv.FormatInt(r.LastFundingUSD, 10), date, r.Stage.Label(), r.EvidenceURL,
	}
	for i, cell := range rec {
		rec[i] = NeutraliseCell(cell)
	}
	return rec
}

// NeutraliseCell defuses a cell a spreadsheet would run as a formula by
// prefixing it with a quote (OWASP's advice for CSV injection).
func NeutraliseCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// SignalExportColumns is the header of the per-signal export.
var SignalExportColumns = []string{
	"source", "source_item_id", "company", "domain", "kind", "amount", "currency", "amount_usd",
	"round", "lead_investors", "happened_at", "seen_at", "url",
}

// ExportSignalsCSV streams one row per signal, the audit trail of where
// every lead came from, in id batches.
func (s *Store) ExportSignalsCSV(ctx context.Context, w io.Writer, flush func()) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(SignalExportColumns); err != nil {
		return 0, fmt.Errorf("crm: export signals: %w", err)
	}
	var after int64
	n := 0
	for {
		rows, err := s.q().SignalExportBatch(ctx, dbsqlc.SignalExportBatchParams{AfterID: after, Lim: int32(s.batch)})
		if err != nil {
			return n, fmt.Errorf("crm: export signals: %w", err)
		}
		for _, r := range rows {
			if err := cw.Write(signalRecord(r)); err != nil {
				return n, fmt.Errorf("crm: export signals: %w", err)
			}
			n++
			after = r.ID
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return n, fmt.Errorf("crm: export signals: %w", err)
		}
		if flush != nil {
			flush()
		}
		if len(rows) < s.batch {
			return n, nil
		}
	}
}

func signalRecord(r dbsqlc.SignalExportBatchRow) []string {
	amount, usd := "", ""
	if r.Amount > 0 {
		amount = strconv.FormatInt(r.Amount, 10)
	}
	if r.AmountUsd > 0 {
		usd = strconv.FormatInt(r.AmountUsd, 10)
	}
	rec := []string{
		r.Source, r.SourceItemID, r.Company, r.Domain, r.Kind, amount, r.Currency, usd, r.Round,
		strings.Join(r.LeadInvestors, "; "), r.OccurredAt.UTC().Format(time.RFC3339), r.FirstSeenAt.UTC().Format(time.RFC3339), r.Url,
	}
	for i, cell := range rec {
		rec[i] = NeutraliseCell(cell)
	}
	return rec
}
