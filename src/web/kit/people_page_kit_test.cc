// SafeNext: the `next` parameter after sign-in stays on this site.
#include "web/kit/people_page_kit.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

namespace juo::web {
namespace {

TEST(SafeNext, KeepsLocalPaths) {
    for (const std::string& good : std::initializer_list<std::string>{"/", "/compte", "/compte/reservations?page=2", "/usines/12#visites",
                                   "/%09/evil.example", "/a//b", "/recherche?q=caf%C3%A9"})
        EXPECT_EQ(SafeNext(good, "/repli"), good) << good;
}

TEST(SafeNext, RefusesWhatABrowserWouldTakeForAnotherSite) {
    for (const std::string& bad : std::initializer_list<std::string>{
             "", "//evil.example", "/\\evil", "\\\\evil", "/\t/evil.example", "/\n/evil", "/\r/evil",
          "/compte\\..\\", "/x\ty", std::string("/\0/evil", 7), "/\x7f/evil", "/\x1f/evil", "https://evil.example",
          "evil.example", "javascript:alert(1)", "///evil", "/\\/evil"})
        EXPECT_EQ(SafeNext(bad, "/repli"), "/repli") << bad;
}

}  // namespace
}  // namespace juo::web
