// Sign-up, e-mail confirmation, login and password reset.
#include "auth/accounts.h"

#include <span>

#include "auth/crypto.h"
#include "auth/email.h"
#include "auth/guard.h"
#include "common/clock.h"
#include "store/users/account_repository.h"
#include "store/users/user_repository.h"

namespace juo::auth {

using internal::Guarded;

namespace {

const std::string kConfirmEmail = "confirm_email";
const std::string kResetPassword = "reset_password";
// A guest's password waiting for the address to be confirmed (see accounts.h).
constexpr std::string_view kPendingPrefix = "pending:";

// A user without a usable password: a guest, or a guest whose sign-up waits for confirmation.
bool IsGuestHash(const std::string& hash) { return hash.empty() || hash.rfind(kPendingPrefix, 0) == 0; }

Error WrongCredentials() {
    return MakeError(ErrorCode::kUnauthenticated, "wrong e-mail address or password",
                     "Adresse e-mail ou mot de passe incorrect.");
}

Result<std::string> CheckDisplayName(std::string_view name) {
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (name.empty())
        return MakeError(ErrorCode::kInvalidArgument, "the name is empty", "Indiquez votre nom.");
    if (name.size() > 100)
        return MakeError(ErrorCode::kInvalidArgument, "the name is longer than 100 characters",
                         "Le nom dépasse 100 caractères.");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f)
            return MakeError(ErrorCode::kInvalidArgument, "the name contains a control character",
                             "Le nom contient un caractère invalide.");
    return std::string(name);
}

Result<std::string> CheckLocale(std::string_view locale) {
    if (locale.empty()) return std::string("fr");
    if (locale == "fr" || locale == "en") return std::string(locale);
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown language '" + std::string(locale) + "': use fr or en",
                     "Langue inconnue « " + std::string(locale) + " » : choisissez fr ou en.");
}

Status CheckSignUpRole(domain::Role role) {
    switch (role) {
        case domain::Role::kVisitor:
        case domain::Role::kTeacher:
        case domain::Role::kAdviser:
        case domain::Role::kHost:
            return Ok();
        case domain::Role::kRelay:
        case domain::Role::kOrganiser:
            break;
    }
    return MakeError(
        ErrorCode::kInvalidArgument,
        "one cannot sign up as " + std::string(domain::ToCode(role)) + ": an organiser grants that role",
        "Ce rôle ne s'obtient pas à l'inscription : un organisateur l'attribue.");
}

}  // namespace

Accounts::Accounts(AccountsConfig config, Clock clock) : config_(config), clock_(std::move(clock)) {}

Result<PreparedSignUp> Accounts::PrepareSignUp(const SignUpRequest& request) const {
    auto email = NormaliseEmail(request.email);
    if (!email.ok()) return email.error();
    auto name = CheckDisplayName(request.display_name);
    if (!name.ok()) return name.error();
    auto locale = CheckLocale(request.locale);
    if (!locale.ok()) return locale.error();
    JUO_TRY(CheckSignUpRole(request.role));
    auto hash = HashPassword(request.password, config_.password_cost);
    if (!hash.ok()) return hash.error();
    return PreparedSignUp{*email, *name, *locale, request.role, *hash};
}

Result<EmailedToken> Accounts::SignUp(store::Database& db, const PreparedSignUp& p) const {
    return Guarded<EmailedToken>(db, [&]() -> Result<EmailedToken> {
        auto existing = store::FindAccountByEmail(db, p.email);
        if (existing && IsGuestHash(existing->password_hash)) {
            // A guest signs up: the password waits for the address to be confirmed, and earlier
            // links stop working so that the one followed goes with this password.
            store::UpdatePasswordHash(db, existing->id, std::string(kPendingPrefix) + p.password_hash);
            store::RetireAuthTokens(db, existing->id, kConfirmEmail, UtcIsoFromEpoch(clock_()));
            store::GrantRoleIfMissing(db, existing->id, std::string(domain::ToCode(p.role)));
            EmailedToken out{existing->id, existing->email, existing->display_name, existing->locale, {}};
            out.token = IssueToken(db, existing->id, kConfirmEmail, config_.confirmation_ttl_seconds);
            return out;
        }
        if (store::EmailInUse(db, p.email))
            return MakeError(ErrorCode::kConflict, "an account already uses " + p.email,
                             "Un compte existe déjà avec l'adresse " + p.email +
                                 ". Connectez-vous ou demandez un nouveau mot de passe.");
        domain::User user;
        user.email = p.email;
        user.display_name = p.display_name;
        user.password_hash = p.password_hash;
        user.locale = p.locale;
        user.created_at = UtcIsoFromEpoch(clock_());
        user.roles.push_back(domain::RoleGrant{p.role, {}, std::nullopt});
        JUO_TRY(store::InsertUsers(db, std::span<domain::User>(&user, 1)));
        EmailedToken out{user.id, user.email, user.display_name, user.locale, {}};
        out.token = IssueToken(db, user.id, kConfirmEmail, config_.confirmation_ttl_seconds);
        return out;
    });
}

