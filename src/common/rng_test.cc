#include "common/rng.h"

#include <gtest/gtest.h>

namespace juo {
namespace {

TEST(Rng, SameSeedSameStream) {
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Next(), b.Next());
    EXPECT_NE(Rng(42).Next(), c.Next());
}

TEST(Rng, IntStaysInRangeAndCoversIt) {
    Rng r(7);
    int seen[5] = {};
    for (int i = 0; i < 1000; ++i) {
        auto v = r.Int(3, 7);
        ASSERT_GE(v, 3);
        ASSERT_LE(v, 7);
        ++seen[v - 3];
    }
    for (int s : seen) EXPECT_GT(s, 100);
}

TEST(Rng, WeightedFollowsWeights) {
    Rng r(1);
    std::vector<double> w{1, 0, 3};
    int seen[3] = {};
    for (int i = 0; i < 4000; ++i) ++seen[r.Weighted(w)];
    EXPECT_EQ(seen[1], 0);
    EXPECT_NEAR(seen[2] / 4000.0, 0.75, 0.04);
}

}  // namespace
}  // namespace juo
