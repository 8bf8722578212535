package crm_test

import (
	"net/url"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/leadgen/leadgen/crm"
)

// FuzzParseFilter reads any query string as the list's filter: it is
// refused with a validation error or read into a filter whose URL reads
// back to the same filter (saved views and shared links rely on it), with
// text PostgreSQL accepts.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"", "min_score=40&max_score=100&kind=client", "q=acme&sort=relevance", "stage=do_not_contact&owner=me",
		"funded_within_days=30&has_phone=1&not_contacted=on", "contacted_after=2026-11-01&contacted_before=2026-11-20",
		"cols=score&cols=phone&cols=score", "tag=hot&industry=Biotechnology&min_estimate=50000", "part=Funding",
		"id=5&id=7", "sort=bogus", "min_score=-1", "q=%00", "q=%ff", "tag=" + string(make([]byte, 70)),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		fl, err := crm.ParseFilter(v)
		if err != nil {
			if _, ok := err.(*crm.ValidationError); !ok {
				t.Fatalf("%q: %v is not a validation error", raw, err)
			}
			return
		}
		for _, s := range []string{fl.Query, fl.Industry, fl.Tag} {
			if !utf8.ValidString(s) {
				t.Fatalf("%q: filter text %q is not UTF-8", raw, s)
			}
		}
		again, err := crm.ParseFilter(fl.Values())
		if err != nil {
			t.Fatalf("%q: its own URL %q is refused: %v", raw, fl.Values().Encode(), err)
		}
		if !reflect.DeepEqual(fl, again) {
			t.Fatalf("%q: URL %q reads back as\n%+v, want\n%+v", raw, fl.Values().Encode(), again, fl)
		}
	})
}
