// control/admin_cli.cpp — argument parsing, the verbs, tables and JSON lines.
#include "control/admin_cli.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <iostream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include <openssl/crypto.h>

#include "control/audit_log.hpp"
#include "control/files.hpp"
#include "control/store.hpp"
#include "mcp/json.hpp"

namespace control {

namespace {

constexpr const char* usage_text = R"(usage: workos-mcp admin [--data-dir D] [--json] [--master-key-file F] NOUN VERB [OPTIONS]

  teams list
  teams create --name N
  members list [--team T]
  members add --team T --email E --role admin|developer|support|viewer
              [--production-access true|false] [--name N] [--user-id U]
  members set-role --email E --role R
  members set-access --email E --production-access true|false
  members set-password --email E --password-file F|-
  members remove --email E
  switches show --team T
  switches set --team T [--mcp-enabled B] [--allow-production B] [--allow-write B] [--confirm-by-person B]
  environments list --team T
  environments add --team T --name N --kind sandbox|production --base-url U [--api-key-file F|-]
  environments set-key --team T --name N --api-key-file F|-
  environments set-url --team T --name N --base-url U
  audit export [--team T] [--user E] [--operation PREFIX] [--decision D] [--environment N]
               [--since YYYY-MM-DD | --days N] [--until YYYY-MM-DD]
  audit purge --older-than-days N

--team takes a team id or name; --email also takes a user id. Secrets are read from a file or
from stdin (-), never from the command line. --data-dir defaults to $WORKOS_MCP_DATA_DIR, else
workos-mcp-data. --json prints one JSON object per line. `audit export` always prints JSON
lines, oldest first, every team unless --team is given; dates are UTC days, --until included;
--decision is allowed, refused, confirmation_issued, confirmed or declined.
Exit codes: 0 done, 1 refused or failed, 2 usage error.
)";

// Secrets that must not come through argv, with what to use instead.
const std::map<std::string, std::string> refused_flags{
    {"--api-key", "--api-key-file F (or - for stdin)"},
    {"--password", "--password-file F (or - for stdin)"},
    {"--master-key", "WORKOS_MCP_MASTER_KEY_FILE or --master-key-file F"},
};

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The store could not be opened (message for a person).
struct open_failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The command line, parsed once: words (noun, verb), options, and the global flags.
struct command {
  std::vector<std::string> words;
  std::map<std::string, std::string> options;  // "--team" → "Demo"
  bool json = false;
  bool help = false;
  std::string data_dir;
  std::string master_key_file;
};

command parse(const std::vector<std::string>& args) {
  command c;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a == "--json") {
      c.json = true;
      continue;
    }
    if (a == "--help" || a == "-h" || a == "help") {
      c.help = true;
      continue;
    }
    if (!a.starts_with("--")) {
      c.words.push_back(a);
      continue;
    }
    std::string name = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    // Checked before anything else, and the value is never echoed.
    if (auto r = refused_flags.find(name); r != refused_flags.end())
      throw usage_error(name + " is refused: a secret on the command line lands in the shell history and in ps; use " +
                        r->second);
    if (!has_value) {
      if (i + 1 >= args.size()) throw usage_error(name + " needs a value");
      value = args[++i];
    }
    if (name == "--data-dir") c.data_dir = value;
    else if (name == "--master-key-file") c.master_key_file = value;
    else if (!c.options.emplace(name, value).second) throw usage_error(name + " is given twice");
  }
  return c;
}

// Options of one verb: required ones are fetched with `need`, optional ones with `maybe`;
// `finish` refuses anything left over.
class options {
 public:
  options(const command& c, std::string verb) : left_(c.options), verb_(std::move(verb)) {}
  std::string need(const std::string& name) {
    auto v = maybe(name);
    if (!v) throw usage_error("'" + verb_ + "' needs " + name);
    return *v;
  }
  std::optional<std::string> maybe(const std::string& name) {
    auto it = left_.find(name);
    if (it == left_.end()) return std::nullopt;
    auto v = it->second;
    left_.erase(it);
    return v;
  }
  void finish() const {
    if (!left_.empty()) throw usage_error("'" + verb_ + "' takes no option " + left_.begin()->first);
  }

 private:
  std::map<std::string, std::string> left_;
  std::string verb_;
};

