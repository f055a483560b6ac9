// actors/token_verifier.hpp — bearer token → verified claims, with the verified-token cache and the
// JWKS cache (DESIGN §3: "token_verifier turns the bearer token into a principal, cached until expiry").
//
// Two parts, because the hot path must not hop threads (≈25 µs per Asio↔CAF hop):
//  * `token_verifier` (this class) answers on the caller's thread whenever it can: a cache hit, or
//    a full auth::verify() against the current key snapshot. It is thread-safe and lock-light: the
//    verified-token cache is 16 shards under shared mutexes, keyed by a SipHash-2-4 128-bit digest of
//    the token under a random per-process key (the token itself is never kept).
//  * the JWKS cache actor (`jwks_cache_actor`, spawned detached because fetching blocks) owns
//    discovery, fetching, the refresh schedule and the key snapshot it publishes to the hot path. A
//    verification goes to it only when it needs keys the snapshot lacks: an unknown `kid`, or no keys
//    yet. It then refetches — at most once per `min_refetch_interval`; requests that arrive during a
//    fetch queue behind it in the mailbox — and re-verifies each waiting token exactly once.
//
// Refresh schedule: after a successful fetch, the next one is due at 80% of the response's
// `Cache-Control: max-age` (default 5 min when absent, clamped to [min_refresh, max_refresh]), so
// keys are renewed before they go stale. A failed fetch keeps the old snapshot and retries with
// exponential backoff (retry_min … retry_max).
//
// What is cached: successes only, until the token's `exp` plus the leeway auth::verify allows, at
// most `max_cached_tokens`. Failures are not cached: an attacker varies tokens for free, so a
// failure cache would not slow a flood, and a cached `unknown_kid` would outlive a key rotation.
// A cached entry is served only for the byte-identical token (same 128-bit keyed digest), so a
// tampered token — even one that reuses a cached token's signature — misses and is fully verified.
//
// Threading: verify(), stats() and keys() may be called from any thread. `done` is called exactly
// once: inline on the caller's thread, or later on the actor's thread; after stop() (or if the
// actor dies with the request queued) with a failure. Never call verify() while holding a lock
// that `done` takes.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/typed_actor.hpp>

#include "auth/jwks.hpp"
#include "auth/jwt.hpp"
#include "mcp/errors.hpp"
#include "transport/http_client.hpp"

namespace actors {

/// The outcome of one verification: the verified claims (shared, immutable: the cache and every
/// caller hold the same object) or why the token was refused.
using token_verdict = mcp::result<std::shared_ptr<const auth::verified_token>, auth::verify_failure>;

/// Calls a verification's `done` at most once, and with a failure from its destructor if nobody
/// did — so a request queued in a mailbox that is dropped (stop, actor death) is still answered.
class verdict_callback {
 public:
  explicit verdict_callback(std::function<void(token_verdict)> fn) : fn_(std::move(fn)) {}
  ~verdict_callback();
  verdict_callback(const verdict_callback&) = delete;
  verdict_callback& operator=(const verdict_callback&) = delete;
  void operator()(token_verdict v);

 private:
  std::function<void(token_verdict)> fn_;
};

// ---- the JWKS cache actor's messages (local only; see token_verifier.cpp for the handlers) ----

/// A verification that needs keys the snapshot lacks (unknown `kid`, or no keys yet).
struct jwks_need_keys {
  std::string token;
  std::shared_ptr<verdict_callback> done;
  /// Fetches completed when it was sent: if one completed since, the token is re-verified against
  /// that fetch's keys and does not cause another (it "waited for the fetch in flight").
  std::uint64_t fetches_seen = 0;
};
/// Timer: a scheduled refresh or retry; ignored unless `generation` is the latest scheduled one.
struct jwks_refresh {
  std::uint64_t generation = 0;
};
/// Timer: the unknown-`kid` refetch window that began at fetch `generation` is over.
struct jwks_refetch_window_over {
  std::uint64_t generation = 0;
};

using jwks_cache_actor = caf::typed_actor<
    caf::reacts_to<jwks_need_keys>,             // refetch if allowed, re-verify once, answer
    caf::reacts_to<jwks_refresh>,               // background refresh or retry after a failure
    caf::reacts_to<jwks_refetch_window_over>>;  // internal: unknown-kid refetches allowed again

class token_verifier {
 public:
  using verdict = token_verdict;
  /// One HTTP GET of `url`: the response (any status) or a transport error.
  using fetch_fn = std::function<mcp::result<transport::client_response, std::string>(const std::string& url)>;

