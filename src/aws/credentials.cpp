#include "aws/credentials.h"

#include "aws/credential_internal.h"

namespace view360::aws {

std::string Credentials::Describe() const {
  // Key ids are not secret, but a whole one in a log invites pasting; four and four identify it.
  constexpr size_t kShown = 4;
  std::string out;
  if (access_key_id.empty()) {
    out = "<no access key>";
  } else if (access_key_id.size() <= 2 * kShown) {
    out = access_key_id.substr(0, std::min(kShown, access_key_id.size() / 2)) + "…";
  } else {
    out =
        access_key_id.substr(0, kShown) + "…" + access_key_id.substr(access_key_id.size() - kShown);
  }
  out += " (" + (source.empty() ? std::string("unknown source") : source);
  if (expiration) out += ", expires " + internal::FormatTimestamp(*expiration);
  out += ")";
  return out;
}

}  // namespace view360::aws
