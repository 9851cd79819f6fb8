// SigV4 signing throughput, against the raw cost of its cryptography measured in the same run.
//
// BM_Baseline_OpenSslPrimitives is what no SigV4 signer can avoid: the four HMAC-SHA256 of the
// signing key chain plus one SHA-256 of a 1 KiB body, called on OpenSSL directly. The other
// benchmarks sign a typical JSON POST (DynamoDB ListTables-like, 1 KiB body) and presign an S3
// GetObject, with and without the SigningKeyCache. Ratios to the baseline are in
// docs/PERFORMANCE.md, with the command that reproduces them.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "aws/sigv4.h"

namespace view360::aws {
namespace {

constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::size_t kBodySize = 1024;

Credentials BenchCredentials() {
  Credentials credentials;
  credentials.access_key_id = std::string("AKIDEXAMPLE");
  credentials.secret_access_key = std::string(kSecret);
  credentials.session_token =
      std::string("IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==");
  return credentials;
}

Clock::time_point BenchTime() { return Clock::from_time_t(1709251199); }  // 20240229T235959Z

// Strings moved in rather than assigned from literals: g++ 12 -O3 reports a false -Wrestrict
// for std::string::operator=(const char*) (GCC bug 105329).
HttpRequest MakeRequest(std::string method, std::string endpoint, std::string path) {
  HttpRequest request;
  request.method = std::move(method);
  request.endpoint = std::move(endpoint);
  request.path = std::move(path);
  return request;
}

HttpRequest JsonPost() {
  HttpRequest request = MakeRequest("POST", "https://dynamodb.us-east-1.amazonaws.com", "/");
  request.headers = {{"Content-Type", "application/x-amz-json-1.0"},
                     {"X-Amz-Target", "DynamoDB_20120810.ListTables"},
                     {"User-Agent", "view360/0.1.0"}};
  // {"ExclusiveStartTableName": "xxx...x"}, kBodySize bytes.
  constexpr std::string_view kPrefix = R"({"ExclusiveStartTableName": ")";
  request.body.assign(kBodySize, 'x');
  request.body.replace(0, kPrefix.size(), kPrefix);
  request.body.replace(kBodySize - 2, 2, "\"}");
  return request;
}

HttpRequest S3GetObject() {
  return MakeRequest("GET", "https://examplebucket.s3.us-east-1.amazonaws.com",
                     "/data/2024/02/29/account-123456789012/inventory%20report.json.gz");
}

void BM_Baseline_OpenSslPrimitives(benchmark::State& state) {
  const std::string body = JsonPost().body;
  std::string k_secret = "AWS4";
  k_secret.append(kSecret);
  for (auto _ : state) {
    std::array<unsigned char, 32> key{};
    unsigned int size = 0;
    HMAC(EVP_sha256(), k_secret.data(), static_cast<int>(k_secret.size()),
         reinterpret_cast<const unsigned char*>("20240229"), 8, key.data(), &size);
    HMAC(EVP_sha256(), key.data(), 32, reinterpret_cast<const unsigned char*>("us-east-1"), 9,
         key.data(), &size);
    HMAC(EVP_sha256(), key.data(), 32, reinterpret_cast<const unsigned char*>("dynamodb"), 8,
         key.data(), &size);
    HMAC(EVP_sha256(), key.data(), 32, reinterpret_cast<const unsigned char*>("aws4_request"), 12,
         key.data(), &size);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    EVP_Digest(body.data(), body.size(), digest.data(), &size, EVP_sha256(), nullptr);
    benchmark::DoNotOptimize(key);
    benchmark::DoNotOptimize(digest);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_OpenSslPrimitives);

// The signer appends its headers (or query parameters); dropping them again costs a resize,
// so each iteration signs the same unsigned request without copying its body.
void SignJsonPost(benchmark::State& state, SigningKeyCache* cache) {
  const Credentials credentials = BenchCredentials();
  const SigningOptions options = SigningOptions::ForService("dynamodb", "us-east-1");
  HttpRequest request = JsonPost();
  const std::size_t unsigned_headers = request.headers.size();
  for (auto _ : state) {
    Result<SigningResult> result = SignRequest(request, credentials, options, BenchTime(), cache);
    if (!result.ok()) state.SkipWithError(result.status().message().c_str());
    benchmark::DoNotOptimize(result);
    request.headers.resize(unsigned_headers);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SignJsonPost(benchmark::State& state) { SignJsonPost(state, nullptr); }
BENCHMARK(BM_SignJsonPost);

void BM_SignJsonPost_KeyCache(benchmark::State& state) {
  SigningKeyCache cache;
  SignJsonPost(state, &cache);
}
BENCHMARK(BM_SignJsonPost_KeyCache);

void PresignS3(benchmark::State& state, SigningKeyCache* cache) {
  const Credentials credentials = BenchCredentials();
  const SigningOptions options = SigningOptions::ForService("s3", "us-east-1");
  HttpRequest request = S3GetObject();
  for (auto _ : state) {
    Result<SigningResult> result =
        PresignRequest(request, credentials, options, BenchTime(), cache);
    if (!result.ok()) state.SkipWithError(result.status().message().c_str());
    benchmark::DoNotOptimize(request.Url());
    request.query.clear();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PresignS3GetObject(benchmark::State& state) { PresignS3(state, nullptr); }
BENCHMARK(BM_PresignS3GetObject);

void BM_PresignS3GetObject_KeyCache(benchmark::State& state) {
  SigningKeyCache cache;
  PresignS3(state, &cache);
}
BENCHMARK(BM_PresignS3GetObject_KeyCache);

// The key derivation alone, through the signer's code path, and a cache hit.
void BM_DeriveSigningKey(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(DeriveSigningKey(kSecret, "20240229", "us-east-1", "dynamodb"));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DeriveSigningKey);

void BM_SigningKeyCacheHit(benchmark::State& state) {
  SigningKeyCache cache;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cache.Get(kSecret, "20240229", "us-east-1", "dynamodb"));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SigningKeyCacheHit);

}  // namespace
}  // namespace view360::aws

BENCHMARK_MAIN();
