// The journal's labels (see audit_labels.h).
#include "services/audit_labels.h"

namespace juo::services {
namespace {

struct Label {
    std::string_view code, fr, en;
};

// Every action the code writes (grep Audit( / EntryByUser( / AuditUserChange(), in the words of
// the pages where a page shows the same thing.
constexpr Label kActions[] = {
    {"account.confirm", "Adresse e-mail confirmée", "E-mail address confirmed"},
    {"account.reset", "Mot de passe réinitialisé", "Password reset"},
    {"password.reset", "Mot de passe réinitialisé", "Password reset"},
    {"booking.create", "Réservation", "Booking"},
    {"booking.confirmed", "Réservation confirmée", "Booking confirmed"},
    {"booking.cancel", "Réservation annulée", "Booking cancelled"},
    {"booking.cancelled", "Réservation annulée", "Booking cancelled"},
    {"booking.change_people", "Nombre de personnes modifié", "Number of people changed"},
    {"booking.changed", "Réservation modifiée", "Booking changed"},
    {"booking.tour_moved", "Horaire de la visite réservée modifié", "Booked tour's time changed"},
    {"booking.check_in", "Pointage à l'accueil", "Checked in at the door"},
    {"booking.remind", "Rappels envoyés", "Reminders sent"},
    {"booking.reminder", "Rappel envoyé", "Reminder sent"},
    {"edition.create", "Édition créée", "Edition created"},
    {"edition.update", "Édition modifiée", "Edition changed"},
    {"edition.clone", "Édition reprise de l'année précédente", "Edition cloned from last year"},
    {"edition.invite_hosts", "Hôtes de l'an dernier invités", "Last year's hosts invited"},
    {"edition.seed_replica", "Jeu de données de démonstration", "Demo data set"},
    // [block: allocation rounds, issue 18]
    {"allocation.round.start", "Tour de répartition lancé", "Allocation round started"},
    {"allocation.run", "Répartition calculée (brouillon)", "Allocation run computed (draft)"},
    {"allocation.publish", "Répartition publiée", "Allocation run published"},
    {"allocation.discard", "Répartition écartée", "Allocation run discarded"},
    // [end of block: allocation rounds]
    {"group_request.create", "Demande de groupe déposée", "Group request made"},
    {"group_request.accept", "Demande de groupe acceptée", "Group request accepted"},
    {"group_request.refuse", "Demande de groupe refusée", "Group request refused"},
    {"group_request.freed_place", "Place libérée donnée à une demande sans place", "Freed place given to an unplaced request"},
    // [block: friday requests, issue 18]
    {"group_request.edit", "Demande de groupe modifiée", "Group request changed"},
    {"group_request.cancel", "Demande de groupe annulée", "Group request cancelled"},
    {"group_request.wish_unavailable", "Vœu marqué indisponible par l'usine", "Wish marked unavailable by the factory"},
    {"school.create", "Établissement créé (à vérifier)", "School created (to check)"},
    {"school.confirm", "Établissement vérifié", "School checked"},
    {"edition.request_deadline", "Date limite des demandes de groupes fixée", "Group request deadline set"},
    // [end of block: friday requests]
    {"internship.post", "Offre de stage publiée", "Internship offer posted"},
    {"internship.filled", "Places de stage pourvues", "Internship places filled"},
    {"kit.upload", "Document du kit pédagogique ajouté", "Teaching-kit document added"},
    {"kit.publish", "Document du kit pédagogique publié", "Teaching-kit document published"},
    {"kit.withdraw", "Document du kit pédagogique retiré", "Teaching-kit document withdrawn"},
    {"mail.unsubscribe", "Désinscription d'une liste d'e-mails", "Unsubscribed from a mailing list"},
    {"media_mention.create", "Retombée média ajoutée", "Media mention added"},
    {"media_mention.update", "Retombée média modifiée", "Media mention changed"},
    {"media_mention.delete", "Retombée média supprimée", "Media mention deleted"},
    {"media_mention.import", "Retombées médias importées", "Media mentions imported"},
    {"social_mentions.create", "Mentions sur les réseaux sociaux ajoutées", "Social-network mentions added"},
    {"social_mentions.delete", "Mentions sur les réseaux sociaux supprimées", "Social-network mentions deleted"},
    {"site.import", "Usines importées", "Factories imported"},
    {"participation.submitted", "Usine soumise à validation", "Factory submitted for approval"},
    {"participation.approved", "Usine validée", "Factory approved"},
    {"participation.refused", "Usine refusée", "Factory refused"},
    {"participation.changes_requested", "Modifications demandées à l'usine", "Changes requested from the factory"},
    {"participation.withdrawn", "Usine retirée", "Factory withdrawn"},
    {"participation.resubmit", "Usine renvoyée à validation", "Factory sent back for approval"},
    {"participation.reenrol", "Usine réinscrite", "Factory re-enrolled"},
    {"quote.publish", "Témoignage publié", "Quote published"},
    {"retention.purge", "Purge des données personnelles", "Personal-data purge"},
    {"role.grant", "Rôle accordé", "Role granted"},
    {"role.revoke", "Rôle retiré", "Role revoked"},
    {"session.publish", "Visite publiée", "Tour published"},
    {"session.withdraw", "Visite retirée", "Tour withdrawn"},
    {"session.edit", "Visite modifiée", "Tour changed"},
    {"session.delete", "Visite supprimée", "Tour deleted"},
    {"host.mail_digest", "Choix des e-mails d'hôte (un par événement ou résumé quotidien)", "Host e-mail choice (one per event or a daily digest)"},
    {"site.photo", "Photo de l'usine changée", "Factory photo changed"},
    {"site.register", "Usine inscrite", "Factory registered"},
    {"site.update", "Fiche de l'usine modifiée", "Factory profile changed"},
    {"survey.create", "Enquête créée", "Survey created"},
    {"survey.send", "Enquête envoyée", "Survey sent"},
    {"user.demo_create", "Compte de démonstration créé", "Demo account created"},
    {"user.erase", "Compte effacé", "Account erased"},
    {"user.export", "Données personnelles exportées", "Personal data exported"},
    {"user.guest", "Compte invité créé", "Guest account created"},
    {"waitlist.join", "Inscription sur liste d'attente", "Joined the waiting list"},
    {"waitlist.leave", "Sortie de la liste d'attente", "Left the waiting list"},
    {"waitlist.offer", "Place proposée (liste d'attente)", "Place offered (waiting list)"},
    {"waitlist.accept", "Place acceptée (liste d'attente)", "Place accepted (waiting list)"},
    {"waitlist.expire", "Proposition expirée (liste d'attente)", "Offer expired (waiting list)"},
};

constexpr Label kEntities[] = {
    {"booking", "réservation", "booking"},
    {"session", "visite", "tour"},
    {"session_day", "journée", "day"},
    {"site", "usine", "factory"},
    {"participation", "participation", "participation"},
    {"edition", "édition", "edition"},
    {"group_request", "demande de groupe", "group request"},
    {"allocation_run", "répartition", "allocation run"},      // [issue 18]
    {"allocation_job", "tour de répartition", "allocation round"},  // [issue 18]
    {"school", "établissement", "school"},  // [block: friday requests, issue 18]
    {"internship_offer", "offre de stage", "internship offer"},
    {"teaching_kit_document", "document du kit", "kit document"},
    {"mail_opt_out", "désinscription", "opt-out"},
    {"survey", "enquête", "survey"},
    {"survey_response", "réponse à une enquête", "survey answer"},
    {"waitlist_entry", "liste d'attente", "waiting list"},
    {"user", "compte", "account"},
    {"app_user", "compte", "account"},
    {"user_role", "rôle", "role"},
    {"media_mention", "retombée média", "media mention"},
    {"social_mentions", "mentions sociales", "social mentions"},
};

template <size_t N>
const Label* Find(const Label (&table)[N], std::string_view code) {
    for (const auto& l : table)
        if (l.code == code) return &l;
    return nullptr;
}

std::string Pick(const Label& l, LabelLang lang) { return std::string(lang == LabelLang::kFr ? l.fr : l.en); }

}  // namespace

std::string AuditActionLabel(std::string_view action, LabelLang lang) {
    if (const Label* l = Find(kActions, action)) return Pick(*l, lang);
    // "edition.invite.12": an invitation's kind carries its edition.
    if (action.rfind("edition.invite", 0) == 0) return Pick(*Find(kActions, "edition.invite_hosts"), lang);
    return std::string(action);
}

std::string AuditEntityLabel(std::string_view entity, LabelLang lang) {
    if (const Label* l = Find(kEntities, entity)) return Pick(*l, lang);
    return std::string(entity);
}

std::string AuditActorName(const domain::AuditEntry& e, LabelLang lang) {
    if (e.actor_user_id && !e.actor_name.empty()) return e.actor_name;
    const std::string_view label = e.actor_label;
    if (label.rfind("system", 0) == 0) {
        const std::string base = lang == LabelLang::kFr ? "Système" : "System";
        const size_t colon = label.find(':');
        if (colon == std::string_view::npos) return base;
        std::string_view what = label.substr(colon + 1);
        const size_t space = what.find(" <");  // the journal's query appends " <email>" to users only
        what = what.substr(0, space);
        if (what == "seed") return base + (lang == LabelLang::kFr ? " (jeu de données)" : " (data set)");
        if (what == "booking") return base + (lang == LabelLang::kFr ? " (réservations)" : " (bookings)");
        return base + " (" + std::string(what) + ")";
    }
    return e.actor_label;
}

AuditLink AuditLinkOf(const domain::AuditEntry& e) {
    if (e.site_id) return {AuditLink::Kind::kSite, *e.site_id};
    if (!e.entity_id) return {};
    if (e.entity == "user" || e.entity == "app_user") return {AuditLink::Kind::kUser, *e.entity_id};
    if (e.entity == "edition") return {AuditLink::Kind::kEdition, *e.entity_id};
    return {};
}

}  // namespace juo::services
