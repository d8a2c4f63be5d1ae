// Upload checks and storage (see uploads.h).
#include "uploads/uploads.h"

#include "auth/crypto.h"
#include "uploads/probe.h"

namespace juo::uploads {
namespace {

std::string Mib(size_t bytes) { return std::to_string(bytes / (1024 * 1024)); }

}  // namespace

Result<CheckedFile> CheckPhoto(std::string bytes, std::string_view original_name) {
    if (bytes.empty())
        return MakeError(ErrorCode::kInvalidArgument, "choose a photo to upload", "choisissez une photo à envoyer");
    if (bytes.size() > kMaxPhotoBytes)
        return MakeError(ErrorCode::kInvalidArgument, "the photo is larger than " + Mib(kMaxPhotoBytes) + " MB",
                         "la photo dépasse " + Mib(kMaxPhotoBytes) + " Mo");
    auto image = ProbeImage(bytes);
    if (!image)
        return MakeError(ErrorCode::kInvalidArgument, "the photo must be a JPEG, PNG or WebP image",
                         "la photo doit être une image JPEG, PNG ou WebP");
    if (image->width < kMinPhotoSide || image->height < kMinPhotoSide || image->width > kMaxPhotoSide ||
        image->height > kMaxPhotoSide) {
        const std::string size = std::to_string(image->width) + "×" + std::to_string(image->height);
        const std::string range = std::to_string(kMinPhotoSide) + " – " + std::to_string(kMaxPhotoSide);
        return MakeError(ErrorCode::kInvalidArgument, "the photo is " + size + " pixels: each side must be " + range,
                         "la photo fait " + size + " pixels : chaque côté doit mesurer de " + range);
    }
    CheckedFile f;
    f.bytes = std::move(bytes);
    f.mime_type = image->mime_type;
    f.original_name = std::string(original_name.substr(0, 200));
    f.width = image->width;
    f.height = image->height;
    return f;
}

Result<CheckedFile> CheckPdf(std::string bytes, std::string_view original_name) {
    if (bytes.empty())
        return MakeError(ErrorCode::kInvalidArgument, "choose a PDF file to upload", "choisissez un fichier PDF à envoyer");
    if (bytes.size() > kMaxPdfBytes)
        return MakeError(ErrorCode::kInvalidArgument, "the file is larger than " + Mib(kMaxPdfBytes) + " MB",
                         "le fichier dépasse " + Mib(kMaxPdfBytes) + " Mo");
    auto pdf = ProbePdf(bytes);
    if (!pdf)
        return MakeError(ErrorCode::kInvalidArgument, "the file is not a complete PDF",
                         "le fichier n'est pas un PDF complet");
    CheckedFile f;
    f.bytes = std::move(bytes);
    f.mime_type = "application/pdf";
    f.original_name = std::string(original_name.substr(0, 200));
    f.pages = pdf->pages;
    return f;
}

long long SaveUpload(store::Database& db, const CheckedFile& file, std::optional<long long> uploaded_by,
                     const std::string& at) {
    store::StoredFile f;
    f.sha256 = auth::Sha256Hex(file.bytes);
    f.mime_type = file.mime_type;
    f.size_bytes = static_cast<long long>(file.bytes.size());
    f.width = file.width;
    f.height = file.height;
    f.original_name = file.original_name;
    f.content_base64 = auth::Base64UrlEncode(file.bytes);
    f.uploaded_by = uploaded_by;
    f.created_at = at;
    store::InsertStoredFile(db, f);
    return f.id;
}

Result<Download> LoadUpload(store::Database& db, long long id) {
    auto f = store::FindStoredFile(db, id, true);
    if (!f) return MakeError(ErrorCode::kNotFound, "no such file", "fichier introuvable");
    auto bytes = auth::Base64UrlDecode(f->content_base64);
    if (!bytes || static_cast<long long>(bytes->size()) != f->size_bytes)
        return MakeError(ErrorCode::kInternal, "stored file " + std::to_string(id) + " is damaged",
                         "le fichier " + std::to_string(id) + " est abîmé");
    return Download{std::move(*bytes), f->mime_type, "\"" + f->sha256 + "\""};
}

}  // namespace juo::uploads
