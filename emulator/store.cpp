// emulator/store.cpp — SQLite schema, prepared statements and transactions.
#include "emulator/store.hpp"

#include <chrono>
#include <stdexcept>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace emulator {

namespace {

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS objects (
  env TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  seq INTEGER NOT NULL,
  parent TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  PRIMARY KEY (env, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS objects_by_type ON objects (env, type, seq);
CREATE INDEX IF NOT EXISTS objects_by_parent ON objects (env, type, parent, seq);
CREATE TABLE IF NOT EXISTS idempotency (
  env TEXT NOT NULL,
  key TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (env, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings (
  env TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (env, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sequence (n INTEGER NOT NULL);
INSERT INTO sequence SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM sequence);
)sql";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// RAII reset of a cached statement, so every use starts clean.
struct use {
  sqlite3_stmt* s;
  explicit use(sqlite3_stmt* st) : s(st) {}
  ~use() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
  use& text(int i, std::string_view v) {
    // An empty string_view may carry a null pointer, which SQLite would bind as NULL.
    sqlite3_bind_text(s, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  use& integer(int i, std::int64_t v) {
    sqlite3_bind_int64(s, i, v);
    return *this;
  }
  int step() { return sqlite3_step(s); }
  std::string_view column_text(int i) {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
    return p ? std::string_view{p, static_cast<std::size_t>(sqlite3_column_bytes(s, i))} : std::string_view{};
  }
};

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string{what} + ": " + sqlite3_errmsg(db));
}

json parse_stored(std::string_view text) {
  auto v = json::parse(text);
  if (!v) throw std::runtime_error("corrupt object in the store");
  return std::move(*v);
}

}  // namespace

std::unique_ptr<store> store::open(const std::string& path, std::string& error) {
  std::unique_ptr<store> s(new store());
  // The store holds API keys and planted secrets: owner-only, like control.db (SQLite gives its
  // -wal and -shm files the database file's mode).
  if (int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0600); fd >= 0) {
    ::fchmod(fd, 0600);
    ::close(fd);
  }
  if (sqlite3_open_v2(path.c_str(), &s->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    error = "cannot open " + path + ": " + (s->db_ ? sqlite3_errmsg(s->db_) : "out of memory");
    return nullptr;
  }
  try {
    // WAL: readers never block the writer and a crash leaves the last commit intact;
    // synchronous=NORMAL is durable across process crashes (kill -9), which is what we promise.
    s->exec("PRAGMA journal_mode=WAL");
    s->exec("PRAGMA synchronous=NORMAL");
    s->exec("PRAGMA busy_timeout=5000");
    s->exec(schema);
  } catch (const std::exception& e) {
    error = e.what();
    return nullptr;
  }
  return s;
}

store::~store() {
  for (auto& [sql, st] : statements_) sqlite3_finalize(st);
  if (db_) sqlite3_close(db_);
}

void store::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(std::string{"sqlite: "} + msg);
  }
}

sqlite3_stmt* store::prepare(const char* sql) {
  // Statements are keyed by their (static) text pointer: prepared once, reused forever.
  for (auto& [k, st] : statements_)
    if (k == sql) return st;
  sqlite3_stmt* st = nullptr;
  check(sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr), db_, sql);
  statements_.emplace_back(sql, st);
  return st;
}

bool store::transact(const std::function<bool(tx&)>& fn) {
  std::lock_guard lock(mutex_);
  exec("BEGIN IMMEDIATE");
  tx t(*this);
  bool ok = false;
  try {
    ok = fn(t);
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
  exec(ok ? "COMMIT" : "ROLLBACK");
  return ok;
}

bool store::empty() {
  std::lock_guard lock(mutex_);
  use q(prepare("SELECT 1 FROM objects LIMIT 1"));
  return q.step() != SQLITE_ROW;
}

std::optional<json> tx::get(std::string_view env, std::string_view id) {
  use q(s_.prepare("SELECT body FROM objects WHERE env = ?1 AND id = ?2"));
  q.text(1, env).text(2, id);
  if (q.step() != SQLITE_ROW) return std::nullopt;
  return parse_stored(q.column_text(0));
}

std::optional<json> tx::get(std::string_view env, std::string_view type, std::string_view id) {
  use q(s_.prepare("SELECT body FROM objects WHERE env = ?1 AND id = ?2 AND type = ?3"));
  q.text(1, env).text(2, id).text(3, type);
  if (q.step() != SQLITE_ROW) return std::nullopt;
  return parse_stored(q.column_text(0));
}

void tx::put(std::string_view env, std::string_view type, std::string_view id, const json& object,
             std::string_view parent) {
  std::string body = object.dump();
  {
    use u(s_.prepare("UPDATE objects SET body = ?3, type = ?4, parent = ?5 WHERE env = ?1 AND id = ?2"));
    u.text(1, env).text(2, id).text(3, body).text(4, type).text(5, parent);
    check(u.step(), s_.db_, "update");
  }
  if (sqlite3_changes(s_.db_) > 0) return;
  std::int64_t seq;
  {
    use n(s_.prepare("UPDATE sequence SET n = n + 1 RETURNING n"));
    check(n.step(), s_.db_, "sequence");
    seq = sqlite3_column_int64(n.s, 0);
  }
  use i(s_.prepare("INSERT INTO objects (env, id, type, seq, parent, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  i.text(1, env).text(2, id).text(3, type).integer(4, seq).text(5, parent).text(6, body);
  check(i.step(), s_.db_, "insert");
}

bool tx::replace_body(std::string_view env, std::string_view id, const json& object) {
  use u(s_.prepare("UPDATE objects SET body = ?3 WHERE env = ?1 AND id = ?2"));
  u.text(1, env).text(2, id).text(3, object.dump());
  check(u.step(), s_.db_, "replace");
  return sqlite3_changes(s_.db_) > 0;
}

bool tx::remove(std::string_view env, std::string_view id) {
  use d(s_.prepare("DELETE FROM objects WHERE env = ?1 AND id = ?2"));
  d.text(1, env).text(2, id);
  check(d.step(), s_.db_, "delete");
  return sqlite3_changes(s_.db_) > 0;
}

std::vector<json> tx::all(std::string_view env, std::string_view type, std::optional<std::string_view> parent) {
  std::vector<json> out;
  if (parent) {
    use q(s_.prepare("SELECT body FROM objects WHERE env = ?1 AND type = ?2 AND parent = ?3 ORDER BY seq"));
    q.text(1, env).text(2, type).text(3, *parent);
    while (q.step() == SQLITE_ROW) out.push_back(parse_stored(q.column_text(0)));
  } else {
    use q(s_.prepare("SELECT body FROM objects WHERE env = ?1 AND type = ?2 ORDER BY seq"));
    q.text(1, env).text(2, type);
    while (q.step() == SQLITE_ROW) out.push_back(parse_stored(q.column_text(0)));
  }
  return out;
}

std::vector<tx::row> tx::everything(std::string_view env) {
  std::vector<row> out;
  use q(s_.prepare("SELECT id, type, parent, body FROM objects WHERE env = ?1 ORDER BY seq"));
  q.text(1, env);
  while (q.step() == SQLITE_ROW)
    out.push_back({std::string{q.column_text(0)}, std::string{q.column_text(1)}, std::string{q.column_text(2)},
                   parse_stored(q.column_text(3))});
  return out;
}

std::size_t tx::count(std::string_view env, std::string_view type, std::optional<std::string_view> parent) {
  if (parent) {
    use q(s_.prepare("SELECT COUNT(*) FROM objects WHERE env = ?1 AND type = ?2 AND parent = ?3"));
    q.text(1, env).text(2, type).text(3, *parent);
    q.step();
    return static_cast<std::size_t>(sqlite3_column_int64(q.s, 0));
  }
  use q(s_.prepare("SELECT COUNT(*) FROM objects WHERE env = ?1 AND type = ?2"));
  q.text(1, env).text(2, type);
  q.step();
  return static_cast<std::size_t>(sqlite3_column_int64(q.s, 0));
}

std::optional<tx::saved_response> tx::idempotent(std::string_view env, std::string_view key) {
  use q(s_.prepare("SELECT request_digest, status, body FROM idempotency WHERE env = ?1 AND key = ?2 AND created_ms > ?3"));
  q.text(1, env).text(2, key).integer(3, now_ms() - 24LL * 3600 * 1000);
  if (q.step() != SQLITE_ROW) return std::nullopt;
  return saved_response{std::string{q.column_text(0)}, static_cast<unsigned>(sqlite3_column_int(q.s, 1)),
                        std::string{q.column_text(2)}};
}

void tx::save_idempotent(std::string_view env, std::string_view key, const saved_response& r) {
  use q(s_.prepare("INSERT OR REPLACE INTO idempotency (env, key, request_digest, status, body, created_ms) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  q.text(1, env).text(2, key).text(3, r.request_digest).integer(4, r.status).text(5, r.body).integer(6, now_ms());
  check(q.step(), s_.db_, "idempotency");
}

std::optional<json> tx::setting(std::string_view env, std::string_view name) {
  use q(s_.prepare("SELECT value FROM settings WHERE env = ?1 AND name = ?2"));
  q.text(1, env).text(2, name);
  if (q.step() != SQLITE_ROW) return std::nullopt;
  return parse_stored(q.column_text(0));
}

void tx::set_setting(std::string_view env, std::string_view name, const json& value) {
  use q(s_.prepare("INSERT OR REPLACE INTO settings (env, name, value) VALUES (?1, ?2, ?3)"));
  q.text(1, env).text(2, name).text(3, value.dump());
  check(q.step(), s_.db_, "setting");
}

}  // namespace emulator
