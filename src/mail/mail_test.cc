// Mail tests: QR PNG structure and pixels, .ics folding and escaping, MIME composition, and the
// outbox sender end to end (a booking through the engine → its confirmation in a maildir with
// the ticket and the calendar file; a refused SMTP connection → retried later).
#include <gtest/gtest.h>
#include <qrencode.h>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "booking/engine.h"
#include "common/clock.h"
#include "mail/html_body.h"
#include "mail/ics.h"
#include "mail/mime.h"
#include "mail/qr_png.h"
#include "mail/sender.h"
#include "mail/unsubscribe.h"
#include "seed/replica.h"
#include "store/mail/outbox.h"
#include "store/users/user_repository.h"

namespace juo::mail {
namespace {

namespace fs = std::filesystem;

uint32_t U32(const std::string& s, size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

// Decodes the PNG of `text` at `scale` as a viewer would and compares every pixel with the QR code.
void ExpectPngOfQrCode(const std::string& text, int scale) {
    SCOPED_TRACE(text);
    auto png = QrPng(text, scale);
    ASSERT_TRUE(png.ok());
    ASSERT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    // Chunks with correct CRCs; IHDR first, IEND last.
    size_t at = 8;
    std::string idat;
    std::vector<std::string> types;
    uint32_t width = 0;
    while (at < png->size()) {
        uint32_t length = U32(*png, at);
        std::string type = png->substr(at + 4, 4);
        std::string data = png->substr(at + 8, length);
        uint32_t crc = U32(*png, at + 8 + length);
        std::string body = type + data;
        EXPECT_EQ(crc, crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size())) << type;
        if (type == "IHDR") width = U32(data, 0);
        if (type == "IDAT") idat += data;
        types.push_back(type);
        at += 12 + length;
    }
    ASSERT_EQ(types.front(), "IHDR");
    ASSERT_EQ(types.back(), "IEND");
    QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    ASSERT_NE(qr, nullptr);
    EXPECT_EQ(width, static_cast<uint32_t>((qr->width + 8) * scale));
    // Decompress and check pixels: the quiet zone is white, the finder pattern's corner is dark.
    uLongf raw_size = width * ((width + 7) / 8 + 1);
    std::string raw(raw_size, '\0');
    ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size,
                         reinterpret_cast<const Bytef*>(idat.data()), idat.size()),
              Z_OK);
    ASSERT_EQ(raw_size, width * ((width + 7) / 8 + 1));
    // Packed as well as compress2 packs it (QrPng keeps a stream of its own, see qr_png.cc).
    uLongf usual_size = compressBound(raw_size);
    std::string usual(usual_size, '\0');
    ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(usual.data()), &usual_size, reinterpret_cast<const Bytef*>(raw.data()),
                        raw_size, Z_BEST_SPEED),
              Z_OK);
    EXPECT_LE(idat.size(), usual_size + usual_size / 10) << "zlib's default stream: " << usual_size;
    // Undo each row's filter (PNG: 0 None, 2 Up; no other is written) as a viewer does.
    const size_t row = (width + 7) / 8 + 1;
    for (size_t y = 0; y < width; ++y) {
        const auto filter = static_cast<unsigned char>(raw[y * row]);
        ASSERT_TRUE(filter == 0 || filter == 2) << "row " << y << ": filter " << int(filter);
        if (filter == 2)
            for (size_t i = 1; i < row; ++i)
                raw[y * row + i] = static_cast<char>(raw[y * row + i] + (y > 0 ? raw[(y - 1) * row + i] : 0));
    }
    auto dark = [&](size_t x, size_t y) { return !(raw[y * row + 1 + x / 8] & (0x80 >> (x % 8))); };
    EXPECT_FALSE(dark(0, 0));
    EXPECT_TRUE(dark(4 * scale, 4 * scale));  // module (0,0) of the code, after 4 quiet modules
    // Every pixel: white in the quiet zone, else its module's colour.
    int wrong = 0;
    for (size_t y = 0; y < width; ++y)
        for (size_t x = 0; x < width; ++x) {
            const int mx = static_cast<int>(x / scale) - 4, my = static_cast<int>(y / scale) - 4;
            const bool inside = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width;
            if (dark(x, y) != (inside && (qr->data[my * qr->width + mx] & 1))) ++wrong;
        }
    EXPECT_EQ(wrong, 0);
    QRcode_free(qr);
}

TEST(QrPng, IsAValidPngWithTheCodeDrawnInside) { ExpectPngOfQrCode("JUO:ABCDEFGH23", 4); }

TEST(QrPng, EachImageOfAThreadIsWhole) {  // one zlib stream per thread, reset for each image
    ExpectPngOfQrCode("JUO:ABCDEFGH23", 8);
    ExpectPngOfQrCode("JUO:ZZZZ2345", 8);
    ExpectPngOfQrCode("https://juo.example/reservation/123456789?jeton=" + std::string(120, 'a'), 3);
    ExpectPngOfQrCode("JUO:ABCDEFGH23", 4);
}

