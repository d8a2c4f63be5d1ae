// Micro-benchmarks of a booking confirmation's composition, the outbox sender's own work per
// e-mail apart from the database and the maildir: the QR code alone (libqrencode), the ticket's
// PNG (QR code, rows, zlib), and the whole message (PNG, .ics, MIME with its HTML part).
#include <benchmark/benchmark.h>
#include <qrencode.h>

#include <string>

#include "mail/ics.h"
#include "mail/mime.h"
#include "mail/qr_png.h"

namespace {

// A ticket code of the usual length, different at each call (as the outbox sees them).
std::string NextTicket() {
    static long n = 0;
    std::string code = std::to_string(1000000 + (n++ % 9000000));
    return "JUO:K" + code + "XYZ";
}

void BM_QrCode(benchmark::State& state) {
    for (auto _ : state) {
        QRcode* qr = QRcode_encodeString(NextTicket().c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        benchmark::DoNotOptimize(qr);
        QRcode_free(qr);
    }
}
BENCHMARK(BM_QrCode);

void BM_QrPng(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(juo::mail::QrPng(NextTicket()));
}
BENCHMARK(BM_QrPng);

void BM_BookingEmail(benchmark::State& state) {
    juo::mail::Message m;
    m.from = "Journées Usines Ouvertes <no-reply@juo.example>";
    m.to = "invite-42@example.org";
    m.subject = "Votre réservation : Aciérie de Lorraine, samedi 4 avril";
    m.date = "Wed, 25 Nov 2026 10:00:00 +0000";
    m.message_id = "<outbox-42.3f9a@juo.example>";
    m.body_text =
        "Bonjour,\n\nVotre réservation est confirmée : Aciérie de Lorraine, samedi 4 avril 2026, 9 h 30 – 11 h, "
        "3 personnes.\nBillet K1234567XYZ (QR code joint).\n\nPour la voir, la modifier ou l'annuler : "
        "https://juo.example/reservation/42?jeton=abcdefabcdefabcdefabcdefabcdef\n\n---\n\nHello,\n\nYour booking "
        "is confirmed.\n";
    juo::mail::CalendarEvent e{"booking-42@juo", "2026-03-01T10:00:00Z", "2026-04-04", "09:30", "11:00",
                               "Visite : Aciérie de Lorraine (Journées Usines Ouvertes)",
                               "Aciérie de Lorraine, 12 rue des Forges, 57000 Metz", "Billet K1234567XYZ, 3 personne(s)"};
    for (auto _ : state) {
        m.attachments.clear();
        const std::string ticket = NextTicket();
        m.attachments.push_back({"billet.png", "image/png", *juo::mail::QrPng(ticket)});
        m.attachments.push_back({"visite.ics", "text/calendar; charset=utf-8; method=PUBLISH", juo::mail::IcsFile(e)});
        benchmark::DoNotOptimize(juo::mail::Compose(m));
    }
}
BENCHMARK(BM_BookingEmail);

}  // namespace

BENCHMARK_MAIN();
