// Package crawlers holds what every source crawler shares: the Signal a
// source yields, the Sink it yields it to, and polite HTTP fetching.
package crawlers

import (
	"context"
	"time"
)

// Kind names what a signal is evidence of.
type Kind string

// Signal kinds known so far.
const (
	// KindFormD is an SEC Form D offering (a private raise).
	KindFormD Kind = "form_d"
	// KindFunding is a reported funding round (news, Crunchbase).
	KindFunding Kind = "funding_round"
	// KindHiring is a job post or hiring thread entry.
	KindHiring Kind = "hiring"
	// KindYCBatch is membership of a Y Combinator batch.
	KindYCBatch Kind = "yc_batch"
	// KindProject is a project a client posted on a freelance marketplace.
	KindProject Kind = "project"
	// KindListing is an entry in a directory or listing page (generic web source).
	KindListing Kind = "listing"
	// KindImported is a row of a list the user imported (a cold-call list).
	KindImported Kind = "imported"
)

// Signal is one piece of evidence about a company from one source.
// Re-crawling the same item yields the same (Source, SourceItemID), so
// ingest can upsert it in place.
type Signal struct {
	Source       string // source name, e.g. "edgar"
	SourceItemID string // stable id of the item within the source (the original accession number for Form D)
	Kind         Kind
	Title        string    // one line a salesperson reads, e.g. "Form D: $1.0M sold of $1.5M"
	URL          string    // evidence URL a person can open
	OccurredAt   time.Time // when the event happened (date of first sale, filing date…)
	RevisedAt    time.Time // when the source last changed the item (filing date of the latest amendment); newer revisions win
	AmountUSD    int64     // money involved in US dollars, 0 when unknown
	Amount       int64     // money in the source's own currency, 0 when unknown
	Currency     string    // ISO 4217 code of Amount, e.g. "EUR"; "" when unknown
	Round        string    // funding round: "Pre-seed", "Seed", "Series A", "Debt", "Grant", "Undisclosed"…
	// LeadInvestors are the investors who led the round, as named by the source.
	LeadInvestors []string
	// Closed marks an item that is no longer open (a job filled, withdrawn
	// or expired); the signal stays as evidence.
	Closed bool
	// Aliases are other ids the source uses for this same item (accession
	// numbers of amendments), so a later amendment naming any of them finds it.
	Aliases  []string
	Company  Company
	Contacts []Contact
	Raw      map[string]any // source fields kept as they came, stored as JSON
}

// Company is what a source says about the organisation behind a signal.
type Company struct {
	// Keys identify the company across crawls, most specific first, e.g.
	// "cik:1171623" or "domain:example.com".
	Keys   []string
	Name   string
	Domain string // website or domain as the source gives it; crm normalises it
	// Description is a one-line pitch (YC one-liner, Crunchbase short description).
	Description string
	Categories  []string // industries or tags as the source names them
	TeamSize    int      // employees, 0 when unknown
	Phone       string
	Street      string
	City        string
	State       string
	Zip         string
	Country     string
	Industry    string
	EntityType  string
	YearOfInc   int
}

// Contact is a person at the company named by the source.
type Contact struct {
	Name         string
	Title        string
	Relationship string
	Email        string
	Phone        string
	ProfileURL   string
	City         string
}

// Sink receives what a crawl finds. Implementations must be safe to call
// again with the same signal (a re-run or a duplicate fetch).
type Sink interface {
	// Signal stores one signal; an error stops nothing but is recorded.
	Signal(ctx context.Context, s Signal) error
	// Page counts one fetched page.
	Page(url string)
	// Error records a failed fetch or parse with the URL and the reason.
	Error(url string, err error)
}

// Cursor is what a source remembers between runs: where the next run
// starts, and for feeds the conditional-GET validators of each URL, so an
// unchanged feed costs one 304.
type Cursor struct {
	Watermark  time.Time            `json:"watermark"`
	Validators map[string]Validator `json:"validators,omitempty"`
	// Tokens are credentials a source refreshed during a run (OAuth access
	// and refresh tokens), newer than the configured ones.
	Tokens map[string]string `json:"tokens,omitempty"`
}

// Validator holds a URL's conditional-GET validators.
type Validator struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}
