// control/sqlite.hpp — the small SQLite helpers the control plane's databases share (control.db in
// store.cpp, audit.db in audit_log.cpp): one use of a cached statement (`stmt`), the exception
// a failing SQLite call raises inside a database class (`db_failure`), and the connection both
// database classes build on (`connection`: one handle, a mutex, cached statements, `locked` and
// `transaction`).
//
// Internal to control/: the public functions of each database catch `db_failure` at their boundary
// and return `errc::io`, so that the code between reads like the happy path while no exception
// crosses onto the request path.
#pragma once

#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include <fcntl.h>
#include <unistd.h>

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

/// One SQLite connection, used by one thread at a time under `mutex`. A database class's private
/// state derives from it. `fail_io` turns a caught db_failure into the class's error value.
struct connection {
  sqlite3* db = nullptr;
  std::mutex mutex;
  std::unordered_map<const char*, sqlite3_stmt*> statements;

  connection() = default;
  /// Opens (creating) the database at `path` for this process: the file made 0600 first (SQLite
  /// gives its -wal and -shm files the database's mode), WAL (readers never block the one writer,
  /// a crash keeps the last commit), synchronous=NORMAL (durable across process crashes),
  /// busy_timeout for the moments when the CLI and the server write at once. Start-up only:
  /// throws std::runtime_error (or db_failure) with a message for a person.
  void open(const std::string& path) {
    if (int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK)
      throw std::runtime_error("cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
    exec("PRAGMA busy_timeout=5000");
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
  }
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection() {
    for (auto& [sql, s] : statements) sqlite3_finalize(s);
    if (db) sqlite3_close(db);
  }

  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db);
      sqlite3_free(err);
      throw db_failure("database: " + msg);
    }
  }

  // Statements are keyed by their (static) text pointer: prepared once, reused forever.
  stmt prepare(const char* sql) {
    auto it = statements.find(sql);
    if (it == statements.end()) {
      sqlite3_stmt* s = nullptr;
      if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
        throw db_failure(std::string{"database: "} + sqlite3_errmsg(db));
      it = statements.emplace(sql, s).first;
    }
    return stmt{db, it->second};
  }

  int changes() { return sqlite3_changes(db); }

  /// Runs `f` under the mutex; a db_failure becomes `on_failure(message)` (the caller's error).
  template <class F, class OnFailure>
  auto locked(F&& f, OnFailure&& on_failure) -> decltype(f()) {
    std::lock_guard lock(mutex);
    try {
      return f();
    } catch (const db_failure& e) {
      return on_failure(e.what());
    }
  }

  /// Runs `f` in one IMMEDIATE transaction (the caller holds the mutex): commits when it returns
  /// a value, rolls back when it returns an error or throws.
  template <class F>
  auto in_transaction(F&& f) -> decltype(f()) {
    exec("BEGIN IMMEDIATE");
    try {
      auto r = f();
      exec(r ? "COMMIT" : "ROLLBACK");
      return r;
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
};

}  // namespace control::sqlite
