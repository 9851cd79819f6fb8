// The object store: a directory (atomic replace, a killed writer, hostile keys) and S3 against
// moto (SSE-KMS, Content-MD5, multipart uploads and their abort, pagination, Move).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "aws/client.h"
#include "aws/credential_chain.h"
#include "aws/curl_transport.h"
#include "common/hash.h"
#include "common/process.h"
#include "store/directory_store.h"
#include "store/object_store.h"
#include "store/s3_store.h"
#include "support/moto_server.h"
#include "support/temp_files.h"

namespace view360::store {
namespace {

using nlohmann::json;
using view360::testing::MakeTempDir;
using view360::testing::MotoEndpoint;
using view360::testing::ResetMoto;

namespace fs = std::filesystem;

// Bytes that are not text (NULs, high bytes): what goes in must come out.
std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xff);
  return bytes;
}

std::vector<std::string> KeysOf(const std::vector<ObjectInfo>& objects) {
  std::vector<std::string> keys;
  for (const ObjectInfo& object : objects) keys.push_back(object.key);
  return keys;
}

// Keys an attacker could put in a document or an object listing.
std::vector<std::string> HostileKeys() {
  return {"../escaped.json",
          "data/../../escaped.json",
          "data/..",
          "/etc/passwd",
          std::string("data/a\0.json", 12),
          "data\\..\\escaped.json",
          "data//a.json",
          "data/./a.json",
          "data/",
          "",
          "data/a\n.json",
          "data/.view360-tmp.a.json.XXXXXX",
          std::string(1025, 'k')};
}

// ---------------------------------------------------------------------------------------------
// Directory

class DirectoryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    parent_ = MakeTempDir("store");
    root_ = parent_ + "/bucket";
    auto opened = OpenStore(root_, StoreOptions());
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }
  void TearDown() override { fs::remove_all(parent_); }

  void Put(const std::string& key, const std::string& bytes) {
    const Status put = store_->Put(key, bytes);
    ASSERT_TRUE(put.ok()) << put.message();
  }
  std::vector<std::string> Listed(const std::string& prefix = "") {
    auto listed = store_->List(prefix);
    EXPECT_TRUE(listed.ok()) << listed.status().message();
    return listed.ok() ? KeysOf(*listed) : std::vector<std::string>{};
  }
  // Names in the key's folder, temporary files included.
  std::vector<std::string> FilesIn(const std::string& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(root_ + "/" + folder)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  std::string parent_;
  std::string root_;
  std::unique_ptr<ObjectStore> store_;
};

TEST_F(DirectoryStoreTest, OpenCreatesTheDirectory) {
  EXPECT_TRUE(fs::is_directory(root_));
  EXPECT_EQ(store_->location(), root_);
}

