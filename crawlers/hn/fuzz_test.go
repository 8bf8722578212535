package hn

import (
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var (
	digitsRe = regexp.MustCompile(`^[1-9][0-9]*$`)
	modesRe  = regexp.MustCompile(`^((remote|hybrid|onsite)(/(hybrid|onsite))*)?$`)
)

// fixtureComments returns the comments of the fixture pages.
func fixtureComments(f *testing.F) []Comment {
	var out []Comment
	for _, name := range []string{"comments_p0.json", "comments_p1.json"} {
		p, err := ParseComments(openFixture(f, name))
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, p.Comments...)
	}
	return out
}

func FuzzParseComments(f *testing.F) {
	for _, name := range []string{"comments_p0.json", "comments_p1.json", "threads.json"} {
		b, err := io.ReadAll(openFixture(f, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"hits":[{"objectID":7,"created_at_i":1790866927,"author":"a","comment_text":"A | Engineer | Remote","parent_id":1,"story_id":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseComments(strings.NewReader(string(data)))
		if err != nil {
			if len(p.Comments) != 0 || !strings.HasPrefix(err.Error(), "hn: parse comments: ") {
				t.Fatalf("error %v with %d comments", err, len(p.Comments))
			}
			return
		}
		for _, c := range p.Comments {
			if !digitsRe.MatchString(c.ID) || c.CreatedAt.IsZero() {
				t.Fatalf("comment without id or date: %+v", c)
			}
			if post, ok := ParsePost(c); ok {
				checkPost(t, c, post)
			}
		}
	})
}

func FuzzParsePost(f *testing.F) {
	for _, c := range fixtureComments(f) {
		f.Add(c.HTML, c.Author, false)
	}
	f.Add(`Acme (YC S21) (acme.io) | Python/Go Developer, Senior and Staff Engineers | Toronto or REMOTE (Canada) | $150k`, "a", false)
	f.Add("Company: X\nRole: Engineer\nWebsite: x.dev\nRemote: No", "b", true)
	f.Add(`Brindle is hiring a Data Engineer in Oslo. <a href="http://[::1]:80/">x</a>`, "c", false)
	f.Fuzz(func(t *testing.T, html, author string, reply bool) {
		c := comment(html)
		c.Author = author
		if reply {
			c.ParentID = 1
		}
		post, ok := ParsePost(c)
		if !ok {
			return
		}
		if reply || author == "" {
			t.Fatalf("reply %v or author %q read as a post", reply, author)
		}
		checkPost(t, c, post)
	})
}

// checkPost checks what every post read from c must satisfy.
func checkPost(t *testing.T, c Comment, p Post) {
	t.Helper()
	if p.ID != c.ID || p.Author != c.Author || !p.PostedAt.Equal(c.CreatedAt) {
		t.Fatalf("identity changed: %+v from %+v", p, c)
	}
	if p.Company == "" || p.Company != strings.TrimSpace(p.Company) || utf8.RuneCountInString(p.Company) > maxCompanyRunes ||
		strings.ContainsFunc(p.Company, unicode.IsControl) || !utf8.ValidString(p.Company) {
		t.Fatalf("bad company %q", p.Company)
	}
	if len(p.Roles) > maxRoles {
		t.Fatalf("%d roles", len(p.Roles))
	}
	for _, r := range p.Roles {
		if r == "" || utf8.RuneCountInString(r) > 80 || !utf8.ValidString(r) {
			t.Fatalf("bad role %q", r)
		}
	}
	if !modesRe.MatchString(p.Remote) {
		t.Fatalf("bad remote %q", p.Remote)
	}
	if p.Website != "" && hostOf(p.Website) == "" {
		t.Fatalf("website %q has no host", p.Website)
	}
	if utf8.RuneCountInString(p.Text) > MaxTextRunes || !utf8.ValidString(p.Text) || strings.ContainsRune(p.Text, 0) {
		t.Fatalf("bad text (%d runes)", utf8.RuneCountInString(p.Text))
	}
	for _, s := range append([]string{p.Company, p.Location, p.Salary, p.Type, p.Website, p.ApplyURL, p.YCBatch}, p.Roles...) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\n") || s != strings.TrimSpace(s) {
			t.Fatalf("field %q is not one trimmed line", s)
		}
	}
	if strings.ContainsAny(p.Website+p.ApplyURL, " \t") {
		t.Fatalf("links with spaces: %q %q", p.Website, p.ApplyURL)
	}
	s := SignalFor(p)
	if s.Title == "" || utf8.RuneCountInString(s.Title) > 200 || len(s.Company.Keys) != 1 || s.Company.Keys[0] != "hn:"+c.Author || s.OccurredAt.IsZero() {
		t.Fatalf("bad signal %+v", s)
	}
}

func FuzzParseThreads(f *testing.F) {
	b, err := io.ReadAll(openFixture(f, "threads.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"hits":[{"objectID":"1","title":"Ask HN: Who is hiring? (May 2026)","created_at":"2026-05-01T15:00:00Z"}]}`))
	f.Add([]byte(`{"hits":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := ParseThreads(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for _, th := range HiringThreads(ts) {
			if !strings.HasPrefix(th.Title, "Ask HN: Who is hiring?") || th.ID <= 0 {
				t.Fatalf("HiringThreads kept %+v", th)
			}
		}
	})
}
