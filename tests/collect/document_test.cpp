// The document's text is what the original sender's json.dumps(indent=4) writes, byte for byte
// (checked against Python itself), and its datetimes are isoformat() of aware UTC values.
#include "document/document.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/process.h"
#include "support/temp_files.h"

namespace view360::document {
namespace {

TEST(Document, SerialisationIsPythonJsonDumpsIndent4) {
  Json value = Json::object();
  value["text"] = "Prod \u00dcn\u00efcode \xf0\x9f\x98\x80 \"q\" \\ \t\x01 \x7f /";
  value["ints"] = {0, -3, 1234567890123};
  value["floats"] = {0.0, 3.5, 1.2e-06, 0.1 + 0.2, 1e+16, 123456.789, -0.5};
  value["empty_list"] = Json::array();
  value["empty_object"] = Json::object();
  value["nested"] = {{"a", nullptr}, {"b", true}, {"c", {{"d", Json::array({1, "x"})}}}};
  const std::string ours = Serialize(value);

  const std::string path = view360::testing::MakeTempDir("document") + "/value.json";
  view360::testing::WriteFile(path, value.dump());
  auto python = RunProcess({"python3", "-c",
                            "import json,sys; v=json.load(open(sys.argv[1]), "
                            "object_pairs_hook=__import__('collections').OrderedDict); "
                            "sys.stdout.write(json.dumps(v, indent=4))",
                            path});
  ASSERT_TRUE(python.ok());
  ASSERT_EQ(python->exit_code, 0) << python->output;
  EXPECT_EQ(ours, python->output);
}

TEST(Document, DatetimesAreIsoformatOfAwareUtcValues) {
  EXPECT_EQ(PythonTime("2025-09-15T10:20:30Z"), "2025-09-15T10:20:30+00:00");
  EXPECT_EQ(PythonTime("2026-01-07T05:00:00.123456Z"), "2026-01-07T05:00:00.123456+00:00");
  EXPECT_EQ(PythonTime("2026-01-07T05:00:00.5Z"), "2026-01-07T05:00:00.500000+00:00");
  EXPECT_EQ(PythonTime("2026-01-07T05:00:00.000Z"), "2026-01-07T05:00:00+00:00");
  EXPECT_EQ(PythonTime("2024-05-06T07:08:09.123+0200"), "2024-05-06T05:08:09.123000+00:00");
  EXPECT_EQ(PythonTime("2024-12-31T23:30:00-01:00"), "2025-01-01T00:30:00+00:00");
  EXPECT_EQ(PythonTime("not a time"), "not a time");
}

TEST(Document, BuilderWritesAllSeventeenSectionsInOrderThenOurBlock) {
  DocumentBuilder builder;
  builder.Set("cost", {{"account_id", "123456789012"}});
  builder.SetExtension({{"schema_version", kSchemaVersion}});
  const std::string text = builder.Finish();
  const Json parsed = Json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [k, v] : parsed.items()) keys.push_back(k);
  ASSERT_EQ(keys.size(), 18u);
  for (size_t i = 0; i < kSectionKeys.size(); ++i) EXPECT_EQ(keys[i], kSectionKeys[i]);
  EXPECT_EQ(keys.back(), "view360");
  EXPECT_TRUE(parsed["account"].is_object()) << "an uncollected account is {}";
  EXPECT_TRUE(parsed["config"].is_array()) << "an uncollected object section is []";
  EXPECT_EQ(parsed["cost"]["account_id"], "123456789012");
  EXPECT_EQ(text, Serialize(parsed)) << "assembling sections gives the same bytes as one dump";
}

}  // namespace
}  // namespace view360::document
