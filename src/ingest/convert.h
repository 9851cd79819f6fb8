// Turns one JSON value into the text PostgreSQL's COPY reads for one column, checking first
// that the column can hold it (specs/view360.md §f.6, with R4 fixed): every refusal is a
// message the caller reports with the value's JSON path.
//
// Thread-safety: plain functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/catalog.h"

namespace simdjson::dom {
class element;
enum class element_type;
}  // namespace simdjson::dom

namespace view360::ingest {

struct FieldValue {
  bool null = true;
  std::string text;  // Unescaped; valid when !null.
};

// Converts value (null: the member is absent) for column. Returns an error message, or "" with
// *out set. Rules (docs/ingest.md):
//  - null/absent → the column's constant default when it has one, else NULL; a NOT NULL
//    column without a default refuses it.
//  - "" into a column that is not text → NULL (timestamps, numbers, booleans).
//  - text: strings as they are (no NUL character; at most max_length characters), numbers and
//    booleans as their JSON text, arrays and objects as Python's json.dumps writes them. A
//    comma list of availability zones longer than the column is written compactly
//    ("eu-west-1a,b,c") when that fits.
//  - integers: JSON integers, or numbers rounded half to even as PostgreSQL does; range-checked.
//  - numeric(p,s): numbers whose rounded value fits p digits.
//  - timestamps: ISO-8601 strings; a time without an offset is UTC; written with the offset.
//  - dates: ISO-8601 dates or times (their date part).
//  - jsonb: any value, written as compact JSON.  enum: one of its labels.
std::string ConvertValue(const simdjson::dom::element* value, const ColumnType& column,
                         FieldValue* out);

// A string as text, with the same checks as ConvertValue (for values computed by code).
std::string ConvertText(std::string_view value, const ColumnType& column, FieldValue* out);

// "2025-09-15T10:20:30Z", "...30.123+02:00", "...+0200", "2025-09-15 10:20:30", "2025-09-15":
// normalised to "2025-09-15 10:20:30[.fff]+00:00" (offset kept). nullopt when not ISO-8601.
std::optional<std::string> NormaliseTimestamp(std::string_view text);

// Appends value to a COPY text-format line (backslash, tab, newline, CR escaped; \N for null).
void AppendCopyField(std::string& line, const FieldValue& value);

// "array", "object", "number", "string", "boolean" or "null": for messages.
const char* JsonKindName(simdjson::dom::element_type type);

// Python json.dumps(value) with its defaults: ", " and ": " separators, non-ASCII as \uXXXX.
std::string PythonJson(const simdjson::dom::element& value);

}  // namespace view360::ingest
