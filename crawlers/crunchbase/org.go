package crunchbase

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/crawlers"
)

// organizationURL is the entity lookup of an organization by permalink or uuid.
func organizationURL(base, ref string) string {
	return fmt.Sprintf("%s/entities/organizations/%s?field_ids=%s",
		strings.TrimRight(base, "/"), url.PathEscape(ref), url.QueryEscape(orgFields))
}

// organization looks up a funded organization once per run. A failed
// lookup costs only the website and categories, so it is recorded and the
// round still goes out; only a dead key (401) or ctx ending is an error.
func (c *crawl) organization(ctx context.Context, fo Identifier) (Organization, error) {
	if o, ok := c.orgs[fo.UUID]; ok || c.orgsOff {
		return o, nil
	}
	c.orgs[fo.UUID] = Organization{} // a failure is not retried within the run
	u := organizationURL(c.cfg.BaseURL, firstNonEmpty(fo.Permalink, fo.UUID))
	page, err := c.f.Do(crawlers.Request{URL: u, Header: c.header(false)})
	var se *crawlers.StatusError
	switch {
	case ctx.Err() != nil:
		return Organization{}, ctx.Err()
	case errors.As(err, &se) && se.Code == http.StatusForbidden:
		// Search worked, so the key is good: the plan leaves out entity
		// lookups. Say so once and go on without them.
		c.orgsOff = true
		c.log.Warn("crunchbase organization lookups refused", "url", u, slog.Any("error", err))
		c.sink.Error(u, fmt.Errorf("crunchbase: organization lookups refused, rounds go on without website and categories: %w", err))
		return Organization{}, nil
	case err != nil:
		if kr := keyRejected(err); kr != err {
			return Organization{}, kr
		}
		if crawlers.IsNotFound(err) {
			c.log.Debug("crunchbase organization gone", "url", u)
			return Organization{}, nil
		}
		c.orgError(u, err)
		return Organization{}, nil
	}
	c.sink.Page(u)
	o, err := ParseOrganization(bytes.NewReader(page.Body))
	if err != nil {
		c.orgError(u, err)
		return Organization{}, nil
	}
	c.orgs[fo.UUID] = o
	return o, nil
}

// orgError records a lookup that failed.
func (c *crawl) orgError(u string, err error) {
	c.log.Warn("crunchbase organization failed", "url", u, slog.Any("error", err))
	c.sink.Error(u, err)
}
