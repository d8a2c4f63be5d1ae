// Geocoder: hash maps on folded names and postcodes, a sorted name list for prefixes.
#include "refdata/geocoder.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"

namespace juo::refdata {
namespace {

constexpr size_t kQuotedBytes = 60;

bool IsDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsPostcode(std::string_view s) { return s.size() == 5 && IsDigits(s); }

// The query as shown back in a message: one line, at most kQuotedBytes, cut on a UTF-8 boundary.
std::string Quote(std::string_view query) {
    std::string out;
    for (char c : query) {
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out.push_back(c);
    }
    if (out.size() > kQuotedBytes) {
        size_t cut = kQuotedBytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
        out += "…";
    }
    return out;
}

Error Invalid(std::string message, std::string message_fr) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(message), std::move(message_fr));
}

Error NotFound(std::string message, std::string message_fr) {
    return MakeError(ErrorCode::kNotFound, std::move(message), std::move(message_fr));
}

bool MorePopulous(const Commune* a, const Commune* b) {
    if (a->population != b->population) return a->population > b->population;
    return a->code < b->code;
}

std::vector<std::string_view> Words(std::string_view folded) {
    std::vector<std::string_view> words;
    size_t start = 0;
    while (start < folded.size()) {
        size_t end = folded.find(' ', start);
        if (end == std::string_view::npos) end = folded.size();
        words.push_back(folded.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

std::string_view ExpandAbbreviation(std::string_view word) {
    if (word == "st") return "saint";
    if (word == "ste") return "sainte";
    if (word == "sts") return "saints";
    if (word == "stes") return "saintes";
    return word;
}

std::string Join(const std::vector<std::string_view>& words) {
    std::string out;
    for (auto w : words) {
        if (!out.empty()) out.push_back(' ');
        out.append(w);
    }
    return out;
}

// The first candidate (most populous first) that passes `keep` and has a position; `unpositioned`
// receives the first one that passes `keep` but has none.
template <typename Keep>
const Commune* Pick(const std::vector<const Commune*>& candidates, Keep keep, const Commune** unpositioned) {
    for (const Commune* c : candidates) {
        if (!keep(c)) continue;
        if (c->precision != PositionPrecision::kNone) return c;
        if (*unpositioned == nullptr) *unpositioned = c;
    }
    return nullptr;
}

GeocodeMatch MatchOf(const Commune* c) { return GeocodeMatch{c, c->position, c->precision}; }

Error NoPosition(const Commune* c) {
    return NotFound("The commune \"" + c->name + "\" (" + c->code + ") has no known position.",
                    "La commune « " + c->name + " » (" + c->code + ") n'a pas de position connue.");
}

}  // namespace

std::string FoldPlaceName(std::string_view text) {
    const std::string folded = FoldForSearch(text);
    auto words = Words(folded);
    for (auto& w : words) w = ExpandAbbreviation(w);
    return Join(words);
}

Geocoder::Geocoder() {
    const auto& communes = Communes();
    sorted_names_.reserve(communes.size());
    for (const Commune& c : communes) {
        std::string folded = FoldPlaceName(c.name);
        by_name_[folded].push_back(&c);
        for (const auto& p : c.postcodes) by_postcode_[p].push_back(&c);
        sorted_names_.emplace_back(std::move(folded), &c);
    }
    for (auto& [name, list] : by_name_) std::sort(list.begin(), list.end(), MorePopulous);
    for (auto& [code, list] : by_postcode_) std::sort(list.begin(), list.end(), MorePopulous);
    std::sort(sorted_names_.begin(), sorted_names_.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return MorePopulous(a.second, b.second);
    });
    for (const Department& d : Departments()) {
        std::string folded = FoldForSearch(d.name);
        department_by_name_.emplace(folded, d.code);
        // "Réunion" for "La Réunion": the article is often left out.
        for (std::string_view article : {"la ", "le ", "les ", "l "}) {
            if (folded.starts_with(article))
                department_by_name_.emplace(folded.substr(article.size()), d.code);
        }
    }
}

const Geocoder& Geocoder::Default() {
    static const Geocoder geocoder;
    return geocoder;
}

Result<GeocodeMatch> Geocoder::Geocode(std::string_view query, std::string_view department_hint) const {
    if (query.size() > kMaxQueryBytes) {
        return Invalid("Place name too long (" + std::to_string(query.size()) + " bytes, at most " +
                           std::to_string(kMaxQueryBytes) + "): \"" + Quote(query) + "\".",
                       "Nom de lieu trop long (" + std::to_string(query.size()) + " octets, au plus " +
                           std::to_string(kMaxQueryBytes) + ") : « " + Quote(query) + " ».");
    }
    std::string_view text = Trim(query);
    if (text.empty()) return Invalid("Empty place name.", "Le nom de lieu est vide.");
    const std::string quoted = Quote(text);

    std::string hint(Trim(department_hint));
    for (char& c : hint) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!hint.empty() && FindDepartment(hint) == nullptr) {
        return Invalid("Unknown department \"" + Quote(hint) + "\" given with \"" + quoted + "\".",
                       "Département « " + Quote(hint) + " » inconnu pour « " + quoted + " ».");
    }

    // A qualifier in parentheses or after the last comma: a department code or name, or a postcode.
    std::string_view name_part = text;
    std::string_view qualifier;
    if (text.back() == ')') {
        size_t open = text.rfind('(');
        if (open == std::string_view::npos) {
            return Invalid("Unbalanced parenthesis in \"" + quoted + "\".",
                           "Parenthèse non ouverte dans « " + quoted + " ».");
        }
        name_part = text.substr(0, open);
        qualifier = Trim(text.substr(open + 1, text.size() - open - 2));
    } else if (size_t comma = text.rfind(','); comma != std::string_view::npos) {
        name_part = text.substr(0, comma);
        qualifier = Trim(text.substr(comma + 1));
    }
    std::string department;  // from the query: a filter, unlike the hint
    std::string postcode;
    if (!qualifier.empty()) {
        std::string upper(qualifier);
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (IsPostcode(qualifier)) {
            postcode = qualifier;
        } else if (FindDepartment(upper) != nullptr) {
            department = upper;
        } else if (auto it = department_by_name_.find(FoldForSearch(qualifier));
                   it != department_by_name_.end()) {
            department = it->second;
        } else {
            return Invalid("Unknown department \"" + Quote(qualifier) + "\" in \"" + quoted + "\".",
                           "Département « " + Quote(qualifier) + " » inconnu dans « " + quoted + " ».");
        }
    }

    const std::string folded_name = FoldForSearch(name_part);
    auto words = Words(folded_name);
    if (words.empty()) {
        return Invalid("\"" + quoted + "\" contains no letter or digit.",
                       "« " + quoted + " » ne contient ni lettre ni chiffre.");
    }
    // "69001 Lyon" and "Lyon 69001", as in an address.
    if (words.size() > 1 && postcode.empty()) {
        if (IsPostcode(words.front())) {
            postcode = words.front();
            words.erase(words.begin());
        } else if (IsPostcode(words.back())) {
            postcode = words.back();
            words.pop_back();
        }
    }
    const Commune* unpositioned = nullptr;

    if (words.size() == 1 && IsDigits(words[0])) {
        if (!IsPostcode(words[0]) || !postcode.empty()) {
            return Invalid("\"" + quoted + "\" is not a 5-digit postcode.",
                           "« " + quoted + " » n'est pas un code postal à 5 chiffres.");
        }
        auto it = by_postcode_.find(std::string(words[0]));
        if (it == by_postcode_.end()) {
            return NotFound("No French commune has the postcode \"" + quoted + "\".",
                            "Aucune commune française n'a le code postal « " + quoted + " ».");
        }
        const std::string& prefer = department.empty() ? hint : department;
        const Commune* c = nullptr;
        if (!prefer.empty()) {
            c = Pick(
                it->second, [&](const Commune* x) { return x->department_code == prefer; }, &unpositioned);
        }
        if (c == nullptr)
            c = Pick(
                it->second, [](const Commune*) { return true; }, &unpositioned);
        if (c == nullptr) return NoPosition(unpositioned);
        return MatchOf(c);
    }

    for (auto& w : words) w = ExpandAbbreviation(w);
    auto it = by_name_.find(Join(words));
    if (it == by_name_.end()) {
        return NotFound("No French commune named \"" + quoted + "\".",
                        "Aucune commune française ne s'appelle « " + quoted + " ».");
    }
    const auto& candidates = it->second;
    auto has_postcode = [&](const Commune* c) {
        return postcode.empty() ||
               std::find(c->postcodes.begin(), c->postcodes.end(), postcode) != c->postcodes.end();
    };
    const Commune* c = nullptr;
    if (!department.empty()) {
        c = Pick(
            candidates, [&](const Commune* x) { return x->department_code == department && has_postcode(x); },
            &unpositioned);
        if (c == nullptr && unpositioned == nullptr) {
            return NotFound(
                "No commune named \"" + Quote(name_part) + "\" in department " + department + ".",
                "Aucune commune nommée « " + Quote(name_part) + " » dans le département " + department + ".");
        }
    } else {
        if (!hint.empty()) {
            c = Pick(
                candidates, [&](const Commune* x) { return x->department_code == hint && has_postcode(x); },
                &unpositioned);
        }
        if (c == nullptr) c = Pick(candidates, has_postcode, &unpositioned);
        if (c == nullptr && unpositioned == nullptr) {
            return NotFound(
                "No commune named \"" + Quote(Join(words)) + "\" has the postcode " + postcode + ".",
                "Aucune commune nommée « " + Quote(Join(words)) + " » n'a le code postal " + postcode + ".");
        }
    }
    if (c == nullptr) return NoPosition(unpositioned);
    return MatchOf(c);
}

