// `view360 ingest` against bad input, a crash between COMMIT and the move, and an S3 bucket:
// the real binary on a real PostgreSQL (and moto's S3). What a user relies on: a bad document
// goes to failed/ with a reason that names its JSON path, leaves nothing in the tables and
// does not stop the documents around it; a document is loaded exactly once.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/credential_chain.h"
#include "aws/curl_transport.h"
#include "common/hash.h"
#include "receiver_fixture.h"
#include "store/object_store.h"
#include "support/moto_server.h"

namespace view360::ingest::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------
// Bad input

constexpr char kGoodAccount[] = "111111111111";
constexpr char kFolder[] = "data/111111111111/us-east-1/";

struct BadDocument {
  std::string name;  // The key is kFolder + "2025-10-{day}_bad_{name}.json".
  std::string bytes;
  std::string account;  // The account it names, if any: none of its rows may appear.
  std::string path;     // The JSON path its error names...
  std::string reason;   // ...and a part of the message.
};

ordered_json Parsed(const std::string& account, int day) {
  return ordered_json::parse(MakeDocument(account, day));
}

std::string BadAccount(int n) { return std::to_string(910000000000LL + n); }

// Each a document a sender, a disk or an attacker could leave in data/.
std::vector<BadDocument> BadDocuments() {
  std::vector<BadDocument> bad;
  bad.push_back({"invalid_json", R"({"account": {"account_id": ")" + BadAccount(1) + R"("}, ]})",
                 BadAccount(1), "$", "not valid JSON"});
  {
    const std::string whole = MakeDocument(BadAccount(2), 1);
    bad.push_back(
        {"truncated", whole.substr(0, whole.size() / 2), BadAccount(2), "$", "not valid JSON"});
  }
  bad.push_back({"empty", "", "", "$", "not valid JSON"});
  {
    ordered_json doc = Parsed(BadAccount(4), 1);
    doc["service"][0]["cost"] = "12.59";
    bad.push_back({"string_for_number", doc.dump(), BadAccount(4), "$.service[0].cost",
                   "services.cost: expected a number, got string"});
  }
  {
    ordered_json doc = Parsed(BadAccount(5), 1);
    doc.erase("account");
    bad.push_back({"no_account", doc.dump(), BadAccount(5), "$.account", "missing"});
  }
  {
    ordered_json doc = Parsed(BadAccount(6), 1);
    doc["account"].erase("account_id");
    bad.push_back({"no_account_id", doc.dump(), BadAccount(6), "$.account.account_id", "missing"});
  }
  {
    ordered_json doc = Parsed(BadAccount(7), 1);
    doc["account"]["account_status"] = std::string(51, 'S');  // varchar(50)
    bad.push_back(
        {"long_status", doc.dump(), BadAccount(7), "$.account.account_status", "too long"});
  }
  {
    ordered_json doc = Parsed(BadAccount(8), 1);
    doc["security"]["security_hub"][0]["findings"][0]["region"] = std::string(51, 'r');
    bad.push_back({"long_finding_region", doc.dump(), BadAccount(8),
                   "$.security.security_hub[0].findings[0].region", "too long"});
  }
  {
    ordered_json doc = Parsed(BadAccount(9), 1);
    doc["account"]["account_name"] = std::string("before\0after", 12);  // Written as \u0000.
    bad.push_back({"nul", doc.dump(), BadAccount(9), "$.account.account_name", "NUL"});
  }
  // Over --max-document-size 64KB (the good ones are ~27 KB): refused unread, so that what it
  // holds does not matter.
  bad.push_back({"oversize", std::string(100 * 1024, '['), "", "$", "over the limit of 65536"});
  {
    std::string text = MakeDocument(BadAccount(11), 1);
    text.insert(text.rfind('}'),
                ", \"deep\": " + std::string(1000, '[') + std::string(1000, ']') + "\n");
    bad.push_back({"deep", text, BadAccount(11), "$", "nested deeper than 64 levels"});
  }
  {
    // Valid for the C++ checks; the table's CHECK (date_to >= date_from) refuses it.
    ordered_json doc = Parsed(BadAccount(12), 1);
    doc["service"][1]["date_to"] = "2025-09-01";
    bad.push_back(
        {"date_to_before_date_from", doc.dump(), BadAccount(12), "$.service", "date_check"});
  }
  return bad;
}

