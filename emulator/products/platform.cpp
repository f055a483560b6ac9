// emulator/products/platform.cpp — the platform products' registration and shared helpers,
// Audit Logs (8 spec operations) and the dashboard-side branding and audit-log streams.
//
// The other platform products live beside this file: platform_config.cpp (feature flags,
// AuthKit redirect URIs / CORS origins / JWT template, API keys), platform_vault.cpp (Vault)
// and webhooks.cpp (webhook endpoints and signed delivery).
//
// Audit-log conventions shared with organizations.cpp (GET …/audit_log_configuration): the
// retention of an organization is the setting "audit_logs_retention:<org id>" holding
// {"retention_period_in_days": n}, and a log stream is an object of type "audit_log_stream"
// whose parent is the organization id.
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>

#include "emulator/products.hpp"
#include "emulator/products/platform.hpp"

namespace emulator::products {

namespace platform {

json without(json object, std::initializer_list<std::string_view> keys) {
  for (auto k : keys) object.erase(k);
  return object;
}

reply strip_list(reply r, std::initializer_list<std::string_view> keys) {
  if (r.status != 200) return r;
  if (json* data = r.body.find("data"); data && data->is_array())
    for (auto& item : data->as_array())
      for (auto k : keys) item.erase(k);
  return r;
}

bool is_iso(const json& v) { return v.is_string() && parse_iso(v.as_string()).has_value(); }


bool organization_exists(call& c, std::string_view id) { return c.db.get(c.env, "organization", id).has_value(); }
bool user_exists(call& c, std::string_view id) { return c.db.get(c.env, "user", id).has_value(); }

}  // namespace platform

namespace {

using namespace platform;

// ===== Audit Logs ===============================================================================

constexpr std::string_view action_type = "audit_log_action";
constexpr std::string_view schema_type = "audit_log_schema";
constexpr std::string_view log_event_type = "audit_log_event";
constexpr std::string_view export_type = "audit_log_export";

// A 400 with the validation body (the SDK maps code + errors on a 400 to BadRequestException).
reply bad_request(std::vector<field_error> errors, std::string_view message = "Validation failed.") {
  auto r = unprocessable(std::move(errors), message);
  r.status = 400;
  return r;
}

bool valid_action_name(std::string_view name) {
  if (name.empty() || name.size() > 200) return false;
  return std::all_of(name.begin(), name.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-' || ch == ':';
  });
}

std::optional<json> find_action(call& c, std::string_view name) {
  for (auto& a : c.db.all(c.env, action_type))
    if (a["name"].as_string() == name) return std::move(a);
  return std::nullopt;
}

// Event metadata: at most 50 keys of [a-zA-Z0-9_-]{0,40}, values strings (≤ 500), numbers or booleans.
void check_event_metadata(const json& md, const std::string& field, std::vector<field_error>& errors) {
  if (!md.is_object()) {
    errors.push_back({field, "invalid_type"});
    return;
  }
  if (md.as_object().size() > 50) errors.push_back({field, "too_many_properties"});
  for (const auto& [k, v] : md.as_object()) {
    bool key_ok = k.size() <= 40 && std::all_of(k.begin(), k.end(), [](char ch) {
                    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
                  });
    if (!key_ok) errors.push_back({field + "." + k, "invalid_key"});
    else if (v.is_string() ? v.as_string().size() > 500 : !(v.is_number() || v.is_bool()))
      errors.push_back({field + "." + k, "invalid"});
  }
}

// The POST /audit_logs/events body, field by field, with dotted paths (`event.actor.id`).
std::vector<field_error> check_event_body(const json& body) {
  std::vector<field_error> errors;
  if (!body.is_object()) return {{"body", "invalid"}};
  auto need_string = [&](const json& parent, std::string_view key, const std::string& path) {
    const json* v = parent.find(key);
    if (!v || v->is_null()) errors.push_back({path, "required"});
    else if (!v->is_string()) errors.push_back({path, "invalid_type"});
    else if (v->as_string().empty()) errors.push_back({path, "required"});
  };
  auto may_string = [&](const json& parent, std::string_view key, const std::string& path) {
    const json* v = parent.find(key);
    if (v && !v->is_null() && !v->is_string()) errors.push_back({path, "invalid_type"});
  };
  auto entity = [&](const json& e, const std::string& path) {
    if (!e.is_object()) {
      errors.push_back({path, "invalid_type"});
      return;
    }
    need_string(e, "id", path + ".id");
    need_string(e, "type", path + ".type");
    may_string(e, "name", path + ".name");
    if (const json* md = e.find("metadata"); md && !md->is_null()) check_event_metadata(*md, path + ".metadata", errors);
  };

  need_string(body, "organization_id", "organization_id");
  const json* ev = body.find("event");
  if (!ev || ev->is_null()) {
    errors.push_back({"event", "required"});
    return errors;
  }
  if (!ev->is_object()) {
    errors.push_back({"event", "invalid_type"});
    return errors;
  }
  need_string(*ev, "action", "event.action");
  need_string(*ev, "occurred_at", "event.occurred_at");
  if ((*ev)["occurred_at"].is_string() && !(*ev)["occurred_at"].as_string().empty() && !is_iso((*ev)["occurred_at"]))
    errors.push_back({"event.occurred_at", "invalid_date"});
  if (const json* actor = ev->find("actor"); !actor || actor->is_null()) errors.push_back({"event.actor", "required"});
  else entity(*actor, "event.actor");
  if (const json* targets = ev->find("targets"); !targets || targets->is_null()) {
    errors.push_back({"event.targets", "required"});
  } else if (!targets->is_array()) {
    errors.push_back({"event.targets", "invalid_type"});
  } else {
    for (std::size_t i = 0; i < targets->as_array().size(); ++i)
      entity(targets->as_array()[i], "event.targets." + std::to_string(i));
  }
  if (const json* ctx = ev->find("context"); !ctx || ctx->is_null()) {
    errors.push_back({"event.context", "required"});
  } else if (!ctx->is_object()) {
    errors.push_back({"event.context", "invalid_type"});
  } else {
    need_string(*ctx, "location", "event.context.location");
    may_string(*ctx, "user_agent", "event.context.user_agent");
  }
  if (const json* md = ev->find("metadata"); md && !md->is_null()) check_event_metadata(*md, "event.metadata", errors);
  if (const json* v = ev->find("version"); v && !v->is_null() && !v->is_int()) errors.push_back({"event.version", "invalid_type"});
  return errors;
}

// Values of `md` against a schema's {type: "object", properties: {key: {type}}}; mismatches
// are reported as JSON pointers, the way the API reports schema violations.
void check_against(const json& schema_md, const json& md, const std::string& pointer, json& violations) {
  const json& props = schema_md["properties"];
  if (!props.is_object() || !md.is_object()) return;
  for (const auto& [key, spec] : props.as_object()) {
    const json* v = md.find(key);
    if (!v) continue;
    const auto& t = spec["type"].as_string();
    bool ok = t == "string"    ? v->is_string()
              : t == "number"  ? v->is_number()
              : t == "integer" ? v->is_int()
              : t == "boolean" ? v->is_bool()
                               : true;
    if (!ok) {
      json item = json::object();
      item.set("instancePath", pointer + "/" + key);
      violations.as_array().push_back(std::move(item));
    }
  }
}

// The event against the action's schema (the given version, or the latest), if the action has one.
std::optional<reply> check_against_schema(call& c, const json& ev) {
  auto action = find_action(c, ev["action"].as_string());
  if (!action) return std::nullopt;
  auto schemas = c.db.all(c.env, schema_type, (*action)["id"].as_string());
  if (schemas.empty()) return std::nullopt;
  const json* schema = &schemas.back();
  json violations = json::array();
  auto violation = [&](std::string pointer) {
    json item = json::object();
    item.set("instancePath", std::move(pointer));
    violations.as_array().push_back(std::move(item));
  };
  if (ev["version"].is_int()) {
    schema = nullptr;
    for (const auto& s : schemas)
      if (s["version"].as_int() == ev["version"].as_int()) schema = &s;
    if (!schema) violation("/version");
  }
  if (schema) {
    std::vector<std::string> allowed;
    for (const auto& t : (*schema)["targets"].as_array()) allowed.push_back(t["type"].as_string());
    const auto& targets = ev["targets"].as_array();
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const auto& type = targets[i]["type"].as_string();
      auto it = std::find(allowed.begin(), allowed.end(), type);
      if (it == allowed.end()) {
        violation("/targets/" + std::to_string(i) + "/type");
        continue;
      }
      for (const auto& t : (*schema)["targets"].as_array())
        if (t["type"].as_string() == type && t["metadata"].is_object())
          check_against(t["metadata"], targets[i]["metadata"], "/targets/" + std::to_string(i) + "/metadata", violations);
    }
    if ((*schema)["actor"].is_object())
      check_against((*schema)["actor"]["metadata"], ev["actor"]["metadata"], "/actor/metadata", violations);
    if ((*schema)["metadata"].is_object()) check_against((*schema)["metadata"], ev["metadata"], "/metadata", violations);
  }
  if (violations.as_array().empty()) return std::nullopt;
  json body = json::object();
  body.set("message", "Invalid Audit Log event.");
  body.set("code", "invalid_audit_log_event");
  body.set("errors", std::move(violations));
  return reply{400, std::move(body), false};
}

