// admin/oauth_client.cpp — discovery, registration and the code exchange (see oauth_client.hpp).
#include "admin/oauth_client.hpp"

#include <spdlog/spdlog.h>

#include "actors/token_verifier.hpp"
#include "emulator/api.hpp"
#include "emulator/json_value.hpp"
#include "emulator/oauth/url.hpp"

namespace admin {

namespace {

using emulator::json;

std::string string_member(const json& o, std::string_view name) {
  const json* v = o.find(name);
  return v && v->is_string() ? v->as_string() : std::string{};
}

// RFC 8414 §3: the well-known path goes between the host and the issuer's path.
std::vector<std::string> metadata_urls(const std::string& issuer) {
  std::vector<std::string> out;
  auto parts = emulator::oauth::parse_url(issuer);
  std::string path = parts ? parts->path : "";
  if (!path.empty() && path.back() == '/') path.pop_back();
  auto origin = emulator::oauth::origin_of(issuer);
  out.push_back(origin + "/.well-known/oauth-authorization-server" + path);
  std::string base = issuer;
  if (!base.empty() && base.back() == '/') base.pop_back();
  out.push_back(base + "/.well-known/openid-configuration");
  return out;
}

}  // namespace

mcp::result<server_metadata, std::string> discover(const std::string& issuer, const transport::client_options& http) {
  std::string problems;
  for (const auto& url : metadata_urls(issuer)) {
    auto r = transport::fetch({"GET", url, {{"Accept", "application/json"}}, ""}, http);
    if (!r) {
      problems += url + ": " + r.error() + "; ";
      continue;
    }
    if (r->status != 200) {
      problems += url + ": HTTP " + std::to_string(r->status) + "; ";
      continue;
    }
    auto doc = json::parse(r->body);
    if (!doc || !doc->is_object()) {
      problems += url + ": not a JSON object; ";
      continue;
    }
    server_metadata m;
    m.issuer = string_member(*doc, "issuer");
    if (m.issuer != issuer) return std::string{"the metadata at " + url + " names another issuer (" + m.issuer + ")"};
    m.authorization_endpoint = string_member(*doc, "authorization_endpoint");
    m.token_endpoint = string_member(*doc, "token_endpoint");
    m.registration_endpoint = string_member(*doc, "registration_endpoint");
    m.iss_parameter_supported = (*doc)["authorization_response_iss_parameter_supported"].as_bool(false);
    if (m.authorization_endpoint.empty() || m.token_endpoint.empty())
      return std::string{"the metadata at " + url + " lacks the authorization or token endpoint"};
    return m;
  }
  return std::string{"no authorization server metadata: " + problems};
}

mcp::result<registered_client, std::string> register_client(const std::string& registration_endpoint, const std::string& redirect_uri,
                                                      const transport::client_options& http) {
  json body = json::object();
  body.set("client_name", "WorkOS MCP admin page");
  json uris = json::array();
  uris.as_array().emplace_back(redirect_uri);
  body.set("redirect_uris", std::move(uris));
  json grants = json::array();
  grants.as_array().emplace_back("authorization_code");
  body.set("grant_types", std::move(grants));
  body.set("token_endpoint_auth_method", "none");
  body.set("application_type", "web");
  auto r = transport::fetch({"POST", registration_endpoint, {{"Content-Type", "application/json"}, {"Accept", "application/json"}}, body.dump()},
                            http);
  if (!r) return std::string{"registration failed: " + r.error()};
  auto doc = json::parse(r->body);
  if (r->status != 201 && r->status != 200) {
    std::string why = doc && doc->is_object() ? string_member(*doc, "error_description") : "";
    return std::string{"registration refused: HTTP " + std::to_string(r->status) + (why.empty() ? "" : " (" + why + ")")};
  }
  auto id = doc && doc->is_object() ? string_member(*doc, "client_id") : "";
  if (id.empty()) return std::string{"registration answered without a client_id"};
  return registered_client{id};
}

token_exchanger::token_exchanger(options o, std::shared_ptr<actors::token_verifier> verifier)
    : opt_(std::move(o)), verifier_(std::move(verifier)), worker_([this] { run(); }) {}

token_exchanger::~token_exchanger() { stop(); }

code_exchange token_exchanger::function_of(std::shared_ptr<token_exchanger> self) {
  return [self](std::string code, std::string verifier, std::string redirect_uri,
                std::function<void(mcp::result<signed_in_person, std::string>)> done) {
    self->enqueue({std::move(code), std::move(verifier), std::move(redirect_uri), std::move(done)});
  };
}

void token_exchanger::enqueue(job j) {
  {
    std::lock_guard lk(mutex_);
    if (!stopping_) {
      queue_.push_back(std::move(j));
      wake_.notify_one();
      return;
    }
  }
  j.done(std::string{"the server is stopping"});
}

void token_exchanger::stop() {
  {
    std::lock_guard lk(mutex_);
    if (stopping_ && !worker_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable() && worker_.get_id() != std::this_thread::get_id()) worker_.join();
}

void token_exchanger::run() {
  for (;;) {
    job j;
    {
      std::unique_lock lk(mutex_);
      wake_.wait(lk, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      j = std::move(queue_.front());
      queue_.pop_front();
      if (stopping_) {
        lk.unlock();
        j.done(std::string{"the server is stopping"});
        continue;
      }
    }
    exchange(j);
  }
}

void token_exchanger::exchange(job& j) {
  std::vector<std::pair<std::string, std::string>> params = {{"grant_type", "authorization_code"},
                                                             {"code", j.code},
                                                             {"redirect_uri", j.redirect_uri},
                                                             {"code_verifier", j.verifier},
                                                             {"client_id", opt_.client_id},
                                                             {"resource", opt_.resource}};
  if (!opt_.client_secret.empty()) params.emplace_back("client_secret", opt_.client_secret);
  std::string body;
  for (const auto& [k, v] : params) body += (body.empty() ? "" : "&") + k + "=" + emulator::url_encode(v);
  auto r = transport::fetch({"POST", opt_.token_endpoint,
                             {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}}, body},
                            opt_.http);
  if (!r) return j.done(std::string{"the authorization server could not be reached"});
  auto doc = json::parse(r->body);
  if (r->status != 200 || !doc || !doc->is_object()) {
    std::string why = doc && doc->is_object() ? string_member(*doc, "error") : "";
    return j.done(std::string{"the authorization server refused the code (HTTP " + std::to_string(r->status) +
                              (why.empty() ? "" : ", " + why) + ")"});
  }
  auto token = string_member(*doc, "access_token");
  if (token.empty()) return j.done(std::string{"the authorization server answered without an access token"});
  auto client_id = opt_.client_id;
  auto done = std::move(j.done);
  verifier_->verify(std::move(token), [client_id, done](actors::token_verifier::verdict v) {
    if (!v) {
      spdlog::warn("admin: the access token from the code exchange was refused: {}", v.error().message);
      return done(std::string{"the access token did not verify"});
    }
    const auth::verified_token& t = **v;
    // A token minted for another client (a code injected from elsewhere) is not a sign-in here.
    if (!t.client_id.empty() && t.client_id != client_id) return done(std::string{"the access token was issued to another client"});
    done(signed_in_person{t.subject, std::chrono::system_clock::time_point{t.expires_at}});
  });
}

}  // namespace admin
