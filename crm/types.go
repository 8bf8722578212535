package crm

import (
	"slices"
	"time"

	"github.com/leadgen/leadgen/scoring"
)

// Stage is where a company stands in the sales pipeline.
type Stage string

// Pipeline stages, in order.
const (
	StageNew          Stage = "new"
	StageContacted    Stage = "contacted"
	StageMeeting      Stage = "meeting"
	StageProposal     Stage = "proposal"
	StageWon          Stage = "won"
	StageLost         Stage = "lost"
	StageDoNotContact Stage = "do_not_contact"
)

// Stages lists every stage in pipeline order.
var Stages = []Stage{StageNew, StageContacted, StageMeeting, StageProposal, StageWon, StageLost, StageDoNotContact}

// Label is the stage as the UI names it.
func (s Stage) Label() string {
	switch s {
	case StageDoNotContact:
		return "Do-not-contact"
	case "":
		return ""
	default:
		return string(s[0]-'a'+'A') + string(s[1:])
	}
}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { return slices.Contains(Stages, s) }

// CallResult is what happened when the salesperson dialled.
type CallResult string

// Call results.
const (
	CallConnected   CallResult = "connected"
	CallNoAnswer    CallResult = "no_answer"
	CallBusy        CallResult = "busy"
	CallVoicemail   CallResult = "voicemail"
	CallGatekeeper  CallResult = "gatekeeper"
	CallWrongNumber CallResult = "wrong_number"
	CallBadNumber   CallResult = "bad_number"
)

// CallResults lists every call result in the order the UI offers them
// (and the keys 1–7 of call mode pick them).
var CallResults = []CallResult{CallConnected, CallNoAnswer, CallBusy, CallVoicemail, CallGatekeeper, CallWrongNumber, CallBadNumber}

// Label is the call result as the UI names it.
func (r CallResult) Label() string {
	switch r {
	case CallConnected:
		return "Connected"
	case CallNoAnswer:
		return "No answer"
	case CallBusy:
		return "Busy"
	case CallVoicemail:
		return "Left voicemail"
	case CallGatekeeper:
		return "Gatekeeper"
	case CallWrongNumber:
		return "Wrong number"
	case CallBadNumber:
		return "Bad number"
	}
	return string(r)
}

// Role is what a user may do.
type Role string

// Roles.
const (
	RoleAdmin Role = "admin"
	RoleSales Role = "sales"
)

// User is a person who signs in.
type User struct {
	ID     int64
	Email  string
	Role   Role
	Active bool
}

// CompanyRow is one line of the lead list.
type CompanyRow struct {
	ID             int64
	Name           string
	Domain         string
	Phone          string
	City           string
	State          string
	Industry       string
	Stage          Stage
	Score          int
	Parts          []scoring.Part
	LastFundingUSD int64
	LastFundingAt  time.Time // zero when unknown
	EvidenceURL    string
	// EstimatedProjectUSD is what the lead might spend with an agency next
	// quarter; EstimateBasis says how that was estimated.
	EstimatedProjectUSD int64
	EstimateBasis       string
	ScoreVersion        string // model and weights the score was computed with, "v1/w3"
	OwnerID             int64  // 0: unassigned
	OwnerEmail          string
	Tags                []string
	CreatedAt           time.Time
	LastActivityAt      time.Time // zero: never worked
	LastContactedAt     time.Time // zero: never called
}

// Company is one company with everything the company page shows.
type Company struct {
	CompanyRow
	Street     string
	Zip        string
	Country    string
	EntityType string
	YearOfInc  int
	MergedInto int64 // the company this one was merged into; 0 while live
	ScoredAt   time.Time
	// PointsIn30Days is each score part's points 30 days from now, when no
	// new evidence comes: how the time-bound parts decay.
	PointsIn30Days map[string]float64
	// ScoreHistory is the total over time, oldest first (a point whenever
	// it changed).
	ScoreHistory []ScorePoint
	Signals      []Signal
	Client       *ClientProfile // nil unless the company posted marketplace projects
	Contacts     []Contact
	Timeline     []Activity
	Tasks        []Task   // open next steps, soonest first
	Changes      []Change // audit history, newest first
}

// ScorePoint is a company's total at one time.
type ScorePoint struct {
	At      time.Time
	Total   int
	Version string
}

// Signal is one stored piece of evidence.
type Signal struct {
	ID          int64
	Source      string
	ItemID      string
	Kind        string
	Title       string
	URL         string
	OccurredAt  time.Time
	FirstSeenAt time.Time
	AmountUSD   int64
	ClosedAt    time.Time // zero while open (marketplace projects)
}

// Contact is a person at a company.
type Contact struct {
	ID           int64
	Name         string
	Title        string
	Relationship string
	Email        string
	Phone        string
	ProfileURL   string
	City         string
	Source       string
}

// ActivityKind names an entry on a company's timeline.
type ActivityKind string

// Activity kinds.
const (
	ActivityNote        ActivityKind = "note"
	ActivityEmail       ActivityKind = "email"   // an email logged by hand
	ActivityMeeting     ActivityKind = "meeting" // a meeting logged by hand
	ActivityCall        ActivityKind = "call"
	ActivityStageChange ActivityKind = "stage_change"
	ActivityCrawl       ActivityKind = "crawl"
	ActivityMerge       ActivityKind = "merge"
)

// Activity is an entry on a company's timeline.
type Activity struct {
	ID         int64
	Kind       ActivityKind
	CallResult CallResult
	Outcome    string // the outcome's name (its key)
	// OutcomeLabel is the outcome as admins now name it (the name when
	// the outcome is unknown).
	OutcomeLabel string
	Note         string
	StageFrom    Stage
	StageTo      Stage
	UserEmail    string
	CreatedAt    time.Time
}
