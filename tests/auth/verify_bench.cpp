// tests/auth/verify_bench.cpp — cost of one uncached token verification and of the cache-key digest.
//
// Run: build-*/tests/auth/auth_bench  (single thread: the figures are per core).
// Target (issue 4): uncached RS256 verification >= 15k/s per core. BM_Rs256SignatureOnly is the
// floor OpenSSL itself sets, so the difference to BM_VerifyRs256 is what our parsing and checks cost.
#include <benchmark/benchmark.h>

#include "auth/base64url.hpp"
#include "auth/jwt.hpp"
#include "test_signer.hpp"

namespace {

using auth_test::str;

constexpr const char* issuer = "https://auth.example.test";
constexpr const char* resource = "https://mcp.example.test/mcp";

struct fixture {
  auth::jwk_set_ptr set;
  auth::verify_options opts;
  std::string rs256, es256;

  fixture() {
    const auto& k = auth_test::keys();
    set = *auth::jwk_set::parse(auth_test::jwks_json(
        {auth_test::public_jwk(k.rsa.get(), "rsa-1", {{"alg", str("RS256")}}),
         auth_test::public_jwk(k.rsa2.get(), "rsa-2"), auth_test::public_jwk(k.ec.get(), "ec-1")}));
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
void BM_VerifyEs256(benchmark::State& state) { verify_loop(state, fx().es256); }

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

void BM_TokenDigest(benchmark::State& state) {
  const std::string& t = fx().rs256;
  for (auto _ : state) {
    auto d = auth::token_digest(t);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
}

void BM_JwksParse(benchmark::State& state) {
  const auto& k = auth_test::keys();
  const std::string doc = auth_test::jwks_json({auth_test::public_jwk(k.rsa.get(), "rsa-1"),
                                                auth_test::public_jwk(k.rsa2.get(), "rsa-2"),
                                                auth_test::public_jwk(k.ec.get(), "ec-1")});
  for (auto _ : state) {
    auto s = auth::jwk_set::parse(doc);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_VerifyRs256);
BENCHMARK(BM_VerifyEs256);
BENCHMARK(BM_RejectAlgNone);
BENCHMARK(BM_Rs256SignatureOnly);
BENCHMARK(BM_TokenDigest);
BENCHMARK(BM_JwksParse);

}  // namespace

BENCHMARK_MAIN();
