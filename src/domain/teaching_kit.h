// Teaching-kit documents published for pupils and teachers.
//
// Thread-safety: plain values.
#pragma once

#include <string>

namespace juo::domain {

struct TeachingKitDocument {
    long long id = 0;
    long long edition_id = 0;
    std::string title;
    std::string audience = "both";  // 'pupils', 'teachers' or 'both'
    int pages = 1;
    std::string file_path;
    std::string mime_type = "application/pdf";
    bool published = false;
    int downloads = 0;
};

}  // namespace juo::domain