Result<EmailedToken> Accounts::SignUp(store::Database& db, const SignUpRequest& request) const {
    auto prepared = PrepareSignUp(request);
    if (!prepared.ok()) return prepared.error();
    return SignUp(db, *prepared);
}

Result<ConfirmedAddress> Accounts::ConfirmAddress(store::Database& db, std::string_view token) const {
    auto user_id = ConsumeToken(db, token, kConfirmEmail);
    if (!user_id.ok()) return user_id.error();
    return Guarded<ConfirmedAddress>(db, [&]() -> Result<ConfirmedAddress> {
        ConfirmedAddress out{*user_id, false};
        auto account = store::FindAccountById(db, *user_id);
        if (account && account->password_hash.rfind(kPendingPrefix, 0) == 0) {
            store::UpdatePasswordHash(db, *user_id, account->password_hash.substr(kPendingPrefix.size()));
            out.password_set = true;
        }
        store::MarkEmailConfirmed(db, *user_id, UtcIsoFromEpoch(clock_()));
        return out;
    });
}

Result<long long> Accounts::ConfirmEmail(store::Database& db, std::string_view token) const {
    auto confirmed = ConfirmAddress(db, token);
    if (!confirmed.ok()) return confirmed.error();
    return confirmed->user_id;
}

Result<std::optional<EmailedToken>> Accounts::ResendConfirmation(store::Database& db,
                                                                 std::string_view email_text) const {
    auto email = NormaliseEmail(email_text);
    if (!email.ok()) return email.error();
    return Guarded<std::optional<EmailedToken>>(db, [&]() -> Result<std::optional<EmailedToken>> {
        auto account = store::FindAccountByEmail(db, *email);
        if (!account || !account->email_confirmed_at.empty()) return std::optional<EmailedToken>{};
        EmailedToken out{account->id, account->email, account->display_name, account->locale, {}};
        out.token = IssueToken(db, account->id, kConfirmEmail, config_.confirmation_ttl_seconds);
        return std::optional<EmailedToken>(std::move(out));
    });
}

Result<long long> Accounts::Login(store::Database& db, std::string_view email_text,
                                  std::string_view password) const {
    auto email = NormaliseEmail(email_text);
    if (!email.ok()) return email.error();
    auto account = Guarded<std::optional<store::AccountRow>>(
        db,
        [&]() -> Result<std::optional<store::AccountRow>> { return store::FindAccountByEmail(db, *email); });
    if (!account.ok()) return account.error();
    if (!account->has_value() || IsGuestHash((*account)->password_hash)) {
        (void)VerifyPassword(DecoyHash(), password);  // same work as a real check
        return WrongCredentials();
    }
    const store::AccountRow& row = **account;
    if (!VerifyPassword(row.password_hash, password)) return WrongCredentials();
    if (row.email_confirmed_at.empty())
        return MakeError(ErrorCode::kForbidden,
                         "the e-mail address " + row.email + " is not confirmed yet: follow the link we sent",
                         "Votre adresse e-mail " + row.email +
                             " n'est pas encore confirmée : suivez le lien que nous vous avons envoyé.");
    if (PasswordNeedsRehash(row.password_hash, config_.password_cost)) {
        auto rehash = HashPassword(password, config_.password_cost);
        // A password accepted under older, looser rules keeps its old hash rather than locking
        // its owner out.
        if (rehash.ok()) {
            auto updated = Guarded<Unit>(db, [&]() -> Status {
                store::UpdatePasswordHash(db, row.id, *rehash);
                return Ok();
            });
            if (!updated.ok()) return updated.error();
        }
    }
    return row.id;
}

