// Account e-mails.
#include "services/account_emails.h"

#include <cctype>

namespace juo::services {
namespace {

store::OutgoingEmail Email(const auth::EmailedToken& t, std::string kind, const std::string& subject_fr,
                           const std::string& subject_en, const std::string& fr, const std::string& en) {
    store::OutgoingEmail e;
    e.kind = std::move(kind);
    e.to_address = t.email;
    const bool english = t.locale == "en";
    e.subject = english ? subject_en : subject_fr;
    e.body_text = english ? en + "\n\n---\n\n" + fr : fr + "\n\n---\n\n" + en;
    return e;
}

// `text` percent-encoded for a query string value (unreserved characters and '/' kept).
std::string QueryValue(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

}  // namespace

store::OutgoingEmail ConfirmAddressEmail(const auth::EmailedToken& t, const std::string& base_url,
                                         const std::string& next) {
    std::string link = base_url + "/compte/confirmation?jeton=" + t.token;
    if (!next.empty()) link += "&next=" + QueryValue(next);
    return Email(
        t, "account.confirm", "Confirmez votre adresse e-mail", "Confirm your e-mail address",
        "Bonjour " + t.display_name +
            ",\n\nBienvenue sur les Journées Usines Ouvertes. Confirmez votre adresse pour activer votre "
            "compte (lien valable 48 heures) :\n" +
            link + "\n\nSi vous n'avez pas créé de compte, ignorez ce message.",
        "Hello " + t.display_name +
            ",\n\nWelcome to the Journées Usines Ouvertes. Confirm your address to activate your account "
            "(the link is valid for 48 hours):\n" +
            link + "\n\nIf you did not create an account, ignore this message.");
}

store::OutgoingEmail ResetPasswordEmail(const auth::EmailedToken& t, const std::string& base_url) {
    const std::string link = base_url + "/compte/nouveau-mot-de-passe?jeton=" + t.token;
    return Email(
        t, "account.reset", "Nouveau mot de passe", "New password",
        "Bonjour " + t.display_name +
            ",\n\nPour choisir un nouveau mot de passe (lien valable une heure) :\n" + link +
            "\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.",
        "Hello " + t.display_name + ",\n\nTo choose a new password (the link is valid for one hour):\n" +
            link + "\n\nIf you did not ask for it, ignore this message: your password stays the same.");
}

}  // namespace juo::services
