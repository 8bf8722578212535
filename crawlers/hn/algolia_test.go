package hn

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func openFixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestParseThreads(t *testing.T) {
	ts, err := ParseThreads(openFixture(t, "threads.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 5 {
		t.Fatalf("%d threads, want 5", len(ts))
	}
	hiring := HiringThreads(ts)
	var ids []int64
	for _, h := range hiring {
		ids = append(ids, h.ID)
	}
	if !slices.Equal(ids, []int64{50123400, 49922569}) {
		t.Errorf("hiring threads = %v, want November then October, other threads left out", ids)
	}
	nov := hiring[0]
	want := Thread{ID: 50123400, Title: "Ask HN: Who is hiring? (November 2026)", Author: "whoishiring",
		CreatedAt: time.Date(2026, 11, 2, 16, 0, 12, 0, time.UTC), NumComments: 11}
	if nov != want {
		t.Errorf("thread = %+v\nwant     %+v", nov, want)
	}
}

func TestParseComments(t *testing.T) {
	p, err := ParseComments(openFixture(t, "comments_p0.json"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Page != 0 || p.NbPages != 2 || p.NbHits != 11 || p.HitsPerPage != 6 || p.Skipped != 0 || len(p.Comments) != 6 {
		t.Fatalf("page = %d/%d, hits %d per %d, skipped %d, %d comments", p.Page, p.NbPages, p.NbHits, p.HitsPerPage, p.Skipped, len(p.Comments))
	}
	c := p.Comments[1]
	if c.ID != "50209113" || c.Author != "qf_hiring" || c.ParentID != 50123400 || c.StoryID != 50123400 ||
		!c.CreatedAt.Equal(time.Date(2026, 11, 19, 17, 42, 55, 0, time.UTC)) || c.StoryTitle != "Ask HN: Who is hiring? (November 2026)" {
		t.Errorf("comment = %+v", c)
	}
	if !strings.Contains(c.HTML, "&#x2F;") {
		t.Errorf("HTML should come as sent, entities and all: %q", c.HTML)
	}
	if reply := p.Comments[0]; reply.ParentID == reply.StoryID {
		t.Errorf("reply parent %d = story %d", reply.ParentID, reply.StoryID)
	}
	if deleted := p.Comments[2]; deleted.Author != "" || deleted.HTML != "" {
		t.Errorf("deleted comment with null author and text = %+v", deleted)
	}
}

func TestParseCommentsQuirks(t *testing.T) {
	for name, tc := range map[string]struct {
		body    string
		n, skip int
		wantErr bool
	}{
		"numeric objectID, date only as created_at_i": {body: `{"hits":[{"objectID":7,"created_at_i":1790866927,"author":"a","comment_text":"x","parent_id":1,"story_id":1}],"nbPages":1}`, n: 1},
		"fractional seconds":                          {body: `{"hits":[{"objectID":"7","created_at":"2026-10-01T15:02:07.000Z"}]}`, n: 1},
		"no id, no date, wrong types skipped":         {body: `{"hits":[{"created_at":"2026-10-01T15:02:07Z"},{"objectID":"8"},{"objectID":"x1","created_at":"2026-10-01T15:02:07Z"},{"objectID":"9","created_at":"2026-10-01T15:02:07Z","parent_id":"12"},"oops",{"objectID":"10","created_at":"2026-10-01T15:02:07Z","author":5}]}`, n: 1, skip: 5},
		"empty hits":                                  {body: "\n\n" + `{"hits":[],"nbHits":0,"nbPages":0,"page":0}`},
		"error object":                                {body: `{"message":"Invalid value for page","status":400}`, wantErr: true},
		"html error page":                             {body: "<html><body>502 Bad Gateway</body></html>", wantErr: true},
		"truncated":                                   {body: `{"hits":[{"objectID":"1","created_at":"2026-`, wantErr: true},
		"hits not an array":                           {body: `{"hits":{"objectID":"1"}}`, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			p, err := ParseComments(strings.NewReader(tc.body))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "hn: parse comments: ") {
					t.Errorf("error %q lacks context", err)
				}
				return
			}
			if len(p.Comments) != tc.n || p.Skipped != tc.skip {
				t.Errorf("%d comments, %d skipped; want %d, %d: %+v", len(p.Comments), p.Skipped, tc.n, tc.skip, p.Comments)
			}
		})
	}
}

func TestParseThreadsMalformed(t *testing.T) {
	if _, err := ParseThreads(strings.NewReader(`[]`)); err == nil || !strings.HasPrefix(err.Error(), "hn: parse threads: ") {
		t.Errorf("err = %v", err)
	}
}

func TestURLs(t *testing.T) {
	if got, want := CommentsURL("https://hn.algolia.com/api/v1", 50123400, 2, 100), "https://hn.algolia.com/api/v1/search_by_date?hitsPerPage=100&page=2&tags=comment%2Cstory_50123400"; got != want {
		t.Errorf("CommentsURL = %s\nwant %s", got, want)
	}
	if got, want := ThreadsURL("https://hn.algolia.com/api/v1", 20), "https://hn.algolia.com/api/v1/search_by_date?hitsPerPage=20&query=who+is+hiring&tags=story%2Cauthor_whoishiring"; got != want {
		t.Errorf("ThreadsURL = %s\nwant %s", got, want)
	}
	if got := ItemURL("50209113"); got != "https://news.ycombinator.com/item?id=50209113" {
		t.Errorf("ItemURL = %s", got)
	}
}
