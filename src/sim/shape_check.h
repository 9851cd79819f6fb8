// A guard for simulator handlers: the serializer drops output members the model does not know
// (as AWS clients ignore them), so a misspelt member would silently vanish. UnknownMembers finds
// the first such member, for Simulator's strict mode (tests run with it).
//
// Thread-safety: pure function over an immutable model.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "aws/service_model.h"

namespace view360::sim {

// The JSON path ("Reservations[0].Instances[2].Tagz") of the first member of `output` that the
// operation's output shape does not have; "" when there is none.
std::string UnknownMembers(const aws::ServiceModel& model, std::string_view operation,
                           const nlohmann::json& output);

}  // namespace view360::sim