reply create_event(call& c) {
  if (auto errors = check_event_body(c.body); !errors.empty()) return unprocessable(std::move(errors));
  const auto& org_id = c.body["organization_id"].as_string();
  if (!organization_exists(c, org_id)) return not_found("Organization", org_id);
  const json& ev = c.body["event"];
  if (auto bad = check_against_schema(c, ev)) return *bad;
  json stored = json::object();
  auto id = new_id("audit_log_event");
  stored.set("id", id);
  stored.set("organization_id", org_id);
  for (auto key : {"action", "occurred_at", "actor", "targets", "context", "metadata", "version"})
    if (const json* v = ev.find(key); v && !v->is_null()) stored.set(key, *v);
  stored.set("created_at", now_iso());
  c.db.put(c.env, log_event_type, id, stored, org_id);
  json out = json::object();
  out.set("success", true);
  return reply::ok(std::move(out));
}

// AuditLogSchemaDto: targets (≥ 1, each with a type), optional actor {metadata} and metadata.
std::vector<field_error> check_schema_body(const json& body) {
  std::vector<field_error> errors;
  if (!body.is_object()) return {{"body", "invalid"}};
  const json* targets = body.find("targets");
  if (!targets || targets->is_null()) {
    errors.push_back({"targets", "required"});
  } else if (!targets->is_array()) {
    errors.push_back({"targets", "invalid_type"});
  } else if (targets->as_array().empty()) {
    errors.push_back({"targets", "min_items"});
  } else {
    for (std::size_t i = 0; i < targets->as_array().size(); ++i) {
      const auto& t = targets->as_array()[i];
      auto path = "targets." + std::to_string(i);
      if (!t.is_object()) {
        errors.push_back({path, "invalid_type"});
        continue;
      }
      if (!t["type"].is_string() || t["type"].as_string().empty()) errors.push_back({path + ".type", "required"});
      if (const json* md = t.find("metadata"); md && !md->is_null() && !md->is_object())
        errors.push_back({path + ".metadata", "invalid_type"});
    }
  }
  if (const json* actor = body.find("actor"); actor && !actor->is_null()) {
    if (!actor->is_object()) errors.push_back({"actor", "invalid_type"});
    else if (!(*actor)["metadata"].is_object()) errors.push_back({"actor.metadata", "required"});
  }
  if (const json* md = body.find("metadata"); md && !md->is_null() && !md->is_object())
    errors.push_back({"metadata", "invalid_type"});
  return errors;
}

