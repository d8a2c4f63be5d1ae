// Small helpers to bind optional values and booleans with SOCI (which has no std::optional
// or bool support in 4.0). Internal to store/.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

namespace juo::store {

// A column value that may be NULL, bound by reference to a prepared statement: set() it for
// each row before execute().
template <typename T>
struct Nullable {
    T value{};
    soci::indicator ind = soci::i_null;

    void set(const std::optional<T>& v) {
        ind = v ? soci::i_ok : soci::i_null;
        value = v.value_or(T{});
    }
    std::optional<T> get() const { return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt; }
};

// Text that is stored as NULL when empty.
struct NullableText {
    std::string value;
    soci::indicator ind = soci::i_null;

    void set(const std::string& v) {
        value = v;
        ind = v.empty() ? soci::i_null : soci::i_ok;
    }
};

// soci::use keeps a reference to its `name` argument until the statement takes it: the default
// (a temporary) would dangle once these helpers return, so they pass a name that lives forever.
inline const std::string& UnnamedBinding() {
    static const std::string kEmpty;
    return kEmpty;
}

template <typename T>
auto use(Nullable<T>& n) {
    return soci::use(n.value, n.ind, UnnamedBinding());
}
inline auto use(NullableText& n) { return soci::use(n.value, n.ind, UnnamedBinding()); }

}  // namespace juo::store
