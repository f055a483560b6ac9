// tests/auth/verify_bench.cpp — what a token check costs: uncached verification, the cache key, and
// the cached check through actors::token_verifier (Google Benchmark, built as `auth_bench`).
//
// Run in a Release build (single-threaded figures are per core):
//   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release && cmake --build build-rel --target auth_bench -j2
//   build-rel/tests/auth/auth_bench
// Targets: uncached RS256 verification >= 15k/s per core (BM_VerifyRs256); a cached check on a
// cache hit >= 1M/s on one thread (BM_VerifierCacheHit). BM_Rs256SignatureOnly is the floor OpenSSL
// itself sets, so the difference to BM_VerifyRs256 is what our parsing and checks cost; BM_TokenDigest
// (SHA-256) next to BM_SipHashDigest is why the cache is keyed by SipHash.
//
// It stays beside the auth tests (not in bench/) because it shares their test_signer and key cache;
// bench/ holds the end-to-end load generator.
#include <benchmark/benchmark.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <future>

#include "actors/token_verifier.hpp"
#include "auth/base64url.hpp"
#include "auth/jwt.hpp"
#include "auth/siphash.hpp"
#include "test_signer.hpp"

namespace {

using auth_test::str;

constexpr const char* issuer = "https://auth.example.test";
constexpr const char* resource = "https://mcp.example.test/mcp";

struct fixture {
  auth::jwk_set_ptr set;
  std::string jwks;
  auth::verify_options opts;
  std::string rs256, es256;

