package edgar

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The xml* types mirror primary_doc.xml (no namespace, schema X0707/X0708);
// every leaf is read as text and checked by ParseFormD.

type xmlSubmission struct {
	XMLName        xml.Name
	SchemaVersion  string      `xml:"schemaVersion"`
	SubmissionType string      `xml:"submissionType"`
	TestOrLive     string      `xml:"testOrLive"`
	Issuer         xmlIssuer   `xml:"primaryIssuer"`
	Persons        []xmlPerson `xml:"relatedPersonsList>relatedPersonInfo"`
	Offering       xmlOffering `xml:"offeringData"`
}

type xmlAddress struct {
	Street1   string `xml:"street1"`
	Street2   string `xml:"street2"`
	City      string `xml:"city"`
	State     string `xml:"stateOrCountry"`
	StateDesc string `xml:"stateOrCountryDescription"`
	ZipCode   string `xml:"zipCode"`
}

type xmlIssuer struct {
	CIK             string     `xml:"cik"`
	EntityName      string     `xml:"entityName"`
	Address         xmlAddress `xml:"issuerAddress"`
	Phone           string     `xml:"issuerPhoneNumber"`
	Jurisdiction    string     `xml:"jurisdictionOfInc"`
	EntityType      string     `xml:"entityType"`
	EntityTypeOther string     `xml:"entityTypeOtherDesc"`
	OverFiveYears   string     `xml:"yearOfInc>overFiveYears"`
	WithinFiveYears string     `xml:"yearOfInc>withinFiveYears"`
	YearValue       string     `xml:"yearOfInc>value"`
	YetToBeFormed   string     `xml:"yearOfInc>yetToBeFormed"`
}

type xmlPerson struct {
	FirstName     string     `xml:"relatedPersonName>firstName"`
	MiddleName    string     `xml:"relatedPersonName>middleName"`
	LastName      string     `xml:"relatedPersonName>lastName"`
	Address       xmlAddress `xml:"relatedPersonAddress"`
	Relationships []string   `xml:"relatedPersonRelationshipList>relationship"`
	Clarification string     `xml:"relationshipClarification"`
}

type xmlOffering struct {
	IndustryGroupType  string         `xml:"industryGroup>industryGroupType"`
	InvestmentFundType string         `xml:"industryGroup>investmentFundInfo>investmentFundType"`
	RevenueRange       string         `xml:"issuerSize>revenueRange"`
	NAVRange           string         `xml:"issuerSize>aggregateNetAssetValueRange"`
	IsAmendment        string         `xml:"typeOfFiling>newOrAmendment>isAmendment"`
	PreviousAccession  string         `xml:"typeOfFiling>newOrAmendment>previousAccessionNumber"`
	FirstSale          string         `xml:"typeOfFiling>dateOfFirstSale>value"`
	FirstSaleYet       string         `xml:"typeOfFiling>dateOfFirstSale>yetToOccur"`
	MinimumInvestment  string         `xml:"minimumInvestmentAccepted"`
	TotalOffering      string         `xml:"offeringSalesAmounts>totalOfferingAmount"`
	TotalSold          string         `xml:"offeringSalesAmounts>totalAmountSold"`
	TotalRemaining     string         `xml:"offeringSalesAmounts>totalRemaining"`
	Investors          string         `xml:"investors>totalNumberAlreadyInvested"`
	Signatures         []xmlSignature `xml:"signatureBlock>signature"`
}

type xmlSignature struct {
	NameOfSigner string `xml:"nameOfSigner"`
	Title        string `xml:"signatureTitle"`
	Date         string `xml:"signatureDate"`
}

// decodeSubmission decodes the first element of doc; it accepts a leading
// BOM or blank lines and an ISO-8859-1, Windows-1252 or US-ASCII prolog.
func decodeSubmission(doc []byte) (xmlSubmission, error) {
	doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf"))
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.CharsetReader = charsetReader
	var s xmlSubmission
	if err := dec.Decode(&s); err != nil {
		return s, fmt.Errorf("not xml: %w", err)
	}
	return s, nil
}

// charsetReader converts the single-byte charsets EDGAR documents declare.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	win := false
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii":
	case "windows-1252", "cp1252", "x-cp1252":
		win = true
	default:
		return nil, fmt.Errorf("unsupported charset %q", label)
	}
	b, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		r := rune(c)
		if win && c >= 0x80 && c < 0xa0 {
			r = cp1252Rune(c)
		}
		out = utf8.AppendRune(out, r)
	}
	return bytes.NewReader(out), nil
}

// cp1252High holds Windows-1252 bytes 0x80–0x9F in order; "·" marks the
// five undefined bytes, which stay as their Latin-1 code points.
const cp1252High = "€·‚ƒ„…†‡ˆ‰Š‹Œ·Ž··‘’“”•–—˜™š›œ·žŸ"

// cp1252Rune maps a Windows-1252 byte in 0x80–0x9F to its rune.
func cp1252Rune(c byte) rune {
	i := 0
	for _, r := range cp1252High {
		if i == int(c-0x80) {
			if r == '·' {
				return rune(c)
			}
			return r
		}
		i++
	}
	return rune(c)
}
