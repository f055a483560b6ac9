// auth/siphash.cpp — SipHash-2-4, 128-bit output (see siphash.hpp for why and the reference).
#include "auth/siphash.hpp"

#include <openssl/rand.h>

#include <bit>
#include <cstring>

namespace auth {

namespace {

std::uint64_t load_le64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

void store_le64(unsigned char* p, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  std::memcpy(p, &v, 8);
}

struct state {
  std::uint64_t v0, v1, v2, v3;

  void round() {
    v0 += v1;
    v1 = std::rotl(v1, 13);
    v1 ^= v0;
    v0 = std::rotl(v0, 32);
    v2 += v3;
    v3 = std::rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = std::rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = std::rotl(v1, 17);
    v1 ^= v2;
    v2 = std::rotl(v2, 32);
  }

  // c = 2 compression rounds per message word.
  void compress(std::uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }

  // d = 4 finalisation rounds per output word.
  std::uint64_t finish_word() {
    round();
    round();
    round();
    round();
    return v0 ^ v1 ^ v2 ^ v3;
  }
};

}  // namespace

siphash_key siphash_key::from_bytes(const std::array<unsigned char, 16>& b) {
  return {load_le64(b.data()), load_le64(b.data() + 8)};
}

result<siphash_key, std::string> siphash_key::random() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) return std::string{"RAND_bytes failed"};
  return from_bytes(b);
}

std::array<unsigned char, 16> digest128::bytes() const {
  std::array<unsigned char, 16> out{};
  store_le64(out.data(), lo);
  store_le64(out.data() + 8, hi);
  return out;
}

digest128 siphash128(const siphash_key& key, std::string_view data) {
  // The initial constants spell "somepseudorandomlygeneratedbytes".
  state s{0x736f6d6570736575ULL ^ key.k0, 0x646f72616e646f6dULL ^ key.k1, 0x6c7967656e657261ULL ^ key.k0,
          0x7465646279746573ULL ^ key.k1};
  s.v1 ^= 0xee;  // the 128-bit variant's domain separation

  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t n = data.size();
  const std::size_t full = n & ~std::size_t{7};
  for (std::size_t i = 0; i < full; i += 8) s.compress(load_le64(p + i));

  // Last word: the remaining 0..7 bytes, little-endian, with the length mod 256 in the top byte.
  std::uint64_t last = static_cast<std::uint64_t>(n) << 56;
  for (std::size_t i = 0; i < (n & 7); ++i) last |= static_cast<std::uint64_t>(p[full + i]) << (8 * i);
  s.compress(last);

  s.v2 ^= 0xee;
  digest128 d;
  d.lo = s.finish_word();
  s.v1 ^= 0xdd;
  d.hi = s.finish_word();
  return d;
}

}  // namespace auth
