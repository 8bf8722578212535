package csvimport

import (
	"reflect"
	"strings"
	"testing"
)

func TestKeyOrderAndShape(t *testing.T) {
	t.Parallel()
	rows := cleanFixture(t, "yellowpages_boston.csv")
	want := []string{
		"domain:harborviewpizza.com",
		"import-id:yellowpages.com/boston-ma/mip/harborview-pizza-grill-100001",
		"namecity:harborview pizza grill|boston",
	}
	if got := Key(rows[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("Key = %q, want %q", got, want)
	}
	// No website: source id first. Facebook page is not a domain.
	if got := Key(rows[5]); !reflect.DeepEqual(got, []string{
		"import-id:yellowpages.com/boston-ma/mip/back-bay-bistro-100029", "namecity:back bay bistro|boston"}) {
		t.Errorf("Key = %q", got)
	}
	if got := Key(rows[4]); got != nil {
		t.Errorf("rejected row keys = %q", got)
	}
	if got := Key(cleanFixture(t, "single_column.csv")[0]); !reflect.DeepEqual(got, []string{"namecity:acme widgets|"}) {
		t.Errorf("name-only key = %q", got)
	}
}

func TestKeyStableAcrossReimport(t *testing.T) {
	t.Parallel()
	for _, f := range fixtures {
		a, b := cleanFixture(t, f), cleanFixture(t, f)
		for i := range a {
			if !reflect.DeepEqual(Key(a[i]), Key(b[i])) {
				t.Errorf("%s row %d: keys differ between imports", f, i)
			}
		}
	}
	// The same company spelled the way another export would spell it.
	first := Table{Header: []string{"Organization Name", "Organization Name URL", "Website", "Headquarters Location"},
		Delimiter: ',', RowLines: []int{2},
		Rows: [][]string{{"Quillstone Robotics Ltd", "https://www.crunchbase.com/organization/quillstone-robotics", "http://www.quillstone.co.uk/", "Leicester, Leicester, United Kingdom"}}}
	second := Table{Header: []string{"company", "source id", "domain", "city"}, Delimiter: ';', RowLines: []int{5},
		Rows: [][]string{{"  QUILLSTONE ROBOTICS ", "http://crunchbase.com/organization/quillstone-robotics/", "quillstone.co.uk", " leicester "}}}
	m1, _ := Map(first.Header, "")
	m2, _ := Map(second.Header, "")
	k1, k2 := Key(Clean(first, m1)[0]), Key(Clean(second, m2)[0])
	if !reflect.DeepEqual(k1, k2) || len(k1) != 3 || !strings.HasPrefix(k1[0], "domain:") {
		t.Errorf("keys differ:\n%q\n%q", k1, k2)
	}
}
