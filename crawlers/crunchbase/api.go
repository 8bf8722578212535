package crunchbase

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// Identifier is Crunchbase's reference to an entity:
// {uuid, value, permalink, entity_def_id, image_id}.
type Identifier struct {
	UUID         string
	Value        string // display name, e.g. "Series A - Pento" or "Point Nine"
	Permalink    string // URL slug, e.g. "point-nine-capital"
	EntityDefID  string // "organization", "funding_round", "category", "location"…
	ImageID      string
	LocationType string // locations only: "city", "region", "country", "continent"
}

// Money is an amount as Crunchbase gives it: {value, currency, value_usd}.
type Money struct {
	Value    int64  // whole units of Currency; 0 when unknown
	Currency string // ISO 4217, e.g. "EUR"
	ValueUSD int64  // Crunchbase's conversion; 0 when not given
}

// FundingRound is one funding_rounds search result.
type FundingRound struct {
	UUID               string
	Identifier         Identifier // Value reads like "Series A - Pento"
	AnnouncedOn        time.Time  // UTC midnight
	InvestmentType     string     // "seed", "series_a", "debt_financing"…
	MoneyRaised        Money
	LeadInvestors      []Identifier
	FundedOrganization Identifier
	Properties         map[string]any // every property as sent (numbers as json.Number)
}

// SearchPage is one parsed page of POST /searches/funding_rounds.
type SearchPage struct {
	Count    int            // matches of the whole query, as the API reports it
	Entities int            // entities on this page, unreadable ones included
	LastUUID string         // uuid of the page's last entity: the next page's after_id
	Rounds   []FundingRound // readable rounds, in page order
	Bad      []EntityError  // entities that could not be read
}

// EntityError is a search result that could not be read; the rest of the
// page still counts.
type EntityError struct {
	N      int    // 1-based position on the page
	UUID   string // "" when the entity had none
	Reason string
}

// Error implements error.
func (e EntityError) Error() string {
	return fmt.Sprintf("crunchbase: entity %d (%s): %s", e.N, e.UUID, e.Reason)
}

// Organization is what GET /entities/organizations/{id} says about a
// funded organization.
type Organization struct {
	Identifier       Identifier
	Website          string       // website_url as given
	ShortDescription string       // one line
	Categories       []string     // category names, e.g. "Artificial Intelligence (AI)"
	Locations        []Identifier // city, region, country, continent
}

// maxResponseSize bounds an API response; a 1000-round page is a few MB.
const maxResponseSize = 16 << 20

// readBody reads a response body within maxResponseSize.
func readBody(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxResponseSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxResponseSize {
		return nil, fmt.Errorf("response over %d bytes", maxResponseSize)
	}
	return b, nil
}

// decodeObject decodes one JSON object, numbers kept exact, nothing after it.
func decodeObject(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}

// ParseSearchPage parses a funding_rounds search response. The whole page
// fails only when it is not the documented shape; an entity that cannot
// be read is listed in Bad.
func ParseSearchPage(r io.Reader) (SearchPage, error) {
	b, err := readBody(r)
	if err != nil {
		return SearchPage{}, fmt.Errorf("crunchbase: parse search page: %w", err)
	}
	var top struct {
		Count    json.Number        `json:"count"`
		Entities *[]json.RawMessage `json:"entities"`
	}
	if err := decodeObject(b, &top); err != nil {
		return SearchPage{}, fmt.Errorf("crunchbase: parse search page: %w", err)
	}
	if top.Entities == nil {
		return SearchPage{}, errors.New("crunchbase: parse search page: no entities array")
	}
	count, err := toInt(top.Count)
	if err != nil {
		return SearchPage{}, fmt.Errorf("crunchbase: parse search page: count: %w", err)
	}
	pg := SearchPage{Count: int(min(count, 1<<31-1)), Entities: len(*top.Entities)}
	for i, raw := range *top.Entities {
		fr, uuid, err := parseRound(raw)
		pg.LastUUID = uuid
		if err != nil {
			pg.Bad = append(pg.Bad, EntityError{N: i + 1, UUID: uuid, Reason: err.Error()})
			continue
		}
		pg.Rounds = append(pg.Rounds, fr)
	}
	return pg, nil
}

