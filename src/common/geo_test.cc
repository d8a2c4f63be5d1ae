#include "common/geo.h"

#include <gtest/gtest.h>

namespace juo {
namespace {

TEST(Haversine, ParisLyonIsAbout392Km) {
    LatLon paris{48.8566, 2.3522};
    LatLon lyon{45.7640, 4.8357};
    EXPECT_NEAR(HaversineKm(paris, lyon), 392, 3);
    EXPECT_DOUBLE_EQ(HaversineKm(paris, paris), 0);
    EXPECT_NEAR(HaversineKm(paris, lyon), HaversineKm(lyon, paris), 1e-9);
}

TEST(Haversine, ValidPositions) {
    EXPECT_TRUE(IsValidPosition({45, 4}));
    EXPECT_FALSE(IsValidPosition({91, 4}));
    EXPECT_FALSE(IsValidPosition({45, 181}));
}

}  // namespace
}  // namespace juo
