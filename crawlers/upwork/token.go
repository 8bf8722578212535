package upwork

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// refresh trades the refresh token for a new access token (OAuth2
// refresh_token grant, client credentials in the form body).
func (c *crawl) refresh() error {
	form := url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {c.tokens.Refresh},
		"client_id":     {c.cfg.ClientID},
		"client_secret": {c.cfg.ClientSecret},
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	h.Set("Accept", "application/json")
	p, err := c.f.Do(crawlers.Request{Method: http.MethodPost, URL: c.cfg.TokenURL, Header: h, Body: []byte(form.Encode())})
	var se *crawlers.StatusError
	if errors.As(err, &se) && (se.Code == http.StatusBadRequest || se.Code == http.StatusUnauthorized) {
		// invalid_grant or invalid_client: only a new authorisation helps.
		return fmt.Errorf("%w: refresh refused (http %d)", ErrTokenRejected, se.Code)
	}
	if err != nil {
		return fmt.Errorf("upwork: refresh token: %w", err)
	}
	t, err := parseToken(p.Body, time.Now())
	if err != nil {
		return fmt.Errorf("upwork: refresh token: %w", err)
	}
	if t.Refresh == "" {
		t.Refresh = c.tokens.Refresh // not rotated
	}
	c.tokens = t
	c.refreshed = true
	c.log.Info("upwork token refreshed", "expiry", t.Expiry)
	return nil
}

// parseToken reads an OAuth2 token response.
func parseToken(b []byte, now time.Time) (Tokens, error) {
	var tr struct {
		AccessToken  string  `json:"access_token"`
		RefreshToken string  `json:"refresh_token"`
		TokenType    string  `json:"token_type"`
		ExpiresIn    flexNum `json:"expires_in"`
	}
	if err := decodeObject(b, &tr); err != nil {
		return Tokens{}, fmt.Errorf("token response: %w", err)
	}
	if tr.AccessToken == "" {
		return Tokens{}, errors.New("token response: no access_token")
	}
	if tr.TokenType != "" && !strings.EqualFold(tr.TokenType, "bearer") {
		return Tokens{}, fmt.Errorf("token response: token_type %q is not bearer", tr.TokenType)
	}
	t := Tokens{Access: tr.AccessToken, Refresh: tr.RefreshToken}
	if s := tr.ExpiresIn.int(); s > 0 {
		t.Expiry = now.Add(time.Duration(min(s, 1<<30)) * time.Second).UTC()
	}
	return t, nil
}
