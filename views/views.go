// Package views renders leadgen's pages with templ. View models are shaped
// like the screens; handlers fill them from crm and render.
package views

import (
	"embed"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/csvimport"
	"github.com/leadgen/leadgen/scoring"
)

// Assets are the static files served under /assets/ (htmx is vendored here: no CDN).
//
//go:embed assets
var Assets embed.FS

// Chrome is what every signed-in page needs around its content.
type Chrome struct {
	Title       string
	User        crm.User
	CSRF        string
	ReviewCount int64 // pairs waiting in the review queue
}

// ImportUploadPage starts an import.
type ImportUploadPage struct {
	Chrome
	Error string
}

// ImportPreviewPage shows an uploaded list before (and after) its import.
type ImportPreviewPage struct {
	Chrome
	ID       int64
	FileName string
	Preview  crm.ImportPreview
	Done     bool
	Result   crm.ImportResult
	Error    string
}

// previewRows is what the preview lists: the first rows, then every rejected one.
func previewRows(p crm.ImportPreview) []csvimport.Row {
	var out []csvimport.Row
	for i, r := range p.Rows {
		if i < 20 || r.Rejected() {
			out = append(out, r)
		}
	}
	return out
}

func firstValue(p crm.ImportPreview, col int) string {
	if col >= len(p.Sample) {
		return ""
	}
	return p.Sample[col]
}

func problems(r csvimport.Row) string {
	var out []string
	for _, pr := range r.Problems {
		out = append(out, pr.Field+": "+pr.Message)
	}
	return strings.Join(out, "; ")
}

// ReviewPage is the possible-duplicates queue.
type ReviewPage struct {
	Chrome
	Pairs  []crm.DuplicatePair
	Merges []crm.Merge
}

// CrawlRunsPage lists recent runs.
type CrawlRunsPage struct {
	Chrome
	Runs []crm.CrawlRun
}

// CrawlRunPage is one run with its errors.
type CrawlRunPage struct {
	Chrome
	Run    crm.CrawlRun
	Errors []crm.CrawlError
}

// LeadsPage is the lead list.
type LeadsPage struct {
	Chrome
	Filter      crm.Filter
	View        crm.View // the saved view shown, zero for none
	Views       []crm.View
	DefaultView int64
	Tags        []crm.TagCount
	Users       []crm.User // owners a bulk action may assign
	Flash       string
	Industries  []string
	Rows        []crm.CompanyRow
	NextURL     string // empty on the last page
	Note        string // why the rows are not in the order asked for
	ExportURL   string
	Error       string
}

// ScoringPage is the admin page that tunes the score's weights.
type ScoringPage struct {
	Chrome
	Model        string // scoring model version
	Version      int    // current weights version
	Fields       []scoring.Field
	Values       map[string]string // what the form shows, as typed
	BadKey       string            // the field an error is about
	Error        string
	Saved        string
	Preview      []crm.PreviewRow
	PreviewError string
	History      []crm.WeightsVersion
	Job          crm.RescoreJob
	HasJob       bool
}

// CompanyPage is one company.
type CompanyPage struct {
	Chrome
	Company      crm.Company
	Users        []crm.User // who the lead may be assigned to
	EditError    string     // a rejected owner, tag or field edit
	ContactForm  crm.ContactInput
	ContactError string
	Timeline     string // the timeline's type filter: "", "call", "note", "stage_change", "crawl", "merge"
	Form         ActivityForm
	Outcomes     []crm.Outcome // what the call form offers
}

func taskKindLabel(k crm.TaskKind) string {
	switch k {
	case crm.TaskCall:
		return "Call"
	case crm.TaskEmail:
		return "Email"
	case crm.TaskMeeting:
		return "Meeting"
	}
	return "Other"
}

// ActivityForm is the timeline's forms with what the user typed and what was wrong.
type ActivityForm struct {
	Note       string
	NoteKind   crm.ActivityKind // note, email or meeting
	CallResult crm.CallResult
	Outcome    string
	CallNote   string
	NextDue    string // the follow-up date as typed
	NextKind   crm.TaskKind
	Error      string
	ErrorField string // the form field the error is about
}

// QueuePage is call mode: one lead at a time from a list.
type QueuePage struct {
	Chrome
	Queue    crm.Queue
	Company  crm.Company // zero when the queue is done
	Done     bool
	Form     ActivityForm
	ListURL  string        // the list the queue calls through
	Outcomes []crm.Outcome // what the call form offers; keys 1–9 pick them
}

// LoginPage is the sign-in form.
type LoginPage struct {
	CSRF  string
	Email string
	Next  string
	Error string
}

// ErrorPage is shown for an error a handler could not deal with itself.
type ErrorPage struct {
	Chrome
	Status  int
	Message string
}

// httpURL returns u as a safe link target when it is an absolute http(s)
// URL, and false otherwise: scraped links of any other scheme are shown as text.
func httpURL(u string) (templ.SafeURL, bool) {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", false
	}
	return templ.SafeURL(p.String()), true
}

