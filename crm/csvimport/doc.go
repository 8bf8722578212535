// Package csvimport turns a CSV file a user uploads (yellow-pages scrapes,
// Crunchbase Pro exports, Apollo exports, hand-made spreadsheets) into
// clean rows the CRM can preview, map and import.
//
// The flow is Detect (bytes → Table), Map (header → Mapping, editable with
// Mapping.With), Clean (Table + Mapping → []Row with per-row Problems),
// Key (Row → identity keys for re-imports) and WriteReport (problems as CSV).
// The package is pure: it never touches the database or the network.
//
// Choices made where input is ambiguous:
//   - Slash dates such as 03/11/2026 are read per column: if any value in the
//     column can only be day-first (13/11/2026) the column is day-first, if any
//     can only be month-first (11/13/2026) it is month-first; otherwise a
//     ';'-delimited file (European Excel) is day-first and any other file is
//     month-first (US). Dotted dates (03.11.2026) are always day-first.
//   - A lone "1.500" or "1,500" is a thousands separator when followed by
//     exactly three digits, except that in a ';'-delimited file ',' is the
//     decimal mark ("2,5") and '.' the thousands mark ("1.500.000").
//   - Amounts without any currency hint are USD; AmountUSD is only filled for
//     USD amounts or from an explicit "(in USD)" column, never converted.
//   - Phones without a country code are US numbers unless the row's country
//     names another known country.
//   - ZIP codes are kept exactly as given (trimmed), never padded.
package csvimport
