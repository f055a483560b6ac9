// control/store.cpp — schema, prepared statements, transactions, and the typed operations.
#include "control/store.hpp"

#include <chrono>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "control/sqlite.hpp"
#include "control/validate.hpp"

namespace control {

namespace {

// Indexes follow the reads: members by user id (primary key) and email (unique) are the
// policy's point reads; members by team for listings and the last-admin count; environments by
// (team, name) for `use_environment`.
constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  mcp_enabled INTEGER NOT NULL DEFAULT 1,
  allow_production INTEGER NOT NULL DEFAULT 1,
  allow_write INTEGER NOT NULL DEFAULT 1,
  confirm_by_person INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
  user_id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams (id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'developer', 'support', 'viewer')),
  production_access INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS members_by_team ON members (team_id, role);
CREATE TABLE IF NOT EXISTS environments (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams (id),
  name TEXT NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('sandbox', 'production')),
  api_base_url TEXT NOT NULL,
  api_key_sealed BLOB,
  api_key_last4 TEXT NOT NULL DEFAULT '',
  embedded INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  UNIQUE (team_id, name)
);
INSERT OR IGNORE INTO meta (name, value) VALUES ('schema_version', 1);
)sql";

// A known plaintext sealed under the master key when the database is created: opening it at
// every start proves the key is the right one before any API key is needed.
constexpr std::string_view key_check_plaintext = "workos-mcp control plane master key check";
constexpr std::string_view key_check_aad = "meta/key_check";

// Column lists, shared by every query that builds the same struct.
#define WM_TEAM_COLS "t.id, t.name, t.mcp_enabled, t.allow_production, t.allow_write, t.confirm_by_person"
#define WM_MEMBER_COLS "m.user_id, m.team_id, m.email, m.name, m.role, m.production_access, m.password_hash <> ''"
#define WM_ENV_COLS \
  "e.id, e.team_id, e.name, e.kind, e.api_base_url, e.api_key_sealed IS NOT NULL, e.api_key_last4, e.embedded"

// SQLite failures inside the store raise sqlite::db_failure, caught at the public boundary and
// returned as errc::io: the code between reads like the happy path.
using sqlite::db_failure;
using sqlite::stmt;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

team read_team(const stmt& q, int o) {
  team t;
  t.id = q.str(o);
  t.name = q.str(o + 1);
  t.configured = {q.flag(o + 2), q.flag(o + 3), q.flag(o + 4), q.flag(o + 5)};
  t.switches = t.configured.effective();
  return t;
}

member read_member(const stmt& q, int o) {
  member m;
  m.user_id = q.str(o);
  m.team_id = q.str(o + 1);
  m.email = q.str(o + 2);
  m.name = q.str(o + 3);
  m.role = parse_role(q.str(o + 4)).value_or(role::viewer);
  m.production_access = q.flag(o + 5);
  m.has_password = q.flag(o + 6);
  return m;
}

environment read_environment(const stmt& q, int o) {
  environment e;
  e.id = q.str(o);
  e.team_id = q.str(o + 1);
  e.name = q.str(o + 2);
  e.kind = parse_environment_kind(q.str(o + 3)).value_or(environment_kind::sandbox);
  e.api_base_url = q.str(o + 4);
  e.has_api_key = q.flag(o + 5);
  e.api_key_last4 = q.str(o + 6);
  e.embedded = q.flag(o + 7);
  return e;
}

// The additional authenticated data of an environment's sealed API key.
std::string key_aad(std::string_view team_id, std::string_view environment_id) {
  std::string aad{team_id};
  aad += '/';
  aad += environment_id;
  return aad;
}

bool is_email(std::string_view who) { return who.find('@') != std::string_view::npos; }

error team_not_found(std::string_view team_id) { return fail(errc::not_found, "no team " + std::string{team_id}); }
error member_not_found(std::string_view who) { return fail(errc::not_found, "no member " + std::string{who}); }
error environment_not_found(std::string_view id) {
  return fail(errc::not_found, "no environment " + std::string{id});
}

}  // namespace

