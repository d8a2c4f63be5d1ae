// JSON writer.
#include "web/json_writer.h"

#include <charconv>
#include <cmath>

namespace juo::web {

void JsonWriter::Separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_) out_ += ',';
    first_ = false;
}

void JsonWriter::Key(std::string_view name) {
    String(name);
    out_ += ':';
    after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
    Separate();
    out_ += '"';
    // Append runs of characters that need no escape in one go.
    size_t run = 0;
    for (size_t i = 0; i < value.size(); ++i) {
        auto c = static_cast<unsigned char>(value[i]);
        if (c != '"' && c != '\\' && c >= 0x20) continue;
        out_.append(value.data() + run, i - run);
        run = i + 1;
        if (c == '"') {
            out_ += "\\\"";
        } else if (c == '\\') {
            out_ += "\\\\";
        } else {
            static const char* kHex = "0123456789abcdef";
            out_ += "\\u00";
            out_ += kHex[c >> 4];
            out_ += kHex[c & 15];
        }
    }
    out_.append(value.data() + run, value.size() - run);
    out_ += '"';
}

void JsonWriter::Int(long long value) {
    Separate();
    char buf[24];
    auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    out_.append(buf, end);
}

void JsonWriter::Double(double value) {
    if (!std::isfinite(value)) return Null();
    Separate();
    char buf[32];
    auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    out_.append(buf, end);
    // Keep doubles typed as doubles for readers that distinguish them: 17 → 17.0.
    if (std::string_view(buf, static_cast<size_t>(end - buf)).find_first_of(".e") == std::string_view::npos)
        out_ += ".0";
}

void JsonWriter::Bool(bool value) {
    Separate();
    out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
    Separate();
    out_ += "null";
}

}  // namespace juo::web