  fixture() {
    const auto& k = auth_test::keys();
    jwks = auth_test::jwks_json({auth_test::public_jwk(k.rsa.get(), "rsa-1", {{"alg", str("RS256")}}),
                                 auth_test::public_jwk(k.rsa2.get(), "rsa-2"),
                                 auth_test::public_jwk(k.ec.get(), "ec-1")});
    set = *auth::jwk_set::parse(jwks);
    opts.issuer = issuer;
    opts.audience = resource;
    // A realistic access token: the claims the emulator's AS issues, ~900 bytes once signed.
    const auth_test::json_members claims = {{"iss", str(issuer)},
                                            {"sub", str("user_01HZX7T3K4Q8W2N9C5V6B1M0PA")},
                                            {"aud", str(resource)},
                                            {"client_id", str("client_01HZX7T3K4Q8W2N9C5V6B1M0PB")},
                                            {"sid", str("session_01HZX7T3K4Q8W2N9C5V6B1M0PC")},
                                            {"scope", str("openid profile email offline_access mcp:tools")},
                                            {"jti", str("01HZX7T3K4Q8W2N9C5V6B1M0PD")},
                                            {"iat", std::to_string(auth_test::now_s)},
                                            {"exp", std::to_string(auth_test::now_s + 3600)}};
    rs256 = auth_test::sign(k.rsa.get(),
                            {{"alg", str("RS256")}, {"kid", str("rsa-1")}, {"typ", str("at+jwt")}}, claims);
    es256 = auth_test::sign(k.ec.get(), {{"alg", str("ES256")}, {"kid", str("ec-1")}, {"typ", str("at+jwt")}},
                            claims);
  }
};

const fixture& fx() {
  static const fixture f;
  return f;
}

// ---- auth::verify, uncached ----

void verify_loop(benchmark::State& state, const std::string& token) {
  const auto& f = fx();
  const auto now = auth_test::at(auth_test::now_s + 10);
  for (auto _ : state) {
    auto r = auth::verify(token, *f.set, f.opts, now);
    if (!r) state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::to_string(token.size()) + "-byte token");
}

void BM_VerifyRs256(benchmark::State& state) { verify_loop(state, fx().rs256); }
void BM_VerifyEs256(benchmark::State& state) { verify_loop(state, fx().es256); }

/// What a flood of forged `alg: none` tokens costs: refused after the header, before any crypto.
void BM_RejectAlgNone(benchmark::State& state) {
  const auto& f = fx();
  const std::string body = f.rs256.substr(f.rs256.find('.'), f.rs256.rfind('.') - f.rs256.find('.'));
  const std::string token = auth::base64url_encode(R"({"alg":"none","kid":"rsa-1"})") + body + ".";
  const auto now = auth_test::at(auth_test::now_s + 10);
  for (auto _ : state) {
    auto r = auth::verify(token, *f.set, f.opts, now);
    if (r) state.SkipWithError("accepted");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

/// Only OpenSSL: EVP_DigestVerifyInit + EVP_DigestVerify of the same signature, nothing of ours.
void BM_Rs256SignatureOnly(benchmark::State& state) {
  const auto& f = fx();
  const std::string& t = f.rs256;
  const auto dot = t.rfind('.');
  const std::string input = t.substr(0, dot);
  const std::string sig = auth_test::sign_raw(auth_test::keys().rsa.get(), input);
  EVP_PKEY* pkey = f.set->find("rsa-1")->pkey();
  for (auto _ : state) {
    auth::ossl::md_ctx_ptr ctx(EVP_MD_CTX_new());
    EVP_DigestVerifyInit(ctx.get(), nullptr, auth::ossl::sha256(), nullptr, pkey);
    int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                              reinterpret_cast<const unsigned char*>(input.data()), input.size());
    benchmark::DoNotOptimize(rc);
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- cache keys ----

void BM_TokenDigest(benchmark::State& state) {
  const std::string& t = fx().rs256;
  for (auto _ : state) {
    auto d = auth::token_digest(t);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
}

void BM_SipHashDigest(benchmark::State& state) {
  const std::string& t = fx().rs256;
  const auto key = *auth::siphash_key::random();
  for (auto _ : state) {
    auto d = auth::siphash128(key, t);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
  state.SetLabel(std::to_string(t.size()) + "-byte token");
}

void BM_JwksParse(benchmark::State& state) {
  for (auto _ : state) {
    auto s = auth::jwk_set::parse(fx().jwks);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- through actors::token_verifier ----

/// An actor system with two verifiers whose JWKS "fetch" answers at once from memory: one with
/// the cache, one without (max_cached_tokens = 0, so every check is a full verification).
/// Created in main() before the benchmarks and torn down after them (CAF does not like being
/// destroyed during static destruction).
struct verifier_env {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::shared_ptr<actors::token_verifier> cached, uncached;

  verifier_env() {
    cfg.set("scheduler.max-threads", 1);
    cfg.set("logger.verbosity", caf::atom("quiet"));
    sys = std::make_unique<caf::actor_system>(cfg);
    cached = make(100000);
    uncached = make(0);
  }
  ~verifier_env() {
    cached->stop();
    uncached->stop();
    cached.reset();
    uncached.reset();
    sys.reset();
  }

  std::shared_ptr<actors::token_verifier> make(std::size_t max_cached) {
    actors::token_verifier::options o;
    o.issuer = issuer;
    o.verify.audience = resource;
    o.jwks_url = "https://auth.example.test/jwks";
    o.max_cached_tokens = max_cached;
    o.now = [] { return auth_test::at(auth_test::now_s + 10); };
    o.fetch = [doc = fx().jwks](const std::string&) -> mcp::result<transport::client_response, std::string> {
      transport::client_response r;
      r.status = 200;
      r.body = doc;
      return r;
    };
    auto v = actors::token_verifier::make(*sys, o);
    // The first check waits for the initial fetch; afterwards every check is answered inline.
    std::promise<bool> ok;
    v->verify(fx().rs256, [&](actors::token_verifier::verdict r) { ok.set_value(r.has_value()); });
    if (!ok.get_future().get()) throw std::runtime_error("verifier set-up failed");
    return v;
  }
};

verifier_env* env = nullptr;

void check_loop(benchmark::State& state, actors::token_verifier& v, const std::string& token) {
  bool ok = true;
  for (auto _ : state) {
    // The transport hands the verifier an owned token string: the copy is part of the cost.
    v.verify(token, [&ok](actors::token_verifier::verdict r) { ok = ok && r.has_value(); });
  }
  if (!ok) state.SkipWithError("a check failed");
  state.SetItemsProcessed(state.iterations());
}

/// The hot path of every authenticated request: SipHash the token, find it in its shard, answer.
void BM_VerifierCacheHit(benchmark::State& state) { check_loop(state, *env->cached, fx().rs256); }
/// The same call when the cache cannot help: everything BM_VerifyRs256 does, plus the digest.
void BM_VerifierUncachedRs256(benchmark::State& state) { check_loop(state, *env->uncached, fx().rs256); }

BENCHMARK(BM_VerifyRs256);
BENCHMARK(BM_VerifyEs256);
BENCHMARK(BM_RejectAlgNone);
BENCHMARK(BM_Rs256SignatureOnly);
BENCHMARK(BM_TokenDigest);
BENCHMARK(BM_SipHashDigest);
BENCHMARK(BM_JwksParse);
BENCHMARK(BM_VerifierCacheHit);
BENCHMARK(BM_VerifierCacheHit)->Threads(2)->UseRealTime();
BENCHMARK(BM_VerifierUncachedRs256);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  {
    verifier_env e;
    env = &e;
    benchmark::RunSpecifiedBenchmarks();
    env = nullptr;
  }
  benchmark::Shutdown();
  return 0;
}