reply create_schema(call& c) {
  const auto& name = c.param("actionName");
  if (!valid_action_name(name)) return unprocessable({{"actionName", "invalid"}}, "The action name is not valid.");
  if (auto errors = check_schema_body(c.body); !errors.empty()) return unprocessable(std::move(errors));
  auto action = find_action(c, name);
  auto now = now_iso();
  if (!action) {
    action = json::object();
    action->set("id", new_id("ala"));
    action->set("object", "audit_log_action");
    action->set("name", name);
    action->set("schema", nullptr);
    action->set("created_at", now);
    action->set("updated_at", now);
  }
  const auto& action_id = (*action)["id"].as_string();
  json schema = json::object();
  auto id = new_id("als");
  schema.set("id", id);
  schema.set("object", "audit_log_schema");
  schema.set("version", static_cast<std::int64_t>(c.db.count(c.env, schema_type, action_id) + 1));
  if (c.body["actor"].is_object()) {
    json actor = json::object();
    actor.set("metadata", c.body["actor"]["metadata"]);
    schema.set("actor", std::move(actor));
  }
  json targets = json::array();
  for (const auto& t : c.body["targets"].as_array()) {
    json target = json::object();
    target.set("type", t["type"]);
    if (t["metadata"].is_object()) target.set("metadata", t["metadata"]);
    targets.as_array().push_back(std::move(target));
  }
  schema.set("targets", std::move(targets));
  if (c.body["metadata"].is_object()) schema.set("metadata", c.body["metadata"]);
  schema.set("created_at", now);
  action->set("schema", without(schema, {"id"}));
  action->set("updated_at", now);
  c.db.put(c.env, action_type, action_id, *action);
  c.db.put(c.env, schema_type, id, schema, action_id);
  return reply::created(without(std::move(schema), {"id"}));
}

