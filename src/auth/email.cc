// E-mail normalisation and validation.
#include "auth/email.h"

#include "domain/user.h"

namespace juo::auth {

Result<std::string> NormaliseEmail(std::string_view raw) {
    auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!raw.empty() && is_space(raw.front())) raw.remove_prefix(1);
    while (!raw.empty() && is_space(raw.back())) raw.remove_suffix(1);
    if (raw.empty())
        return MakeError(ErrorCode::kInvalidArgument, "the e-mail address is empty",
                         "Indiquez votre adresse e-mail.");
    std::string email(raw);
    for (char& c : email) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (unsigned char c : email) {
        if (c < 0x20 || c == 0x7f)
            return MakeError(ErrorCode::kInvalidArgument, "the e-mail address contains a control character",
                             "L'adresse e-mail contient un caractère invalide.");
    }
    if (email.size() > 254)
        return MakeError(ErrorCode::kInvalidArgument, "the e-mail address is longer than 254 characters",
                         "L'adresse e-mail dépasse 254 caractères.");
    auto at = email.find('@');
    if (!domain::IsPlausibleEmail(email) || at > 64)
        return MakeError(ErrorCode::kInvalidArgument, "'" + email + "' is not a valid e-mail address",
                         "« " + email + " » n'est pas une adresse e-mail valide.");
    return email;
}

}  // namespace juo::auth
