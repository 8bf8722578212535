package crm_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

func TestExportCSV(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 4})
	for i := range 10 {
		sig := formD(fmt.Sprint(5000+i), fmt.Sprintf("0005000-26-00000%d", i), "", int64(200_000*(i+1)), now)
		if i == 0 {
			sig.Company.Name = "=HYPERLINK(\"http://evil\")"
			sig.Company.City = "Boston, \"MA\"\nline"
		}
		mustIngest(t, s, sig)
	}
	var buf bytes.Buffer
	flushes := 0
	n, err := s.ExportCSV(ctx, &buf, crm.Filter{}, func() { flushes++ })
	if err != nil || n != 10 {
		t.Fatalf("export = %d rows, %v", n, err)
	}
	if flushes != 3 {
		t.Errorf("%d flushes for 10 rows in batches of 4, want 3", flushes)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v", err)
	}
	if strings.Join(recs[0], ",") != strings.Join(crm.ExportColumns, ",") || len(recs) != 11 {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	last := recs[10]
	if last[0] != `'=HYPERLINK("http://evil")` {
		t.Errorf("formula cell = %q, want neutralised", last[0])
	}
	if last[3] != "Boston, \"MA\"\nline" {
		t.Errorf("quoted cell = %q", last[3])
	}
	if !strings.Contains(last[7], "Funding +") || !strings.HasPrefix(last[11], "https://www.sec.gov/") || last[10] != "New" {
		t.Errorf("row = %q", last)
	}
	buf.Reset()
	// The filter is the list's: from the score of the $600k raise up.
	list, err := s.ListCompanies(ctx, crm.Filter{}, mustCursor(t, ""), 20)
	if err != nil {
		t.Fatal(err)
	}
	min600k := list.Rows[slices.IndexFunc(list.Rows, func(r crm.CompanyRow) bool { return r.LastFundingUSD == 600_000 })].Score
	if n, _ := s.ExportCSV(ctx, &buf, crm.Filter{MinScore: min600k}, nil); n != 8 {
		t.Errorf("filtered export wrote %d rows, want the 8 raises of $600k and more", n)
	}
}

func TestNeutraliseCell(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1 555": "'+1 555", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"Acme": "Acme", "": "", "a=b": "a=b",
		// Phone numbers are written as they are: nothing but phone
		// characters and at least 7 digits cannot be a formula.
		"+1 (415) 555-0100": "+1 (415) 555-0100", "+1 415 555 0100": "+1 415 555 0100", "+44.20.7946.0958": "+44.20.7946.0958",
		"+14155550100": "+14155550100", "(415) 555-0100": "(415) 555-0100", "415-555-0100": "415-555-0100",
		// Anything else that starts like a formula is still defused.
		"+SUM(A1)": "'+SUM(A1)", "=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0", "-2+3": "'-2+3", "@foo": "'@foo",
		"+123456": "'+123456", "-415 555 0100": "'-415 555 0100", "+1 415 555 0100+1": "'+1 415 555 0100+1",
		"++1 415 555 0100": "'++1 415 555 0100", "+1 415 555 0100\t": "'+1 415 555 0100\t", "+1 415 555 0100 x": "'+1 415 555 0100 x",
		"+1415555010A": "'+1415555010A", "+1 (415) 555-0100=": "'+1 (415) 555-0100=", "+1 415\r555 0100": "'+1 415\r555 0100",
		"\t+1 415 555 0100": "'\t+1 415 555 0100", "=1234567": "'=1234567", "+１４１５５５５０１００": "'+１４１５５５５０１００",
	} {
		if got := crm.NeutraliseCell(in); got != want {
			t.Errorf("NeutraliseCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNeutraliseCellProperties checks the rule on many generated cells
// made of formula and phone characters: a cell is left alone only when it
// cannot start a formula or is nothing but a phone number (a leading +,
// then digits, spaces, - ( ) . with 7 digits or more), and a
// defused cell is the cell behind one quote.
func TestNeutraliseCellProperties(t *testing.T) {
	t.Parallel()
	alphabet := []rune("0123456789 +-().=@\t\r|!'A:;,\"/xé")
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		b := make([]rune, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
			if i < 12 && r.IntN(3) > 0 { // lean towards phone-like cells
				b[i] = []rune("0123456789 +-().")[r.IntN(16)]
			}
		}
		in := string(b)
		got := crm.NeutraliseCell(in)
		formulaStart := in != "" && strings.ContainsRune("=+-@\t\r", b[0])
		switch {
		case !formulaStart && got != in:
			t.Fatalf("NeutraliseCell(%q) = %q, want it unchanged", in, got)
		case formulaStart && isPhoneCell(in) && got != in:
			t.Fatalf("NeutraliseCell(%q) = %q, want the phone number unchanged", in, got)
		case formulaStart && !isPhoneCell(in) && got != "'"+in:
			t.Fatalf("NeutraliseCell(%q) = %q, want it behind a quote", in, got)
		}
	}
}

// isPhoneCell is the test's own statement of a phone-only cell that starts
// like a formula: a +, then digits, spaces, - ( ) . with 7 digits or more.
// (A leading - is not how a number is written: "-415-555-0100" is a sum.)
func isPhoneCell(s string) bool {
	s, ok := strings.CutPrefix(s, "+")
	if !ok {
		return false
	}
	digits := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case strings.ContainsRune(" -().", c):
		default:
			return false
		}
	}
	return digits >= 7
}

