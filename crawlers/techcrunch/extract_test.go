package techcrunch

import (
	"slices"
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	for _, tt := range []struct {
		title, desc string
		want        Funding
	}{
		{"Quillfeather raises $12M Series A led by Northwind Ventures", "",
			Funding{"Quillfeather", 12_000_000, "USD", 12_000_000, "Series A", []string{"Northwind Ventures"}}},
		// The round size, not the valuation.
		{"Copperleaf AI raises $20M at a $200M valuation", "",
			Funding{"Copperleaf AI", 20_000_000, "USD", 20_000_000, "Undisclosed", nil}},
		// Leads stop where participation starts.
		{"Drift Labs raises $1.5 billion Series F led by Meridian Growth, with participation from Altbridge and Solace Partners", "",
			Funding{"Drift Labs", 1_500_000_000, "USD", 1_500_000_000, "Series F", []string{"Meridian Growth"}}},
		{"Sablewood raises $12.5-million Series A co-led by Pinecrest and Ridgeview Capital", "",
			Funding{"Sablewood", 12_500_000, "USD", 12_500_000, "Series A", []string{"Pinecrest", "Ridgeview Capital"}}},
		{"Indian fintech Paysetu raises Rs 530 crore in Series C funding led by Tiger Grove", "",
			Funding{"Paysetu", 5_300_000_000, "INR", 60_571_429, "Series C", []string{"Tiger Grove"}}},
		{"Agritech startup Khetibox raises INR 80 lakh in angel round", "",
			Funding{"Khetibox", 8_000_000, "INR", 91_429, "Pre-seed", nil}},
		{"Tokyo-based Kumori raises ¥1 billion to expand its cloud kitchen software", "",
			Funding{"Kumori", 1_000_000_000, "JPY", 6_849_315, "Undisclosed", nil}},
		{"Toronto's Maplecore raises CA$5M seed led by Birchmount Ventures", "",
			Funding{"Maplecore", 5_000_000, "CAD", 3_649_635, "Seed", []string{"Birchmount Ventures"}}},
		{"Altbridge and Solace Partners co-lead $25M Series B in Ferrovia", "",
			Funding{"Ferrovia", 25_000_000, "USD", 25_000_000, "Series B", []string{"Altbridge", "Solace Partners"}}},
		{"Investors pour $50M into Redwater, a water-recycling startup", "",
			Funding{"Redwater", 50_000_000, "USD", 50_000_000, "Undisclosed", nil}},
		{"Openfield’s $60M Series C will fund its expansion into Asia", "",
			Funding{"Openfield", 60_000_000, "USD", 60_000_000, "Series C", nil}},
		{"$20M for Kelpie to build seaweed-based packaging", "",
			Funding{"Kelpie", 20_000_000, "USD", 20_000_000, "Undisclosed", nil}},
		{"Stealth no more: Gridmint emerges from stealth with $18M", "",
			Funding{"Gridmint", 18_000_000, "USD", 18_000_000, "Undisclosed", nil}},
		{"Quarry raises an undisclosed amount in seed funding", "",
			Funding{"Quarry", 0, "", 0, "Seed", nil}},
		{"Amsterdam’s Canalwise raises €6M pre-Series A", "",
			Funding{"Canalwise", 6_000_000, "EUR", 6_976_744, "Seed", nil}},
		{"Mossgrove wins $1.2M NSF grant for soil-carbon sensing", "",
			Funding{"Mossgrove", 1_200_000, "USD", 1_200_000, "Grant", nil}},
		{"Lendwise secures $100M credit facility from Bluecrest to fund consumer loans", "",
			Funding{"Lendwise", 100_000_000, "USD", 100_000_000, "Debt", nil}},
		{"Nimbus Forge raises $2B in Series G led by Halcyon Sovereign Fund", "",
			Funding{"Nimbus Forge", 2_000_000_000, "USD", 2_000_000_000, "Series G", []string{"Halcyon Sovereign Fund"}}},
		// A legal suffix's comma is not an appositive.
		{"Larkspur, Inc. raises $5M to map wildfire risk", "",
			Funding{"Larkspur", 5_000_000, "USD", 5_000_000, "Undisclosed", nil}},
		// Entities as a feed may leave them.
		{"Sable &amp; Finch raises $7M&nbsp;to build AI for wine distributors", "",
			Funding{"Sable & Finch", 7_000_000, "USD", 7_000_000, "Undisclosed", nil}},
		// The news only in the excerpt.
		{"Former Tesla engineer’s new startup is rethinking home batteries",
			"Bramble Energy is raising between $30 million to $50 million for a Series A, according to a report.",
			Funding{"Bramble Energy", 30_000_000, "USD", 30_000_000, "Series A", nil}},
		// Round and leads completed from the excerpt; an earlier round ignored.
		{"Oakmoss raises $8M to digitize cement plants",
			"The company previously raised a $2M pre-seed round led by Early Birds. The seed round was led by Girder Capital with participation from Steelhead Angels.",
			Funding{"Oakmoss", 8_000_000, "USD", 8_000_000, "Seed", []string{"Girder Capital"}}},
		{"Fenwick Bio raises Series A to develop oral insulin", "Fenwick Bio raised $42 million in the round, which was led by Helix Harbor.",
			Funding{"Fenwick Bio", 42_000_000, "USD", 42_000_000, "Series A", []string{"Helix Harbor"}}},
	} {
		got, ok := Extract(tt.title, tt.desc)
		if !ok {
			_, reason := extract(tt.title, tt.desc)
			t.Errorf("Extract(%q) refused: %s", tt.title, reason)
			continue
		}
		if got.Company != tt.want.Company || got.Amount != tt.want.Amount || got.Currency != tt.want.Currency ||
			got.AmountUSD != tt.want.AmountUSD || got.Round != tt.want.Round || !slices.Equal(got.LeadInvestors, tt.want.LeadInvestors) {
			t.Errorf("Extract(%q) =\n%+v\nwant\n%+v", tt.title, got, tt.want)
		}
	}
}