TEST_F(DirectoryStoreTest, PutCreatesFoldersAndGetReturnsTheSameBytes) {
  const std::string bytes = RandomBytes(100000, 1);
  Put("data/123456789012/2025-09-15_DAILY.json", bytes);
  EXPECT_EQ(view360::testing::ReadFile(root_ + "/data/123456789012/2025-09-15_DAILY.json"), bytes);
  auto got = store_->Get("data/123456789012/2025-09-15_DAILY.json");
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(*got, bytes);
  // Owner only: documents describe an organisation.
  struct stat info {};
  ASSERT_EQ(stat((root_ + "/data/123456789012/2025-09-15_DAILY.json").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(DirectoryStoreTest, PutReplacesAndLeavesNoTemporaryFile) {
  Put("data/a.json", "first");
  Put("data/a.json", "second, longer");
  EXPECT_EQ(*store_->Get("data/a.json"), "second, longer");
  EXPECT_EQ(FilesIn("data"), std::vector<std::string>{"a.json"});
}

TEST_F(DirectoryStoreTest, AReaderPollingWhileAWriterReplacesNeverSeesAPartialDocument) {
  // Two documents of different sizes and bytes: any mix or truncation is neither.
  const std::string a(3 * 1024 * 1024 + 17, 'a');
  const std::string b(2 * 1024 * 1024 + 5, 'b');
  Put("data/doc.json", a);
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> bad{0};
  std::thread reader([&] {
    const std::string path = root_ + "/data/doc.json";
    while (!done) {
      std::string seen = view360::testing::ReadFile(path);  // Plain reads, as any other program's.
      if (seen != a && seen != b) ++bad;
      auto got = store_->Get("data/doc.json");
      if (!got.ok() || (*got != a && *got != b)) ++bad;
      ++reads;
    }
  });
  for (int i = 0; i < 100; ++i) Put("data/doc.json", i % 2 == 0 ? b : a);
  done = true;
  reader.join();
  EXPECT_EQ(bad.load(), 0) << "of " << reads.load() << " reads";
  EXPECT_GT(reads.load(), 10);
  EXPECT_EQ(FilesIn("data"), std::vector<std::string>{"doc.json"});
}

TEST_F(DirectoryStoreTest, AWriterKilledMidWriteLeavesNoVisibleDocument) {
  const size_t size = 256u * 1024 * 1024;
  const std::string folder = root_ + "/data/123456789012";
  fs::create_directories(folder);
  std::fflush(nullptr);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = OpenStore(root_, StoreOptions());
    const std::string big(size, 'x');
    const Status put = (*store)->Put("data/123456789012/big.json", big);
    _exit(put.ok() ? 0 : 1);
  }
  // Kill it as soon as its temporary file holds some of the document, but not all of it.
  std::string temp;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (temp.empty() && std::chrono::steady_clock::now() < deadline) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      std::error_code error;
      const auto written = fs::file_size(entry.path(), error);
      if (!error && IsTemporaryName(entry.path().filename().string()) && written > 0 &&
          written < size) {
        kill(child, SIGKILL);
        temp = entry.path().string();
        break;
      }
    }
  }
  int wait_status = 0;
  waitpid(child, &wait_status, 0);
  ASSERT_FALSE(temp.empty()) << "never saw the writer's temporary file";
  ASSERT_TRUE(WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL);

  EXPECT_TRUE(fs::exists(temp));  // What the writer left: only its temporary file...
  EXPECT_FALSE(fs::exists(folder + "/big.json"));
  EXPECT_EQ(store_->Get("data/123456789012/big.json").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Listed().empty());  // ...which List skips.
  // The next writer is not disturbed by it.
  Put("data/123456789012/big.json", "{}");
  EXPECT_EQ(Listed(), std::vector<std::string>{"data/123456789012/big.json"});
}

