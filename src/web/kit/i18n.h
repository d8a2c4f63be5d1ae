// Languages of the public pages: French by default, English on request. Holds the message
// catalogue (keys with their French and English text, in web/i18n/messages.tsv, embedded into
// the binary at build time so that it needs no file at run time), the choice of language for a
// request (`?lang=` first, then the `juo_lang` cookie, else French), and the French and English
// formats of dates, numbers and distances ("vendredi 4 avril 2025", "20 000", "12,5 km").
//
// Thread-safety: the catalogue is parsed once, at first use, behind a function-local static, and
// never changes after; every function is pure and may be called from any thread.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "http/message.h"

namespace juo::web {

enum class Lang { kFr, kEn };

// "fr" or "en", as in <html lang> and in the `lang` parameter.
std::string_view LangCode(Lang lang);

// The other language: the one the language switch offers.
constexpr Lang OtherLang(Lang lang) { return lang == Lang::kFr ? Lang::kEn : Lang::kFr; }

// Name of the cookie that remembers the language chosen with the switch.
inline constexpr std::string_view kLangCookie = "juo_lang";

struct LangChoice {
    Lang lang = Lang::kFr;
    // Set-Cookie value to send back when `?lang=` chose a language the cookie does not hold
    // yet ("juo_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"); empty otherwise.
    std::string set_cookie;
};

// The language of a request: a valid `lang` query parameter ("fr"/"en"), else the `juo_lang`
// cookie, else French. Unknown values are ignored, never an error.
LangChoice ChooseLang(const http::Request& request);

// One entry of the message catalogue.
struct Message {
    std::string_view key;
    std::string_view fr;
    std::string_view en;
};

// Every message (keys unique, both texts non-empty: checked by the tests).
std::span<const Message> Messages();

// The text of `key` in `lang`. A missing key is a programming error: it returns the key itself
// between "??" so that it shows on the page and fails the tests, rather than crashing.
std::string_view Msg(Lang lang, std::string_view key);

// `Msg(lang, key)` with each "{}" replaced in turn by the next argument (extra "{}" stay).
std::string MsgFormat(Lang lang, std::string_view key, std::initializer_list<std::string_view> args);

// A count with its noun: the message `key + "_one"` when the count is singular in `lang` (0 and 1
// in French, 1 in English), else `key + "_other"`, with "{}" replaced by FormatNumber(count).
std::string MsgCount(Lang lang, std::string_view key, long long count);

// The key MsgCount would use: `key + "_one"` or `key + "_other"`, for messages that take more than
// the count ("{} usines vous accueillent le {}").
std::string PluralKey(Lang lang, std::string_view key, long long count);

// An integer with thousands separators: "20 000" (narrow no-break space) in French, "20,000"
// in English.
std::string FormatNumber(long long value, Lang lang);

// A distance in km with one decimal under 10 km and none above: "4,2 km" / "4.2 km", "27 km".
std::string FormatDistanceKm(double km, Lang lang);

// A calendar date 'YYYY-MM-DD' in words: "vendredi 4 avril 2025" / "Friday 4 April 2025"; with
// `with_year` false, "vendredi 4 avril" / "Friday 4 April". Text that is not a valid date is
// returned unchanged.
std::string FormatDate(std::string_view iso_date, Lang lang, bool with_year = true);

// The weekday of a date 'YYYY-MM-DD' as 0 (Monday) .. 6 (Sunday), or -1 for an invalid date.
int WeekdayOf(std::string_view iso_date);

// Several dates in words, the shared month and year said once: "vendredi 4 et samedi 5 avril
// 2025" / "Friday 4 and Saturday 5 April 2025"; "" for none. Dates in different months are
// written out in full and joined the same way.
std::string FormatDays(std::span<const std::string> iso_dates, Lang lang);

// A time 'HH:MM' (24-hour, Europe/Paris) as shown: "9 h 30", "14 h" in French; "9:30", "14:00"
// in English. Text that is not a time is returned unchanged.
std::string FormatTime(std::string_view hh_mm, Lang lang);

// A UTC instant ("2026-09-03T08:00:00Z") in Paris time and words: "jeudi 3 septembre 2026 à 10 h"
// / "Thursday 3 September 2026 at 10:00". The one formatter of opening times, registration
// deadlines and the waiting room's T. Text that is not a UTC instant is returned unchanged.
std::string FormatParisInstant(std::string_view utc_instant, Lang lang);

// A decimal number with one digit after the separator unless it is whole: "12,5" / "12.5", "30".
std::string FormatDecimal(double value, Lang lang);

// `text` with its first letter (ASCII or a two-byte UTF-8 Latin letter such as "é") in capital.
std::string CapitalizeFirst(std::string_view text);

}  // namespace juo::web
