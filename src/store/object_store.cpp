#include "store/object_store.h"

#include <algorithm>

#include "store/directory_store.h"
#include "store/s3_store.h"

namespace view360::store {
namespace {

constexpr size_t kMaxKeyBytes = 1024;  // S3's limit on a key's UTF-8 bytes.
constexpr std::string_view kS3Scheme = "s3://";

std::string Printable(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 200)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  if (text.size() > 200) out += "...";
  return out;
}

// Checks key's characters and segments; allow_partial_last: a prefix's last segment may be
// empty (it ends with '/') or anything a key's last segment may start with.
Status ValidatePath(std::string_view what, std::string_view key, bool allow_partial_last) {
  auto refuse = [&](const std::string& why) {
    return InvalidArgumentError("refused " + std::string(what) + " \"" + Printable(key) +
                                "\": " + why);
  };
  if (key.size() > kMaxKeyBytes) {
    return refuse("longer than " + std::to_string(kMaxKeyBytes) + " bytes");
  }
  for (const char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0) return refuse("it contains a NUL byte");
    if (byte < 0x20 || byte == 0x7f) return refuse("it contains a control character");
    if (c == '\\') return refuse("it contains a backslash (keys use '/')");
  }
  if (key.empty()) {
    return allow_partial_last ? OkStatus() : refuse("it is empty");
  }
  if (key.front() == '/') return refuse("it is absolute (keys are relative to the location)");
  size_t start = 0;
  while (true) {
    const size_t slash = key.find('/', start);
    const bool last = slash == std::string_view::npos;
    const std::string_view segment =
        key.substr(start, last ? std::string_view::npos : slash - start);
    if (segment == "..") return refuse("it has a \"..\" segment");
    if (segment == "." && !(last && allow_partial_last)) return refuse("it has a \".\" segment");
    if (segment.empty() && !(last && allow_partial_last)) {
      return refuse(last ? "it ends with '/'" : "it has an empty segment (\"//\")");
    }
    if (segment.starts_with(".view360-tmp")) {
      return refuse("a segment starts with \".view360-tmp\" (reserved for temporary files)");
    }
    if (last) break;
    start = slash + 1;
  }
  return OkStatus();
}

}  // namespace

Status ValidateKey(std::string_view key) { return ValidatePath("key", key, false); }

Status ValidatePrefix(std::string_view prefix) { return ValidatePath("prefix", prefix, true); }

Result<std::unique_ptr<ObjectStore>> OpenStore(const std::string& location,
                                               const StoreOptions& options) {
  if (location.empty()) return InvalidArgumentError("empty store location");
  const size_t scheme = location.find("://");
  if (scheme != std::string::npos && !location.starts_with(kS3Scheme)) {
    return InvalidArgumentError("store location \"" + location +
                                "\": only s3:// URLs and directory paths are supported");
  }
  if (!location.starts_with(kS3Scheme)) {
    VIEW360_ASSIGN_OR_RETURN(auto store, DirectoryStore::Open(location));
    return std::unique_ptr<ObjectStore>(std::move(store));
  }

  const std::string rest = location.substr(kS3Scheme.size());
  const size_t slash = rest.find('/');
  const std::string bucket = rest.substr(0, slash);
  std::string prefix = slash == std::string::npos ? "" : rest.substr(slash + 1);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (bucket.empty()) {
    return InvalidArgumentError("store location \"" + location + "\" has no bucket name");
  }
  if (!prefix.empty()) {
    Status valid = ValidateKey(prefix);
    if (!valid.ok()) return valid.WithContext("store location \"" + location + "\"");
  }

  S3Store::Options s3;
  s3.bucket = bucket;
  s3.prefix = prefix;
  s3.kms_key_id = options.kms_key_id;
  // Clamped here, once: S3 refuses parts under 5 MiB (but the last) and more than 10,000 parts
  // per upload, and single PUTs over 5 GiB.
  s3.part_size = std::max(options.part_size, kMinPartSize);
  s3.multipart_threshold = std::clamp<int64_t>(options.multipart_threshold, 1, kMaxSinglePutSize);

  std::unique_ptr<aws::AwsClient> owned;
  aws::AwsClient* client = options.s3_client;
  if (client == nullptr) {
    if (!options.make_s3_client) {
      return InvalidArgumentError("store location \"" + location +
                                  "\" is an S3 bucket but no S3 client was given");
    }
    auto made = options.make_s3_client();
    if (!made.ok()) return made.status().WithContext("S3 client for " + location);
    owned = std::move(made).value();
    client = owned.get();
  }
  return std::unique_ptr<ObjectStore>(
      std::make_unique<S3Store>(location, std::move(s3), client, std::move(owned)));
}

}  // namespace view360::store
