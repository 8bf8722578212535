package hn

import (
	"fmt"
	"strings"

	"github.com/leadgen/leadgen/crawlers"
)

// titleRoles is how many roles a signal title lists before "+N more".
const titleRoles = 3

// SignalFor turns a job post into a hiring signal. The company is keyed
// by the posting HN account, the one identity a thread gives; the
// website goes in Domain for the CRM to match and normalise.
func SignalFor(p Post) crawlers.Signal {
	roles := p.Roles
	if roles == nil {
		roles = []string{}
	}
	return crawlers.Signal{
		Source:       SourceName,
		SourceItemID: p.ID,
		Kind:         crawlers.KindHiring,
		Title:        Title(p),
		URL:          ItemURL(p.ID),
		OccurredAt:   p.PostedAt,
		Company:      crawlers.Company{Keys: []string{"hn:" + p.Author}, Name: p.Company, Domain: p.Website},
		Raw: map[string]any{
			"roles": roles, "location": p.Location, "remote": p.Remote, "engineering": p.Engineering,
			"thread_id": p.ThreadID, "author": p.Author, "text": p.Text, "apply_url": p.ApplyURL,
			"salary": p.Salary, "employment_type": p.Type, "yc_batch": p.YCBatch,
		},
	}
}

// Title is the line a salesperson reads, e.g.
// "Hiring: Senior Backend Engineer, ML Engineer (Remote)".
func Title(p Post) string {
	what := "roles not stated"
	if n := len(p.Roles); n > 0 {
		what = strings.Join(p.Roles[:min(n, titleRoles)], ", ")
		if n > titleRoles {
			what += fmt.Sprintf(" +%d more", n-titleRoles)
		}
	}
	where := p.Location
	if p.Remote != "" {
		where = modeTitle(p.Remote)
	}
	if where != "" {
		return truncate(fmt.Sprintf("Hiring: %s (%s)", what, where), 200)
	}
	return truncate("Hiring: "+what, 200)
}

// modeTitle capitalises each mode: "remote/onsite" → "Remote/Onsite".
func modeTitle(mode string) string {
	parts := strings.Split(mode, "/")
	for i, m := range parts {
		if m != "" {
			parts[i] = strings.ToUpper(m[:1]) + m[1:]
		}
	}
	return strings.Join(parts, "/")
}
