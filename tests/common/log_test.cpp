#include "common/log.h"

#include <gtest/gtest.h>

namespace view360 {
namespace {

TEST(RedactTest, PasswordsInConnInfoUrlsAndQueriesAreMasked) {
  EXPECT_EQ(Redact("host=db user=app password=hunter2 dbname=x"),
            "host=db user=app password=*** dbname=x");
  EXPECT_EQ(Redact(R"(host=db password = 'it\'s secret' dbname=x)"),
            "host=db password = *** dbname=x");
  EXPECT_EQ(Redact("postgresql://app:hunter2@db.example.com:5432/view360"),
            "postgresql://app:***@db.example.com:5432/view360");
  EXPECT_EQ(Redact("https://h/p?X-Amz-Security-Token=t0k&X-Amz-Signature=abc&x=1"),
            "https://h/p?X-Amz-Security-Token=***&X-Amz-Signature=***&x=1");
  EXPECT_EQ(Redact("https://h/p?a=1&signature=abc"), "https://h/p?a=1&signature=***");
}

TEST(RedactTest, TextWithoutSecretsIsUnchanged) {
  const std::string text = "cannot connect to host=db port=5432: connection refused";
  EXPECT_EQ(Redact(text), text);
  EXPECT_EQ(Redact("postgresql://app@db/view360"), "postgresql://app@db/view360");
}

TEST(JsonEscapeTest, QuotesBackslashesAndControlCharactersAreEscaped) {
  EXPECT_EQ(JsonEscape("a\"b\\c\nd\te\x01"), "a\\\"b\\\\c\\nd\\te\\u0001");
  EXPECT_EQ(JsonEscape("ünïcødé"), "ünïcødé");
}

TEST(InitLoggingTest, UnknownLevelsAreRejected) {
  EXPECT_TRUE(InitLogging("debug", LogFormat::kText).ok());
  EXPECT_EQ(InitLogging("loud", LogFormat::kJson).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace view360
