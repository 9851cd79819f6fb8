// The ec2 protocol's responses: XML without a result wrapper, lists of <item> elements, the
// request id in <requestId> (botocore's EC2QueryParser). Requests are query.cpp's form with
// EC2's naming rules; errors are parsed in error_bodies.cpp.
#include "aws/protocol/internal.h"

namespace view360::aws::internal {

Result<Json> ParseEc2Response(const ServiceModel& model, const Operation& op,
                              const HttpResponse& response) {
  if (!op.output) return Json::object();
  XmlBody xml;
  std::string why;
  if (!LoadXml(response.body, xml, why)) return MalformedResponse(model, op, response, why);
  const std::string expected = op.name + "Response";
  if (LocalName(xml.root.name()) != expected) {
    return MalformedResponse(
        model, op, response,
        "root element <" + std::string(xml.root.name()) + ">, expected <" + expected + ">");
  }
  ParseErrors errors(op.output_sensitive);
  Json result = ParseXmlStructure(*op.output->shape, xml.root, errors);
  if (!errors.ok()) return MalformedResponse(model, op, response, errors.first);
  return result;
}

}  // namespace view360::aws::internal
