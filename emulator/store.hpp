// emulator/store.hpp — the emulator's persistent state: JSON objects in SQLite (WAL).
//
// Every API object is one row: (environment, id) → type, creation sequence, parent id and the
// object's JSON. Environments never see each other's rows. A request runs as one transaction
// (`transact`): everything it read and wrote commits together or not at all, so a crash or a
// kill -9 loses at most the request in flight, never half of one. One connection serves the
// process, guarded by a mutex: SQLite serialises writers anyway, and at the emulator's scale a
// point read under the mutex costs microseconds.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/json_value.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace emulator {

class store;

/// The view of the store a request gets, valid inside `store::transact` only.
class tx {
 public:
  /// The object with this id in `env`, of any type.
  std::optional<json> get(std::string_view env, std::string_view id);
  /// The object with this id in `env` if it is of `type`.
  std::optional<json> get(std::string_view env, std::string_view type, std::string_view id);
  /// Inserts or replaces. A new object takes the next creation sequence; a replaced one keeps
  /// its place in listings.
  void put(std::string_view env, std::string_view type, std::string_view id, const json& object,
           std::string_view parent = {});
  /// Replaces the body of an existing object, keeping its type, parent and place; false when
  /// there is no such object.
  bool replace_body(std::string_view env, std::string_view id, const json& object);
  /// Deletes; true when it existed.
  bool remove(std::string_view env, std::string_view id);
  /// Every object of `type` in `env` in creation order (optionally only children of `parent`).
  std::vector<json> all(std::string_view env, std::string_view type, std::optional<std::string_view> parent = {});
  /// Every object of `env` with its type and parent (for cascades across products).
  struct row {
    std::string id;
    std::string type;
    std::string parent;
    json body;
  };
  std::vector<row> everything(std::string_view env);
  /// Count of objects of `type` in `env` (optionally under `parent`).
  std::size_t count(std::string_view env, std::string_view type, std::optional<std::string_view> parent = {});

  /// Idempotency-Key records: the stored response for (env, key), if younger than 24 hours.
  struct saved_response {
    std::string request_digest;  ///< method + path + body digest: a reused key with another request is a conflict
    unsigned status = 0;
    std::string body;
  };
  std::optional<saved_response> idempotent(std::string_view env, std::string_view key);
  void save_idempotent(std::string_view env, std::string_view key, const saved_response& r);

  /// Small key/value settings per environment (JWT template, branding, …).
  std::optional<json> setting(std::string_view env, std::string_view name);
  void set_setting(std::string_view env, std::string_view name, const json& value);

 private:
  friend class store;
  explicit tx(store& s) : s_(s) {}
  store& s_;
};

class store {
 public:
  /// Opens (creating if needed) the database file; `error` says why it could not.
  static std::unique_ptr<store> open(const std::string& path, std::string& error);
  ~store();
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  /// Runs `fn` in one IMMEDIATE transaction; commits when it returns true, rolls back otherwise
  /// (and on exceptions, which are rethrown).
  bool transact(const std::function<bool(tx&)>& fn);

  /// True when the database holds no object at all (a fresh data directory, for seeding).
  bool empty();

 private:
  friend class tx;
  store() = default;
  sqlite3_stmt* prepare(const char* sql);
  void exec(const char* sql);

  sqlite3* db_ = nullptr;
  std::mutex mutex_;
  std::vector<std::pair<const char*, sqlite3_stmt*>> statements_;
};

}  // namespace emulator
