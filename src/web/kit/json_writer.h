// JsonWriter: writes JSON text straight into a string, for hot responses (the search) where
// building a boost::json tree first costs more than the search itself. Strings are escaped per
// RFC 8259 (quote, backslash, control characters); doubles use the shortest round-trip form;
// non-finite doubles are written as null. The caller is responsible for well-formed nesting
// (Begin/End pairs, Key before each member value).
//
// Thread-safety: one writer per response.
#pragma once

#include <string>
#include <string_view>

namespace juo::web {

class JsonWriter {
 public:
    void BeginObject() {
        Separate();
        out_ += '{';
        first_ = true;
    }
    void EndObject() {
        out_ += '}';
        first_ = false;
    }
    void BeginArray() {
        Separate();
        out_ += '[';
        first_ = true;
    }
    void EndArray() {
        out_ += ']';
        first_ = false;
    }
    // A member name; the next call writes its value.
    void Key(std::string_view name);
    void String(std::string_view value);
    void Int(long long value);
    void Double(double value);
    void Bool(bool value);
    void Null();
    // Members already written as JSON text ("a":1,"b":2), inside the current object.
    void Members(std::string_view text) {
        Separate();
        out_ += text;
    }

    std::string Take() { return std::move(out_); }

 private:
    void Separate();
    std::string out_;
    bool first_ = true;
    bool after_key_ = false;
};

}  // namespace juo::web