func TestExportSignalsCSV(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 2})
	round := news("r1", "Quill Analytics", "quill.ai")
	round.Amount, round.Currency, round.AmountUSD, round.Round = 20_000_000, "EUR", 21_600_000, "Series A"
	round.LeadInvestors = []string{"Balderton", "=cmd|' /C calc'!A0"}
	mustIngest(t, s, round)
	for i := range 3 {
		mustIngest(t, s, formD(fmt.Sprint(8000+i), fmt.Sprintf("0008000-26-00000%d", i), "", 1_000_000, now))
	}
	var buf bytes.Buffer
	n, err := s.ExportSignalsCSV(ctx, &buf, nil)
	if err != nil || n != 4 {
		t.Fatalf("signal export = %d rows, %v", n, err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(crm.SignalExportColumns, ",") || len(recs) != 5 {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	r := recs[1]
	want := []string{"news", "r1", "Quill Analytics", "quill.ai", "funding_round", "20000000", "EUR", "21600000", "Series A"}
	if strings.Join(r[:9], "|") != strings.Join(want, "|") || r[9] != "Balderton; =cmd|' /C calc'!A0" || r[12] != "https://news.example/r1" {
		t.Fatalf("row = %q", r)
	}
	if recs[2][4] != "form_d" || recs[2][7] != "1000000" {
		t.Fatalf("form d row = %q", recs[2])
	}
}

// TestExportLeavesPhoneNumbersAlone exports a lead whose phones start with
// + in every profile: the phones are written as they are (outreach tools
// import a quote as part of the number), while the name, contact and title
// that start like formulas are still defused.
func TestExportLeavesPhoneNumbersAlone(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	sig := formD("9100", "0009100-26-000001", "", 3_000_000, now)
	sig.Company.Name, sig.Company.Phone = "+SUM(A1)", "+1 (415) 555-0100"
	sig.Contacts = []crawlers.Contact{{Name: "@foo Bar", Title: "-2+3", Email: "foo@example.com", Phone: "+44 20 7946 0958"}}
	mustIngest(t, s, sig)
	want := map[string]map[string]string{
		"full":    {"company": "'+SUM(A1)", "phone": "+1 (415) 555-0100"},
		"scored":  {"company": "'+SUM(A1)", "phone": "+1 (415) 555-0100"},
		"generic": {"company": "'+SUM(A1)", "phone": "+44 20 7946 0958", "first_name": "'@foo", "title": "'-2+3"},
	}
	for profile, cells := range want {
		_, rows, _ := exportRows(t, s, crm.Filter{}, crm.ExportOptions{Profile: profile})
		if len(rows) != 1 {
			t.Fatalf("%s export: %d rows, want 1", profile, len(rows))
		}
		for col, v := range cells {
			if rows[0][col] != v {
				t.Errorf("%s export: %s = %q, want %q", profile, col, rows[0][col], v)
			}
		}
	}
}

// exportRows runs an export and reads it back as a header and maps by column.
func exportRows(t *testing.T, s *crm.Store, f crm.Filter, o crm.ExportOptions) ([]string, []map[string]string, crm.ExportResult) {
	t.Helper()
	var buf bytes.Buffer
	res, err := s.Export(context.Background(), &buf, f, o)
	if err != nil {
		t.Fatalf("export %+v: %v", o, err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v", err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, col := range recs[0] {
			m[col] = rec[i]
		}
		out = append(out, m)
	}
	if len(out) != res.Rows {
		t.Fatalf("export says %d rows, wrote %d", res.Rows, len(out))
	}
	return recs[0], out, res
}

// byColumn indexes rows by one column's value.
func byColumn(rows []map[string]string, col string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, r := range rows {
		out[r[col]] = r
	}
	return out
}

func TestExportProfiles(t *testing.T) {
	t.Parallel()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 2})
	acme := news("p1", "Acme Robotics", "acme.io")
	acme.Company.Phone = "617-555-0100"
	acme.Contacts = []crawlers.Contact{
		{Name: "Dr. Grace B. Hopper", Relationship: "Director", Phone: "617-555-0111"}, // first, but no email
		{Name: "Lovelace, Ada", Title: "CTO", Email: "ada@acme.io", Phone: "617-555-0122"},
		{Name: "Charles Babbage", Title: "CEO", Email: "charles@acme.io"},
	}
	acmeID := mustIngest(t, s, acme).CompanyID
	loneContact := news("p2", "Quill Analytics", "quill.ai")
	loneContact.Company.Phone = "617-555-0200"
	loneContact.Contacts = []crawlers.Contact{{Name: "Tomas Ekwueme", Relationship: "Executive Officer"}}
	mustIngest(t, s, loneContact)
	mustIngest(t, s, news("p3", "Nobody Home", "nobody.example"))

	header, rows, _ := exportRows(t, s, crm.Filter{}, crm.ExportOptions{Profile: "generic"})
	if got := strings.Join(header, ","); got != "first_name,last_name,email,company,website,phone,title" {
		t.Fatalf("generic header = %s", got)
	}
	if len(rows) != 3 {
		t.Fatalf("generic export = %d rows, want one per lead", len(rows))
	}
	got := byColumn(rows, "company")
	want := map[string]map[string]string{
		"Acme Robotics": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@acme.io", "website": "https://acme.io",
			"phone": "617-555-0122", "title": "CTO"},
		"Quill Analytics": {"first_name": "Tomas", "last_name": "Ekwueme", "email": "", "website": "https://quill.ai",
			"phone": "617-555-0200", "title": "Executive Officer"},
		"Nobody Home": {"first_name": "", "last_name": "", "email": "", "website": "https://nobody.example", "phone": "", "title": ""},
	}
	for company, cells := range want {
		for col, v := range cells {
			if got[company][col] != v {
				t.Errorf("generic %s %s = %q, want %q (row %q)", company, col, got[company][col], v, got[company])
			}
		}
	}

	header, rows, _ = exportRows(t, s, crm.Filter{}, crm.ExportOptions{Profile: "scored"})
	if got := strings.Join(header, ","); got != "company,website,phone,score,estimated_project_usd,score_reasons,stage,evidence_url" {
		t.Fatalf("scored header = %s", got)
	}
	row := byColumn(rows, "company")["Acme Robotics"]
	if row["website"] != "https://acme.io" || row["phone"] != "617-555-0100" || row["stage"] != "New" ||
		row["score"] == "0" || !strings.Contains(row["score_reasons"], "Funding +") || row["evidence_url"] != "https://news.example/p1" {
		t.Errorf("scored row = %q", row)
	}
	c := mustCompany(t, s, acmeID)
	if row["estimated_project_usd"] != fmt.Sprint(c.EstimatedProjectUSD) {
		t.Errorf("scored estimate = %q, want %d", row["estimated_project_usd"], c.EstimatedProjectUSD)
	}

	header, _, _ = exportRows(t, s, crm.Filter{}, crm.ExportOptions{})
	if strings.Join(header, ",") != strings.Join(crm.ExportColumns, ",") {
		t.Errorf("default profile header = %v, want the full columns", header)
	}
	if _, err := s.Export(context.Background(), &bytes.Buffer{}, crm.Filter{}, crm.ExportOptions{Profile: "mailchimp"}); validationField(err) != "profile" {
		t.Errorf("unknown profile: %v, want a validation error on profile", err)
	}
}

func TestExportGenericNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock})
	evil := news("e1", "+Evil Corp", "")
	evil.Company.Phone = "=1+1"
	evil.Contacts = []crawlers.Contact{{Name: "@SUM(A1) Mallory", Title: "-2+3", Email: "=HYPERLINK(\"http://evil\")"}}
	mustIngest(t, s, evil)
	_, rows, _ := exportRows(t, s, crm.Filter{}, crm.ExportOptions{Profile: "generic"})
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	r := rows[0]
	for col, v := range map[string]string{"first_name": "'@SUM(A1)", "last_name": "Mallory", "email": `'=HYPERLINK("http://evil")`,
		"company": "'+Evil Corp", "phone": "'=1+1", "title": "'-2+3"} {
		if r[col] != v {
			t.Errorf("%s = %q, want %q", col, r[col], v)
		}
	}
}

func TestExportNeverIncludesDoNotContact(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 2})
	var ids []int64
	for i := range 5 {
		ids = append(ids, mustIngest(t, s, formD(fmt.Sprint(6100+i), fmt.Sprint("acc-61-", i), "", int64(1_000_000*(i+1)), now)).CompanyID)
	}
	for _, id := range []int64{ids[1], ids[4]} {
		if err := s.SetStage(ctx, 0, id, crm.StageDoNotContact); err != nil {
			t.Fatal(err)
		}
	}
	for i, p := range crm.ExportProfiles {
		newOnly := i == 0 // the first export: every lead is new
		_, rows, res := exportRows(t, s, crm.Filter{}, crm.ExportOptions{Profile: p.Name, NewOnly: newOnly})
		if res.Rows != 3 {
			t.Errorf("%s (new only %v) exported %d leads, want the 3 that may be contacted", p.Name, newOnly, res.Rows)
		}
		for _, r := range rows {
			if r["stage"] == "Do-not-contact" || r["company"] == "Company 6101" || r["company"] == "Company 6104" {
				t.Errorf("%s exported a do-not-contact lead: %q", p.Name, r)
			}
		}
	}
	if _, _, res := exportRows(t, s, crm.Filter{Stage: crm.StageDoNotContact}, crm.ExportOptions{}); res.Rows != 0 {
		t.Errorf("asking for do-not-contact leads exported %d", res.Rows)
	}
	// The list itself still shows them: only exports leave them out.
	if n := count(t, s, crm.Filter{}); n != 5 {
		t.Errorf("list = %d leads, want all 5", n)
	}
}

func TestExportNewOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 2})
	var ids []int64
	for i := range 5 {
		ids = append(ids, mustIngest(t, s, formD(fmt.Sprint(6200+i), fmt.Sprint("acc-62-", i), "", int64(1_000_000*(i+1)), now)).CompanyID)
	}
	top, err := s.GetCompany(ctx, ids[2]) // the three largest raises score from here
	if err != nil {
		t.Fatal(err)
	}
	// A first export of the top leads, not restricted itself.
	_, first, _ := exportRows(t, s, crm.Filter{MinScore: top.Score}, crm.ExportOptions{Profile: "scored"})
	if len(first) < 3 || len(first) == 5 {
		t.Fatalf("first export = %d rows, want the top leads only", len(first))
	}
	exported := byColumn(first, "company")
	// Only leads not exported before: the rest, and then nothing.
	_, second, _ := exportRows(t, s, crm.Filter{}, crm.ExportOptions{Profile: "scored", NewOnly: true})
	if len(second) != 5-len(first) {
		t.Fatalf("new-only export = %d rows, want %d", len(second), 5-len(first))
	}
	for _, r := range second {
		if exported[r["company"]] != nil {
			t.Errorf("new-only export repeated %s", r["company"])
		}
	}
	if _, _, res := exportRows(t, s, crm.Filter{}, crm.ExportOptions{Profile: "generic", NewOnly: true}); res.Rows != 0 {
		t.Errorf("third new-only export = %d rows, want none left", res.Rows)
	}
	// Without new-only, everything again.
	if _, _, res := exportRows(t, s, crm.Filter{}, crm.ExportOptions{}); res.Rows != 5 {
		t.Errorf("plain export after new-only ones = %d rows, want 5", res.Rows)
	}
	// A new lead is new; one an exported company was merged into is not.
	fresh := mustIngest(t, s, formD("6290", "acc-62-fresh", "", 3_000_000, now)).CompanyID
	winner := mustIngest(t, s, formD("6291", "acc-62-winner", "", 3_000_000, now)).CompanyID
	if _, err := s.MergeCompanies(ctx, 0, winner, ids[0]); err != nil {
		t.Fatal(err)
	}
	_, rows, _ := exportRows(t, s, crm.Filter{}, crm.ExportOptions{NewOnly: true})
	if len(rows) != 1 || rows[0]["company"] != "Company 6290" {
		t.Errorf("new-only after a new lead and a merge = %q, want only the new lead %d", rows, fresh)
	}
}