TEST_F(DirectoryStoreTest, HostileKeysAreRefusedAndTouchNothing) {
  Put("data/a.json", "{}");
  for (const std::string& key : HostileKeys()) {
    SCOPED_TRACE(::testing::PrintToString(key));
    const Status put = store_->Put(key, "owned");
    EXPECT_EQ(put.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(put.message().find("refused key"), std::string::npos) << put.message();
    EXPECT_NE(put.message().find(root_), std::string::npos) << put.message();
    EXPECT_EQ(store_->Get(key).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Stat(key).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Delete(key).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Move("data/a.json", key).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Move(key, "data/b.json").code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(store_->List("../").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->List("/etc/").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(parent_ + "/escaped.json"));
  EXPECT_EQ(Listed(), std::vector<std::string>{"data/a.json"});
  EXPECT_EQ(*store_->Get("data/a.json"), "{}");
}

TEST_F(DirectoryStoreTest, ListWalksFoldersSortedAndKeepsToThePrefix) {
  Put("data/222/2025-09-15_DAILY.json", "1");
  Put("data/111/2025-09-16_DAILY.json", "22");
  Put("data/111/2025-09-15_DAILY.json", "333");
  Put("loaded/111/2025-09-14_DAILY.json", "4444");
  Put("data1.json", "5");
  EXPECT_EQ(Listed(), (std::vector<std::string>{"data/111/2025-09-15_DAILY.json",
                                                "data/111/2025-09-16_DAILY.json",
                                                "data/222/2025-09-15_DAILY.json", "data1.json",
                                                "loaded/111/2025-09-14_DAILY.json"}));
  EXPECT_EQ(Listed("data/"), (std::vector<std::string>{"data/111/2025-09-15_DAILY.json",
                                                       "data/111/2025-09-16_DAILY.json",
                                                       "data/222/2025-09-15_DAILY.json"}));
  EXPECT_EQ(Listed("data/111/2025-09-15"),
            std::vector<std::string>{"data/111/2025-09-15_DAILY.json"});
  EXPECT_TRUE(Listed("failed/").empty());
  auto listed = store_->List("loaded/");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].size, 4);
  EXPECT_EQ((*listed)[0].last_modified.size(), 20u) << (*listed)[0].last_modified;
}

TEST_F(DirectoryStoreTest, StatGivesSizeSha256AndModificationTime) {
  Put("data/a.json", "hello");
  auto stat = store_->Stat("data/a.json");
  ASSERT_TRUE(stat.ok()) << stat.status().message();
  EXPECT_EQ(stat->key, "data/a.json");
  EXPECT_EQ(stat->size, 5);
  EXPECT_EQ(stat->etag, Sha256Hex("hello"));
  EXPECT_EQ(stat->last_modified.substr(0, 2), "20");
  EXPECT_EQ(stat->last_modified.back(), 'Z');
}

TEST_F(DirectoryStoreTest, MoveRenamesIntoANewFolderAndReplacesTheTarget) {
  Put("data/111/a.json", "new");
  Put("loaded/111/a.json", "old");
  ASSERT_TRUE(store_->Move("data/111/a.json", "loaded/111/a.json").ok());
  EXPECT_EQ(*store_->Get("loaded/111/a.json"), "new");
  EXPECT_EQ(Listed(), std::vector<std::string>{"loaded/111/a.json"});
  Put("data/222/b.json", "b");
  ASSERT_TRUE(store_->Move("data/222/b.json", "failed/222/b.json").ok());
  EXPECT_EQ(*store_->Get("failed/222/b.json"), "b");
}

TEST_F(DirectoryStoreTest, MissingKeysAreNotFoundAndNamedInTheMessage) {
  const auto got = store_->Get("data/missing.json");
  EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
  EXPECT_NE(got.status().message().find("data/missing.json"), std::string::npos);
  EXPECT_NE(got.status().message().find(root_), std::string::npos);
  EXPECT_EQ(store_->Stat("data/missing.json").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Move("data/missing.json", "loaded/missing.json").code(), StatusCode::kNotFound);
  Put("data/folder/a.json", "a");
  EXPECT_EQ(store_->Get("data/folder").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->Delete("data/missing.json").ok());  // As S3: deleting nothing is fine.
  EXPECT_TRUE(store_->Delete("data/folder/a.json").ok());
  EXPECT_EQ(store_->Get("data/folder/a.json").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Move("data/a.json", "data/a.json").code(), StatusCode::kInvalidArgument);
}

TEST(OpenStoreTest, RefusesMalformedLocations) {
  EXPECT_EQ(OpenStore("", StoreOptions()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("s3://", StoreOptions()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("gs://bucket/data", StoreOptions()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("s3:///prefix", StoreOptions()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("s3://bucket/../up", StoreOptions()).status().code(),
            StatusCode::kInvalidArgument);
  const auto no_client = OpenStore("s3://bucket/prefix", StoreOptions());
  EXPECT_EQ(no_client.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(no_client.status().message().find("no S3 client"), std::string::npos);
  const std::string file = MakeTempDir("store") + "/file";
  view360::testing::WriteFile(file, "x");
  EXPECT_EQ(OpenStore(file, StoreOptions()).status().code(), StatusCode::kFailedPrecondition);
}

// ---------------------------------------------------------------------------------------------
// S3, against moto

// Passes requests to the real transport, recording them; a test may fail chosen ones or
// change them on the way (moto does not check signatures).
class RecordingTransport : public aws::Transport {
 public:
  struct Sent {
    std::string method;
    std::string path;
    std::vector<std::pair<std::string, std::string>> query;
    aws::Headers headers;
    size_t body_size = 0;

    bool HasQuery(const std::string& name) const {
      for (const auto& [key, value] : query) {
        if (key == name) return true;
      }
      return false;
    }
  };
  // Returns a non-OK Status to fail the request without sending it.
  std::function<Status(aws::HttpRequest&)> hook;
  // True: the request reaches the server, but its answer is lost on the way back.
  std::function<bool(const aws::HttpRequest&)> lose_answer;

  Result<aws::HttpResponse> Send(const aws::HttpRequest& request) override {
    aws::HttpRequest copy = request;
    {
      std::lock_guard<std::mutex> lock(mu_);
      sent_.push_back(Sent{copy.method, copy.path, copy.query, copy.headers, copy.body.size()});
    }
    if (hook) {
      Status status = hook(copy);
      if (!status.ok()) return status;
    }
    auto response = real_.Send(copy);
    if (lose_answer && lose_answer(copy)) {
      return Status(StatusCode::kDeadlineExceeded, "timed out waiting for the answer");
    }
    return response;
  }
  std::vector<Sent> sent() {
    std::lock_guard<std::mutex> lock(mu_);
    return sent_;
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    sent_.clear();
  }

 private:
  aws::CurlTransport real_;
  std::mutex mu_;
  std::vector<Sent> sent_;
};

constexpr char kBucket[] = "view360-data";

json MotoS3(const std::string& step, const json& args = json::object()) {
  const std::string script = std::string(VIEW360_STORE_TEST_DIR) + "/moto_s3.py";
  auto run = RunProcess({"python3", script, MotoEndpoint(), step, args.dump()});
  EXPECT_TRUE(run.ok()) << run.status().message();
  if (!run.ok()) return nullptr;
  EXPECT_EQ(run->exit_code, 0) << run->output;
  const size_t line = run->output.rfind("\n{");
  return json::parse(line == std::string::npos ? run->output : run->output.substr(line + 1),
                     nullptr, false);
}

class S3StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ResetMoto();
    aws::Credentials keys;
    keys.access_key_id = "testing";
    keys.secret_access_key = "testing";
    credentials_ = std::make_unique<aws::StaticProvider>(keys);
    aws::AwsClient::Dependencies deps;
    deps.transport = &transport_;
    deps.credentials = credentials_.get();
    aws::ClientOptions options;
    options.region = "us-east-1";
    options.endpoint_url = MotoEndpoint();
    options.retry.max_attempts = 2;
    options.retry.base = std::chrono::milliseconds(5);
    client_ = std::make_unique<aws::AwsClient>(deps, options);
    auto bucket = client_->Call("s3", "CreateBucket", {{"Bucket", kBucket}});
    ASSERT_TRUE(bucket.ok()) << bucket.status().message();
    const json key = MotoS3("create_kms_key");
    ASSERT_TRUE(key.is_object()) << key;
    kms_key_arn_ = key["Arn"].get<std::string>();
  }

  std::unique_ptr<ObjectStore> Open(const std::string& location, StoreOptions options) {
    options.s3_client = client_.get();
    auto opened = OpenStore(location, options);
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    return opened.ok() ? std::move(opened).value() : nullptr;
  }
  StoreOptions WithKms() const {
    StoreOptions options;
    options.kms_key_id = kms_key_arn_;
    return options;
  }
  json HeadObject(const std::string& object_key) {
    auto head = client_->Call("s3", "HeadObject", {{"Bucket", kBucket}, {"Key", object_key}});
    EXPECT_TRUE(head.ok()) << head.status().message();
    return head.ok() ? *head : json();
  }
  std::vector<RecordingTransport::Sent> SentWith(const std::string& query_name) {
    std::vector<RecordingTransport::Sent> out;
    for (const auto& sent : transport_.sent()) {
      if (sent.HasQuery(query_name)) out.push_back(sent);
    }
    return out;
  }

  RecordingTransport transport_;
  std::unique_ptr<aws::CredentialsProvider> credentials_;
  std::unique_ptr<aws::AwsClient> client_;
  std::string kms_key_arn_;
};

TEST_F(S3StoreTest, SmallPutIsOnePutObjectWithContentMd5AndSseKms) {
  auto store = Open(std::string("s3://") + kBucket + "/org", WithKms());
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(1000, 2);
  transport_.Clear();
  const Status put = store->Put("data/111/2025-09-15_DAILY.json", bytes);
  ASSERT_TRUE(put.ok()) << put.message();

  const auto sent = transport_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "PUT");
  EXPECT_EQ(sent[0].path, std::string("/") + kBucket + "/org/data/111/2025-09-15_DAILY.json");
  EXPECT_EQ(aws::FindHeader(sent[0].headers, "Content-MD5"), ContentMd5(bytes));
  EXPECT_EQ(aws::FindHeader(sent[0].headers, "x-amz-server-side-encryption"), "aws:kms");

  const json head = HeadObject("org/data/111/2025-09-15_DAILY.json");
  EXPECT_EQ(head.value("ServerSideEncryption", ""), "aws:kms");
  EXPECT_EQ(head.value("SSEKMSKeyId", ""), kms_key_arn_);
  EXPECT_EQ(*store->Get("data/111/2025-09-15_DAILY.json"), bytes);
  auto stat = store->Stat("data/111/2025-09-15_DAILY.json");
  ASSERT_TRUE(stat.ok()) << stat.status().message();
  EXPECT_EQ(stat->key, "data/111/2025-09-15_DAILY.json");
  EXPECT_EQ(stat->size, 1000);
  EXPECT_FALSE(stat->etag.empty());
  EXPECT_NE(stat->etag.front(), '"');  // Without the quotes of the header.
  EXPECT_EQ(stat->last_modified.back(), 'Z');
}

TEST(ContentMd5Test, IsBase64OfTheBinaryDigest) {
  // RFC 1864's Content-MD5 is base64 of the binary digest (not of the hex text).
  EXPECT_EQ(ContentMd5(""), "1B2M2Y8AsgTpgAmY7PhCfg==");
  EXPECT_EQ(ContentMd5("hello"), "XUFAKrxLKna5cZ2REBfFkg==");
}

TEST_F(S3StoreTest, WithoutAKeyNoSseParametersAreSent) {
  auto store = Open(std::string("s3://") + kBucket, StoreOptions());
  ASSERT_NE(store, nullptr);
  transport_.Clear();
  ASSERT_TRUE(store->Put("data/a.json", "{}").ok());
  ASSERT_EQ(transport_.sent().size(), 1u);
  EXPECT_FALSE(aws::FindHeader(transport_.sent()[0].headers, "x-amz-server-side-encryption"));
  EXPECT_EQ(*store->Get("data/a.json"), "{}");
}

TEST_F(S3StoreTest, LargePutIsAMultipartUploadWithSseKmsAndMd5PerPart) {
  StoreOptions options = WithKms();
  options.multipart_threshold = 5 * kMiB;
  options.part_size = 5 * kMiB;
  auto store = Open(std::string("s3://") + kBucket + "/org", options);
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(11 * kMiB, 3);
  transport_.Clear();
  const Status put = store->Put("data/111/big.json", bytes);
  ASSERT_TRUE(put.ok()) << put.message();

  // Parts of 5, 5 and 1 MiB, numbered from 1, each with the MD5 of its own bytes.
  const auto parts = SentWith("partNumber");
  ASSERT_EQ(parts.size(), 3u);
  const size_t sizes[] = {5 * kMiB, 5 * kMiB, 1 * kMiB};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(parts[i].body_size, sizes[i]);
    const std::string part = bytes.substr(i * 5 * kMiB, sizes[i]);
    EXPECT_EQ(aws::FindHeader(parts[i].headers, "Content-MD5"), ContentMd5(part));
    EXPECT_TRUE(parts[i].HasQuery("uploadId"));
  }
  const auto created = SentWith("uploads");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(aws::FindHeader(created[0].headers, "x-amz-server-side-encryption-aws-kms-key-id"),
            kms_key_arn_);

  const json head = HeadObject("org/data/111/big.json");
  EXPECT_EQ(head.value("ServerSideEncryption", ""), "aws:kms");
  EXPECT_EQ(head.value("SSEKMSKeyId", ""), kms_key_arn_);
  EXPECT_EQ(head.value("ContentLength", int64_t{0}), static_cast<int64_t>(bytes.size()));
  auto got = store->Get("data/111/big.json");
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_TRUE(*got == bytes) << "the bytes read back differ";
  auto listed = store->List("data/");
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  ASSERT_EQ(KeysOf(*listed), std::vector<std::string>{"data/111/big.json"});
  EXPECT_EQ((*listed)[0].size, static_cast<int64_t>(bytes.size()));
  EXPECT_TRUE((*listed)[0].etag.ends_with("-3")) << (*listed)[0].etag;  // Three parts.
  EXPECT_TRUE(MotoS3("multipart_uploads", {{"Bucket", kBucket}})["Uploads"].empty());

  // The receiver's move keeps the encryption with our key.
  const Status moved = store->Move("data/111/big.json", "loaded/111/big.json");
  ASSERT_TRUE(moved.ok()) << moved.message();
  EXPECT_EQ(KeysOf(*store->List("")), std::vector<std::string>{"loaded/111/big.json"});
  const json loaded = HeadObject("org/loaded/111/big.json");
  EXPECT_EQ(loaded.value("ServerSideEncryption", ""), "aws:kms");
  EXPECT_EQ(loaded.value("SSEKMSKeyId", ""), kms_key_arn_);
  EXPECT_TRUE(*store->Get("loaded/111/big.json") == bytes);
}

TEST_F(S3StoreTest, AMultipartUploadThatFailsMidwayLeavesNoObjectAndNoPendingUpload) {
  StoreOptions options = WithKms();
  options.multipart_threshold = 5 * kMiB;
  options.part_size = 5 * kMiB;
  auto store = Open(std::string("s3://") + kBucket, options);
  ASSERT_NE(store, nullptr);
  // The second part never arrives: the connection "resets" on every attempt.
  transport_.hook = [](aws::HttpRequest& request) {
    for (const auto& [name, value] : request.query) {
      if (name == "partNumber" && value == "2") return UnavailableError("connection reset");
    }
    return OkStatus();
  };
  const Status put = store->Put("data/111/big.json", RandomBytes(11 * kMiB, 4));
  transport_.hook = nullptr;

  EXPECT_EQ(put.code(), StatusCode::kUnavailable);
  EXPECT_NE(put.message().find("data/111/big.json"), std::string::npos) << put.message();
  EXPECT_NE(put.message().find("UploadPart 2"), std::string::npos) << put.message();
  EXPECT_NE(put.message().find("aborted"), std::string::npos) << put.message();
  int aborts = 0;
  for (const auto& sent : transport_.sent()) {
    if (sent.method == "DELETE" && sent.HasQuery("uploadId")) ++aborts;
  }
  EXPECT_EQ(aborts, 1);
  EXPECT_TRUE(SentWith("partNumber").size() >= 2u);
  EXPECT_EQ(store->Stat("data/111/big.json").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store->List("")->empty());
  const json uploads = MotoS3("multipart_uploads", {{"Bucket", kBucket}});
  EXPECT_TRUE(uploads["Uploads"].empty()) << uploads;
}

TEST_F(S3StoreTest, ACompletionWhoseAnswerIsLostButWhichWorkedIsASuccess) {
  StoreOptions options;
  options.multipart_threshold = 5 * kMiB;
  options.part_size = 5 * kMiB;
  auto store = Open(std::string("s3://") + kBucket, options);
  ASSERT_NE(store, nullptr);
  // S3 completes the upload, but no answer arrives: the retry (if any) and the abort are told
  // NoSuchUpload, and HeadObject finds the whole object.
  transport_.lose_answer = [](const aws::HttpRequest& request) {
    return request.method == "POST" && !request.query.empty() &&
           request.query[0].first == "uploadId";
  };
  const std::string bytes = RandomBytes(6 * kMiB, 6);
  const Status put = store->Put("data/a.json", bytes);
  transport_.lose_answer = nullptr;
  ASSERT_TRUE(put.ok()) << put.message();
  EXPECT_TRUE(*store->Get("data/a.json") == bytes);
  int aborts = 0;
  for (const auto& sent : transport_.sent()) {
    if (sent.method == "DELETE" && sent.HasQuery("uploadId")) ++aborts;
  }
  EXPECT_EQ(aborts, 1);
}

TEST_F(S3StoreTest, PartSizeBelowS3sMinimumIsRaisedToFiveMiB) {
  StoreOptions options;
  options.multipart_threshold = 1;
  options.part_size = 1024;  // S3 would refuse to complete an upload of such parts.
  auto store = Open(std::string("s3://") + kBucket, options);
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(6 * kMiB, 5);
  transport_.Clear();
  const Status put = store->Put("data/a.json", bytes);
  ASSERT_TRUE(put.ok()) << put.message();
  const auto parts = SentWith("partNumber");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].body_size, static_cast<size_t>(5 * kMiB));
  EXPECT_EQ(parts[1].body_size, static_cast<size_t>(1 * kMiB));
  EXPECT_TRUE(*store->Get("data/a.json") == bytes);
}

