// Calling a simulated operation's handler directly, as the server would after authenticating
// `account`'s root user: for the per-group data tests, which check handlers without HTTP.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "sim/handler.h"

namespace view360::sim {

// The handler's reply; a failed expectation and a 500 "NotServed" when the operation is not
// served. An empty region means the account's home region.
inline Reply CallHandler(const World& world, Recorder& recorder, const Account& account,
                         std::string region, std::string_view service, std::string_view operation,
                         const nlohmann::json& params) {
  const Handler* handler = AllHandlers().Find(service, operation);
  EXPECT_NE(handler, nullptr) << service << ":" << operation << " is not served";
  if (!handler) return AwsError(500, "NotServed", "");
  if (region.empty()) region = account.regions.front();
  ApiCall call{world,
               account,
               std::move(region),
               std::string(service),
               std::string(operation),
               params,
               recorder,
               "arn:aws:iam::" + account.id + ":root",
               account.id,
               nullptr};
  return (*handler)(call);
}

}  // namespace view360::sim
