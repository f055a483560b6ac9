// emulator/products/organizations.cpp — Organizations (7 spec operations).
//
// The reference product: other product files follow its shape — a `make_*` that builds the
// wire object, handlers that validate, read and write through the call's transaction, and an
// event for every mutation. Domains given at creation become organization_domain objects.
#include <algorithm>
#include <set>

#include "emulator/products.hpp"

namespace emulator::products {

namespace {

constexpr std::string_view type = "organization";

// The organization with its current domains embedded, as the API returns it.
json with_domains(call& c, json org) {
  json domains = json::array();
  for (auto& d : c.db.all(c.env, "organization_domain", org["id"].as_string())) domains.as_array().push_back(std::move(d));
  org.set("domains", std::move(domains));
  return org;
}

// Applies `domain_data` ([{domain, state}]) or the deprecated `domains` ([string]) from a body.
std::optional<reply> set_domains(call& c, const std::string& org_id, const json& body) {
  std::vector<std::pair<std::string, std::string>> wanted;
  if (const json* dd = body.find("domain_data"); dd && !dd->is_null()) {
    if (!dd->is_array()) return unprocessable({{"domain_data", "invalid_type"}});
    for (const auto& d : dd->as_array()) {
      auto state = d["state"].string_or("pending");
      if (!d["domain"].is_string() || (state != "verified" && state != "pending"))
        return unprocessable({{"domain_data", "invalid"}}, "domain_data entries need a domain and a state of verified or pending.");
      wanted.emplace_back(d["domain"].as_string(), state);
    }
  } else if (const json* ds = body.find("domains"); ds && !ds->is_null()) {
    if (!ds->is_array()) return unprocessable({{"domains", "invalid_type"}});
    for (const auto& d : ds->as_array()) {
      if (!d.is_string()) return unprocessable({{"domains", "invalid"}});
      wanted.emplace_back(d.as_string(), "pending");
    }
  } else {
    return std::nullopt;
  }
  // A domain belongs to one organization in an environment.
  for (const auto& [domain, state] : wanted)
    for (const auto& d : c.db.all(c.env, "organization_domain"))
      if (d["domain"].as_string() == domain && d["organization_id"].as_string() != org_id)
        return error(409, "domain_already_exists", "The domain " + domain + " belongs to another organization.");
  for (auto& d : c.db.all(c.env, "organization_domain", org_id)) c.db.remove(c.env, d["id"].as_string());
  for (const auto& [domain, state] : wanted) {
    auto d = make_organization_domain(org_id, domain, state);
    c.db.put(c.env, "organization_domain", d["id"].as_string(), d, org_id);
  }
  return std::nullopt;
}

std::optional<reply> check_external_id(call& c, const json& body, std::string_view self_id) {
  const json* ext = body.find("external_id");
  if (!ext || ext->is_null()) return std::nullopt;
  for (const auto& o : c.db.all(c.env, type))
    if (o["external_id"] == *ext && o["id"].as_string() != self_id)
      return error(409, "external_id_already_exists", "An organization with this external_id already exists.");
  return std::nullopt;
}

reply list(call& c) {
  auto domains = c.q_all("domains");
  auto search = c.q("search");
  std::vector<json> out;
  for (auto& o : c.db.all(c.env, type)) {
    o = with_domains(c, std::move(o));
    if (!domains.empty()) {
      bool hit = false;
      for (const auto& d : o["domains"].as_array())
        hit |= std::find(domains.begin(), domains.end(), d["domain"].as_string()) != domains.end();
      if (!hit) continue;
    }
    if (search && !search->empty()) {
      auto name = o["name"].as_string();
      if (lower(name).find(lower(*search)) == std::string::npos) continue;
    }
    out.push_back(std::move(o));
  }
  return paginate(c, std::move(out));
}

reply create(call& c) {
  if (auto bad = validate(c.body, {{"name", field_rule::string, true},
                                   {"allow_profiles_outside_organization", field_rule::boolean},
                                   {"domains", field_rule::array},
                                   {"domain_data", field_rule::array},
                                   {"metadata", field_rule::object},
                                   {"external_id", field_rule::string}}))
    return *bad;
  if (auto conflict = check_external_id(c, c.body, "")) return *conflict;
  json org = json::object();
  auto id = new_id("org");
  org.set("object", "organization");
  org.set("id", id);
  org.set("name", c.body["name"]);
  org.set("allow_profiles_outside_organization", c.body["allow_profiles_outside_organization"].as_bool(false));
  org.set("metadata", c.body["metadata"].is_object() ? c.body["metadata"] : json::object());
  org.set("external_id", c.body["external_id"]);
  org.set("stripe_customer_id", nullptr);
  org.set("created_at", now_iso());
  org.set("updated_at", now_iso());
  c.db.put(c.env, type, id, org);
  if (auto bad = set_domains(c, id, c.body)) return *bad;
  org = with_domains(c, org);
  emit(c, "organization.created", org);
  return reply::created(org);
}

reply get(call& c) {
  auto org = c.db.get(c.env, type, c.param("id"));
  if (!org) return not_found("Organization", c.param("id"));
  return reply::ok(with_domains(c, std::move(*org)));
}

reply get_by_external_id(call& c) {
  for (auto& o : c.db.all(c.env, type))
    if (o["external_id"].as_string() == c.param("external_id")) return reply::ok(with_domains(c, std::move(o)));
  return not_found("Organization with external_id", c.param("external_id"));
}

reply update(call& c) {
  auto org = c.db.get(c.env, type, c.param("id"));
  if (!org) return not_found("Organization", c.param("id"));
  if (auto bad = validate(c.body, {{"name", field_rule::string},
                                   {"allow_profiles_outside_organization", field_rule::boolean},
                                   {"domains", field_rule::array},
                                   {"domain_data", field_rule::array},
                                   {"stripe_customer_id", field_rule::string},
                                   {"metadata", field_rule::object},
                                   {"external_id", field_rule::string}}))
    return *bad;
  if (auto conflict = check_external_id(c, c.body, c.param("id"))) return *conflict;
  for (auto field : {"name", "allow_profiles_outside_organization", "stripe_customer_id", "external_id"})
    if (const json* v = c.body.find(field)) org->set(field, *v);
  if (const json* md = c.body.find("metadata"); md && md->is_object()) {
    // Metadata merges; a key set to null is removed (as the API documents).
    json merged = (*org)["metadata"].is_object() ? (*org)["metadata"] : json::object();
    for (const auto& [k, v] : md->as_object()) {
      if (v.is_null()) merged.erase(k);
      else merged.set(k, v);
    }
    org->set("metadata", std::move(merged));
  }
  org->set("updated_at", now_iso());
  c.db.put(c.env, type, c.param("id"), *org);
  if (auto bad = set_domains(c, c.param("id"), c.body)) return *bad;
  auto out = with_domains(c, std::move(*org));
  emit(c, "organization.updated", out);
  return reply::ok(out);
}

// Deleting an organization takes everything that belongs to it, in every product: objects
// whose organization_id is the organization, and, transitively, objects whose parent is one of
// those (a directory's users and groups, say). Events stay: they are history.
void remove_dependents(call& c, const std::string& org_id) {
  std::set<std::string> gone{org_id};
  auto rows = c.db.everything(c.env);
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& r : rows) {
      if (r.type == "event" || gone.count(r.id)) continue;
      if (r.body["organization_id"].as_string() == org_id || (!r.parent.empty() && gone.count(r.parent))) {
        gone.insert(r.id);
        c.db.remove(c.env, r.id);
        changed = true;
      }
    }
  }
}

