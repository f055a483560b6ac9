// control/audit_log.cpp — audit.db: schema, batched inserts, filtered reads, JSON lines, purge.
#include "control/audit_log.hpp"

#include <filesystem>
#include <limits>
#include <mutex>
#include <ostream>
#include <string_view>
#include <unordered_map>

#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include "control/sqlite.hpp"
#include "mcp/json.hpp"

namespace control {

namespace {

using sqlite::db_failure;
using sqlite::stmt;

// Indexes follow the reads: the admin page pages one team newest first by id, and filters a
// team by time; the daily purge deletes by time across every team. AUTOINCREMENT so that an id
// is never reused after a purge empties the table: a page cursor (before_id) stays meaningful.
constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms INTEGER NOT NULL,
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  email TEXT NOT NULL,
  client_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  environment_id TEXT NOT NULL,
  environment_name TEXT NOT NULL,
  tool TEXT NOT NULL,
  operation TEXT NOT NULL,
  arguments_digest TEXT NOT NULL,
  decision TEXT NOT NULL,
  rule TEXT NOT NULL,
  upstream_status INTEGER NOT NULL,
  upstream_request_id TEXT NOT NULL,
  latency_us INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_team_time ON audit (team_id, time_ms);
CREATE INDEX IF NOT EXISTS audit_by_team_id ON audit (team_id, id);
CREATE INDEX IF NOT EXISTS audit_by_time ON audit (time_ms);
INSERT OR IGNORE INTO meta (name, value) VALUES ('schema_version', 1);
)sql";

#define WM_AUDIT_COLS                                                                                          \
  "id, time_ms, team_id, user_id, email, client_id, session_id, environment_id, environment_name, tool, " \
  "operation, arguments_digest, decision, rule, upstream_status, upstream_request_id, latency_us"

// The filter conditions shared by query and export, on parameters ?2…?8 (?1 is the team).
// Bounds are always bound (0 → the open end), so SQLite can use them as index ranges; the
// operation prefix is compared with substr, not LIKE, so '%' and '_' in it mean themselves.
#define WM_AUDIT_FILTER                                                   \
  " AND (?2 = '' OR user_id = ?2 OR email = ?2 COLLATE NOCASE)"          \
  " AND substr(operation, 1, length(?3)) = ?3"                          \
  " AND (?4 = '' OR decision = ?4)"                                      \
  " AND (?5 = '' OR environment_name = ?5 COLLATE NOCASE)"               \
  " AND time_ms >= ?6 AND time_ms < ?7 AND id < ?8"

constexpr const char* insert_sql =
    "INSERT INTO audit (time_ms, team_id, user_id, email, client_id, session_id, environment_id, "
    "environment_name, tool, operation, arguments_digest, decision, rule, upstream_status, upstream_request_id, "
    "latency_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
constexpr const char* query_sql =
    "SELECT " WM_AUDIT_COLS " FROM audit WHERE team_id = ?1" WM_AUDIT_FILTER " ORDER BY id DESC LIMIT ?9";
// Export is ordered by time (then id): the time indexes hold rows in that order, so millions of
// rows stream out of an index instead of going through a temporary sort — by team, or for all.
constexpr const char* export_team_sql =
    "SELECT " WM_AUDIT_COLS " FROM audit WHERE team_id = ?1" WM_AUDIT_FILTER " ORDER BY time_ms, id";
constexpr const char* export_all_sql =
    "SELECT " WM_AUDIT_COLS " FROM audit WHERE ?1 = ''" WM_AUDIT_FILTER " ORDER BY time_ms, id";
// Purged in chunks, each its own short transaction, so that a purge of millions of rows never
// holds the write lock long enough to stall the writer's batches (or the CLI's).
#define WM_AUDIT_PURGE_CHUNK 10000
#define WM_STR2(x) #x
#define WM_STR(x) WM_STR2(x)
constexpr const char* purge_sql =
    "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE time_ms < ?1 LIMIT " WM_STR(WM_AUDIT_PURGE_CHUNK) ")";
constexpr std::int64_t purge_chunk = WM_AUDIT_PURGE_CHUNK;

constexpr std::int64_t unbounded = std::numeric_limits<std::int64_t>::max();

/// `s` cut to at most audit_log::max_field_bytes, never inside a UTF-8 sequence.
std::string_view capped(std::string_view s) {
  if (s.size() <= audit_log::max_field_bytes) return s;
  std::size_t n = audit_log::max_field_bytes;
  // Back off over continuation bytes (10xxxxxx) to the start of the cut character.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

audit_row read_row(const stmt& q) {
  audit_row r;
  r.id = q.num(0);
  r.time_ms = q.num(1);
  r.team_id = q.str(2);
  r.user_id = q.str(3);
  r.email = q.str(4);
  r.client_id = q.str(5);
  r.session_id = q.str(6);
  r.environment_id = q.str(7);
  r.environment_name = q.str(8);
  r.tool = q.str(9);
  r.operation = q.str(10);
  r.arguments_digest = q.str(11);
  r.decision = q.str(12);
  r.rule = q.str(13);
  r.upstream_status = static_cast<int>(q.num(14));
  r.upstream_request_id = q.str(15);
  r.latency_us = q.num(16);
  return r;
}

// Binds the filter to ?1…?8 of query_sql and the export statements.
void bind_filter(stmt& q, const audit_filter& f) {
  q.text(1, f.team_id)
      .text(2, f.user)
      .text(3, f.operation)
      .text(4, f.decision)
      .text(5, f.environment)
      .integer(6, f.since_ms > 0 ? f.since_ms : std::numeric_limits<std::int64_t>::min())
      .integer(7, f.until_ms > 0 ? f.until_ms : unbounded)
      .integer(8, f.before_id > 0 ? f.before_id : unbounded);
}

}  // namespace

struct audit_log::impl : sqlite::connection {
  // Runs `f` under the mutex; database failures become errc::io.
  template <class F>
  auto locked(F&& f) -> decltype(f()) {
    return connection::locked(std::forward<F>(f), [](const char* what) { return fail(errc::io, what); });
  }
};

audit_log::audit_log(std::unique_ptr<impl> i) : impl_(std::move(i)) {}
audit_log::~audit_log() = default;

std::unique_ptr<audit_log> audit_log::open(const std::string& data_dir) {
  namespace fs = std::filesystem;
  fs::path dir = data_dir.empty() ? fs::path{"."} : fs::path{data_dir};
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create the data directory " + dir.string() + ": " + ec.message());
  auto path = (dir / audit_database_file_name).string();
  auto i = std::make_unique<impl>();
  try {
    // Private (emails and who-did-what are personal data), WAL so that the CLI's export and purge
    // run while the server appends: sqlite::connection::open.
    i->open(path);
    i->exec("BEGIN IMMEDIATE");
    i->exec(schema);
    i->exec("COMMIT");
  } catch (const db_failure& e) {
    sqlite3_exec(i->db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw std::runtime_error(path + ": " + e.what());
  }
  return std::unique_ptr<audit_log>(new audit_log(std::move(i)));
}

status audit_log::append(const std::vector<audit_event>& batch) {
  if (batch.empty()) return {};
  return impl_->locked([&]() -> status {
    return impl_->in_transaction([&]() -> status {
      for (const auto& e : batch) {
        auto q = impl_->prepare(insert_sql);
        q.integer(1, e.time_ms)
            .text(2, capped(e.team_id))
            .text(3, capped(e.user_id))
            .text(4, capped(e.email))
            .text(5, capped(e.client_id))
            .text(6, capped(e.session_id))
            .text(7, capped(e.environment_id))
            .text(8, capped(e.environment_name))
            .text(9, capped(e.tool))
            .text(10, capped(e.operation))
            .text(11, capped(e.arguments_digest))
            .text(12, capped(e.decision))
            .text(13, capped(e.rule))
            .integer(14, e.upstream_status)
            .text(15, capped(e.upstream_request_id))
            .integer(16, e.latency_us);
        if (!q.run()) throw db_failure(std::string{"database: "} + sqlite3_errmsg(impl_->db));
      }
      return {};
    });
  });
}

result<std::vector<audit_row>> audit_log::query(const audit_filter& f) {
  if (f.team_id.empty()) return fail(errc::invalid_argument, "an audit query needs a team");
  std::size_t limit = f.limit == 0 ? 100 : std::min(f.limit, max_query_limit);
  return impl_->locked([&]() -> result<std::vector<audit_row>> {
    auto q = impl_->prepare(query_sql);
    bind_filter(q, f);
    q.integer(9, static_cast<std::int64_t>(limit));
    std::vector<audit_row> rows;
    while (q.row()) rows.push_back(read_row(q));
    return rows;
  });
}

status audit_log::export_jsonl(const audit_filter& f, std::ostream& out) {
  return impl_->locked([&]() -> status {
    auto q = impl_->prepare(f.team_id.empty() ? export_all_sql : export_team_sql);
    bind_filter(q, f);
    while (q.row()) {
      out << to_json(read_row(q)) << '\n';
      if (!out) return fail(errc::io, "writing the audit export failed");
    }
    return {};
  });
}

result<std::int64_t> audit_log::purge_older_than(std::int64_t cutoff_ms) {
  std::int64_t total = 0;
  for (;;) {
    // The lock is taken per chunk: the writer's appends slip in between.
    auto chunk = impl_->locked([&]() -> result<std::int64_t> {
      auto q = impl_->prepare(purge_sql);
      q.integer(1, cutoff_ms);
      q.run();
      return static_cast<std::int64_t>(sqlite3_changes(impl_->db));
    });
    if (!chunk) return chunk.error();
    total += *chunk;
    if (*chunk < purge_chunk) return total;
  }
}

std::string audit_log::to_json(const audit_row& r) {
  mcp::json_writer w(512);
  w.begin_object()
      .field("id", r.id)
      .field("time_ms", r.time_ms)
      .field("team_id", r.team_id)
      .field("user_id", r.user_id)
      .field("email", r.email)
      .field("client_id", r.client_id)
      .field("session_id", r.session_id)
      .field("environment_id", r.environment_id)
      .field("environment_name", r.environment_name)
      .field("tool", r.tool)
      .field("operation", r.operation)
      .field("arguments_digest", r.arguments_digest)
      .field("decision", r.decision)
      .field("rule", r.rule)
      .field("upstream_status", r.upstream_status)
      .field("upstream_request_id", r.upstream_request_id)
      .field("latency_us", r.latency_us)
      .end_object();
  return std::move(w).str();
}

}  // namespace control
