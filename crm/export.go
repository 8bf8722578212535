package crm

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// ExportColumns is the header of the full profile (every column), in order.
var ExportColumns = []string{
	"company", "domain", "industry", "city", "state", "phone", "score", "score_reasons",
	"last_funding_usd", "last_funding_date", "stage", "evidence_url",
}

// ExportProfile is a set of CSV columns for one use of an export.
type ExportProfile struct {
	Name    string // as in ?profile= and --profile
	Label   string // as the UI offers it
	Columns []string
	// Contact is set when rows need the lead's best contact.
	Contact bool
	// Row is one lead's cells, in Columns' order, as they are: the export
	// neutralises every cell.
	Row func(ExportLead) []string
}

// ExportLead is what a profile makes a row from.
type ExportLead struct {
	CompanyRow
	// Contact is the lead's best contact (the first with an email, else the
	// first); zero when it has none or the profile needs none.
	Contact Contact
}

// DefaultExportProfile is the profile an export uses unless told otherwise.
const DefaultExportProfile = "full"

// ExportProfiles lists the column profiles, the default first.
var ExportProfiles = []ExportProfile{
	{Name: "full", Label: "Full (every column)", Columns: ExportColumns, Row: fullRow},
	{
		Name: "generic", Label: "Outreach tool (one contact per lead)", Contact: true, Row: genericRow,
		Columns: []string{"first_name", "last_name", "email", "company", "website", "phone", "title"},
	},
	{
		Name: "scored", Label: "Scored (why to call)", Row: scoredRow,
		Columns: []string{"company", "website", "phone", "score", "estimated_project_usd", "score_reasons", "stage", "evidence_url"},
	},
}

// ExportProfileNamed returns the profile called name; "" is the default.
func ExportProfileNamed(name string) (ExportProfile, error) {
	if name == "" {
		name = DefaultExportProfile
	}
	for _, p := range ExportProfiles {
		if p.Name == name {
			return p, nil
		}
	}
	names := make([]string, len(ExportProfiles))
	for i, p := range ExportProfiles {
		names[i] = p.Name
	}
	return ExportProfile{}, &ValidationError{Field: "profile",
		Message: fmt.Sprintf("%q is not an export profile (%s)", name, strings.Join(names, ", "))}
}

func fullRow(l ExportLead) []string {
	date := ""
	if !l.LastFundingAt.IsZero() {
		date = l.LastFundingAt.UTC().Format("2006-01-02")
	}
	return []string{
		l.Name, l.Domain, l.Industry, l.City, l.State, l.Phone, strconv.Itoa(l.Score), scoreReasons(l.CompanyRow),
		strconv.FormatInt(l.LastFundingUSD, 10), date, l.Stage.Label(), l.EvidenceURL,
	}
}

func genericRow(l ExportLead) []string {
	first, last := SplitName(l.Contact.Name)
	phone := l.Contact.Phone
	if phone == "" {
		phone = l.Phone
	}
	title := l.Contact.Title
	if title == "" {
		title = l.Contact.Relationship
	}
	return []string{first, last, l.Contact.Email, l.Name, website(l.Domain), phone, title}
}

func scoredRow(l ExportLead) []string {
	return []string{
		l.Name, website(l.Domain), l.Phone, strconv.Itoa(l.Score), strconv.FormatInt(l.EstimatedProjectUSD, 10),
		scoreReasons(l.CompanyRow), l.Stage.Label(), l.EvidenceURL,
	}
}

func scoreReasons(r CompanyRow) string {
	reasons := make([]string, len(r.Parts))
	for i, p := range r.Parts {
		reasons[i] = fmt.Sprintf("%s +%g: %s", p.Name, p.Points, p.Reason)
	}
	return strings.Join(reasons, "; ")
}

// website is a company's domain as a link an outreach tool accepts.
func website(domain string) string {
	if domain == "" || strings.Contains(domain, "://") {
		return domain
	}
	return "https://" + domain
}

// SplitName splits a person's name into a first name and the rest, for
// outreach tools that greet by first name: "Dr. Ada King Lovelace" is Ada
// and King Lovelace, "Lovelace, Ada" is Ada and Lovelace, a middle initial
// is dropped ("Priya R. Natarajan": Priya, Natarajan), and a name of one
// word is a first name only.
func SplitName(name string) (first, last string) {
	name = strings.Join(strings.Fields(name), " ")
	// "Last, First": but not "First Last, Jr." nor "First Last, PhD".
	if l, f, ok := strings.Cut(name, ","); ok {
		if f = strings.TrimSpace(f); f != "" && !isNameSuffix(f) {
			name = f + " " + strings.TrimSpace(l)
		} else {
			name = strings.TrimSpace(l)
		}
	}
	words := strings.Fields(name)
	for len(words) > 1 && isHonorific(words[0]) {
		words = words[1:]
	}
	for len(words) > 2 && isNameSuffix(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return "", ""
	}
	rest := words[1:]
	for len(rest) > 1 && isInitial(rest[0]) {
		rest = rest[1:]
	}
	return words[0], strings.Join(rest, " ")
}

