package hn

import (
	"slices"
	"strings"
	"testing"
	"time"
)

const story = 50123400

// comment is a top-level comment of the test story written as html.
func comment(html string) Comment {
	return Comment{ID: "50200001", Author: "acct", HTML: html, ParentID: story, StoryID: story,
		CreatedAt: time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)}
}

func TestParsePost(t *testing.T) {
	for name, tc := range map[string]struct {
		html string
		want Post // only the header fields are compared
	}{
		"pipes, anchor with &#x2F;, salary": {
			html: `Acme Analytics | Senior Backend Engineer, ML Engineer | Berlin | REMOTE (EU) | €90k + equity | <a href="https:&#x2F;&#x2F;acme.example&#x2F;jobs" rel="nofollow">https:&#x2F;&#x2F;acme.example&#x2F;jobs</a><p>We build things.`,
			want: Post{Company: "Acme Analytics", Website: "https://acme.example/jobs", Roles: []string{"Senior Backend Engineer", "ML Engineer"},
				Location: "Berlin", Remote: "remote", Engineering: true, Salary: "€90k + equity"},
		},
		"link right after the company, onsite": {
			html: `Contoso Ltd | <a href="https:&#x2F;&#x2F;contoso.example" rel="nofollow">https:&#x2F;&#x2F;contoso.example</a> | Senior ASP.NET Developer | NYC | ONSITE`,
			want: Post{Company: "Contoso Ltd", Website: "https://contoso.example", Roles: []string{"Senior ASP.NET Developer"},
				Location: "NYC", Remote: "onsite", Engineering: true},
		},
		"bare domain in brackets after the name, YC batch": {
			html: `Plover (YC S21) (plover.io) | Staff Engineer | Remote (US)`,
			want: Post{Company: "Plover", Website: "plover.io", Roles: []string{"Staff Engineer"}, Location: "US", Remote: "remote", Engineering: true, YCBatch: "S21"},
		},
		"dashes": {
			html: `Gridwise – Backend Developer – Remote – gridwise.dev`,
			want: Post{Company: "Gridwise", Website: "gridwise.dev", Roles: []string{"Backend Developer"}, Remote: "remote", Engineering: true},
		},
		"bullets, job board link only": {
			html: `Copperleaf • Firmware Engineer &amp; Embedded Linux Developer • Pittsburgh, PA • Onsite<p><a href="https:&#x2F;&#x2F;jobs.lever.co&#x2F;copperleaf&#x2F;1" rel="nofollow">https:&#x2F;&#x2F;jobs.lever.co&#x2F;copperleaf&#x2F;1</a>`,
			want: Post{Company: "Copperleaf", ApplyURL: "https://jobs.lever.co/copperleaf/1", Roles: []string{"Firmware Engineer", "Embedded Linux Developer"},
				Location: "Pittsburgh, PA", Remote: "onsite", Engineering: true},
		},
		"short slashes kept, long ones split, shared noun": {
			html: `Orbitly | Python/Go Developer, iOS/Android Engineer, Senior/Staff Designers | Remote or Onsite`,
			want: Post{Company: "Orbitly", Roles: []string{"Python/Go Developer", "iOS/Android Engineer", "Senior Designers", "Staff Designers"},
				Remote: "remote/onsite", Engineering: true},
		},
		"role with remote note, entity in name, type": {
			html: `Bob&#x27;s Tools | Senior Engineer (Remote OK) | San Francisco, CA | Full-time`,
			want: Post{Company: "Bob's Tools", Roles: []string{"Senior Engineer"}, Location: "San Francisco, CA", Remote: "remote", Engineering: true, Type: "Full-time"},
		},
		"labelled lines, roles in the next paragraph, own link at the end": {
			html: "Company: Faraway\nLocation: Utrecht, Netherlands (Hybrid Tue&#x2F;Thu)\nRemote: No (NL-based)\nType: Full-time<p>Medior Backend Developer (Node.js &#x2F; TypeScript)<p>We build school software.<p>More:\n<a href=\"https:&#x2F;&#x2F;jobs.faraway.example&#x2F;backend\" rel=\"nofollow\">https:&#x2F;&#x2F;jobs.faraway.example&#x2F;backend</a>",
			want: Post{Company: "Faraway", Website: "https://jobs.faraway.example/backend", Roles: []string{"Medior Backend Developer"},
				Location: "Utrecht, Netherlands (Hybrid Tue/Thu)", Remote: "hybrid", Engineering: true, Type: "Full-time"},
		},
		"labelled, remote no": {
			html: "Company: Stillwater Labs\nRole: Data Analyst\nWebsite: stillwater.dev\nRemote: No",
			want: Post{Company: "Stillwater Labs", Website: "stillwater.dev", Roles: []string{"Data Analyst"}, Remote: "onsite", Engineering: true},
		},
		"prose": {
			html: `Brindle Health (brindlehealth.io) is hiring a Staff Data Engineer and a Product Designer in New York. Hybrid.`,
			want: Post{Company: "Brindle Health", Website: "brindlehealth.io", Roles: []string{"Staff Data Engineer", "Product Designer"},
				Location: "New York", Remote: "hybrid", Engineering: true},
		},
		"prose without roles": {
			html: `Nimbus Freight is hiring!<p>Sales and support people in Denver.`,
			want: Post{Company: "Nimbus Freight", Roles: []string{"Sales"}},
		},
		"not engineering": {
			html: `Harbor &amp; Vine | Account Executive, Customer Success Manager | Austin, TX | Hybrid`,
			want: Post{Company: "Harbor & Vine", Roles: []string{"Account Executive", "Customer Success Manager"}, Location: "Austin, TX", Remote: "hybrid"},
		},
		"e-mail and shouting dotted words are no website": {
			html: `Fennel | Engineer | Remote | jobs@fennel.io<p>We use ASP.NET and Node.js.`,
			want: Post{Company: "Fennel", Roles: []string{"Engineer"}, Remote: "remote", Engineering: true},
		},
	} {
		t.Run(name, func(t *testing.T) {
			p, ok := ParsePost(comment(tc.html))
			if !ok {
				t.Fatal("not read as a post")
			}
			got := Post{Company: p.Company, Website: p.Website, ApplyURL: p.ApplyURL, Roles: p.Roles, Location: p.Location,
				Remote: p.Remote, Engineering: p.Engineering, Salary: p.Salary, Type: p.Type, YCBatch: p.YCBatch}
			if !samePost(got, tc.want) {
				t.Errorf("post = %+v\nwant   %+v", got, tc.want)
			}
			if p.ID != "50200001" || p.Author != "acct" || p.ThreadID != story || p.PostedAt.IsZero() {
				t.Errorf("identity = %q %q %d %v", p.ID, p.Author, p.ThreadID, p.PostedAt)
			}
			if strings.ContainsAny(p.Text, "<>") || strings.Contains(p.Text, "&#") {
				t.Errorf("text keeps markup: %q", p.Text)
			}
		})
	}
}

