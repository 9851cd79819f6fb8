#include "store/s3_store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "aws/http.h"

namespace view360::store {
namespace {

using json = nlohmann::json;

std::string Unquoted(std::string etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return etag;
}

ObjectInfo InfoFrom(const json& object, std::string key, const char* size_member) {
  ObjectInfo info;
  info.key = std::move(key);
  info.size = object.value(size_member, int64_t{0});
  info.etag = Unquoted(object.value("ETag", ""));
  info.last_modified = object.value("LastModified", "");
  return info;
}

}  // namespace

std::string ContentMd5(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_md5(), nullptr);
  unsigned char encoded[2 * EVP_MAX_MD_SIZE];
  const int n = EVP_EncodeBlock(encoded, digest, static_cast<int>(length));
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<size_t>(n));
}

S3Store::S3Store(std::string location, Options options, aws::AwsClient* client,
                 std::unique_ptr<aws::AwsClient> owned)
    : location_(std::move(location)),
      options_(std::move(options)),
      owned_(std::move(owned)),
      client_(client) {}

std::string S3Store::ObjectKey(const std::string& key) const {
  return options_.prefix.empty() ? key : options_.prefix + "/" + key;
}

void S3Store::AddEncryption(json& params) const {
  if (options_.kms_key_id.empty()) return;
  params["ServerSideEncryption"] = "aws:kms";
  params["SSEKMSKeyId"] = options_.kms_key_id;
}

Status S3Store::Put(const std::string& key, std::string_view bytes) {
  const std::string what = "Put " + key + " in " + location_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(key).WithContext(what));
  const std::string object_key = ObjectKey(key);
  if (static_cast<int64_t>(bytes.size()) >= options_.multipart_threshold) {
    return PutMultipart(object_key, bytes).WithContext(what);
  }
  json params = {{"Bucket", options_.bucket},
                 {"Key", object_key},
                 {"Body", std::string(bytes)},
                 {"ContentMD5", ContentMd5(bytes)}};
  AddEncryption(params);
  return client_->Call("s3", "PutObject", params).status().WithContext(what);
}

Status S3Store::PutMultipart(const std::string& object_key, std::string_view bytes) {
  const auto size = static_cast<int64_t>(bytes.size());
  // Large enough that the body fits in S3's 10,000 parts.
  const int64_t part_size =
      std::max(options_.part_size, (size + kMaxPartCount - 1) / kMaxPartCount);

  json create = {{"Bucket", options_.bucket}, {"Key", object_key}};
  AddEncryption(create);
  auto created = client_->Call("s3", "CreateMultipartUpload", create);
  if (!created.ok()) return created.status();
  const std::string upload_id = created->value("UploadId", "");
  if (upload_id.empty()) return InternalError("CreateMultipartUpload answered without an UploadId");

  // Aborts the upload after `failure`; says so in the message, or that the abort failed too.
  auto abort = [&](const Status& failure) {
    json params = {{"Bucket", options_.bucket}, {"Key", object_key}, {"UploadId", upload_id}};
    auto aborted = client_->Call("s3", "AbortMultipartUpload", params);
    if (aborted.ok()) {
      return Status(failure.code(), failure.message() + " (multipart upload aborted)",
                    failure.reason());
    }
    return Status(failure.code(),
                  failure.message() + "; aborting multipart upload " + upload_id +
                      " failed too, a bucket lifecycle rule (AbortIncompleteMultipartUpload) "
                      "removes it: " +
                      aborted.status().message(),
                  failure.reason());
  };

  // Part numbers are 1-based on the wire; offsets 0-based here.
  json parts = json::array();
  int part_number = 1;
  for (int64_t offset = 0; offset < size; offset += part_size, ++part_number) {
    const std::string_view part =
        bytes.substr(static_cast<size_t>(offset), static_cast<size_t>(part_size));
    json params = {{"Bucket", options_.bucket}, {"Key", object_key},
                   {"PartNumber", part_number}, {"UploadId", upload_id},
                   {"Body", std::string(part)}, {"ContentMD5", ContentMd5(part)}};
    auto uploaded = client_->Call("s3", "UploadPart", params);
    if (!uploaded.ok()) {
      return abort(uploaded.status().WithContext("UploadPart " + std::to_string(part_number)));
    }
    parts.push_back({{"ETag", uploaded->value("ETag", "")}, {"PartNumber", part_number}});
  }

  json complete = {{"Bucket", options_.bucket},
                   {"Key", object_key},
                   {"UploadId", upload_id},
                   {"MultipartUpload", {{"Parts", parts}}}};
  auto completed = client_->Call("s3", "CompleteMultipartUpload", complete);
  if (completed.ok()) return OkStatus();

  // A Complete that timed out or whose answer was lost may have worked: then the upload is gone
  // (the abort answers NoSuchUpload) and the object is there, whole.
  const Status failure = completed.status();
  json params = {{"Bucket", options_.bucket}, {"Key", object_key}, {"UploadId", upload_id}};
  auto aborted = client_->Call("s3", "AbortMultipartUpload", params);
  if (aborted.ok()) {
    return Status(failure.code(), failure.message() + " (multipart upload aborted)",
                  failure.reason());
  }
  if (aborted.status().reason() == "NoSuchUpload") {
    auto head = Head(object_key);
    if (head.ok() && head->size == size) return OkStatus();
  }
  return Status(failure.code(),
                failure.message() + "; aborting multipart upload " + upload_id +
                    " failed too: " + aborted.status().message(),
                failure.reason());
}

