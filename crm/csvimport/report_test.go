package csvimport

import (
	"errors"
	"strings"
	"testing"
)

func TestWriteReport(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := WriteReport(&b, cleanFixture(t, "yellowpages_boston.csv")); err != nil {
		t.Fatal(err)
	}
	want := `line,company,field,problem
6,,company_name,company name is missing; the row is not imported
7,Back Bay Bistro,row,row has 10 cells but the header has 11; missing cells are empty
7,Back Bay Bistro,website,"""http://www.facebook.com/backbaybistro"" is not a company website"
7,Back Bay Bistro,phone,"could not read phone number ""555-0100"""
`
	if b.String() != want {
		t.Errorf("report =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteReportDefusesFormulas(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	rows := []Row{{Line: 3, Fields: map[string]string{FieldCompany: "=HYPERLINK(\"x\")"}, Problems: []Problem{{FieldPhone, "bad"}}}}
	if err := WriteReport(&b, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `3,"'=HYPERLINK(""x"")",phone,bad`) {
		t.Errorf("report = %q", b.String())
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportError(t *testing.T) {
	t.Parallel()
	err := WriteReport(failWriter{}, cleanFixture(t, "yellowpages_boston.csv"))
	if err == nil || !strings.HasPrefix(err.Error(), "csvimport: writing report") {
		t.Errorf("err = %v", err)
	}
}
