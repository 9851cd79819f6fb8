// service: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the service collector is not implemented yet");
}

}  // namespace

const Category& ServiceCategory() {
  static const Category category{"service",       "service", "services_data",
                                 Scope::kAccount, Collect,   {}};
  return category;
}

}  // namespace view360::collect
