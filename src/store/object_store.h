// ObjectStore: where documents land, and where the receiver finds, reads and moves them.
//
// Two implementations: a local directory (the default, and the demo's bucket;
// directory_store.h) and an S3 bucket with an optional key prefix (s3_store.h). OpenStore picks
// one from a location string. docs/store.md describes keys, atomicity and the S3 specifics.
//
// Keys are relative to the location ("data/123456789012/2025-09-15_DAILY.json"), always with
// '/' between segments. Keys come from documents and listings, i.e. from outside: every
// operation refuses (kInvalidArgument) a key that is empty, absolute, has an empty, "." or ".."
// segment, a backslash, a NUL or another control character, a segment that starts with
// ".view360-tmp" (the directory store's temporary files), or is longer than S3's 1024 bytes.
//
// A reader never sees half a document: Put replaces a key's contents all at once (a rename in
// a directory, one PutObject or CompleteMultipartUpload in S3), and a Put that fails leaves the
// previous contents, or nothing, never a partial object.
//
// Errors name the operation, the key and the location ("Get data/a.json from s3://b/p: ...");
// codes: kNotFound (no such key), kInvalidArgument (a refused key), kPermissionDenied, and for
// S3 the AWS error classified by the client (reason() = the AWS error code).
//
// Thread-safety: every operation may be called from many threads at once, also from several
// processes on the same location (the receivers of issue 7).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.h"
#include "common/status.h"

namespace view360::store {

// What a listing or Stat says about one object.
struct ObjectInfo {
  std::string key;            // Relative to the location, as given to Put.
  int64_t size = 0;           // Bytes.
  std::string etag;           // S3: the ETag, without quotes. Directory: the SHA-256 (hex) of
                              // the contents from Stat; empty in List (it would read every file).
  std::string last_modified;  // UTC, "2025-09-15T10:20:30Z" (S3 may add ".123Z").
};

// S3's limits on multipart uploads:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
inline constexpr int64_t kMiB = 1024 * 1024;
inline constexpr int64_t kMinPartSize = 5 * kMiB;                // Every part but the last.
inline constexpr int64_t kMaxPartCount = 10000;                  // Parts per upload.
inline constexpr int64_t kMaxSinglePutSize = 5 * 1024 * kMiB;    // One PutObject.
inline constexpr int64_t kDefaultMultipartThreshold = 8 * kMiB;  // As the AWS CLI's.
inline constexpr int64_t kDefaultPartSize = 8 * kMiB;            // As the AWS CLI's.

struct StoreOptions {
  // S3: when set, every PutObject, CreateMultipartUpload and the CopyObject of Move carry
  // ServerSideEncryption=aws:kms and SSEKMSKeyId=kms_key_id (a key id, ARN or alias ARN).
  // Empty: no SSE parameters (the bucket's default encryption applies). Ignored by directories.
  std::string kms_key_id;
  // S3: a body of at least this many bytes goes up as a multipart upload of part_size parts.
  // Clamped once at OpenStore: part_size to at least kMinPartSize (and large enough for
  // kMaxPartCount parts), multipart_threshold to at most kMaxSinglePutSize.
  int64_t multipart_threshold = kDefaultMultipartThreshold;
  int64_t part_size = kDefaultPartSize;
  // S3: the client to call S3 with; it must outlive the store. When null, make_s3_client is
  // called once by OpenStore and the store keeps what it returns.
  aws::AwsClient* s3_client = nullptr;
  std::function<Result<std::unique_ptr<aws::AwsClient>>()> make_s3_client;
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  // The location as opened: "/var/lib/view360/bucket" or "s3://bucket/prefix".
  virtual const std::string& location() const = 0;

  // Stores bytes under key, replacing what was there, all at once (see the header comment).
  // A directory creates the key's parent directories.
  virtual Status Put(const std::string& key, std::string_view bytes) = 0;

  // The bytes stored under key; kNotFound when there is none.
  virtual Result<std::string> Get(const std::string& key) = 0;

  // Every object whose key starts with prefix (a plain string prefix, "" for all; "data/" for a
  // folder), sorted by key. S3: all pages of ListObjectsV2. Directory: a recursive walk that
  // skips the temporary files of Puts in progress (or of writers that died).
  virtual Result<std::vector<ObjectInfo>> List(const std::string& prefix) = 0;

  // Size, ETag/SHA-256 and modification time of key; kNotFound when there is none.
  virtual Result<ObjectInfo> Stat(const std::string& key) = 0;

  // Moves from_key to to_key, replacing to_key. Directory: one rename (atomic). S3: CopyObject
  // then DeleteObject; between the two both keys exist, and a failed DeleteObject is returned
  // as an error with the copy in place (moving again is safe). kNotFound when from_key is
  // absent; kInvalidArgument when both keys are the same.
  virtual Status Move(const std::string& from_key, const std::string& to_key) = 0;

  // Removes key. OK when it was not there (as S3's DeleteObject).
  virtual Status Delete(const std::string& key) = 0;
};

// Opens the store at location: "s3://bucket" or "s3://bucket/prefix" for S3 (needs
// options.s3_client or options.make_s3_client), another "scheme://" is refused, anything else
// is a directory path, created when missing. kInvalidArgument for a malformed location or missing
// client; the directory's errno otherwise.
Result<std::unique_ptr<ObjectStore>> OpenStore(const std::string& location,
                                               const StoreOptions& options);

// OK when key is acceptable (see the header comment); kInvalidArgument naming the problem.
Status ValidateKey(std::string_view key);

// As ValidateKey, but "" is allowed and the last segment may be partial or empty ("data/",
// "data/2025-").
Status ValidatePrefix(std::string_view prefix);

}  // namespace view360::store