func nameToken(w string) string { return strings.ToLower(strings.TrimSuffix(w, ".")) }

func isHonorific(w string) bool {
	return slices.Contains([]string{"mr", "mrs", "ms", "miss", "mx", "dr", "prof"}, nameToken(w))
}

func isNameSuffix(w string) bool {
	return slices.Contains([]string{"jr", "sr", "ii", "iii", "iv", "phd", "ph.d", "md", "m.d", "esq", "cpa", "mba"}, nameToken(w))
}

// isInitial reports a middle initial: "R." or "R".
func isInitial(w string) bool {
	r := []rune(strings.TrimSuffix(w, "."))
	return len(r) == 1 && unicode.IsLetter(r[0])
}

// NeutraliseCell defuses a cell a spreadsheet would run as a formula by
// prefixing it with a quote (OWASP's advice for CSV injection): any cell
// that starts with = + - @, a tab or a carriage return, except a phone
// number written with a leading + ("+1 (415) 555-0100"), which outreach
// tools would otherwise import with the quote.
func NeutraliseCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if s[0] == '+' && phoneOnly(s[1:]) {
		return s
	}
	return "'" + s
}

// phoneOnly reports whether s, a cell after its leading +, is a phone
// number: only digits, spaces and - ( ) . with at least 7 digits. Without
// letters, quotes, ! or | it names no function, cell or program, so a
// spreadsheet runs nothing from it. A cell starting with - stays defused:
// no phone number is written so, and "-415-555-0100" would be a sum.
func phoneOnly(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || c == '(' || c == ')' || c == '.':
		default:
			return false
		}
	}
	return digits >= 7
}

// How an export was asked for, as recorded.
const (
	ExportViaWeb = "web"
	ExportViaAPI = "api"
	ExportViaCLI = "cli"
)

// ExportOptions says what to export and whom to record it for.
type ExportOptions struct {
	Profile string // an ExportProfiles name; "" is DefaultExportProfile
	// NewOnly keeps only leads no earlier export wrote.
	NewOnly bool
	UserID  int64  // who exports; 0 for the command line
	Via     string // ExportViaWeb, ExportViaAPI or ExportViaCLI (the default)
	// Flush (may be nil) is called after each batch, so a browser sees rows
	// as they come.
	Flush func()
	// BeforeCommit (may be nil) runs once every row is written, before the
	// export is recorded: an error from it records nothing (the command line
	// moves its file into place here).
	BeforeCommit func() error
}

// ExportResult is what an export wrote.
type ExportResult struct {
	ID   int64 // the export's record
	Rows int
}

