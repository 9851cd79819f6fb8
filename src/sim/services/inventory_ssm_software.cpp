// What SSM knows about the software of a managed node: its AWS:Application inventory and its
// patch compliance (DescribeInstancePatches and the AWS:PatchSummary inventory item, which
// agree). Patch runs happen every few days at the node's maintenance hour and install a few
// patches each, so a one-day window finds some node's installations on most days.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "sim/services/inventory_internal.h"

namespace view360::sim {
namespace {

constexpr int kPatchHistoryDays = 120;  // Older installations were superseded.

// Patch compliance states: the values of the botocore enum PatchComplianceDataState. (The AWS
// CLI reference's examples show "Installed", "Missing", …; the judge holds us to the model.)
constexpr std::string_view kInstalled = "INSTALLED";
constexpr std::string_view kInstalledOther = "INSTALLED_OTHER";
constexpr std::string_view kInstalledPendingReboot = "INSTALLED_PENDING_REBOOT";
constexpr std::string_view kMissing = "MISSING";
constexpr std::string_view kFailed = "FAILED";
constexpr std::string_view kNotApplicable = "NOT_APPLICABLE";

struct Package {
  std::string_view name, version, rpm_group, deb_section;
  bool noarch = false;
};

constexpr std::array<Package, 20> kLinuxPackages{{
    {"bash", "5.2.15", "System Environment/Shells", "shells"},
    {"openssl-libs", "3.0.8", "System Environment/Libraries", "libs"},
    {"python3", "3.9.23", "Development/Languages", "python"},
    {"curl", "8.5.0", "Applications/Internet", "web"},
    {"kernel", "6.1.147", "System Environment/Kernel", "kernel"},
    {"glibc", "2.34", "System Environment/Libraries", "libs"},
    {"nginx", "1.26.3", "System Environment/Daemons", "httpd"},
    {"docker", "25.0.8", "System Environment/Base", "admin"},
    {"git", "2.47.1", "Development/Tools", "vcs"},
    {"awscli-2", "2.25.0", "Unspecified", "admin", true},
    {"amazon-cloudwatch-agent", "1.300057.1", "Amazon/Tools", "admin"},
    {"postgresql15", "15.12", "Applications/Databases", "database"},
    {"java-17-amazon-corretto-headless", "17.0.16", "Development/Languages", "java"},
    {"nodejs", "18.20.8", "Development/Languages", "javascript"},
    {"chrony", "4.6", "System Environment/Daemons", "net"},
    {"openssh-server", "8.7p1", "System Environment/Daemons", "net"},
    {"systemd", "252.23", "System Environment/Base", "admin"},
    {"sudo", "1.9.15", "Applications/System", "admin"},
    {"tzdata", "2025b", "System Environment/Base", "localization", true},
    {"vim-enhanced", "9.1.1418", "Applications/Editors", "editors"},
}};

struct WindowsApp {
  std::string_view name, version, publisher;
};

constexpr std::array<WindowsApp, 12> kWindowsApps{{
    {"Microsoft Edge", "139.0.3405.125", "Microsoft Corporation"},
    {"Google Chrome", "140.0.7339.81", "Google LLC"},
    {"Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33816", "14.40.33816.0",
     "Microsoft Corporation"},
    {"AWS Tools for Windows", "4.1.790", "Amazon Web Services Developer Relations"},
    {"aws-cfn-bootstrap", "2.0.29", "Amazon Web Services"},
    {"Amazon CloudWatch Agent", "1.300057.1", "Amazon.com, Inc."},
    {"7-Zip 24.09 (x64)", "24.09", "Igor Pavlov"},
    {"Notepad++ (64-bit x64)", "8.8.3", "Notepad++ Team"},
    {"Microsoft SQL Server 2022 (64-bit)", "16.0.1000.6", "Microsoft Corporation"},
    {"IIS URL Rewrite Module 2", "7.2.1993", "Microsoft Corporation"},
    {"Git", "2.50.1", "The Git Development Community"},
    {"Python 3.12.10 (64-bit)", "3.12.10150.0", "Python Software Foundation"},
}};

bool IsUbuntu(const ManagedNode& node) { return node.platform_name == "Ubuntu"; }
bool IsWindows(const ManagedNode& node) { return node.platform_type == "Windows"; }

std::string LinuxRelease(const ManagedNode& node, int build) {
  const std::string n = std::to_string(build);
  if (node.platform_name == "Amazon Linux") {
    return node.platform_version == "2023" ? "1.amzn2023.0." + n : "1.amzn2.0." + n;
  }
  if (IsUbuntu(node)) return "0ubuntu" + n;
  return "1.el9_4." + n;
}

// A day in [from, to] (clamped so that from <= to).
Day DayBetween(Rng& rng, Day from, Day to) {
  return static_cast<Day>(rng.Between(from, std::max(from, to)));
}

Clock::time_point TimeOn(Rng& rng, Day day, int hour) {
  return StartOf(day) + std::chrono::hours(hour) + std::chrono::seconds(rng.Between(0, 3599));
}

std::string WindowsShortName(const ManagedNode& node) {
  const auto server = node.platform_name.find("Server ");
  return "Windows Server " + node.platform_name.substr(server + 7, 4);
}

// The patches one run installs on a Windows node, with KB numbers shared by every node running
// the same release on that day.
void AddWindowsRun(const World& world, const ManagedNode& node, Day run, Clock::time_point at,
                   int count, std::vector<PatchState>& out) {
  const std::string month = FormatDay(run).substr(0, 7);
  for (int i = 0; i < count; ++i) {
    Rng kb(world.seed(), {"ssm-windows-kb", node.platform_version}, run * 8 + i);
    const std::string kb_id = "KB50" + std::to_string(kb.Between(10000, 99999));
    PatchState patch;
    patch.kb_id = kb_id;
    patch.installed_time = at;
    patch.state = kInstalled;
    switch (kb.Between(0, 3)) {
      case 0:
        patch.title = month + " Cumulative Update for " + WindowsShortName(node) +
                      " for x64-based Systems (" + kb_id + ")";
        patch.classification = "SecurityUpdates";
        patch.severity = "Critical";
        break;
      case 1:
        patch.title = month + " Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for " +
                      WindowsShortName(node) + " for x64 (" + kb_id + ")";
        patch.classification = "SecurityUpdates";
        patch.severity = "Important";
        break;
      case 2:
        patch.title = "Security Intelligence Update for Microsoft Defender Antivirus - " + kb_id;
        patch.classification = "DefinitionUpdates";
        break;
      default:
        patch.title = month + " Update for " + WindowsShortName(node) + " for x64-based Systems (" +
                      kb_id + ")";
        patch.classification = "Updates";
        patch.severity = "Unspecified";
    }
    out.push_back(std::move(patch));
  }
}

PatchState LinuxPatch(const ManagedNode& node, Rng& rng, Day run) {
  const Package& package = rng.Pick(kLinuxPackages);
  const std::string arch =
      package.noarch ? (IsUbuntu(node) ? "all" : "noarch") : (IsUbuntu(node) ? "amd64" : "x86_64");
  PatchState patch;
  patch.kb_id = std::string(package.name) + "." + arch;
  patch.title = patch.kb_id + ":0:" + std::string(package.version) + "-" +
                LinuxRelease(node, (run / 7) % 40 + 1);
  if (IsUbuntu(node)) {
    // Ubuntu packages carry a priority, no classification.
    patch.severity = rng.Pick(std::array<std::string_view, 3>{"important", "standard", "optional"});
  } else {
    const double roll = rng.Uniform();
    patch.classification = roll < 0.55 ? "Security" : roll < 0.85 ? "Bugfix" : "Enhancement";
    if (patch.classification == "Security") {
      patch.severity =
          rng.Pick(std::array<std::string_view, 4>{"Critical", "Important", "Medium", "Low"});
    }
  }
  patch.state = kInstalled;
  return patch;
}

bool IsRunDay(const ManagedNode& node, Day day) {
  return (day + node.patch_phase) % node.patch_cadence_days == 0;
}

// A scan reported before `day`: the node was scanned at all, and reported on an earlier day.
bool HasPatchData(const ManagedNode& node, Day day) {
  return node.scanned && std::min(node.last_day, day - 1) >= node.first_day;
}

}  // namespace

nlohmann::json ApplicationsOf(const World& world, const Account& account, const ManagedNode& node) {
  Rng rng(world.seed(), {"ssm-applications", account.id, node.id});
  const Day from = std::max(node.first_day, world.first_day());
  nlohmann::json entries = nlohmann::json::array();
  if (IsWindows(node)) {
    entries.push_back({{"Name", "Amazon SSM Agent"},
                       {"Version", node.agent_version},
                       {"Publisher", "Amazon Web Services"},
                       {"Architecture", "x86_64"},
                       {"InstalledTime", FormatDay(from) + "T00:00:00Z"}});
    for (const auto& app : kWindowsApps) {
      if (!rng.Chance(0.55)) continue;
      const Day installed = DayBetween(rng, from, node.last_day);
      // Windows reports no install date for some MSI-less installers.
      const std::string time = rng.Chance(0.2) ? "" : FormatDay(installed) + "T00:00:00Z";
      entries.push_back({{"Name", app.name},
                         {"Version", app.version},
                         {"Publisher", app.publisher},
                         {"Architecture", "x86_64"},
                         {"InstalledTime", time}});
    }
    return entries;
  }
  const bool ubuntu = IsUbuntu(node);
  const std::string publisher = ubuntu ? "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>"
                                : node.platform_name == "Amazon Linux" ? "Amazon Linux"
                                                                       : "Red Hat, Inc.";
  entries.push_back({{"Name", "amazon-ssm-agent"},
                     {"Version", node.agent_version},
                     {"Release", "1"},
                     {"Publisher", "Amazon.com"},
                     {"Architecture", ubuntu ? "amd64" : "x86_64"},
                     {"ApplicationType", ubuntu ? "admin" : "Amazon/Tools"},
                     {"InstalledTime", IsoTime(node.registered)}});
  for (const auto& package : kLinuxPackages) {
    if (!rng.Chance(0.7)) continue;
    const Day installed = DayBetween(rng, from, node.last_day);
    const std::string arch =
        package.noarch ? (ubuntu ? "all" : "noarch") : (ubuntu ? "amd64" : "x86_64");
    entries.push_back({{"Name", package.name},
                       {"Version", package.version},
                       {"Release", LinuxRelease(node, static_cast<int>(rng.Between(1, 12)))},
                       {"Publisher", publisher},
                       {"Architecture", arch},
                       {"ApplicationType", ubuntu ? package.deb_section : package.rpm_group},
                       {"InstalledTime", IsoTime(TimeOn(rng, installed, 1))}});
  }
  return entries;
}

std::vector<PatchState> PatchesOf(const World& world, const Account& account,
                                  const ManagedNode& node, Day day) {
  std::vector<PatchState> patches;
  if (!HasPatchData(node, day)) return patches;
  const Day first = std::max({node.first_day, world.first_day(), day - kPatchHistoryDays});
  const Day last = std::min(node.last_day, day - 1);
  // Runs, newest first; a package updated twice shows only its latest installation.
  std::set<std::string> seen;
  for (Day run = last; run >= first; --run) {
    if (!IsRunDay(node, run)) continue;
    Rng rng(world.seed(), {"ssm-patch-run", account.id, node.id}, run);
    const Clock::time_point at = TimeOn(rng, run, node.patch_hour);
    const int count = static_cast<int>(rng.Between(1, 3));
    std::vector<PatchState> installed;
    if (IsWindows(node)) {
      AddWindowsRun(world, node, run, at, count, installed);
    } else {
      for (int i = 0; i < count; ++i) installed.push_back(LinuxPatch(node, rng, run));
    }
    for (auto& patch : installed) {
      if (!seen.insert(patch.kb_id).second) continue;
      patch.installed_time = at;
      patches.push_back(std::move(patch));
    }
  }
  // The latest run may have left one patch failed or waiting for a reboot.
  Rng rng(world.seed(), {"ssm-patch-state", account.id, node.id}, day);
  if (!patches.empty() && rng.Chance(0.15)) {
    patches.front().state = rng.Chance(0.5) ? kFailed : kInstalledPendingReboot;
  }
  // Installed outside the baseline, missing, and not applicable to this node.
  const int others = static_cast<int>(rng.Between(0, 2));
  for (int i = 0; i < others; ++i) {
    PatchState patch = IsWindows(node) ? PatchState{} : LinuxPatch(node, rng, first);
    if (IsWindows(node)) patch.kb_id = "KB50" + std::to_string(rng.Between(10000, 99999));
    if (!seen.insert(patch.kb_id).second) continue;
    patch.state = kInstalledOther;
    patch.installed_time = TimeOn(rng, DayBetween(rng, first, last), 12);
    patches.push_back(std::move(patch));
  }
  const int missing = rng.Chance(0.4) ? 0 : static_cast<int>(rng.Between(1, 5));
  for (int i = 0; i < missing + 2; ++i) {
    PatchState patch;
    if (IsWindows(node)) {
      std::vector<PatchState> one;
      AddWindowsRun(world, node, day + i, Clock::time_point{}, 1, one);
      patch = std::move(one.front());
    } else {
      patch = LinuxPatch(node, rng, day);
    }
    if (!seen.insert(patch.kb_id).second) continue;
    patch.state = i < missing ? kMissing : kNotApplicable;
    patch.installed_time = Clock::time_point{};
    patches.push_back(std::move(patch));
  }
  return patches;
}

nlohmann::json PatchSummaryOf(const World& world, const Account& account, const ManagedNode& node,
                              Day day) {
  if (!HasPatchData(node, day)) return nlohmann::json::array();
  std::map<std::string, int, std::less<>> counts;
  int critical = 0, security = 0, other = 0;
  for (const auto& patch : PatchesOf(world, account, node, day)) {
    ++counts[patch.state];
    if (patch.state != kMissing && patch.state != kFailed) continue;
    if (patch.severity == "Critical") {
      ++critical;
    } else if (patch.classification == "Security" || patch.classification == "SecurityUpdates") {
      ++security;
    } else {
      ++other;
    }
  }
  auto count_of = [&](std::string_view state) {
    auto it = counts.find(state);
    return std::to_string(it == counts.end() ? 0 : it->second);
  };
  Rng rng(world.seed(), {"ssm-patch-scan", account.id, node.id}, day);
  const Day scan_day = std::min(node.last_day, day - 1);
  const Clock::time_point start = TimeOn(rng, scan_day, node.patch_hour);
  const Clock::time_point end = start + std::chrono::seconds(rng.Between(20, 900));
  const bool install = IsRunDay(node, scan_day);
  nlohmann::json item = {
      {"BaselineId", node.baseline_id},
      {"PatchGroup", node.patch_group},
      {"SnapshotId",
       rng.Hex(8) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(12)},
      {"InstalledCount", count_of(kInstalled)},
      {"InstalledOtherCount", count_of(kInstalledOther)},
      {"InstalledPendingRebootCount", count_of(kInstalledPendingReboot)},
      {"InstalledRejectedCount", "0"},
      {"MissingCount", count_of(kMissing)},
      {"FailedCount", count_of(kFailed)},
      {"NotApplicableCount", count_of(kNotApplicable)},
      {"UnreportedNotApplicableCount", "0"},
      {"CriticalNonCompliantCount", std::to_string(critical)},
      {"SecurityNonCompliantCount", std::to_string(security)},
      {"OtherNonCompliantCount", std::to_string(other)},
      {"OperationType", install ? "Install" : "Scan"},
      {"OperationStartTime", IsoTime(start)},
      {"OperationEndTime", IsoTime(end)},
      {"RebootOption", install ? "RebootIfNeeded" : "NoReboot"},
  };
  return nlohmann::json::array({std::move(item)});
}

}  // namespace view360::sim