func TestExtractRejects(t *testing.T) {
	for _, tt := range []struct{ title, desc, reason string }{
		{"Northwind Ventures closes $300M Fund III to back early-stage climate startups", "", "investment fund"},
		{"Halcyon Capital raises new $500M fund for Series A bets in Europe", "", "investment fund"},
		{"Venture firm Founders Loft raises $75M to back pre-seed startups", "", "vc firm as raiser"},
		{"Lantern Capital raises $400M for its growth-stage vehicle", "", "no raise found"},
		{"Northbeam acquires AI note-taking startup Scribbly for $40M", "", "acquisition"},
		{"Quillfeather to be acquired by Meridian Software for $2.1B", "", "acquisition"},
		{"Verdant Cloud raises $1.2B in Nasdaq IPO", "", "ipo"},
		{"Rookery to go public via $1.5B SPAC merger", "", "acquisition"},
		{"Tiger-backed Juniper Pay cuts 200 jobs months after raising $180M", "", "layoffs or shutdown"},
		{"Codewren hits $100M ARR just 18 months after launch", "", "no raise found"},
		{"Pinwheel is now valued at $2B, according to a secondary sale", "", "public company finance"},
		{"Startups raised $4.2B this week, led by a mega-round in AI chips", "", "round-up"},
		{"The week’s 10 biggest funding rounds: Helio Freight leads the pack", "", "round-up"},
		{"Global venture funding fell 20% in Q3, data shows", "", "round-up"},
		{"Helio Freight settles driver lawsuit for $12M", "", "legal"},
		{"Google.org gives $20M in grants to nonprofits using AI", "", "giver"},
		{"Nasdaq-listed Voltmotor raises $1.5B in convertible notes offering", "", "public company finance"},
		{"Harborline lands $40M contract with the Port of Rotterdam", "", "no raise found"},
		{"Lumora raises prices for its AI spreadsheet plans", "", "no raise found"},
		{"How Tallyfox raised its seed round without a warm intro", "", "question or explainer"},
		{"Orbitline’s $3.2M pre-seed was a mistake, founder says", "", "opinion"},
		{"Ferrovia, which raised $25M last year, opens its first factory", "", "no raise found"},
		{"Meridian invests $10B in India data centers", "", "no raise found"},
		{"Applewood Robotics launches harvest robot", "The company, which raised $9M last year, says the robot picks grapes fast.", "no raise found"},
		{"", "Acme raised $5M.", "empty title"},
	} {
		f, reason := extract(tt.title, tt.desc)
		if reason == "" {
			t.Errorf("Extract(%q) accepted: %+v", tt.title, f)
		} else if !strings.Contains(reason, tt.reason) {
			t.Errorf("Extract(%q) refused for %q, want %q", tt.title, reason, tt.reason)
		}
	}
}

func TestSignalTitle(t *testing.T) {
	for _, tt := range []struct {
		f    Funding
		want string
	}{
		{Funding{Amount: 12e6, Currency: "USD", AmountUSD: 12e6, Round: "Series A", LeadInvestors: []string{"X"}}, "Raised $12M Series A led by X"},
		{Funding{Amount: 5e6, Currency: "USD", AmountUSD: 5e6, Round: "Seed", LeadInvestors: []string{"A", "B", "C"}}, "Raised $5M seed round led by A, B and C"},
		{Funding{Amount: 75e6, Currency: "USD", AmountUSD: 75e6, Round: "Debt"}, "Raised $75M in debt"},
		{Funding{Amount: 530e7, Currency: "INR", AmountUSD: 60_571_429, Round: "Undisclosed"}, "Raised ₹5.3B (≈$60.57M)"},
		{Funding{Round: "Series B", LeadInvestors: []string{"X"}}, "Headline"},
	} {
		if got := SignalTitle(tt.f, "Headline"); got != tt.want {
			t.Errorf("SignalTitle(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	got := sentences("Acme Inc. raised $5M from Rs. Capital. The U.S. round was led by J. Smith. Third one. Fourth.", 3)
	want := []string{"Acme Inc. raised $5M from Rs. Capital.", "The U.S. round was led by J. Smith.", "Third one. Fourth."}
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}
