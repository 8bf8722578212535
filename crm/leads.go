package crm

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/leadgen/leadgen/crm/normalize"
	"github.com/leadgen/leadgen/sql/dbsqlc"
)

// maxBulk bounds how many companies one bulk action changes.
const maxBulk = 50_000

// BulkKind is what a bulk action does.
type BulkKind string

// Bulk actions on selected (or all matching) leads.
const (
	BulkAssign    BulkKind = "assign"     // give to an owner (0: unassign)
	BulkStage     BulkKind = "stage"      // move to a stage
	BulkAddTag    BulkKind = "add_tag"    // put a tag on
	BulkRemoveTag BulkKind = "remove_tag" // take a tag off
)

// BulkAction is one action on many leads.
type BulkAction struct {
	Kind   BulkKind
	Owner  int64  // BulkAssign: the new owner, 0 to unassign
	Stage  Stage  // BulkStage
	Reason string // BulkStage: why (required for Do-not-contact)
	Tag    string // BulkAddTag, BulkRemoveTag
}

func (a *BulkAction) check() error {
	switch a.Kind {
	case BulkAssign:
	case BulkStage:
		if !a.Stage.Valid() {
			return &ValidationError{Field: "stage", Message: fmt.Sprintf("%q is not a stage", a.Stage)}
		}
		a.Reason = strings.TrimSpace(a.Reason)
		if err := RequireReason(a.Stage, a.Reason); err != nil {
			return err
		}
		return checkNote(a.Reason)
	case BulkAddTag, BulkRemoveTag:
		tag, err := cleanTag(a.Tag)
		a.Tag = tag
		return err
	default:
		return &ValidationError{Field: "action", Message: "choose an action"}
	}
	return nil
}

// cleanTag trims a tag and checks it is one a person would type.
func cleanTag(tag string) (string, error) {
	tag = strings.Join(strings.Fields(tag), " ")
	if tag == "" {
		return "", &ValidationError{Field: "tag", Message: "is empty"}
	}
	if utf8.RuneCountInString(tag) > 60 || !utf8.ValidString(tag) {
		return "", &ValidationError{Field: "tag", Message: "must be text of at most 60 characters"}
	}
	return tag, nil
}

// MatchingIDs lists the ids of every company f selects, in list order, up
// to maxBulk (a larger selection is refused rather than cut short).
func (s *Store) MatchingIDs(ctx context.Context, f Filter) ([]int64, error) {
	ms, _, err := s.matching(ctx, f, start, maxBulk+1, nil)
	if err != nil {
		return nil, fmt.Errorf("crm: select leads: %w", err)
	}
	if len(ms) > maxBulk {
		return nil, &ValidationError{Field: "selection", Message: fmt.Sprintf("more than %d leads match; narrow the filter", maxBulk)}
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids, nil
}

// Bulk applies a to the companies ids as one set-based statement, recorded
// in each company's history, and rescores them when the stage changed. It
// returns how many companies it changed.
func (s *Store) Bulk(ctx context.Context, userID int64, ids []int64, a BulkAction) (int, error) {
	if err := a.check(); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, &ValidationError{Field: "selection", Message: "select at least one lead"}
	}
	if len(ids) > maxBulk {
		return 0, &ValidationError{Field: "selection", Message: fmt.Sprintf("at most %d leads at once", maxBulk)}
	}
	var changed []int64
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		var err error
		switch a.Kind {
		case BulkAssign:
			changed, err = q.BulkAssignOwner(ctx, dbsqlc.BulkAssignOwnerParams{Ids: ids, OwnerID: user(a.Owner), UserID: user(userID)})
		case BulkAddTag:
			changed, err = q.BulkAddTag(ctx, dbsqlc.BulkAddTagParams{Ids: ids, Tag: a.Tag, UserID: user(userID)})
		case BulkRemoveTag:
			changed, err = q.BulkRemoveTag(ctx, dbsqlc.BulkRemoveTagParams{Ids: ids, Tag: a.Tag, UserID: user(userID)})
		case BulkStage:
			changed, err = q.BulkSetStage(ctx, dbsqlc.BulkSetStageParams{Ids: ids, Stage: string(a.Stage), Note: a.Reason, UserID: user(userID)})
			if err == nil {
				for chunk := range slices.Chunk(changed, rescoreBatch) {
					if err = s.rescore(ctx, q, chunk); err != nil {
						break
					}
				}
			}
		}
		if err != nil {
			return fmt.Errorf("crm: bulk %s: %w", a.Kind, err)
		}
		return nil
	})
	return len(changed), err
}