// Strings that must arrive exactly as sent.
const std::string kQuotedName = "O'Brien \"Ops\" \\ back\\slash'); DROP TABLE accounts; --";
const std::string kCopyEscapes = "tab\there\nnew line\r\\N is not null \\. end";
const std::string kUnicode = "Zoë Ørsted 東京 🚀 \u2028 \u202Ertl é";
const std::string kSqlText = "'; DELETE FROM findings WHERE '1'='1'; $$ $1 %s %n E'\\x00'";
constexpr char kHostileAccount[] = "777777777777";

std::string HostileDocument() {
  ordered_json doc = Parsed(kHostileAccount, 6);
  doc["account"]["account_name"] = kQuotedName;
  doc["account"]["contact_info"]["full_name"] = kCopyEscapes;
  doc["account"]["contact_info"]["company_name"] = kUnicode;
  doc["security"]["security_hub"][0]["findings"][0]["description"] = kSqlText;
  doc["application"][0]["key_attributes"] = {{"Name", kQuotedName}, {"ключ", kUnicode}};
  return doc.dump();  // UTF-8 as it is, control characters escaped.
}

class ReceiverBadInputTest : public ::testing::Test {
 protected:
  // The good documents: kGoodAccount's days 1..13 and the hostile one.
  std::vector<std::pair<std::string, std::string>> GoodDocuments() {
    std::vector<std::pair<std::string, std::string>> good;
    for (int day = 1; day <= 13; ++day) {
      good.emplace_back(DocumentKey(kGoodAccount, day), MakeDocument(kGoodAccount, day));
    }
    good.emplace_back(std::string(kFolder) + "2025-10-07_hostile.json", HostileDocument());
    return good;
  }
  // Bad document i sorts between the good documents of days i and i + 1.
  static std::string BadKey(size_t i, const BadDocument& bad) {
    return std::string(kFolder) + OctoberDay(static_cast<int>(i) + 2) + "_bad_" + bad.name +
           ".json";
  }
};

