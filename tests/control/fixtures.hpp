// tests/control/fixtures.hpp — temporary data directories, a fake environment, raw SQL access,
// audit filters by name.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <sqlite3.h>

#include "control/audit_log.hpp"
#include "control/model.hpp"
#include "control/store.hpp"

namespace control_test {

/// A fresh directory under /tmp, removed at the end of the test.
struct temp_dir {
  std::string path;
  temp_dir() {
    char tmpl[] = "/tmp/workos-control-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return path + "/" + name; }
};

/// An environment of the test's own making (never the process's).
struct fake_env {
  std::map<std::string, std::string> vars;
  control::env_lookup lookup() const {
    return [vars = vars](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }
};

/// Store options for tests: the data dir, an empty environment, a fast password KDF.
inline control::store_options options_for(const temp_dir& dir, const fake_env& env = {}) {
  control::store_options o;
  o.data_dir = dir.path;
  o.env = env.lookup();
  o.password_iterations = 1000;
  return o;
}

/// Runs one SQL statement on control.db behind the store's back (to tamper with it).
inline void raw_sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("raw_sql: " + msg);
}

/// Reads the whole file (to look for secrets in it); empty when absent.
inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

/// An audit_filter built by naming the fields to set: GCC 12's -Wmissing-field-initializers refuses
/// designated initializers that leave fields out, and a filter is mostly fields left out.
struct where : control::audit_filter {
  where& team(std::string v) { team_id = std::move(v); return *this; }
  where& user_is(std::string v) { user = std::move(v); return *this; }
  where& operation_starts(std::string v) { operation = std::move(v); return *this; }
  where& decision_is(std::string v) { decision = std::move(v); return *this; }
  where& environment_is(std::string v) { environment = std::move(v); return *this; }
  where& since(std::int64_t ms) { since_ms = ms; return *this; }
  where& until(std::int64_t ms) { until_ms = ms; return *this; }
  where& before(std::int64_t id) { before_id = id; return *this; }
  where& at_most(std::size_t n) { limit = n; return *this; }
};

}  // namespace control_test
