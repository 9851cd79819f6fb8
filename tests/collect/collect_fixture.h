// Running collectors in tests over signed HTTP against real servers: the simulator (in process,
// on a loopback port) or moto (tests/support/moto_server.h), and reading back what they wrote.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aws/session.h"
#include "collect/category.h"
#include "collect/collect_document.h"
#include "collect/context.h"
#include "document/document.h"
#include "sim/server.h"
#include "sim/simulator.h"

namespace view360::testing {

// A simulator serving `scenario` (throttling off unless the scenario turns it on).
class SimFixture {
 public:
  explicit SimFixture(sim::Scenario scenario, bool strict = true);
  ~SimFixture();

  sim::Simulator& simulator() { return *simulator_; }
  std::string endpoint() const { return server_->endpoint(); }
  std::string AccountId(int index) const;
  // Clients acting in the account with its root keys (push mode).
  std::unique_ptr<collect::AccountClients> Clients(int account_index, int max_attempts = 3);

 private:
  std::unique_ptr<sim::Simulator> simulator_;
  std::unique_ptr<sim::SimServer> server_;
  std::vector<std::unique_ptr<aws::AwsSession>> sessions_;
};

// A scenario for tests: 6 member accounts, two regions, no throttling, "today" fixed.
sim::Scenario SmallScenario();

// Clients for moto's default account (123456789012, keys "testing") in `region`.
std::unique_ptr<collect::AccountClients> MotoClients();
inline constexpr char kMotoAccount[] = "123456789012";

// Runs tests/collect/moto_setup.py STEP against the shared moto server; returns what it
// printed (JSON: the ids of what it created). Fails the test when the script fails.
nlohmann::json MotoSetup(const std::string& step,
                         const nlohmann::json& args = nlohmann::json::object());

// What one category wrote, read back from the document text.
struct CategoryRun {
  nlohmann::ordered_json document;  // The whole document.
  nlohmann::ordered_json section;   // document[section_key]
  nlohmann::ordered_json logs;      // document["logs"]
  collect::CollectedDocument collected;
  std::string status;  // The category's "Pass"/"Fail"/"Skipped".
};

// Collects only `category` (its log name) for target/window with clients.
CategoryRun RunCategory(const std::string& category, const collect::Target& target,
                        const collect::Window& window, collect::AccountClients& clients);

// A target for account/region (home region, no tags).
collect::Target TargetFor(const std::string& account, const std::string& region = "us-east-1");

// The window of a DAILY run on `requested` ("YYYY-MM-DD").
collect::Window DailyWindow(const std::string& requested);

}  // namespace view360::testing
