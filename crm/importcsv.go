package crm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm/csvimport"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// ImportPreview is a parsed list before anything is written: the columns
// and what each maps to, and every row cleaned with its problems.
type ImportPreview struct {
	Header   []string
	Profile  string
	Fields   []string // per column: the field it maps to, "" when unassigned
	Sample   []string // the first data row as written, per column
	Rows     []csvimport.Row
	Accepted int // rows that would be imported
	Rejected int // rows that would not, with their problems
	Mapping  csvimport.Mapping
}

// PreviewImport parses a list (CSV, any delimiter, at most limit bytes) with
// a header profile ("" detects it) and the user's column assignments
// (column index → field) on top. A file that is not a usable list is a
// ValidationError on "file"; a mapping without a company-name column is one
// on "mapping", returned with the columns so they can be assigned.
func PreviewImport(content []byte, profile string, assign map[int]string, limit int64) (ImportPreview, error) {
	t, err := csvimport.Detect(bytes.NewReader(content), limit)
	if err != nil {
		return ImportPreview{}, &ValidationError{Field: "file", Message: err.Error()}
	}
	m, _ := csvimport.Map(t.Header, profile)
	cols := make([]int, 0, len(assign))
	for col := range assign {
		cols = append(cols, col)
	}
	slices.Sort(cols)
	for _, col := range cols {
		if m, err = m.With(col, assign[col]); err != nil {
			return ImportPreview{}, &ValidationError{Field: "mapping", Message: err.Error()}
		}
	}
	p := ImportPreview{Header: t.Header, Profile: m.Profile, Mapping: m}
	if len(t.Rows) > 0 {
		p.Sample = t.Rows[0]
	}
	for i := range t.Header {
		p.Fields = append(p.Fields, m.Field(i))
	}
	// Without a company-name column the preview still shows the columns,
	// so the user can assign one.
	if err := m.Err(); err != nil {
		return p, &ValidationError{Field: "mapping", Message: err.Error()}
	}
	p.Rows = csvimport.Clean(t, m)
	for _, r := range p.Rows {
		if r.Rejected() {
			p.Rejected++
		} else {
			p.Accepted++
		}
	}
	return p, nil
}

// ImportRows turns the accepted rows of a preview into rows to store.
func (p ImportPreview) ImportRows() []ImportRow {
	var out []ImportRow
	for _, r := range p.Rows {
		if r.Rejected() {
			continue
		}
		out = append(out, importRow(r))
	}
	return out
}

func importRow(r csvimport.Row) ImportRow {
	f := r.Fields
	keys := csvimport.Key(r)
	row := ImportRow{
		Line: r.Line, Key: keys[0], Fields: f,
		Company: crawlers.Company{
			Keys: keys, Name: f[csvimport.FieldCompany], Domain: r.Domain, Phone: f[csvimport.FieldPhone],
			Street: f[csvimport.FieldStreet], City: f[csvimport.FieldCity], State: f[csvimport.FieldState],
			Zip: f[csvimport.FieldZip], Country: f[csvimport.FieldCountry], Categories: r.Categories,
			Description: f[csvimport.FieldDescription],
		},
		AmountUSD: r.AmountUSD, Amount: r.Amount, Currency: r.Currency, Round: f[csvimport.FieldFundingRound], FundedAt: r.FundingDate,
	}
	if len(r.Categories) > 0 {
		row.Company.Industry = r.Categories[0]
	}
	if n, err := strconv.Atoi(f[csvimport.FieldEmployees]); err == nil {
		row.Company.TeamSize = n
	}
	if name := contactName(f); name != "" {
		row.Contact = &crawlers.Contact{Name: name, Title: f[csvimport.FieldContactTitle], Email: f[csvimport.FieldEmail],
			Phone: f[csvimport.FieldPhone], ProfileURL: f[csvimport.FieldLinkedIn], City: f[csvimport.FieldCity]}
	}
	return row
}

func contactName(f map[string]string) string {
	if n := f[csvimport.FieldContactName]; n != "" {
		return n
	}
	first, last := f[csvimport.FieldFirstName], f[csvimport.FieldLastName]
	if first == "" || last == "" {
		return first + last
	}
	return first + " " + last
}

