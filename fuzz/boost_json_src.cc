// Boost.JSON compiled into the fuzz build (header-only mode) rather than linked from Debian's
// libboost_json: so that its parser is instrumented too and libFuzzer sees its coverage.
#include <boost/json/src.hpp>
