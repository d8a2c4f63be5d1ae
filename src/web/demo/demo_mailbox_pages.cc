// See demo_mailbox_pages.h.
#include "web/demo/demo_mailbox_pages.h"

#include "http/router.h"
#include "services/demo_mailbox.h"
#include "web/kit/i18n.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kMailbox = "/demo/courriels";
constexpr const char* kAttachment = "/demo/courriels/{id}/pieces/{n}";

std::string StatusLabel(const std::string& status, Lang lang) {
    if (status == "sent" || status == "pending" || status == "failed")
        return MsgString(lang, "demo_mail_status_" + status);
    return status;
}

std::string SizeLabel(size_t bytes, Lang lang) {
    return MsgFormat(lang, "demo_mail_kb", {FormatDecimal(static_cast<double>((bytes * 10 + 1023) / 1024) / 10, lang)});
}

PageData EmailData(const PageRequest& page, const services::DemoEmail& e) {
    const Lang lang = page.lang();
    PageData m;
    m.set("id", std::to_string(e.id));
    m.set("kind", e.kind);
    m.set("to", e.to_address);
    m.set("subject", e.subject);
    m.set("status", e.status);
    m.set("status_label", StatusLabel(e.status, lang));
    m.set("created_at", e.created_at);
    m.set("when", e.paris_date.empty()
                      ? e.created_at
                      : MsgFormat(lang, "demo_mail_at", {FormatDate(e.paris_date, lang), FormatTime(e.paris_time, lang)}));
    PageData segments(PageData::type::list);
    for (auto& piece : SplitLinks(e.body_text)) {
        PageData s;
        s.set("is_link", piece.link);
        s.set(piece.link ? "link" : "text", piece.text);
        segments.push_back(s);
    }
    m.set("segments", segments);
    PageData attachments(PageData::type::list);
    for (const auto& a : e.attachments) {
        PageData d;
        d.set("filename", a.filename);
        d.set("href", std::string(kMailbox) + "/" + std::to_string(e.id) + "/pieces/" + std::to_string(a.number));
        d.set("image", a.image);
        d.set("size", SizeLabel(a.bytes, lang));
        d.set("download_label", MsgFormat(lang, "demo_mail_download", {a.filename}));
        attachments.push_back(d);
    }
    m.set("has_attachments", !e.attachments.empty());
    m.set("attachments", attachments);
    return m;
}

http::Response MailboxPage(const PeopleContext& ctx, const http::Request& req) {
    auto admitted = AdmitPage(ctx, req, kMailbox);
    if (admitted.refusal) return *admitted.refusal;
    const PageRequest page(req);
    int number = 1;
    if (const std::string* p = req.Query("page")) {
        const long long n = ParsePositiveId(*p).value_or(0);
        if (n == 0 || n > 10'000) return ErrorPage(page, 404);
        number = static_cast<int>(n);
    }
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto found = services::ListDemoEmails(**db, number);
    if (!found.ok()) return RefusalPage(req, found.error());
    PageData d = CommonPageData(page, MsgString(page.lang(), "demo_mail_title"));
    PageData emails(PageData::type::list);
    for (const auto& e : found->emails) emails.push_back(EmailData(page, e));
    d.set("has_emails", !found->emails.empty());
    d.set("emails", emails);
    const bool newer = found->page > 1, older = found->more;
    d.set("has_pages", newer || older);
    if (newer) {
        http::ParamList params;
        if (found->page > 2) params.emplace_back("page", std::to_string(found->page - 1));
        d.set("newer_url", page.Link(kMailbox, params));
    }
    if (older) d.set("older_url", page.Link(kMailbox, {{"page", std::to_string(found->page + 1)}}));
    return PageResponse(page, 200, RenderInLayout("demo_mailbox", d));
}

http::Response AttachmentFile(const PeopleContext& ctx, const http::Request& req) {
    auto admitted = AdmitPage(ctx, req, kAttachment);
    if (admitted.refusal) return *admitted.refusal;
    const long long id = ParsePositiveId(req.PathParam("id")).value_or(0);
    const long long n = ParsePositiveId(req.PathParam("n")).value_or(0);
    if (id == 0 || n == 0 || n > 100) return ErrorPage(PageRequest(req), 404);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto file = services::DemoMailAttachment(**db, id, static_cast<int>(n));
    if (!file.ok()) {
        if (file.error().code == ErrorCode::kNotFound) return ErrorPage(PageRequest(req), 404);
        return RefusalPage(req, file.error());
    }
    // The QR code is shown in the page; the calendar file is downloaded, as a mail client offers it.
    const bool inline_image = file->content_type.rfind("image/", 0) == 0;
    return FileResponse(std::move(file->bytes), std::move(file->content_type), file->filename, !inline_image);
}

bool LinkEnd(unsigned char c) { return c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f; }

}  // namespace

std::vector<TextPiece> SplitLinks(std::string_view text) {
    std::vector<TextPiece> out;
    auto add_text = [&](std::string_view t) {
        if (t.empty()) return;
        if (!out.empty() && !out.back().link)
            out.back().text += t;
        else
            out.push_back({std::string(t), false});
    };
    size_t at = 0;
    while (at < text.size()) {
        size_t http = text.find("http", at);
        if (http == std::string_view::npos) break;
        std::string_view rest = text.substr(http);
        size_t scheme = rest.rfind("https://", 0) == 0 ? 8 : rest.rfind("http://", 0) == 0 ? 7 : 0;
        // A link starts a word: "xhttp://" is text.
        const bool starts_word = http == 0 || LinkEnd(static_cast<unsigned char>(text[http - 1])) ||
                                 text[http - 1] == '(' || text[http - 1] == '[';
        if (scheme == 0 || !starts_word) {
            add_text(text.substr(at, http + 4 - at));
            at = http + 4;
            continue;
        }
        size_t end = http + scheme;
        while (end < text.size() && !LinkEnd(static_cast<unsigned char>(text[end]))) ++end;
        while (end > http + scheme && std::string_view(".,;:!?)]'").find(text[end - 1]) != std::string_view::npos)
            --end;
        if (end == http + scheme) {  // "https://" alone
            add_text(text.substr(at, end - at));
            at = end;
            continue;
        }
        add_text(text.substr(at, http - at));
        out.push_back({std::string(text.substr(http, end - http)), true});
        at = end;
    }
    add_text(text.substr(at));
    return out;
}

void RegisterDemoMailboxPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kMailbox, [ctx](const http::Request& req) { return MailboxPage(ctx, req); });
    router.Add("GET", kAttachment, [ctx](const http::Request& req) { return AttachmentFile(ctx, req); });
}

}  // namespace juo::web
