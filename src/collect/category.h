// A data category: the AWS calls that fill one section of the document (specs/view360.md §c.5).
//
// Each category is a function that fills its section through a CategoryContext, which makes
// every AWS call on its behalf. The context refuses an operation the category did not declare,
// so the declared list (what `view360 iam-policy` grants) cannot drift from the code.
//
// A category returns OK when it produced its section (possibly with sub-step failures recorded
// through ctx.Fail), or the error that stopped it; then the section keeps its failure value and
// the logs record it the way the original does.
//
// Thread-safety: categories of one document run concurrently, each with its own context.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "collect/context.h"
#include "document/document.h"

namespace view360::collect {

// One AWS operation a category calls, as botocore names it.
struct ApiOperation {
  std::string_view service;    // botocore service name: "ce", "securityhub", ...
  std::string_view operation;  // "GetCostAndUsage"
};

enum class Scope {
  kRegional,  // Collected in every region's document.
  kAccount,   // Account-wide: collected once per account, in its home region's document.
};

using CollectFunction = Status (*)(CategoryContext& ctx, document::Json& section);

struct Category {
  std::string_view name;         // Log name: logs.<name>_status ("service_resources").
  std::string_view section_key;  // Top-level document key it fills ("service_resources").
  std::string_view
      failure_tag;  // logs.message tag when the whole category fails ("cost_analysis").
  Scope scope = Scope::kRegional;
  CollectFunction collect = nullptr;
  std::span<const ApiOperation> operations;  // Every operation `collect` may call.
};

// The categories, in the order of the document's logs (document::kLogCategories).
const std::vector<Category>& AllCategories();

// nullptr when there is no category of that name.
const Category* FindCategory(std::string_view name);

}  // namespace view360::collect