reply list_schemas(call& c) {
  auto action = find_action(c, c.param("actionName"));
  if (!action) return not_found("Audit Log Action", c.param("actionName"));
  return strip_list(paginate(c, c.db.all(c.env, schema_type, (*action)["id"].as_string())), {"id"});
}

// Actions and schemas have no id on the wire: their internal ids (ala_…, als_…) only serve as
// the list cursors, as in the API's own list_metadata.
reply list_actions(call& c) { return strip_list(paginate(c, c.db.all(c.env, action_type)), {"id"}); }

json export_wire(const json& stored) {
  json out = json::object();
  for (auto key : {"object", "id", "state", "url", "created_at", "updated_at"}) out.set(key, stored[key]);
  return out;
}

reply create_export(call& c) {
  if (!c.body.is_object()) return bad_request({{"body", "invalid"}});
  std::vector<field_error> errors;
  for (auto key : {"organization_id", "range_start", "range_end"}) {
    const json& v = c.body[key];
    if (v.is_null()) errors.push_back({key, "required"});
    else if (!v.is_string()) errors.push_back({key, "invalid_type"});
  }
  for (auto key : {"actions", "actors", "actor_names", "actor_ids", "targets"}) {
    const json& v = c.body[key];
    if (v.is_null()) continue;
    bool ok = v.is_array() && std::all_of(v.as_array().begin(), v.as_array().end(), [](const json& s) { return s.is_string(); });
    if (!ok) errors.push_back({key, "invalid_type"});
  }
  if (!errors.empty()) return bad_request(std::move(errors));
  auto start = parse_iso(c.body["range_start"].as_string());
  auto end = parse_iso(c.body["range_end"].as_string());
  if (!start || !end || *start >= *end) return error(400, "invalid_audit_log_export_range_date", "Invalid date range");
  const auto& org_id = c.body["organization_id"].as_string();
  if (!organization_exists(c, org_id)) return not_found("Organization", org_id);
  json ex = json::object();
  auto id = new_id("audit_log_export");
  auto now = now_iso();
  ex.set("object", "audit_log_export");
  ex.set("id", id);
  ex.set("state", "pending");
  ex.set("url", nullptr);
  ex.set("created_at", now);
  ex.set("updated_at", now);
  // The filters, kept with the export (never on the wire).
  json filters = json::object();
  for (auto key : {"organization_id", "range_start", "range_end", "actions", "actors", "actor_names", "actor_ids", "targets"})
    if (!c.body[key].is_null()) filters.set(key, c.body[key]);
  ex.set("filters", std::move(filters));
  c.db.put(c.env, export_type, id, ex, org_id);
  return reply::created(export_wire(ex));
}

