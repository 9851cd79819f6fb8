// Value conversion of the receiver (src/ingest/convert.h): one JSON value → the COPY text of
// one column, with the checks that make a document fail before anything reaches the database.
// No database: every column type is made by hand as the catalog would read it.
#include "ingest/convert.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

namespace view360::ingest {
namespace {

ColumnType Column(const std::string& name, ColumnKind kind, const std::string& sql_type) {
  ColumnType column;
  column.name = name;
  column.kind = kind;
  column.sql_type = sql_type;
  return column;
}

ColumnType Varchar(const std::string& name, int length) {
  ColumnType column = Column(name, ColumnKind::kText, "text");
  column.max_length = length;
  return column;
}

ColumnType Integer(const std::string& name) {
  ColumnType column = Column(name, ColumnKind::kInteger, "integer");
  column.min_value = -2147483648LL;
  column.max_value = 2147483647LL;
  return column;
}

ColumnType Numeric(const std::string& name, int precision, int scale) {
  ColumnType column = Column(name, ColumnKind::kNumeric, "numeric");
  column.precision = precision;
  column.scale = scale;
  return column;
}

ColumnType Boolean(const std::string& name) {
  return Column(name, ColumnKind::kBoolean, "boolean");
}
ColumnType Timestamptz(const std::string& name) {
  return Column(name, ColumnKind::kTimestamptz, "timestamptz");
}
ColumnType Date(const std::string& name) { return Column(name, ColumnKind::kDate, "date"); }
ColumnType Jsonb(const std::string& name) { return Column(name, ColumnKind::kJsonb, "jsonb"); }

ColumnType Granularity() {
  ColumnType column = Column("period_granularity", ColumnKind::kEnum, "period_granularity_type");
  column.enum_labels = {"MONTHLY", "WEEKLY", "DAILY"};
  return column;
}

ColumnType NotNull(ColumnType column) {
  column.not_null = true;
  return column;
}

ColumnType WithDefault(ColumnType column, const std::string& value) {
  column.default_value = value;
  return column;
}

class ConvertTest : public ::testing::Test {
 protected:
  // Converts the JSON text of one value for column: "" and out() set, or the refusal.
  std::string Convert(const std::string& json, const ColumnType& column) {
    simdjson::dom::element value;
    const auto error = parser_.parse(json).get(value);
    EXPECT_EQ(error, simdjson::SUCCESS) << json;
    if (error) return "unparsable test input";
    return ConvertValue(&value, column, &out_);
  }

  // Converts an absent member.
  std::string ConvertAbsent(const ColumnType& column) {
    return ConvertValue(nullptr, column, &out_);
  }

  // The COPY text when the value converted ("\N" for NULL); the refusal otherwise.
  std::string Text(const std::string& json, const ColumnType& column) {
    std::string error = Convert(json, column);
    if (!error.empty()) return "refused: " + error;
    return out_.null ? "\\N" : out_.text;
  }

  std::string Python(const std::string& json) {
    simdjson::dom::element value;
    const auto error = parser_.parse(json).get(value);
    EXPECT_EQ(error, simdjson::SUCCESS) << json;
    if (error) return "unparsable test input";
    return PythonJson(value);
  }

  const FieldValue& out() const { return out_; }

