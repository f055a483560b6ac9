// control/audit_log.hpp — the audit trail of every agent action (DESIGN §2.2, issue 6), in
// `<data-dir>/audit.db` (SQLite, WAL), apart from control.db: the trail grows with traffic and is
// purged by age, while control.db is small and precious; separate files keep the trail's writes
// and vacuuming from ever touching the store the policy reads on every call.
//
// What a row says: when, who (team, user, email), which MCP client and session, which environment,
// which tool and catalog operation, a digest of the arguments (hex SHA-256 of their canonical form —
// never the values: arguments may carry secrets an agent sets, DESIGN §1.1 promise 4), the decision
// (allowed, refused with the rule, confirmation issued, confirmed, declined), the upstream status
// and request id, and the latency.
//
// Who writes: actors::audit_writer only, in batches (one transaction each), off the request path.
// Who reads: the admin page (`query`, one team only, newest first, paged by id) and the CLI
// (`export_jsonl`, oldest first, every team when asked). The server's writer and the CLI are
// different processes: WAL lets the CLI read and purge while the server appends.
//
// Hostile values: every string field is cut to `max_field_bytes` (at a UTF-8 character boundary)
// before it is stored, so an agent or client that sends a megabyte of operation name or client id
// cannot bloat the database. Nothing else is refused: an audit trail that drops the record of an
// action because one field looks odd would hide exactly the calls worth reading.
//
// Threading: every function may be called from any thread (one connection, guarded by a mutex,
// like control::store). Errors are values; only `open` throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "control/result.hpp"

namespace control {

/// One agent action, as the tools report it.
struct audit_event {
  std::int64_t time_ms = 0;          ///< unix epoch ms when the call started
  std::string team_id, user_id, email;
  std::string client_id;             ///< OAuth client id of the MCP client ("" when unknown)
  std::string session_id;            ///< MCP session id
  std::string environment_id, environment_name;  ///< "" when none resolved
  std::string tool;                  ///< "query", "mutate", "use_environment", …
  std::string operation;             ///< catalog id ("organizations.delete") or ""
  std::string arguments_digest;      ///< hex SHA-256 of the canonical arguments — never the values
  std::string decision;              ///< "allowed" | "refused" | "confirmation_issued" | "confirmed" | "declined"
  std::string rule;                  ///< the policy rule when refused, else ""
  int upstream_status = 0;           ///< 0: no upstream call was made
  std::string upstream_request_id;
  std::int64_t latency_us = 0;
};

/// A stored event with its row id (increasing in insertion order; the paging key).
struct audit_row : audit_event {
  std::int64_t id = 0;
};

/// Which rows `query` and `export_jsonl` return.
struct audit_filter {
  std::string team_id;               ///< required for query(): an admin only ever sees their own team
  std::string user;                  ///< email (case-insensitive) or user id; "" any
  std::string operation;             ///< prefix match ("organizations."); "" any
  std::string decision;              ///< exact; "" any
  std::string environment;           ///< environment name, case-insensitive; "" any
  std::int64_t since_ms = 0, until_ms = 0;  ///< time_ms >= since_ms, time_ms < until_ms; 0: unbounded
  std::int64_t before_id = 0;        ///< paging, newest first: rows with id < before_id; 0: from newest
  std::size_t limit = 100;           ///< capped at max_query_limit (query only; 0 means the default 100)
};

/// The five decisions a tool reports.
inline constexpr const char* audit_decisions[] = {"allowed", "refused", "confirmation_issued", "confirmed",
                                                  "declined"};

/// The file name of the audit database in the data directory.
inline constexpr const char* audit_database_file_name = "audit.db";

class audit_log {
 public:
  /// Longest stored string field, in bytes; longer values are cut (at a UTF-8 boundary).
  static constexpr std::size_t max_field_bytes = 512;
  /// Most rows one query() returns.
  static constexpr std::size_t max_query_limit = 1000;

  /// Opens (creating if needed) `<data_dir>/audit.db` in WAL mode. Throws std::runtime_error with
  /// a message for a person when the directory or the database is unusable.
  static std::unique_ptr<audit_log> open(const std::string& data_dir);
  ~audit_log();
  audit_log(const audit_log&) = delete;
  audit_log& operator=(const audit_log&) = delete;

  /// Appends the batch in one transaction (all or nothing); an empty batch does nothing.
  status append(const std::vector<audit_event>& batch);
  /// The team's rows matching `f`, newest first, at most `f.limit`. errc::invalid_argument
  /// without a team id.
  result<std::vector<audit_row>> query(const audit_filter& f);
  /// Every row matching f (team_id may be "" here: all teams), oldest first (by time_ms, then id),
  /// as JSON lines whose field names are audit_row's. `limit` does not apply (every row); `before_id` does. Holds the
  /// connection while it writes: meant for the CLI, which has its own.
  status export_jsonl(const audit_filter& f, std::ostream& out);
  /// Deletes the rows with time_ms < cutoff_ms; returns how many.
  result<std::int64_t> purge_older_than(std::int64_t cutoff_ms);

  /// One row as its JSON line (no newline): what export_jsonl writes, for the admin page too.
  static std::string to_json(const audit_row& row);

 private:
  struct impl;
  explicit audit_log(std::unique_ptr<impl> i);
  std::unique_ptr<impl> impl_;
};

}  // namespace control
