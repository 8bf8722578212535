package crm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

func TestCrawlRecorder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	rec, err := s.StartCrawlRun(ctx, "edgar")
	if err != nil {
		t.Fatal(err)
	}
	rec.Page("http://x/index")
	sig := formD("6001", "0006001-26-000001", "", 1_000_000, now)
	for range 2 {
		if err := rec.Signal(ctx, sig); err != nil {
			t.Fatal(err)
		}
	}
	rec.Error("http://x/bad.xml", errors.New("malformed XML"))
	run, err := rec.Finish(nil)
	if err != nil {
		t.Fatal(err)
	}
	if run.Status != "partial" || run.Pages != 1 || run.SignalsNew != 1 || run.SignalsUpdated != 0 || run.Errors != 1 {
		t.Fatalf("run = %+v", run)
	}
	errs, err := s.CrawlErrors(ctx, run.ID)
	if err != nil || len(errs) != 1 || errs[0].URL != "http://x/bad.xml" || errs[0].Reason != "malformed XML" {
		t.Fatalf("errors = %+v, %v", errs, err)
	}
}

func TestCursor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	if _, ok, err := s.Cursor(ctx, "techcrunch"); ok || err != nil {
		t.Fatalf("fresh cursor: ok=%v err=%v", ok, err)
	}
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	want := crawlers.Cursor{Watermark: day, Validators: map[string]crawlers.Validator{"https://x/feed": {ETag: `"v1"`}},
		Tokens: map[string]string{"access": "a"}}
	for _, c := range []crawlers.Cursor{{Watermark: day.AddDate(0, 0, -1)}, want} {
		if err := s.SetCursor(ctx, "techcrunch", c); err != nil {
			t.Fatal(err)
		}
	}
	got, ok, err := s.Cursor(ctx, "techcrunch")
	if !ok || err != nil || !got.Watermark.Equal(day) || got.Validators["https://x/feed"].ETag != `"v1"` || got.Tokens["access"] != "a" {
		t.Fatalf("cursor = %+v %v %v, want %+v", got, ok, err, want)
	}
}

func TestSessionStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ss := newStore(t).Sessions()
	if err := ss.CommitCtx(ctx, "live", []byte("a"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := ss.CommitCtx(ctx, "dead", []byte("b"), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, ok, err := ss.FindCtx(ctx, "live"); !ok || err != nil || string(b) != "a" {
		t.Fatalf("live session: %q %v %v", b, ok, err)
	}
	if _, ok, _ := ss.FindCtx(ctx, "dead"); ok {
		t.Fatal("expired session found")
	}
	if n, err := ss.DeleteExpired(ctx); n != 1 || err != nil {
		t.Fatalf("deleted %d expired, %v", n, err)
	}
	if err := ss.DeleteCtx(ctx, "live"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := ss.FindCtx(ctx, "live"); ok {
		t.Fatal("deleted session found")
	}
}
