// The simulator's request pipeline, without sockets: a signed AWS request in, the response AWS
// would send out. Order: fault draw (latency, 5xx), SigV4 authentication, operation identified
// from the signing service and X-Amz-Target / Action / method and path, parameters parsed,
// throttling, the operation's handler, pagination, serialisation in the service's protocol.
// Every request is counted in the Recorder.
//
// server.h puts this behind an HTTP listener; benches and tests may call Handle directly.
//
// Thread-safety: Handle may be called from many threads at once.
#pragma once

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/http.h"
#include "sim/auth.h"
#include "sim/faults.h"
#include "sim/recorder.h"
#include "sim/throttle.h"
#include "sim/world.h"

namespace view360::sim {

struct SimulatorOptions {
  // Refuse (500 InternalFailure, naming the member) a handler output holding a member the
  // operation's output shape does not have: such members would vanish on the wire. For tests.
  bool strict = false;
};

class Simulator {
 public:
  explicit Simulator(Scenario scenario, SimulatorOptions options = {});

  struct Answer {
    aws::HttpResponse response;
    FaultKind fault = FaultKind::kNone;  // kReset / kMalformed: the transport must apply it.
  };
  Answer Handle(const aws::HttpRequest& request);

  // The complete, unpaginated output of an operation called by `account_id` in `region`: the
  // ground truth tests compare paginated results with. kNotFound for an unknown operation or
  // account; kFailedPrecondition (with the AWS code) when the handler answers an error.
  Result<nlohmann::json> Truth(const std::string& service, const std::string& operation,
                               const nlohmann::json& params, const std::string& account_id,
                               const std::string& region);

  const World& world() const { return world_; }
  const Authenticator& authenticator() const { return authenticator_; }
  Recorder& recorder() { return recorder_; }
  // Forgets what was recorded and refills every throttling bucket.
  void Reset();

 private:
  World world_;
  SimulatorOptions options_;
  Authenticator authenticator_;
  Throttler throttler_;
  Recorder recorder_;
  std::atomic<uint64_t> requests_{0};
};

}  // namespace view360::sim
