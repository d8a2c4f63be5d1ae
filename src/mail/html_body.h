// The HTML alternative of an e-mail's plain text (ADR 0014): every e-mail is sent as text and as a
// simple HTML page made from the same text, so that both say the same thing. The text is written
// in the recipient's language first and the other one after a line "---"; each section becomes a
// <div lang="fr"> or <div lang="en">, its blank-line-separated blocks paragraphs (line breaks kept
// as <br>), its http(s) addresses links. Everything is escaped; no remote image, no script, no
// stylesheet, a few inline styles. Also the unsubscribe footer of the bulk e-mails, in text and HTML.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace juo::mail {

struct TextSection {
    std::string lang;  // "fr" or "en"
    std::string text;  // without the separator, blank lines at either end removed
};

// The sections of a body split on lines "---". With two sections, the first one's language is
// guessed from its words (French or English) and the second is the other one; a lone section or
// each of three or more gets its own guess. French when nothing tells.
std::vector<TextSection> SplitSections(std::string_view text);

// "fr" or "en": which language's common words `text` holds more of (French on a tie).
std::string GuessLanguage(std::string_view text);

// `text` with &, <, >, " and ' escaped.
std::string EscapeHtml(std::string_view text);

// The whole HTML document of `text`, titled `title` (the subject); with the unsubscribe footer
// when `unsubscribe_url` is not empty. UTF-8, LF line ends, no line longer than ~900 bytes unless
// the text has one.
std::string HtmlBody(std::string_view text, std::string_view title, std::string_view unsubscribe_url = {});

// The text footer of a bulk e-mail: "\n\n-- \n" then one line in French and one in English, each
// ending with `unsubscribe_url`.
std::string UnsubscribeTextFooter(std::string_view unsubscribe_url);

}  // namespace juo::mail
