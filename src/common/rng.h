// A small deterministic random-number generator (SplitMix64) with its own distributions.
//
// The standard library's distributions differ between implementations; the demo data must be
// the same bytes on every machine for a given seed, so JUO draws its numbers here.
// Thread-safety: an Rng is not thread-safe; give each thread its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace juo {

class Rng {
 public:
    explicit Rng(uint64_t seed) : state_(seed) {}

    // Next raw 64-bit value.
    uint64_t Next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform double in [0, 1).
    double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
    // Uniform double in [lo, hi).
    double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
    // Uniform integer in [lo, hi] (inclusive); requires lo <= hi.
    int64_t Int(int64_t lo, int64_t hi) {
        auto span = static_cast<uint64_t>(hi - lo) + 1;
        return lo + static_cast<int64_t>(Next() % span);
    }
    // True with probability p.
    bool Chance(double p) { return Uniform() < p; }
    // Index drawn with probability proportional to weights[i]; requires a positive total.
    std::size_t Weighted(const std::vector<double>& weights) {
        double total = 0;
        for (double w : weights) total += w;
        double x = Uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.size() - 1;
    }
    // A child generator whose stream does not depend on how many numbers this one draws later.
    Rng Fork(uint64_t salt) { return Rng(Next() ^ (salt * 0xD1B54A32D192ED03ULL)); }

 private:
    uint64_t state_;
};

}  // namespace juo