// Change is one entry of a company's audit history.
type Change struct {
	Field     string
	Old, New  string
	UserEmail string
	At        time.Time
}

// Changes lists a company's field changes, newest first.
func (s *Store) Changes(ctx context.Context, companyID int64) ([]Change, error) {
	rows, err := s.q().ChangesByCompany(ctx, dbsqlc.ChangesByCompanyParams{CompanyID: companyID, Lim: 200})
	if err != nil {
		return nil, fmt.Errorf("crm: history of %d: %w", companyID, err)
	}
	out := make([]Change, len(rows))
	for i, r := range rows {
		out[i] = Change{Field: r.Field, Old: r.OldValue, New: r.NewValue, UserEmail: r.UserEmail, At: r.CreatedAt}
	}
	return out, nil
}

// Tags lists the tags in use with how many companies carry each.
func (s *Store) Tags(ctx context.Context) ([]TagCount, error) {
	rows, err := s.q().TagsInUse(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: tags: %w", err)
	}
	out := make([]TagCount, len(rows))
	for i, r := range rows {
		out[i] = TagCount{Tag: r.Tag, Companies: int(r.Companies)}
	}
	return out, nil
}

// TagCount is a tag and how many companies carry it.
type TagCount struct {
	Tag       string
	Companies int
}

// CompanyEdit is what a person may correct on a company.
type CompanyEdit struct {
	Name, Domain, Phone string
}

// EditCompany corrects a company's name, website or phone, recording each
// change in its history.
func (s *Store) EditCompany(ctx context.Context, userID, companyID int64, e CompanyEdit) error {
	e.Name = strings.TrimSpace(e.Name)
	e.Phone = strings.TrimSpace(e.Phone)
	if e.Name == "" || utf8.RuneCountInString(e.Name) > 300 {
		return &ValidationError{Field: "name", Message: "must be 1 to 300 characters"}
	}
	if utf8.RuneCountInString(e.Phone) > 40 {
		return &ValidationError{Field: "phone", Message: "is longer than 40 characters"}
	}
	domain := normalize.Domain(e.Domain)
	if strings.TrimSpace(e.Domain) != "" && domain == "" {
		return &ValidationError{Field: "domain", Message: fmt.Sprintf("%q is not a website", e.Domain)}
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		old, err := q.CompanyFieldsGet(ctx, companyID)
		if err != nil {
			return fmt.Errorf("crm: edit %d: %w", companyID, notFound(err))
		}
		err = q.CompanyFieldsSet(ctx, dbsqlc.CompanyFieldsSetParams{ID: companyID, Name: e.Name, NameNorm: normalize.Name(e.Name), Domain: domain, Phone: e.Phone})
		if err != nil {
			return fmt.Errorf("crm: edit %d: %w", companyID, err)
		}
		if domain != "" && domain != old.Domain {
			if err := q.CompanyKeyInsert(ctx, dbsqlc.CompanyKeyInsertParams{Key: "domain:" + domain, CompanyID: companyID}); err != nil {
				return fmt.Errorf("crm: edit %d: %w", companyID, err)
			}
		}
		for _, ch := range [][3]string{{"name", old.Name, e.Name}, {"website", old.Domain, domain}, {"phone", old.Phone, e.Phone}} {
			if ch[1] == ch[2] {
				continue
			}
			if err := q.ChangeInsert(ctx, dbsqlc.ChangeInsertParams{CompanyID: companyID, UserID: user(userID), Field: ch[0], OldValue: ch[1], NewValue: ch[2]}); err != nil {
				return fmt.Errorf("crm: record change of %d: %w", companyID, err)
			}
		}
		return nil
	})
}