TEST_F(S3StoreTest, ListReadsEveryPageAndGivesKeysRelativeToThePrefix) {
  auto store = Open(std::string("s3://") + kBucket + "/org/", StoreOptions());
  ASSERT_NE(store, nullptr);
  auto outside = client_->Call("s3", "PutObject",
                               {{"Bucket", kBucket}, {"Key", "orgx/data/1.json"}, {"Body", "x"}});
  ASSERT_TRUE(outside.ok()) << outside.status().message();
  for (const char* key : {"data/3.json", "data/1.json", "data/5.json", "data/2.json", "data/4.json",
                          "loaded/1.json"}) {
    ASSERT_TRUE(store->Put(key, key).ok());
  }
  // Two keys per page: three pages for data/.
  transport_.Clear();
  transport_.hook = [](aws::HttpRequest& request) {
    if (request.method == "GET" && !request.query.empty() &&
        request.query[0].first == "list-type") {
      request.query.emplace_back("max-keys", "2");
    }
    return OkStatus();
  };
  auto listed = store->List("data/");
  transport_.hook = nullptr;
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  EXPECT_EQ(KeysOf(*listed), (std::vector<std::string>{"data/1.json", "data/2.json", "data/3.json",
                                                       "data/4.json", "data/5.json"}));
  EXPECT_EQ(SentWith("list-type").size(), 3u);
  EXPECT_EQ((*listed)[0].size, 11);
  EXPECT_EQ(KeysOf(*store->List("")).size(), 6u);  // Not orgx/.
}

