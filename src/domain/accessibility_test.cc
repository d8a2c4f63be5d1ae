// Tests of the accessibility nomenclature: codes, lists, the site's flags.
#include "domain/accessibility.h"

#include <gtest/gtest.h>

namespace juo::domain {
namespace {

TEST(Accessibility, MotorIsTheWheelchairFlag) {
    Site s;
    s.wheelchair_access = true;
    EXPECT_TRUE(HasAccess(s, AccessKind::kMotor));
    EXPECT_EQ(AccessOf(s), AccessBit(AccessKind::kMotor));
    SetAccess(s, AccessKind::kPsychic, true);
    SetAccess(s, AccessKind::kHearing, true);
    EXPECT_TRUE(s.psychic_access);
    EXPECT_TRUE(s.hearing_access);
    EXPECT_EQ(AccessListCode(AccessOf(s)), "motor,hearing,psychic");
}

TEST(Accessibility, ParsesListsOfCodesAndFrenchLabels) {
    auto m = ParseAccessList("motor,visual");
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(*m, AccessBit(AccessKind::kMotor) | AccessBit(AccessKind::kVisual));
    auto fr = ParseAccessList(" Auditif , psychique,,");
    ASSERT_TRUE(fr.ok());
    EXPECT_EQ(*fr, AccessBit(AccessKind::kHearing) | AccessBit(AccessKind::kPsychic));
    auto empty = ParseAccessList("");
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(*empty, 0u);
    auto bad = ParseAccessList("motor,flying");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(bad.error().message.find("flying"), std::string::npos);
    EXPECT_NE(bad.error().message_fr.find("flying"), std::string::npos);
}

TEST(Accessibility, EveryKindHasACodeAndALabel) {
    for (auto k : kAccessKinds) {
        EXPECT_FALSE(ToCode(k).empty());
        EXPECT_FALSE(LabelFr(k).empty());
        EXPECT_EQ(ParseAccessKind(ToCode(k)), k);
    }
}

}  // namespace
}  // namespace juo::domain
