// JSON writer.
#include "web/kit/json_writer.h"

#include <charconv>
#include <cmath>

#include "common/text.h"

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
    AppendJsonString(out_, value);
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
