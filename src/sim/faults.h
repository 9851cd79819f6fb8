// Fault injection, reproducible from the seed: the n-th request the server receives draws its
// fault from Rng(seed, "fault", n), so the same seed and the same order of requests give the same
// faults. Rates come from Scenario::faults.
//
// Thread-safety: Draw is a pure function.
#pragma once

#include <cstdint>

#include "sim/world.h"

namespace view360::sim {

enum class FaultKind {
  kNone,
  kServerError,  // A 500 InternalError / 503 ServiceUnavailable in the protocol's format.
  kReset,        // The connection closes after the headers, before the promised body.
  kMalformed,    // 200 with the body cut in half: the client's parser must fail cleanly.
};

struct Fault {
  FaultKind kind = FaultKind::kNone;
  int delay_ms = 0;  // Latency added before answering (with any kind).
};

Fault DrawFault(const Scenario& scenario, uint64_t request_number);

}  // namespace view360::sim
