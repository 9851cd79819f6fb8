#include "support/test_cluster.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "warehouse/embedded_cluster.h"

namespace view360::testing {
namespace {

warehouse::EmbeddedCluster* g_cluster = nullptr;

class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    root_ = MakeTempDir("view360-test-pg");
    warehouse::ClusterOptions options;
    options.durable = false;
    cluster_ =
        std::make_unique<warehouse::EmbeddedCluster>(warehouse::ClusterPathsFor(root_), options);
    auto started = cluster_->Start();
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    g_cluster = cluster_.get();
  }
  void TearDown() override {
    if (cluster_) (void)cluster_->Stop();
    g_cluster = nullptr;
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

 private:
  std::string root_;
  std::unique_ptr<warehouse::EmbeddedCluster> cluster_;
};

// Registered before main() runs; gtest owns and deletes it.
[[maybe_unused]] auto* const g_env = ::testing::AddGlobalTestEnvironment(new ClusterEnvironment());

}  // namespace

std::string ConnInfoFor(const std::string& dbname) {
  std::string info = g_cluster->ConnInfo();
  return info.substr(0, info.rfind("dbname=")) + "dbname=" + dbname;
}

std::string FreshDatabase() {
  static std::atomic<int> counter{0};
  std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  auto admin = Connect(ConnInfoFor("postgres"));
  auto status = admin.Execute("CREATE DATABASE " + name);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return ConnInfoFor(name);
}

warehouse::Connection Connect(const std::string& conninfo) {
  auto conn = warehouse::Connection::Open(conninfo);
  if (!conn.ok()) {
    ADD_FAILURE() << conn.status().ToString();
    std::abort();
  }
  return std::move(conn).value();
}

}  // namespace view360::testing
