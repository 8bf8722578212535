package edgar

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// FormD is what a Form D primary_doc.xml says about an offering.
type FormD struct {
	SchemaVersion  string // "X0707", "X0708"
	SubmissionType string // "D" or "D/A"
	CIK            string // issuer CIK, digits, no leading zeros
	EntityName     string
	Address        Address
	Phone          string
	Jurisdiction   string // jurisdictionOfInc
	EntityType     string // "Corporation", "Limited Liability Company", …
	YearOfInc      YearOfInc

	IndustryGroupType  string // "Other Technology", "Pooled Investment Fund", …
	InvestmentFundType string // "Venture Capital Fund", …; pooled funds only
	RevenueRange       string // or the aggregate net asset value range of a fund

	IsAmendment             bool
	PreviousAccessionNumber string    // amendments only
	DateOfFirstSale         time.Time // zero when yet to occur or not given
	FirstSaleYetToOccur     bool

	TotalOfferingAmount       Amount
	TotalAmountSold           int64
	TotalRemaining            Amount
	MinimumInvestmentAccepted int64
	TotalInvestors            int

	RelatedPersons []RelatedPerson
	SignatureDate  time.Time // of the first signature; zero when absent
}

// Amount is a dollar figure that a Form D may give as "Indefinite".
type Amount struct {
	USD        int64
	Indefinite bool
}

// Address is an issuer's or a related person's address.
type Address struct {
	Street1, Street2, City string
	StateOrCountry         string // EDGAR code: "VA", or "A6" for a foreign country
	StateOrCountryDesc     string // "VIRGINIA"
	Zip                    string
}

// YearOfInc is the issuer's year of incorporation as Form D states it.
type YearOfInc struct {
	OverFiveYears   bool
	WithinFiveYears bool
	Year            int // set when WithinFiveYears
	YetToBeFormed   bool
}

// RelatedPerson is an executive officer, director or promoter.
type RelatedPerson struct {
	FirstName, MiddleName, LastName string
	City, State                     string
	Relationships                   []string // "Executive Officer", "Director", "Promoter"
	Clarification                   string   // e.g. "Chief Executive Officer"; may be empty
}

// Name joins the non-empty name parts with single spaces.
func (p RelatedPerson) Name() string {
	return collapseSpaces(p.FirstName + " " + p.MiddleName + " " + p.LastName)
}

// maxFormDSize bounds a primary_doc.xml; real ones are a few tens of KB.
const maxFormDSize = 8 << 20

var digitsRe = regexp.MustCompile(`^\d+$`)

// ParseFormD parses a Form D primary_doc.xml.
func ParseFormD(r io.Reader) (FormD, error) {
	doc, err := io.ReadAll(io.LimitReader(r, maxFormDSize+1))
	if err != nil {
		return FormD{}, fmt.Errorf("edgar: parse form d: %w", err)
	}
	if len(doc) > maxFormDSize {
		return FormD{}, fmt.Errorf("edgar: parse form d: document over %d bytes", maxFormDSize)
	}
	s, err := decodeSubmission(doc)
	if err != nil {
		return FormD{}, fmt.Errorf("edgar: parse form d: %w", err)
	}
	f, err := fromXML(s)
	if err != nil {
		return FormD{}, fmt.Errorf("edgar: parse form d: %w", err)
	}
	return f, nil
}

// fromXML checks the decoded document and converts it.
func fromXML(s xmlSubmission) (FormD, error) {
	if s.XMLName.Local != "edgarSubmission" {
		return FormD{}, fmt.Errorf("root element is <%s>, want <edgarSubmission>", s.XMLName.Local)
	}
	is := s.Issuer
	f := FormD{
		SchemaVersion:  trim(s.SchemaVersion),
		SubmissionType: trim(s.SubmissionType),
		EntityName:     trim(is.EntityName),
		Address:        addressFrom(is.Address),
		Phone:          trim(is.Phone),
		Jurisdiction:   trim(is.Jurisdiction),
		EntityType:     firstNonEmpty(trim(is.EntityType), trim(is.EntityTypeOther)),
	}
	if f.EntityName == "" {
		return FormD{}, errors.New("missing primaryIssuer/entityName")
	}
	cik, err := parseCIK(is.CIK)
	if err != nil {
		return FormD{}, err
	}
	f.CIK = cik
	if f.YearOfInc, err = yearOfIncFrom(is); err != nil {
		return FormD{}, err
	}
	for _, p := range s.Persons {
		f.RelatedPersons = append(f.RelatedPersons, personFrom(p))
	}
	if err := f.fillOffering(s.Offering); err != nil {
		return FormD{}, err
	}
	return f, nil
}

