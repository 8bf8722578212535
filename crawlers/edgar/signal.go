package edgar

import (
	"fmt"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crawlers/money"
)

// SourceName is the Signal.Source of every EDGAR signal.
const SourceName = "edgar"

// IsPooledFund tells whether the issuer is a pooled investment fund
// (VC, hedge, private equity fund…) rather than an operating company.
func (f FormD) IsPooledFund() bool {
	return strings.EqualFold(f.IndustryGroupType, "Pooled Investment Fund") || f.InvestmentFundType != ""
}

// OriginalAccession is the accession of the offering's first filing: the
// previous accession named by an amendment, else the filing's own.
func (f FormD) OriginalAccession(own string) string {
	if !f.IsAmendment {
		return own
	}
	if prev, ok := NormalizeAccession(f.PreviousAccessionNumber); ok {
		return prev
	}
	return own
}

// FilingIndexURL is the human-readable index page of a filing.
func FilingIndexURL(base string, e IndexEntry) string {
	return fmt.Sprintf("%s/Archives/edgar/data/%s/%s/%s-index.htm",
		strings.TrimRight(base, "/"), e.CIK, strings.ReplaceAll(e.Accession, "-", ""), e.Accession)
}

// PrimaryDocURL is the raw Form D XML of a filing.
func PrimaryDocURL(base string, e IndexEntry) string {
	return fmt.Sprintf("%s/Archives/edgar/data/%s/%s/primary_doc.xml",
		strings.TrimRight(base, "/"), e.CIK, strings.ReplaceAll(e.Accession, "-", ""))
}

// DailyIndexURL is the daily form index of day.
func DailyIndexURL(base string, day time.Time) string {
	q := (int(day.Month())-1)/3 + 1
	return fmt.Sprintf("%s/Archives/edgar/daily-index/%d/QTR%d/form.%s.idx",
		strings.TrimRight(base, "/"), day.Year(), q, day.Format("20060102"))
}

// SignalFor turns a parsed Form D and its index entry into a Signal;
// base is the EDGAR site root, e.g. "https://www.sec.gov".
func SignalFor(f FormD, e IndexEntry, base string) crawlers.Signal {
	orig := f.OriginalAccession(e.Accession)
	aliases := []string{e.Accession}
	if orig != e.Accession {
		aliases = append(aliases, orig)
	}
	occurred := e.DateFiled
	if !f.DateOfFirstSale.IsZero() {
		occurred = f.DateOfFirstSale
	}
	return crawlers.Signal{
		Source:       SourceName,
		SourceItemID: orig,
		Kind:         crawlers.KindFormD,
		Title:        Title(f),
		URL:          FilingIndexURL(base, e),
		OccurredAt:   occurred,
		RevisedAt:    e.DateFiled,
		AmountUSD:    f.TotalAmountSold,
		Aliases:      aliases,
		Company:      companyFor(f),
		Contacts:     contactsFor(f),
		Raw:          rawFor(f, e, base),
	}
}

// Title is the one-line summary, e.g. "Form D: $1.03M sold of $1.51M offering".
func Title(f FormD) string {
	form, suffix := "Form D", ""
	if f.IsAmendment {
		form, suffix = "Form D/A", " (amended)"
	}
	of := "of an indefinite offering"
	if !f.TotalOfferingAmount.Indefinite {
		of = "of " + money.Format(f.TotalOfferingAmount.USD, "USD") + " offering"
	}
	return fmt.Sprintf("%s: %s sold %s%s", form, money.Format(f.TotalAmountSold, "USD"), of, suffix)
}

// companyFor maps the issuer to a crawlers.Company.
func companyFor(f FormD) crawlers.Company {
	a := f.Address
	street := a.Street1
	if a.Street2 != "" {
		street = strings.TrimPrefix(street+", "+a.Street2, ", ")
	}
	c := crawlers.Company{
		Keys:       []string{"cik:" + f.CIK},
		Name:       f.EntityName,
		Phone:      f.Phone,
		Street:     street,
		City:       a.City,
		State:      a.StateOrCountry,
		Zip:        a.Zip,
		Industry:   f.IndustryGroupType,
		EntityType: f.EntityType,
		YearOfInc:  f.YearOfInc.Year,
	}
	if IsUSState(a.StateOrCountry) {
		c.Country = "US"
	}
	return c
}

// contactsFor maps related persons to contacts.
func contactsFor(f FormD) []crawlers.Contact {
	var out []crawlers.Contact
	for _, p := range f.RelatedPersons {
		name := p.Name()
		if name == "" {
			continue
		}
		rel := strings.Join(p.Relationships, ", ")
		out = append(out, crawlers.Contact{
			Name:         name,
			Title:        firstNonEmpty(p.Clarification, rel),
			Relationship: rel,
			City:         p.City,
		})
	}
	return out
}

// rawFor keeps the main parsed fields, JSON-friendly.
func rawFor(f FormD, e IndexEntry, base string) map[string]any {
	raw := map[string]any{
		"accession":          e.Accession,
		"form_type":          e.FormType,
		"submission_type":    f.SubmissionType,
		"schema_version":     f.SchemaVersion,
		"cik":                f.CIK,
		"date_filed":         e.DateFiled.Format(time.DateOnly),
		"offering_amount":    amountRaw(f.TotalOfferingAmount),
		"amount_sold":        f.TotalAmountSold,
		"remaining":          amountRaw(f.TotalRemaining),
		"min_investment":     f.MinimumInvestmentAccepted,
		"investors":          f.TotalInvestors,
		"industry":           f.IndustryGroupType,
		"revenue_range":      f.RevenueRange,
		"jurisdiction":       f.Jurisdiction,
		"first_sale_date":    dateRaw(f),
		"is_amendment":       f.IsAmendment,
		"previous_accession": f.PreviousAccessionNumber,
		"primary_doc_url":    PrimaryDocURL(base, e),
		"filing_index_url":   FilingIndexURL(base, e),
	}
	if f.InvestmentFundType != "" {
		raw["investment_fund_type"] = f.InvestmentFundType
	}
	return raw
}

func amountRaw(a Amount) any {
	if a.Indefinite {
		return "Indefinite"
	}
	return a.USD
}

func dateRaw(f FormD) string {
	switch {
	case !f.DateOfFirstSale.IsZero():
		return f.DateOfFirstSale.Format(time.DateOnly)
	case f.FirstSaleYetToOccur:
		return "yet to occur"
	}
	return ""
}

// usStateCodes lists the EDGAR codes of US states, DC and territories.
const usStateCodes = " AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO" +
	" MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP "

// IsUSState tells whether an EDGAR stateOrCountry code is a US state,
// DC or a US territory.
func IsUSState(code string) bool {
	code = strings.ToUpper(strings.TrimSpace(code))
	return len(code) == 2 && strings.Contains(usStateCodes, " "+code+" ")
}
