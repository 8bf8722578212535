package csvimport

import "errors"

// Sentinel errors Detect wraps with details; test them with errors.Is.
var (
	// ErrTooLarge means the upload is bigger than the caller's limit.
	ErrTooLarge = errors.New("csvimport: file too large")
	// ErrEmpty means the file has no content at all.
	ErrEmpty = errors.New("csvimport: file is empty")
	// ErrHeaderOnly means the file has a header line but no data rows.
	ErrHeaderOnly = errors.New("csvimport: file has a header but no data rows")
	// ErrNotCSV means the content is not delimited text (binary, HTML, prose).
	ErrNotCSV = errors.New("csvimport: file is not a CSV")
	// ErrMalformed means the CSV reader gave up on the quoting.
	ErrMalformed = errors.New("csvimport: malformed CSV")
	// ErrBadColumn means a mapping edit named a column that does not exist.
	ErrBadColumn = errors.New("csvimport: no such column")
	// ErrUnknownField means a mapping edit named a field the importer does not know.
	ErrUnknownField = errors.New("csvimport: unknown field")
	// ErrNoCompanyColumn means no column is mapped to the required company name.
	ErrNoCompanyColumn = errors.New("csvimport: no column is mapped to the company name")
)