// An export is pending when created and ready from its first read on, with a fresh pre-signed
// style URL on every read (the API's URLs expire after 10 minutes).
reply get_export(call& c) {
  auto ex = c.db.get(c.env, export_type, c.param("auditLogExportId"));
  if (!ex) return not_found("Audit Log Export", c.param("auditLogExportId"));
  auto now = now_iso();
  if ((*ex)["state"].as_string() == "pending") {
    ex->set("state", "ready");
    ex->set("updated_at", now);
  }
  ex->set("url", "https://exports.workos-emulator.invalid/audit-log-exports/" + c.param("auditLogExportId") +
                     ".csv?signature=" + planted_secret(""));
  c.db.put(c.env, export_type, c.param("auditLogExportId"), *ex, (*ex)["filters"]["organization_id"].as_string());
  return reply::ok(export_wire(*ex));
}

std::string retention_setting(std::string_view org_id) { return "audit_logs_retention:" + std::string{org_id}; }

reply get_retention(call& c) {
  if (!organization_exists(c, c.param("id"))) return not_found("Organization", c.param("id"));
  auto r = c.db.setting(c.env, retention_setting(c.param("id")));
  json out = json::object();
  out.set("retention_period_in_days", r ? (*r)["retention_period_in_days"] : json{30});
  return reply::ok(std::move(out));
}

// The spec's body is {retention_period_in_days} (30 … 365); the Node SDK sends
// {retention_period: "1_MONTH" … "11_MONTHS" | "1_YEAR" … "10_YEARS"}. Both are accepted:
// a month is 30 days, a year 365.
reply put_retention(call& c) {
  if (!organization_exists(c, c.param("id"))) return not_found("Organization", c.param("id"));
  if (!c.body.is_object()) return unprocessable({{"body", "invalid"}});
  std::optional<std::int64_t> days;
  if (const json* d = c.body.find("retention_period_in_days"); d && !d->is_null()) {
    if (!d->is_int()) return unprocessable({{"retention_period_in_days", "invalid_type"}});
    auto n = d->as_int();
    if ((n % 30 == 0 && n >= 30 && n <= 330) || (n % 365 == 0 && n >= 365 && n <= 3650)) days = n;
    else
      return unprocessable({{"retention_period_in_days", "invalid"}},
                           "retention_period_in_days must be a whole number of months (30 days) up to 11, or of years (365 days) up to 10.");
  } else if (const json* p = c.body.find("retention_period"); p && !p->is_null()) {
    const auto& s = p->as_string();
    auto underscore = s.find('_');
    int n = 0;
    for (std::size_t i = 0; i < underscore && underscore != std::string::npos; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
        n = 0;
        break;
      }
      n = n * 10 + (s[i] - '0');
    }
    auto unit = underscore == std::string::npos ? std::string{} : s.substr(underscore + 1);
    bool plural = n > 1;
    if (n >= 1 && n <= 11 && unit == (plural ? "MONTHS" : "MONTH")) days = 30 * n;
    else if (n >= 1 && n <= 10 && unit == (plural ? "YEARS" : "YEAR")) days = 365 * n;
    else return unprocessable({{"retention_period", "invalid"}}, "retention_period must be 1_MONTH … 11_MONTHS or 1_YEAR … 10_YEARS.");
  } else {
    return unprocessable({{"retention_period_in_days", "required"}});
  }
  json value = json::object();
  value.set("retention_period_in_days", *days);
  c.db.set_setting(c.env, retention_setting(c.param("id")), value);
  return reply::ok(std::move(value));
}