Result<std::string> S3Store::Get(const std::string& key) {
  const std::string what = "Get " + key + " from " + location_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(key).WithContext(what));
  auto got =
      client_->Call("s3", "GetObject", {{"Bucket", options_.bucket}, {"Key", ObjectKey(key)}});
  if (!got.ok()) return got.status().WithContext(what);
  auto body = got->find("Body");
  if (body == got->end() || !body->is_string()) return std::string();
  return std::move(body->get_ref<std::string&>());
}

Result<std::vector<ObjectInfo>> S3Store::List(const std::string& prefix) {
  const std::string what = "List " + prefix + " in " + location_;
  VIEW360_RETURN_IF_ERROR(ValidatePrefix(prefix).WithContext(what));
  const std::string root = options_.prefix.empty() ? "" : options_.prefix + "/";
  std::vector<ObjectInfo> objects;
  json params = {{"Bucket", options_.bucket}, {"Prefix", root + prefix}};
  Status listed = client_->Paginate("s3", "ListObjectsV2", params, [&](const json& page) {
    const auto contents = page.find("Contents");
    if (contents == page.end() || !contents->is_array()) return OkStatus();
    for (const json& object : *contents) {
      std::string object_key = object.value("Key", "");
      if (!object_key.starts_with(root)) continue;  // S3 only lists what starts with it.
      objects.push_back(InfoFrom(object, object_key.substr(root.size()), "Size"));
    }
    return OkStatus();
  });
  if (!listed.ok()) return listed.WithContext(what);
  std::sort(objects.begin(), objects.end(),
            [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
  return objects;
}

Result<ObjectInfo> S3Store::Head(const std::string& object_key) {
  auto head = client_->Call("s3", "HeadObject", {{"Bucket", options_.bucket}, {"Key", object_key}});
  if (!head.ok()) return head.status();
  return InfoFrom(*head, object_key, "ContentLength");
}

Result<ObjectInfo> S3Store::Stat(const std::string& key) {
  const std::string what = "Stat " + key + " in " + location_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(key).WithContext(what));
  auto head = Head(ObjectKey(key));
  if (!head.ok()) return head.status().WithContext(what);
  head->key = key;
  return head;
}

Status S3Store::Move(const std::string& from_key, const std::string& to_key) {
  const std::string what = "Move " + from_key + " to " + to_key + " in " + location_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(from_key).WithContext(what));
  VIEW360_RETURN_IF_ERROR(ValidateKey(to_key).WithContext(what));
  if (from_key == to_key) return InvalidArgumentError(what + ": the keys are the same");
  const std::string from = ObjectKey(from_key);
  // x-amz-copy-source is "bucket/key", URL-encoded except for '/' (as botocore's
  // handle_copy_source_param does).
  json copy = {{"Bucket", options_.bucket},
               {"Key", ObjectKey(to_key)},
               {"CopySource", aws::UriEncode(options_.bucket + "/" + from, /*keep_slash=*/true)}};
  AddEncryption(copy);
  auto copied = client_->Call("s3", "CopyObject", copy);
  if (!copied.ok()) return copied.status().WithContext(what + ": CopyObject");
  auto deleted = client_->Call("s3", "DeleteObject", {{"Bucket", options_.bucket}, {"Key", from}});
  if (!deleted.ok()) {
    return deleted.status().WithContext(what +
                                        ": copied, but DeleteObject of the source failed "
                                        "(both keys exist; moving again is safe)");
  }
  return OkStatus();
}

Status S3Store::Delete(const std::string& key) {
  const std::string what = "Delete " + key + " in " + location_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(key).WithContext(what));
  auto deleted =
      client_->Call("s3", "DeleteObject", {{"Bucket", options_.bucket}, {"Key", ObjectKey(key)}});
  return deleted.status().WithContext(what);
}

}  // namespace view360::store
