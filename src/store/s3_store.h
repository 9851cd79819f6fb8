// S3Store: the ObjectStore in an S3 bucket, under an optional key prefix; key "a/b.json" of
// s3://bucket/pre is the object "pre/a/b.json".
//
// Put sends a body under the multipart threshold as one PutObject, larger ones as a multipart
// upload (CreateMultipartUpload, UploadPart per part, CompleteMultipartUpload). Every body and
// part carries Content-MD5, so S3 refuses bytes damaged on the way. A multipart upload that
// fails is aborted (AbortMultipartUpload), so neither a partial object nor a pending upload
// (which S3 would bill for) remains; when CompleteMultipartUpload fails in a way that may have
// worked (a timeout), the abort answers NoSuchUpload and HeadObject decides.
//
// With a KMS key, PutObject, CreateMultipartUpload and Move's CopyObject ask for SSE-KMS with
// that key (a copy without SSE parameters would take the bucket's default instead).
//
// Parts are sent one after another: documents are a few MiB, and the client's connections and
// rate limits are shared with the collectors.
//
// Thread-safety: all operations may run at once (AwsClient is thread-safe).
#pragma once

#include <memory>
#include <string>

#include "aws/client.h"
#include "store/object_store.h"

namespace view360::store {

class S3Store final : public ObjectStore {
 public:
  struct Options {
    std::string bucket;
    std::string prefix;  // Without leading or trailing '/'; "" for the bucket's root.
    std::string kms_key_id;
    int64_t multipart_threshold = kDefaultMultipartThreshold;  // Clamped by OpenStore.
    int64_t part_size = kDefaultPartSize;                      // >= kMinPartSize.
  };

  // client: calls S3; must outlive the store unless it is `owned`.
  S3Store(std::string location, Options options, aws::AwsClient* client,
          std::unique_ptr<aws::AwsClient> owned = nullptr);

  const std::string& location() const override { return location_; }
  Status Put(const std::string& key, std::string_view bytes) override;
  Result<std::string> Get(const std::string& key) override;
  Result<std::vector<ObjectInfo>> List(const std::string& prefix) override;
  Result<ObjectInfo> Stat(const std::string& key) override;
  Status Move(const std::string& from_key, const std::string& to_key) override;
  Status Delete(const std::string& key) override;

 private:
  std::string ObjectKey(const std::string& key) const;
  void AddEncryption(nlohmann::json& params) const;
  Status PutMultipart(const std::string& object_key, std::string_view bytes);
  Result<ObjectInfo> Head(const std::string& object_key);

  const std::string location_;
  const Options options_;
  std::unique_ptr<aws::AwsClient> owned_;
  aws::AwsClient* const client_;
};

// base64 of the MD5 of bytes: the value of a Content-MD5 header (RFC 1864).
std::string ContentMd5(std::string_view bytes);

}  // namespace view360::store
