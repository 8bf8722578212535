package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/leadgen/leadgen/crm"
)

// The read-only JSON API under /api/v1: authenticated only by a personal
// token (Authorization: Bearer …), never by a session, so it needs no CSRF
// token and a browser's cookies grant nothing here.

// API list pages: the default and the largest.
const (
	apiPageSize = 50
	apiMaxPage  = 200
)

// apiError is every API error's body.
type apiError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"` // the parameter a validation error is about
}

// apiErrors answers the API's errors as JSON, not pages, and keeps its
// answers out of caches.
func (h *handler) apiErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		err := next(c)
		if err == nil {
			return nil
		}
		if c.Response().Committed {
			h.log.Error("api_error_after_response", "path", c.Request().URL.Path, slog.Any("error", err))
			return nil
		}
		status, body := http.StatusInternalServerError, apiError{Error: "something went wrong; it has been logged"}
		var he *echo.HTTPError
		var ve *crm.ValidationError
		switch {
		case errors.Is(err, crm.ErrNotFound):
			status, body.Error = http.StatusNotFound, "not found"
		case errors.As(err, &ve):
			status, body = http.StatusUnprocessableEntity, apiError{Error: ve.Error(), Field: ve.Field}
		case errors.As(err, &he):
			status, body.Error = he.Code, strings.ToLower(http.StatusText(he.Code))
		default:
			h.log.Error("api_error", "method", c.Request().Method, "path", c.Request().URL.Path, slog.Any("error", err))
		}
		return c.JSON(status, body)
	}
}

// requireToken lets through only requests bearing a live API token of an
// active user, as that user; others get 401.
func (h *handler) requireToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		scheme, token, _ := strings.Cut(c.Request().Header.Get(echo.HeaderAuthorization), " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="leadgen"`)
			return c.JSON(http.StatusUnauthorized, apiError{Error: "an API token is required: send Authorization: Bearer <token> (create one on /profile)"})
		}
		u, err := h.store.AuthenticateToken(c.Request().Context(), token)
		if errors.Is(err, crm.ErrBadToken) {
			h.log.Info("api_token_refused", "ip", c.RealIP())
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="leadgen", error="invalid_token"`)
			return c.JSON(http.StatusUnauthorized, apiError{Error: "the API token is invalid or revoked"})
		}
		if err != nil {
			return err
		}
		c.Set(userKey, u)
		return next(c)
	}
}

// apiPart is one explained part of a score.
type apiPart struct {
	Name        string  `json:"name"`
	Points      float64 `json:"points"`
	Reason      string  `json:"reason"`
	EvidenceURL string  `json:"evidence_url"`
}

// apiLead is one lead of the list.
type apiLead struct {
	ID                  int64      `json:"id"`
	Name                string     `json:"name"`
	Domain              string     `json:"domain"`
	Phone               string     `json:"phone"`
	City                string     `json:"city"`
	State               string     `json:"state"`
	Industry            string     `json:"industry"`
	Stage               string     `json:"stage"`
	Score               int        `json:"score"`
	ScoreVersion        string     `json:"score_version"`
	EstimatedProjectUSD int64      `json:"estimated_project_usd"`
	EstimateBasis       string     `json:"estimate_basis"`
	ScoreParts          []apiPart  `json:"score_parts"`
	LastFundingUSD      int64      `json:"last_funding_usd"`
	LastFundingAt       *time.Time `json:"last_funding_at"`
	EvidenceURL         string     `json:"evidence_url"`
	OwnerEmail          string     `json:"owner_email"`
	Tags                []string   `json:"tags"`
	LastActivityAt      *time.Time `json:"last_activity_at"`
	LastContactedAt     *time.Time `json:"last_contacted_at"`
}

// optTime is a time for JSON: null when unknown.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toAPILead(r crm.CompanyRow) apiLead {
	parts := make([]apiPart, len(r.Parts))
	for i, p := range r.Parts {
		parts[i] = apiPart{Name: p.Name, Points: p.Points, Reason: p.Reason, EvidenceURL: p.EvidenceURL}
	}
	tags := r.Tags
	if tags == nil {
		tags = []string{}
	}
	return apiLead{
		ID: r.ID, Name: r.Name, Domain: r.Domain, Phone: r.Phone, City: r.City, State: r.State, Industry: r.Industry,
		Stage: string(r.Stage), Score: r.Score, ScoreVersion: r.ScoreVersion, EstimatedProjectUSD: r.EstimatedProjectUSD,
		EstimateBasis: r.EstimateBasis, ScoreParts: parts, LastFundingUSD: r.LastFundingUSD, LastFundingAt: optTime(r.LastFundingAt),
		EvidenceURL: r.EvidenceURL, OwnerEmail: r.OwnerEmail, Tags: tags,
		LastActivityAt: optTime(r.LastActivityAt), LastContactedAt: optTime(r.LastContactedAt),
	}
}

// apiListLeads is one page of the lead list: the list's filters from the
// query string, `after` the previous page's `next`, `limit` up to 200.
func (h *handler) apiListLeads(c echo.Context) error {
	f, err := crm.ParseFilter(c.QueryParams())
	if err != nil {
		return err
	}
	after, err := crm.ParseCursor(c.QueryParam("after"))
	if err != nil {
		return err
	}
	limit := apiPageSize
	if s := c.QueryParam("limit"); s != "" {
		if limit, err = strconv.Atoi(s); err != nil || limit < 1 || limit > apiMaxPage {
			return &crm.ValidationError{Field: "limit", Message: fmt.Sprintf("must be a whole number from 1 to %d", apiMaxPage)}
		}
	}
	f.Me = currentUser(c).ID // "owner=me"
	page, err := h.store.ListCompanies(c.Request().Context(), f, after, limit)
	if err != nil {
		return err
	}
	out := struct {
		Leads []apiLead `json:"leads"`
		Next  string    `json:"next"` // "" on the last page
	}{Leads: make([]apiLead, len(page.Rows)), Next: page.Next.String()}
	for i, r := range page.Rows {
		out.Leads[i] = toAPILead(r)
	}
	return c.JSON(http.StatusOK, out)
}

type apiSignal struct {
	ID          int64      `json:"id"`
	Source      string     `json:"source"`
	ItemID      string     `json:"item_id"`
	Kind        string     `json:"kind"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	OccurredAt  time.Time  `json:"occurred_at"`
	FirstSeenAt time.Time  `json:"first_seen_at"`
	AmountUSD   int64      `json:"amount_usd"`
	ClosedAt    *time.Time `json:"closed_at"`
}

