// tests/support/test_ca.hpp — a throw-away PKI for TLS tests, made with OpenSSL's APIs in a
// temporary directory that is removed afterwards: a test CA, a leaf for IP 127.0.0.1 and a leaf
// for DNS localhost (both signed by that CA), and a second, unrelated CA that nothing trusts.
// Header-only so that any test binary linking OpenSSL::Crypto can use it.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace test_support {

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("wm-client-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

struct pkey_free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct x509_free {
  void operator()(X509* p) const { X509_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;

/// A certificate for `key` named `cn`, signed by `issuer` (self-signed when null). `san` is an
/// OpenSSL subjectAltName value such as "IP:127.0.0.1", empty for none.
inline x509_ptr make_cert(const char* cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key, bool ca, const char* san,
                   long serial) {
  x509_ptr x(X509_new());
  if (!x) return nullptr;
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 24 * 3600);
  X509_set_pubkey(x.get(), key);
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509* signer = issuer ? issuer : x.get();
  X509_set_issuer_name(x.get(), X509_get_subject_name(signer));
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, signer, x.get(), nullptr, nullptr, 0);
  std::vector<std::pair<int, std::string>> exts;
  exts.emplace_back(NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (ca) exts.emplace_back(NID_key_usage, "critical,keyCertSign,cRLSign");
  if (san && *san) exts.emplace_back(NID_subject_alt_name, san);
  for (auto& [nid, value] : exts) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value.c_str());
    bool ok = ext && X509_add_ext(x.get(), ext, -1) == 1;
    X509_EXTENSION_free(ext);
    if (!ok) return nullptr;
  }
  if (X509_sign(x.get(), issuer_key ? issuer_key : key, EVP_sha256()) <= 0) return nullptr;
  return x;
}

inline bool write_pem(const std::string& file, X509* cert, EVP_PKEY* key) {
  FILE* f = std::fopen(file.c_str(), "wb");
  if (!f) return false;
  bool ok = cert ? PEM_write_X509(f, cert) == 1 : PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  std::fclose(f);
  return ok;
}

struct test_pki {
  temp_dir dir;
  std::string ca_file, other_ca_file;
  std::string ip_cert, ip_key;    // leaf for IP 127.0.0.1, signed by the CA
  std::string dns_cert, dns_key;  // leaf for DNS localhost, signed by the CA
  bool ok = false;

  test_pki() {
    auto path = [&](const char* n) { return (dir.path / n).string(); };
    ca_file = path("ca.pem");
    other_ca_file = path("other-ca.pem");
    ip_cert = path("ip.pem");
    ip_key = path("ip.key");
    dns_cert = path("dns.pem");
    dns_key = path("dns.key");
    pkey_ptr ca_key(EVP_EC_gen("P-256")), other_key(EVP_EC_gen("P-256")), ip_k(EVP_EC_gen("P-256")),
        dns_k(EVP_EC_gen("P-256"));
    if (!ca_key || !other_key || !ip_k || !dns_k) return;
    auto ca = make_cert("workos-mcp test CA", ca_key.get(), nullptr, nullptr, true, "", 1);
    auto other = make_cert("untrusted test CA", other_key.get(), nullptr, nullptr, true, "", 2);
    if (!ca || !other) return;
    auto ip = make_cert("127.0.0.1", ip_k.get(), ca.get(), ca_key.get(), false, "IP:127.0.0.1", 3);
    auto dns = make_cert("localhost", dns_k.get(), ca.get(), ca_key.get(), false, "DNS:localhost", 4);
    if (!ip || !dns) return;
    ok = write_pem(ca_file, ca.get(), nullptr) && write_pem(other_ca_file, other.get(), nullptr) &&
         write_pem(ip_cert, ip.get(), nullptr) && write_pem(ip_key, nullptr, ip_k.get()) &&
         write_pem(dns_cert, dns.get(), nullptr) && write_pem(dns_key, nullptr, dns_k.get());
  }
};

}  // namespace test_support