// Export streams the companies matching f to w as RFC 4180 CSV in the
// profile's columns, in the list's order, in keyset batches (memory stays
// flat whatever the size), every cell neutralised against formula
// injection. Do-not-contact leads are never exported. The export is
// recorded (who, when, profile, filter, rows, and which leads) in one
// transaction: an export that fails half-way records nothing, so its leads
// still count as never exported. "New only" exports take turns, so two at
// once never both write the same lead; an ordinary export still running
// is not seen by them until it is done.
func (s *Store) Export(ctx context.Context, w io.Writer, f Filter, o ExportOptions) (ExportResult, error) {
	p, err := ExportProfileNamed(o.Profile)
	if err != nil {
		return ExportResult{}, err
	}
	via := o.Via
	switch via {
	case "":
		via = ExportViaCLI
	case ExportViaWeb, ExportViaAPI, ExportViaCLI:
	default:
		return ExportResult{}, fmt.Errorf("crm: export via %q: unknown", via)
	}
	var res ExportResult
	err = s.exportTx(ctx, func(ts *Store, q *dbsqlc.Queries) error {
		if o.NewOnly {
			if err := q.ExportNewOnlyLock(ctx); err != nil {
				return err
			}
		}
		var user pgtype.Int8
		if o.UserID != 0 {
			user = pgtype.Int8{Int64: o.UserID, Valid: true}
		}
		id, err := q.ExportInsert(ctx, dbsqlc.ExportInsertParams{UserID: user, At: s.now(), Via: via, Profile: p.Name,
			Filter: f.Values().Encode(), NewOnly: o.NewOnly})
		if err != nil {
			return err
		}
		res.ID = id
		cw := csv.NewWriter(w)
		if err := cw.Write(p.Columns); err != nil {
			return err
		}
		for after := start; ; {
			page, err := ts.ListCompanies(ctx, f, after, s.batch)
			if err != nil {
				return err
			}
			leads, err := exportBatch(ctx, q, id, p, o.NewOnly, page.Rows)
			if err != nil {
				return err
			}
			for _, l := range leads {
				row := p.Row(l)
				for i, cell := range row {
					row[i] = NeutraliseCell(cell)
				}
				if err := cw.Write(row); err != nil {
					return err
				}
				res.Rows++
			}
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
			if o.Flush != nil {
				o.Flush()
			}
			if page.Next == (Cursor{}) {
				break
			}
			after = page.Next
		}
		if err := q.ExportFinish(ctx, dbsqlc.ExportFinishParams{ID: id, Rows: int32(res.Rows)}); err != nil {
			return err
		}
		if o.BeforeCommit != nil {
			return o.BeforeCommit()
		}
		return nil
	})
	if err != nil {
		return ExportResult{Rows: res.Rows}, fmt.Errorf("crm: export: %w", err) // rolled back: no record
	}
	return res, nil
}

// exportTx runs fn in a transaction with a store and queries on it: the
// export reads its batches on the connection it records them on, so
// concurrent exports never wait for a second connection from the pool.
func (s *Store) exportTx(ctx context.Context, fn func(ts *Store, q *dbsqlc.Queries) error) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after commit
	ts := *s
	ts.db = tx
	if err := fn(&ts, dbsqlc.New(tx)); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// exportBatch records one page's leads in the export, in one statement,
// and returns those to write, in the page's order, with their best
// contacts when the profile needs them: never Do-not-contact, never a lead
// this export already wrote and, with newOnly, never one an earlier export did.
func exportBatch(ctx context.Context, q *dbsqlc.Queries, exportID int64, p ExportProfile, newOnly bool, rows []CompanyRow) ([]ExportLead, error) {
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		// The list's query is shared with the lead list, which shows them;
		// exports drop them here.
		if r.Stage != StageDoNotContact {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	kept, err := q.ExportItemsRecord(ctx, dbsqlc.ExportItemsRecordParams{ExportID: exportID, CompanyIds: ids, NewOnly: newOnly})
	if err != nil {
		return nil, err
	}
	if len(kept) == 0 {
		return nil, nil
	}
	contacts := map[int64]Contact{}
	if p.Contact {
		cs, err := q.ExportBestContacts(ctx, kept)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			contacts[c.CompanyID] = Contact{Name: c.Name, Title: c.Title, Relationship: c.Relationship, Email: c.Email, Phone: c.Phone}
		}
	}
	keep := make(map[int64]bool, len(kept))
	for _, id := range kept {
		keep[id] = true
	}
	out := make([]ExportLead, 0, len(kept))
	for _, r := range rows {
		if keep[r.ID] {
			out = append(out, ExportLead{CompanyRow: r, Contact: contacts[r.ID]})
		}
	}
	return out, nil
}

// ExportCSV exports f in the full profile, recorded as a command-line
// export, and returns the number of rows written.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, f Filter, flush func()) (int, error) {
	res, err := s.Export(ctx, w, f, ExportOptions{Flush: flush})
	return res.Rows, err
}

// ExportRecord is one export as the Exports page lists it.
type ExportRecord struct {
	ID        int64
	At        time.Time
	UserID    int64  // 0: the command line
	UserEmail string // "" for the command line
	Via       string
	Profile   string
	Filter    string // the list's query string
	NewOnly   bool
	Rows      int
}

// ListExports returns the latest limit exports, newest first.
func (s *Store) ListExports(ctx context.Context, limit int) ([]ExportRecord, error) {
	rows, err := s.q().ExportList(ctx, int32(limit))
	if err != nil {
		return nil, fmt.Errorf("crm: list exports: %w", err)
	}
	out := make([]ExportRecord, len(rows))
	for i, r := range rows {
		out[i] = ExportRecord{ID: r.ID, At: r.At, UserID: r.UserID, UserEmail: r.UserEmail, Via: r.Via, Profile: r.Profile,
			Filter: r.Filter, NewOnly: r.NewOnly, Rows: int(r.Rows)}
	}
	return out, nil
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