type apiContact struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Title        string `json:"title"`
	Relationship string `json:"relationship"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	ProfileURL   string `json:"profile_url"`
	City         string `json:"city"`
	Source       string `json:"source"`
}

type apiActivity struct {
	ID         int64  `json:"id"`
	Kind       string `json:"kind"`
	CallResult string `json:"call_result,omitempty"`
	Outcome    string `json:"outcome,omitempty"` // its key, fixed when created
	// OutcomeLabel is the outcome as admins now name it.
	OutcomeLabel string    `json:"outcome_label,omitempty"`
	Note         string    `json:"note,omitempty"`
	StageFrom    string    `json:"stage_from,omitempty"`
	StageTo      string    `json:"stage_to,omitempty"`
	UserEmail    string    `json:"user_email"`
	CreatedAt    time.Time `json:"created_at"`
}

type apiTask struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"`
	Title      string    `json:"title"`
	DueAt      time.Time `json:"due_at"`
	OwnerEmail string    `json:"owner_email"`
}

type apiScorePoint struct {
	At      time.Time `json:"at"`
	Total   int       `json:"total"`
	Version string    `json:"version"`
}

type apiClient struct {
	Marketplaces       []string   `json:"marketplaces"`
	Projects           int        `json:"projects"`
	QualifyingProjects int        `json:"qualifying_projects"`
	Qualifying90d      int        `json:"qualifying_projects_90d"`
	OpenProjects       int        `json:"open_projects"`
	LargestBudgetUSD   int64      `json:"largest_budget_usd"`
	MedianBudgetUSD    int64      `json:"median_budget_usd"`
	HourlyEstimateUSD  int64      `json:"hourly_estimate_usd"`
	TotalSpendUSD      int64      `json:"total_spend_usd"`
	Hires              int        `json:"hires"`
	HireRate           float64    `json:"hire_rate"`
	PaymentVerified    bool       `json:"payment_verified"`
	Reviews            int        `json:"reviews"`
	Country            string     `json:"country"`
	FirstSeenAt        *time.Time `json:"first_seen_at"`
	LastSeenAt         *time.Time `json:"last_seen_at"`
}