TEST(Ics, FoldsLongLinesAndEscapesText) {
    CalendarEvent e{"booking-1@juo",
                    "2026-03-01T10:00:00Z",
                    "2026-04-04",
                    "09:30",
                    "11:00",
                    "Visite ; usine, atelier",
                    "Aciérie de Lorraine, 12 rue des Forges, 57000 Metz",
                    std::string(200, 'x')};
    std::string ics = IcsFile(e);
    EXPECT_NE(ics.find("DTSTART;TZID=Europe/Paris:20260404T093000\r\n"), std::string::npos);
    EXPECT_NE(ics.find("DTEND;TZID=Europe/Paris:20260404T110000\r\n"), std::string::npos);
    EXPECT_NE(ics.find("SUMMARY:Visite \\; usine\\, atelier\r\n"), std::string::npos);
    std::istringstream lines(ics);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        ASSERT_FALSE(line.empty());
        EXPECT_EQ(line.back(), '\r');
        EXPECT_LE(line.size() - 1, 75u) << line;
        ++count;
    }
    EXPECT_GT(count, 25);
}

TEST(Mime, ComposesAnEncodedSubjectAndAttachments) {
    Message m{"Journées <no-reply@juo.example>",   "a@example.org",  "Réservation confirmée",
              RfcDate("2026-11-25T10:00:00Z"),     "<outbox-1@juo>", "Bonjour é",
              {{"b.png", "image/png", "\x01\x02"}}};
    std::string raw = Compose(m);
    EXPECT_NE(raw.find("Subject: =?UTF-8?B?"), std::string::npos);
    EXPECT_NE(raw.find("Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"), std::string::npos);
    EXPECT_NE(raw.find("Content-Type: multipart/mixed; boundary="), std::string::npos);
    EXPECT_NE(raw.find("filename=\"b.png\""), std::string::npos);
    // The tree: mixed > (alternative > (text, html)), png.
    const size_t mixed = raw.find("multipart/mixed"), alternative = raw.find("multipart/alternative"),
                 text = raw.find("Content-Type: text/plain"), html = raw.find("Content-Type: text/html"),
                 png = raw.find("Content-Type: image/png");
    EXPECT_LT(mixed, alternative);
    EXPECT_LT(alternative, text);
    EXPECT_LT(text, html);
    EXPECT_LT(html, png);
    EXPECT_NE(png, std::string::npos);
    EXPECT_EQ(raw.find("List-Unsubscribe"), std::string::npos);  // transactional: none
    EXPECT_NE(raw.find("\r\nAQI=\r\n"), std::string::npos);  // base64 of 01 02
    EXPECT_EQ(Base64Lines("Man"), "TWFu\r\n");
    EXPECT_EQ(Base64Lines(std::string(100, 'a')).find("\r\n"), 76u);
    EXPECT_EQ(EncodeHeader("plain"), "plain");
}

// Only the display name is encoded: the address stays in clear, as RFC 5322 wants it (a whole
// mailbox in one encoded word has no address at all for a mail server or a parser).
TEST(Mime, FromAndToKeepTheAddressInClear) {
    Message m{"Journées Usines Ouvertes <no-reply@juo.example>",
              "Famille Martin <a@example.org>",
              "s",
              RfcDate("2026-11-25T10:00:00Z"),
              "<x@juo.example>",
              "b",
              {}};
    std::string raw = Compose(m);
    EXPECT_NE(raw.find("From: " + EncodeHeader("Journées Usines Ouvertes") + " <no-reply@juo.example>\r\n"),
              std::string::npos)
        << raw;
    EXPECT_NE(raw.find("To: Famille Martin <a@example.org>\r\n"), std::string::npos) << raw;
    EXPECT_EQ(FormatMailbox("no-reply@juo.example"), "no-reply@juo.example");
    EXPECT_EQ(FormatMailbox("  <no-reply@juo.example> "), "no-reply@juo.example");
    EXPECT_EQ(FormatMailbox("JUO <juo@example.org>"), "JUO <juo@example.org>");
    EXPECT_EQ(FormatMailbox("\"JUO\" <juo@example.org>"), "JUO <juo@example.org>");
    // Specials in an ASCII name: a quoted string, its quotes and backslashes escaped.
    EXPECT_EQ(FormatMailbox("Usines, Ouvertes <juo@example.org>"), "\"Usines, Ouvertes\" <juo@example.org>");
    EXPECT_EQ(FormatMailbox("J. \"U\" O. <juo@example.org>"), "\"J. \\\"U\\\" O.\" <juo@example.org>");
    auto parsed = ParseMailbox("Journées Usines Ouvertes <no-reply@juo.example>");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->display_name, "Journées Usines Ouvertes");
    EXPECT_EQ(parsed->address, "no-reply@juo.example");
    EXPECT_EQ(parsed->Domain(), "juo.example");
    for (const char* bad :
         {"", "Journées", "JUO <>", "JUO <juo@>", "JUO <@example.org>", "JUO <a b@example.org>",
          "JUO <juo@example.org", "a@b\r\nBcc: x@y", "JUO <é@example.org>"})
        EXPECT_FALSE(ParseMailbox(bad)) << bad;
    // A header never breaks on what it is given: no line break gets through.
    EXPECT_EQ(FormatMailbox("a@b\r\nBcc: x@y").find('\n'), std::string::npos);
}