// fillOffering copies offeringData into f.
func (f *FormD) fillOffering(o xmlOffering) error {
	f.IndustryGroupType = trim(o.IndustryGroupType)
	f.InvestmentFundType = trim(o.InvestmentFundType)
	f.RevenueRange = firstNonEmpty(trim(o.RevenueRange), trim(o.NAVRange))
	f.IsAmendment = isTrue(o.IsAmendment) || f.SubmissionType == "D/A"
	f.PreviousAccessionNumber = trim(o.PreviousAccession)
	f.FirstSaleYetToOccur = isTrue(o.FirstSaleYet)
	var err error
	if f.DateOfFirstSale, err = parseDate("dateOfFirstSale", o.FirstSale); err != nil {
		return err
	}
	if f.TotalOfferingAmount, err = parseAmount("totalOfferingAmount", o.TotalOffering, true); err != nil {
		return err
	}
	if f.TotalRemaining, err = parseAmount("totalRemaining", o.TotalRemaining, true); err != nil {
		return err
	}
	sold, err := parseAmount("totalAmountSold", o.TotalSold, false)
	if err != nil {
		return err
	}
	f.TotalAmountSold = sold.USD
	minInv, err := parseAmount("minimumInvestmentAccepted", o.MinimumInvestment, false)
	if err != nil {
		return err
	}
	f.MinimumInvestmentAccepted = minInv.USD
	investors, err := parseAmount("totalNumberAlreadyInvested", o.Investors, false)
	if err != nil {
		return err
	}
	f.TotalInvestors = int(min(investors.USD, math.MaxInt32))
	if len(o.Signatures) > 0 {
		if f.SignatureDate, err = parseDate("signatureDate", o.Signatures[0].Date); err != nil {
			return err
		}
	}
	return nil
}

// parseCIK checks a CIK and drops its leading zeros.
func parseCIK(raw string) (string, error) {
	s := trim(raw)
	if s == "" {
		return "", errors.New("missing primaryIssuer/cik")
	}
	if !digitsRe.MatchString(s) {
		return "", fmt.Errorf("cik %q is not numeric", s)
	}
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return "", errors.New("cik is zero")
	}
	return s, nil
}

// parseAmount reads a whole-dollar figure; "Indefinite" is accepted only
// when indefiniteOK. Empty means 0. Cents, if any, are dropped.
func parseAmount(field, raw string, indefiniteOK bool) (Amount, error) {
	s := strings.ReplaceAll(trim(raw), ",", "")
	if s == "" {
		return Amount{}, nil
	}
	if strings.EqualFold(s, "Indefinite") {
		if !indefiniteOK {
			return Amount{}, fmt.Errorf("%s: %q not allowed", field, s)
		}
		return Amount{Indefinite: true}, nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if !digitsRe.MatchString(whole) || (frac != "" && !digitsRe.MatchString(frac)) {
		return Amount{}, fmt.Errorf("%s: %q is not a number", field, trim(raw))
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return Amount{}, fmt.Errorf("%s: %w", field, err)
	}
	return Amount{USD: n}, nil
}

// parseDate reads YYYY-MM-DD; empty gives the zero time.
func parseDate(field, raw string) (time.Time, error) {
	s := trim(raw)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %q is not a date", field, s)
	}
	return t, nil
}

// yearOfIncFrom reads the yearOfInc choice.
func yearOfIncFrom(is xmlIssuer) (YearOfInc, error) {
	y := YearOfInc{
		OverFiveYears:   isTrue(is.OverFiveYears),
		WithinFiveYears: isTrue(is.WithinFiveYears),
		YetToBeFormed:   isTrue(is.YetToBeFormed),
	}
	if v := trim(is.YearValue); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 || n > 9999 {
			return YearOfInc{}, fmt.Errorf("yearOfInc: %q is not a year", v)
		}
		y.Year = n
	}
	return y, nil
}

func addressFrom(a xmlAddress) Address {
	return Address{
		Street1:            trim(a.Street1),
		Street2:            trim(a.Street2),
		City:               trim(a.City),
		StateOrCountry:     trim(a.State),
		StateOrCountryDesc: trim(a.StateDesc),
		Zip:                trim(a.ZipCode),
	}
}

func personFrom(p xmlPerson) RelatedPerson {
	rp := RelatedPerson{
		FirstName:     trim(p.FirstName),
		MiddleName:    trim(p.MiddleName),
		LastName:      trim(p.LastName),
		City:          trim(p.Address.City),
		State:         trim(p.Address.State),
		Clarification: trim(p.Clarification),
	}
	for _, r := range p.Relationships {
		if r = trim(r); r != "" {
			rp.Relationships = append(rp.Relationships, r)
		}
	}
	return rp
}

func trim(s string) string { return strings.TrimSpace(s) }

func isTrue(s string) bool {
	s = trim(s)
	return strings.EqualFold(s, "true") || s == "1" || strings.EqualFold(s, "y")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