reply remove(call& c) {
  auto org = c.db.get(c.env, type, c.param("id"));
  if (!org) return not_found("Organization", c.param("id"));
  auto full = with_domains(c, std::move(*org));
  remove_dependents(c, c.param("id"));
  c.db.remove(c.env, c.param("id"));
  emit(c, "organization.deleted", full);
  return reply::accepted();
}

reply audit_log_configuration(call& c) {
  auto org = c.db.get(c.env, type, c.param("id"));
  if (!org) return not_found("Organization", c.param("id"));
  json cfg = json::object();
  cfg.set("organization_id", c.param("id"));
  auto retention = c.db.setting(c.env, "audit_logs_retention:" + c.param("id"));
  cfg.set("retention_period_in_days", retention ? (*retention)["retention_period_in_days"] : json{30});
  json stream;
  for (auto& s : c.db.all(c.env, "audit_log_stream", c.param("id"))) {
    stream = json::object();
    for (auto key : {"id", "type", "state", "last_synced_at", "created_at"}) stream.set(key, s[key]);
  }
  cfg.set("state", stream.is_null() ? "inactive" : "active");
  cfg.set("log_stream", std::move(stream));
  return reply::ok(cfg);
}

}  // namespace

json make_organization_domain(std::string_view organization_id, std::string_view domain, std::string_view state) {
  json d = json::object();
  d.set("object", "organization_domain");
  d.set("id", new_id("org_domain"));
  d.set("organization_id", organization_id);
  d.set("domain", domain);
  d.set("state", state);
  d.set("verification_strategy", state == "verified" ? "manual" : "dns");
  d.set("verification_token", planted_secret("", 24));
  d.set("verification_prefix", "workos-domain-verification");
  d.set("created_at", now_iso());
  d.set("updated_at", now_iso());
  return d;
}

void register_organizations(api& a) {
  a.add("GET", "/organizations", list);
  a.add("POST", "/organizations", create);
  a.add("GET", "/organizations/external_id/{external_id}", get_by_external_id);
  a.add("GET", "/organizations/{id}", get);
  a.add("PUT", "/organizations/{id}", update);
  a.add("DELETE", "/organizations/{id}", remove);
  a.add("GET", "/organizations/{id}/audit_log_configuration", audit_log_configuration);
}

}  // namespace emulator::products