// ErrNothingToImport reports a list whose every row was rejected.
var ErrNothingToImport = errors.New("no row of the file can be imported")

// checkImportable refuses a preview with nothing to import.
func (p ImportPreview) checkImportable() error {
	if p.Accepted == 0 {
		return &ValidationError{Field: "file", Message: fmt.Sprintf("%s (%d rejected; see the report)", ErrNothingToImport, p.Rejected)}
	}
	return nil
}

// PendingImport is an uploaded list between its upload and its import.
type PendingImport struct {
	ID         int64
	FileName   string
	Content    []byte
	Profile    string
	Assign     map[int]string // the user's column assignments
	ImportedAt time.Time      // zero until imported
	Result     ImportResult
}

// SavePendingImport keeps an uploaded list for its preview and mapping.
func (s *Store) SavePendingImport(ctx context.Context, userID int64, fileName string, content []byte, profile string) (int64, error) {
	id, err := s.q().PendingImportInsert(ctx, dbsqlc.PendingImportInsertParams{
		UserID: user(userID), FileName: fileName, Content: content, Profile: profile, Mapping: []byte("{}")})
	if err != nil {
		return 0, fmt.Errorf("crm: save upload: %w", err)
	}
	return id, nil
}

// GetPendingImport returns an uploaded list.
func (s *Store) GetPendingImport(ctx context.Context, id int64) (PendingImport, error) {
	r, err := s.q().PendingImportGet(ctx, id)
	if err != nil {
		return PendingImport{}, fmt.Errorf("crm: get upload %d: %w", id, notFound(err))
	}
	p := PendingImport{ID: r.ID, FileName: r.FileName, Content: r.Content, Profile: r.Profile, ImportedAt: tsTime(r.ImportedAt)}
	var assign map[string]string
	if err := json.Unmarshal(r.Mapping, &assign); err != nil {
		return p, fmt.Errorf("crm: decode mapping of upload %d: %w", id, err)
	}
	p.Assign = map[int]string{}
	for k, v := range assign {
		if col, err := strconv.Atoi(k); err == nil {
			p.Assign[col] = v
		}
	}
	if len(r.Result) > 0 {
		if err := json.Unmarshal(r.Result, &p.Result); err != nil {
			return p, fmt.Errorf("crm: decode result of upload %d: %w", id, err)
		}
	}
	return p, nil
}

// SetImportMapping records the user's column assignments for an upload.
func (s *Store) SetImportMapping(ctx context.Context, id int64, assign map[int]string) error {
	b, err := json.Marshal(assign)
	if err != nil {
		return fmt.Errorf("crm: encode mapping: %w", err)
	}
	if err := s.q().PendingImportSetMapping(ctx, dbsqlc.PendingImportSetMappingParams{ID: id, Mapping: b}); err != nil {
		return fmt.Errorf("crm: save mapping of upload %d: %w", id, err)
	}
	return nil
}

// ImportPending imports an uploaded list's accepted rows in one
// transaction and records the result on the upload.
func (s *Store) ImportPending(ctx context.Context, u User, id int64, limit int64) (ImportResult, error) {
	p, err := s.GetPendingImport(ctx, id)
	if err != nil {
		return ImportResult{}, err
	}
	if !p.ImportedAt.IsZero() {
		return p.Result, nil // a second click imports nothing twice
	}
	prev, err := PreviewImport(p.Content, p.Profile, p.Assign, limit)
	if err != nil {
		return ImportResult{}, err
	}
	if err := prev.checkImportable(); err != nil {
		return ImportResult{}, err
	}
	res, err := s.Import(ctx, u.Email, p.FileName, prev.ImportRows())
	if err != nil {
		return ImportResult{}, err
	}
	b, _ := json.Marshal(res) // a struct of ints always encodes
	if err := s.q().PendingImportDone(ctx, dbsqlc.PendingImportDoneParams{ID: id, Result: b}); err != nil {
		return res, fmt.Errorf("crm: record import %d: %w", id, err)
	}
	_, err = s.RescoreAll(ctx)
	return res, err
}