class SenderTest : public ::testing::Test {
 protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("juo_mail_test_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        db_path_ = (dir_ / "juo.db").string();
        auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kCreateIfMissing));
        auto replica = *seed::GenerateReplica({});
        ASSERT_TRUE(seed::WriteReplica(*db, replica, {}).ok());
        db->sql() << "UPDATE edition SET status = 'open', registration_opens_at = NULL, "
                     "registration_closes_at = NULL";
        db->sql()
            << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE a.audience = "
               "'public' AND s.capacity_people - s.places_taken >= 4 ORDER BY s.id LIMIT 1",
            soci::into(session_);
        std::vector<domain::User> users(1);
        users[0].email = "famille@example.org";
        users[0].display_name = "Famille Martin";
        users[0].created_at = "2026-01-01T00:00:00Z";
        ASSERT_TRUE(store::InsertUsers(*db, users).ok());
        user_ = users[0].id;
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path dir_;
    std::string db_path_;
    long long session_ = 0, user_ = 0;
};

TEST_F(SenderTest, TheConfirmationLandsInTheMaildirWithTicketAndCalendar) {
    {
        booking::EngineOptions o;
        o.db_url = db_path_;
        o.durable = false;
        auto engine = std::move(*booking::BookingEngine::Start(o));
        auto booked = engine->Call(booking::Book{user_, session_, 4, domain::Audience::kPublic, "", false});
        ASSERT_TRUE(booked.ok()) << booked.error().message;
    }
    SenderOptions options;
    options.db_url = db_path_;
    options.maildir = (dir_ / "maildir").string();
    options.public_url = "https://juo.example.org";
    options.unsubscribe_secret = "the installation's secret";
    auto sender = OutboxSender::Open(options);
    ASSERT_TRUE(sender.ok()) << sender.error().message;
    auto sent = (*sender)->SendDue();
    ASSERT_TRUE(sent.ok());
    EXPECT_EQ(*sent, 1);
    EXPECT_EQ(*(*sender)->SendDue(), 0);  // sent once
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(dir_ / "maildir" / "new")) files.push_back(f.path());
    ASSERT_EQ(files.size(), 1u);
    EXPECT_TRUE(fs::is_empty(dir_ / "maildir" / "tmp"));
    std::ifstream in(files[0]);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // tests/tools/check_email.py parses this message with Python's email package (a CTest).
    if (const char* out = std::getenv("JUO_MAIL_SAMPLE_OUT")) std::ofstream(out, std::ios::binary) << raw;
    EXPECT_NE(raw.find("To: famille@example.org\r\n"), std::string::npos);
    // Folded before the address: one line would be 79 characters.
    EXPECT_NE(raw.find("From: " + EncodeHeader("Journées Usines Ouvertes") + "\r\n <no-reply@juo.localhost>\r\n"),
              std::string::npos)
        << raw.substr(0, 400);
    EXPECT_NE(raw.find("Content-Type: image/png;\r\n name=\"billet-"), std::string::npos);
    EXPECT_EQ(raw.find("List-Unsubscribe"), std::string::npos);  // a confirmation is transactional
    EXPECT_NE(raw.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
    EXPECT_NE(raw.find("filename=\"visite.ics\""), std::string::npos);
    auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
    EXPECT_EQ(store::CountEmails(*db, "sent"), 1);
    EXPECT_EQ(store::CountEmails(*db, "pending"), 0);
}

// Issue 21 (docs/adr/0017): once delivered, the outbox keeps the subject, kind and status but no
// body, so no working link (here a password-reset token) stays at rest; demo mode keeps bodies.
TEST_F(SenderTest, ASentMessageKeepsNoBodyUnlessAskedTo) {
    for (bool keep : {false, true}) {
        long long id = 0;
        {
            auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
            store::OutboxWriter writer(*db);
            store::OutgoingEmail e;
            e.kind = "password.reset";
            e.to_address = "famille@example.org";
            e.subject = "Nouveau mot de passe";
            e.body_text = "https://juo.example/compte/nouveau-mot-de-passe?jeton=0123456789abcdef";
            writer.Enqueue(e);
            id = e.id;
        }
        SenderOptions options;
        options.db_url = db_path_;
        options.maildir = (dir_ / (keep ? "kept" : "cleared")).string();
        options.keep_bodies = keep;
        auto sender = OutboxSender::Open(options);
        ASSERT_TRUE(sender.ok()) << sender.error().message;
        ASSERT_EQ(*(*sender)->SendDue(), 1);
        auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
        std::string body, subject, status;
        db->sql() << "SELECT body_text, subject, status FROM email_outbox WHERE id = :i", soci::use(id),
            soci::into(body), soci::into(subject), soci::into(status);
        EXPECT_EQ(status, "sent");
        EXPECT_EQ(subject, "Nouveau mot de passe");
        if (keep)
            EXPECT_NE(body.find("jeton="), std::string::npos);
        else
            EXPECT_EQ(body, "") << "no token at rest";
        // The message was delivered (the maildir holds it) before its body went.
        EXPECT_FALSE(fs::is_empty(fs::path(options.maildir) / "new"));
    }
}

