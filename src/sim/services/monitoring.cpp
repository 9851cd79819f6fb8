// Monitoring services clients write to: SNS Publish and CloudWatch PutMetricData. What they
// send is kept by the Recorder for the admin endpoint (tests assert on notifications and
// metrics); GetMetricStatistics (services/resources_*.cpp) reads custom metrics back from it.
#include <regex>

#include "sim/services/services.h"

namespace view360::sim {
namespace {

Reply Publish(const ApiCall& call) {
  std::string topic = call.Param("TopicArn");
  if (topic.empty()) topic = call.Param("TargetArn");
  if (topic.empty() && call.Param("PhoneNumber").empty()) {
    return AwsError(400, "InvalidParameter",
                    "Invalid parameter: TopicArn or TargetArn Reason: no value for required "
                    "parameter");
  }
  const std::string message = call.Param("Message");
  if (message.empty()) {
    return AwsError(400, "InvalidParameter", "Invalid parameter: Empty message");
  }
  if (message.size() > 256 * 1024) {
    return AwsError(400, "InvalidParameter", "Invalid parameter: Message too long");
  }
  static const std::regex kTopicArn(R"(arn:aws:sns:([a-z0-9-]+):(\d{12}):[\w-]{1,256}(\.fifo)?)");
  std::smatch match;
  if (!topic.empty() &&
      (!std::regex_match(topic, match, kTopicArn) || match[2].str() != call.account.id)) {
    return AwsError(404, "NotFound", "Topic does not exist");
  }
  Rng rng(call.world.seed(), {"sns-message", topic, message, IsoTime(Clock::now())});
  const std::string id =
      rng.Hex(8) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(12);
  call.recorder.AddNotification(
      {{"message_id", id},
       {"topic_arn", topic},
       {"subject", call.Param("Subject")},
       {"message", message},
       {"attributes", call.params.value("MessageAttributes", nlohmann::json::object())},
       {"account", call.account.id},
       {"region", call.region},
       {"at", IsoTime(Clock::now())}});
  return Ok({{"MessageId", id}});
}

Reply PutMetricData(const ApiCall& call) {
  const std::string name_space = call.Param("Namespace");
  if (name_space.empty() || name_space.starts_with("AWS/")) {
    return AwsError(400, "InvalidParameterValue",
                    "The value " + name_space + " for parameter Namespace is invalid.");
  }
  const auto data = call.params.value("MetricData", nlohmann::json::array());
  if (data.empty() || data.size() > 1000) {
    return AwsError(400, "InvalidParameterValue",
                    "The collection MetricData must contain between 1 and 1000 items.");
  }
  for (auto datum : data) {
    if (!datum.contains("Timestamp")) datum["Timestamp"] = IsoTime(Clock::now());
    datum["namespace"] = name_space;
    datum["account"] = call.account.id;
    datum["region"] = call.region;
    call.recorder.AddMetricDatum(std::move(datum));
  }
  return Ok(nlohmann::json::object());
}

}  // namespace

void RegisterMonitoringServices(HandlerTable& table) {
  table.Add("sns", "Publish", Publish);
  table.Add("cloudwatch", "PutMetricData", PutMetricData);
}

}  // namespace view360::sim
