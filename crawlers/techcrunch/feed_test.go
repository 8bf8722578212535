package techcrunch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readFixtureFeed(t *testing.T, name string) Feed {
	t.Helper()
	f, err := ReadFeed(strings.NewReader(string(readFixture(t, name))))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func TestReadFeed2026(t *testing.T) {
	f := readFixtureFeed(t, "venture_2026.xml")
	if f.Title != "Venture | TechCrunch" {
		t.Errorf("channel title = %q", f.Title)
	}
	if len(f.Items) != 7 {
		t.Fatalf("%d items, want 7 (two skipped)", len(f.Items))
	}
	q := f.Items[0]
	want := Item{
		Title:      "Quillfeather raises $12M Series A led by Northwind Ventures",
		Link:       "https://techcrunch.com/2026/07/06/quillfeather-raises-12m-series-a-led-by-northwind-ventures/",
		GUID:       "https://techcrunch.com/?p=3100101",
		Published:  time.Date(2026, 7, 6, 16, 30, 0, 0, time.UTC),
		Author:     "Dana Whitfield",
		Categories: []string{"Fundraising", "Venture", "AI"},
		Description: "Quillfeather, which turns sales-call transcripts into tidy CRM notes, says it will spend the money on " +
			"engineers in Lisbon and Austin — and on a connector for the big CRMs that customers keep asking for. " +
			"The round brings the company’s headcount plans to 60 by next summer …",
	}
	if !itemsEqual(q, want) {
		t.Errorf("item 0 =\n%+v\nwant\n%+v", q, want)
	}
	fennic := f.Items[1]
	if fennic.Title != "Berlin’s Fennic snags €20 million to automate freight invoicing" {
		t.Errorf("entity in title not decoded: %q", fennic.Title)
	}
	// CDATA keeps "&amp;"; the duplicate category differs only in case.
	if !slices.Equal(fennic.Categories, []string{"Logistics & Supply Chain", "Europe", "Fundraising"}) {
		t.Errorf("categories = %q", fennic.Categories)
	}
	if !strings.Contains(fennic.Description, "Harbor & Pike") || !strings.Contains(fennic.Description, "14 languages and flags") {
		t.Errorf("description entities: %q", fennic.Description)
	}
	for _, it := range f.Items {
		if strings.Contains(it.Description, "©") || strings.Contains(it.Description, "rights reserved") || strings.ContainsAny(it.Description, "<>") {
			t.Errorf("%s: footer or markup left in %q", it.GUID, it.Description)
		}
	}
	bramble := f.Items[3]
	if bramble.Published != time.Date(2026, 7, 4, 17, 54, 48, 0, time.UTC) || !strings.HasPrefix(bramble.Description, "Bramble Energy is raising") {
		t.Errorf("plain-text description item = %+v", bramble)
	}
	if lumora := f.Items[4]; lumora.Description != "" || !slices.Equal(lumora.Categories, []string{"AI"}) {
		t.Errorf("item without description = %+v", lumora)
	}
	wantSkipped := []SkippedItem{
		{Index: 5, Title: "Tallyfox secures £1.5M seed funding led by Crane Street Capital", GUID: "https://techcrunch.com/?p=3100049", Reason: `no web link ("")`},
		{Index: 6, GUID: "https://techcrunch.com/?p=3100048", Reason: "no title"},
	}
	if !slices.Equal(f.Skipped, wantSkipped) {
		t.Errorf("skipped = %+v\nwant      %+v", f.Skipped, wantSkipped)
	}
	items, err := ParseFeed(strings.NewReader(string(readFixture(t, "venture_2026.xml"))))
	if err != nil || len(items) != 7 {
		t.Errorf("ParseFeed = %d items, %v", len(items), err)
	}
}

func itemsEqual(a, b Item) bool {
	return a.Title == b.Title && a.Link == b.Link && a.GUID == b.GUID && a.Published.Equal(b.Published) &&
		a.Author == b.Author && slices.Equal(a.Categories, b.Categories) && a.Description == b.Description
}

func TestReadFeed2024NoProlog(t *testing.T) {
	f := readFixtureFeed(t, "techcrunch_2024_no_prolog.xml")
	if len(f.Items) != 2 || len(f.Skipped) != 0 {
		t.Fatalf("items=%d skipped=%v", len(f.Items), f.Skipped)
	}
	w := f.Items[0]
	if !slices.Equal(w.Categories, []string{"Robotics", "Australia", "Hardware & Devices"}) || w.Author != "Mei Tanaka" {
		t.Errorf("item = %+v", w)
	}
	wantDesc := "Wattle’s robots sort recycling by the shape of a bottle’s neck — a trick its founders say no camera-only " +
		`system manages at speed. The company plans to sell to councils first, then to "anyone with a conveyor belt" …`
	if w.Description != wantDesc {
		t.Errorf("description = %q", w.Description)
	}
	// A GMT zone; a script element inside the excerpt is not text.
	if e := f.Items[1]; !e.Published.Equal(time.Date(2024, 10, 11, 9, 0, 0, 0, time.UTC)) || strings.Contains(e.Description, "track") {
		t.Errorf("second item = %+v", e)
	}
}

func TestReadFeedFeedburner(t *testing.T) {
	f := readFixtureFeed(t, "feedburner_2020.xml")
	if len(f.Items) != 2 {
		t.Fatalf("%d items", len(f.Items))
	}
	a := f.Items[0]
	// feedburner:origLink wins over the feedproxy.google.com redirect.
	if a.Link != "https://techcrunch.com/2020/03/11/ashgrove-lands-22m-series-a/" || a.GUID != "https://techcrunch.com/?p=1957001" {
		t.Errorf("link/guid = %q %q", a.Link, a.GUID)
	}
	if a.Author != "Ines Moreau" || !a.Published.Equal(time.Date(2020, 3, 11, 15, 2, 25, 0, time.UTC)) {
		t.Errorf("item = %+v", a)
	}
	if a.Categories != nil {
		t.Errorf("categories = %q, want none", a.Categories)
	}
}

func TestReadFeedCharsets(t *testing.T) {
	lat := readFixtureFeed(t, "latin1.xml")
	if len(lat.Items) != 1 {
		t.Fatalf("latin-1: %d items", len(lat.Items))
	}
	b := lat.Items[0]
	if b.Title != "Café chain Brûlerie raises £2M to open 12 more roasteries" || b.Author != "Renée Dubois" ||
		!slices.Equal(b.Categories, []string{"Cafés"}) || b.Description != "Brûlerie roasts its beans in-store ½ an hour before opening." {
		t.Errorf("latin-1 item = %+v", b)
	}
	if !b.Published.Equal(time.Date(2026, 7, 3, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("pubDate with +0100 = %v", b.Published)
	}
	cp := readFixtureFeed(t, "cp1252.xml")
	if len(cp.Items) != 1 || cp.Items[0].Title != "Amsterdam’s Canalwise raises €6M pre-Series A — its first outside money" ||
		cp.Items[0].Description != "“Boats are just trucks on water,” says the founder." {
		t.Errorf("windows-1252 items = %+v", cp.Items)
	}
}

func TestReadFeedMalformed(t *testing.T) {
	for name, want := range map[string]string{
		"bad_truncated.xml":  "XML syntax error",
		"bad_html.xml":       "not an rss feed: root element <html>",
		"bad_atom.xml":       "not an rss feed: root element <feed>",
		"bad_charset.xml":    `unsupported charset "Shift_JIS"`,
		"bad_no_channel.xml": "not an rss feed: no <channel>",
	} {
		items, err := ParseFeed(strings.NewReader(string(readFixture(t, name))))
		if err == nil || !strings.HasPrefix(err.Error(), "techcrunch: parse feed: ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", name, err, want)
		}
		if items != nil {
			t.Errorf("%s: %d items with an error", name, len(items))
		}
	}
	if _, err := ParseFeed(strings.NewReader("")); err == nil {
		t.Error("empty document: no error")
	}
	_, err := ParseFeed(strings.NewReader(string(readFixture(t, "bad_html.xml"))))
	if !errors.Is(err, ErrNotRSS) {
		t.Errorf("html page: %v, want ErrNotRSS", err)
	}
}

func TestReadFeedItemQuirks(t *testing.T) {
	doc := "\xef\xbb\xbf\n\n<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>" +
		// atom:link before link must not be taken for the article link; a named HTML entity outside CDATA.
		"<item><atom:link href=\"https://x.example/self\"/><title>Caf&eacute; &amp;amp; bar</title><link> https://example.com/a </link>" +
		"<dc:creator>A</dc:creator><dc:creator>B</dc:creator><pubDate>Tue, 7 Jul 2026 09:05 EDT</pubDate></item>" +
		"<item><title>No date</title><link>https://example.com/b</link></item>" +
		"<item><title>Bad date</title><link>https://example.com/c</link><pubDate>yesterday</pubDate></item>" +
		"<item><title>Script link</title><link>javascript:alert(1)</link><pubDate>Tue, 07 Jul 2026 09:00:00 +0000</pubDate></item>" +
		"<item><title>ISO date</title><link>http://example.com/d</link><dc:date>2026-07-07T10:00:00+02:00</dc:date></item>" +
		"</channel></rss>"
	f, err := ReadFeed(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 {
		t.Fatalf("items = %+v", f.Items)
	}
	a := f.Items[0]
	if a.Title != "Café & bar" || a.Link != "https://example.com/a" || a.Author != "A, B" ||
		!a.Published.Equal(time.Date(2026, 7, 7, 13, 5, 0, 0, time.UTC)) {
		t.Errorf("item = %+v", a)
	}
	if d := f.Items[1]; !d.Published.Equal(time.Date(2026, 7, 7, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("dc:date item = %+v", d)
	}
	var reasons []string
	for _, s := range f.Skipped {
		reasons = append(reasons, s.Reason)
	}
	want := []string{"no pubDate", `unreadable pubDate "yesterday"`, `no web link ("javascript:alert(1)")`}
	if !slices.Equal(reasons, want) {
		t.Errorf("skip reasons = %q, want %q", reasons, want)
	}
}