// The Message-ID header of each message in `maildir`/new, in file name order.
std::vector<std::string> MessageIds(const fs::path& maildir) {
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(maildir / "new")) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> ids;
    for (const auto& f : files) {
        std::ifstream in(f);
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("Message-ID: ", 0) == 0)
                ids.push_back(line.substr(12, line.size() - 13));  // no \r
    }
    return ids;
}

// A Message-ID names the outbox row, under the From's domain, with the database's own random
// token: the same row sent again (a retry) keeps it, another installation's row N has another.
TEST_F(SenderTest, MessageIdsAreStableForARowAndUniqueAcrossInstallations) {
    auto enqueue = [](const std::string& path) {
        auto db = std::move(*store::Database::Open(path, store::OpenMode::kCreateIfMissing));
        store::OutboxWriter writer(*db);
        store::OutgoingEmail e;
        e.kind = "test";
        e.to_address = "x@example.org";
        e.subject = "s";
        e.body_text = "b";
        writer.Enqueue(e);
        return e.id;
    };
    auto send = [](const std::string& path, const fs::path& maildir) {
        SenderOptions options;
        options.db_url = path;
        options.maildir = maildir.string();
        options.from = "JUO <juo@mail.example.org>";
        auto sender = OutboxSender::Open(options);
        ASSERT_TRUE(sender.ok()) << sender.error().message;
        ASSERT_EQ(*(*sender)->SendDue(), 1);
    };
    const long long id = enqueue(db_path_);
    send(db_path_, dir_ / "first");
    // Sent again (as after a crash between delivery and its bookkeeping), by a new sender.
    {
        auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
        db->sql() << "UPDATE email_outbox SET status = 'pending', next_attempt_at = '2000-01-01T00:00:00Z'";
    }
    send(db_path_, dir_ / "again");  // another folder: within a second, the file name is the same
    auto ids = MessageIds(dir_ / "first");
    auto again = MessageIds(dir_ / "again");
    ASSERT_EQ(ids.size(), 1u);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(ids[0], again[0]);
    const std::string prefix = "<outbox-" + std::to_string(id) + ".";
    ASSERT_EQ(ids[0].rfind(prefix, 0), 0u) << ids[0];
    const std::string suffix = "@mail.example.org>";
    ASSERT_EQ(ids[0].size(), prefix.size() + 16 + suffix.size()) << ids[0];
    EXPECT_EQ(ids[0].substr(prefix.size() + 16), suffix);
    const std::string token = ids[0].substr(prefix.size(), 16);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;

    // Another installation: its own database, its own token.
    const std::string other = (dir_ / "other.db").string();
    const long long other_id = enqueue(other);
    send(other, dir_ / "second");
    auto other_ids = MessageIds(dir_ / "second");
    ASSERT_EQ(other_ids.size(), 1u);
    const std::string other_prefix = "<outbox-" + std::to_string(other_id) + ".";
    ASSERT_EQ(other_ids[0].rfind(other_prefix, 0), 0u) << other_ids[0];
    EXPECT_NE(other_ids[0].substr(other_prefix.size(), 16), token);
}

