// The JSON writer's output parses back with Boost.JSON to the same values, escapes included.
#include "web/kit/json_writer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>

namespace juo::web {
namespace {

TEST(JsonWriter, WritesNestedValuesThatParseBack) {
    JsonWriter w;
    w.BeginObject();
    w.Key("name");
    w.String("Usine \"Mécachimie\" \\ <b>\n\t\x01");
    w.Key("n");
    w.Int(-42);
    w.Key("d");
    w.Double(2.5);
    w.Key("whole");
    w.Double(17);
    w.Key("inf");
    w.Double(std::numeric_limits<double>::infinity());
    w.Key("ok");
    w.Bool(true);
    w.Key("none");
    w.Null();
    w.Key("list");
    w.BeginArray();
    w.Int(1);
    w.BeginObject();
    w.Key("x");
    w.Double(0.1);
    w.EndObject();
    w.BeginArray();
    w.EndArray();
    w.EndArray();
    w.EndObject();
    auto v = boost::json::parse(w.Take());
    EXPECT_EQ(v.at("name").as_string(), "Usine \"Mécachimie\" \\ <b>\n\t\x01");
    EXPECT_EQ(v.at("n").as_int64(), -42);
    EXPECT_EQ(v.at("d").as_double(), 2.5);
    EXPECT_EQ(v.at("whole").as_double(), 17.0);  // still a double
    EXPECT_TRUE(v.at("inf").is_null());
    EXPECT_TRUE(v.at("ok").as_bool());
    EXPECT_TRUE(v.at("none").is_null());
    EXPECT_EQ(v.at("list").as_array().size(), 3u);
    EXPECT_EQ(v.at("list").at(1).at("x").as_double(), 0.1);
    EXPECT_TRUE(v.at("list").at(2).as_array().empty());
}

}  // namespace
}  // namespace juo::web
