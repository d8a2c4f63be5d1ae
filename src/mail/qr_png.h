// QR codes as PNG images, for tickets: the code is drawn with libqrencode and written as a
// one-bit greyscale PNG with zlib — no image library needed.
//
// Thread-safety: safe from any thread (each thread keeps its own zlib stream).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace juo::mail {

// The PNG bytes of the QR code of `text` (error correction level M), `scale` pixels per module
// and a quiet zone of 4 modules. kInvalidArgument for text too long for a QR code.
Result<std::string> QrPng(std::string_view text, int scale = 8);

}  // namespace juo::mail
