// Stable text codes for domain enums, as stored in the database and used in the API.
//
// Each enum lists its codes once in a table; ToCode/FromCode read that table.
// Thread-safety: pure functions over constant tables.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace juo::domain {

template <typename E, size_t N>
using CodeTable = std::array<std::pair<E, std::string_view>, N>;

template <typename E, size_t N>
constexpr std::string_view CodeOf(const CodeTable<E, N>& table, E value) {
    for (const auto& [v, code] : table)
        if (v == value) return code;
    return {};
}

template <typename E, size_t N>
constexpr std::optional<E> ValueOf(const CodeTable<E, N>& table, std::string_view code) {
    for (const auto& [v, c] : table)
        if (c == code) return v;
    return std::nullopt;
}

}  // namespace juo::domain
