// A small HDR-style log-linear latency histogram for the load generator.
//
// Values are nanoseconds. Every power-of-two range [2^k, 2^(k+1)) is split into kSubBuckets linear
// sub-buckets, so a value is stored with a relative error below 1/kSubBuckets (< 0.8 % for 128);
// values below kSubBuckets ns are exact. The range covered is [0, kMaxValueNs] (10 s); larger
// values are clamped into the top bucket (the exact maximum is tracked separately).
// Percentiles report the highest value equivalent to the bucket (like HdrHistogram), capped by the
// exact maximum seen.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace bench {

namespace histogram_detail {
inline constexpr unsigned kSubBits = 7;
inline constexpr std::uint64_t kSubBuckets = std::uint64_t{1} << kSubBits;  // 128

constexpr std::size_t bucket_index(std::uint64_t v) noexcept {
    if (v < kSubBuckets) return static_cast<std::size_t>(v);
    const unsigned msb = static_cast<unsigned>(std::bit_width(v)) - 1;  // >= kSubBits
    const unsigned shift = msb - kSubBits;
    const std::uint64_t sub = v >> shift;  // in [kSubBuckets, 2*kSubBuckets)
    return static_cast<std::size_t>((shift + 1) * kSubBuckets + (sub - kSubBuckets));
}
// Largest value that maps to bucket i.
constexpr std::uint64_t bucket_high(std::size_t i) noexcept {
    if (i < kSubBuckets) return i;
    const std::uint64_t shift = i / kSubBuckets - 1;
    const std::uint64_t sub = i % kSubBuckets + kSubBuckets;
    return ((sub + 1) << shift) - 1;
}
}  // namespace histogram_detail

class LatencyHistogram {
public:
    static constexpr std::uint64_t kMaxValueNs = 10'000'000'000ULL;  // 10 s
    static constexpr std::size_t bucket_index(std::uint64_t v) noexcept { return histogram_detail::bucket_index(v); }
    static constexpr std::uint64_t bucket_high(std::size_t i) noexcept { return histogram_detail::bucket_high(i); }
    static constexpr std::size_t kBuckets = histogram_detail::bucket_index(kMaxValueNs) + 1;

    void record(std::uint64_t ns) noexcept {
        ++count_;
        sum_ += ns;
        max_ = std::max(max_, ns);
        min_ = std::min(min_, ns);
        ++counts_[bucket_index(std::min(ns, kMaxValueNs))];
    }

    std::uint64_t count() const noexcept { return count_; }
    std::uint64_t max() const noexcept { return max_; }
    std::uint64_t min() const noexcept { return count_ ? min_ : 0; }
    double mean() const noexcept { return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0; }

    // p in [0, 100]. Returns 0 for an empty histogram.
    std::uint64_t percentile(double p) const noexcept {
        if (count_ == 0) return 0;
        p = std::clamp(p, 0.0, 100.0);
        auto rank = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_)));
        rank = std::clamp<std::uint64_t>(rank, 1, count_);
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < kBuckets; ++i) {
            seen += counts_[i];
            if (seen >= rank) return i + 1 == kBuckets ? max_ : std::min(bucket_high(i), max_);
        }
        return max_;
    }

private:
    std::array<std::uint64_t, kBuckets> counts_{};
    std::uint64_t count_ = 0;
    std::uint64_t sum_ = 0;
    std::uint64_t max_ = 0;
    std::uint64_t min_ = std::numeric_limits<std::uint64_t>::max();
};

static_assert(histogram_detail::bucket_index(127) == 127);
static_assert(histogram_detail::bucket_index(128) == 128);
static_assert(histogram_detail::bucket_high(histogram_detail::bucket_index(1000)) >= 1000);
static_assert(histogram_detail::bucket_high(histogram_detail::bucket_index(123456789)) - 123456789 < 123456789 / 128 + 1);

}  // namespace bench
