package crunchbase

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// clean makes a source string safe to store: valid UTF-8, no NUL (which
// PostgreSQL text and jsonb refuse), no surrounding blanks.
func clean(s string) string {
	return strings.TrimSpace(strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD"))
}

// cleanMap returns a copy of m with every string, key or value, cleaned.
func cleanMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[clean(k)] = cleanValue(v)
	}
	return out
}

// cleanValue cleans the strings inside a decoded JSON value.
func cleanValue(v any) any {
	switch v := v.(type) {
	case string:
		return clean(v)
	case map[string]any:
		return cleanMap(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = cleanValue(e)
		}
		return out
	}
	return v
}

// stringField reads an optional string property.
func stringField(p map[string]any, key string) (string, error) {
	switch v := p[key].(type) {
	case nil:
		return "", nil
	case string:
		return clean(v), nil
	}
	return "", fmt.Errorf("%s: not a string", key)
}

// identifier reads an identifier object; null or absent gives the zero value.
func identifier(v any) (Identifier, error) {
	if v == nil {
		return Identifier{}, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return Identifier{}, errors.New("not an object")
	}
	var id Identifier
	for key, dst := range map[string]*string{
		"uuid": &id.UUID, "value": &id.Value, "permalink": &id.Permalink,
		"entity_def_id": &id.EntityDefID, "image_id": &id.ImageID, "location_type": &id.LocationType,
	} {
		s, err := stringField(m, key)
		if err != nil {
			return Identifier{}, err
		}
		*dst = s
	}
	return id, nil
}

// identifiers reads a list of identifier objects.
func identifiers(v any) ([]Identifier, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errors.New("not a list")
	}
	var out []Identifier
	for i, e := range list {
		id, err := identifier(e)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
		out = append(out, id)
	}
	return out, nil
}

// money reads {value, currency, value_usd}; null or absent gives zero.
func money(v any) (Money, error) {
	if v == nil {
		return Money{}, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return Money{}, errors.New("not an object")
	}
	cur, err := stringField(m, "currency")
	if err != nil {
		return Money{}, err
	}
	value, err := amountField(m, "value")
	if err != nil {
		return Money{}, err
	}
	usd, err := amountField(m, "value_usd")
	if err != nil {
		return Money{}, err
	}
	return Money{Value: value, Currency: strings.ToUpper(cur), ValueUSD: usd}, nil
}

// amountField reads an optional non-negative number.
func amountField(m map[string]any, key string) (int64, error) {
	switch v := m[key].(type) {
	case nil:
		return 0, nil
	case json.Number:
		n, err := toInt(v)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", key, err)
		}
		return n, nil
	}
	return 0, fmt.Errorf("%s: not a number", key)
}

// toInt rounds a JSON number to a non-negative int64; empty is 0.
func toInt(n json.Number) (int64, error) {
	if n == "" {
		return 0, nil
	}
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		if i < 0 {
			return 0, fmt.Errorf("%s is negative", n)
		}
		return i, nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f >= math.MaxInt64 {
		return 0, fmt.Errorf("%q is not a non-negative amount", string(n))
	}
	return int64(math.Round(f)), nil
}

// dateField reads a date given as "YYYY-MM-DD", a timestamp starting with
// one, or an object {"value": …, "precision": …}; absent gives zero.
func dateField(p map[string]any, key string) (time.Time, error) {
	v := p[key]
	if m, ok := v.(map[string]any); ok {
		v = m["value"]
	}
	switch s := v.(type) {
	case nil:
		return time.Time{}, nil
	case string:
		t, err := parseDay(clean(s))
		if err != nil {
			return time.Time{}, fmt.Errorf("%s: %w", key, err)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%s: not a date", key)
}

// parseDay reads the calendar day at the start of s as UTC midnight.
func parseDay(s string) (time.Time, error) {
	day := s
	if len(s) > len(time.DateOnly) && s[len(time.DateOnly)] == 'T' {
		day = s[:len(time.DateOnly)]
	}
	t, err := time.Parse(time.DateOnly, day)
	if err != nil || t.Year() < 1800 {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	return t, nil
}