bool parse_bool(const std::string& flag, const std::string& v) {
  if (v == "true" || v == "on" || v == "yes") return true;
  if (v == "false" || v == "off" || v == "no") return false;
  throw usage_error(flag + " takes true or false, not '" + v + "'");
}

role parse_role_arg(const std::string& v) {
  if (auto r = parse_role(v)) return *r;
  throw usage_error("unknown role '" + v + "' (admin, developer, support, viewer)");
}

// Reads a secret from a file or stdin ("-"), trimmed of surrounding whitespace (the newline an
// editor or `echo` adds). The buffers are wiped by `secret`.
result<secret> read_secret(const std::string& source, std::istream& in, const char* what) {
  std::string text;
  if (source == "-") {
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (text.size() > 64 * 1024) return fail(errc::invalid_argument, std::string{what} + " on stdin is too large");
  } else {
    auto r = files::read(source, 64 * 1024);
    if (!r) return r.error();
    text = std::move(*r);
  }
  secret raw{std::move(text)};
  auto v = raw.reveal();
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!v.empty() && ws(v.front())) v.remove_prefix(1);
  while (!v.empty() && ws(v.back())) v.remove_suffix(1);
  if (v.empty()) return fail(errc::invalid_argument, std::string{what} + " from " + (source == "-" ? "stdin" : source) + " is empty");
  return secret{std::string{v}};
}

// ---- output ----

const char* on_off(bool b) { return b ? "on" : "off"; }

std::string key_display(const environment& e) {
  if (!e.has_api_key) return "-";
  if (e.api_key_last4.empty()) return "set";
  return "****" + e.api_key_last4;
}

// An aligned table: headers, then rows; columns separated by two spaces.
class table {
 public:
  explicit table(std::vector<std::string> headers) : rows_{std::move(headers)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const {
    std::vector<std::size_t> width(rows_.front().size(), 0);
    for (const auto& r : rows_)
      for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    for (const auto& r : rows_) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) {
        line += r[i];
        if (i + 1 < r.size()) line.append(width[i] - r[i].size() + 2, ' ');
      }
      out << line << '\n';
    }
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

void write_switches(mcp::json_writer& w, const team_switches& s) {
  w.field("mcp_enabled", s.mcp_enabled).field("allow_production", s.allow_production).field("allow_write", s.allow_write)
      .field("confirm_by_person", s.confirm_by_person);
}

std::string json_of(const team& t) {
  mcp::json_writer w;
  w.begin_object().field("id", t.id).field("name", t.name);
  write_switches(w, t.switches);
  w.key("configured").begin_object();
  write_switches(w, t.configured);
  w.end_object().end_object();
  return std::move(w).str();
}

std::string json_of(const member& m) {
  mcp::json_writer w;
  w.begin_object()
      .field("user_id", m.user_id)
      .field("team_id", m.team_id)
      .field("email", m.email)
      .field("name", m.name)
      .field("role", to_string(m.role))
      .field("production_access", m.production_access)
      .field("has_password", m.has_password)
      .end_object();
  return std::move(w).str();
}

std::string json_of(const environment& e) {
  mcp::json_writer w;
  w.begin_object()
      .field("id", e.id)
      .field("team_id", e.team_id)
      .field("name", e.name)
      .field("kind", to_string(e.kind))
      .field("api_base_url", e.api_base_url)
      .field("has_api_key", e.has_api_key);
  if (e.api_key_last4.empty()) w.key("api_key_last4").null();
  else w.field("api_key_last4", e.api_key_last4);
  w.field("embedded", e.embedded).end_object();
  return std::move(w).str();
}

// ---- the verbs ----

// Everything a verb needs: the store, the streams, the output mode. The store opens on first
// use, so that a usage error never creates a data directory or a master key.
struct context {
  std::function<store&()> db;
  std::function<audit_log&()> audit;
  std::ostream& out;
  std::istream& in;
  bool json;

