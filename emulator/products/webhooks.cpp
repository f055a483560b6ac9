// emulator/products/webhooks.cpp — Webhook endpoints (4 spec operations) and the delivery of
// committed events to them.
//
// Delivery: for every enabled endpoint of the environment subscribed to an event (an empty
// subscription list means every event), the event JSON is POSTed with
//   WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// from one background thread fed by a queue: the request that emitted the event has already
// been answered and never waits for it. Plain http:// only (the emulator is a local tool;
// https endpoints are logged and skipped), a 5-second budget per delivery, no retries, every
// failure logged. The thread exists from the first delivery on and is joined at process exit.
#include <fcntl.h>
#include <netdb.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "emulator/products.hpp"
#include "emulator/products/platform.hpp"

namespace emulator::products {

namespace {

using namespace platform;

constexpr std::string_view endpoint_type = "webhook_endpoint";

// The event types an endpoint may subscribe to (spec v0.61.0, CreateWebhookEndpointDto).
constexpr std::string_view event_types[] = {
    "agent.registration.created", "agent.registration.claim.attempt.created", "agent.registration.claim.completed",
    "agent.registration.credential.issued", "agent.registration.deleted", "agent.registration.refreshed",
    "agent.registration.expired", "agent.registration.organization.switched", "agent.registration.revoked",
    "authentication.email_verification_succeeded", "authentication.magic_auth_failed",
    "authentication.magic_auth_succeeded", "authentication.mfa_succeeded", "authentication.oauth_failed",
    "authentication.oauth_succeeded", "authentication.password_failed", "authentication.password_succeeded",
    "authentication.passkey_failed", "authentication.passkey_succeeded", "authentication.sso_failed",
    "authentication.sso_started", "authentication.sso_succeeded", "authentication.sso_timed_out",
    "radar.challenge_created", "authentication.radar_risk_detected", "authentication.reauthentication_succeeded",
    "api_key.created", "api_key.revoked", "api_key.updated", "connection.activated", "connection.deactivated",
    "connection.saml_certificate_renewal_required", "connection.saml_certificate_renewed", "connection.deleted",
    "dsync.activated", "dsync.deleted", "dsync.group.created", "dsync.group.deleted", "dsync.group.updated",
    "dsync.group.user_added", "dsync.group.user_removed", "dsync.user.created", "dsync.user.deleted",
    "dsync.user.updated", "email_verification.created", "group.created", "group.deleted", "group.member_added",
    "group.member_removed", "group.updated", "flag.created", "flag.deleted", "flag.updated", "flag.rule_updated",
    "invitation.accepted", "invitation.created", "invitation.resent", "invitation.revoked", "magic_auth.created",
    "organization.created", "organization.deleted", "organization.updated", "organization_domain.created",
    "organization_domain.deleted", "organization_domain.updated", "organization_domain.verified",
    "organization_domain.verification_failed", "password_reset.created", "password_reset.succeeded", "user.created",
    "user.updated", "user.deleted", "organization_membership.created", "organization_membership.deleted",
    "organization_membership.updated", "role.created", "role.deleted", "role.updated", "organization_role.created",
    "organization_role.deleted", "organization_role.updated", "permission.created", "permission.deleted",
    "permission.updated", "pipes.connected_account.connected", "pipes.connected_account.connection_failed",
    "pipes.connected_account.disconnected", "pipes.connected_account.reauthorization_needed", "session.created",
    "session.revoked", "waitlist_user.approved", "waitlist_user.created", "waitlist_user.denied"};

// ----- endpoints ---------------------------------------------------------------------------------

std::optional<reply> check_events(const json& events) {
  json errors = json::array();
  for (const auto& e : events.as_array()) {
    bool known = e.is_string() && std::find(std::begin(event_types), std::end(event_types), e.as_string()) != std::end(event_types);
    if (known) continue;
    json item = json::object();
    item.set("code", "unknown_event_type");
    item.set("message", "Invalid enum value: " + (e.is_string() ? "'" + e.as_string() + "'" : e.dump()) + ".");
    errors.as_array().push_back(std::move(item));
  }
  if (errors.as_array().empty()) return std::nullopt;
  json body = json::object();
  body.set("code", "invalid_request_parameters");
  body.set("message", "Validation failed.");
  body.set("errors", std::move(errors));
  return reply{422, std::move(body), false};
}

std::optional<reply> check_url(const std::string& url) {
  auto scheme_end = url.find("://");
  auto scheme = url.substr(0, scheme_end == std::string::npos ? 0 : scheme_end);
  bool ok = (scheme == "https" || scheme == "http") && url.size() > scheme.size() + 3 && url.size() <= 2048 &&
            url.find_first_of("/?#", scheme.size() + 3) != scheme.size() + 3 &&
            std::none_of(url.begin(), url.end(), [](char ch) { return std::isspace(static_cast<unsigned char>(ch)) != 0; });
  if (ok) return std::nullopt;
  return error(422, "invalid_url", "The endpoint URL must be an absolute http(s) URL.");
}

std::optional<reply> check_duplicate(call& c, const std::string& url, std::string_view self) {
  for (const auto& e : c.db.all(c.env, endpoint_type))
    if (e["endpoint_url"].as_string() == url && e["id"].as_string() != self)
      return error(409, "duplicate_endpoint", "A Webhook Endpoint with the same endpoint URL already exists.");
  return std::nullopt;
}

reply create_endpoint(call& c) {
  if (auto bad = validate(c.body, {{"endpoint_url", field_rule::string, true}, {"events", field_rule::array, true}})) return *bad;
  const auto& url = c.body["endpoint_url"].as_string();
  if (auto bad = check_url(url)) return *bad;
  if (auto bad = check_events(c.body["events"])) return *bad;
  if (auto conflict = check_duplicate(c, url, "")) return *conflict;
  json e = json::object();
  auto id = new_id("we");
  auto now = now_iso();
  e.set("object", "webhook_endpoint");
  e.set("id", id);
  e.set("endpoint_url", url);
  e.set("secret", planted_secret("whsec_"));
  e.set("status", "enabled");
  e.set("events", c.body["events"]);
  e.set("created_at", now);
  e.set("updated_at", now);
  c.db.put(c.env, endpoint_type, id, e);
  return reply::created(std::move(e));
}

reply list_endpoints(call& c) { return paginate(c, c.db.all(c.env, endpoint_type)); }

reply update_endpoint(call& c) {
  auto e = c.db.get(c.env, endpoint_type, c.param("id"));
  if (!e) return not_found("Webhook Endpoint", c.param("id"));
  if (auto bad = validate(c.body, {{"endpoint_url", field_rule::string}, {"status", field_rule::string}, {"events", field_rule::array}}))
    return *bad;
  if (c.body["endpoint_url"].is_string()) {
    const auto& url = c.body["endpoint_url"].as_string();
    if (auto bad = check_url(url)) return *bad;
    if (auto conflict = check_duplicate(c, url, c.param("id"))) return *conflict;
    e->set("endpoint_url", url);
  }
  if (c.body["status"].is_string()) {
    const auto& status = c.body["status"].as_string();
    if (status != "enabled" && status != "disabled")
      return unprocessable({{"status", "invalid"}}, "status must be enabled or disabled.");
    e->set("status", status);
  }
  if (c.body["events"].is_array()) {
    if (auto bad = check_events(c.body["events"])) return *bad;
    e->set("events", c.body["events"]);
  }
  e->set("updated_at", now_iso());
  c.db.put(c.env, endpoint_type, c.param("id"), *e);
  return reply::ok(std::move(*e));
}

reply delete_endpoint(call& c) {
  if (!c.db.get(c.env, endpoint_type, c.param("id"))) return not_found("Webhook Endpoint", c.param("id"));
  c.db.remove(c.env, c.param("id"));
  return reply::no_content();
}

// ----- delivery ----------------------------------------------------------------------------------

struct delivery {
  std::string url, secret, body, event_id, event_type;
};

struct http_target {
  std::string host, port, authority, path;
};

std::optional<http_target> parse_http_url(std::string_view url) {
  if (url.substr(0, 7) != "http://") return std::nullopt;
  auto rest = url.substr(7);
  auto end = rest.find_first_of("/?#");
  http_target t;
  t.authority = std::string{rest.substr(0, end)};
  t.path = end == std::string_view::npos ? "/" : std::string{rest.substr(end)};
  if (auto hash = t.path.find('#'); hash != std::string::npos) t.path.erase(hash);
  if (t.path.empty() || t.path.front() != '/') t.path.insert(0, "/");
  std::string_view a = t.authority;
  if (a.find('@') != std::string_view::npos) return std::nullopt;
  t.port = "80";
  if (!a.empty() && a.front() == '[') {
    auto close = a.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    t.host = std::string{a.substr(1, close - 1)};
    if (close + 1 < a.size()) {
      if (a[close + 1] != ':') return std::nullopt;
      t.port = std::string{a.substr(close + 2)};
    }
  } else {
    auto colon = a.rfind(':');
    t.host = std::string{a.substr(0, colon)};
    if (colon != std::string_view::npos) t.port = std::string{a.substr(colon + 1)};
  }
  if (t.host.empty() || t.port.empty() ||
      !std::all_of(t.port.begin(), t.port.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return std::nullopt;
  return t;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), md, &len);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(digits[md[i] >> 4]);
    out.push_back(digits[md[i] & 15]);
  }
  return out;
}

// One thread, one FIFO queue. Its destructor (at process exit, as a function-local static)
// stops it: a wake-up file descriptor interrupts a delivery in flight, and what is still
// queued is dropped.
class deliverer {
 public:
  deliverer() : wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)), thread_([this] { run(); }) {}
  ~deliverer() {
    {
      std::lock_guard lk(m_);
      stop_ = true;
    }
    cv_.notify_all();
    if (wake_ >= 0) {
      std::uint64_t one = 1;
      [[maybe_unused]] auto n = ::write(wake_, &one, sizeof one);
    }
    thread_.join();
    if (wake_ >= 0) ::close(wake_);
  }
  deliverer(const deliverer&) = delete;
  deliverer& operator=(const deliverer&) = delete;

  void push(std::vector<delivery> jobs) {
    std::size_t dropped = 0;
    {
      std::lock_guard lk(m_);
      for (auto& j : jobs) {
        if (q_.size() >= max_queued) ++dropped;
        else q_.push_back(std::move(j));
      }
    }
    cv_.notify_one();
    if (dropped) spdlog::warn("emulator: webhook queue full, {} deliveries dropped", dropped);
  }

 private:
  static constexpr std::size_t max_queued = 10000;
  static constexpr std::chrono::seconds budget{5};

  void run() {
    for (;;) {
      delivery d;
      {
        std::unique_lock lk(m_);
        cv_.wait(lk, [&] { return stop_ || !q_.empty(); });
        if (stop_) return;
        d = std::move(q_.front());
        q_.pop_front();
      }
      std::string why;
      int status = -1;
      try {
        status = post(d, why);
      } catch (const std::exception& e) {
        why = e.what();
      }
      if (status >= 200 && status < 300) {
        spdlog::debug("emulator: webhook {} ({}) delivered to {} ({})", d.event_id, d.event_type, d.url, status);
      } else {
        if (status > 0) why = "HTTP " + std::to_string(status);
        spdlog::warn("emulator: webhook {} ({}) to {} failed: {}", d.event_id, d.event_type, d.url, why);
      }
    }
  }

  // Waits until `fd` is ready for `events`; false on timeout or when the process is stopping.
  bool wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline, std::string& why) {
    pollfd p[2] = {{fd, events, 0}, {wake_, POLLIN, 0}};
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) {
        why = "timed out";
        return false;
      }
      int rc = ::poll(p, 2, static_cast<int>(left));
      if (rc < 0) {
        if (errno == EINTR) continue;
        why = std::strerror(errno);
        return false;
      }
      if (p[1].revents) {
        why = "emulator stopping";
        return false;
      }
      if (rc > 0) return true;
    }
  }

  // Answers the HTTP status, or -1 with `why`.
  int post(const delivery& d, std::string& why) {
    auto t = parse_http_url(d.url);
    if (!t) {
      why = "the emulator delivers to plain http:// endpoints only";
      return -1;
    }
    auto deadline = std::chrono::steady_clock::now() + budget;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(t->host.c_str(), t->port.c_str(), &hints, &found); rc != 0) {
      why = ::gai_strerror(rc);
      return -1;
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
    int fd = -1;
    for (auto* ai = found; ai && fd < 0; ai = ai->ai_next) {
      int s = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
      if (s < 0) continue;
      if (::connect(s, ai->ai_addr, ai->ai_addrlen) == 0) {
        fd = s;
        break;
      }
      if (errno == EINPROGRESS && wait_for(s, POLLOUT, deadline, why)) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err == 0) {
          fd = s;
          break;
        }
        why = std::strerror(err);
      } else if (why.empty()) {
        why = std::strerror(errno);
      }
      ::close(s);
    }
    if (fd < 0) {
      if (why.empty()) why = "cannot connect";
      return -1;
    }
    std::unique_ptr<int, void (*)(int*)> closer(&fd, [](int* p) { ::close(*p); });

    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto stamp = std::to_string(ms);
    std::string signed_text;
    signed_text.reserve(stamp.size() + 1 + d.body.size());
    signed_text.append(stamp).append(".").append(d.body);
    std::string request = "POST " + t->path + " HTTP/1.1\r\nHost: " + t->authority +
                          "\r\nUser-Agent: WorkOS-Emulator-Webhooks/1\r\nContent-Type: application/json\r\nContent-Length: " +
                          std::to_string(d.body.size()) + "\r\nWorkOS-Signature: t=" + stamp +
                          ", v1=" + hmac_sha256_hex(d.secret, signed_text) + "\r\nConnection: close\r\n\r\n" + d.body;
    std::size_t sent = 0;
    while (sent < request.size()) {
      auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        if (!wait_for(fd, POLLOUT, deadline, why)) return -1;
      } else {
        why = n < 0 ? std::strerror(errno) : "connection closed";
        return -1;
      }
    }
    // The status line is all we need.
    std::string head;
    char buf[1024];
    while (head.find("\r\n") == std::string::npos && head.size() < 8192) {
      auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) {
        head.append(buf, static_cast<std::size_t>(n));
      } else if (n == 0) {
        break;
      } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
        if (!wait_for(fd, POLLIN, deadline, why)) return -1;
      } else {
        why = std::strerror(errno);
        return -1;
      }
    }
    if (head.rfind("HTTP/1.", 0) != 0 || head.size() < 12) {
      why = "no HTTP answer";
      return -1;
    }
    int status = 0;
    for (std::size_t i = 9; i < 12; ++i) {
      if (head[i] < '0' || head[i] > '9') {
        why = "malformed HTTP status line";
        return -1;
      }
      status = status * 10 + (head[i] - '0');
    }
    return status;
  }

  int wake_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<delivery> q_;
  bool stop_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

