// compute_optimizer: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the compute_optimizer collector is not implemented yet");
}

}  // namespace

const Category& ComputeOptimizerCategory() {
  static const Category category{
      "compute_optimizer", "compute_optimizer", "compute_optimizer", Scope::kRegional, Collect, {}};
  return category;
}

}  // namespace view360::collect
