// emulator/oauth/client_metadata.cpp — DCR validation, metadata documents, their cache and the
// SSRF-guarded fetch (see client_metadata.hpp).
#include "emulator/oauth/client_metadata.hpp"

#include <algorithm>
#include <cctype>

#include "emulator/api.hpp"
#include "emulator/oauth/url.hpp"

namespace emulator::oauth {

namespace {

constexpr std::size_t max_redirect_uris = 20;
constexpr std::size_t max_string = 2000;
constexpr std::size_t max_cached_documents = 1024;
constexpr auto max_cache_lifetime = std::chrono::hours(24);
constexpr auto default_cache_lifetime = std::chrono::minutes(5);

bool contains(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// A list of strings from a JSON array; nullopt when it is not one.
std::optional<std::vector<std::string>> strings(const json& v) {
  if (!v.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : v.as_array()) {
    if (!item.is_string() || item.as_string().size() > max_string) return std::nullopt;
    out.push_back(item.as_string());
  }
  return out;
}

// The redirect URIs of a registration or document; the error names the offending one.
mcp::result<std::vector<std::string>, std::string> redirect_uris_of(const json& v) {
  auto uris = strings(v);
  if (!uris || uris->empty()) return std::string{"redirect_uris must be a non-empty array of URLs"};
  if (uris->size() > max_redirect_uris) return std::string{"too many redirect_uris"};
  for (const auto& u : *uris)
    if (auto problem = redirect_uri_problem(u)) return "redirect URI " + u + " " + *problem;
  return std::move(*uris);
}

// grant_types, defaulted, restricted to what this server does.
mcp::result<std::vector<std::string>, std::string> grant_types_of(const json* v) {
  if (!v || v->is_null()) return std::vector<std::string>{"authorization_code", "refresh_token"};
  auto grants = strings(*v);
  if (!grants) return std::string{"grant_types must be an array of strings"};
  for (const auto& g : *grants)
    if (g != "authorization_code" && g != "refresh_token")
      return "grant type " + g + " is not supported (authorization_code, refresh_token)";
  if (!contains(*grants, "authorization_code")) return std::string{"grant_types must include authorization_code"};
  return std::move(*grants);
}

std::optional<std::string> response_types_problem(const json* v) {
  if (!v || v->is_null()) return std::nullopt;
  auto types = strings(*v);
  if (!types || types->empty()) return "response_types must be a non-empty array of strings";
  for (const auto& t : *types)
    if (t != "code") return "response type " + t + " is not supported (code)";
  return std::nullopt;
}

}  // namespace

bool is_supported_scope(std::string_view scope) {
  return std::find(supported_scopes.begin(), supported_scopes.end(), scope) != supported_scopes.end();
}

std::vector<std::string> split_scope(std::string_view scope) {
  std::vector<std::string> out;
  while (!scope.empty()) {
    auto sp = scope.find(' ');
    auto item = scope.substr(0, sp);
    scope = sp == std::string_view::npos ? std::string_view{} : scope.substr(sp + 1);
    if (!item.empty() && !contains(out, item)) out.emplace_back(item);
  }
  return out;
}

std::string join_scope(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
  return out;
}

bool client::allows_grant(std::string_view grant) const { return contains(grant_types, grant); }

mcp::result<registration, registration_error> validate_registration(const json& body) {
  auto bad = [](std::string description) { return registration_error{"invalid_client_metadata", std::move(description)}; };
  if (!body.is_object()) return bad("the request body must be a JSON object");

  auto uris = redirect_uris_of(body["redirect_uris"]);
  if (!uris) return registration_error{"invalid_redirect_uri", uris.error()};

  std::string method = "client_secret_basic";
  if (const json* m = body.find("token_endpoint_auth_method"); m && !m->is_null()) {
    if (!m->is_string()) return bad("token_endpoint_auth_method must be a string");
    method = m->as_string();
    if (method != "none" && method != "client_secret_post" && method != "client_secret_basic")
      return bad("token_endpoint_auth_method " + method +
                 " is not supported (none, client_secret_post, client_secret_basic)");
  }
  auto grants = grant_types_of(body.find("grant_types"));
  if (!grants) return bad(grants.error());
  if (auto problem = response_types_problem(body.find("response_types"))) return bad(*problem);

  json meta = json::object();
  client c;
  if (const json* n = body.find("client_name"); n && !n->is_null()) {
    if (!n->is_string() || n->as_string().size() > 200) return bad("client_name must be a string of at most 200 characters");
    c.client_name = n->as_string();
    meta.set("client_name", c.client_name);
  }
  meta.set("redirect_uris", body["redirect_uris"]);
  json grant_list = json::array();
  for (const auto& g : *grants) grant_list.as_array().emplace_back(g);
  meta.set("grant_types", std::move(grant_list));
  meta.set("response_types", json{json_array{json{"code"}}});
  meta.set("token_endpoint_auth_method", method);
  if (const json* s = body.find("scope"); s && !s->is_null()) {
    if (!s->is_string()) return bad("scope must be a string");
    for (const auto& item : split_scope(s->as_string()))
      if (!is_supported_scope(item)) return bad("scope " + item + " is not supported");
    meta.set("scope", *s);
  }
  // Informational metadata is kept and echoed (RFC 7591 §3.2.1) when it has the right type.
  for (auto name : {"client_uri", "logo_uri", "tos_uri", "policy_uri", "software_id", "software_version"}) {
    if (const json* v = body.find(name); v && !v->is_null()) {
      if (!v->is_string() || v->as_string().size() > max_string) return bad(std::string{name} + " must be a string");
      meta.set(name, *v);
    }
  }
  if (const json* v = body.find("application_type"); v && !v->is_null()) {
    if (!v->is_string() || (v->as_string() != "web" && v->as_string() != "native"))
      return bad("application_type must be web or native");
    meta.set("application_type", *v);
  }
  if (const json* v = body.find("contacts"); v && !v->is_null()) {
    if (!strings(*v)) return bad("contacts must be an array of strings");
    meta.set("contacts", *v);
  }
  c.redirect_uris = std::move(*uris);
  c.grant_types = std::move(*grants);
  c.token_endpoint_auth_method = method;
  return registration{std::move(c), std::move(meta)};
}

client client_from_stored(const json& stored) {
  client c;
  c.client_id = stored["client_id"].as_string();
  c.client_name = stored["client_name"].string_or("");
  c.redirect_uris = strings(stored["redirect_uris"]).value_or(std::vector<std::string>{});
  c.grant_types = strings(stored["grant_types"]).value_or(std::vector<std::string>{});
  c.token_endpoint_auth_method = stored["token_endpoint_auth_method"].string_or("none");
  c.secret_hash = stored["client_secret_hash"].string_or("");
  return c;
}

// ----- metadata documents ------------------------------------------------------------------------

bool is_metadata_url(std::string_view client_id, bool allow_loopback_http) {
  return client_id.substr(0, 8) == "https://" || (allow_loopback_http && client_id.substr(0, 7) == "http://");
}

std::optional<std::string> metadata_url_problem(std::string_view url, bool allow_loopback_http) {
  auto p = parse_url(url);
  if (!p) return "the client_id is not a valid URL";
  bool loopback_http = allow_loopback_http && p->scheme == "http" && is_loopback_host(p->host);
  if (p->scheme != "https" && !loopback_http) return "a client_id URL must use https";
  if (p->has_fragment) return "a client_id URL must not contain a fragment";
  if (p->has_userinfo) return "a client_id URL must not contain a user name or password";
  if (p->path.empty() || p->path == "/") return "a client_id URL must contain a path";
  // Dot segments would make two spellings of one document (draft §3).
  std::string_view path = p->path;
  while (!path.empty()) {
    path.remove_prefix(1);
    auto seg = path.substr(0, path.find('/'));
    if (seg == "." || seg == "..") return "a client_id URL must not contain . or .. path segments";
    path.remove_prefix(seg.size());
  }
  return std::nullopt;
}

mcp::result<client, std::string> parse_metadata_document(std::string_view url, std::string_view body) {
  auto doc = json::parse(body);
  if (!doc || !doc->is_object()) return std::string{"the client metadata document is not a JSON object"};
  if (!(*doc)["client_id"].is_string() || (*doc)["client_id"].as_string() != url)
    return std::string{"the client metadata document's client_id does not equal its URL"};
  auto uris = redirect_uris_of((*doc)["redirect_uris"]);
  if (!uris) return "the client metadata document is invalid: " + uris.error();
  // Anyone can read the document, so a secret in it is no secret (draft §4.1).
  if (doc->contains("client_secret") || doc->contains("client_secret_expires_at"))
    return std::string{"a client metadata document must not contain a client secret"};
  if (const json* m = doc->find("token_endpoint_auth_method"); m && !m->is_null() && m->string_or("") != "none")
    return std::string{"this server supports only token_endpoint_auth_method none for metadata-document clients"};
  auto grants = grant_types_of(doc->find("grant_types"));
  if (!grants) return "the client metadata document is invalid: " + grants.error();
  if (auto problem = response_types_problem(doc->find("response_types")))
    return "the client metadata document is invalid: " + *problem;
  client c;
  c.client_id = std::string{url};
  if (const json* n = doc->find("client_name"); n && n->is_string()) c.client_name = n->as_string().substr(0, 200);
  c.redirect_uris = std::move(*uris);
  c.grant_types = std::move(*grants);
  c.token_endpoint_auth_method = "none";
  c.from_metadata_document = true;
  return c;
}

std::chrono::seconds metadata_cache_lifetime(const std::optional<std::string>& cache_control) {
  if (!cache_control) return default_cache_lifetime;
  auto cc = lower(*cache_control);
  if (cc.find("no-store") != std::string::npos || cc.find("no-cache") != std::string::npos)
    return std::chrono::seconds{0};
  auto at = cc.find("max-age=");
  if (at == std::string::npos) return default_cache_lifetime;
  std::int64_t seconds = 0;
  std::size_t i = at + 8, digits = 0;
  for (; i < cc.size() && std::isdigit(static_cast<unsigned char>(cc[i])); ++i, ++digits)
    seconds = std::min<std::int64_t>(seconds * 10 + (cc[i] - '0'), std::chrono::seconds{max_cache_lifetime}.count());
  if (digits == 0) return default_cache_lifetime;
  return std::min<std::chrono::seconds>(std::chrono::seconds{seconds}, max_cache_lifetime);
}

bool address_policy(bool is_loopback, bool is_private_or_reserved, bool allow_loopback) {
  if (is_loopback) return allow_loopback;
  return !is_private_or_reserved;
}

metadata_documents::metadata_documents(fetch_function fetch, bool allow_loopback, std::string ca_file)
    : fetch_(fetch ? std::move(fetch) : fetch_function{[](const auto& req, const auto& opts) {
        return transport::fetch(req, opts);
      }}),
      allow_loopback_(allow_loopback),
      ca_file_(std::move(ca_file)) {}

mcp::result<client, std::string> metadata_documents::resolve(const std::string& url,
                                                              std::chrono::system_clock::time_point now) {
  {
    std::lock_guard lk(mutex_);
    if (auto it = cache_.find(url); it != cache_.end() && it->second.expires > now) return it->second.c;
  }
  if (auto problem = metadata_url_problem(url, allow_loopback_)) return *problem;

  transport::client_request req;
  req.url = url;
  req.headers = {{"Accept", "application/json"}};
  transport::client_options opts;
  opts.connect_timeout = std::min(opts.connect_timeout, metadata_fetch_timeout);
  opts.total_timeout = metadata_fetch_timeout;
  // The limit counts the head too; the body limit is checked below.
  opts.max_response_bytes = max_metadata_document_bytes + 16 * 1024;
  // http:// reaches here only on a loopback host in dev mode (metadata_url_problem).
  opts.allow_http = allow_loopback_;
  opts.ca_file = ca_file_;
  opts.address_allowed = [allow = allow_loopback_](const std::string&, bool loopback, bool reserved) {
    return address_policy(loopback, reserved, allow);
  };
  auto res = fetch_(req, opts);
  if (!res) return "the client metadata document could not be fetched: " + res.error();
  if (res->status != 200)
    return "the client metadata document could not be fetched: HTTP " + std::to_string(res->status) +
           (res->status >= 300 && res->status < 400 ? " (redirects are not followed)" : "");
  if (res->body.size() > max_metadata_document_bytes)
    return std::string{"the client metadata document is larger than 64 KiB"};
  auto c = parse_metadata_document(url, res->body);
  if (!c) return c.error();

  auto lifetime = metadata_cache_lifetime(res->header("Cache-Control"));
  if (lifetime.count() > 0) {
    std::lock_guard lk(mutex_);
    if (cache_.size() >= max_cached_documents) std::erase_if(cache_, [&](const auto& e) { return e.second.expires <= now; });
    // Still full of live entries: start over rather than grow without bound.
    if (cache_.size() >= max_cached_documents) cache_.clear();
    cache_[url] = entry{*c, now + lifetime};
  }
  return c;
}

}  // namespace emulator::oauth
