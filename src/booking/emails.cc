// Booking e-mails: short texts, French and English, with the links the reader needs.
#include "booking/emails.h"

#include "common/clock.h"
#include "common/french_dates.h"
#include "common/paris_time.h"

namespace juo::booking {
namespace {

// "vendredi 4 avril 2025, 10 h – 11 h 30" / "Friday 4 April 2025, 10:00 – 11:30", as the pages
// write them; e-mails write the first of the month "1", not "1er". The stored text, then the
// times, when it is not a date.
std::string SessionWhen(const store::SessionForBooking& s, DateLang lang) {
    auto d = ParseIsoDate(s.day_date);
    if (!d) return s.day_date + ", " + ClockSpan(s.starts_at, s.ends_at, lang);
    return std::string(WeekdayName(d->weekday, lang)) + " " + std::to_string(d->day) + " " +
           std::string(MonthName(d->month, lang)) + " " + std::to_string(d->year) + ", " +
           ClockSpan(s.starts_at, s.ends_at, lang);
}

std::string Place(const store::SessionForBooking& s) {
    std::string place = s.site_name;
    if (!s.site_address.empty()) place += ", " + s.site_address;
    place += ", " + s.site_postcode + " " + s.site_commune;
    return place;
}

bool English(const store::UserContact& to) { return to.locale == "en"; }

// A UTC instant in Paris wall-clock time: "samedi 4 octobre 2031 à 10 h 30 (heure de Paris)" /
// "Saturday 4 October 2031 at 10:30 (Paris time)"; text that is not an instant, as it is.
std::string ParisDeadline(const std::string& utc_instant, DateLang lang) {
    const auto local = ParisLocalSeconds(utc_instant);
    if (!local) return utc_instant;
    const std::string wall = UtcIsoFromEpoch(*local);  // the local time, written as if UTC
    auto d = ParseIsoDate(wall.substr(0, 10));
    if (!d) return utc_instant;
    const bool fr = lang == DateLang::kFr;
    return std::string(WeekdayName(d->weekday, lang)) + " " + std::to_string(d->day) + " " +
           std::string(MonthName(d->month, lang)) + " " + std::to_string(d->year) + (fr ? " à " : " at ") +
           ClockTime(wall.substr(11, 5), lang) + (fr ? " (heure de Paris)" : " (Paris time)");
}

// The lines that lead to a booking: its manage link (no account needed) and, for account
// holders, "my bookings"; without a manage link, "my bookings" only. `lead_fr`/`lead_en` open
// the manage link's line.
struct LinkLines {
    std::string fr, en;
};
LinkLines BookingLinks(const std::string& base_url, const std::string& manage_path,
                       const std::string& lead_fr, const std::string& lead_en) {
    const std::string mine = base_url + "/compte/reservations";
    if (manage_path.empty()) return {lead_fr + mine, lead_en + mine};
    return {lead_fr + base_url + manage_path + "\nVous avez un compte ? Vos réservations : " + mine,
            lead_en + base_url + manage_path + "\nHave an account? Your bookings: " + mine};
}

// The recipient's language first, the other one after a rule.
std::string Bilingual(const store::UserContact& to, const std::string& fr, const std::string& en) {
    return English(to) ? en + "\n\n---\n\n" + fr : fr + "\n\n---\n\n" + en;
}

std::string Subject(const store::UserContact& to, const std::string& fr, const std::string& en) {
    return English(to) ? en : fr;
}

store::OutgoingEmail Email(const store::UserContact& to, std::string kind, std::string subject,
                           std::string body) {
    store::OutgoingEmail e;
    e.kind = std::move(kind);
    e.to_address = to.email;
    e.subject = std::move(subject);
    e.body_text = std::move(body);
    return e;
}

}  // namespace

std::string SessionWhenFr(const store::SessionForBooking& s) { return SessionWhen(s, DateLang::kFr); }

std::string SessionWhenEn(const store::SessionForBooking& s) { return SessionWhen(s, DateLang::kEn); }

store::OutgoingEmail ConfirmationEmail(const store::UserContact& to, const domain::Booking& b,
                                       const store::SessionForBooking& s, const std::string& base_url,
                                       const std::string& manage_path) {
    // With a manage link (issue 17), the booking is seen, changed or cancelled without an account;
    // without one, from "my bookings".
    const std::string manage_fr = manage_path.empty()
                                      ? "Vos réservations : " + base_url + "/compte/reservations"
                                      : "Voir, modifier ou annuler cette réservation (sans compte) : " +
                                            base_url + manage_path;
    const std::string manage_en = manage_path.empty()
                                      ? "Your bookings: " + base_url + "/compte/reservations"
                                      : "See, change or cancel this booking (no account needed): " + base_url +
                                            manage_path;
    const std::string people = std::to_string(b.people);
    std::string fr = "Bonjour " + to.display_name + ",\n\nVotre réservation est confirmée : " + people +
                     (b.people > 1 ? " personnes" : " personne") + ", " + SessionWhenFr(s) + ".\n" +
                     Place(s) + "\n\nVotre billet : " + b.ticket_code +
                     " (le code QR est joint ; présentez-le à l'accueil).\n"
                     "Le fichier .ics joint ajoute la visite à votre agenda.\n" +
                     manage_fr + "\n\nLes Journées Usines Ouvertes";
    std::string en = "Hello " + to.display_name + ",\n\nYour booking is confirmed: " + people +
                     (b.people > 1 ? " people" : " person") + ", " + SessionWhenEn(s) + ".\n" + Place(s) +
                     "\n\nYour ticket: " + b.ticket_code +
                     " (the QR code is attached; show it at the entrance).\n"
                     "The attached .ics file adds the visit to your calendar.\n" +
                     manage_en + "\n\nJournées Usines Ouvertes";
    auto e = Email(to, "booking.confirmed",
                   Subject(to, "Réservation confirmée : " + s.site_name, "Booking confirmed: " + s.site_name),
                   Bilingual(to, fr, en));
    e.booking_id = b.id;
    return e;
}

store::OutgoingEmail ChangedEmail(const store::UserContact& to, const domain::Booking& b,
                                  const store::SessionForBooking& s, int people_before,
                                  const std::string& base_url, const std::string& manage_path) {
    const LinkLines links = BookingLinks(
        base_url, manage_path,
        manage_path.empty() ? "Vos réservations : " : "Voir, modifier ou annuler cette réservation : ",
        manage_path.empty() ? "Your bookings: " : "See, change or cancel this booking: ");
    auto fr_people = [](int n) { return std::to_string(n) + (n > 1 ? " personnes" : " personne"); };
    auto en_people = [](int n) { return std::to_string(n) + (n > 1 ? " people" : " person"); };
    std::string fr = "Bonjour " + to.display_name + ",\n\nVotre réservation " + b.ticket_code + " (" +
                     s.site_name + ", " + SessionWhenFr(s) + ") passe de " + fr_people(people_before) +
                     " à " + fr_people(b.people) + ".\n" + Place(s) +
                     "\n\nVotre billet reste le même (le code QR est joint).\n"
                     "Le fichier .ics joint met à jour la visite dans votre agenda.\n" +
                     links.fr + "\n\nLes Journées Usines Ouvertes";
    std::string en = "Hello " + to.display_name + ",\n\nYour booking " + b.ticket_code + " (" + s.site_name +
                     ", " + SessionWhenEn(s) + ") changes from " + en_people(people_before) + " to " +
                     en_people(b.people) + ".\n" + Place(s) +
                     "\n\nYour ticket stays the same (the QR code is attached).\n"
                     "The attached .ics file updates the visit in your calendar.\n" +
                     links.en + "\n\nJournées Usines Ouvertes";
    auto e = Email(to, "booking.changed",
                   Subject(to, "Réservation modifiée : " + s.site_name, "Booking changed: " + s.site_name),
                   Bilingual(to, fr, en));
    e.booking_id = b.id;
    return e;
}

store::OutgoingEmail TourMovedEmail(const store::UserContact& to, const domain::Booking& b,
                                    const store::SessionForBooking& before, const store::SessionForBooking& s,
                                    const std::string& base_url, const std::string& manage_path) {
    const LinkLines links = BookingLinks(
        base_url, manage_path,
        manage_path.empty() ? "Vous ne pouvez plus venir ? Vos réservations : "
                            : "Vous ne pouvez plus venir ? Annulez ou modifiez ici : ",
        manage_path.empty() ? "Cannot come any more? Your bookings: " : "Cannot come any more? Cancel or change here: ");
    std::string fr = "Bonjour " + to.display_name + ",\n\nL'usine a changé l'horaire de votre visite " +
                     s.site_name + " (billet " + b.ticket_code + ").\nAvant : " + SessionWhenFr(before) +
                     "\nMaintenant : " + SessionWhenFr(s) + "\n" + Place(s) +
                     "\n\nVotre réservation et votre billet restent valables (le code QR est joint).\n"
                     "Le fichier .ics joint met à jour la visite dans votre agenda.\n" +
                     links.fr + "\n\nLes Journées Usines Ouvertes";
    std::string en = "Hello " + to.display_name + ",\n\nThe factory changed the time of your visit to " +
                     s.site_name + " (ticket " + b.ticket_code + ").\nBefore: " + SessionWhenEn(before) +
                     "\nNow: " + SessionWhenEn(s) + "\n" + Place(s) +
                     "\n\nYour booking and your ticket stay valid (the QR code is attached).\n"
                     "The attached .ics file updates the visit in your calendar.\n" +
                     links.en + "\n\nJournées Usines Ouvertes";
    auto e = Email(to, "booking.changed",
                   Subject(to, "Horaire modifié : " + s.site_name, "Time changed: " + s.site_name),
                   Bilingual(to, fr, en));
    e.booking_id = b.id;
    return e;
}

store::OutgoingEmail WaitlistTourNoticeEmail(const store::UserContact& to, const store::SessionForBooking& before,
                                             const store::SessionForBooking& s, bool cancelled) {
    std::string fr = "Bonjour " + to.display_name + ",\n\n";
    std::string en = "Hello " + to.display_name + ",\n\n";
    if (cancelled) {
        fr += "L'usine a supprimé la visite " + s.site_name + " du " + SessionWhenFr(before) +
              ", pour laquelle vous étiez sur liste d'attente. La liste est close ; d'autres visites vous "
              "attendent sur le site des Journées Usines Ouvertes.";
        en += "The factory deleted the visit to " + s.site_name + " on " + SessionWhenEn(before) +
              ", whose waiting list you were on. The list is closed; other visits await you on the Journées "
              "Usines Ouvertes site.";
    } else {
        fr += "L'usine a changé l'horaire de la visite " + s.site_name +
              " pour laquelle vous êtes sur liste d'attente.\nAvant : " + SessionWhenFr(before) +
              "\nMaintenant : " + SessionWhenFr(s) + "\nVous gardez votre rang sur la liste.";
        en += "The factory changed the time of the visit to " + s.site_name +
              " whose waiting list you are on.\nBefore: " + SessionWhenEn(before) + "\nNow: " + SessionWhenEn(s) +
              "\nYou keep your place on the list.";
    }
    fr += "\n\nLes Journées Usines Ouvertes";
    en += "\n\nJournées Usines Ouvertes";
    return Email(to, cancelled ? "waitlist.closed" : "waitlist.tour_moved",
                 Subject(to, (cancelled ? "Visite supprimée : " : "Horaire modifié : ") + s.site_name,
                         (cancelled ? "Visit deleted: " : "Time changed: ") + s.site_name),
                 Bilingual(to, fr, en));
}

store::OutgoingEmail HostGroupCancelledEmail(const std::string& to_address, const domain::Booking& b,
                                             const store::SessionForBooking& s, const std::string& base_url) {
    const std::string people = std::to_string(b.people);
    std::string fr = "Bonjour,\n\nUn groupe a annulé sa visite de " + s.site_name + ", " + SessionWhenFr(s) + " : " +
                     people + " personnes (réservation " + b.ticket_code +
                     "). Ses places et sa place de groupe sont libérées.\nVotre tableau de bord : " + base_url +
                     "/usine\n\nLes Journées Usines Ouvertes";
    std::string en = "Hello,\n\nA group cancelled its visit to " + s.site_name + ", " + SessionWhenEn(s) + ": " +
                     people + " people (booking " + b.ticket_code +
                     "). Its places and group slot are free again.\nYour dashboard: " + base_url +
                     "/usine\n\nJournées Usines Ouvertes";
    store::OutgoingEmail e;
    e.kind = "host.group_cancelled";
    e.to_address = to_address;
    e.subject = "Visite de groupe annulée : " + s.site_name + " / Group visit cancelled";
    e.body_text = fr + "\n\n---\n\n" + en;
    return e;
}

store::OutgoingEmail HostGroupPlacedEmail(const std::string& to_address, const domain::Booking& b,
                                          const store::SessionForBooking& s, const std::string& school,
                                          const std::string& base_url) {
    const std::string people = std::to_string(b.people);
    const std::string who_fr = school.empty() ? "Un groupe" : "Un groupe de " + school;
    const std::string who_en = school.empty() ? "A group" : "A group from " + school;
    std::string fr = "Bonjour,\n\n" + who_fr + " vient à votre visite de " + s.site_name + ", " + SessionWhenFr(s) +
                     " : " + people + " personnes (réservation " + b.ticket_code +
                     "). Une place s'était libérée ; la demande avait été laissée sans place par la répartition.\n"
                     "Votre tableau de bord : " + base_url + "/usine\n\nLes Journées Usines Ouvertes";
    std::string en = "Hello,\n\n" + who_en + " is coming to your visit to " + s.site_name + ", " + SessionWhenEn(s) +
                     ": " + people + " people (booking " + b.ticket_code +
                     "). A place had freed up; the allocation had left this request without one.\nYour dashboard: " +
                     base_url + "/usine\n\nJournées Usines Ouvertes";
    store::OutgoingEmail e;
    e.kind = "host.group_placed";
    e.to_address = to_address;
    e.subject = "Un groupe de plus : " + s.site_name + " / One more group";
    e.body_text = fr + "\n\n---\n\n" + en;
    return e;
}

store::OutgoingEmail CancellationEmail(const store::UserContact& to, const domain::Booking& b,
                                       const store::SessionForBooking& s) {
    std::string fr = "Bonjour " + to.display_name + ",\n\nVotre réservation " + b.ticket_code + " (" +
                     s.site_name + ", " + SessionWhenFr(s) +
                     ") est annulée. Les places sont rendues aux autres visiteurs.\n"
                     "Le fichier .ics joint retire la visite de votre agenda.\n\n"
                     "Les Journées Usines Ouvertes";
    std::string en = "Hello " + to.display_name + ",\n\nYour booking " + b.ticket_code + " (" + s.site_name +
                     ", " + SessionWhenEn(s) +
                     ") is cancelled. The places go back to other visitors.\n"
                     "The attached .ics file removes the visit from your calendar.\n\n"
                     "Journées Usines Ouvertes";
    auto e = Email(to, "booking.cancelled",
                   Subject(to, "Réservation annulée : " + s.site_name, "Booking cancelled: " + s.site_name),
                   Bilingual(to, fr, en));
    e.booking_id = b.id;  // the sender attaches the .ics that removes the visit from calendars
    return e;
}

store::OutgoingEmail OfferEmail(const store::UserContact& to, const domain::WaitlistEntry& entry,
                                const std::string& leave_token, const store::SessionForBooking& s,
                                const std::string& base_url, const std::string& accept_path) {
    const std::string accept =
        base_url +
        (accept_path.empty() ? "/compte/reservations?offre=" + std::to_string(entry.id) : accept_path);
    const std::string leave = base_url + "/liste-attente/quitter?jeton=" + leave_token;
    std::string fr =
        "Bonjour " + to.display_name + ",\n\nDes places se sont libérées : " + std::to_string(entry.people) +
        " places vous sont réservées pour " + s.site_name + ", " + SessionWhenFr(s) + ", jusqu'au " +
        ParisDeadline(entry.offer_expires_at, DateLang::kFr) + ".\nAcceptez-les ici" +
        (accept_path.empty() ? "" : " (sans compte)") + " : " + accept +
        "\nVous ne venez plus ? Quittez la liste : " + leave + "\n\nLes Journées Usines Ouvertes";
    std::string en = "Hello " + to.display_name +
                     ",\n\nPlaces have freed up: " + std::to_string(entry.people) +
                     " places are held for you at " + s.site_name + ", " + SessionWhenEn(s) + ", until " +
                     ParisDeadline(entry.offer_expires_at, DateLang::kEn) + ".\nAccept them here" +
                     (accept_path.empty() ? "" : " (no account needed)") + ": " + accept +
                     "\nNot coming any more? Leave the list: " + leave + "\n\nJournées Usines Ouvertes";
    return Email(to, "waitlist.offer",
                 Subject(to, "Des places pour vous : " + s.site_name, "Places for you: " + s.site_name),
                 Bilingual(to, fr, en));
}

store::OutgoingEmail ReminderEmail(const store::UserContact& to, const domain::Booking& b,
                                   const store::SessionForBooking& s, const std::string& base_url,
                                   const std::string& manage_path) {
    const LinkLines links = BookingLinks(
        base_url, manage_path, "Un empêchement ? Libérez vos places : ", "Cannot come? Free your places: ");
    std::string fr = "Bonjour " + to.display_name + ",\n\nÀ demain ! " + s.site_name + ", " +
                     SessionWhenFr(s) + ".\n" + Place(s) + "\nVotre billet : " + b.ticket_code + ".\n" +
                     links.fr + "\n\nLes Journées Usines Ouvertes";
    std::string en = "Hello " + to.display_name + ",\n\nSee you tomorrow! " + s.site_name + ", " +
                     SessionWhenEn(s) + ".\n" + Place(s) + "\nYour ticket: " + b.ticket_code + ".\n" +
                     links.en + "\n\nJournées Usines Ouvertes";
    auto e =
        Email(to, "booking.reminder", Subject(to, "À demain : " + s.site_name, "Tomorrow: " + s.site_name),
              Bilingual(to, fr, en));
    e.booking_id = b.id;
    return e;
}

store::OutgoingEmail GroupAcceptedEmail(const store::UserContact& to, const domain::Booking& booking,
                                        const store::SessionForBooking& session, const std::string& message,
                                        const std::string& base_url) {
    const std::string link = base_url + "/compte/demandes";
    const std::string word_fr = message.empty() ? "" : "\nMessage de l'usine : " + message + "\n";
    const std::string word_en = message.empty() ? "" : "\nMessage from the factory: " + message + "\n";
    std::string fr = "Bonjour " + to.display_name + ",\n\nVotre demande de visite de groupe est acceptée :\n" +
                     session.site_name + ", " + SessionWhenFr(session) + ", " + std::to_string(booking.people) +
                     " personnes.\nLieu : " + Place(session) + "\nCode du billet : " + booking.ticket_code +
                     "\n" + word_fr + "\nVos demandes : " + link + "\n";
    std::string en = "Hello " + to.display_name + ",\n\nYour group visit request is accepted:\n" +
                     session.site_name + ", " + SessionWhenEn(session) + ", " + std::to_string(booking.people) +
                     " people.\nPlace: " + Place(session) + "\nTicket code: " + booking.ticket_code + "\n" +
                     word_en + "\nYour requests: " + link + "\n";
    auto e = Email(to, "group_accepted",
                   Subject(to, "Visite de groupe acceptée : " + session.site_name,
                           "Group visit accepted: " + session.site_name),
                   Bilingual(to, fr, en));
    e.booking_id = booking.id;
    return e;
}

store::OutgoingEmail GroupRefusedEmail(const store::UserContact& to, long long request_id,
                                       const std::string& message, const std::string& base_url) {
    const std::string link = base_url + "/compte/demandes";
    const std::string n = std::to_string(request_id);
    std::string fr = "Bonjour " + to.display_name + ",\n\nVotre demande de visite de groupe n°" + n +
                     " n'a pas pu être acceptée." +
                     (message.empty() ? std::string() : "\nMessage de l'usine : " + message) +
                     "\n\nD'autres usines ont encore de la place : " + base_url + "/recherche\nVos demandes : " +
                     link + "\n";
    std::string en = "Hello " + to.display_name + ",\n\nYour group visit request no. " + n +
                     " could not be accepted." +
                     (message.empty() ? std::string() : "\nMessage from the factory: " + message) +
                     "\n\nOther factories still have room: " + base_url + "/recherche?lang=en\nYour requests: " +
                     link + "\n";
    return Email(to, "group_refused",
                 Subject(to, "Demande de visite de groupe n°" + n + " non retenue",
                         "Group visit request no. " + n + " not accepted"),
                 Bilingual(to, fr, en));
}

}  // namespace juo::booking
