// The demo mailbox (demo_mailbox.h): the outbox read newest first, attachments as the sender makes them.
#include "services/demo_mailbox.h"

#include <cstdio>

#include "common/clock.h"
#include "common/paris_time.h"
#include "mail/attachments.h"
#include "store/bookings/capacity_store.h"
#include "store/mail/outbox.h"

namespace juo::services {
namespace {

constexpr int kMaxPage = 10'000;

// The attachments of a message: none unless it names a booking. `lookups` is made on first use
// (preparing its statements costs a little; most pages hold few booking e-mails).
std::vector<mail::Attachment> AttachmentsOf(Db& db, const store::OutgoingEmail& email,
                                            std::unique_ptr<store::CapacityStore>& lookups) {
    if (!email.booking_id) return {};
    if (!lookups) lookups = std::make_unique<store::CapacityStore>(db);
    return mail::BookingAttachments(*lookups, *email.booking_id, email.created_at, email.id, email.kind);
}

DemoEmail ToDemoEmail(const store::OutboxMessage& m, const std::vector<mail::Attachment>& attachments) {
    DemoEmail e;
    e.id = m.email.id;
    e.kind = m.email.kind;
    e.to_address = m.email.to_address;
    e.subject = m.email.subject;
    e.body_text = m.email.body_text;
    e.status = m.status;
    e.created_at = m.email.created_at;
    if (auto local = ParisLocalSeconds(m.email.created_at)) {
        e.paris_date = ParisDateOf(m.email.created_at);
        const long long in_day = ((*local % 86400) + 86400) % 86400;
        char hhmm[8];
        std::snprintf(hhmm, sizeof hhmm, "%02lld:%02lld", in_day / 3600, in_day / 60 % 60);
        e.paris_time = hhmm;
    }
    int number = 0;
    for (const auto& a : attachments)
        e.attachments.push_back(
            {++number, a.filename, a.content_type, a.content_type.rfind("image/", 0) == 0, a.bytes.size()});
    return e;
}

}  // namespace

Result<DemoMailboxPage> ListDemoEmails(Db& db, int page) {
    if (page < 1 || page > kMaxPage)
        return MakeError(ErrorCode::kInvalidArgument, "the page must be a whole number from 1 to 10000",
                         "la page doit être un nombre entier de 1 à 10000");
    return Guarded<DemoMailboxPage>(db, [&](Db& d) {
        DemoMailboxPage out;
        out.page = page;
        auto rows = store::ListLatestEmails(d, kDemoMailboxPageSize + 1, (page - 1) * kDemoMailboxPageSize);
        if (rows.size() > static_cast<size_t>(kDemoMailboxPageSize)) {
            out.more = true;
            rows.pop_back();
        }
        std::unique_ptr<store::CapacityStore> lookups;
        for (const auto& m : rows) out.emails.push_back(ToDemoEmail(m, AttachmentsOf(d, m.email, lookups)));
        return out;
    });
}

Result<DemoAttachmentFile> DemoMailAttachment(Db& db, long long email_id, int number) {
    auto found = Guarded<std::optional<DemoAttachmentFile>>(db, [&](Db& d) -> std::optional<DemoAttachmentFile> {
        auto m = store::FindEmail(d, email_id);
        if (!m) return std::nullopt;
        std::unique_ptr<store::CapacityStore> lookups;
        auto attachments = AttachmentsOf(d, m->email, lookups);
        if (number < 1 || static_cast<size_t>(number) > attachments.size()) return std::nullopt;
        auto& a = attachments[static_cast<size_t>(number - 1)];
        return DemoAttachmentFile{std::move(a.filename), std::move(a.content_type), std::move(a.bytes)};
    });
    if (!found.ok()) return found.error();
    if (!*found)
        return MakeError(ErrorCode::kNotFound, "no such message or attachment", "pas de tel message ou pièce jointe");
    return std::move(**found);
}

}  // namespace juo::services
