// Uploaded files kept in the database (table stored_file, migration 5): a site's photo and the
// teaching kit's PDFs. Every app server reads the same rows, so no shared disk is needed behind
// the proxy (docs/adr/0007-uploaded-files.md). The content is base64 text; the uploads module
// (src/uploads) checks, encodes and decodes it. Throws soci::soci_error on database failures.
#pragma once

#include <optional>
#include <string>

#include "store/db/database.h"

namespace juo::store {

struct StoredFile {
    long long id = 0;
    std::string sha256;         // of the bytes, hex: the HTTP ETag
    std::string mime_type;      // "image/jpeg", "application/pdf"
    long long size_bytes = 0;   // of the bytes (not of the base64 text)
    std::optional<int> width, height;  // images only
    std::string original_name;
    std::string content_base64;        // empty when only the description was read
    std::optional<long long> uploaded_by;
    std::string created_at;
};

// Inserts the file and sets its id.
void InsertStoredFile(Database& db, StoredFile& file);

// The file `id`, with its content when `with_content`; nullopt when there is none.
std::optional<StoredFile> FindStoredFile(Database& db, long long id, bool with_content);

}  // namespace juo::store