TEST_F(ReceiverBadInputTest, EachBadDocumentFailsAloneWithItsPathAndTheRestLoads) {
  const std::vector<BadDocument> bad = BadDocuments();
  const auto good = GoodDocuments();
  const std::string root = MakeTempDir("bad-input");
  for (const auto& [key, bytes] : good) PutFile(root, key, bytes);
  for (size_t i = 0; i < bad.size(); ++i) PutFile(root, BadKey(i, bad[i]), bad[i].bytes);
  const std::vector<std::string> args = {"--from", root, "--batch", "16", "--max-document-size",
                                         "64KB"};

  const std::string conninfo = FreshWarehouse();
  const IngestRun run = RunIngestBinary(conninfo, args);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ASSERT_TRUE(run.summary.is_object()) << run.output;
  EXPECT_EQ(run.summary["documents"], good.size() + bad.size());
  EXPECT_EQ(run.summary["loaded"], good.size()) << run.output;
  EXPECT_EQ(run.summary["failed"], bad.size()) << run.output;

  // The same tables as a run of the good documents alone: nothing of a bad one is in any table,
  // and every good one is.
  const std::string clean_root = MakeTempDir("good-only");
  for (const auto& [key, bytes] : good) PutFile(clean_root, key, bytes);
  const std::string clean = FreshWarehouse();
  const IngestRun clean_run = RunIngestBinary(
      clean, {"--from", clean_root, "--batch", "16", "--max-document-size", "64KB"});
  ASSERT_EQ(clean_run.exit_code, 0) << clean_run.output;
  EXPECT_EQ(clean_run.summary["loaded"], good.size()) << clean_run.output;
  const TableDump tables = DumpTables(conninfo);
  ExpectSameTables(tables, DumpTables(clean));
  EXPECT_GT(tables.at("services").size(), 13u);

  const auto ledger = ReadLedger(conninfo);
  std::set<std::string> reported;
  for (const auto& failure : run.summary["failures"]) reported.insert(failure["key"]);
  for (size_t i = 0; i < bad.size(); ++i) {
    const std::string key = BadKey(i, bad[i]);
    SCOPED_TRACE(key);
    EXPECT_TRUE(reported.count(key));
    // Moved, byte for byte, with its reason beside it.
    EXPECT_FALSE(fs::exists(root + "/" + key));
    const std::string failed = Moved(key, "failed");
    ASSERT_TRUE(fs::exists(root + "/" + failed));
    EXPECT_EQ(ReadFile(root + "/" + failed), bad[i].bytes);
    const std::string error_file = failed.substr(0, failed.size() - 5) + ".error.json";
    const json report = json::parse(ReadFile(root + "/" + error_file), nullptr, false);
    ASSERT_TRUE(report.is_object()) << error_file;
    EXPECT_EQ(report["object_key"], key);
    ASSERT_FALSE(report["errors"].empty());
    EXPECT_EQ(report["errors"][0]["path"], bad[i].path) << report.dump(2);
    EXPECT_NE(report["errors"][0]["message"].get<std::string>().find(bad[i].reason),
              std::string::npos)
        << report.dump(2);
    // The ledger says failed, with the same error.
    ASSERT_TRUE(ledger.count(key));
    const LedgerRow& row = ledger.at(key);
    EXPECT_EQ(row.status, "failed");
    EXPECT_EQ(row.attempts, 1);
    ASSERT_TRUE(row.error.is_array() && !row.error.empty()) << row.error;
    EXPECT_EQ(row.error[0]["path"], bad[i].path);
    EXPECT_EQ(row.error[0]["message"], report["errors"][0]["message"]);
    if (!bad[i].account.empty()) {
      EXPECT_EQ(CountWhere(conninfo, "SELECT count(*) FROM accounts WHERE account_id = '" +
                                         bad[i].account + "'"),
                0);
    }
  }
  // Refused unread: no hash.
  for (size_t i = 0; i < bad.size(); ++i) {
    if (bad[i].name == "oversize") {
      EXPECT_EQ(ledger.at(BadKey(i, bad[i])).sha256, "");
    }
  }
  for (const auto& [key, bytes] : good) {
    EXPECT_TRUE(fs::exists(root + "/" + Moved(key, "loaded"))) << key;
    EXPECT_EQ(ledger.at(key).status, "loaded") << key;
  }
  EXPECT_TRUE(FilesUnder(root, "data").empty());
}

TEST_F(ReceiverBadInputTest, HostileStringsArriveExactly) {
  const std::string root = MakeTempDir("hostile");
  // The key too: quotes, braces and commas (a text[] literal's syntax), unicode.
  const std::string key = std::string(kFolder) + "2025-10-07 it's \"odd\" {a,b} ünï.json";
  PutFile(root, key, HostileDocument());
  const std::string conninfo = FreshWarehouse();
  const IngestRun run = RunIngestBinary(conninfo, {"--from", root});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ASSERT_EQ(run.summary["loaded"], 1) << run.output;
  EXPECT_EQ(FilesUnder(root, "loaded"), std::vector<std::string>{Moved(key, "loaded")});
  ExpectLoadedOnce(ReadLedger(conninfo), {key});

  auto conn = Connect(conninfo);
  auto count = [&conn](const std::string& sql, const std::string& value) {
    auto got = conn.QueryValue(sql, {kHostileAccount, value});
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() && *got ? std::stoi(**got) : -1;
  };
  EXPECT_EQ(count("SELECT count(*) FROM accounts WHERE account_id = $1 AND account_name = $2",
                  kQuotedName),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM contact_info c JOIN accounts a ON a.id = c.account_id "
                  "WHERE a.account_id = $1 AND c.full_name = $2",
                  kCopyEscapes),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM contact_info c JOIN accounts a ON a.id = c.account_id "
                  "WHERE a.account_id = $1 AND c.company_name = $2",
                  kUnicode),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM findings f JOIN security s ON s.id = f.security_id "
                  "JOIN accounts a ON a.id = s.account_id "
                  "WHERE a.account_id = $1 AND f.description = $2",
                  kSqlText),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM application_signals g JOIN accounts a "
                  "ON a.id = g.account_id WHERE a.account_id = $1 "
                  "AND g.key_attributes ->> 'ключ' = $2",
                  kUnicode),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM application_signals g JOIN accounts a "
                  "ON a.id = g.account_id WHERE a.account_id = $1 "
                  "AND g.key_attributes ->> 'Name' = $2",
                  kQuotedName),
            1);
  // The SQL text did nothing.
  EXPECT_EQ(CountWhere(conninfo, "SELECT count(*) FROM findings"), 1);
}

