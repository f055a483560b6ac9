// control/sqlite.hpp — the small SQLite helpers the control plane's databases share (control.db in
// store.cpp, audit.db in audit_log.cpp): one use of a cached statement (`stmt`), and the exception
// a failing SQLite call raises inside a database class (`db_failure`).
//
// Internal to control/: the public functions of each database catch `db_failure` at their boundary
// and return `errc::io`, so that the code between reads like the happy path while no exception
// crosses onto the request path.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace control::sqlite {

/// A SQLite call failed (message: "database: " + SQLite's message).
struct db_failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One use of a cached statement: binds, steps, reads columns, and resets on destruction.
class stmt {
 public:
  stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  ~stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  stmt(const stmt&) = delete;
  stmt& operator=(const stmt&) = delete;

  stmt& text(int i, std::string_view v) {
    // An empty string_view may carry a null pointer, which SQLite would bind as NULL.
    check(sqlite3_bind_text(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  stmt& blob(int i, std::string_view v) {
    check(sqlite3_bind_blob(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  stmt& integer(int i, std::int64_t v) {
    check(sqlite3_bind_int64(s_, i, v));
    return *this;
  }
  /// Steps once: true for a row, false when done.
  bool row() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw db_failure(std::string{"database: "} + sqlite3_errmsg(db_));
  }
  /// Steps a statement that returns no row; false on a constraint violation (the caller
  /// checked the friendly cases first; this is the backstop against a concurrent writer).
  bool run() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return false;
    throw db_failure(std::string{"database: "} + sqlite3_errmsg(db_));
  }
  std::string str(int i) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string{p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i))} : std::string{};
  }
  std::string bytes(int i) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(s_, i));
    return p ? std::string{p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i))} : std::string{};
  }
  std::int64_t num(int i) const { return sqlite3_column_int64(s_, i); }
  bool flag(int i) const { return sqlite3_column_int64(s_, i) != 0; }
  bool is_null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw db_failure(std::string{"database: "} + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* s_;
};

}  // namespace control::sqlite
