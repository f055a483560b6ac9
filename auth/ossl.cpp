// auth/ossl.cpp — the process-wide pre-fetched digest.
#include "auth/ossl.hpp"

#include <cstdlib>

namespace auth::ossl {

const EVP_MD* sha256() {
  // Fetched once (C++ guarantees thread-safe initialisation of function statics) and kept for the
  // life of the process; leaking it at exit is intended (no destructor-order hazards with OpenSSL's
  // own atexit cleanup).
  static const EVP_MD* md = [] {
    EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (m == nullptr) std::abort();  // no default provider: nothing in this module can work
    return m;
  }();
  return md;
}

}  // namespace auth::ossl
