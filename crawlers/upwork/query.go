package upwork

import "encoding/json"

// searchQuery is the job search as public client code sends it (SOURCES.md
// §5): newest first, cursor paging through the filter's pagination_eq.
const searchQuery = `query($filter: MarketplaceJobPostingsSearchFilter) {
  marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter, searchType: USER_JOBS_SEARCH,
                               sortAttributes: [{ field: RECENCY }]) {
    totalCount
    edges { node {
      id title description ciphertext createdDateTime publishedDateTime
      duration durationLabel engagement experienceLevel totalApplicants
      amount { rawValue currency displayValue }
      hourlyBudgetType hourlyBudgetMin { rawValue } hourlyBudgetMax { rawValue }
      skills { name prettyName }
      client { totalHires totalPostedJobs totalSpent { rawValue currency displayValue }
               verificationStatus totalReviews totalFeedback location { country } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`

// graphQLRequest is the POST body of a GraphQL call.
type graphQLRequest struct {
	Query     string          `json:"query"`
	Variables searchVariables `json:"variables"`
}

type searchVariables struct {
	Filter searchFilter `json:"filter"`
}

// searchFilter is a MarketplaceJobPostingsSearchFilter. daysPosted_eq is
// left out: the watermark stop does its work without betting on its type.
type searchFilter struct {
	SearchExpression string     `json:"searchExpression_eq,omitempty"`
	Pagination       pagination `json:"pagination_eq"`
}

type pagination struct {
	First int    `json:"first"`
	After string `json:"after,omitempty"`
}

// searchBody is the JSON body of one search page.
func searchBody(query string, first int, after string) ([]byte, error) {
	return json.Marshal(graphQLRequest{
		Query: searchQuery,
		Variables: searchVariables{Filter: searchFilter{
			SearchExpression: query,
			Pagination:       pagination{First: first, After: after},
		}},
	})
}
