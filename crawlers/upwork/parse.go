package upwork

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Money is an amount as the API gives it: {rawValue, currency, displayValue}.
type Money struct {
	Value    float64 // rawValue, a decimal string in the API ("500.0"); 0 when absent
	Currency string  // ISO 4217 code, upper case; "" when not given
	Display  string  // displayValue as given
}

// Client is what a job post says about the client who posted it. The
// search exposes no client id or company name (SOURCES.md §5).
type Client struct {
	TotalHires         int
	TotalPostedJobs    int
	TotalSpent         Money
	VerificationStatus string  // "VERIFIED" means payment verified
	TotalReviews       int     // reviews the client received
	TotalFeedback      float64 // average rating, 0–5
	Country            string  // location.country, e.g. "United States"
}

// Job is one marketplaceJobPostingsSearch node.
type Job struct {
	ID               string
	Title            string
	Description      string
	Ciphertext       string // "~01…", the id in the public job URL
	Created          time.Time
	Published        time.Time
	Duration         string // enum, e.g. "QUARTER"
	DurationLabel    string // e.g. "1 to 3 months"
	Engagement       string // e.g. "30+ hrs/week"
	ExperienceLevel  string // e.g. "EXPERT"
	TotalApplicants  int
	Amount           Money // fixed price; zero for hourly jobs
	HourlyBudgetType string
	HourlyMin        float64 // USD per hour; 0 when not given
	HourlyMax        float64
	Skills           []string // prettyName, else name
	Client           Client
}

// Posted is when the job was published, else created.
func (j Job) Posted() time.Time {
	if !j.Published.IsZero() {
		return j.Published
	}
	return j.Created
}

// SearchPage is one parsed marketplaceJobPostingsSearch response.
type SearchPage struct {
	TotalCount  int
	Edges       int   // edges on the page, unreadable ones included
	Jobs        []Job // readable jobs, in page order
	Bad         []NodeError
	HasNextPage bool
	EndCursor   string
}

// NodeError is a job node that could not be read; the rest of the page
// still counts.
type NodeError struct {
	N      int    // 1-based position on the page
	ID     string // "" when the node had none
	Reason string
}

// Error implements error.
func (e NodeError) Error() string {
	return fmt.Sprintf("upwork: job node %d (%s): %s", e.N, e.ID, e.Reason)
}

// GraphQLError carries the errors[] messages of a response: the query was
// refused (a missing scope, a changed schema), which paging cannot fix.
type GraphQLError struct {
	Messages []string
}

// Error implements error.
func (e *GraphQLError) Error() string {
	return "upwork: graphql: " + strings.Join(e.Messages, "; ")
}

// maxResponseSize bounds a response; a 100-job page is well under 1 MB.
const maxResponseSize = 16 << 20

// ParseSearch parses a marketplaceJobPostingsSearch response. It fails when
// the body is not the documented shape or carries GraphQL errors (a
// *GraphQLError, wrapped); a node that cannot be read is listed in Bad.
func ParseSearch(r io.Reader) (SearchPage, error) {
	pg, err := parseSearch(r)
	if err != nil {
		return SearchPage{}, fmt.Errorf("upwork: parse search: %w", err)
	}
	return pg, nil
}

func parseSearch(r io.Reader) (SearchPage, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxResponseSize+1))
	if err != nil {
		return SearchPage{}, err
	}
	if len(b) > maxResponseSize {
		return SearchPage{}, fmt.Errorf("response over %d bytes", maxResponseSize)
	}
	var top struct {
		Data *struct {
			Search *struct {
				TotalCount flexNum            `json:"totalCount"`
				Edges      *[]json.RawMessage `json:"edges"`
				PageInfo   struct {
					HasNextPage bool    `json:"hasNextPage"`
					EndCursor   *string `json:"endCursor"`
				} `json:"pageInfo"`
			} `json:"marketplaceJobPostingsSearch"`
		} `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := decodeObject(b, &top); err != nil {
		return SearchPage{}, err
	}
	if len(top.Errors) > 0 {
		ge := &GraphQLError{}
		for _, e := range top.Errors {
			ge.Messages = append(ge.Messages, clean(e.Message))
		}
		return SearchPage{}, ge
	}
	if top.Data == nil || top.Data.Search == nil || top.Data.Search.Edges == nil {
		return SearchPage{}, errors.New("no data.marketplaceJobPostingsSearch.edges")
	}
	s := top.Data.Search
	pg := SearchPage{TotalCount: s.TotalCount.int(), Edges: len(*s.Edges), HasNextPage: s.PageInfo.HasNextPage}
	if s.PageInfo.EndCursor != nil {
		pg.EndCursor = clean(*s.PageInfo.EndCursor)
	}
	for i, raw := range *s.Edges {
		j, err := parseEdge(raw)
		if err != nil {
			pg.Bad = append(pg.Bad, NodeError{N: i + 1, ID: j.ID, Reason: err.Error()})
			continue
		}
		pg.Jobs = append(pg.Jobs, j)
	}
	return pg, nil
}

// decodeObject decodes one JSON object with nothing after it.
func decodeObject(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}