// ===== Dashboard: branding ======================================================================
//
// AuthKit's look and feel has no public API (reference §8.1): the dashboard edits it, per
// environment. GET /dashboard/branding answers the current values; PUT changes the fields
// given (null restores a field's default).

json default_branding() {
  json b = json::object();
  b.set("object", "branding");
  b.set("logo_url", nullptr);
  b.set("icon_url", nullptr);
  b.set("primary_color_light", "#6363F1");
  b.set("primary_color_dark", "#7C7CF7");
  b.set("background_color_light", "#FFFFFF");
  b.set("background_color_dark", "#111113");
  b.set("corner_radius", 8);
  b.set("font", nullptr);
  b.set("custom_css", nullptr);
  b.set("page_title", nullptr);
  b.set("sign_up_link_text", nullptr);
  b.set("updated_at", nullptr);
  return b;
}

json current_branding(call& c) {
  auto b = default_branding();
  if (auto saved = c.db.setting(c.env, "branding"))
    for (const auto& [k, v] : saved->as_object())
      if (b.contains(k)) b.set(k, v);
  return b;
}

bool is_http_url(std::string_view s) {
  auto scheme = s.substr(0, s.find("://"));
  return (scheme == "https" || scheme == "http") && s.size() > scheme.size() + 3 && s.find(' ') == std::string_view::npos;
}

bool is_color(std::string_view s) {
  if ((s.size() != 4 && s.size() != 7) || s.front() != '#') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; });
}

reply get_branding(call& c) { return reply::ok(current_branding(c)); }

reply put_branding(call& c) {
  if (!c.body.is_object()) return unprocessable({{"body", "invalid"}});
  auto b = current_branding(c);
  auto defaults = default_branding();
  std::vector<field_error> errors;
  for (const auto& [k, v] : c.body.as_object()) {
    if (k == "object" || k == "updated_at") continue;  // a GET answer may be sent back as is
    if (!defaults.contains(k)) {
      errors.push_back({k, "unknown_field"});
      continue;
    }
    if (v.is_null()) {
      b.set(k, defaults[k]);
      continue;
    }
    bool ok = true;
    if (k == "logo_url" || k == "icon_url") ok = v.is_string() && is_http_url(v.as_string());
    else if (k.find("_color_") != std::string::npos)
      ok = v.is_string() && is_color(v.as_string());
    else if (k == "corner_radius") ok = v.is_int() && v.as_int() >= 0 && v.as_int() <= 32;
    else if (k == "font") ok = v.is_string() && !v.as_string().empty() && v.as_string().size() <= 100;
    else if (k == "custom_css") ok = v.is_string() && v.as_string().size() <= 100000;
    else ok = v.is_string() && v.as_string().size() <= 200;  // page copy
    if (!ok) errors.push_back({k, "invalid"});
    else b.set(k, v);
  }
  if (!errors.empty()) return unprocessable(std::move(errors));
  b.set("updated_at", now_iso());
  c.db.set_setting(c.env, "branding", b);
  return reply::ok(std::move(b));
}

// ===== Dashboard: audit-log streams =============================================================
//
// A stream sends an organization's audit-log events to its SIEM. The destination credentials
// are stored with the stream and never answered: not here, not in audit_log_configuration.

constexpr std::string_view stream_type = "audit_log_stream";
constexpr std::string_view stream_types[] = {"Datadog", "Splunk", "S3", "GoogleCloudStorage", "GenericHttps", "Snowflake",
                                             "AzureSentinel"};

json stream_wire(json s) { return without(std::move(s), {"credentials"}); }

