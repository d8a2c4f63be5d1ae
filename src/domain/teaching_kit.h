// Teaching-kit documents published for pupils and teachers.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>

namespace juo::domain {

struct TeachingKitDocument {
    long long id = 0;
    long long edition_id = 0;
    std::string title;
    std::string audience = "both";  // 'pupils', 'teachers' or 'both'
    int pages = 1;
    std::string file_path;            // seeded documents: a path; uploaded ones: file_id
    std::optional<long long> file_id;  // store::StoredFile
    std::string mime_type = "application/pdf";
    bool published = false;
    int downloads = 0;
    std::string created_at;
};

}  // namespace juo::domain