func samePost(a, b Post) bool {
	roles := slices.Equal(a.Roles, b.Roles)
	a.Roles, b.Roles = nil, nil
	return roles && a.Company == b.Company && a.Website == b.Website && a.ApplyURL == b.ApplyURL && a.Location == b.Location &&
		a.Remote == b.Remote && a.Engineering == b.Engineering && a.Salary == b.Salary && a.Type == b.Type && a.YCBatch == b.YCBatch
}

func TestParsePostIgnores(t *testing.T) {
	reply := comment(`Acme | Senior Engineer | Remote`)
	reply.ParentID = 50199999
	anonymous := comment(`Acme | Senior Engineer | Remote`)
	anonymous.Author = ""
	for name, c := range map[string]Comment{
		"reply":                   reply,
		"deleted (no author)":     anonymous,
		"dead":                    comment("[dead]"),
		"flagged":                 comment(" [flagged] "),
		"empty":                   comment(""),
		"only markup":             comment("<p><p>"),
		"thanks":                  comment("Thanks for posting this every month!"),
		"question":                comment("Are any of these companies hiring juniors? Everyone wants senior engineers."),
		"complaint":               comment("Is it just me or are half of these posts ghost jobs? I applied to six and heard nothing."),
		"we are hiring":           comment("We are hiring engineers too, ping me."),
		"two pipes of chatter":    comment("I think | this thread is great"),
		"sentence as company":     comment("Honestly I have been looking for a new job for a very long time now | Engineer | Remote"),
		"question as company":     comment("Who is hiring in Berlin? | Engineer | Remote"),
		"dashes without evidence": comment("Good luck - everyone - out there"),
	} {
		t.Run(name, func(t *testing.T) {
			if p, ok := ParsePost(c); ok {
				t.Errorf("read as a post: %+v", p)
			}
		})
	}
}

func TestParsePostText(t *testing.T) {
	html := `Acme | Engineer | Remote<p>We&#x27;re &quot;small&quot; &amp; calm.` + "\n" + `Second   line.<p><a href="https:&#x2F;&#x2F;acme.example&#x2F;a-very-long-path" rel="nofollow">https:&#x2F;&#x2F;acme.example&#x2F;a-very-lo...</a><p>` + strings.Repeat("word ", 2000)
	p, ok := ParsePost(comment(html))
	if !ok {
		t.Fatal("not a post")
	}
	wantStart := "Acme | Engineer | Remote\n\nWe're \"small\" & calm.\nSecond line.\n\nhttps://acme.example/a-very-lo...\n\nword word"
	if !strings.HasPrefix(p.Text, wantStart) {
		t.Errorf("text starts %q\nwant        %q", p.Text[:80], wantStart)
	}
	if n := len([]rune(p.Text)); n != MaxTextRunes || !strings.HasSuffix(p.Text, "…") {
		t.Errorf("text is %d runes, want it cut to %d with an ellipsis", n, MaxTextRunes)
	}
	if p.Website != "https://acme.example/a-very-long-path" {
		t.Errorf("website = %q, want the href, not the shortened link text", p.Website)
	}
}

func TestTitle(t *testing.T) {
	for _, tc := range []struct {
		p    Post
		want string
	}{
		{Post{Roles: []string{"Senior Backend Engineer", "ML Engineer"}, Remote: "remote"}, "Hiring: Senior Backend Engineer, ML Engineer (Remote)"},
		{Post{Roles: []string{"A", "B", "C", "D", "E"}, Remote: "remote/onsite"}, "Hiring: A, B, C +2 more (Remote/Onsite)"},
		{Post{Roles: []string{"Designer"}, Location: "Lisbon"}, "Hiring: Designer (Lisbon)"},
		{Post{}, "Hiring: roles not stated"},
	} {
		if got := Title(tc.p); got != tc.want {
			t.Errorf("Title(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}