TEST_F(SenderTest, ABadFromAddressIsRefusedAtStart) {
    SenderOptions options;
    options.db_url = db_path_;
    options.maildir = (dir_ / "maildir").string();
    options.from = "Journées Usines Ouvertes";  // no address
    auto sender = OutboxSender::Open(options);
    ASSERT_FALSE(sender.ok());
    EXPECT_EQ(sender.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(sender.error().message.find("mail.from"), std::string::npos) << sender.error().message;
}

TEST_F(SenderTest, AnUnreachableSmtpServerMeansARetryLater) {
    {
        auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
        store::OutboxWriter writer(*db);
        store::OutgoingEmail e;
        e.kind = "test";
        e.to_address = "x@example.org";
        e.subject = "s";
        e.body_text = "b";
        writer.Enqueue(e);
    }
    SenderOptions options;
    options.db_url = db_path_;
    options.smtp_url = "smtp://127.0.0.1:1";
    auto sender = OutboxSender::Open(options);
    ASSERT_TRUE(sender.ok());
    EXPECT_EQ(*(*sender)->SendDue(), 0);
    auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
    EXPECT_EQ(store::CountEmails(*db, "pending"), 1);
    EXPECT_EQ(*(*sender)->SendDue(), 0);  // not due again before its delay
    int attempts = 0;
    db->sql() << "SELECT attempts FROM email_outbox", soci::into(attempts);
    EXPECT_EQ(attempts, 1);
    EXPECT_FALSE(OutboxSender::Open({db_path_, "", "http://nope"}).ok());
    EXPECT_FALSE(OutboxSender::Open({db_path_, "", ""}).ok());
}

// Queues `n` plain messages (no booking, no attachment) to x0@, x1@… example.org.
void EnqueueTestEmails(store::Database& db, int n) {
    store::OutboxWriter writer(db);
    for (int i = 0; i < n; ++i) {
        store::OutgoingEmail e;
        e.kind = "test";
        e.to_address = "x" + std::to_string(i) + "@example.org";
        e.subject = "s";
        e.body_text = "b";
        writer.Enqueue(e);
    }
}

// A batch of messages reaches new/ whole (one flush to disk for all of them); when new/ cannot
// take them, none is recorded as sent, none is left half-written, and they go out once it can.
TEST_F(SenderTest, ABatchLandsWholeInTheMaildirOrIsRetriedLater) {
    {
        auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
        EnqueueTestEmails(*db, 5);
    }
    const fs::path maildir = dir_ / "maildir";
    SenderOptions options;
    options.db_url = db_path_;
    options.maildir = maildir.string();
    std::string now = "2099-06-01T08:00:00Z";  // every row due
    options.now = [&now] { return now; };
    auto sender = OutboxSender::Open(options);
    ASSERT_TRUE(sender.ok()) << sender.error().message;
    fs::remove_all(maildir / "new");  // the renames fail
    EXPECT_EQ(*(*sender)->SendDue(), 0);
    auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
    EXPECT_EQ(store::CountEmails(*db, "pending"), 5);
    EXPECT_EQ(store::CountEmails(*db, "sent"), 0);
    int attempted = 0;
    db->sql() << "SELECT count(*) FROM email_outbox WHERE attempts = 1", soci::into(attempted);
    EXPECT_EQ(attempted, 5);  // each tried once, to be tried again later
    fs::create_directories(maildir / "new");
    now = "2099-06-01T09:00:00Z";  // past the retry delay
    EXPECT_EQ(*(*sender)->SendDue(), 5);
    EXPECT_EQ(store::CountEmails(*db, "sent"), 5);
    size_t delivered = 0;
    for ([[maybe_unused]] const auto& f : fs::directory_iterator(maildir / "new")) ++delivered;
    EXPECT_EQ(delivered, 5u);
    EXPECT_TRUE(fs::is_empty(maildir / "tmp"));  // the failed attempt's files removed too
}

// The sender claims the messages in the order they fell due, by an index: a claim reads its
// batch, not every message waiting (105,000 after an opening-day rush).
TEST_F(SenderTest, TheDueMessagesAreClaimedInTheOrderTheyFellDue) {
    auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
    EnqueueTestEmails(*db, 4);
    std::vector<long long> ids;
    db->sql() << "SELECT id FROM email_outbox ORDER BY id", soci::into(ids = std::vector<long long>(4));
    ASSERT_EQ(ids.size(), 4u);
    // The first message is a retry due later; the last one is not due yet.
    db->sql() << "UPDATE email_outbox SET next_attempt_at = '2030-01-01T00:05:00Z' WHERE id = :i", soci::use(ids[0]);
    db->sql() << "UPDATE email_outbox SET next_attempt_at = '2030-01-01T00:01:00Z' WHERE id IN (:a, :b)",
        soci::use(ids[1]), soci::use(ids[2]);
    db->sql() << "UPDATE email_outbox SET next_attempt_at = '2031-01-01T00:00:00Z' WHERE id = :i", soci::use(ids[3]);
    auto first = store::ClaimDueEmails(*db, "2030-06-01T00:00:00Z", "2030-06-01T00:10:00Z", 2);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].id, ids[1]);
    EXPECT_EQ(first[1].id, ids[2]);
    auto second = store::ClaimDueEmails(*db, "2030-06-01T00:00:00Z", "2030-06-01T00:10:00Z", 2);
    ASSERT_EQ(second.size(), 1u);  // the claimed ones are leased, the last one not due
    EXPECT_EQ(second[0].id, ids[0]);
    // SQLite reads the claim's rows in the index's order: no sort of every due row.
    std::string plan;
    soci::rowset<soci::row> rows = db->sql().prepare
                                   << "EXPLAIN QUERY PLAN SELECT id FROM email_outbox WHERE status = 'pending' AND "
                                      "next_attempt_at <= '2030-06-01T00:00:00Z' ORDER BY next_attempt_at, id LIMIT 100";
    for (const auto& r : rows) plan += r.get<std::string>(3) + "\n";
    EXPECT_NE(plan.find("email_outbox_pending"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

// Every line of a composed message is at most 78 characters (RFC 5322's SHOULD), but the
// List-Unsubscribe URL's own line, at most 998 (its MUST).
void ExpectShortLines(const std::string& raw) {
    size_t start = 0;
    while (start < raw.size()) {
        size_t end = raw.find("\r\n", start);
        ASSERT_NE(end, std::string::npos) << "a line without CRLF at " << start;
        const std::string line = raw.substr(start, end - start);
        EXPECT_EQ(line.find('\n'), std::string::npos) << "a bare LF in " << line;
        if (line.rfind(" <https://", 0) == 0 || line.rfind(" <http://", 0) == 0)
            EXPECT_LE(line.size(), 998u) << line;
        else
            EXPECT_LE(line.size(), 78u) << line;
        start = end + 2;
    }
}

// Decodes the base64 body of the first part of type `type` in `raw`.
std::string DecodedPart(const std::string& raw, const std::string& type) {
    const size_t header = raw.find("Content-Type: " + type);
    if (header == std::string::npos) return "";
    const size_t body = raw.find("\r\n\r\n", header) + 4;
    const size_t end = raw.find("--", body);
    std::string b64;
    for (size_t i = body; i < end; ++i)
        if (raw[i] != '\r' && raw[i] != '\n') b64 += raw[i];
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int bits = 0, value = 0;
    for (char c : b64) {
        if (c == '=') break;
        value = (value << 6) | static_cast<int>(kAlphabet.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((value >> bits) & 0xFF);
        }
    }
    return out;
}

TEST(Mime, EveryMessageHasATextAndAnHtmlPart) {
    Message m{"Journées <no-reply@juo.example>", "a@example.org", "Réservation <confirmée>",
              RfcDate("2026-11-25T10:00:00Z"), "<outbox-1.x@juo.example>",
              "Bonjour Zoé & Léo,\n\nVotre réservation est confirmée.\nVos réservations : "
              "https://juo.example/compte/reservations?a=1&b=2.\n\n---\n\nHello Zoé & Léo,\n\nYour booking "
              "is confirmed: <b>4</b> people.\nYour bookings: https://juo.example/compte/reservations\n",
              {}};
    const std::string raw = Compose(m);
    ExpectShortLines(raw);
    // No attachment: the alternative is the message itself.
    EXPECT_NE(raw.find("MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"juo-alt-"),
              std::string::npos)
        << raw.substr(0, 600);
    EXPECT_EQ(raw.find("multipart/mixed"), std::string::npos);
    EXPECT_EQ(DecodedPart(raw, "text/plain"), m.body_text);
    const std::string html = DecodedPart(raw, "text/html");
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"fr\">", 0), 0u) << html;
    EXPECT_NE(html.find("<title>Réservation &lt;confirmée&gt;</title>"), std::string::npos);
    const size_t fr = html.find("<div lang=\"fr\""), en = html.find("<div lang=\"en\"");
    ASSERT_NE(fr, std::string::npos);
    ASSERT_NE(en, std::string::npos);
    EXPECT_LT(fr, en);
    EXPECT_NE(html.find("Bonjour Zoé &amp; Léo,"), std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;4&lt;/b&gt;"), std::string::npos);  // text stays text
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    // Links: the address as <a>, escaped, the sentence's full stop left out.
    EXPECT_NE(html.find("<a href=\"https://juo.example/compte/reservations?a=1&amp;b=2\""), std::string::npos) << html;
    EXPECT_NE(html.find("b=2</a>.</p>"), std::string::npos) << html;
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("---"), std::string::npos);
    EXPECT_EQ(raw.find("List-Unsubscribe"), std::string::npos);
}

TEST(Mime, AnEnglishRecipientsMailStartsInEnglish) {
    auto sections = SplitSections("Hello Ann,\n\nYour booking is confirmed.\n\n---\n\nBonjour Ann,\n\nVotre "
                                  "réservation est confirmée.");
    ASSERT_EQ(sections.size(), 2u);
    EXPECT_EQ(sections[0].lang, "en");
    EXPECT_EQ(sections[1].lang, "fr");
    EXPECT_EQ(sections[1].text, "Bonjour Ann,\n\nVotre réservation est confirmée.");
    // The host e-mails put the rule after a single line end.
    auto host = SplitSections("Votre usine est validée.\n\nhttps://x/usine\n---\n\nYour factory is approved.\n");
    ASSERT_EQ(host.size(), 2u);
    EXPECT_EQ(host[0].lang, "fr");
    EXPECT_EQ(host[1].lang, "en");
    EXPECT_EQ(GuessLanguage("Bonjour, votre visite"), "fr");
    EXPECT_EQ(GuessLanguage("Hello, your visit is tomorrow"), "en");
    EXPECT_EQ(GuessLanguage(""), "fr");
    EXPECT_EQ(HtmlBody("Hello,\n\nsee you on the day", "s").find("<html lang=\"en\">"), 16u);
}

TEST(Mime, ABulkMessageCarriesListUnsubscribeAndTheFooter) {
    Message m{"JUO <no-reply@juo.example>", "a@example.org", "À demain", RfcDate("2026-11-25T10:00:00Z"),
              "<outbox-2.x@juo.example>", "Bonjour,\n\nÀ demain !\n\n---\n\nHello,\n\nSee you tomorrow!", {}};
    m.unsubscribe_url = "https://juo.example/desabonnement?liste=reminder&adresse=a%40example.org&jeton=abc";
    std::string raw = Compose(m);
    ExpectShortLines(raw);
    EXPECT_NE(raw.find("List-Unsubscribe:\r\n <" + m.unsubscribe_url + ">\r\n"), std::string::npos) << raw;
    EXPECT_NE(raw.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
    const std::string text = DecodedPart(raw, "text/plain");
    EXPECT_NE(text.find("\n-- \nNe plus recevoir ce type d'e-mail : " + m.unsubscribe_url + "\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("Stop receiving this kind of e-mail: " + m.unsubscribe_url), std::string::npos);
    const std::string html = DecodedPart(raw, "text/html");
    EXPECT_NE(html.find("<a href=\"https://juo.example/desabonnement?liste=reminder&amp;adresse=a%40example.org&amp;"
                        "jeton=abc\""),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<p lang=\"fr\""), std::string::npos);
    EXPECT_NE(html.find("<p lang=\"en\""), std::string::npos);
    // An http URL (a local server): the header, but no one-click (RFC 8058 wants https).
    m.unsubscribe_url = "http://127.0.0.1:8080/desabonnement?liste=survey&adresse=a%40example.org&jeton=abc";
    raw = Compose(m);
    EXPECT_NE(raw.find("List-Unsubscribe:\r\n <http://127.0.0.1:8080/"), std::string::npos);
    EXPECT_EQ(raw.find("List-Unsubscribe-Post"), std::string::npos);
    // No header injection through the URL.
    m.unsubscribe_url = "https://x/\r\nBcc: y@z";
    raw = Compose(m);
    EXPECT_EQ(raw.find("\r\nBcc:"), std::string::npos);
}

TEST(Unsubscribe, BulkKindsOnly) {
    EXPECT_EQ(BulkListOf("booking.reminder"), kReminderList);
    EXPECT_EQ(BulkListOf("survey"), kSurveyList);
    for (const char* transactional : {"booking.confirmed", "booking.changed", "booking.cancelled", "waitlist.offer",
                                      "group_accepted", "group_refused", "account.confirm", "account.reset", "test"})
        EXPECT_FALSE(BulkListOf(transactional)) << transactional;
    UnsubscribeLinks links("k");
    EXPECT_TRUE(links.Check("survey", "A@B.org", links.Token("survey", "a@b.org")));
    EXPECT_FALSE(links.Check("survey", "a@b.org", ""));
    EXPECT_FALSE(links.Check("survey", "a@b.org", links.Token("reminder", "a@b.org")));
}

// A reminder goes out with List-Unsubscribe (the bulk list "reminder"), signed for its address;
// the confirmation of the same booking, sent by the same sender, has none. Both are written for
// tests/tools/check_email.py when JUO_MAIL_REMINDER_OUT / JUO_MAIL_SAMPLE_OUT are set.
TEST_F(SenderTest, AReminderCarriesListUnsubscribeAndTheConfirmationNone) {
    std::string day;
    {
        auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
        db->sql() << "SELECT day_date FROM session WHERE id = :s", soci::use(session_), soci::into(day);
    }
    std::string now = UtcIsoPlusSeconds(day + "T08:00:00Z", -3 * 24 * 3600);
    {
        booking::EngineOptions o;
        o.db_url = db_path_;
        o.durable = false;
        o.remind_every = std::chrono::milliseconds(0);
        o.now = [&now] { return now; };
        auto engine = std::move(*booking::BookingEngine::Start(o));
        ASSERT_TRUE(engine->Call(booking::Book{user_, session_, 2, domain::Audience::kPublic, "", false}).ok());
        now = UtcIsoPlusSeconds(day + "T08:00:00Z", -24 * 3600);
        auto reminded = engine->Call(booking::SendReminders{100000});
        ASSERT_TRUE(reminded.ok()) << reminded.error().message;
    }
    {
        // The seed's other bookings of that day are reminded too: only this user's two e-mails stay.
        auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
        db->sql() << "DELETE FROM email_outbox WHERE to_address <> 'famille@example.org'";
    }
    SenderOptions options;
    options.db_url = db_path_;
    options.maildir = (dir_ / "maildir").string();
    options.public_url = "https://juo.example.org";
    options.unsubscribe_secret = "the installation's secret";
    auto sender = OutboxSender::Open(options);
    ASSERT_TRUE(sender.ok()) << sender.error().message;
    ASSERT_EQ(*(*sender)->SendDue(), 2);
    std::string confirmation, reminder;
    for (const auto& f : fs::directory_iterator(dir_ / "maildir" / "new")) {
        std::ifstream in(f.path(), std::ios::binary);
        std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        (raw.find("filename=\"billet-") != std::string::npos && raw.find("List-Unsubscribe") == std::string::npos
             ? confirmation
             : reminder) = raw;
    }
    ASSERT_FALSE(confirmation.empty());
    ASSERT_FALSE(reminder.empty());
    if (const char* out = std::getenv("JUO_MAIL_REMINDER_OUT")) std::ofstream(out, std::ios::binary) << reminder;
    ExpectShortLines(confirmation);
    ExpectShortLines(reminder);
    EXPECT_EQ(confirmation.find("List-Unsubscribe"), std::string::npos);
    const UnsubscribeLinks links(options.unsubscribe_secret);
    const std::string url = links.Url("https://juo.example.org", "reminder", "famille@example.org");
    EXPECT_NE(reminder.find("List-Unsubscribe:\r\n <" + url + ">\r\n"), std::string::npos) << reminder.substr(0, 900);
    EXPECT_NE(reminder.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
    EXPECT_NE(DecodedPart(reminder, "text/plain").find(url), std::string::npos);
    // The reminder names a booking: its ticket and calendar ride along, under multipart/mixed.
    EXPECT_NE(reminder.find("multipart/mixed"), std::string::npos);
    EXPECT_NE(reminder.find("multipart/alternative"), std::string::npos);
}

// Booked, changed and cancelled before the sender runs (a backlog, an SMTP outage): each e-mail
// still carries the event as it announced it — the confirmation PUBLISH with SEQUENCE 0 and the
// ticket, the change SEQUENCE 1, the cancellation CANCEL with SEQUENCE 2 — not three cancellations.
TEST_F(SenderTest, ALateSenderAttachesTheEventAsEachEmailAnnouncedIt) {
    std::string day;
    {
        auto db = std::move(*store::Database::Open(db_path_, store::OpenMode::kMustExist));
        db->sql() << "SELECT day_date FROM session WHERE id = :s", soci::use(session_), soci::into(day);
    }
    {
        booking::EngineOptions o;
        o.db_url = db_path_;
        o.durable = false;
        o.remind_every = std::chrono::milliseconds(0);
        o.now = [day] { return UtcIsoPlusSeconds(day + "T08:00:00Z", -3 * 24 * 3600); };  // before the tour
        auto engine = std::move(*booking::BookingEngine::Start(o));
        auto booked = engine->Call(booking::Book{user_, session_, 3, domain::Audience::kPublic, "", false});
        ASSERT_TRUE(booked.ok()) << booked.error().message;
        const long long id = booked->booking->id;
        auto changed = engine->Call(booking::ChangePeople{user_, id, 2});
        ASSERT_TRUE(changed.ok()) << changed.error().message;
        auto cancelled = engine->Call(booking::Cancel{user_, id, false});
        ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
    }
    SenderOptions options;
    options.db_url = db_path_;
    options.maildir = (dir_ / "maildir").string();
    auto sender = OutboxSender::Open(options);
    ASSERT_TRUE(sender.ok()) << sender.error().message;
    ASSERT_EQ(*(*sender)->SendDue(), 3);
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(dir_ / "maildir" / "new")) files.push_back(f.path());
    // By outbox row (the name ends with "_ID"), in the order they were written.
    auto row = [](const fs::path& p) { return std::stoll(p.filename().string().substr(p.filename().string().rfind('_') + 1)); };
    std::sort(files.begin(), files.end(), [&](const auto& a, const auto& b) { return row(a) < row(b); });
    ASSERT_EQ(files.size(), 3u);
    std::vector<std::string> ics;
    std::vector<bool> png;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ics.push_back(DecodedPart(raw, "text/calendar"));
        png.push_back(raw.find("Content-Type: image/png") != std::string::npos);
    }
    EXPECT_NE(ics[0].find("METHOD:PUBLISH"), std::string::npos) << ics[0];
    EXPECT_NE(ics[0].find("SEQUENCE:0\r\n"), std::string::npos) << ics[0];
    EXPECT_NE(ics[1].find("METHOD:PUBLISH"), std::string::npos) << ics[1];
    EXPECT_NE(ics[1].find("SEQUENCE:1\r\n"), std::string::npos) << ics[1];
    EXPECT_NE(ics[2].find("METHOD:CANCEL"), std::string::npos) << ics[2];
    EXPECT_NE(ics[2].find("SEQUENCE:2\r\n"), std::string::npos) << ics[2];
    EXPECT_NE(ics[2].find("STATUS:CANCELLED"), std::string::npos) << ics[2];
    // The ticket is cancelled by the time they go: no QR code in any of them.
    EXPECT_FALSE(png[0] || png[1] || png[2]);
}

}  // namespace
}  // namespace juo::mail