// ---------------------------------------------------------------------------------------------
// Exactly once

TEST(ReceiverExactlyOnceTest, ACrashBetweenCommitAndMoveIsFinishedByTheNextRunWithoutReloading) {
  const std::string root = MakeTempDir("crash-before-move");
  const std::vector<std::string> keys = WriteDocuments(root, 2, 3);
  const std::string conninfo = FreshWarehouse();
  const IngestRun first = RunIngestBinary(conninfo, {"--from", root});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  ASSERT_EQ(first.summary["loaded"], keys.size()) << first.output;
  const TableDump loaded = DumpTables(conninfo);

  // The state a receiver killed right after COMMIT leaves: the documents still in data/, the
  // ledger saying loaded with their content's hash.
  auto ledger = ReadLedger(conninfo);
  for (const auto& key : keys) {
    const std::string bytes = ReadFile(root + "/" + Moved(key, "loaded"));
    PutFile(root, key, bytes);
    fs::remove(root + "/" + Moved(key, "loaded"));
    EXPECT_EQ(ledger[key].status, "loaded") << key;
    EXPECT_EQ(ledger[key].sha256, Sha256Hex(bytes)) << key;
  }

  const IngestRun again = RunIngestBinary(conninfo, {"--from", root});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(again.summary["documents"], keys.size());
  EXPECT_EQ(again.summary["loaded"], 0) << again.output;
  EXPECT_EQ(again.summary["already_loaded"], keys.size()) << again.output;
  EXPECT_EQ(again.summary["created"], 0);
  EXPECT_EQ(again.summary["updated"], 0);
  EXPECT_TRUE(FilesUnder(root, "data").empty());
  std::vector<std::string> expected;
  for (const auto& key : keys) expected.push_back(Moved(key, "loaded"));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(FilesUnder(root, "loaded"), expected);
  ExpectLoadedOnce(ReadLedger(conninfo), keys);
  ExpectSameTables(DumpTables(conninfo), loaded);
}

// ---------------------------------------------------------------------------------------------
// S3

constexpr char kBucket[] = "view360-ingest";
constexpr char kLocation[] = "s3://view360-ingest/org";

class ReceiverS3Test : public ::testing::Test {
 protected:
  void SetUp() override {
    view360::testing::ResetMoto();
    aws::Credentials keys;
    keys.access_key_id = "testing";
    keys.secret_access_key = "testing";
    credentials_ = std::make_unique<aws::StaticProvider>(keys);
    aws::AwsClient::Dependencies deps;
    deps.transport = &transport_;
    deps.credentials = credentials_.get();
    aws::ClientOptions options;
    options.region = "us-east-1";
    options.endpoint_url = view360::testing::MotoEndpoint();
    client_ = std::make_unique<aws::AwsClient>(deps, options);
    auto bucket = client_->Call("s3", "CreateBucket", {{"Bucket", kBucket}});
    ASSERT_TRUE(bucket.ok()) << bucket.status().message();
    store::StoreOptions store_options;
    store_options.s3_client = client_.get();
    auto opened = store::OpenStore(kLocation, store_options);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }

  void Put(const std::string& key, const std::string& bytes) {
    const Status put = store_->Put(key, bytes);
    ASSERT_TRUE(put.ok()) << put.message();
  }
  std::vector<std::string> Keys(const std::string& prefix) {
    auto listed = store_->List(prefix);
    EXPECT_TRUE(listed.ok()) << listed.status().message();
    std::vector<std::string> keys;
    if (listed.ok()) {
      for (const auto& object : *listed) keys.push_back(object.key);
    }
    return keys;
  }
  IngestRun Ingest(const std::string& conninfo) {
    return RunIngestBinary(conninfo, {"--from", kLocation, "--endpoint-url",
                                      view360::testing::MotoEndpoint(), "--region", "us-east-1"});
  }