// ContactInput is a contact as a form gives it.
type ContactInput struct {
	Name, Title, Email, Phone, ProfileURL string
}

func (c *ContactInput) check() error {
	c.Name, c.Title, c.Email = strings.TrimSpace(c.Name), strings.TrimSpace(c.Title), strings.TrimSpace(c.Email)
	c.Phone, c.ProfileURL = strings.TrimSpace(c.Phone), strings.TrimSpace(c.ProfileURL)
	if c.Name == "" || utf8.RuneCountInString(c.Name) > 200 {
		return &ValidationError{Field: "contact_name", Message: "must be 1 to 200 characters"}
	}
	if utf8.RuneCountInString(c.Title) > 200 || utf8.RuneCountInString(c.Phone) > 40 {
		return &ValidationError{Field: "contact_title", Message: "title or phone is too long"}
	}
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			return &ValidationError{Field: "contact_email", Message: fmt.Sprintf("%q is not an email address", c.Email)}
		}
	}
	if c.ProfileURL != "" {
		u, err := url.Parse(c.ProfileURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &ValidationError{Field: "contact_profile_url", Message: "must be an http(s) address"}
		}
	}
	return nil
}

// AddContact adds a person at the company, recorded in its history.
func (s *Store) AddContact(ctx context.Context, userID, companyID int64, c ContactInput) (int64, error) {
	if err := c.check(); err != nil {
		return 0, err
	}
	var id int64
	err := s.InTx(ctx, func(q *dbsqlc.Queries) error {
		if _, err := q.CompanyStageGet(ctx, companyID); err != nil {
			return fmt.Errorf("crm: add contact to %d: %w", companyID, notFound(err))
		}
		var err error
		id, err = q.ContactInsertManual(ctx, dbsqlc.ContactInsertManualParams{CompanyID: companyID, Name: c.Name, Title: c.Title,
			Email: c.Email, Phone: c.Phone, ProfileUrl: c.ProfileURL})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" {
			return &ValidationError{Field: "contact_name", Message: "this company already has a contact of that name"}
		}
		if err != nil {
			return fmt.Errorf("crm: add contact to %d: %w", companyID, err)
		}
		return q.ChangeInsert(ctx, dbsqlc.ChangeInsertParams{CompanyID: companyID, UserID: user(userID), Field: "contacts", NewValue: "+" + c.Name})
	})
	return id, err
}

// EditContact corrects a contact, recording each changed field.
func (s *Store) EditContact(ctx context.Context, userID, companyID, contactID int64, c ContactInput) error {
	if err := c.check(); err != nil {
		return err
	}
	return s.InTx(ctx, func(q *dbsqlc.Queries) error {
		old, err := q.ContactGetForUpdate(ctx, dbsqlc.ContactGetForUpdateParams{ID: contactID, CompanyID: companyID})
		if err != nil {
			return fmt.Errorf("crm: contact %d: %w", contactID, notFound(err))
		}
		err = q.ContactUpdate(ctx, dbsqlc.ContactUpdateParams{ID: contactID, Name: c.Name, Title: c.Title, Email: c.Email, Phone: c.Phone, ProfileUrl: c.ProfileURL})
		if err != nil {
			return fmt.Errorf("crm: contact %d: %w", contactID, err)
		}
		for _, ch := range [][3]string{{"name", old.Name, c.Name}, {"title", old.Title, c.Title}, {"email", old.Email, c.Email},
			{"phone", old.Phone, c.Phone}, {"profile", old.ProfileUrl, c.ProfileURL}} {
			if ch[1] == ch[2] {
				continue
			}
			err := q.ChangeInsert(ctx, dbsqlc.ChangeInsertParams{CompanyID: companyID, UserID: user(userID),
				Field: "contact " + c.Name + ": " + ch[0], OldValue: ch[1], NewValue: ch[2]})
			if err != nil {
				return fmt.Errorf("crm: record change of %d: %w", companyID, err)
			}
		}
		return nil
	})
}

