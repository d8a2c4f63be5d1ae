// Files people upload: a site's photo and the teaching kit's PDFs. Checks an upload (its real
// type from its bytes, its size in bytes and in pixels), keeps it in the store (store::
// StoredFile, base64) and reads it back to serve it.
//
// Thread-safety: functions over their arguments; the Database is the caller's (one thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/db/database.h"
#include "store/sites/file_store.h"

namespace juo::uploads {

inline constexpr size_t kMaxPhotoBytes = 2 * 1024 * 1024;  // 2 MiB: a good 1600 px JPEG is ~400 KiB
inline constexpr int kMinPhotoSide = 200;                  // smaller looks broken on the factory page
inline constexpr int kMaxPhotoSide = 8000;
inline constexpr size_t kMaxPdfBytes = 10 * 1024 * 1024;   // 10 MiB: the kit's booklets are ~2 MiB

// An upload that passed its checks.
struct CheckedFile {
    std::string bytes;
    std::string mime_type;
    std::string original_name;
    std::optional<int> width, height;  // images
    int pages = 0;                     // PDFs: page objects found (0: not visible)
};

// A site photo: JPEG, PNG or WebP by its bytes, at most kMaxPhotoBytes, each side between
// kMinPhotoSide and kMaxPhotoSide pixels. kInvalidArgument with the reason otherwise.
Result<CheckedFile> CheckPhoto(std::string bytes, std::string_view original_name);

// A teaching-kit document: a PDF by its bytes, complete (ends with %%EOF), at most kMaxPdfBytes.
Result<CheckedFile> CheckPdf(std::string bytes, std::string_view original_name);

// Stores a checked file and returns its id (inside the caller's transaction).
long long SaveUpload(store::Database& db, const CheckedFile& file, std::optional<long long> uploaded_by,
                     const std::string& at);

// A stored file with its bytes, ready to serve.
struct Download {
    std::string bytes;
    std::string mime_type;
    std::string etag;  // "\"<sha256>\""
};

// The stored file `id` with its bytes; kNotFound when there is none, kInternal when its content
// does not decode.
Result<Download> LoadUpload(store::Database& db, long long id);

}  // namespace juo::uploads
