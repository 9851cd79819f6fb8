// support_tickets (§b.16): the account's AWS Support cases created inside the window.
//
// Account-wide (§g S14): collected once per account, in the home region's document; the Support
// API lives in us-east-1. Without a Business support plan it answers
// SubscriptionRequiredException: the category fails with tag "support_tickets".
//
// Fixes (§g S1): `timeCreated` is a string in the Support API; it is parsed as ISO-8601 (UTC when
// it carries no offset) and compared with the window [start, end) instead of crashing on the
// first case; resolved cases are included; every page is read. afterTime/beforeTime narrow the
// request, and the window is checked again here (the bounds are inclusive, and not every
// implementation honours them). `time_created` keeps the API's own string.
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"support", "DescribeCases"},
};

constexpr char kSupportRegion[] = "us-east-1";

Json Ticket(const nlohmann::json& c, const Window& window) {
  Json ticket = Json::object();
  ticket["case_id"] = StringOrNull(c, "caseId");
  ticket["display_id"] = StringOrNull(c, "displayId");
  ticket["subject"] = StringOrNull(c, "subject");
  ticket["status"] = StringOrNull(c, "status");
  ticket["severity_code"] = StringOrNull(c, "severityCode");
  ticket["service_code"] = StringOrNull(c, "serviceCode");
  ticket["category_code"] = StringOrNull(c, "categoryCode");
  ticket["time_created"] = StringOrNull(c, "timeCreated");
  ticket["submitted_by"] = StringOrNull(c, "submittedBy");
  ticket["language"] = StringOr(c, "language", "en");
  ticket["date_from"] = FormatDay(window.start);
  ticket["date_to"] = FormatDay(window.end);
  return ticket;
}

Status Collect(CategoryContext& ctx, Json& section) {
  const Window& window = ctx.window();
  const nlohmann::json params = {{"includeResolvedCases", true},
                                 {"includeCommunications", false},
                                 {"afterTime", WindowStartTime(window)},
                                 {"beforeTime", WindowEndTime(window)}};
  Json tickets = Json::array();
  VIEW360_RETURN_IF_ERROR(ctx.Paginate(
      "support", "DescribeCases", params,
      [&](const nlohmann::json& page) {
        for (const auto& c : page.value("cases", nlohmann::json::array())) {
          if (InWindow(StringOr(c, "timeCreated", ""), window)) {
            tickets.push_back(Ticket(c, window));
          }
        }
        return OkStatus();
      },
      kSupportRegion));
  section = std::move(tickets);
  return OkStatus();
}

}  // namespace

const Category& SupportTicketsCategory() {
  static const Category category{"support_tickets", "support_tickets", "support_tickets",
                                 Scope::kAccount,   Collect,           kOperations};
  return category;
}

}  // namespace view360::collect