struct store::impl : sqlite::connection {
  std::optional<crypto::master_key> key;
  std::string key_origin;
  bool key_created = false;
  std::uint32_t password_iterations = crypto::default_password_iterations;

  // Runs `f` under the mutex; database failures become errc::io.
  template <class F>
  auto locked(F&& f) -> decltype(f()) {
    return connection::locked(std::forward<F>(f), [](const char* what) { return fail(errc::io, what); });
  }

  // Runs `f` in one IMMEDIATE transaction under the mutex (see sqlite::connection::in_transaction).
  template <class F>
  auto transaction(F&& f) -> decltype(f()) {
    return locked([&]() -> decltype(f()) { return in_transaction(f); });
  }

  // ---- reads used inside locked sections ----

  std::optional<team> team_row(std::string_view id) {
    auto q = prepare("SELECT " WM_TEAM_COLS " FROM teams t WHERE t.id = ?1");
    q.text(1, id);
    if (!q.row()) return std::nullopt;
    return read_team(q, 0);
  }

  std::optional<member> member_row(std::string_view who) {
    if (is_email(who)) {
      auto email = validate::email(who);
      if (!email) return std::nullopt;
      auto q = prepare("SELECT " WM_MEMBER_COLS " FROM members m WHERE m.email = ?1");
      q.text(1, *email);
      if (!q.row()) return std::nullopt;
      return read_member(q, 0);
    }
    auto q = prepare("SELECT " WM_MEMBER_COLS " FROM members m WHERE m.user_id = ?1");
    q.text(1, who);
    if (!q.row()) return std::nullopt;
    return read_member(q, 0);
  }

  std::optional<environment> environment_row(std::string_view id) {
    auto q = prepare("SELECT " WM_ENV_COLS " FROM environments e WHERE e.id = ?1");
    q.text(1, id);
    if (!q.row()) return std::nullopt;
    return read_environment(q, 0);
  }

  std::int64_t admins_of(std::string_view team_id) {
    auto q = prepare("SELECT COUNT(*) FROM members WHERE team_id = ?1 AND role = 'admin'");
    q.text(1, team_id);
    q.row();
    return q.num(0);
  }

  // Refuses to leave `m`'s team without an admin (used before a demotion or a removal).
  std::optional<error> keeps_an_admin(const member& m) {
    if (m.role != role::admin || admins_of(m.team_id) > 1) return std::nullopt;
    std::string team_name = m.team_id;
    if (auto t = team_row(m.team_id)) team_name = t->name + " (" + t->id + ")";
    return fail(errc::refused, m.email + " is the last admin of team " + team_name +
                                   ": make another member admin first");
  }

  // ---- writes used inside transactions ----

  result<team> insert_team(std::string_view name) {
    auto n = validate::team_name(name);
    if (!n) return n.error();
    auto exists = prepare("SELECT 1 FROM teams WHERE name = ?1");
    exists.text(1, *n);
    if (exists.row()) return fail(errc::already_exists, "a team named '" + *n + "' exists already");
    team t;
    t.id = crypto::new_id("team");
    t.name = *n;
    auto q = prepare("INSERT INTO teams (id, name, created_ms) VALUES (?1, ?2, ?3)");
    q.text(1, t.id).text(2, t.name).integer(3, now_ms());
    if (!q.run()) return fail(errc::already_exists, "a team named '" + *n + "' exists already");
    return t;
  }

