package hn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// hiringPrefix starts the title of every monthly hiring thread; the same
// account also posts "Who wants to be hired?" and "Freelancer?" threads.
const hiringPrefix = "Ask HN: Who is hiring?"

// Thread is one story of a search_by_date listing.
type Thread struct {
	ID          int64
	Title       string
	Author      string
	CreatedAt   time.Time
	NumComments int
}

// Comment is one comment hit of a search_by_date page.
type Comment struct {
	ID         string // objectID, all digits
	Author     string
	HTML       string // comment_text as sent: HTML with entities
	CreatedAt  time.Time
	ParentID   int64
	StoryID    int64
	StoryTitle string
}

// CommentPage is one page of comment hits and where it sits in the result.
type CommentPage struct {
	Comments    []Comment
	Page        int
	NbPages     int
	NbHits      int
	HitsPerPage int
	Skipped     int // hits left out as unusable (no id or date, wrong types)
}

// envelope is the part of an Algolia answer that frames the hits.
type envelope struct {
	Hits        *[]json.RawMessage `json:"hits"`
	Page        int                `json:"page"`
	NbPages     int                `json:"nbPages"`
	NbHits      int                `json:"nbHits"`
	HitsPerPage int                `json:"hitsPerPage"`
}

// hit holds the fields used from a story or comment hit; the ids are raw
// because Algolia sends objectID as a string and parent_id as a number.
type hit struct {
	ObjectID    json.RawMessage `json:"objectID"`
	Author      *string         `json:"author"`
	Title       *string         `json:"title"`
	CommentText *string         `json:"comment_text"`
	CreatedAt   *string         `json:"created_at"`
	CreatedAtI  json.RawMessage `json:"created_at_i"`
	ParentID    json.RawMessage `json:"parent_id"`
	StoryID     json.RawMessage `json:"story_id"`
	StoryTitle  *string         `json:"story_title"`
	NumComments json.RawMessage `json:"num_comments"`
}

// readEnvelope decodes the answer frame; a body without a hits array (an
// error object, an HTML page) is malformed.
func readEnvelope(r io.Reader) (envelope, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return envelope{}, err
	}
	var env envelope
	if err := json.Unmarshal(bytes.TrimSpace(b), &env); err != nil {
		return envelope{}, err
	}
	if env.Hits == nil {
		return envelope{}, errors.New("no hits array")
	}
	return env, nil
}

// ParseThreads reads a story listing; stories without a numeric id are left out.
func ParseThreads(r io.Reader) ([]Thread, error) {
	env, err := readEnvelope(r)
	if err != nil {
		return nil, fmt.Errorf("hn: parse threads: %w", err)
	}
	var out []Thread
	for _, raw := range *env.Hits {
		var h hit
		if json.Unmarshal(raw, &h) != nil {
			continue
		}
		id, ok := intOf(h.ObjectID)
		if !ok || id <= 0 {
			continue
		}
		created, _ := h.created()
		n, _ := intOf(h.NumComments)
		out = append(out, Thread{ID: id, Title: clean(str(h.Title)), Author: clean(str(h.Author)), CreatedAt: created, NumComments: int(n)})
	}
	return out, nil
}

// HiringThreads keeps the "Ask HN: Who is hiring?" threads, newest first.
func HiringThreads(ts []Thread) []Thread {
	var out []Thread
	for _, t := range ts {
		if strings.HasPrefix(strings.TrimSpace(t.Title), hiringPrefix) {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b Thread) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return int(min(max(b.ID-a.ID, -1), 1))
	})
	return out
}

// ParseComments reads one page of comment hits. Hits without a numeric
// objectID or a date are counted in Skipped rather than failing the page.
func ParseComments(r io.Reader) (CommentPage, error) {
	env, err := readEnvelope(r)
	if err != nil {
		return CommentPage{}, fmt.Errorf("hn: parse comments: %w", err)
	}
	p := CommentPage{Page: env.Page, NbPages: env.NbPages, NbHits: env.NbHits, HitsPerPage: env.HitsPerPage}
	for _, raw := range *env.Hits {
		c, ok := commentOf(raw)
		if !ok {
			p.Skipped++
			continue
		}
		p.Comments = append(p.Comments, c)
	}
	return p, nil
}

// commentOf converts one hit, refusing it without an id or a date.
func commentOf(raw json.RawMessage) (Comment, bool) {
	var h hit
	if json.Unmarshal(raw, &h) != nil {
		return Comment{}, false
	}
	id, ok := intOf(h.ObjectID)
	if !ok || id <= 0 {
		return Comment{}, false
	}
	created, ok := h.created()
	if !ok {
		return Comment{}, false
	}
	parent, _ := intOf(h.ParentID)
	story, _ := intOf(h.StoryID)
	return Comment{
		ID: strconv.FormatInt(id, 10), Author: clean(str(h.Author)), HTML: str(h.CommentText),
		CreatedAt: created, ParentID: parent, StoryID: story, StoryTitle: clean(str(h.StoryTitle)),
	}, true
}

// created reads created_at, falling back to created_at_i (Unix seconds).
func (h hit) created() (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(str(h.CreatedAt))); err == nil && t.Year() > 2000 {
		return t.UTC(), true
	}
	if secs, ok := intOf(h.CreatedAtI); ok && secs > 946684800 && secs < 1<<40 { // after 2000
		return time.Unix(secs, 0).UTC(), true
	}
	return time.Time{}, false
}

// intOf reads a JSON number or a string of digits.
func intOf(raw json.RawMessage) (int64, bool) {
	s := strings.TrimSpace(string(raw))
	if uq, err := strconv.Unquote(s); err == nil && strings.HasPrefix(s, `"`) {
		s = strings.TrimSpace(uq)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
