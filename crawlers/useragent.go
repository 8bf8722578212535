package crawlers

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
)

// UserAgent returns the User-Agent every crawler sends,
// "leadgen/<Version> (+<contactEmail>)", after checking the address is a
// bare e-mail address (sites such as SEC EDGAR require one).
func UserAgent(contactEmail string) (string, error) {
	email := strings.TrimSpace(contactEmail)
	if email == "" {
		return "", errors.New("crawlers: user agent: contact e-mail required")
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" {
		return "", fmt.Errorf("crawlers: user agent: %q is not a bare e-mail address", contactEmail)
	}
	return fmt.Sprintf("leadgen/%s (+%s)", Version, email), nil
}
