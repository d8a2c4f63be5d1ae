#include "web/routes.h"

#include "http/router.h"
#include "web/account/account_pages.h"
#include "web/account/personal_data_pages.h"  // issue 21
#include "web/api/api_personal_data.h"  // issue 21
#include "web/backoffice/user_data_pages.h"  // issue 21
#include "web/account/booking_pages.h"
#include "web/account/group_pages.h"
#include "web/backoffice/school_pages.h"  // [block: friday requests, issue 18]
#include "web/account/survey_pages.h"
#include "web/api/api_accounts.h"
#include "web/api/api_bookings.h"
#include "web/api/api_check_ins.h"  // [block: offline check-in, issue 19 item 3]
#include "web/api/api_editions.h"
#include "web/api/api_exports.h"
#include "web/api/api_group_requests.h"
#include "web/api/api_host.h"
#include "web/api/api_host_space.h"
#include "web/api/api_media.h"
#include "web/api/api_organiser.h"
#include "web/api/api_allocations.h"
#include "web/api/api_users.h"
#include "web/api/api_v1.h"
#include "web/backoffice/allocation_pages.h"  // [block: allocation page (issue 18)]
#include "web/backoffice/audit_page.h"
#include "web/backoffice/back_office_home.h"
#include "web/backoffice/edition_pages.h"
#include "web/backoffice/export_pages.h"
#include "web/backoffice/media_page.h"
#include "web/backoffice/site_import_page.h"
#include "web/backoffice/tour_moderation_page.h"
#include "web/backoffice/user_pages.h"
#include "web/demo/demo_mailbox_pages.h"
#include "web/host/check_in_page.h"
#include "web/host/host_pages.h"
#include "web/host/tour_edit_pages.h"
#include "web/host/internship_pages.h"
#include "web/host/site_profile_pages.h"
#include "web/host/teaching_kit_pages.h"
#include "web/public/bilan_pages.h"
#include "web/kit/page_kit.h"
#include "web/account/manage_booking_pages.h"
#include "web/account/offer_pages.h"  // [block: waiting-list offer by its link]
#include "web/account/unsubscribe_pages.h"
#include "web/kit/people_page_kit.h"
#include "web/public/public_pages.h"
#include "web/public/site_files.h"
#include "web/public/waiting_room_pages.h"

namespace juo::web {

void RegisterPeoplePages(http::Router& router, const PeopleContext& ctx) {
    // Pages of personal data: no cache keeps them (KeepPagePrivate).
    router.SetResponseFilter(KeepPagePrivate);
    // account/: /compte/…, /reserver/{id}, /mes-reservations, /demandes-groupes/…, /enquetes/…
    RegisterAccountPages(router, ctx);
    RegisterBookingPages(router, ctx);
    RegisterManageBookingPages(router, ctx);  // issue 17: /reservation/{id}?jeton=… (no account)
    // [block: waiting-list offer by its link] issue 17: /liste-attente/offre/{id}?jeton=… (no account)
    RegisterOfferPages(router, ctx);
    // [end of block: waiting-list offer by its link]
    RegisterUnsubscribePages(router, ctx);    // issue 20: /desabonnement?liste=…&adresse=…&jeton=…
    RegisterGroupPages(router, ctx);
    RegisterSchoolPages(router, ctx);  // [block: friday requests, issue 18] /organisation/ecoles
    // host/: /accueil/pointage, /usine/…
    RegisterCheckInPage(router, ctx);
    RegisterHostPages(router, ctx);
    RegisterTourEditPages(router, ctx);  // issue 19: a tour changed or deleted
    // backoffice/: /organisation/…
    RegisterMediaPage(router, ctx);
    RegisterSurveyPages(router, ctx);
    RegisterAuditPage(router, ctx);
    RegisterEditionPages(router, ctx);
    RegisterUserPages(router, ctx);
    RegisterExportPages(router, ctx);
    RegisterSiteImportPage(router, ctx);
    RegisterTourModerationPage(router, ctx);
    RegisterBackOfficeHome(router, ctx);
    // [block: allocation page (issue 18)] /organisation/repartition…: the Friday's round
    RegisterAllocationPages(router, ctx);
    // [end of block: allocation page]
    // host/: a site's profile, internships and the teaching kit
    RegisterSiteProfilePages(router, ctx);
    RegisterInternshipPages(router, ctx);
    RegisterTeachingKitPages(router, ctx);
    // Issue 21: /compte/donnees, /compte/supprimer, /organisation/utilisateurs/{id}/donnees|supprimer
    RegisterPersonalDataPages(router, ctx);
    RegisterUserDataPages(router, ctx);
    router.SetResponseFilter({});
}

void RegisterBackOfficeApi(http::Router& router, const PeopleContext& ctx) {
    // api/: /api/v1/editions…, /api/v1/users…, /api/v1/exports…, /api/v1/media-mentions…,
    // /api/v1/host/…, /api/v1/organiser/…
    RegisterEditionApi(router, ctx);
    RegisterUserApi(router, ctx);
    RegisterExportApi(router, ctx);
    RegisterMediaApi(router, ctx);
    RegisterHostSpaceApi(router, ctx);
    RegisterHostApi(router, ctx);
    RegisterOrganiserApi(router, ctx);
    RegisterAllocationApi(router, ctx);  // issue 18: /api/v1/organisation/allocations…
    // [block: offline check-in, issue 19 item 3] /api/v1/host/check-ins/day, /api/v1/check-ins/sync,
    // DELETE /api/v1/bookings/{id}/check-in
    RegisterCheckInApi(router, ctx);
    // [end of block: offline check-in]
    // Issue 21: /api/v1/me/export, DELETE /api/v1/me, /api/v1/users/{id}/export, DELETE /api/v1/users/{id}
    RegisterPersonalDataApi(router, ctx);
}

void RegisterRoutes(http::Router& router, const RoutesContext& ctx) {
    // api/: the public catalogue (/api/v1/sites, /api/v1/map…), accounts, bookings, requests
    RegisterApiV1(router, {ctx.catalogue, ctx.geocoder});
    RegisterAccountApi(router, ctx.people);
    RegisterBookingApi(router, ctx.people);
    RegisterGroupRequestApi(router, ctx.people);
    RegisterPeoplePages(router, ctx.people);
    RegisterBackOfficeApi(router, ctx.people);
    // public/: /, /recherche, /usines/{id}, /a-propos; /bilan…, /presse
    PagesContext pages{ctx.catalogue, ctx.geocoder, ctx.tile_url, ctx.tile_attribution};
    // Issue 19: a factory not on the map yet shows its state to its hosts rather than a 404.
    pages.unlisted_site = [people = ctx.people](const http::Request& req, long long site_id) {
        return UnlistedSitePage(people, req, site_id);
    };
    RegisterPages(router, std::move(pages));
    RegisterBilanPages(router, ctx.bilans);
    // public/: /robots.txt, /sitemap.xml (the factory pages), /manifest.webmanifest, /favicon.ico
    RegisterSiteFiles(router, {ctx.catalogue, ctx.people.public_url});
    // public/: /file-d-attente, the waiting room of registration openings (WaitingRoomGate)
    RegisterWaitingRoomPages(router, ctx.people);
    // demo/: /demo/courriels, /demo/courriels/{id}/pieces/{n} — with --demo only; the banner too
    SetDemoBanner(ctx.demo);
    if (ctx.demo) {
        router.SetResponseFilter(KeepPagePrivate);  // the e-mails sent to people
        RegisterDemoMailboxPages(router, ctx.people);
        router.SetResponseFilter({});
    }
}

}  // namespace juo::web
