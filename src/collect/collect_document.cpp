#include "collect/collect_document.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <thread>

#include "collect/category.h"
#include "document/document.h"

#ifndef VIEW360_VERSION
#define VIEW360_VERSION "dev"
#endif

namespace view360::collect {
namespace {

using document::Json;
using SteadyClock = std::chrono::steady_clock;

std::string NowIso() {
  const auto now = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::hh_mm_ss<std::chrono::microseconds> time(now - day);
  char out[64];
  std::snprintf(out, sizeof out, "%sT%02d:%02d:%02d.%06lldZ", FormatDay(day).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()),
                static_cast<long long>(time.subseconds().count()));
  return document::PythonTime(out);
}

bool Wanted(const DocumentRequest& request, std::string_view name) {
  return request.categories.empty() ||
         std::find(request.categories.begin(), request.categories.end(), name) !=
             request.categories.end();
}

struct Slot {
  const Category* category = nullptr;
  bool run = false;
  Json section;
  CategoryResult result;
};

}  // namespace

bool CollectedDocument::complete() const {
  return std::none_of(categories.begin(), categories.end(),
                      [](const CategoryResult& c) { return c.status == "Fail"; });
}

std::string ObjectKey(const std::string& account_id, const std::string& region,
                      const Window& window) {
  return "data/" + account_id + "/" + region + "/" + FormatDay(window.key_date) + "_" +
         std::string(IntervalName(window.interval)) + ".json";
}

CollectedDocument CollectDocument(const DocumentRequest& request, AccountClients& clients) {
  const Target& target = request.target;
  DocumentLog log;
  CallCounter counter;
  const std::string collected_at = NowIso();

  std::vector<Slot> slots;
  for (const Category& category : AllCategories()) {
    Slot slot;
    slot.category = &category;
    slot.result.name = std::string(category.name);
    slot.run = Wanted(request, category.name) &&
               (category.scope == Scope::kRegional || target.home_region);
    slot.result.status = slot.run ? "Pass" : "Skipped";
    slot.section = document::FailureValue(category.section_key);
    slots.push_back(std::move(slot));
  }

  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < slots.size(); i = next++) {
      Slot& slot = slots[i];
      if (!slot.run) continue;
      const Category& category = *slot.category;
      CategoryContext ctx(category.name, category.operations, target, request.window, clients, log,
                          counter);
      const auto started = SteadyClock::now();
      Json section = document::FailureValue(category.section_key);
      Status status = category.collect(ctx, section);
      slot.result.seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
      if (status.ok()) {
        slot.section = std::move(section);
      } else {
        log.Fail(category.name, category.failure_tag, status);
      }
    }
  };
  const int threads =
      std::max(1, std::min<int>(request.parallelism, static_cast<int>(slots.size())));
  {
    std::vector<std::jthread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
    worker();
  }

  document::DocumentBuilder builder;
  CollectedDocument out;
  for (Slot& slot : slots) {
    if (slot.run) slot.result.status = log.StatusOf(slot.category->name);
    builder.Set(slot.category->section_key, slot.section);
    slot.section = nullptr;  // The builder holds it as text now.
    out.categories.push_back(slot.result);
  }
  builder.Set("logs", log.Section());

  out.key = ObjectKey(target.account_id, target.region, request.window);
  out.errors = log.Errors();
  out.calls = counter.Snapshot();
  for (const auto& [op, n] : out.calls) {
    if (op.rfind("ce:", 0) == 0) out.cost_explorer_requests += n;
  }

  Json block = Json::object();
  block["schema_version"] = document::kSchemaVersion;
  block["collector"] = "view360 " VIEW360_VERSION;
  block["collected_at"] = collected_at;
  block["mode"] = request.mode;
  block["account_id"] = target.account_id;
  block["region"] = target.region;
  block["home_region"] = target.home.empty() ? target.region : target.home;
  block["interval"] = IntervalName(request.window.interval);
  block["window"] = {{"start", FormatDay(request.window.start)},
                     {"end", FormatDay(request.window.end)}};
  Json categories = Json::object();
  Json skipped = Json::array();
  for (const CategoryResult& c : out.categories) {
    if (c.status == "Skipped") skipped.push_back(c.name);
    categories[c.name] = {{"status", c.status}, {"seconds", std::round(c.seconds * 1000) / 1000}};
  }
  block["categories"] = std::move(categories);
  block["skipped"] = std::move(skipped);
  block["api_calls"] = out.calls;
  block["cost_explorer_requests"] = out.cost_explorer_requests;
  Json errors = Json::array();
  for (const CollectError& e : out.errors) {
    errors.push_back(
        {{"category", e.category}, {"tag", e.tag}, {"code", e.code}, {"message", e.message}});
  }
  block["errors"] = std::move(errors);
  builder.SetExtension(block);
  out.body = builder.Finish();
  return out;
}

}  // namespace view360::collect
