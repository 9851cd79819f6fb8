#include "common/status.h"

#include <gtest/gtest.h>

namespace view360 {
namespace {

Result<int> Half(int n) {
  if (n % 2) return InvalidArgumentError(std::to_string(n) + " is odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  VIEW360_ASSIGN_OR_RETURN(int half, Half(n));
  return Half(half);
}

Status CheckEven(int n) {
  VIEW360_RETURN_IF_ERROR(Half(n).status());
  return OkStatus();
}

TEST(StatusTest, ValuesAndErrorsPropagate) {
  EXPECT_EQ(*Quarter(8), 2);
  auto odd = Quarter(6);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(odd.status().ToString(), "INVALID_ARGUMENT: 3 is odd");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).message(), "5 is odd");
}

TEST(StatusTest, ContextIsPrependedAndTheCodeKept) {
  Status s = UnavailableError("connection reset").WithContext("loading data/1.json");
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(s.message(), "loading data/1.json: connection reset");
  EXPECT_TRUE(OkStatus().WithContext("anything").ok());
}

TEST(StatusTest, AResultCannotHoldAnOkStatusWithoutAValue) {
  Result<int> r{OkStatus()};
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace view360