  struct options {
    /// Issuer, audience, leeway, algorithms… `verify.issuer` empty: taken from `issuer`.
    auth::verify_options verify;
    /// The authorization server's issuer identifier (discovery base, and `iss` to expect).
    std::string issuer;
    /// The JWKS URL; empty: discovered from `issuer` (RFC 8414, then OpenID Connect discovery).
    std::string jwks_url;
    /// For the default fetch (transport::fetch). Ignored when `fetch` is set.
    transport::client_options http;
    /// Unknown-`kid` refetches happen at most once per this interval.
    std::chrono::seconds min_refetch_interval{10};
    /// Verified tokens kept at most (over all shards; at least one per shard, so ≥ 16 when set).
    /// 0 disables the cache.
    std::size_t max_cached_tokens = 100000;
    /// Refresh period when the JWKS response has no max-age, and the clamp for one that has.
    std::chrono::seconds default_refresh{300};
    std::chrono::seconds min_refresh{60};
    std::chrono::seconds max_refresh{24 * 3600};
    /// Backoff after a failed fetch: doubles from retry_min up to retry_max.
    std::chrono::seconds retry_min{5};
    std::chrono::seconds retry_max{300};
    /// Injectable for tests; default: transport::fetch with `http`.
    fetch_fn fetch;
    /// Wall clock for token validity (exp/nbf/iat) — injectable for tests; default system_clock.
    std::function<std::chrono::system_clock::time_point()> now;
    /// Spawn the actor detached (its own thread: fetching blocks). Tests on CAF's deterministic
    /// test coordinator set false, since a detached actor always runs on a thread of its own.
    bool detached = true;
  };

  /// Counters for logs and metrics; a consistent-enough snapshot (each field read atomically).
  struct stats_snapshot {
    std::uint64_t cache_hits = 0;       ///< answered from the verified-token cache
    std::uint64_t cache_misses = 0;     ///< not in the cache (or expired there)
    std::uint64_t verifications = 0;    ///< full auth::verify() runs (signature included, if reached)
    std::uint64_t refusals = 0;         ///< verdicts that were failures
    std::uint64_t waited_for_keys = 0;  ///< verifications handed to the actor
    std::uint64_t fetches = 0;          ///< JWKS fetch attempts (discovery included in one attempt)
    std::uint64_t fetch_failures = 0;
    std::uint64_t key_sets_published = 0;
    std::size_t keys = 0;               ///< keys in the current snapshot
    std::size_t cached_tokens = 0;
    std::string jwks_url;               ///< configured or discovered; empty before discovery
    std::string last_fetch_error;       ///< empty after a success
  };

  /// Spawns the JWKS cache actor, which starts the first fetch at once. Throws (start-up only) when
  /// the options are unusable (no issuer and no verify.issuer) or the CSPRNG fails.
  static std::shared_ptr<token_verifier> make(caf::actor_system& sys, options opts);

  /// Verifies `token` (without "Bearer "); `done` gets the verdict exactly once (see file comment).
  void verify(std::string token, std::function<void(verdict)> done);

  /// Ends the actor. Verifications waiting for keys, and any later verify(), get a failure.
  /// Idempotent; also done by the destructor.
  void stop();

  stats_snapshot stats() const;
  /// The current key snapshot (null before the first successful fetch).
  auth::jwk_set_ptr keys() const;

  ~token_verifier();
  token_verifier(const token_verifier&) = delete;
  token_verifier& operator=(const token_verifier&) = delete;

  struct core;  ///< shared by this object and the actor (token_verifier.cpp)

 private:
  token_verifier(std::shared_ptr<core> c, jwks_cache_actor actor);

  std::shared_ptr<core> core_;
  jwks_cache_actor actor_;
};

}  // namespace actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::jwks_need_keys)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::jwks_refresh)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::jwks_refetch_window_over)
