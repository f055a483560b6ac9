// auth/ossl.hpp — unique_ptr owners for the OpenSSL 3 objects the auth module (and the emulator's
// token signer) uses, and SHA-256.
//
// Every OpenSSL object we allocate is owned by one of these from the line that creates it, so error
// paths (which are most paths when the input is hostile) cannot leak.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace auth::ossl {

struct pkey_deleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct pkey_ctx_deleter {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct md_ctx_deleter {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct bn_deleter {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct param_bld_deleter {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct params_deleter {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};

using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_deleter>;
using pkey_ctx_ptr = std::unique_ptr<EVP_PKEY_CTX, pkey_ctx_deleter>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, md_ctx_deleter>;
using bn_ptr = std::unique_ptr<BIGNUM, bn_deleter>;
using param_bld_ptr = std::unique_ptr<OSSL_PARAM_BLD, param_bld_deleter>;
using params_ptr = std::unique_ptr<OSSL_PARAM, params_deleter>;
struct bio_deleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using bio_ptr = std::unique_ptr<BIO, bio_deleter>;

/// Scope guard for OpenSSL's thread-local error queue: whatever errors our calls push (and hostile
/// input makes most calls fail) are dropped when the scope ends. Stale entries would otherwise be
/// seen by the next OpenSSL user on the same thread — e.g. a TLS read on a Beast I/O thread, which
/// consults the queue to classify its own failures.
class error_scope {
 public:
  error_scope() { ERR_set_mark(); }
  ~error_scope() { ERR_pop_to_mark(); }
  error_scope(const error_scope&) = delete;
  error_scope& operator=(const error_scope&) = delete;
};

/// SHA-256, fetched once per process from the default provider. Passing a pre-fetched EVP_MD to
/// EVP_Digest*/EVP_DigestVerifyInit avoids an implicit fetch (a locked lookup) on every call.
/// Thread-safe: the static is initialised once, and a fetched EVP_MD is immutable.
const EVP_MD* sha256();

}  // namespace auth::ossl