reply create_stream(call& c) {
  const auto& org_id = c.param("organizationId");
  if (!organization_exists(c, org_id)) return not_found("Organization", org_id);
  if (auto bad = validate(c.body, {{"type", field_rule::string, true}, {"credentials", field_rule::object, true}})) return *bad;
  const auto& type = c.body["type"].as_string();
  if (std::find(std::begin(stream_types), std::end(stream_types), type) == std::end(stream_types))
    return unprocessable({{"type", "invalid"}},
                         "type must be one of Datadog, Splunk, S3, GoogleCloudStorage, GenericHttps, Snowflake, AzureSentinel.");
  const auto& creds = c.body["credentials"].as_object();
  if (creds.empty()) return unprocessable({{"credentials", "required"}});
  for (const auto& [k, v] : creds)
    if (!v.is_string() && !v.is_number() && !v.is_bool()) return unprocessable({{"credentials." + k, "invalid_type"}});
  if (c.db.count(c.env, stream_type, org_id) > 0)
    return error(409, "audit_log_stream_already_exists", "This organization already has an audit log stream.");
  json s = json::object();
  auto id = new_id("als");
  auto now = now_iso();
  s.set("object", "audit_log_stream");
  s.set("id", id);
  s.set("organization_id", org_id);
  s.set("type", type);
  s.set("state", "active");
  s.set("last_synced_at", nullptr);
  s.set("created_at", now);
  s.set("updated_at", now);
  s.set("credentials", c.body["credentials"]);
  c.db.put(c.env, stream_type, id, s, org_id);
  return reply::created(stream_wire(std::move(s)));
}

reply list_streams(call& c) {
  const auto& org_id = c.param("organizationId");
  if (!organization_exists(c, org_id)) return not_found("Organization", org_id);
  return strip_list(paginate(c, c.db.all(c.env, stream_type, org_id)), {"credentials"});
}

std::optional<json> find_stream(call& c) {
  auto s = c.db.get(c.env, stream_type, c.param("id"));
  if (!s || (*s)["organization_id"].as_string() != c.param("organizationId")) return std::nullopt;
  return s;
}

reply get_stream(call& c) {
  auto s = find_stream(c);
  if (!s) return not_found("Audit Log Stream", c.param("id"));
  return reply::ok(stream_wire(std::move(*s)));
}

reply delete_stream(call& c) {
  auto s = find_stream(c);
  if (!s) return not_found("Audit Log Stream", c.param("id"));
  c.db.remove(c.env, c.param("id"));
  return reply::no_content();
}

}  // namespace

namespace platform {

void register_audit_logs(api& a) {
  a.add("POST", "/audit_logs/events", create_event);
  a.add("GET", "/audit_logs/actions", list_actions);
  a.add("POST", "/audit_logs/actions/{actionName}/schemas", create_schema);
  a.add("GET", "/audit_logs/actions/{actionName}/schemas", list_schemas);
  a.add("POST", "/audit_logs/exports", create_export);
  a.add("GET", "/audit_logs/exports/{auditLogExportId}", get_export);
  a.add("GET", "/organizations/{id}/audit_logs_retention", get_retention);
  a.add("PUT", "/organizations/{id}/audit_logs_retention", put_retention);
}

void register_dashboard(api& a) {
  a.add("GET", "/dashboard/branding", get_branding);
  a.add("PUT", "/dashboard/branding", put_branding);
  a.add("POST", "/dashboard/organizations/{organizationId}/audit_log_streams", create_stream);
  a.add("GET", "/dashboard/organizations/{organizationId}/audit_log_streams", list_streams);
  a.add("GET", "/dashboard/organizations/{organizationId}/audit_log_streams/{id}", get_stream);
  a.add("DELETE", "/dashboard/organizations/{organizationId}/audit_log_streams/{id}", delete_stream);
}

}  // namespace platform

void register_platform(api& a) {
  platform::register_audit_logs(a);
  platform::register_dashboard(a);
  platform::register_feature_flags(a);
  platform::register_authkit_config(a);
  platform::register_api_keys(a);
  platform::register_vault(a);
  platform::register_webhooks(a);
}

}  // namespace emulator::products
