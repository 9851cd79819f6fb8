// support_tickets: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the support_tickets collector is not implemented yet");
}

}  // namespace

const Category& SupportTicketsCategory() {
  static const Category category{"support_tickets", "support_tickets", "support_tickets",
                                 Scope::kAccount,   Collect,           {}};
  return category;
}

}  // namespace view360::collect