func TestExportIsRecorded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 2})
	rep := mustUser(t, s, "rep@example.com", crm.RoleSales)
	for i := range 3 {
		mustIngest(t, s, formD(fmt.Sprint(6300+i), fmt.Sprint("acc-63-", i), "", int64(1_000_000*(i+1)), now))
	}
	f := crm.Filter{Query: "Company", Industry: "Other Technology", Sort: crm.SortEstimate}
	_, _, web := exportRows(t, s, f, crm.ExportOptions{Profile: "generic", NewOnly: true, UserID: rep.ID, Via: crm.ExportViaWeb})
	if web.Rows != 3 || web.ID == 0 {
		t.Fatalf("export = %+v", web)
	}
	_, _, cli := exportRows(t, s, crm.Filter{}, crm.ExportOptions{})
	// An export that fails before it is done records nothing, and its leads stay new.
	boom := errors.New("disk full")
	if _, err := s.Export(ctx, &bytes.Buffer{}, crm.Filter{}, crm.ExportOptions{NewOnly: true, BeforeCommit: func() error { return boom }}); !errors.Is(err, boom) {
		t.Fatalf("failed export: %v", err)
	}
	list, err := s.ListExports(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("%d exports recorded, want 2: %+v", len(list), list)
	}
	got := list[1] // newest first; both at the same clock time, so by id
	want := crm.ExportRecord{ID: web.ID, At: now, UserID: rep.ID, UserEmail: "rep@example.com", Via: "web", Profile: "generic",
		Filter: f.Values().Encode(), NewOnly: true, Rows: 3}
	if !got.At.Equal(want.At) || got.ID != want.ID || got.UserID != want.UserID || got.UserEmail != want.UserEmail || got.Via != want.Via ||
		got.Profile != want.Profile || got.Filter != want.Filter || !got.NewOnly || got.Rows != 3 {
		t.Errorf("web export recorded as %+v, want %+v", got, want)
	}
	if got.Filter != "industry=Other+Technology&q=Company&sort=estimate" {
		t.Errorf("recorded filter = %q", got.Filter)
	}
	if c := list[0]; c.ID != cli.ID || c.UserID != 0 || c.UserEmail != "" || c.Via != "cli" || c.Profile != "full" || c.Filter != "" || c.Rows != 3 {
		t.Errorf("command-line export recorded as %+v", c)
	}
}

func TestSplitName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][2]string{
		"Ada Lovelace":            {"Ada", "Lovelace"},
		"  Ada   Lovelace ":       {"Ada", "Lovelace"},
		"Lovelace, Ada":           {"Ada", "Lovelace"},
		"Lovelace, Ada Augusta":   {"Ada", "Augusta Lovelace"},
		"Priya R. Natarajan":      {"Priya", "Natarajan"},
		"Dr. Grace B. Hopper":     {"Grace", "Hopper"},
		"Ms Jane Doe":             {"Jane", "Doe"},
		"Martin Luther King, Jr.": {"Martin", "Luther King"},
		"Jane Doe PhD":            {"Jane", "Doe"},
		"Ludwig van Beethoven":    {"Ludwig", "van Beethoven"},
		"Cher":                    {"Cher", ""},
		"Dr.":                     {"Dr.", ""},
		"J. Smith":                {"J.", "Smith"},
		"":                        {"", ""},
	} {
		first, last := crm.SplitName(in)
		if first != want[0] || last != want[1] {
			t.Errorf("SplitName(%q) = %q, %q, want %q, %q", in, first, last, want[0], want[1])
		}
	}
}

// Two "new only" exports at once never both write a lead.
func TestExportNewOnlyConcurrently(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := crmtest.Store(t, crm.StoreOptions{Now: clock, ExportBatch: 3})
	for i := range 12 {
		mustIngest(t, s, formD(fmt.Sprint(6400+i), fmt.Sprint("acc-64-", i), "", int64(1_000_000*(i+1)), now))
	}
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 4)
	errs := make([]error, len(outs))
	// Each export waits after its first batch for the others to get that
	// far (or for half a second, when they are kept waiting their turn).
	var arrived sync.WaitGroup
	arrived.Add(len(outs))
	all := make(chan struct{})
	go func() { arrived.Wait(); close(all) }()
	for i := range outs {
		var once sync.Once
		flush := func() {
			once.Do(func() {
				arrived.Done()
				select {
				case <-all:
				case <-time.After(500 * time.Millisecond):
				}
			})
		}
		wg.Go(func() {
			_, errs[i] = s.Export(ctx, &outs[i], crm.Filter{}, crm.ExportOptions{NewOnly: true, Flush: flush})
		})
	}
	wg.Wait()
	seen := map[string]int{}
	for i := range outs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		recs, err := csv.NewReader(&outs[i]).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			seen[r[0]]++
		}
	}
	if len(seen) != 12 {
		t.Errorf("%d leads exported in all, want 12", len(seen))
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%s exported %d times by concurrent new-only exports", name, n)
		}
	}
}