Result<std::optional<EmailedToken>> Accounts::RequestPasswordReset(store::Database& db,
                                                                   std::string_view email_text) const {
    auto email = NormaliseEmail(email_text);
    if (!email.ok()) return email.error();
    // Both branches make one SELECT and one token (random bytes and a SHA-256); only a known
    // address adds one INSERT, which is far below the network's noise.
    std::string token = NewToken();
    std::string token_hash = Sha256Hex(token);
    return Guarded<std::optional<EmailedToken>>(db, [&]() -> Result<std::optional<EmailedToken>> {
        auto account = store::FindAccountByEmail(db, *email);
        if (!account) return std::optional<EmailedToken>{};
        long long now = clock_();
        store::InsertAuthToken(db, account->id, kResetPassword, token_hash, UtcIsoFromEpoch(now),
                               UtcIsoFromEpoch(now + config_.reset_ttl_seconds));
        return std::optional<EmailedToken>(
            EmailedToken{account->id, account->email, account->display_name, account->locale, token});
    });
}

Result<PreparedPassword> Accounts::PreparePassword(std::string_view new_password) const {
    auto hash = HashPassword(new_password, config_.password_cost);  // checks the rules first
    if (!hash.ok()) return hash.error();
    return PreparedPassword{*hash};
}

Result<long long> Accounts::CheckResetToken(store::Database& db, std::string_view token) const {
    return ConsumeToken(db, token, kResetPassword, false);
}

Result<long long> Accounts::ResetPassword(store::Database& db, SessionStore& sessions, std::string_view token,
                                          const PreparedPassword& password) const {
    auto user_id = ConsumeToken(db, token, kResetPassword);
    if (!user_id.ok()) return user_id.error();
    auto updated = Guarded<long long>(db, [&]() -> Result<long long> {
        std::string now = UtcIsoFromEpoch(clock_());
        store::UpdatePasswordHash(db, *user_id, password.hash);
        store::RetireAuthTokens(db, *user_id, kResetPassword, now);
        store::MarkEmailConfirmed(db, *user_id, now);
        return *user_id;
    });
    if (!updated.ok()) return updated.error();
    auto revoked = sessions.RevokeUserSessions(db, *user_id);
    if (!revoked.ok()) return revoked.error();
    return *user_id;
}

Result<long long> Accounts::ResetPassword(store::Database& db, SessionStore& sessions, std::string_view token,
                                          std::string_view new_password) const {
    // Check the password and the link before hashing, and hash before spending the token, so a
    // refused password leaves the link usable.
    JUO_TRY(CheckPasswordRules(new_password));
    JUO_TRY(CheckResetToken(db, token));
    auto prepared = PreparePassword(new_password);
    if (!prepared.ok()) return prepared.error();
    return ResetPassword(db, sessions, token, *prepared);
}

Result<long long> Accounts::ConsumeToken(store::Database& db, std::string_view token,
                                         const std::string& purpose, bool consume) const {
    Error unknown = MakeError(ErrorCode::kNotFound, "this link is not valid: check that it was copied whole",
                              "Ce lien n'est pas valide : vérifiez qu'il a été copié en entier.");
    if (!IsTokenShaped(token)) return unknown;
    const std::string hash = Sha256Hex(token);
    return Guarded<long long>(db, [&]() -> Result<long long> {
        auto row = store::FindAuthToken(db, hash, purpose);
        if (!row) return unknown;
        if (!row->used_at.empty())
            return MakeError(ErrorCode::kConflict, "this link was already used",
                             "Ce lien a déjà été utilisé.");
        long long now = clock_();
        auto expires_at = ParseUtcIso(row->expires_at);
        if (!expires_at || *expires_at <= now)
            return MakeError(ErrorCode::kInvalidArgument, "this link has expired: ask for a new one",
                             "Ce lien a expiré : demandez-en un nouveau.");
        if (consume && !store::MarkAuthTokenUsed(db, row->id, UtcIsoFromEpoch(now)))
            return MakeError(ErrorCode::kConflict, "this link was already used",
                             "Ce lien a déjà été utilisé.");
        return row->user_id;
    });
}

std::string Accounts::IssueToken(store::Database& db, long long user_id, const std::string& purpose,
                                 long long ttl_seconds) const {
    std::string token = NewToken();
    long long now = clock_();
    store::InsertAuthToken(db, user_id, purpose, Sha256Hex(token), UtcIsoFromEpoch(now),
                           UtcIsoFromEpoch(now + ttl_seconds));
    return token;
}

const std::string& Accounts::DecoyHash() const {
    std::call_once(decoy_once_, [&] {
        auto hash = HashPassword(RandomBytes(24) + "-decoy", config_.password_cost);
        decoy_hash_ = hash.ok() ? *hash : std::string();
    });
    return decoy_hash_;
}

}  // namespace juo::auth
