# Turns one binary file into a C++ header holding its bytes (run at build time), so that the
# server needs no file for it at run time: web/static/img/favicon.ico for /favicon.ico.
# Inputs: SOURCE (the file), OUTPUT (the header to write), NAME (the array's name: kFaviconIco).
file(READ "${SOURCE}" hex HEX)
string(LENGTH "${hex}" hex_length)
if(hex_length EQUAL 0)
  message(FATAL_ERROR "${SOURCE} is empty")
endif()
# 16 bytes a line (CMake regexes have no {n}: 32 dots), then each byte as 0xNN.
string(REGEX REPLACE "(................................)" "\\1\n    " hex "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
get_filename_component(source_name "${SOURCE}" NAME)
set(content "// Generated from ${source_name} by src/web/binary_embed.cmake: do not edit.\n")
string(APPEND content "#pragma once\nnamespace juo::web::embedded {\n")
string(APPEND content "inline constexpr unsigned char ${NAME}[] = {\n    ${bytes}\n};\n")
string(APPEND content "}  // namespace juo::web::embedded\n")
file(WRITE "${OUTPUT}.tmp" "${content}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
