// tests/emulator_core/oauth_driver.hpp — a scripted OAuth client and browser for the authorization
// server tests: registration, PKCE, authorize → sign-in → consent, token requests, with a one-cookie
// jar. It talks through a `sender`, so the same script drives the real service over HTTP
// (oauth_test.cpp) and the server object directly with a fake clock (oauth_units_test.cpp).
#pragma once

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "control/crypto.hpp"
#include "emulator/api.hpp"
#include "emulator/json_value.hpp"
#include "emulator/oauth/url.hpp"
#include "transport/http.hpp"

namespace oauth_test {

using headers = std::vector<std::pair<std::string, std::string>>;

struct answer {
  unsigned status = 0;
  headers head;
  std::string body;

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : head)
      if (transport::iequals(k, name)) return v;
    return std::nullopt;
  }
  emulator::json json() const { return emulator::json::parse(body).value_or(emulator::json{}); }
  /// The query parameters of the Location header (a redirect to the client).
  std::map<std::string, std::string> redirect_params() const {
    std::map<std::string, std::string> out;
    auto loc = header("Location").value_or("");
    auto q = loc.find('?');
    if (q == std::string::npos) return out;
    for (auto& [k, v] : emulator::oauth::parse_form(loc.substr(q + 1))) out.emplace(k, v);
    return out;
  }
  /// The value of the hidden input `name` on an HTML page; empty when absent.
  std::string hidden(std::string_view name) const {
    auto marker = "name=\"" + std::string{name} + "\" value=\"";
    auto at = body.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    return body.substr(at, body.find('"', at) - at);
  }
};

/// One request: method, path with query, headers, body.
using sender = std::function<answer(const std::string& method, const std::string& target, const headers& h,
                                    const std::string& body)>;

struct pkce {
  std::string verifier, challenge;
  static pkce make() {
    unsigned char bytes[32];
    control::crypto::random_bytes(bytes, sizeof bytes);
    pkce p;
    p.verifier = control::crypto::to_base64url({reinterpret_cast<const char*>(bytes), sizeof bytes});
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(p.verifier.data(), p.verifier.size(), md, &len, EVP_sha256(), nullptr);
    p.challenge = control::crypto::to_base64url({reinterpret_cast<const char*>(md), len});
    return p;
  }
};

inline std::string form_encode(const headers& fields) {
  std::string out;
  for (const auto& [k, v] : fields)
    out += (out.empty() ? "" : "&") + emulator::url_encode(k) + "=" + emulator::url_encode(v);
  return out;
}

/// A browser-and-client script against one authorization server.
class driver {
 public:
  driver(sender send, std::string resource) : send_(std::move(send)), resource_(std::move(resource)) {}

  std::string cookie;  ///< "name=value" of the session cookie, once signed in
  const std::string& resource() const { return resource_; }

  answer get(const std::string& target, const headers& h = {}) { return send_("GET", target, with_cookie(h), ""); }
  answer post_form(const std::string& path, const headers& fields, headers h = {}) {
    h.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return send_("POST", path, with_cookie(h), form_encode(fields));
  }
  answer post_json(const std::string& path, const emulator::json& body, headers h = {}) {
    h.emplace_back("Content-Type", "application/json");
    return send_("POST", path, h, body.dump());
  }

  /// DCR; returns the answer (client_id in its JSON).
  answer register_client(const std::string& redirect_uri, const std::string& method = "none",
                         const std::string& name = "Test client") {
    emulator::json b = emulator::json::object();
    b.set("client_name", name);
    b.set("redirect_uris", emulator::json{emulator::json_array{emulator::json{redirect_uri}}});
    b.set("grant_types", emulator::json{emulator::json_array{emulator::json{"authorization_code"},
                                                             emulator::json{"refresh_token"}}});
    b.set("response_types", emulator::json{emulator::json_array{emulator::json{"code"}}});
    b.set("token_endpoint_auth_method", method);
    return post_json("/oauth2/register", b);
  }

  /// The authorize target with the usual parameters; `overrides` replace them, or remove them
  /// ("-name"), or add a second value ("+name").
  std::string authorize_target(const std::string& client_id, const std::string& redirect_uri, const pkce& p,
                               const headers& overrides = {}) {
    headers q = {{"response_type", "code"},       {"client_id", client_id},
                 {"redirect_uri", redirect_uri},   {"code_challenge", p.challenge},
                 {"code_challenge_method", "S256"}, {"resource", resource_},
                 {"scope", "mcp"},                 {"state", "st-123"}};
    for (const auto& [k, v] : overrides) {
      bool remove = !k.empty() && k[0] == '-', add = !k.empty() && k[0] == '+';
      auto name = remove || add ? k.substr(1) : k;
      if (!add) std::erase_if(q, [&](const auto& kv) { return kv.first == name; });
      if (!remove) q.emplace_back(name, v);
    }
    return "/oauth2/authorize?" + form_encode(q);
  }

  answer sign_in(const std::string& request_id, const std::string& email, const std::string& password) {
    auto a = post_form("/oauth2/sign-in", {{"request", request_id}, {"email", email}, {"password", password}});
    if (auto sc = a.header("Set-Cookie")) cookie = sc->substr(0, sc->find(';'));
    return a;
  }

  answer consent(const answer& page, const std::string& decision, headers h = {}) {
    return post_form("/oauth2/consent",
                     {{"request", page.hidden("request")}, {"csrf_token", page.hidden("csrf_token")}, {"decision", decision}},
                     std::move(h));
  }

  /// authorize → (sign in) → approve; the redirect's parameters.
  std::map<std::string, std::string> approve(const std::string& client_id, const std::string& redirect_uri, const pkce& p,
                                             const std::string& email, const std::string& password,
                                             const headers& overrides = {}) {
    auto page = get(authorize_target(client_id, redirect_uri, p, overrides));
    EXPECT_EQ(page.status, 200u) << page.body;
    if (page.body.find("id=\"approve\"") == std::string::npos) {
      page = sign_in(page.hidden("request"), email, password);
      EXPECT_EQ(page.status, 200u) << page.body;
    }
    auto done = consent(page, "approve");
    EXPECT_EQ(done.status, 302u) << done.body;
    return done.redirect_params();
  }

  answer exchange(const std::string& code, const std::string& client_id, const std::string& redirect_uri,
                  const std::string& verifier, headers extra = {}, headers h = {}) {
    headers f = {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect_uri},
                 {"code_verifier", verifier}, {"resource", resource_}};
    if (!client_id.empty()) f.emplace_back("client_id", client_id);
    merge(f, std::move(extra));
    return send_("POST", "/oauth2/token", with_type(std::move(h)), form_encode(f));
  }

  answer refresh(const std::string& refresh_token, const std::string& client_id, headers extra = {}) {
    headers f = {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}, {"client_id", client_id}};
    merge(f, std::move(extra));
    return send_("POST", "/oauth2/token", with_type({}), form_encode(f));
  }

 private:
  // `extra` fields replace fields of the same name.
  static void merge(headers& f, headers extra) {
    for (auto& [k, v] : extra) {
      std::erase_if(f, [&](const auto& kv) { return kv.first == k; });
      f.emplace_back(std::move(k), std::move(v));
    }
  }
  headers with_cookie(headers h) const {
    if (!cookie.empty()) h.emplace_back("Cookie", cookie);
    return h;
  }
  static headers with_type(headers h) {
    h.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return h;
  }
  sender send_;
  std::string resource_;
};

}  // namespace oauth_test