std::vector<const Commune*> Geocoder::Suggest(std::string_view prefix, size_t limit) const {
    std::vector<const Commune*> out;
    const std::string folded = FoldForSearch(prefix);
    auto words = Words(folded);
    if (words.empty() || limit == 0) return out;
    // The last word may be cut short ("st" of "Stains") unless a separator follows it.
    auto last = static_cast<unsigned char>(prefix.back());
    bool last_complete = last < 0x80 && !std::isalnum(last);
    std::vector<std::string> variants;
    for (size_t i = 0; i + 1 < words.size(); ++i) words[i] = ExpandAbbreviation(words[i]);
    std::string_view tail = words.back();
    if (last_complete) {
        words.back() = ExpandAbbreviation(tail);
        variants.push_back(Join(words));
    } else {
        variants.push_back(Join(words));
        if (ExpandAbbreviation(tail) != tail) {
            words.back() = ExpandAbbreviation(tail);
            variants.push_back(Join(words) + " ");
        }
    }
    if (last_complete) variants.back() += ' ';  // whole words: "saint " does not match "saintes"
    for (const auto& v : variants) {
        auto it =
            std::lower_bound(sorted_names_.begin(), sorted_names_.end(), v,
                             [](const auto& entry, const std::string& key) { return entry.first < key; });
        for (; it != sorted_names_.end() && it->first.starts_with(v); ++it) out.push_back(it->second);
        // A complete word also matches a name that is exactly that word ("lyon " for "Lyon").
        if (v.back() == ' ') {
            std::string exact = v.substr(0, v.size() - 1);
            auto found = by_name_.find(exact);
            if (found != by_name_.end()) out.insert(out.end(), found->second.begin(), found->second.end());
        }
    }
    std::sort(out.begin(), out.end(), MorePopulous);
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace juo::refdata
