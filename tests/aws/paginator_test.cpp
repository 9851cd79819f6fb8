// Pagination for each token style, a page at a time, with guards against endless paging.
#include "aws/paginator.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace view360::aws {
namespace {

using nlohmann::json;

// A fake list operation over `items`, `page_size` at a time, answering in a given token style.
struct FakeList {
  explicit FakeList(std::vector<std::string> all) : items(std::move(all)) {}
  std::vector<std::string> items;
  size_t page_size = 2;
  std::vector<json> requests;

  Result<json> NextToken(const json& params) {
    requests.push_back(params);
    size_t start =
        params.contains("NextToken") ? std::stoul(params["NextToken"].get<std::string>()) : 0;
    json page = {{"Items", json::array()}};
    for (size_t i = start; i < std::min(items.size(), start + page_size); ++i)
      page["Items"].push_back(items[i]);
    if (start + page_size < items.size()) page["NextToken"] = std::to_string(start + page_size);
    return page;
  }

  // S3 ListObjects v1: IsTruncated, NextMarker absent without a delimiter, last key instead.
  Result<json> Marker(const json& params) {
    requests.push_back(params);
    std::string marker = params.value("Marker", "");
    json page = {{"Contents", json::array()}, {"IsTruncated", false}};
    size_t taken = 0;
    for (const auto& key : items) {
      if (key <= marker) continue;
      if (taken == page_size) {
        page["IsTruncated"] = true;
        break;
      }
      page["Contents"].push_back({{"Key", key}});
      ++taken;
    }
    return page;
  }
};

std::vector<std::string> Collect(const Status& status, const std::vector<json>& pages,
                                 const char* key) {
  EXPECT_TRUE(status.ok()) << status.ToString();
  std::vector<std::string> out;
  for (const auto& page : pages) {
    for (const auto& item : page[key])
      out.push_back(item.is_string() ? item.get<std::string>() : item["Key"].get<std::string>());
  }
  return out;
}

TEST(PaginatorTest, NextTokenStyleVisitsEveryPageOnce) {
  FakeList list{{"a", "b", "c", "d", "e"}};
  auto config = PaginatorConfig::FromJson({{"input_token", "NextToken"},
                                           {"output_token", "NextToken"},
                                           {"limit_key", "MaxResults"},
                                           {"result_key", "Items"}});
  ASSERT_TRUE(config.ok());
  std::vector<json> pages;
  Status s =
      Paginate([&](const json& p) { return list.NextToken(p); }, {{"MaxResults", 2}}, *config,
               [&](const json& page) {
                 pages.push_back(page);
                 return OkStatus();
               });
  EXPECT_EQ(Collect(s, pages, "Items"), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(pages.size(), 3u);
  EXPECT_FALSE(list.requests[0].contains("NextToken"));
  EXPECT_EQ(list.requests[2]["NextToken"], "4");
  EXPECT_EQ(list.requests[2]["MaxResults"], 2);
}

TEST(PaginatorTest, MarkerStyleWithIsTruncatedAndLastKeyFallback) {
  FakeList list{{"k1", "k2", "k3"}};
  auto config = PaginatorConfig::FromJson({{"input_token", "Marker"},
                                           {"output_token", "NextMarker || Contents[-1].Key"},
                                           {"more_results", "IsTruncated"}});
  ASSERT_TRUE(config.ok());
  std::vector<json> pages;
  Status s = Paginate([&](const json& p) { return list.Marker(p); }, json::object(), *config,
                      [&](const json& page) {
                        pages.push_back(page);
                        return OkStatus();
                      });
  EXPECT_EQ(Collect(s, pages, "Contents"), (std::vector<std::string>{"k1", "k2", "k3"}));
  EXPECT_EQ(list.requests[1]["Marker"], "k2");
}

TEST(PaginatorTest, ATokenRepeatedByTheServiceStopsPaging) {
  auto config =
      PaginatorConfig::FromJson({{"input_token", "nextToken"}, {"output_token", "nextToken"}});
  int calls = 0;
  Status s = Paginate(
      [&](const json&) -> Result<json> {
        ++calls;
        return json{{"nextToken", "same"}};
      },
      json::object(), *config, [](const json&) { return OkStatus(); });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(calls, 2);
}

TEST(PaginatorTest, MaxPagesBoundsAnEndlessService) {
  auto config =
      PaginatorConfig::FromJson({{"input_token", "NextToken"}, {"output_token", "NextToken"}});
  int calls = 0;
  Status s = Paginate(
      [&](const json&) -> Result<json> {
        return json{{"NextToken", std::to_string(++calls)}};
      },
      json::object(), *config, [](const json&) { return OkStatus(); }, 5);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(calls, 5);
}

TEST(PaginatorTest, AFailingPageOrCallbackStopsWithItsStatus) {
  auto config =
      PaginatorConfig::FromJson({{"input_token", "NextToken"}, {"output_token", "NextToken"}});
  Status s = Paginate(
      [](const json&) -> Result<json> {
        return Status(StatusCode::kPermissionDenied, "denied", "AccessDenied");
      },
      json::object(), *config, [](const json&) { return OkStatus(); });
  EXPECT_EQ(s.reason(), "AccessDenied");
  FakeList list{{"a", "b", "c"}};
  int pages = 0;
  s = Paginate([&](const json& p) { return list.NextToken(p); }, json::object(), *config,
               [&](const json&) { return ++pages == 1 ? OkStatus() : InternalError("stop"); });
  EXPECT_EQ(s.message(), "stop");
  EXPECT_EQ(list.requests.size(), 2u);
}

TEST(PaginatorTest, SeveralTokensAtOnce) {
  // Route 53 style: two input tokens fed by two output tokens.
  auto config = PaginatorConfig::FromJson({{"input_token", {"StartRecordName", "StartRecordType"}},
                                           {"output_token", {"NextRecordName", "NextRecordType"}},
                                           {"more_results", "IsTruncated"}});
  ASSERT_TRUE(config.ok());
  std::vector<json> seen;
  Status s = Paginate(
      [&](const json& p) -> Result<json> {
        seen.push_back(p);
        if (seen.size() == 1)
          return json{{"IsTruncated", true}, {"NextRecordName", "b."}, {"NextRecordType", "A"}};
        return json{{"IsTruncated", false}};
      },
      json::object(), *config, [](const json&) { return OkStatus(); });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(seen[1], (json{{"StartRecordName", "b."}, {"StartRecordType", "A"}}));
}

TEST(TokenExpressionTest, PathsFallbacksAndIndexes) {
  json r = {
      {"Result", {{"Next", "n1"}}}, {"Contents", {{{"Key", "a"}}, {{"Key", "z"}}}}, {"Empty", ""}};
  EXPECT_EQ(EvaluateTokenExpression(r, "Result.Next"), "n1");
  EXPECT_EQ(EvaluateTokenExpression(r, "Missing || Contents[-1].Key"), "z");
  EXPECT_EQ(EvaluateTokenExpression(r, "Contents[0].Key"), "a");
  EXPECT_EQ(EvaluateTokenExpression(r, "Empty || Result.Next"), "n1");
  EXPECT_TRUE(EvaluateTokenExpression(r, "Contents[5].Key").is_null());
}

}  // namespace
}  // namespace view360::aws
