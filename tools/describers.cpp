// tools/describers.cpp — the describers of describers.hpp: the table, the generic one, and the
// small fan-out they share.
#include "tools/describers.hpp"

#include <optional>
#include <vector>

#include "mcp/json.hpp"
#include "workos/catalog.hpp"

namespace tools {

namespace {

using read_result = mcp::result<std::string, read_failure>;
using done_fn = std::function<void(mcp::result<destruction, std::string>)>;

// One read of a describer: a catalog read operation and its arguments.
struct probe {
  std::string op_id;
  std::string arguments_json;
};

// Runs every probe (in parallel upstream); `then` gets the bodies in probe order once all are
// back. Every callback runs on the session's thread, so the counter needs no lock.
void gather(const upstream_reader& read, std::vector<probe> probes,
            std::function<void(std::vector<read_result>)> then) {
  struct state {
    std::vector<std::optional<read_result>> got;
    std::size_t left;
    std::function<void(std::vector<read_result>)> then;
  };
  if (probes.empty()) return then({});
  auto st = std::make_shared<state>(state{std::vector<std::optional<read_result>>(probes.size()), probes.size(), std::move(then)});
  for (std::size_t i = 0; i < probes.size(); ++i)
    read(probes[i].op_id, probes[i].arguments_json, [st, i](read_result r) {
      st->got[i] = std::move(r);
      if (--st->left > 0) return;
      std::vector<read_result> all;
      for (auto& g : st->got) all.push_back(std::move(*g));
      st->then(std::move(all));
    });
}

std::string json_str(std::string_view s) {
  std::string out;
  mcp::append_json_string(out, s);
  return out;
}

std::string arg_of(const std::string& arguments_json, std::string_view name) {
  auto doc = mcp::json_doc::parse(arguments_json);
  if (!doc || !doc->root().is_object()) return {};
  if (auto s = mcp::get_string(doc->root(), name)) return std::string{*s};
  if (auto f = mcp::get_field(doc->root(), name)) return mcp::to_json(*f);
  return {};
}

// A list page's size: "3", or "100+" when there are more pages.
struct counted {
  std::size_t n = 0;
  bool more = false;
  std::string text() const { return std::to_string(n) + (more ? "+" : ""); }
};

counted count_of(simdjson::dom::element page) {
  counted c;
  if (auto d = mcp::get_field(page, "data"); d && d->is_array()) c.n = d->get_array().value_unsafe().size();
  if (auto m = mcp::get_field(page, "list_metadata"))
    if (auto a = mcp::get_field(*m, "after"); a && !a->is_null()) c.more = true;
  return c;
}

std::string plural(const counted& c, std::string_view one, std::string_view many) {
  return c.text() + " " + std::string{c.n == 1 && !c.more ? one : many};
}

// The name a person would recognise an object by.
std::string label_of(simdjson::dom::element obj) {
  for (auto k : {"name", "email", "domain", "slug", "url", "endpoint_url", "key"})
    if (auto s = mcp::get_string(obj, k); s && !s->empty()) return std::string{*s};
  return {};
}

std::string id_of(simdjson::dom::element obj) { return std::string{mcp::get_string(obj, "id").value_or("")}; }

// ----- the table ----------------------------------------------------------------------------------

void describe_organization(const std::string& args, const upstream_reader& read, done_fn done) {
  auto id = arg_of(args, "id");
  auto q = [&](std::string_view key) { return "{" + json_str(key) + ":" + json_str(id) + ",\"limit\":100}"; };
  gather(read,
         {{"organizations.get", "{\"id\":" + json_str(id) + "}"},
          {"sso.list_connections", q("organization_id")},
          {"directory_sync.list_directories", q("organization_id")},
          {"organization_memberships.list", q("organization_id")}},
         [read, done, id](std::vector<read_result> r) {
           if (!r[0]) return done(r[0].error().why);
           for (auto& x : r)
             if (!x) return done(x.error().why);
           auto org = mcp::json_doc::parse(*r[0]);
           auto conns = mcp::json_doc::parse(*r[1]);
           auto dirs = mcp::json_doc::parse(*r[2]);
           auto mems = mcp::json_doc::parse(*r[3]);
           if (!org || !conns || !dirs || !mems) return done(std::string{"WorkOS answered something that is not JSON"});
           // Directories' user counts: one more round, one read per directory.
           std::vector<probe> users;
           std::vector<std::pair<std::string, std::string>> dir_list;  // id, name
           if (auto d = mcp::get_field(dirs->root(), "data"); d && d->is_array())
             for (auto x : simdjson::dom::array{d->get_array().value_unsafe()}) {
               dir_list.emplace_back(id_of(x), label_of(x));
               users.push_back({"directory_sync.list_users", "{\"directory\":" + json_str(id_of(x)) + ",\"limit\":100}"});
             }
           auto org_json = std::make_shared<std::string>(*r[0]);
           auto conns_json = std::make_shared<std::string>(*r[1]);
           auto mem_count = count_of(mems->root());
           auto dir_count = count_of(dirs->root());
           gather(read, std::move(users),
                  [done, id, org_json, conns_json, dir_list, mem_count, dir_count](std::vector<read_result> ur) {
                    for (auto& x : ur)
                      if (!x) return done(x.error().why);
                    auto org = mcp::json_doc::parse(*org_json);
                    auto conns = mcp::json_doc::parse(*conns_json);
                    std::string name{mcp::get_string(org->root(), "name").value_or("")};

                    mcp::json_writer w;
                    w.begin_object().key("organization").begin_object().field("id", id).field("name", name).end_object();
                    counted domains;
                    w.key("domains").begin_array();
                    if (auto d = mcp::get_field(org->root(), "domains"); d && d->is_array())
                      for (auto x : simdjson::dom::array{d->get_array().value_unsafe()}) {
                        ++domains.n;
                        w.begin_object().field("domain", mcp::get_string(x, "domain").value_or(""))
                            .field("state", mcp::get_string(x, "state").value_or("")).end_object();
                      }
                    w.end_array();
                    counted cc = count_of(conns->root());
                    std::vector<std::string> conn_words;
                    w.key("sso_connections").begin_array();
                    if (auto d = mcp::get_field(conns->root(), "data"); d && d->is_array())
                      for (auto x : simdjson::dom::array{d->get_array().value_unsafe()}) {
                        auto type = mcp::get_string(x, "connection_type").value_or("");
                        auto state = mcp::get_string(x, "state").value_or("");
                        conn_words.push_back(std::string{type} + ", " + std::string{state});
                        w.begin_object().field("id", id_of(x)).field("type", type).field("state", state).end_object();
                      }
                    w.end_array();
                    std::string dir_words;
                    w.key("directories").begin_array();
                    for (std::size_t i = 0; i < dir_list.size(); ++i) {
                      auto doc = mcp::json_doc::parse(*ur[i]);
                      counted u = doc ? count_of(doc->root()) : counted{};
                      w.begin_object().field("id", dir_list[i].first).field("name", dir_list[i].second)
                          .field("users", u.text()).end_object();
                      dir_words += (dir_words.empty() ? "" : "; ") + dir_list[i].second + " with " + plural(u, "user", "users");
                    }
                    w.end_array();
                    w.field("memberships", mem_count.text());
                    w.end_object();

                    std::string summary = "organization " + name + " (" + id + "): " + plural(domains, "domain", "domains") +
                                          ", " + plural(cc, "SSO connection", "SSO connections");
                    if (!conn_words.empty()) {
                      summary += " (";
                      for (std::size_t i = 0; i < conn_words.size(); ++i) summary += (i ? "; " : "") + conn_words[i];
                      summary += ")";
                    }
                    summary += ", " + plural(dir_count, "directory", "directories");
                    if (!dir_words.empty()) summary += " (" + dir_words + ")";
                    summary += ", " + plural(mem_count, "membership", "memberships");
                    done(destruction{summary, std::move(w).str()});
                  });
         });
}

void describe_directory(const std::string& args, const upstream_reader& read, done_fn done) {
  auto id = arg_of(args, "id");
  auto q = "{\"directory\":" + json_str(id) + ",\"limit\":100}";
  gather(read, {{"directory_sync.get_directory", "{\"id\":" + json_str(id) + "}"}, {"directory_sync.list_users", q},
                {"directory_sync.list_groups", q}},
         [done, id](std::vector<read_result> r) {
           for (auto& x : r)
             if (!x) return done(x.error().why);
           auto dir = mcp::json_doc::parse(*r[0]);
           auto users = mcp::json_doc::parse(*r[1]);
           auto groups = mcp::json_doc::parse(*r[2]);
           if (!dir || !users || !groups) return done(std::string{"WorkOS answered something that is not JSON"});
           auto name = label_of(dir->root());
           auto type = std::string{mcp::get_string(dir->root(), "type").value_or("")};
           auto org = std::string{mcp::get_string(dir->root(), "organization_id").value_or("")};
           auto u = count_of(users->root()), g = count_of(groups->root());
           mcp::json_writer w;
           w.begin_object().field("id", id).field("name", name).field("type", type).field("organization_id", org)
               .field("users", u.text()).field("groups", g.text()).end_object();
           done(destruction{"directory " + name + " (" + id + (type.empty() ? "" : ", " + type) + "): " +
                                plural(u, "user", "users") + ", " + plural(g, "group", "groups") + " synced from it",
                            std::move(w).str()});
         });
}

void describe_user(const std::string& args, const upstream_reader& read, done_fn done) {
  auto id = arg_of(args, "id");
  gather(read, {{"users.get", "{\"id\":" + json_str(id) + "}"},
                {"organization_memberships.list", "{\"user_id\":" + json_str(id) + ",\"limit\":100}"},
                {"users.list_sessions", "{\"id\":" + json_str(id) + ",\"limit\":100}"}},
         [done, id](std::vector<read_result> r) {
           for (auto& x : r)
             if (!x) return done(x.error().why);
           auto user = mcp::json_doc::parse(*r[0]);
           auto mems = mcp::json_doc::parse(*r[1]);
           auto sess = mcp::json_doc::parse(*r[2]);
           if (!user || !mems || !sess) return done(std::string{"WorkOS answered something that is not JSON"});
           auto email = label_of(user->root());
           auto m = count_of(mems->root()), s = count_of(sess->root());
           mcp::json_writer w;
           w.begin_object().field("id", id).field("email", email).field("memberships", m.text()).field("sessions", s.text())
               .end_object();
           done(destruction{"user " + email + " (" + id + "): " + plural(m, "organization membership", "organization memberships") +
                                ", " + plural(s, "session", "sessions") + " (signed out)",
                            std::move(w).str()});
         });
}

void describe_connection(const std::string& args, const upstream_reader& read, done_fn done) {
  auto id = arg_of(args, "id");
  gather(read, {{"sso.get_connection", "{\"id\":" + json_str(id) + "}"}}, [done, id](std::vector<read_result> r) {
    if (!r[0]) return done(r[0].error().why);
    auto c = mcp::json_doc::parse(*r[0]);
    if (!c) return done(std::string{"WorkOS answered something that is not JSON"});
    auto name = label_of(c->root());
    auto type = std::string{mcp::get_string(c->root(), "connection_type").value_or("")};
    auto state = std::string{mcp::get_string(c->root(), "state").value_or("")};
    auto org = std::string{mcp::get_string(c->root(), "organization_id").value_or("")};
    mcp::json_writer w;
    w.begin_object().field("id", id).field("name", name).field("type", type).field("state", state)
        .field("organization_id", org).end_object();
    done(destruction{"SSO connection " + name + " (" + id + "): " + type + ", " + state +
                         (org.empty() ? "" : ", of organization " + org) + "; its users can no longer sign in with it",
                     std::move(w).str()});
  });
}

struct describer_row {
  std::string_view operation;
  void (*describe)(const std::string& args, const upstream_reader& read, done_fn done);
};

constexpr describer_row table[] = {
    {"organizations.delete", describe_organization},
    {"directory_sync.delete_directory", describe_directory},
    {"users.delete", describe_user},
    {"sso.delete_connection", describe_connection},
};

// Anything else: the object itself, by the catalog's GET on the same path.
void describe_generic(const workos::operation& op, const std::string& args, const upstream_reader& read, done_fn done) {
  const auto* get = matching_get(op);
  std::string what{op.product};
  if (!get) {
    // No way to read it first: say exactly what was asked, which is all we know.
    return done(destruction{std::string{op.summary} + " — " + std::string{op.id} + " with " + args,
                            "{\"operation\":" + json_str(op.id) + ",\"arguments\":" + args + "}"});
  }
  gather(read, {{std::string{get->id}, args}}, [done, &op, args](std::vector<read_result> r) {
    if (!r[0]) return done(r[0].error().why);
    auto doc = mcp::json_doc::parse(*r[0]);
    if (!doc) return done(std::string{"WorkOS answered something that is not JSON"});
    auto root = doc->root();
    std::string label = root.is_object() ? label_of(root) : "";
    std::string id = root.is_object() ? id_of(root) : "";
    std::string object = root.is_object() ? std::string{mcp::get_string(root, "object").value_or("")} : "";
    mcp::json_writer w;
    w.begin_object().field("object", object).field("id", id).field("name", label).raw_field("arguments", args).end_object();
    std::string summary = (object.empty() ? std::string{op.product} : object) + " " + (label.empty() ? id : label) +
                          (label.empty() || id.empty() ? "" : " (" + id + ")");
    if (label.empty() && id.empty()) summary = std::string{op.summary} + " (" + args + ")";
    done(destruction{summary, std::move(w).str()});
  });
}

}  // namespace

const workos::operation* matching_get(const workos::operation& op) {
  for (const auto& o : workos::all_operations())
    if (o.method == "GET" && o.path == op.path && o.access == workos::access_class::read) return &o;
  return nullptr;
}

void describe_destruction(const workos::operation& op, const std::string& arguments_json, upstream_reader read,
                          std::function<void(mcp::result<destruction, std::string>)> done) {
  for (const auto& row : table)
    if (row.operation == op.id) return row.describe(arguments_json, read, std::move(done));
  describe_generic(op, arguments_json, read, std::move(done));
}

}  // namespace tools