  // Prints one object: JSON line, or a sentence for people.
  template <class T>
  void done(const T& value, const std::string& sentence) {
    if (json) out << json_of(value) << '\n';
    else out << sentence << '\n';
  }
};

// A verb's outcome: the store's error (exit 1) or nothing.
using outcome = status;

result<team> find_team(store& db, const std::string& ref) {
  auto t = db.team_by_id(ref);
  if (t || t.error().code != errc::not_found) return t;
  auto by_name = db.team_by_name(ref);
  if (by_name || by_name.error().code != errc::not_found) return by_name;
  return fail(errc::not_found, "no team with id or name '" + ref + "'");
}

result<environment> find_environment(store& db, const team& t, const std::string& name) {
  auto e = db.environment_by_name(t.id, name);
  if (!e && e.error().code == errc::not_found)
    return fail(errc::not_found, "team " + t.name + " has no environment named '" + name + "'");
  return e;
}

outcome teams_list(context& c, options o) {
  o.finish();
  auto teams = c.db().teams();
  if (!teams) return teams.error();
  if (c.json) {
    for (const auto& t : *teams) c.out << json_of(t) << '\n';
    return {};
  }
  table tab{{"ID", "NAME", "MCP", "PRODUCTION", "WRITE", "CONFIRM BY PERSON"}};
  for (const auto& t : *teams)
    tab.add({t.id, t.name, on_off(t.switches.mcp_enabled), on_off(t.switches.allow_production),
             on_off(t.switches.allow_write), on_off(t.switches.confirm_by_person)});
  tab.print(c.out);
  return {};
}

outcome teams_create(context& c, options o) {
  auto name = o.need("--name");
  o.finish();
  auto t = c.db().create_team(name);
  if (!t) return t.error();
  c.done(*t, "created team " + t->name + " (" + t->id + ")");
  return {};
}

outcome members_list(context& c, options o) {
  auto team_ref = o.maybe("--team");
  o.finish();
  result<std::vector<member>> members = std::vector<member>{};
  std::map<std::string, std::string> team_names;
  if (team_ref) {
    auto t = find_team(c.db(), *team_ref);
    if (!t) return t.error();
    team_names[t->id] = t->name;
    members = c.db().members_of(t->id);
  } else {
    auto teams = c.db().teams();
    if (!teams) return teams.error();
    for (const auto& t : *teams) team_names[t.id] = t.name;
    members = c.db().all_members();
  }
  if (!members) return members.error();
  if (c.json) {
    for (const auto& m : *members) c.out << json_of(m) << '\n';
    return {};
  }
  table tab{{"TEAM", "USER_ID", "EMAIL", "ROLE", "PRODUCTION", "PASSWORD", "NAME"}};
  for (const auto& m : *members)
    tab.add({team_names[m.team_id], m.user_id, m.email, std::string{to_string(m.role)},
             m.production_access ? "yes" : "no", m.has_password ? "set" : "-", m.name});
  tab.print(c.out);
  return {};
}

outcome members_add(context& c, options o) {
  auto team_ref = o.need("--team");
  new_member m;
  m.email = o.need("--email");
  m.role = parse_role_arg(o.need("--role"));
  if (auto p = o.maybe("--production-access")) m.production_access = parse_bool("--production-access", *p);
  if (auto n = o.maybe("--name")) m.name = *n;
  if (auto u = o.maybe("--user-id")) m.user_id = *u;
  o.finish();
  auto t = find_team(c.db(), team_ref);
  if (!t) return t.error();
  auto added = c.db().add_member(t->id, m);
  if (!added) return added.error();
  c.done(*added, "added " + added->email + " (" + added->user_id + ") to team " + t->name + " as " +
                     std::string{to_string(added->role)} +
                     (added->production_access ? ", with production access" : ", without production access"));
  return {};
}

outcome members_set_role(context& c, options o) {
  auto who = o.need("--email");
  auto r = parse_role_arg(o.need("--role"));
  o.finish();
  auto m = c.db().set_role(who, r);
  if (!m) return m.error();
  c.done(*m, m->email + " is now " + std::string{to_string(m->role)});
  return {};
}

outcome members_set_access(context& c, options o) {
  auto who = o.need("--email");
  bool allowed = parse_bool("--production-access", o.need("--production-access"));
  o.finish();
  auto m = c.db().set_production_access(who, allowed);
  if (!m) return m.error();
  c.done(*m, m->email + (m->production_access ? " may now reach production" : " may no longer reach production"));
  return {};
}

outcome members_set_password(context& c, options o) {
  auto who = o.need("--email");
  auto source = o.need("--password-file");
  o.finish();
  auto pw = read_secret(source, c.in, "the password");
  if (!pw) return pw.error();
  if (auto ok = c.db().set_password(who, pw->reveal()); !ok) return ok.error();
  auto m = who.find('@') != std::string::npos ? c.db().member_by_email(who) : c.db().member_by_user_id(who);
  if (!m) return m.error();
  c.done(*m, "set the password of " + m->email);
  return {};
}

outcome members_remove(context& c, options o) {
  auto who = o.need("--email");
  o.finish();
  if (auto ok = c.db().remove_member(who); !ok) return ok.error();
  if (c.json) {
    mcp::json_writer w;
    w.begin_object().field("removed", who).end_object();
    c.out << w.str() << '\n';
  } else {
    c.out << "removed " << who << '\n';
  }
  return {};
}

void print_switches(context& c, const team& t) {
  if (c.json) {
    c.out << json_of(t) << '\n';
    return;
  }
  table tab{{"SWITCH", "SET", "EFFECTIVE"}};
  for (auto s : all_team_switches) {
    std::string effective = on_off(t.switches.get(s));
    if (t.switches.get(s) != t.configured.get(s)) effective += " (MCP is off)";
    tab.add({std::string{to_string(s)}, on_off(t.configured.get(s)), effective});
  }
  c.out << "team " << t.name << " (" << t.id << ")\n";
  tab.print(c.out);
}

outcome switches_show(context& c, options o) {
  auto team_ref = o.need("--team");
  o.finish();
  auto t = find_team(c.db(), team_ref);
  if (!t) return t.error();
  print_switches(c, *t);
  return {};
}

outcome switches_set(context& c, options o) {
  auto team_ref = o.need("--team");
  std::vector<std::pair<team_switch, bool>> changes;
  for (auto s : all_team_switches) {
    std::string flag = "--" + std::string{to_string(s)};
    std::replace(flag.begin() + 2, flag.end(), '_', '-');
    if (auto v = o.maybe(flag)) changes.emplace_back(s, parse_bool(flag, *v));
  }
  o.finish();
  if (changes.empty())
    throw usage_error("'switches set' needs --mcp-enabled, --allow-production, --allow-write or --confirm-by-person");
  auto t = find_team(c.db(), team_ref);
  if (!t) return t.error();
  for (auto [s, on] : changes) {
    auto updated = c.db().set_switch(t->id, s, on);
    if (!updated) return updated.error();
    *t = *updated;
  }
  print_switches(c, *t);
  return {};
}

outcome environments_list(context& c, options o) {
  auto team_ref = o.need("--team");
  o.finish();
  auto t = find_team(c.db(), team_ref);
  if (!t) return t.error();
  auto envs = c.db().environments_of(t->id);
  if (!envs) return envs.error();
  if (c.json) {
    for (const auto& e : *envs) c.out << json_of(e) << '\n';
    return {};
  }
  table tab{{"ID", "NAME", "KIND", "API_BASE_URL", "API_KEY", "EMBEDDED"}};
  for (const auto& e : *envs)
    tab.add({e.id, e.name, std::string{to_string(e.kind)}, e.api_base_url, key_display(e), e.embedded ? "yes" : "no"});
  tab.print(c.out);
  return {};
}

outcome environments_add(context& c, options o) {
  auto team_ref = o.need("--team");
  new_environment e;
  e.name = o.need("--name");
  auto kind = o.need("--kind");
  if (auto k = parse_environment_kind(kind)) e.kind = *k;
  else throw usage_error("--kind takes sandbox or production, not '" + kind + "'");
  e.api_base_url = o.need("--base-url");
  auto key_source = o.maybe("--api-key-file");
  o.finish();
  auto t = find_team(c.db(), team_ref);
  if (!t) return t.error();
  std::optional<secret> key;
  if (key_source) {
    auto k = read_secret(*key_source, c.in, "the API key");
    if (!k) return k.error();
    key = std::move(*k);
    e.api_key = std::string{key->reveal()};
  }
  auto added = c.db().add_environment(t->id, e);
  if (!e.api_key.empty()) OPENSSL_cleanse(e.api_key.data(), e.api_key.size());
  if (!added) return added.error();
  c.done(*added, "added environment " + added->name + " (" + added->id + ", " + std::string{to_string(added->kind)} +
                     ") to team " + t->name + (added->has_api_key ? ", API key " + key_display(*added) : ", no API key"));
  return {};
}

outcome environments_set_key(context& c, options o) {
  auto team_ref = o.need("--team");
  auto name = o.need("--name");
  auto source = o.need("--api-key-file");
  o.finish();
  auto t = find_team(c.db(), team_ref);
  if (!t) return t.error();
  auto e = find_environment(c.db(), *t, name);
  if (!e) return e.error();
  auto key = read_secret(source, c.in, "the API key");
  if (!key) return key.error();
  auto updated = c.db().set_api_key(e->id, key->reveal());
  if (!updated) return updated.error();
  c.done(*updated, "set the API key of environment " + updated->name + " (" + updated->id + ") of team " + t->name +
                       ": " + key_display(*updated));
  return {};
}

outcome environments_set_url(context& c, options o) {
  auto team_ref = o.need("--team");
  auto name = o.need("--name");
  auto url = o.need("--base-url");
  o.finish();
  auto t = find_team(c.db(), team_ref);
  if (!t) return t.error();
  auto e = find_environment(c.db(), *t, name);
  if (!e) return e.error();
  auto updated = c.db().set_api_base_url(e->id, url);
  if (!updated) return updated.error();
  c.done(*updated, "environment " + updated->name + " of team " + t->name + " now calls " + updated->api_base_url);
  return {};
}

// ---- audit ----

constexpr std::int64_t day_ms = 24LL * 3600 * 1000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A whole number in [lo, hi] given to `flag`.
std::int64_t parse_count(const std::string& flag, const std::string& v, std::int64_t lo, std::int64_t hi) {
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size() || n < lo || n > hi)
    throw usage_error(flag + " takes a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                      ", not '" + v + "'");
  return n;
}

// The start of the UTC day `v` (YYYY-MM-DD), in epoch ms.
std::int64_t parse_day(const std::string& flag, const std::string& v) {
  auto digits = [&](std::size_t from, std::size_t n) {
    return std::all_of(v.begin() + static_cast<long>(from), v.begin() + static_cast<long>(from + n),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (v.size() != 10 || v[4] != '-' || v[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2))
    throw usage_error(flag + " takes a date as YYYY-MM-DD, not '" + v + "'");
  using namespace std::chrono;
  year_month_day d{year{std::stoi(v.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(v.substr(5, 2)))},
                   day{static_cast<unsigned>(std::stoi(v.substr(8, 2)))}};
  if (!d.ok()) throw usage_error(flag + ": '" + v + "' is not a date");
  return duration_cast<milliseconds>(sys_days{d}.time_since_epoch()).count();
}

outcome audit_export(context& c, options o) {
  audit_filter f;
  auto team_ref = o.maybe("--team");
  if (auto u = o.maybe("--user")) f.user = *u;
  if (auto p = o.maybe("--operation")) f.operation = *p;
  if (auto d = o.maybe("--decision")) {
    if (std::find(std::begin(audit_decisions), std::end(audit_decisions), *d) == std::end(audit_decisions))
      throw usage_error("--decision takes allowed, refused, confirmation_issued, confirmed or declined, not '" + *d +
                        "'");
    f.decision = *d;
  }
  if (auto e = o.maybe("--environment")) f.environment = *e;
  auto since = o.maybe("--since");
  auto days = o.maybe("--days");
  if (since && days) throw usage_error("'audit export' takes --since or --days, not both");
  if (since) f.since_ms = parse_day("--since", *since);
  if (days) f.since_ms = now_ms() - parse_count("--days", *days, 1, 36500) * day_ms;
  // --until names the last day included: the bound is the start of the next one.
  if (auto until = o.maybe("--until")) f.until_ms = parse_day("--until", *until) + day_ms;
  o.finish();
  if (f.since_ms && f.until_ms && f.until_ms <= f.since_ms)
    throw usage_error("--until is before --since: nothing can match");
  if (team_ref) {
    auto t = find_team(c.db(), *team_ref);
    if (!t) return t.error();
    f.team_id = t->id;
  }
  return c.audit().export_jsonl(f, c.out);
}

outcome audit_purge(context& c, options o) {
  auto days = parse_count("--older-than-days", o.need("--older-than-days"), 1, 36500);
  o.finish();
  auto n = c.audit().purge_older_than(now_ms() - days * day_ms);
  if (!n) return n.error();
  if (c.json) {
    mcp::json_writer w;
    w.begin_object().field("purged", *n).field("older_than_days", days).end_object();
    c.out << w.str() << '\n';
  } else {
    c.out << "purged " << *n << " audit event(s) older than " << days << " days\n";
  }
  return {};
}

using verb_fn = outcome (*)(context&, options);

const std::map<std::pair<std::string, std::string>, verb_fn>& verbs() {
  static const std::map<std::pair<std::string, std::string>, verb_fn> table{
      {{"teams", "list"}, teams_list},
      {{"teams", "create"}, teams_create},
      {{"members", "list"}, members_list},
      {{"members", "add"}, members_add},
      {{"members", "set-role"}, members_set_role},
      {{"members", "set-access"}, members_set_access},
      {{"members", "set-password"}, members_set_password},
      {{"members", "remove"}, members_remove},
      {{"switches", "show"}, switches_show},
      {{"switches", "set"}, switches_set},
      {{"environments", "list"}, environments_list},
      {{"environments", "add"}, environments_add},
      {{"environments", "set-key"}, environments_set_key},
      {{"environments", "set-url"}, environments_set_url},
      {{"audit", "export"}, audit_export},
      {{"audit", "purge"}, audit_purge},
  };
  return table;
}

}  // namespace

int admin_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return admin_main(args, out, err, std::cin, process_env);
}

int admin_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::istream& in,
               const env_lookup& env) {
  auto lookup = env ? env : process_env;
  command cmd;
  verb_fn verb = nullptr;
  try {
    cmd = parse(args);
    if (cmd.help || cmd.words.empty()) {
      (cmd.help ? out : err) << usage_text;
      return cmd.help ? exit_ok : exit_usage;
    }
    if (cmd.words.size() != 2) throw usage_error("expected NOUN VERB (e.g. 'members list'), got '" + [&] {
                                   std::string s;
                                   for (const auto& w : cmd.words) s += (s.empty() ? "" : " ") + w;
                                   return s;
                                 }() + "'");
    auto it = verbs().find({cmd.words[0], cmd.words[1]});
    if (it == verbs().end()) throw usage_error("unknown command '" + cmd.words[0] + " " + cmd.words[1] + "'");
    verb = it->second;
  } catch (const usage_error& e) {
    err << "workos-mcp admin: " << e.what() << "\n(see workos-mcp admin --help)\n";
    return exit_usage;
  }

  if (cmd.data_dir.empty()) cmd.data_dir = lookup("WORKOS_MCP_DATA_DIR").value_or("workos-mcp-data");
  std::unique_ptr<store> db;
  auto open_store = [&]() -> store& {
    if (!db) {
      try {
        db = store::open({cmd.data_dir, cmd.master_key_file, lookup});
      } catch (const std::exception& e) {
        throw open_failure(e.what());
      }
      if (db->master_key_created())
        err << "workos-mcp admin: created a new master key in " << db->master_key_origin()
            << " (back it up: API keys cannot be recovered without it)\n";
    }
    return *db;
  };

  // The audit log is its own database (audit.db): opening it needs no master key.
  std::unique_ptr<audit_log> audit;
  auto open_audit = [&]() -> audit_log& {
    if (!audit) {
      try {
        audit = audit_log::open(cmd.data_dir);
      } catch (const std::exception& e) {
        throw open_failure(e.what());
      }
    }
    return *audit;
  };

  context ctx{open_store, open_audit, out, in, cmd.json};
  try {
    auto result = verb(ctx, options{cmd, cmd.words[0] + " " + cmd.words[1]});
    if (!result) {
      err << "workos-mcp admin: " << result.error().message << '\n';
      return exit_failed;
    }
  } catch (const usage_error& e) {
    err << "workos-mcp admin: " << e.what() << "\n(see workos-mcp admin --help)\n";
    return exit_usage;
  } catch (const open_failure& e) {
    err << "workos-mcp admin: " << e.what() << '\n';
    return exit_failed;
  }
  return exit_ok;
}

}  // namespace control