// parseRound reads one entity; uuid is returned even when the rest fails,
// so paging can go on past a bad entity.
func parseRound(raw json.RawMessage) (fr FundingRound, uuid string, err error) {
	var ent struct {
		UUID       any            `json:"uuid"`
		Properties map[string]any `json:"properties"`
	}
	if err := decodeObject(raw, &ent); err != nil {
		return FundingRound{}, "", fmt.Errorf("not an entity object: %w", err)
	}
	p := ent.Properties
	uuid, _ = ent.UUID.(string)
	uuid = clean(uuid)
	id, err := identifier(p["identifier"])
	if err != nil {
		return FundingRound{}, uuid, fmt.Errorf("identifier: %w", err)
	}
	if uuid == "" {
		uuid = id.UUID
	}
	if uuid == "" {
		return FundingRound{}, "", errors.New("no uuid")
	}
	fr, err = roundFrom(p)
	fr.UUID, fr.Identifier = uuid, id
	return fr, uuid, err
}

// roundFrom reads the typed fields of a round's properties.
func roundFrom(p map[string]any) (FundingRound, error) {
	var fr FundingRound
	var err error
	if fr.AnnouncedOn, err = dateField(p, "announced_on"); err != nil {
		return fr, err
	}
	if fr.AnnouncedOn.IsZero() {
		return fr, errors.New("no announced_on")
	}
	if fr.InvestmentType, err = stringField(p, "investment_type"); err != nil {
		return fr, err
	}
	if fr.MoneyRaised, err = money(p["money_raised"]); err != nil {
		return fr, fmt.Errorf("money_raised: %w", err)
	}
	if fr.LeadInvestors, err = identifiers(p["lead_investor_identifiers"]); err != nil {
		return fr, fmt.Errorf("lead_investor_identifiers: %w", err)
	}
	if fr.FundedOrganization, err = identifier(p["funded_organization_identifier"]); err != nil {
		return fr, fmt.Errorf("funded_organization_identifier: %w", err)
	}
	if fr.FundedOrganization.UUID == "" || fr.FundedOrganization.Value == "" {
		return fr, errors.New("no funded organization uuid and name")
	}
	fr.Properties = cleanMap(p)
	return fr, nil
}

// ParseOrganization parses an organization entity response
// {"properties": {…}, "cards": {…}}.
func ParseOrganization(r io.Reader) (Organization, error) {
	b, err := readBody(r)
	if err != nil {
		return Organization{}, fmt.Errorf("crunchbase: parse organization: %w", err)
	}
	var ent struct {
		Properties map[string]any `json:"properties"`
	}
	if err := decodeObject(b, &ent); err != nil {
		return Organization{}, fmt.Errorf("crunchbase: parse organization: %w", err)
	}
	if ent.Properties == nil {
		return Organization{}, errors.New("crunchbase: parse organization: no properties")
	}
	o, err := organizationFrom(ent.Properties)
	if err != nil {
		return Organization{}, fmt.Errorf("crunchbase: parse organization: %w", err)
	}
	return o, nil
}

// organizationFrom reads the organization fields the crawl asks for.
func organizationFrom(p map[string]any) (Organization, error) {
	var o Organization
	var err error
	if o.Identifier, err = identifier(p["identifier"]); err != nil {
		return o, fmt.Errorf("identifier: %w", err)
	}
	if o.Website, err = stringField(p, "website_url"); err != nil {
		return o, err
	}
	if o.Website == "" {
		// The same site as a link object {"value": url} in some responses.
		w, err := identifier(p["website"])
		if err != nil {
			return o, fmt.Errorf("website: %w", err)
		}
		o.Website = w.Value
	}
	if o.ShortDescription, err = stringField(p, "short_description"); err != nil {
		return o, err
	}
	cats, err := identifiers(p["categories"])
	if err != nil {
		return o, fmt.Errorf("categories: %w", err)
	}
	for _, c := range cats {
		if c.Value != "" {
			o.Categories = append(o.Categories, c.Value)
		}
	}
	if o.Locations, err = identifiers(p["location_identifiers"]); err != nil {
		return o, fmt.Errorf("location_identifiers: %w", err)
	}
	return o, nil
}
