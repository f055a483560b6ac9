// actors/token_verifier.cpp — the hot path (cache, inline verification) and the JWKS cache actor.
//
// Layout:
//   token_cache      the sharded verified-token cache, keyed by SipHash-128 of the token
//   core             what the verifier object and the actor share: options, the key snapshot, the
//                    cache, flags the hot path reads to decide whether the actor can help, counters
//   jwks_state       the actor: discovery, fetch, publish, refresh schedule, unknown-kid refetches
//   token_verifier   the public object
#include "actors/token_verifier.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>

#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "auth/siphash.hpp"
#include "mcp/json.hpp"

namespace actors {

namespace {

using clock = std::chrono::system_clock;
using std::chrono::seconds;

// No keys to verify with: not the token's fault, so the transport answers 503, not 401.
auth::verify_failure failure(std::string message) { return {auth::verify_error::keys_unavailable, std::move(message)}; }

// ------------------------------------------------------------------------------------------------
// verified-token cache

struct digest_hash {
  std::size_t operator()(const auth::digest128& d) const { return static_cast<std::size_t>(d.lo); }
};

class token_cache {
 public:
  static constexpr std::size_t shard_count = 16;

  explicit token_cache(std::size_t max_entries)
      : per_shard_(max_entries == 0 ? 0 : std::max<std::size_t>(1, max_entries / shard_count)) {}

  /// The claims cached for `d`, if still valid at `now`; an expired entry is evicted on the way.
  std::shared_ptr<const auth::verified_token> find(const auth::digest128& d, clock::time_point now) {
    auto& s = shard_for(d);
    {
      std::shared_lock lk(s.mu);
      auto it = s.map.find(d);
      if (it == s.map.end()) return nullptr;
      if (now < it->second.valid_until) return it->second.claims;
    }
    std::unique_lock lk(s.mu);
    auto it = s.map.find(d);
    if (it != s.map.end() && now >= it->second.valid_until) {
      s.map.erase(it);
      size_.fetch_sub(1, std::memory_order_relaxed);
    }
    return nullptr;
  }

  void insert(const auth::digest128& d, std::shared_ptr<const auth::verified_token> claims,
              clock::time_point valid_until, clock::time_point now) {
    if (per_shard_ == 0 || now >= valid_until) return;
    auto& s = shard_for(d);
    std::unique_lock lk(s.mu);
    if (s.map.size() >= per_shard_ && s.map.find(d) == s.map.end()) make_room(s, now);
    auto [it, inserted] = s.map.insert_or_assign(d, entry{std::move(claims), valid_until});
    (void)it;
    if (inserted) size_.fetch_add(1, std::memory_order_relaxed);
    if (s.map.size() == 1 || valid_until < s.earliest) s.earliest = valid_until;
  }

  std::size_t size() const { return size_.load(std::memory_order_relaxed); }

 private:
  struct entry {
    std::shared_ptr<const auth::verified_token> claims;
    clock::time_point valid_until;  ///< exp + leeway: auth::verify's own limit
  };
  struct shard {
    std::shared_mutex mu;
    std::unordered_map<auth::digest128, entry, digest_hash> map;
    clock::time_point earliest{};  ///< no entry expires before this (a lower bound)
  };

  /// A full shard: drop what expired (a scan, only when something can have expired), else one
  /// arbitrary entry — unordered_map's first element is as good as random for this purpose, and a
  /// full cache under a flood of distinct valid tokens must stay O(1) per insert.
  void make_room(shard& s, clock::time_point now) {
    if (now >= s.earliest) {
      auto before = s.map.size();
      clock::time_point earliest = clock::time_point::max();
      for (auto it = s.map.begin(); it != s.map.end();) {
        if (now >= it->second.valid_until) {
          it = s.map.erase(it);
        } else {
          earliest = std::min(earliest, it->second.valid_until);
          ++it;
        }
      }
      s.earliest = earliest;
      size_.fetch_sub(before - s.map.size(), std::memory_order_relaxed);
    }
    if (s.map.size() >= per_shard_) {
      s.map.erase(s.map.begin());
      size_.fetch_sub(1, std::memory_order_relaxed);
    }
  }

