package csvimport

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// sniffLen is how much of the file the binary check looks at.
const sniffLen = 8 << 10

// decodeText returns the file as UTF-8 without a BOM. Excel writes UTF-8
// with a BOM, UTF-16 for "Unicode text" and Windows-1252 for plain "CSV",
// so all three are accepted rather than showing mojibake in the preview.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", fmt.Errorf("%w: unreadable UTF-16 text: %w", ErrNotCSV, err)
		}
		data = bytes.TrimPrefix(out, []byte("\uFEFF"))
	}
	if err := rejectBinary(data); err != nil {
		return "", err
	}
	if !utf8.Valid(data) {
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("%w: text is neither UTF-8 nor Windows-1252: %w", ErrNotCSV, err)
		}
		data = out
	}
	return string(normalizeNewlines(data)), nil
}

// magic names file types users upload by mistake, so the error can say
// what to do instead of just "not a CSV".
var magic = []struct {
	prefix string
	name   string
}{
	{"PK\x03\x04", "a ZIP or Excel .xlsx workbook; save it as CSV first"},
	{"\xD0\xCF\x11\xE0", "an old Excel .xls workbook; save it as CSV first"},
	{"%PDF", "a PDF document"},
	{"\x89PNG", "a PNG image"},
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"\x1F\x8B", "a gzip archive"},
}

// rejectBinary refuses files with NUL bytes or many control characters
// in their first bytes; text never has them.
func rejectBinary(data []byte) error {
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return fmt.Errorf("%w: it looks like %s", ErrNotCSV, m.name)
		}
	}
	head := data[:min(len(data), sniffLen)]
	ctrl := 0
	for _, b := range head {
		if b == 0 {
			return fmt.Errorf("%w: it contains binary data (NUL bytes)", ErrNotCSV)
		}
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			ctrl++
		}
	}
	if ctrl > 0 && ctrl*20 > len(head) {
		return fmt.Errorf("%w: it contains binary data (control characters)", ErrNotCSV)
	}
	return nil
}

// rejectMarkup refuses HTML, XML and JSON, which is what users get when a
// "download CSV" link returns an error page or an API response.
func rejectMarkup(text string) error {
	s := strings.ToLower(strings.TrimSpace(text[:min(len(text), 512)]))
	switch {
	case strings.HasPrefix(s, "<!doctype html"), strings.HasPrefix(s, "<html"), strings.Contains(s, "<head>"), strings.Contains(s, "<body"):
		return fmt.Errorf("%w: it is an HTML page", ErrNotCSV)
	case strings.HasPrefix(s, "<?xml"), strings.HasPrefix(s, "<"):
		return fmt.Errorf("%w: it looks like HTML or XML", ErrNotCSV)
	case strings.HasPrefix(s, "{"), strings.HasPrefix(s, "["):
		return fmt.Errorf("%w: it looks like JSON", ErrNotCSV)
	}
	return nil
}