// telURL is a tel: link for a phone number, keeping only dialable characters.
func telURL(phone string) templ.SafeURL {
	var b strings.Builder
	for _, r := range phone {
		if (r >= '0' && r <= '9') || r == '+' {
			b.WriteRune(r)
		}
	}
	return templ.SafeURL("tel:" + b.String())
}

func companyURL(id int64) templ.SafeURL { return templ.SafeURL(fmt.Sprintf("/companies/%d", id)) }

func companyAction(id int64, what string) templ.SafeURL {
	return templ.SafeURL(fmt.Sprintf("/companies/%d/%s", id, what))
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func dateTime(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

func money(usd int64) string {
	if usd <= 0 {
		return ""
	}
	return scoring.Money(usd)
}

func points(p float64) string { return fmt.Sprintf("+%g", p) }

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

func place(city, state string) string {
	switch {
	case city == "":
		return state
	case state == "":
		return city
	}
	return city + ", " + state
}

func htmxHeaders(csrf string) string { return fmt.Sprintf(`{"X-CSRF-Token": %q}`, csrf) }

// htmxConfig lets htmx swap 422 responses, which carry the form with its errors.
const htmxConfig = `{"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"422","swap":true},{"code":"[45]..","swap":false,"error":true}]}`

func contactTitle(c crm.Contact) string {
	t := c.Title
	if t == "" {
		t = c.Relationship
	}
	if t == "" {
		return ""
	}
	return " — " + t
}

func activityTitle(a crm.Activity) string {
	switch a.Kind {
	case crm.ActivityCall:
		s := "Call: " + a.CallResult.Label()
		if a.OutcomeLabel != "" {
			s += " → " + a.OutcomeLabel
		} else if a.Outcome != "" {
			s += " → " + a.Outcome
		}
		return s
	case crm.ActivityStageChange:
		return "Stage: " + a.StageFrom.Label() + " → " + a.StageTo.Label()
	case crm.ActivityCrawl:
		return "Crawl"
	case crm.ActivityMerge:
		return "Merge"
	case crm.ActivityEmail:
		return "Email"
	case crm.ActivityMeeting:
		return "Meeting"
	}
	return "Note"
}

// lastNotes are the newest timeline entries people wrote with a note
// (notes, calls, emails, meetings, stage changes), not the crawler's or a
// merge's: what a caller reads before dialling.
func lastNotes(items []crm.Activity, n int) []crm.Activity {
	var out []crm.Activity
	for _, a := range items {
		if a.Note != "" && a.Kind != crm.ActivityCrawl && a.Kind != crm.ActivityMerge {
			out = append(out, a)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// BulkConfirmPage asks before a bulk action.
type BulkConfirmPage struct {
	Chrome
	Question string
	Verb     string
	Fields   [][2]string // the form to post again, with confirm=1
	BackURL  string
}

// filterQuery is the filter as a query string, without the selection.
func filterQuery(f crm.Filter) string {
	f.IDs = nil
	return f.Values().Encode()
}

func showsColumn(f crm.Filter, key string) bool {
	for _, c := range f.ShowColumns() {
		if c == key {
			return true
		}
	}
	return false
}

func columnLabel(key string) string {
	for _, c := range crm.Columns {
		if c.Key == key {
			return c.Label
		}
	}
	return key
}

func columnClass(key string) string {
	switch key {
	case "score", "estimate", "funding":
		return "num"
	}
	return ""
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func contactSource(src string) string {
	switch src {
	case "manual":
		return "added by hand"
	case "":
		return "unknown source"
	}
	return "from " + src
}

func changeText(ch crm.Change) string {
	switch {
	case ch.Old == "":
		return ch.New
	case ch.New == "":
		return ch.Old + " → (none)"
	}
	return ch.Old + " → " + ch.New
}

// timelineKinds are the timeline's type filters: query value, label.
var timelineKinds = [][2]string{{"", "Everything"}, {"call", "Calls"}, {"note", "Notes"}, {"email", "Emails"}, {"meeting", "Meetings"}, {"stage_change", "Stage changes"},
	{"crawl", "Crawl events"}, {"merge", "Merges"}}

func loggedKindLabel(k crm.ActivityKind) string {
	switch k {
	case crm.ActivityEmail:
		return "Email sent"
	case crm.ActivityMeeting:
		return "Meeting held"
	}
	return "Note"
}

// shortcut is a field's keyboard shortcut when keys are on, else none.
func shortcut(keys bool, key string) string {
	if keys {
		return key
	}
	return ""
}

// keysHint names the digit keys that pick one of n choices ("keys 1–6").
func keysHint(n int) string {
	switch n {
	case 0:
		return "no keys"
	case 1:
		return "key 1"
	}
	return fmt.Sprintf("keys 1–%d", n)
}

// endingOutcomes lists the outcomes that end the pursuit, by label, for
// the hint that they need no follow-up.
func endingOutcomes(outcomes []crm.Outcome) string {
	var out []string
	for _, o := range outcomes {
		if o.Terminal {
			out = append(out, o.Label)
		}
	}
	return strings.Join(out, ", ")
}