deliverer& worker() {
  static deliverer d;
  return d;
}

}  // namespace

namespace platform {

void register_webhooks(api& a) {
  a.add("GET", "/webhook_endpoints", list_endpoints);
  a.add("POST", "/webhook_endpoints", create_endpoint);
  a.add("PATCH", "/webhook_endpoints/{id}", update_endpoint);
  a.add("DELETE", "/webhook_endpoints/{id}", delete_endpoint);
}

}  // namespace platform

// Reads the subscribed endpoints (one short read-only transaction), then hands the POSTs to
// the delivery thread.
void deliver_webhooks(store& db, const std::string& env, std::vector<json> events) {
  if (events.empty() || env.empty()) return;
  std::vector<delivery> jobs;
  try {
    db.transact([&](tx& t) {
      auto endpoints = t.all(env, endpoint_type);
      for (const auto& ev : events) {
        std::string body;
        const auto& type = ev["event"].as_string();
        for (const auto& ep : endpoints) {
          if (ep["status"].as_string() != "enabled") continue;
          const json& subs = ep["events"];
          bool subscribed = !subs.is_array() || subs.as_array().empty() ||
                            std::any_of(subs.as_array().begin(), subs.as_array().end(),
                                        [&](const json& s) { return s.as_string() == type; });
          if (!subscribed) continue;
          if (body.empty()) body = ev.dump();
          jobs.push_back({ep["endpoint_url"].as_string(), ep["secret"].as_string(), body, ev["id"].as_string(), type});
        }
      }
      return false;  // read only
    });
  } catch (const std::exception& e) {
    spdlog::warn("emulator: cannot read webhook endpoints: {}", e.what());
    return;
  }
  if (!jobs.empty()) worker().push(std::move(jobs));
}

}  // namespace emulator::products
