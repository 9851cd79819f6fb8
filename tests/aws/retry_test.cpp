// Retry decisions and backoff (standard mode, full jitter, no retry quota).
#include "aws/retry.h"

#include <gtest/gtest.h>

namespace view360::aws {
namespace {

Status AwsError(StatusCode code, const std::string& aws_code, const std::string& message = "") {
  return Status(code, aws_code + ": " + message, aws_code);
}

TEST(RetryTest, ThrottlingCodesAreRetriedWhateverTheirStatusCode) {
  for (const char* code :
       {"Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "SlowDown", "RequestThrottled"}) {
    EXPECT_TRUE(IsThrottlingCode(code)) << code;
    EXPECT_TRUE(IsRetryable(AwsError(StatusCode::kInvalidArgument, code))) << code;
  }
}

TEST(RetryTest, FiveHundredsTimeoutsAndResetsAreRetried) {
  EXPECT_TRUE(IsRetryable(AwsError(StatusCode::kUnavailable, "InternalFailure")));
  EXPECT_TRUE(IsRetryable(Status(StatusCode::kUnavailable, "connection reset", "ConnectionError")));
  EXPECT_TRUE(IsRetryable(Status(StatusCode::kDeadlineExceeded, "timed out", "Timeout")));
  EXPECT_TRUE(IsRetryable(AwsError(StatusCode::kInvalidArgument, "RequestTimeout")));
}

TEST(RetryTest, OtherClientErrorsAreNeverRetried) {
  EXPECT_FALSE(IsRetryable(AwsError(StatusCode::kPermissionDenied, "AccessDeniedException")));
  EXPECT_FALSE(IsRetryable(AwsError(StatusCode::kInvalidArgument, "ValidationException")));
  EXPECT_FALSE(IsRetryable(AwsError(StatusCode::kNotFound, "NoSuchKey")));
  EXPECT_FALSE(
      IsRetryable(AwsError(StatusCode::kFailedPrecondition, "SubscriptionRequiredException")));
  EXPECT_FALSE(IsRetryable(OkStatus()));
}

TEST(RetryTest, ClockSkewIsRecognised) {
  EXPECT_TRUE(IsClockSkewError(AwsError(StatusCode::kPermissionDenied, "RequestTimeTooSkewed")));
  EXPECT_TRUE(IsClockSkewError(
      AwsError(StatusCode::kPermissionDenied, "SignatureDoesNotMatch", "Signature expired: ...")));
  EXPECT_FALSE(IsClockSkewError(AwsError(StatusCode::kPermissionDenied, "SignatureDoesNotMatch",
                                         "The request signature...")));
}

TEST(BackoffTest, FullJitterUnderAnExponentialCeilingWithACap) {
  RetryOptions options;  // base 1 s, cap 20 s.
  auto top = [] { return 0.999999; };
  EXPECT_NEAR(Backoff(options, 0, top).count(), 1000, 1);
  EXPECT_NEAR(Backoff(options, 1, top).count(), 2000, 1);
  EXPECT_NEAR(Backoff(options, 3, top).count(), 8000, 1);
  EXPECT_NEAR(Backoff(options, 10, top).count(), 20000, 1);
  EXPECT_EQ(Backoff(options, 3, [] { return 0.0; }).count(), 0);
  EXPECT_EQ(Backoff(options, 2, [] { return 0.5; }).count(), 2000);
  for (int i = 0; i < 100; ++i) {
    auto wait = Backoff(options, 4);
    EXPECT_GE(wait.count(), 0);
    EXPECT_LT(wait.count(), 16000);
  }
}

}  // namespace
}  // namespace view360::aws
