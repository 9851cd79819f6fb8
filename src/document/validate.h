// Checks a document against the View360 v2 shape (specs/view360.md §b; docs/document.md): the
// top-level sections and, inside them, every member's JSON type. Each problem names its JSON
// path ("$.security.kms[3].enabled: expected boolean, got string").
//
// Two strictness levels:
//   kStrict  — what our collector must write: every section and member present, in the
//              original's member set, nothing unknown (our own "view360" block aside).
//   kLenient — what a receiver accepts: documents of the original sender as they come.
//              Members may be missing; unknown members are ignored; the sections the original
//              receiver requires (§f.3) must be present; the types of known members are checked.
//
// Thread-safety: plain functions over immutable tables.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace view360::document {

enum class Strictness { kStrict, kLenient };

struct ValidationIssue {
  std::string path;     // "$.security.kms[3].enabled"
  std::string message;  // "expected boolean, got string"
  std::string ToString() const { return path + ": " + message; }
};

// The problems found (empty: valid), at most max_issues of them.
std::vector<ValidationIssue> Validate(const nlohmann::ordered_json& document, Strictness strictness,
                                      size_t max_issues = 20);
std::vector<ValidationIssue> Validate(const nlohmann::json& document, Strictness strictness,
                                      size_t max_issues = 20);

}  // namespace view360::document