  aws::CurlTransport transport_;
  std::unique_ptr<aws::CredentialsProvider> credentials_;
  std::unique_ptr<aws::AwsClient> client_;
  std::unique_ptr<store::ObjectStore> store_;
};

TEST_F(ReceiverS3Test, DocumentsEndUnderLoadedAndABadOneUnderFailedWithItsReason) {
  std::vector<std::string> keys;
  for (int day = 1; day <= 3; ++day) {
    keys.push_back(DocumentKey(kGoodAccount, day));
    Put(keys.back(), MakeDocument(kGoodAccount, day));
  }
  ordered_json bad_doc = Parsed(BadAccount(4), 1);
  bad_doc["service"][0]["cost"] = "12.59";
  const std::string bad_key = std::string(kFolder) + "2025-10-02_bad.json";
  Put(bad_key, bad_doc.dump());

  const std::string conninfo = FreshWarehouse();
  const IngestRun run = Ingest(conninfo);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.summary["source"], kLocation);
  EXPECT_EQ(run.summary["loaded"], 3) << run.output;
  EXPECT_EQ(run.summary["failed"], 1) << run.output;
  EXPECT_TRUE(Keys("data/").empty());
  std::vector<std::string> loaded;
  for (const auto& key : keys) loaded.push_back(Moved(key, "loaded"));
  EXPECT_EQ(Keys("loaded/"), loaded);
  const std::string failed = Moved(bad_key, "failed");
  const std::string error_key = failed.substr(0, failed.size() - 5) + ".error.json";
  EXPECT_EQ(Keys("failed/"), (std::vector<std::string>{error_key, failed}));
  auto report = store_->Get(error_key);
  ASSERT_TRUE(report.ok()) << report.status().message();
  const json error = json::parse(*report, nullptr, false);
  ASSERT_TRUE(error.is_object()) << *report;
  EXPECT_EQ(error["source"], kLocation);
  EXPECT_EQ(error["object_key"], bad_key);
  EXPECT_EQ(error["errors"][0]["path"], "$.service[0].cost") << *report;
  EXPECT_EQ(CountWhere(conninfo,
                       "SELECT count(*) FROM accounts WHERE account_id = '" + BadAccount(4) + "'"),
            0);
  const TableDump tables = DumpTables(conninfo);

  // A second run finds nothing to do.
  const IngestRun second = Ingest(conninfo);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(second.summary["documents"], 0) << second.output;
  EXPECT_EQ(second.summary["loaded"], 0);

  // A document put back in data/ with the same content (a move that never happened) is
  // recognised by its ETag and only moved.
  auto bytes = store_->Get(loaded[0]);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  Put(keys[0], *bytes);
  const IngestRun third = Ingest(conninfo);
  ASSERT_EQ(third.exit_code, 0) << third.output;
  EXPECT_EQ(third.summary["already_loaded"], 1) << third.output;
  EXPECT_EQ(third.summary["loaded"], 0);
  EXPECT_EQ(third.summary["created"], 0);
  EXPECT_EQ(third.summary["updated"], 0);
  EXPECT_TRUE(Keys("data/").empty());
  EXPECT_EQ(Keys("loaded/"), loaded);
  ExpectSameTables(DumpTables(conninfo), tables);
  auto ledger_conn = Connect(conninfo);
  auto attempts = ledger_conn.Query(
      "SELECT object_key, attempts FROM view360.ingest_ledger WHERE source = $1 ORDER BY 1",
      {std::string(kLocation)});
  ASSERT_TRUE(attempts.ok()) << attempts.status().ToString();
  ASSERT_EQ(attempts->rows.size(), 4u);
  for (const auto& row : attempts->rows) EXPECT_EQ(*row[1], "1") << *row[0];
}

}  // namespace
}  // namespace view360::ingest::testing