 private:
  simdjson::dom::parser parser_;
  FieldValue out_;
};

// --- NormaliseTimestamp ----------------------------------------------------------------------

TEST(NormaliseTimestampTest, ZuluIsUtc) {
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30Z"), "2025-09-15 10:20:30+00:00");
  EXPECT_EQ(NormaliseTimestamp("2026-01-07T10:00:00.123Z"), "2026-01-07 10:00:00.123+00:00");
}

TEST(NormaliseTimestampTest, OffsetWithColonIsKept) {
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30+02:00"), "2025-09-15 10:20:30+02:00");
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30-05:30"), "2025-09-15 10:20:30-05:30");
  EXPECT_EQ(NormaliseTimestamp("2026-01-07T05:00:00.123456+00:00"),
            "2026-01-07 05:00:00.123456+00:00");
}

TEST(NormaliseTimestampTest, OffsetWithoutColonIsKept) {
  // Lambda's LastModified: "2024-05-06T07:08:09.123+0000".
  EXPECT_EQ(NormaliseTimestamp("2024-05-06T07:08:09.123+0000"), "2024-05-06 07:08:09.123+00:00");
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30+0200"), "2025-09-15 10:20:30+02:00");
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30-0800"), "2025-09-15 10:20:30-08:00");
}

TEST(NormaliseTimestampTest, NaiveTimeIsUtc) {
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30"), "2025-09-15 10:20:30+00:00");
  EXPECT_EQ(NormaliseTimestamp("2025-09-15 10:20:30"), "2025-09-15 10:20:30+00:00");
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30.5"), "2025-09-15 10:20:30.5+00:00");
}

TEST(NormaliseTimestampTest, FractionsKeepUpToMicroseconds) {
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30.1Z"), "2025-09-15 10:20:30.1+00:00");
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30.000+00:00"), "2025-09-15 10:20:30.000+00:00");
  EXPECT_EQ(NormaliseTimestamp("2025-09-15T10:20:30.1234567Z"), "2025-09-15 10:20:30.123456+00:00");
}

TEST(NormaliseTimestampTest, DateOnlyIsUtcMidnight) {
  EXPECT_EQ(NormaliseTimestamp("2025-09-15"), "2025-09-15 00:00:00+00:00");
  EXPECT_EQ(NormaliseTimestamp("2024-02-29"), "2024-02-29 00:00:00+00:00");  // Leap year.
}

TEST(NormaliseTimestampTest, InvalidTextIsRefused) {
  for (const char* text :
       {"2025-13-01", "2025-02-30", "2025-02-29", "2025-00-10", "2025-09-00", "abc", "",
        "2025-9-15", "2025/09/15", "2025-09-15T24:00:00Z", "2025-09-15T10:61:00Z",
        "2025-09-15T10:20:30+25:00", "2025-09-15T10:20:30 trailing", "2025-09-15T10:20:30ZZ",
        "2025-09-15T10:20:30.Z", "15/09/2025", "1757931630"}) {
    EXPECT_EQ(NormaliseTimestamp(text), std::nullopt) << text;
  }
}

// --- ConvertValue: text ----------------------------------------------------------------------

TEST_F(ConvertTest, StringIntoTextIsKeptAsIs) {
  EXPECT_EQ(Text(R"("O'Brien \"Prod\" \\ tab\there")", Varchar("name", 255)),
            "O'Brien \"Prod\" \\ tab\there");
  EXPECT_EQ(Text(R"("'); DROP TABLE accounts; --")", Varchar("name", 255)),
            "'); DROP TABLE accounts; --");
  // "None" is a string like any other, and "" stays "" in a text column.
  EXPECT_EQ(Text(R"("None")", Varchar("partner_name", 255)), "None");
  EXPECT_EQ(Text(R"("")", Varchar("description", 0)), "");
}

TEST_F(ConvertTest, VarcharLengthCountsCharactersNotBytes) {
  // Five CJK characters are fifteen bytes; an emoji is four bytes (two UTF-16 units in JSON).
  EXPECT_EQ(Text(R"("日本語テキ")", Varchar("name", 5)), "日本語テキ");
  EXPECT_EQ(
      Text(R"("\ud83d\ude80\ud83d\ude80\ud83d\ude80\ud83d\ude80\ud83d\ude80")", Varchar("name", 5)),
      "🚀🚀🚀🚀🚀");
  EXPECT_EQ(Text(R"("Ünïcödé")", Varchar("name", 7)), "Ünïcödé");
  const std::string error = Convert(R"("日本語テキス")", Varchar("name", 5));
  EXPECT_NE(error.find("value too long for varchar(5) (6 characters)"), std::string::npos) << error;
}

TEST_F(ConvertTest, TooLongAvailabilityZoneListIsWrittenCompactly) {
  // §f.6: an ELB spanning four AZs is 63 characters, more than availability_zone varchar(50).
  const std::string four = "ap-southeast-1a,ap-southeast-1b,ap-southeast-1c,ap-southeast-1d";
  ASSERT_EQ(four.size(), 63u);
  EXPECT_EQ(Text("\"" + four + "\"", Varchar("availability_zone", 50)), "ap-southeast-1a,b,c,d");
  // A list that fits is stored as it is.
  EXPECT_EQ(Text(R"("eu-west-1a,eu-west-1b")", Varchar("availability_zone", 50)),
            "eu-west-1a,eu-west-1b");
}

TEST_F(ConvertTest, AvailabilityZoneListThatCannotBeCompactedIsRefused) {
  // Zones of two regions have no compact form.
  const std::string mixed = "\"ap-southeast-1a,ap-southeast-1b,ap-southeast-2a,ap-southeast-2b\"";
  EXPECT_NE(Convert(mixed, Varchar("availability_zone", 50)).find("value too long"),
            std::string::npos);
  // Compaction is for availability zones only.
  const std::string four = "\"ap-southeast-1a,ap-southeast-1b,ap-southeast-1c,ap-southeast-1d\"";
  EXPECT_NE(Convert(four, Varchar("region", 50)).find("value too long for varchar(50)"),
            std::string::npos);
  // Still too long once compact: 40 zones.
  std::string many = "\"";
  for (int i = 0; i < 40; ++i) many += std::string(i ? "," : "") + "us-east-1" + char('a' + i % 26);
  many += "\"";
  EXPECT_NE(Convert(many, Varchar("availability_zone", 50)).find("value too long"),
            std::string::npos);
}

TEST_F(ConvertTest, NulCharacterIsRefused) {
  for (const auto& column : {Varchar("name", 255), Varchar("description", 0)}) {
    const std::string error = Convert(R"("before\u0000after")", column);
    EXPECT_NE(error.find("NUL"), std::string::npos) << error;
  }
}

TEST_F(ConvertTest, NumbersAndBooleansIntoTextAreTheirJsonText) {
  EXPECT_EQ(Text("42", Varchar("name", 255)), "42");
  EXPECT_EQ(Text("-7", Varchar("name", 255)), "-7");
  EXPECT_EQ(Text("2.5", Varchar("name", 255)), "2.5");
  EXPECT_EQ(Text("true", Varchar("name", 255)), "true");
  EXPECT_EQ(Text("false", Varchar("name", 255)), "false");
}

TEST_F(ConvertTest, ArraysAndObjectsIntoTextAreWrittenAsPythonDoes) {
  // §f.7.5: blocked_countries → '["KP", "IR"]', action → '{"Block": {}}'.
  EXPECT_EQ(Text(R"(["KP","IR"])", Varchar("blocked_countries", 0)), R"(["KP", "IR"])");
  EXPECT_EQ(Text(R"({"Block":{}})", Varchar("action", 0)), R"({"Block": {}})");
  EXPECT_EQ(Text("[]", Varchar("blocked_countries", 0)), "[]");
  // The written form counts against the column's length.
  EXPECT_NE(Convert(R"(["KP","IR"])", Varchar("short", 5)).find("value too long"),
            std::string::npos);
}

// --- ConvertValue: integers ------------------------------------------------------------------

TEST_F(ConvertTest, IntegersAreCopied) {
  EXPECT_EQ(Text("0", Integer("rpo")), "0");
  EXPECT_EQ(Text("3600", Integer("rpo")), "3600");
  EXPECT_EQ(Text("-12", Integer("rpo")), "-12");
  EXPECT_EQ(Text("2147483647", Integer("rpo")), "2147483647");
  EXPECT_EQ(Text("-2147483648", Integer("rpo")), "-2147483648");
}

TEST_F(ConvertTest, FractionsIntoIntegersRoundHalfToEvenAsPostgresDoes) {
  // §f.6 [verified]: Lambda size_gb 1.5 → 2, 0.125 → 0 (PostgreSQL's float8 → int4 is rint).
  EXPECT_EQ(Text("1.5", Integer("size_gb")), "2");
  EXPECT_EQ(Text("2.5", Integer("size_gb")), "2");
  EXPECT_EQ(Text("0.125", Integer("size_gb")), "0");
  EXPECT_EQ(Text("0.5", Integer("size_gb")), "0");
  EXPECT_EQ(Text("3.5", Integer("size_gb")), "4");
  EXPECT_EQ(Text("-1.5", Integer("size_gb")), "-2");
  EXPECT_EQ(Text("2.6", Integer("size_gb")), "3");
  EXPECT_EQ(Text("512.0", Integer("max_size")), "512");
}

TEST_F(ConvertTest, IntegerOutOfRangeIsRefused) {
  for (const char* json : {"2147483648", "-2147483649", "1e10", "1e300", "-1e300",
                           "18446744073709551615", "2147483647.5"}) {
    const std::string error = Convert(json, Integer("rpo"));
    EXPECT_NE(error.find("out of range for integer"), std::string::npos) << json << ": " << error;
  }
  ColumnType small = Integer("small");
  small.sql_type = "smallint";
  small.min_value = -32768;
  small.max_value = 32767;
  EXPECT_EQ(Text("32767", small), "32767");
  EXPECT_NE(Convert("32768", small).find("out of range for smallint"), std::string::npos);
}

TEST_F(ConvertTest, NonNumbersIntoIntegersAreRefused) {
  EXPECT_NE(Convert("true", Integer("rpo")).find("expected a number, got boolean"),
            std::string::npos);
  EXPECT_NE(Convert("[1]", Integer("rpo")).find("expected a number, got array"), std::string::npos);
  EXPECT_NE(Convert(R"("12")", Integer("rpo")).find("got string"), std::string::npos);
}

// --- ConvertValue: numeric -------------------------------------------------------------------

TEST_F(ConvertTest, NumbersIntoNumericKeepTheirText) {
  EXPECT_EQ(Text("12.3456789012", Numeric("cost", 20, 10)), "12.3456789012");
  EXPECT_EQ(Text("1.2e-06", Numeric("cost", 20, 10)), "1.2e-06");
  EXPECT_EQ(Text("0", Numeric("cost", 20, 10)), "0");
  EXPECT_EQ(Text("-3", Numeric("cost", 20, 10)), "-3");
  // Unconstrained numeric takes anything.
  EXPECT_EQ(Text("1e300", Numeric("amount", 0, 0)), "1e+300");
}

TEST_F(ConvertTest, NumericOverflowIsRefused) {
  // numeric(5,2) holds up to 999.99: three digits before the point.
  EXPECT_EQ(Text("999.99", Numeric("compliance_score", 5, 2)), "999.99");
  EXPECT_EQ(Text("100", Numeric("compliance_score", 5, 2)), "100");
  EXPECT_EQ(Text("-999.99", Numeric("compliance_score", 5, 2)), "-999.99");
  EXPECT_EQ(Text("12.345", Numeric("compliance_score", 5, 2)), "12.345");  // PostgreSQL rounds.
  for (const char* json : {"1000", "999.999", "-1000", "12345.6", "1e10"}) {
    const std::string error = Convert(json, Numeric("compliance_score", 5, 2));
    EXPECT_NE(error.find("does not fit numeric(5,2)"), std::string::npos) << json << ": " << error;
  }
  // numeric(3,1): GuardDuty severity up to 99.9.
  EXPECT_EQ(Text("8.9", Numeric("severity", 3, 1)), "8.9");
  EXPECT_NE(Convert("100", Numeric("severity", 3, 1)).find("does not fit"), std::string::npos);
}

TEST_F(ConvertTest, NonNumbersIntoNumericAreRefused) {
  EXPECT_NE(Convert("false", Numeric("cost", 20, 10)).find("expected a number, got boolean"),
            std::string::npos);
  EXPECT_NE(Convert(R"({"a":1})", Numeric("cost", 20, 10)).find("expected a number, got object"),
            std::string::npos);
}

TEST_F(ConvertTest, NumbersIntoFloatColumnsKeepTheirText) {
  // No View360 table has one; the catalog maps real and double precision here.
  const ColumnType column = Column("ratio", ColumnKind::kFloat, "double precision");
  EXPECT_EQ(Text("2.5", column), "2.5");
  EXPECT_EQ(Text("3", column), "3");
  EXPECT_EQ(Text("1e300", column), "1e+300");
  EXPECT_EQ(Text(R"("")", column), "\\N");
  EXPECT_NE(Convert("true", column).find("expected a number, got boolean"), std::string::npos);
}

// --- ConvertValue: booleans, jsonb, enums, times ---------------------------------------------

TEST_F(ConvertTest, BooleansAreTOrF) {
  EXPECT_EQ(Text("true", Boolean("enabled")), "t");
  EXPECT_EQ(Text("false", Boolean("enabled")), "f");
  EXPECT_NE(Convert("1", Boolean("enabled")).find("expected a boolean, got number"),
            std::string::npos);
  EXPECT_NE(Convert(R"("true")", Boolean("enabled")).find("got string"), std::string::npos);
}

TEST_F(ConvertTest, JsonbTakesAnyValueAsCompactJson) {
  EXPECT_EQ(
      Text(R"({ "Name" : "checkout-api", "Type": [1, 2.5, null, true] })", Jsonb("key_attributes")),
      R"({"Name":"checkout-api","Type":[1,2.5,null,true]})");
  EXPECT_EQ(Text(R"({"Allow": {}})", Jsonb("default_action")), R"({"Allow":{}})");
  EXPECT_EQ(Text("[]", Jsonb("tags")), "[]");
  EXPECT_EQ(Text("12", Jsonb("tags")), "12");
  EXPECT_EQ(Text(R"({"q":"it's \"quoted\" \\ \n 日本"})", Jsonb("tags")),
            R"({"q":"it's \"quoted\" \\ \n 日本"})");
}

TEST_F(ConvertTest, EnumTakesOneOfItsLabels) {
  EXPECT_EQ(Text(R"("DAILY")", Granularity()), "DAILY");
  EXPECT_EQ(Text(R"("MONTHLY")", Granularity()), "MONTHLY");
  const std::string error = Convert(R"("YEARLY")", Granularity());
  EXPECT_NE(error.find("\"YEARLY\" is not one of MONTHLY, WEEKLY, DAILY"), std::string::npos)
      << error;
  EXPECT_NE(Convert(R"("daily")", Granularity()).find("is not one of"), std::string::npos);
  EXPECT_NE(Convert("1", Granularity()).find("expected a string, got number"), std::string::npos);
}

TEST_F(ConvertTest, TimestampsKeepTheirOffset) {
  EXPECT_EQ(Text(R"("2025-09-15T10:20:30+02:00")", Timestamptz("start_time")),
            "2025-09-15 10:20:30+02:00");
  EXPECT_EQ(Text(R"("2024-05-06T07:08:09.123+0000")", Timestamptz("creation_date")),
            "2024-05-06 07:08:09.123+00:00");
  EXPECT_EQ(Text(R"("2025-09-15T10:20:30")", Timestamptz("start_time")),
            "2025-09-15 10:20:30+00:00");
  const std::string error = Convert(R"("2025-02-30T00:00:00Z")", Timestamptz("start_time"));
  EXPECT_NE(error.find("not an ISO-8601 time: \"2025-02-30T00:00:00Z\""), std::string::npos)
      << error;
  EXPECT_NE(Convert("1757931630", Timestamptz("start_time")).find("expected an ISO-8601 string"),
            std::string::npos);
}

TEST_F(ConvertTest, DatesTakeTheDatePart) {
  EXPECT_EQ(Text(R"("2025-09-14")", Date("date_from")), "2025-09-14");
  EXPECT_EQ(Text(R"("2025-09-14T23:30:00-05:00")", Date("date_from")), "2025-09-14");
  EXPECT_NE(Convert(R"("2025-13-01")", Date("date_from")).find("not an ISO-8601 date"),
            std::string::npos);
}

// --- ConvertValue: "", null, absent ----------------------------------------------------------

TEST_F(ConvertTest, EmptyStringIntoNonTextIsNull) {
  for (const auto& column : {Integer("size_gb"), Numeric("cost", 20, 10), Boolean("enabled"),
                             Timestamptz("install_time"), Date("date_to"), Jsonb("tags")}) {
    EXPECT_EQ(Text(R"("")", column), "\\N") << column.name;
  }
}

TEST_F(ConvertTest, EmptyStringIntoNotNullColumnTakesItsDefaultOrIsRefused) {
  EXPECT_EQ(Text(R"("")", WithDefault(NotNull(Integer("total_findings")), "0")), "0");
  EXPECT_NE(Convert(R"("")", NotNull(Timestamptz("time_created"))).find("requires a value"),
            std::string::npos);
  EXPECT_NE(Convert(R"("")", NotNull(Integer("priority"))).find("requires a value"),
            std::string::npos);
}

TEST_F(ConvertTest, NullTakesTheColumnsConstantDefault) {
  EXPECT_EQ(Text("null", WithDefault(Varchar("currency", 3), "USD")), "USD");
  EXPECT_EQ(Text("null", WithDefault(Boolean("enabled"), "true")), "true");
  EXPECT_EQ(Text("null", WithDefault(NotNull(Integer("total_findings")), "0")), "0");
  EXPECT_EQ(ConvertAbsent(WithDefault(Varchar("language", 10), "en")), "");
  EXPECT_FALSE(out().null);
  EXPECT_EQ(out().text, "en");
}

TEST_F(ConvertTest, NullWithoutDefaultIsNullUnlessTheColumnRequiresAValue) {
  EXPECT_EQ(Text("null", Varchar("description", 0)), "\\N");
  EXPECT_EQ(Text("null", Integer("rpo")), "\\N");
  EXPECT_EQ(ConvertAbsent(Timestamptz("end_time")), "");
  EXPECT_TRUE(out().null);

  std::string error = Convert("null", NotNull(Numeric("cost", 20, 10)));
  EXPECT_EQ(error, "null, but cost requires a value");
  error = ConvertAbsent(NotNull(Varchar("service", 255)));
  EXPECT_EQ(error, "null, but service requires a value");
}

// --- AppendCopyField -------------------------------------------------------------------------

TEST(AppendCopyFieldTest, NullIsBackslashN) {
  std::string line = "x\t";
  AppendCopyField(line, FieldValue{});
  EXPECT_EQ(line, "x\t\\N");
}

TEST(AppendCopyFieldTest, BackslashTabNewlineAndReturnAreEscaped) {
  std::string line;
  AppendCopyField(line, FieldValue{false, "a\\b\tc\nd\re"});
  EXPECT_EQ(line, "a\\\\b\\tc\\nd\\re");
}

TEST(AppendCopyFieldTest, TextThatLooksLikeNullStaysText) {
  std::string line;
  AppendCopyField(line, FieldValue{false, "\\N"});
  EXPECT_EQ(line, "\\\\N");
  line.clear();
  AppendCopyField(line, FieldValue{false, ""});
  EXPECT_EQ(line, "");
}

TEST(AppendCopyFieldTest, QuotesSqlAndUnicodePassUnchanged) {
  const std::string text = "'); DROP TABLE accounts; -- \"q\" 日本 🚀";
  std::string line;
  AppendCopyField(line, FieldValue{false, text});
  EXPECT_EQ(line, text);
}

// --- PythonJson ------------------------------------------------------------------------------

TEST_F(ConvertTest, PythonJsonUsesPythonsSeparators) {
  EXPECT_EQ(Python(R"({"a":[1,2.5,"x"],"b":{"c":null,"d":true,"e":false}})"),
            R"({"a": [1, 2.5, "x"], "b": {"c": null, "d": true, "e": false}})");
  EXPECT_EQ(Python("[]"), "[]");
  EXPECT_EQ(Python("{}"), "{}");
  EXPECT_EQ(Python(R"([[],{}])"), "[[], {}]");
  // Members stay in document order.
  EXPECT_EQ(Python(R"({"z":1,"a":2})"), R"({"z": 1, "a": 2})");
}

TEST_F(ConvertTest, PythonJsonEscapesNonAsciiAsUtf16Units) {
  // §b.1: "Prod \u00dcn\u00efcode"; astral characters as surrogate pairs.
  EXPECT_EQ(Python(R"(["Prod Ünïcode"])"), R"(["Prod \u00dcn\u00efcode"])");
  EXPECT_EQ(Python(R"("日本")"), R"("\u65e5\u672c")");
  EXPECT_EQ(Python(R"("🚀")"), R"("\ud83d\ude80")");
  EXPECT_EQ(Python(R"("\ud83d\ude80")"), R"("\ud83d\ude80")");
  EXPECT_EQ(Python(R"("€")"), R"("\u20ac")");
}

TEST_F(ConvertTest, PythonJsonEscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Python(R"("say \"hi\" \\ there")"), R"("say \"hi\" \\ there")");
  EXPECT_EQ(Python(R"("a\nb\tc\rd\be\ff")"), R"("a\nb\tc\rd\be\ff")");
  EXPECT_EQ(Python(R"("\u0001\u001f")"), R"("\u0001\u001f")");
  // ensure_ascii escapes everything outside space..tilde, DEL included.
  EXPECT_EQ(Python(R"("\u007f")"), R"("\u007f")");
  EXPECT_EQ(Python(R"("/ ~")"), R"("/ ~")");
}

TEST_F(ConvertTest, PythonJsonWritesFloatsAsPythonsRepr) {
  EXPECT_EQ(Python("[3.0]"), "[3.0]");
  EXPECT_EQ(Python("[0.0, -0.0]"), "[0.0, -0.0]");
  EXPECT_EQ(Python("[2.5, 0.1, 1.2e-06, 0.0001, 1e-05]"), "[2.5, 0.1, 1.2e-06, 0.0001, 1e-05]");
  EXPECT_EQ(Python("[1e15, 1e16, 1.5e16, 123456789.0]"),
            "[1000000000000000.0, 1e+16, 1.5e+16, 123456789.0]");
  EXPECT_EQ(Python("[1e300, -2.5e-300]"), "[1e+300, -2.5e-300]");
  // Integers stay integers.
  EXPECT_EQ(Python("[0, -7, 9007199254740993, 18446744073709551615]"),
            "[0, -7, 9007199254740993, 18446744073709551615]");
}

}  // namespace
}  // namespace view360::ingest