// apiCompany is everything the company page shows.
type apiCompany struct {
	apiLead
	Street       string          `json:"street"`
	Zip          string          `json:"zip"`
	Country      string          `json:"country"`
	EntityType   string          `json:"entity_type"`
	YearOfInc    int             `json:"year_of_inc"`
	CreatedAt    time.Time       `json:"created_at"`
	ScoredAt     *time.Time      `json:"scored_at"`
	ScoreHistory []apiScorePoint `json:"score_history"`
	Signals      []apiSignal     `json:"signals"`
	Contacts     []apiContact    `json:"contacts"`
	Timeline     []apiActivity   `json:"timeline"`
	Tasks        []apiTask       `json:"tasks"`
	Client       *apiClient      `json:"client"` // null unless it posted marketplace projects
}

func toAPICompany(co crm.Company) apiCompany {
	out := apiCompany{
		apiLead: toAPILead(co.CompanyRow), Street: co.Street, Zip: co.Zip, Country: co.Country, EntityType: co.EntityType,
		YearOfInc: co.YearOfInc, CreatedAt: co.CreatedAt, ScoredAt: optTime(co.ScoredAt),
		ScoreHistory: make([]apiScorePoint, len(co.ScoreHistory)), Signals: make([]apiSignal, len(co.Signals)),
		Contacts: make([]apiContact, len(co.Contacts)), Timeline: make([]apiActivity, len(co.Timeline)), Tasks: make([]apiTask, len(co.Tasks)),
	}
	for i, p := range co.ScoreHistory {
		out.ScoreHistory[i] = apiScorePoint{At: p.At, Total: p.Total, Version: p.Version}
	}
	for i, s := range co.Signals {
		out.Signals[i] = apiSignal{ID: s.ID, Source: s.Source, ItemID: s.ItemID, Kind: s.Kind, Title: s.Title, URL: s.URL,
			OccurredAt: s.OccurredAt, FirstSeenAt: s.FirstSeenAt, AmountUSD: s.AmountUSD, ClosedAt: optTime(s.ClosedAt)}
	}
	for i, p := range co.Contacts {
		out.Contacts[i] = apiContact{ID: p.ID, Name: p.Name, Title: p.Title, Relationship: p.Relationship, Email: p.Email,
			Phone: p.Phone, ProfileURL: p.ProfileURL, City: p.City, Source: p.Source}
	}
	for i, a := range co.Timeline {
		out.Timeline[i] = apiActivity{ID: a.ID, Kind: string(a.Kind), CallResult: string(a.CallResult), Outcome: a.Outcome, OutcomeLabel: a.OutcomeLabel, Note: a.Note,
			StageFrom: string(a.StageFrom), StageTo: string(a.StageTo), UserEmail: a.UserEmail, CreatedAt: a.CreatedAt}
	}
	for i, t := range co.Tasks {
		out.Tasks[i] = apiTask{ID: t.ID, Kind: string(t.Kind), Title: t.Title, DueAt: t.DueAt, OwnerEmail: t.OwnerEmail}
	}
	if cl := co.Client; cl != nil {
		out.Client = &apiClient{Marketplaces: cl.Marketplaces, Projects: cl.Projects, QualifyingProjects: cl.QualifyingProjects,
			Qualifying90d: cl.Qualifying90d, OpenProjects: cl.OpenProjects, LargestBudgetUSD: cl.LargestBudgetUSD,
			MedianBudgetUSD: cl.MedianBudgetUSD, HourlyEstimateUSD: cl.HourlyEstimateUSD, TotalSpendUSD: cl.TotalSpendUSD,
			Hires: cl.Hires, HireRate: cl.HireRate, PaymentVerified: cl.PaymentVerified, Reviews: cl.Reviews, Country: cl.Country,
			FirstSeenAt: optTime(cl.FirstSeenAt), LastSeenAt: optTime(cl.LastSeenAt)}
	}
	return out
}

// apiGetCompany is one company with its signals, contacts, timeline and
// tasks. A company merged into another redirects to it, as its page does.
func (h *handler) apiGetCompany(c echo.Context) error {
	id, err := companyID(c)
	if err != nil {
		return err
	}
	co, err := h.store.GetCompany(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if co.MergedInto != 0 {
		return c.Redirect(http.StatusTemporaryRedirect, fmt.Sprintf("/api/v1/companies/%d", co.MergedInto))
	}
	return c.JSON(http.StatusOK, toAPICompany(co))
}

// apiExportLeads streams the leads the query's filter selects as CSV, like the
// list's export (profile=, new_only=), recorded as an API export.
func (h *handler) apiExportLeads(c echo.Context) error {
	return h.streamExport(c, crm.ExportViaAPI)
}