// View is a saved list: a name for a filter, sort and columns.
type View struct {
	ID         int64
	Name       string
	Query      string // the list's query string
	Shared     bool
	OwnerEmail string
	Mine       bool
}

// URL is the list the view shows.
func (v View) URL() string { return "/leads?view=" + fmt.Sprint(v.ID) + "&" + v.Query }

// SaveView saves the list's filter as a named view (replacing the user's
// view of that name).
func (s *Store) SaveView(ctx context.Context, userID int64, name string, f Filter, shared bool) (int64, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 80 {
		return 0, &ValidationError{Field: "view_name", Message: "must be 1 to 80 characters"}
	}
	f.Me = 0
	id, err := s.q().ViewSave(ctx, dbsqlc.ViewSaveParams{UserID: userID, Name: name, Query: f.Values().Encode(), Shared: shared})
	if err != nil {
		return 0, fmt.Errorf("crm: save view: %w", err)
	}
	return id, nil
}

// Views lists the user's views and those shared with the team.
func (s *Store) Views(ctx context.Context, userID int64) ([]View, error) {
	rows, err := s.q().ViewsVisible(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("crm: views: %w", err)
	}
	out := make([]View, len(rows))
	for i, r := range rows {
		out[i] = View{ID: r.ID, Name: r.Name, Query: r.Query, Shared: r.Shared, OwnerEmail: r.OwnerEmail, Mine: r.UserID == userID}
	}
	return out, nil
}

// GetView returns a view the user may use (theirs or shared).
func (s *Store) GetView(ctx context.Context, userID, id int64) (View, Filter, error) {
	r, err := s.q().ViewGet(ctx, dbsqlc.ViewGetParams{ID: id, UserID: userID})
	if err != nil {
		return View{}, Filter{}, fmt.Errorf("crm: view %d: %w", id, notFound(err))
	}
	v := View{ID: r.ID, Name: r.Name, Query: r.Query, Shared: r.Shared, Mine: r.UserID == userID}
	vals, err := url.ParseQuery(r.Query)
	if err != nil {
		return v, Filter{}, fmt.Errorf("crm: view %d: %w", id, err)
	}
	f, err := ParseFilter(vals)
	return v, f, err
}

// DeleteView deletes one of the user's own views.
func (s *Store) DeleteView(ctx context.Context, userID, id int64) error {
	n, err := s.q().ViewDelete(ctx, dbsqlc.ViewDeleteParams{ID: id, UserID: userID})
	if err != nil {
		return fmt.Errorf("crm: delete view %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("crm: delete view %d: %w", id, ErrNotFound)
	}
	return nil
}

// SetDefaultView makes a view the user's default list (0: none).
func (s *Store) SetDefaultView(ctx context.Context, userID, viewID int64) error {
	if viewID != 0 {
		if _, _, err := s.GetView(ctx, userID, viewID); err != nil {
			return err
		}
	}
	if err := s.q().UserDefaultViewSet(ctx, dbsqlc.UserDefaultViewSetParams{ID: userID, ViewID: user(viewID)}); err != nil {
		return fmt.Errorf("crm: default view: %w", err)
	}
	return nil
}

// DefaultView is the user's default view id, 0 when none.
func (s *Store) DefaultView(ctx context.Context, userID int64) (int64, error) {
	id, err := s.q().UserDefaultView(ctx, userID)
	if errors.Is(notFound(err), ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("crm: default view: %w", err)
	}
	return id, nil
}

// countCap is where a view's live count stops counting.
const countCap = 1000

// CountMatching counts the companies f selects, up to countCap; more
// reports countCap and true.
func (s *Store) CountMatching(ctx context.Context, f Filter) (int, bool, error) {
	sh, err := s.shape(ctx, f, nil)
	if err != nil {
		return 0, false, fmt.Errorf("crm: count leads: %w", err)
	}
	sql, args := s.matchSQL(f, start, countCap+1, sh)
	var n int
	if err := s.db.QueryRow(ctx, "SELECT count(*) FROM ("+sql+") m", args...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("crm: count leads: %w", err)
	}
	if n > countCap {
		return countCap, true, nil
	}
	return n, false, nil
}
