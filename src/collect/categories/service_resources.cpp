// service_resources: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the service_resources collector is not implemented yet");
}

}  // namespace

const Category& ServiceResourcesCategory() {
  static const Category category{
      "service_resources", "service_resources", "service_resources", Scope::kRegional, Collect, {}};
  return category;
}

}  // namespace view360::collect