  result<member> insert_member(std::string_view team_id, const new_member& m, const std::string& password_hash) {
    auto email = validate::email(m.email);
    if (!email) return email.error();
    auto name = validate::display_name(m.name);
    if (!name) return name.error();
    std::string user_id = m.user_id.empty() ? crypto::new_id("user") : m.user_id;
    if (auto u = validate::user_id(user_id); !u) return u.error();
    auto t = team_row(team_id);
    if (!t) return team_not_found(team_id);
    if (auto existing = member_row(*email)) {
      if (existing->team_id == t->id)
        return fail(errc::already_exists, *email + " is already a member of team " + t->name);
      return fail(errc::already_exists, *email + " is already a member of another team (a person is in one team)");
    }
    if (member_row(user_id)) return fail(errc::already_exists, "user id " + user_id + " is taken");
    member out;
    out.user_id = user_id;
    out.team_id = t->id;
    out.email = *email;
    out.name = *name;
    out.role = m.role;
    out.production_access = m.production_access;
    out.has_password = !password_hash.empty();
    auto q = prepare(
        "INSERT INTO members (user_id, team_id, email, name, role, production_access, password_hash, created_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q.text(1, out.user_id)
        .text(2, out.team_id)
        .text(3, out.email)
        .text(4, out.name)
        .text(5, to_string(out.role))
        .integer(6, out.production_access ? 1 : 0)
        .text(7, password_hash)
        .integer(8, now_ms());
    if (!q.run()) return fail(errc::already_exists, *email + " is already a member");
    return out;
  }

  result<environment> insert_environment(std::string_view team_id, const new_environment& e) {
    auto name = validate::environment_name(e.name);
    if (!name) return name.error();
    auto url = validate::base_url(e.api_base_url);
    if (!url) return url.error();
    if (!e.api_key.empty())
      if (auto ok = validate::api_key(e.api_key); !ok) return ok.error();
    auto t = team_row(team_id);
    if (!t) return team_not_found(team_id);
    auto exists = prepare("SELECT 1 FROM environments WHERE team_id = ?1 AND name = ?2");
    exists.text(1, t->id).text(2, *name);
    if (exists.row())
      return fail(errc::already_exists, "team " + t->name + " has an environment named '" + *name + "' already");
    environment out;
    out.id = crypto::new_id("environment");
    out.team_id = t->id;
    out.name = *name;
    out.kind = e.kind;
    out.api_base_url = *url;
    out.embedded = e.embedded;
    auto q = prepare(
        "INSERT INTO environments (id, team_id, name, kind, api_base_url, embedded, created_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q.text(1, out.id)
        .text(2, out.team_id)
        .text(3, out.name)
        .text(4, to_string(out.kind))
        .text(5, out.api_base_url)
        .integer(6, out.embedded ? 1 : 0)
        .integer(7, now_ms());
    if (!q.run()) return fail(errc::already_exists, "an environment named '" + *name + "' exists already");
    if (!e.api_key.empty()) {
      if (auto err = store_key(out.team_id, out.id, e.api_key)) return *err;
      out.has_api_key = true;
      out.api_key_last4 = validate::last_four(e.api_key);
    }
    return out;
  }

  // An admin changed the environment: the demo seed must not overwrite it any more.
  void detach(std::string_view env_id) {
    auto q = prepare("UPDATE environments SET embedded = 0 WHERE id = ?1");
    q.text(1, env_id);
    q.run();
  }

  // Seals `api_key` for (team, environment) and stores it with its last four characters.
  std::optional<error> store_key(std::string_view team_id, std::string_view env_id, std::string_view api_key) {
    auto sealed = crypto::seal(*key, api_key, key_aad(team_id, env_id));
    if (!sealed) return sealed.error();
    auto q = prepare("UPDATE environments SET api_key_sealed = ?2, api_key_last4 = ?3 WHERE id = ?1");
    q.text(1, env_id).blob(2, *sealed).text(3, validate::last_four(api_key));
    q.run();
    return std::nullopt;
  }
};

store::store(std::unique_ptr<impl> i) : impl_(std::move(i)) {}
store::~store() = default;

std::unique_ptr<store> store::open(const store_options& options) {
  namespace fs = std::filesystem;
  fs::path dir = options.data_dir.empty() ? fs::path{"."} : fs::path{options.data_dir};
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create the data directory " + dir.string() + ": " + ec.message());

  auto i = std::make_unique<impl>();
  i->password_iterations = options.password_iterations;
  auto path = (dir / database_file_name).string();
  // A database that exists was sealed under some key: never invent a new one for it.
  bool database_exists = fs::file_size(path, ec) > 0 && !ec;
  auto loaded = load_master_key({dir.string(), options.master_key_file, options.env, !database_exists});
  if (!loaded) throw std::runtime_error("master key: " + loaded.error().message);
  i->key = loaded->key;
  i->key_origin = loaded->origin;
  i->key_created = loaded->created;

  try {
    i->open(path);  // 0600, WAL, synchronous=NORMAL, busy_timeout (sqlite::connection::open)
    i->exec("PRAGMA foreign_keys=ON");
    i->exec("BEGIN IMMEDIATE");
    i->exec(schema);
    // Databases made before the fourth switch existed get its column, off, as new teams do.
    {
      auto q = i->prepare("SELECT 1 FROM pragma_table_info('teams') WHERE name = 'confirm_by_person'");
      bool present = q.row();
      if (!present) i->exec("ALTER TABLE teams ADD COLUMN confirm_by_person INTEGER NOT NULL DEFAULT 0");
    }
    std::optional<std::string> key_check;
    {
      auto q = i->prepare("SELECT value FROM meta WHERE name = 'key_check'");
      if (q.row()) key_check = q.bytes(0);
    }
    if (key_check) {
      auto check = crypto::open_sealed(*i->key, *key_check, key_check_aad);
      if (!check || check->reveal() != key_check_plaintext) {
        i->exec("ROLLBACK");
        throw std::runtime_error("the master key from " + i->key_origin + " is not the key " + path +
                                 " was sealed under; restore the original key (or point to it with "
                                 "WORKOS_MCP_MASTER_KEY_FILE)");
      }
    } else {
      auto sealed = crypto::seal(*i->key, key_check_plaintext, key_check_aad);
      if (!sealed) throw std::runtime_error(sealed.error().message);
      auto w = i->prepare("INSERT INTO meta (name, value) VALUES ('key_check', ?1)");
      w.blob(1, *sealed);
      w.run();
    }
    i->exec("COMMIT");
  } catch (const db_failure& e) {
    sqlite3_exec(i->db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw std::runtime_error(path + ": " + e.what());
  }
  return std::unique_ptr<store>(new store(std::move(i)));
}

const std::string& store::master_key_origin() const { return impl_->key_origin; }
bool store::master_key_created() const { return impl_->key_created; }

// ---- teams ----

namespace {

// Hashes the initial passwords of `members` (outside any lock: the KDF is slow).
result<std::vector<std::string>> hash_passwords(const std::vector<new_member>& members, std::uint32_t iterations) {
  std::vector<std::string> out;
  for (const auto& m : members) {
    if (m.password.empty()) {
      out.emplace_back();
      continue;
    }
    if (auto ok = validate::password(m.password); !ok) return ok.error();
    auto h = crypto::hash_password(m.password, iterations);
    if (!h) return h.error();
    out.push_back(std::move(*h));
  }
  return out;
}

}  // namespace

result<team> store::create_team(std::string_view name, const std::vector<new_member>& members,
                                const std::vector<new_environment>& environments) {
  auto hashes = hash_passwords(members, impl_->password_iterations);
  if (!hashes) return hashes.error();
  return impl_->transaction([&]() -> result<team> {
    auto t = impl_->insert_team(name);
    if (!t) return t;
    for (std::size_t i = 0; i < members.size(); ++i)
      if (auto m = impl_->insert_member(t->id, members[i], (*hashes)[i]); !m) return m.error();
    for (const auto& e : environments)
      if (auto env = impl_->insert_environment(t->id, e); !env) return env.error();
    return t;
  });
}

result<team> store::team_by_id(std::string_view team_id) {
  return impl_->locked([&]() -> result<team> {
    if (auto t = impl_->team_row(team_id)) return *t;
    return team_not_found(team_id);
  });
}

result<team> store::team_by_name(std::string_view name) {
  return impl_->locked([&]() -> result<team> {
    auto q = impl_->prepare("SELECT " WM_TEAM_COLS " FROM teams t WHERE t.name = ?1");
    q.text(1, name);
    if (!q.row()) return fail(errc::not_found, "no team named '" + std::string{name} + "'");
    return read_team(q, 0);
  });
}

result<std::vector<team>> store::teams() {
  return impl_->locked([&]() -> result<std::vector<team>> {
    std::vector<team> out;
    auto q = impl_->prepare("SELECT " WM_TEAM_COLS " FROM teams t ORDER BY t.rowid");
    while (q.row()) out.push_back(read_team(q, 0));
    return out;
  });
}

result<bool> store::empty() {
  return impl_->locked([&]() -> result<bool> {
    auto q = impl_->prepare("SELECT 1 FROM teams LIMIT 1");
    return !q.row();
  });
}

result<team> store::set_switch(std::string_view team_id, team_switch which, bool on) {
  return impl_->transaction([&]() -> result<team> {
    const char* sql = nullptr;
    switch (which) {
      case team_switch::mcp_enabled: sql = "UPDATE teams SET mcp_enabled = ?2 WHERE id = ?1"; break;
      case team_switch::allow_production: sql = "UPDATE teams SET allow_production = ?2 WHERE id = ?1"; break;
      case team_switch::allow_write: sql = "UPDATE teams SET allow_write = ?2 WHERE id = ?1"; break;
      case team_switch::confirm_by_person: sql = "UPDATE teams SET confirm_by_person = ?2 WHERE id = ?1"; break;
    }
    auto q = impl_->prepare(sql);
    q.text(1, team_id).integer(2, on ? 1 : 0);
    q.run();
    if (impl_->changes() == 0) return team_not_found(team_id);
    return *impl_->team_row(team_id);
  });
}

result<team> store::team_of(std::string_view user_id) {
  auto a = access_of(user_id);
  if (!a) return a.error();
  return std::move(a->team);
}

// ---- members ----

result<member> store::add_member(std::string_view team_id, const new_member& m) {
  auto hashes = hash_passwords({m}, impl_->password_iterations);
  if (!hashes) return hashes.error();
  return impl_->transaction([&]() -> result<member> { return impl_->insert_member(team_id, m, hashes->front()); });
}

result<member> store::member_by_email(std::string_view email) {
  auto e = validate::email(email);
  if (!e) return e.error();
  return impl_->locked([&]() -> result<member> {
    if (auto m = impl_->member_row(*e)) return *m;
    return member_not_found(*e);
  });
}

result<member> store::member_by_user_id(std::string_view user_id) {
  if (is_email(user_id)) return member_not_found(user_id);
  return impl_->locked([&]() -> result<member> {
    if (auto m = impl_->member_row(user_id)) return *m;
    return member_not_found(user_id);
  });
}

result<access> store::access_of(std::string_view user_id) {
  if (is_email(user_id)) return member_not_found(user_id);
  return impl_->locked([&]() -> result<access> {
    auto q = impl_->prepare("SELECT " WM_MEMBER_COLS ", " WM_TEAM_COLS
                            " FROM members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ?1");
    q.text(1, user_id);
    if (!q.row()) return member_not_found(user_id);
    return access{read_member(q, 0), read_team(q, 7)};
  });
}

result<std::vector<member>> store::members_of(std::string_view team_id) {
  return impl_->locked([&]() -> result<std::vector<member>> {
    if (!impl_->team_row(team_id)) return team_not_found(team_id);
    std::vector<member> out;
    auto q = impl_->prepare("SELECT " WM_MEMBER_COLS " FROM members m WHERE m.team_id = ?1 ORDER BY m.rowid");
    q.text(1, team_id);
    while (q.row()) out.push_back(read_member(q, 0));
    return out;
  });
}

result<std::vector<member>> store::all_members() {
  return impl_->locked([&]() -> result<std::vector<member>> {
    std::vector<member> out;
    auto q = impl_->prepare("SELECT " WM_MEMBER_COLS
                            " FROM members m JOIN teams t ON t.id = m.team_id ORDER BY t.rowid, m.rowid");
    while (q.row()) out.push_back(read_member(q, 0));
    return out;
  });
}

result<member> store::set_role(std::string_view who, role r) {
  return impl_->transaction([&]() -> result<member> {
    auto m = impl_->member_row(who);
    if (!m) return member_not_found(who);
    if (m->role == r) return *m;
    if (r != role::admin)
      if (auto refusal = impl_->keeps_an_admin(*m)) return *refusal;
    auto q = impl_->prepare("UPDATE members SET role = ?2 WHERE user_id = ?1");
    q.text(1, m->user_id).text(2, to_string(r));
    q.run();
    m->role = r;
    return *m;
  });
}

result<member> store::set_production_access(std::string_view who, bool allowed) {
  return impl_->transaction([&]() -> result<member> {
    auto m = impl_->member_row(who);
    if (!m) return member_not_found(who);
    auto q = impl_->prepare("UPDATE members SET production_access = ?2 WHERE user_id = ?1");
    q.text(1, m->user_id).integer(2, allowed ? 1 : 0);
    q.run();
    m->production_access = allowed;
    return *m;
  });
}

status store::remove_member(std::string_view who) {
  return impl_->transaction([&]() -> status {
    auto m = impl_->member_row(who);
    if (!m) return member_not_found(who);
    if (auto refusal = impl_->keeps_an_admin(*m)) return *refusal;
    auto q = impl_->prepare("DELETE FROM members WHERE user_id = ?1");
    q.text(1, m->user_id);
    q.run();
    return {};
  });
}

status store::set_password(std::string_view who, std::string_view password) {
  if (auto ok = validate::password(password); !ok) return ok.error();
  // The KDF takes a fifth of a second: run it before taking the lock.
  auto hash = crypto::hash_password(password, impl_->password_iterations);
  if (!hash) return hash.error();
  return impl_->transaction([&]() -> status {
    auto m = impl_->member_row(who);
    if (!m) return member_not_found(who);
    auto q = impl_->prepare("UPDATE members SET password_hash = ?2 WHERE user_id = ?1");
    q.text(1, m->user_id).text(2, *hash);
    q.run();
    return {};
  });
}

result<std::vector<sign_in_record>> store::sign_in_records() {
  return impl_->locked([&]() -> result<std::vector<sign_in_record>> {
    std::vector<sign_in_record> out;
    auto q = impl_->prepare("SELECT " WM_MEMBER_COLS ", t.name, m.password_hash"
                            " FROM members m JOIN teams t ON t.id = m.team_id ORDER BY t.rowid, m.rowid");
    while (q.row()) out.push_back({read_member(q, 0), q.str(7), q.str(8)});
    return out;
  });
}

result<member> store::verify_password(std::string_view email, std::string_view password) {
  auto e = validate::email(email);
  struct found {
    member m;
    std::string hash;
  };
  auto row = impl_->locked([&]() -> result<found> {
    if (!e) return e.error();
    auto q = impl_->prepare("SELECT " WM_MEMBER_COLS ", m.password_hash FROM members m WHERE m.email = ?1");
    q.text(1, *e);
    if (!q.row()) return member_not_found(*e);
    return found{read_member(q, 0), q.str(7)};
  });
  auto refusal = fail(errc::refused, "wrong email or password");
  if (!row && row.error().code == errc::io) return row.error();
  if (!row || row->hash.empty()) {
    crypto::spend_password_time(password, impl_->password_iterations);
    return refusal;
  }
  if (!crypto::verify_password_hash(row->hash, password)) return refusal;
  return std::move(row->m);
}

// ---- environments ----

result<environment> store::add_environment(std::string_view team_id, const new_environment& e) {
  return impl_->transaction([&]() -> result<environment> { return impl_->insert_environment(team_id, e); });
}

result<environment> store::environment_by_id(std::string_view environment_id) {
  return impl_->locked([&]() -> result<environment> {
    if (auto e = impl_->environment_row(environment_id)) return *e;
    return environment_not_found(environment_id);
  });
}

result<environment> store::environment_by_name(std::string_view team_id, std::string_view name) {
  return impl_->locked([&]() -> result<environment> {
    auto q = impl_->prepare("SELECT " WM_ENV_COLS " FROM environments e WHERE e.team_id = ?1 AND e.name = ?2");
    q.text(1, team_id).text(2, name);
    if (!q.row()) return fail(errc::not_found, "no environment named '" + std::string{name} + "' in this team");
    return read_environment(q, 0);
  });
}

result<std::vector<environment>> store::environments_of(std::string_view team_id) {
  return impl_->locked([&]() -> result<std::vector<environment>> {
    if (!impl_->team_row(team_id)) return team_not_found(team_id);
    std::vector<environment> out;
    auto q = impl_->prepare("SELECT " WM_ENV_COLS " FROM environments e WHERE e.team_id = ?1 ORDER BY e.rowid");
    q.text(1, team_id);
    while (q.row()) out.push_back(read_environment(q, 0));
    return out;
  });
}

result<environment> store::default_environment(std::string_view team_id) {
  return impl_->locked([&]() -> result<environment> {
    auto q = impl_->prepare("SELECT " WM_ENV_COLS
                            " FROM environments e WHERE e.team_id = ?1 AND e.kind = 'sandbox' ORDER BY e.rowid LIMIT 1");
    q.text(1, team_id);
    if (!q.row()) return fail(errc::not_found, "team " + std::string{team_id} + " has no sandbox environment");
    return read_environment(q, 0);
  });
}

result<environment> store::set_api_key(std::string_view environment_id, std::string_view api_key) {
  if (auto ok = validate::api_key(api_key); !ok) return ok.error();
  return impl_->transaction([&]() -> result<environment> {
    auto e = impl_->environment_row(environment_id);
    if (!e) return environment_not_found(environment_id);
    if (auto err = impl_->store_key(e->team_id, e->id, api_key)) return *err;
    impl_->detach(e->id);
    e->has_api_key = true;
    e->api_key_last4 = validate::last_four(api_key);
    e->embedded = false;
    return *e;
  });
}

result<environment> store::set_api_base_url(std::string_view environment_id, std::string_view url) {
  auto u = validate::base_url(url);
  if (!u) return u.error();
  return impl_->transaction([&]() -> result<environment> {
    auto e = impl_->environment_row(environment_id);
    if (!e) return environment_not_found(environment_id);
    auto q = impl_->prepare("UPDATE environments SET api_base_url = ?2 WHERE id = ?1");
    q.text(1, e->id).text(2, *u);
    q.run();
    impl_->detach(e->id);
    e->api_base_url = *u;
    e->embedded = false;
    return *e;
  });
}

result<bool> store::refresh_embedded(std::string_view environment_id, std::string_view url, std::string_view api_key) {
  auto u = validate::base_url(url);
  if (!u) return u.error();
  if (auto ok = validate::api_key(api_key); !ok) return ok.error();
  return impl_->transaction([&]() -> result<bool> {
    auto e = impl_->environment_row(environment_id);
    if (!e) return environment_not_found(environment_id);
    if (!e->embedded) return fail(errc::refused, "environment " + e->name + " is not bound to the embedded emulator");
    bool changed = false;
    if (e->api_base_url != *u) {
      auto q = impl_->prepare("UPDATE environments SET api_base_url = ?2 WHERE id = ?1");
      q.text(1, e->id).text(2, *u);
      q.run();
      changed = true;
    }
    std::optional<std::string> sealed;
    {
      auto q = impl_->prepare("SELECT api_key_sealed FROM environments WHERE id = ?1 AND api_key_sealed IS NOT NULL");
      q.text(1, e->id);
      if (q.row()) sealed = q.bytes(0);
    }
    auto current = sealed ? crypto::open_sealed(*impl_->key, *sealed, key_aad(e->team_id, e->id))
                          : result<secret>{fail(errc::not_found, "no key")};
    if (!current || current->reveal() != api_key) {
      if (auto err = impl_->store_key(e->team_id, e->id, api_key)) return *err;
      changed = true;
    }
    return changed;
  });
}

result<secret> store::decrypt_api_key(std::string_view team_id, std::string_view environment_id) {
  auto sealed = impl_->locked([&]() -> result<std::string> {
    auto q = impl_->prepare("SELECT team_id, api_key_sealed FROM environments WHERE id = ?1");
    q.text(1, environment_id);
    // Another team's environment answers exactly like a missing one (promise 7).
    if (!q.row() || q.str(0) != team_id) return environment_not_found(environment_id);
    if (q.is_null(1))
      return fail(errc::not_found, "environment " + std::string{environment_id} + " has no API key");
    return q.bytes(1);
  });
  if (!sealed) return sealed.error();
  auto key = crypto::open_sealed(*impl_->key, *sealed, key_aad(team_id, environment_id));
  if (!key)
    return fail(errc::crypto, "the API key of environment " + std::string{environment_id} +
                                  " does not decrypt: it was altered or sealed for another environment or key");
  return key;
}

}  // namespace control

namespace control {

result<store_version> store::version() {
  return impl_->locked([&]() -> result<store_version> {
    auto q = impl_->prepare("PRAGMA data_version");
    if (!q.row()) return fail(errc::io, "database: PRAGMA data_version returned nothing");
    return store_version{q.num(0), sqlite3_total_changes64(impl_->db)};
  });
}

result<store_state> store::read_state() {
  auto rows = impl_->locked([&]() -> result<std::pair<store_state, std::vector<std::pair<environment, std::string>>>> {
    // A read transaction: every table as of one commit, and the version that commit has.
    impl_->exec("BEGIN");
    struct end_read {
      store::impl* i;
      ~end_read() { sqlite3_exec(i->db, "COMMIT", nullptr, nullptr, nullptr); }
    } guard{impl_.get()};
    std::pair<store_state, std::vector<std::pair<environment, std::string>>> out;
    auto& st = out.first;
    {
      auto q = impl_->prepare("SELECT " WM_TEAM_COLS " FROM teams t ORDER BY t.rowid");
      while (q.row()) st.teams.push_back(read_team(q, 0));
    }
    {
      auto q = impl_->prepare("SELECT " WM_MEMBER_COLS " FROM members m ORDER BY m.rowid");
      while (q.row()) st.members.push_back(read_member(q, 0));
    }
    {
      auto q = impl_->prepare("SELECT " WM_ENV_COLS ", e.api_key_sealed FROM environments e ORDER BY e.rowid");
      while (q.row()) {
        st.environments.push_back(read_environment(q, 0));
        if (!q.is_null(8)) out.second.emplace_back(st.environments.back(), q.bytes(8));
      }
    }
    auto v = impl_->prepare("PRAGMA data_version");
    if (v.row()) st.version.data_version = v.num(0);
    st.version.own_changes = sqlite3_total_changes64(impl_->db);
    return out;
  });
  if (!rows) return rows.error();
  // Opening the keys needs no lock: the master key never changes while the store is open.
  auto& [st, sealed] = *rows;
  for (auto& [env, blob] : sealed) {
    auto key = crypto::open_sealed(*impl_->key, blob, key_aad(env.team_id, env.id));
    if (key) st.api_keys.emplace_back(env.id, std::move(*key));
    else
      st.api_keys.emplace_back(env.id, fail(errc::crypto, "the API key of environment " + env.id +
                                                              " does not decrypt: it was altered or sealed for another environment or key"));
  }
  return std::move(st);
}

}  // namespace control
