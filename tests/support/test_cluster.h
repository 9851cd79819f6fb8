// A real PostgreSQL server for tests: one embedded cluster in a temporary folder per test
// binary, started before the first test and removed after the last. Each test that changes
// the schema gets a database of its own from FreshDatabase().
#pragma once

#include <string>

#include "support/temp_files.h"
#include "warehouse/connection.h"

namespace view360::testing {

// The shared test server's conninfo for database `dbname`.
std::string ConnInfoFor(const std::string& dbname);

// Creates an empty database with a unique name and returns its conninfo.
std::string FreshDatabase();

// Opens a connection or fails the current test.
warehouse::Connection Connect(const std::string& conninfo);

}  // namespace view360::testing
