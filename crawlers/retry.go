package crawlers

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff returns base doubled attempt times (attempt 0 → base), capped at limit.
func Backoff(base time.Duration, attempt int, limit time.Duration) time.Duration {
	d := base
	for range attempt {
		if d >= limit/2 {
			return limit
		}
		d *= 2
	}
	return min(d, limit)
}

// maxRetryAfter bounds what a server may ask us to wait, however it says it.
const maxRetryAfter = 24 * time.Hour

// ParseRetryAfter reads a Retry-After header, given as seconds or as an
// HTTP date, into a wait from now, at most a day; ok is false when the
// header is absent or unreadable. A date in the past gives 0.
func ParseRetryAfter(h string, now time.Time) (wait time.Duration, ok bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(h)
	if err != nil {
		return 0, false
	}
	return min(max(t.Sub(now), 0), maxRetryAfter), true
}

// sleepCtx waits d or until ctx ends, whichever is first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
