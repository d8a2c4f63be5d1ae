// User rules.
#include "domain/user.h"

namespace juo::domain {

bool IsPlausibleEmail(std::string_view e) {
    if (e.empty() || e.size() > 254) return false;
    auto at = e.find('@');
    if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos)
        return false;
    auto domain = e.substr(at + 1);
    auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
    for (char c : e)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
    return true;
}

}  // namespace juo::domain