  // The shard comes from other bits than the bucket index (lo), so each shard's buckets stay full.
  shard& shard_for(const auth::digest128& d) { return shards_[d.hi % shard_count]; }

  std::size_t per_shard_;
  std::array<shard, shard_count> shards_;
  std::atomic<std::size_t> size_{0};
};

/// `max-age` of a Cache-Control value, in seconds; "no-cache"/"no-store" count as 0.
std::optional<seconds> max_age(std::string_view cc) {
  std::optional<seconds> out;
  while (!cc.empty()) {
    auto comma = cc.find(',');
    auto item = cc.substr(0, comma);
    cc = comma == std::string_view::npos ? std::string_view{} : cc.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    auto lower_eq = [](std::string_view a, std::string_view b) {
      return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == y;
             });
    };
    if (lower_eq(item, "no-cache") || lower_eq(item, "no-store")) return seconds{0};
    if (item.size() > 8 && lower_eq(item.substr(0, 8), "max-age=")) {
      auto v = item.substr(8);
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      if (v.empty()) continue;
      std::int64_t n = 0;
      bool ok = true;
      for (char c : v) {
        if (c < '0' || c > '9') {
          ok = false;
          break;
        }
        n = std::min<std::int64_t>(n * 10 + (c - '0'), 1'000'000'000);  // saturate: clamped anyway
      }
      if (ok) out = seconds{n};
    }
  }
  return out;
}

/// RFC 8414 §3.1 inserts the well-known segment between host and path; OpenID Connect Discovery
/// §4 appends it. For an issuer without a path (the common case) the first two coincide.
std::vector<std::string> discovery_urls(const std::string& issuer) {
  std::string base = issuer;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::vector<std::string> out;
  auto scheme_end = base.find("://");
  auto path_start = scheme_end == std::string::npos ? std::string::npos : base.find('/', scheme_end + 3);
  if (path_start != std::string::npos)
    out.push_back(base.substr(0, path_start) + "/.well-known/oauth-authorization-server" + base.substr(path_start));
  out.push_back(base + "/.well-known/oauth-authorization-server");
  out.push_back(base + "/.well-known/openid-configuration");
  return out;
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// core

struct token_verifier::core {
  core(options o, auth::siphash_key k) : opts(std::move(o)), key(k), cache(opts.max_cached_tokens) {}

  const options opts;
  const auth::siphash_key key;
  token_cache cache;

  // The key snapshot. A mutex-guarded pointer copy: GCC 12 has no atomic<shared_ptr>, and the
  // copy is taken only on a cache miss, next to an RSA verification that costs 1000× more.
  mutable std::mutex keys_mu;
  auth::jwk_set_ptr keys;

  std::atomic<bool> stopped{false};
  // What the hot path reads to skip a useless hop to the actor: a refetch for an unknown kid is
  // neither running nor allowed (see verify()).
  std::atomic<bool> fetching{false};
  std::atomic<bool> refetch_blocked{false};

  std::atomic<std::uint64_t> hits{0}, misses{0}, verifications{0}, refusals{0}, waited{0}, fetches{0},
      fetch_failures{0}, published{0};
  std::atomic<std::uint64_t> fetches_done{0};  // attempts finished, successful or not
  mutable std::mutex info_mu;
  std::string jwks_url;  // guarded by info_mu (written by the actor only)
  std::string last_error;

  auth::jwk_set_ptr snapshot() const {
    std::lock_guard lk(keys_mu);
    return keys;
  }
  void publish(auth::jwk_set_ptr k) {
    std::lock_guard lk(keys_mu);
    keys = std::move(k);
  }

  /// A full verification against `set`; a success is cached until exp + leeway.
  verdict verify_with(std::string_view token, const auth::digest128& d, const auth::jwk_set& set,
                      clock::time_point now) {
    verifications.fetch_add(1, std::memory_order_relaxed);
    auto r = auth::verify(token, set, opts.verify, now);
    if (!r) return std::move(r).error();
    auto claims = std::make_shared<const auth::verified_token>(std::move(r).value());
    cache.insert(d, claims, claims->expires_at + opts.verify.leeway, now);
    return claims;
  }

  auth::verify_failure no_keys() const {
    std::lock_guard lk(info_mu);
    return failure(last_error.empty() ? std::string{"no signing keys available yet"}
                                      : "no signing keys available: " + last_error);
  }

  template <class F>
  void answer(F& done, verdict v) {
    if (!v) refusals.fetch_add(1, std::memory_order_relaxed);
    done(std::move(v));
  }
};

// ------------------------------------------------------------------------------------------------
// verdict_callback

verdict_callback::~verdict_callback() {
  if (!fn_) return;
  try {
    std::exchange(fn_, nullptr)(failure("token verifier stopped"));
  } catch (...) {
    // A destructor must not throw; the caller's callback failing here has nowhere to go.
  }
}

void verdict_callback::operator()(token_verdict v) {
  if (auto fn = std::exchange(fn_, nullptr)) fn(std::move(v));
}

// ------------------------------------------------------------------------------------------------
// the JWKS cache actor

namespace {

struct jwks_state {
  jwks_cache_actor::pointer self = nullptr;
  std::shared_ptr<token_verifier::core> core;
  std::string jwks_url;                 // configured, or discovered once
  std::uint64_t refresh_generation = 0;  // only the latest scheduled refresh runs
  std::uint64_t window_generation = 0;   // only the latest refetch window closes the gate
  seconds next_retry{0};

  const token_verifier::options& opts() const { return core->opts; }

  void schedule_refresh(seconds delay) {
    self->delayed_send(self, delay, jwks_refresh{++refresh_generation});
  }

  void set_error(std::string e) {
    std::lock_guard lk(core->info_mu);
    core->last_error = std::move(e);
  }

  /// Finds jwks_uri from the issuer's metadata; an error string when that fails.
  std::optional<std::string> discover() {
    std::string errors;
    for (const auto& url : discovery_urls(opts().issuer)) {
      auto res = opts().fetch(url);
      if (!res) {
        errors += (errors.empty() ? "" : "; ") + res.error();
        continue;
      }
      if (res->status != 200) {
        errors += (errors.empty() ? "" : "; ") + url + " returned HTTP " + std::to_string(res->status);
        continue;
      }
      auto doc = mcp::json_doc::parse(res->body);
      if (!doc || !doc->root().is_object()) return "metadata at " + url + " is not a JSON object";
      // RFC 8414 §3.3: the issuer in the metadata MUST be identical to the one the URL was made
      // from, or the metadata must not be used — else one AS could impersonate another.
      auto iss = mcp::get_string(doc->root(), "issuer");
      if (!iss || *iss != opts().issuer)
        return "metadata at " + url + " names issuer " + (iss ? "\"" + std::string(*iss) + "\"" : "(none)") +
               ", not the configured \"" + opts().issuer + "\"";
      auto uri = mcp::get_string(doc->root(), "jwks_uri");
      if (!uri || uri->empty()) return "metadata at " + url + " has no jwks_uri";
      jwks_url = std::string(*uri);
      std::lock_guard lk(core->info_mu);
      core->jwks_url = jwks_url;
      return std::nullopt;
    }
    return "discovery for issuer " + opts().issuer + " failed: " + errors;
  }

  /// One fetch attempt (discovery first if needed). Publishes the new keys and schedules the next
  /// refresh on success; keeps the old snapshot and schedules a retry with backoff on failure.
  void fetch_now() {
    auto& c = *core;
    c.fetches.fetch_add(1, std::memory_order_relaxed);
    c.fetching.store(true, std::memory_order_release);
    auto err = fetch_and_publish();
    c.fetches_done.fetch_add(1, std::memory_order_acq_rel);
    c.fetching.store(false, std::memory_order_release);
    if (!err) {
      next_retry = opts().retry_min;
      return;
    }
    c.fetch_failures.fetch_add(1, std::memory_order_relaxed);
    set_error(std::move(*err));
    auto delay = std::clamp(next_retry, opts().retry_min, opts().retry_max);
    next_retry = std::min(delay * 2, opts().retry_max);
    schedule_refresh(delay);
  }

  std::optional<std::string> fetch_and_publish() {
    if (jwks_url.empty())
      if (auto err = discover()) return err;
    auto res = opts().fetch(jwks_url);
    if (!res) return "JWKS fetch from " + jwks_url + " failed: " + res.error();
    if (res->status != 200) return "JWKS fetch from " + jwks_url + " returned HTTP " + std::to_string(res->status);
    auto set = auth::jwk_set::parse(res->body);
    if (!set) return "JWKS from " + jwks_url + " refused: " + set.error().message;
    core->publish(*set);
    core->published.fetch_add(1, std::memory_order_relaxed);
    set_error({});
    // Refresh before the keys go stale: at 80% of their advertised lifetime.
    seconds ttl = opts().default_refresh;
    if (auto cc = res->header("Cache-Control"))
      if (auto age = max_age(*cc)) ttl = *age;
    ttl = std::clamp(ttl, opts().min_refresh, opts().max_refresh);
    schedule_refresh(ttl * 4 / 5);
    return std::nullopt;
  }

  void on_need_keys(jwks_need_keys& m) {
    auto& c = *core;
    if (c.stopped.load(std::memory_order_acquire)) {
      c.answer(*m.done, failure("token verifier stopped"));
      return;
    }
    auto now = opts().now();
    auto digest = auth::siphash128(c.key, m.token);
    // The snapshot may have changed since the token was sent (a fetch in between): try it first.
    std::optional<token_verdict> first;
    if (auto keys = c.snapshot()) {
      first = c.verify_with(m.token, digest, *keys, now);
      if (*first || first->error().code != auth::verify_error::unknown_kid) {
        c.answer(*m.done, std::move(*first));
        return;
      }
    }
    // A fetch that finished after this request was sent already had its chance (the request was
    // queued behind it): the verdict above stands. Otherwise one refetch, unless the window of the
    // last one is still open; it opens a window during which no other unknown kid triggers one.
    const bool fetched_since = c.fetches_done.load(std::memory_order_acquire) > m.fetches_seen;
    if (!fetched_since && !c.refetch_blocked.load(std::memory_order_acquire)) {
      c.refetch_blocked.store(true, std::memory_order_release);
      self->delayed_send(self, opts().min_refetch_interval, jwks_refetch_window_over{++window_generation});
      fetch_now();
      if (auto keys = c.snapshot()) {
        c.answer(*m.done, c.verify_with(m.token, digest, *keys, now));
        return;
      }
    }
    c.answer(*m.done, first ? std::move(*first) : token_verdict{c.no_keys()});
  }
};

using jwks_impl = jwks_cache_actor::stateful_pointer<jwks_state>;

jwks_cache_actor::behavior_type jwks_behavior(jwks_impl self, std::shared_ptr<token_verifier::core> c) {
  auto& st = self->state;
  st.self = self;
  st.core = std::move(c);
  st.jwks_url = st.core->opts.jwks_url;
  st.next_retry = st.core->opts.retry_min;
  // The first fetch is a message like every later one, so it runs on the actor's thread (and, in
  // tests, when the test coordinator says so), never inside spawn on the caller's.
  self->send(self, jwks_refresh{++st.refresh_generation});
  return {
      [self](jwks_need_keys& m) { self->state.on_need_keys(m); },
      [self](jwks_refresh r) {
        auto& st = self->state;
        if (r.generation != st.refresh_generation || st.core->stopped.load(std::memory_order_acquire)) return;
        st.fetch_now();
      },
      [self](jwks_refetch_window_over w) {
        auto& st = self->state;
        if (w.generation == st.window_generation) st.core->refetch_blocked.store(false, std::memory_order_release);
      },
  };
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// token_verifier

std::shared_ptr<token_verifier> token_verifier::make(caf::actor_system& sys, options opts) {
  if (opts.issuer.empty()) opts.issuer = opts.verify.issuer;
  if (opts.verify.issuer.empty()) opts.verify.issuer = opts.issuer;
  if (opts.issuer.empty()) throw std::invalid_argument("token_verifier: no issuer configured");
  if (!opts.now) opts.now = [] { return clock::now(); };
  if (!opts.fetch) {
    opts.fetch = [http = opts.http](const std::string& url) {
      transport::client_request req;
      req.url = url;
      req.headers = {{"Accept", "application/json"}};
      return transport::fetch(req, http);
    };
  }
  if (opts.min_refresh > opts.max_refresh) throw std::invalid_argument("token_verifier: min_refresh > max_refresh");
  if (opts.retry_min <= seconds{0} || opts.retry_min > opts.retry_max)
    throw std::invalid_argument("token_verifier: retry_min must be positive and at most retry_max");
  auto key = auth::siphash_key::random();
  if (!key) throw std::runtime_error("token_verifier: " + key.error());
  bool detached = opts.detached;
  auto c = std::make_shared<core>(std::move(opts), *key);
  {
    std::lock_guard lk(c->info_mu);
    c->jwks_url = c->opts.jwks_url;
  }
  auto actor = detached ? sys.spawn<caf::detached>(jwks_behavior, c) : sys.spawn(jwks_behavior, c);
  return std::shared_ptr<token_verifier>(new token_verifier(std::move(c), std::move(actor)));
}

token_verifier::token_verifier(std::shared_ptr<core> c, jwks_cache_actor actor)
    : core_(std::move(c)), actor_(std::move(actor)) {}

token_verifier::~token_verifier() { stop(); }

void token_verifier::verify(std::string token, std::function<void(verdict)> done) {
  auto& c = *core_;
  if (c.stopped.load(std::memory_order_acquire)) {
    c.answer(done, failure("token verifier stopped"));
    return;
  }
  const auto now = c.opts.now();
  const auto digest = auth::siphash128(c.key, token);
  if (auto hit = c.cache.find(digest, now)) {
    c.hits.fetch_add(1, std::memory_order_relaxed);
    done(verdict{std::move(hit)});
    return;
  }
  c.misses.fetch_add(1, std::memory_order_relaxed);
  // Read before the snapshot: any fetch that completes after this point counts as "since" for the
  // actor, which then re-verifies against the newer keys instead of fetching again.
  const auto fetches_seen = c.fetches_done.load(std::memory_order_acquire);
  // The actor can only help when a refetch is running (wait for it) or allowed (start one).
  const bool actor_can_help =
      c.fetching.load(std::memory_order_acquire) || !c.refetch_blocked.load(std::memory_order_acquire);
  if (auto keys = c.snapshot()) {
    auto r = c.verify_with(token, digest, *keys, now);
    if (r || r.error().code != auth::verify_error::unknown_kid || !actor_can_help) {
      c.answer(done, std::move(r));
      return;
    }
  } else if (!actor_can_help) {
    c.answer(done, c.no_keys());
    return;
  }
  c.waited.fetch_add(1, std::memory_order_relaxed);
  caf::anon_send(actor_, jwks_need_keys{std::move(token), std::make_shared<verdict_callback>(std::move(done)),
                                        fetches_seen});
}

void token_verifier::stop() {
  if (core_->stopped.exchange(true, std::memory_order_acq_rel)) return;
  // Requests still queued in the mailbox are dropped with it: their verdict_callback answers them.
  caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown);
}

token_verifier::stats_snapshot token_verifier::stats() const {
  const auto& c = *core_;
  stats_snapshot s;
  s.cache_hits = c.hits.load(std::memory_order_relaxed);
  s.cache_misses = c.misses.load(std::memory_order_relaxed);
  s.verifications = c.verifications.load(std::memory_order_relaxed);
  s.refusals = c.refusals.load(std::memory_order_relaxed);
  s.waited_for_keys = c.waited.load(std::memory_order_relaxed);
  s.fetches = c.fetches.load(std::memory_order_relaxed);
  s.fetch_failures = c.fetch_failures.load(std::memory_order_relaxed);
  s.key_sets_published = c.published.load(std::memory_order_relaxed);
  auto keys = c.snapshot();
  s.keys = keys ? keys->size() : 0;
  s.cached_tokens = c.cache.size();
  std::lock_guard lk(c.info_mu);
  s.jwks_url = c.jwks_url;
  s.last_fetch_error = c.last_error;
  return s;
}

auth::jwk_set_ptr token_verifier::keys() const { return core_->snapshot(); }

}  // namespace actors
