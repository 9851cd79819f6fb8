// moto, the third-party AWS emulator, as a real server for tests: started on a free loopback
// port by the first test that needs it, stopped when the test binary exits. Tests create state
// through moto's own AWS APIs, then exercise View360 against it over signed HTTP.
#pragma once

#include <string>

namespace view360::testing {

// The endpoint (http://127.0.0.1:PORT) of the shared moto server, starting it on first use.
// Fails the test (and aborts) when moto cannot start: a missing peer fails, never skips.
const std::string& MotoEndpoint();

// Forgets all state (POST /moto-api/reset).
void ResetMoto();

}  // namespace view360::testing