TEST_F(S3StoreTest, MissingKeysAreNotFoundAndHostileKeysNeverReachTheWire) {
  auto store = Open(std::string("s3://") + kBucket + "/org", StoreOptions());
  ASSERT_NE(store, nullptr);
  const auto got = store->Get("data/missing.json");
  EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
  EXPECT_NE(got.status().message().find("data/missing.json"), std::string::npos);
  EXPECT_NE(got.status().message().find(std::string("s3://") + kBucket + "/org"), std::string::npos)
      << got.status().message();
  EXPECT_EQ(store->Stat("data/missing.json").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->Move("data/missing.json", "loaded/missing.json").code(), StatusCode::kNotFound);
  EXPECT_TRUE(store->Delete("data/missing.json").ok());

  ASSERT_TRUE(store->Put("data/a.json", "{}").ok());
  transport_.Clear();
  for (const std::string& key : HostileKeys()) {
    SCOPED_TRACE(::testing::PrintToString(key));
    EXPECT_EQ(store->Put(key, "owned").code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store->Get(key).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store->Delete(key).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store->Move("data/a.json", key).code(), StatusCode::kInvalidArgument);
  }
  EXPECT_TRUE(transport_.sent().empty());
}

TEST_F(S3StoreTest, MoveCopiesThenDeletesAndKeysWithSpacesSurvive) {
  auto store = Open(std::string("s3://") + kBucket, WithKms());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Put("data/111/a b+c.json", "doc").ok());
  const Status moved = store->Move("data/111/a b+c.json", "loaded/111/a b+c.json");
  ASSERT_TRUE(moved.ok()) << moved.message();
  EXPECT_EQ(KeysOf(*store->List("")), std::vector<std::string>{"loaded/111/a b+c.json"});
  EXPECT_EQ(*store->Get("loaded/111/a b+c.json"), "doc");
  EXPECT_EQ(store->Get("data/111/a b+c.json").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace view360::store
