// Reading of the message catalogue, web/i18n/messages.tsv: one message a line,
// `key<TAB>French<TAB>English`, `#` comment lines and blank lines skipped, escapes \n \t \\ and
// \uXXXX in the texts (the format is described at the top of the file). The build embeds the file
// (src/web/i18n_embed.cmake, which also rejects a malformed one) and i18n.cc parses it at first use.
//
// Thread-safety: pure functions; a MessageTable is immutable once built and may be read from any
// thread.
#pragma once

#include <list>
#include <string>
#include <string_view>
#include <vector>

#include "web/kit/i18n.h"

namespace juo::web {

struct MessageTable {
    MessageTable() = default;
    MessageTable(MessageTable&&) = default;
    MessageTable& operator=(MessageTable&&) = default;
    // Not copyable: `messages` points into `unescaped`.
    MessageTable(const MessageTable&) = delete;
    MessageTable& operator=(const MessageTable&) = delete;

    // The messages in file order, the first of a duplicated key only. Views into the parsed text
    // (which must outlive the table) or, for a text with escapes, into `unescaped`.
    std::vector<Message> messages;
    // "line 12: <reason>" for each line that was skipped (malformed, duplicate key, bad escape).
    std::vector<std::string> problems;
    // Number of message lines (neither comment nor blank), read or skipped.
    size_t message_lines = 0;
    // The texts that held escapes, decoded (a list: its elements never move).
    std::list<std::string> unescaped;
};

// The messages of `text`, in the format of web/i18n/messages.tsv.
MessageTable ParseMessageTable(std::string_view text);

// The text of web/i18n/messages.tsv as embedded at build time.
std::string_view EmbeddedMessageTable();

}  // namespace juo::web
