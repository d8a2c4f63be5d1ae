// The pages of people with an account: sign-up, e-mail confirmation, sign-in and out, password
// reset (account_pages.cc); booking a public tour, "my bookings" with cancellation and the
// waiting list's offers, leaving a waiting list by its e-mailed link (booking_pages.cc); a
// teacher's or adviser's group visit request and its follow-up, and the requests a factory
// received with accept / refuse (group_pages.cc); the hosts' check-in at the door
// (check_in_page.cc); the host space (register a factory, publish its tours) and the
// organiser's moderation queue (host_pages.cc); the media mentions and their CSV import
// (media_page.cc); surveys sent by the organiser and answered by their recipients
// (survey_pages.cc); the audit log, filtered (audit_page.cc). Server-rendered forms in French first and
// English with ?lang=en, working without JavaScript.
//
// Every POST carries a CSRF token: the session's token for signed-in forms (checked by Admit),
// a signed anonymous token for sign-up, sign-in and password forms. A signed-in page reached
// anonymously redirects to the sign-in page and back. Bad input re-shows the form with the
// message (400/409/…), never a 500; nothing changes.
//
// Routes: see RegisterPeoplePages and auth/authorisation.cc (the route × role table).
//
// Thread-safety: handlers use this thread's connection (services::ThreadDb) and thread-safe
// services; they run on the server's handler pool.
#pragma once

#include "web/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

void RegisterPeoplePages(http::Router& router, const PeopleContext& ctx);

// The parts, each in its own file.
void RegisterAccountPages(http::Router& router, const PeopleContext& ctx);
void RegisterBookingPages(http::Router& router, const PeopleContext& ctx);
void RegisterGroupPages(http::Router& router, const PeopleContext& ctx);
void RegisterCheckInPage(http::Router& router, const PeopleContext& ctx);
void RegisterHostPages(http::Router& router, const PeopleContext& ctx);
void RegisterMediaPage(http::Router& router, const PeopleContext& ctx);
void RegisterSurveyPages(http::Router& router, const PeopleContext& ctx);
void RegisterAuditPage(http::Router& router, const PeopleContext& ctx);

// [block: editions, users and roles]
// The organiser's editions (edition_pages.cc) and users and roles (user_pages.cc).
void RegisterEditionPages(http::Router& router, const PeopleContext& ctx);
void RegisterUserPages(http::Router& router, const PeopleContext& ctx);
// [end of block: editions, users and roles]
// [block: exports, imports, social mentions]
// The exports page and its downloads (export_pages.cc); the sites' CSV import (site_import_page.cc).
void RegisterExportPages(http::Router& router, const PeopleContext& ctx);
void RegisterSiteImportPage(http::Router& router, const PeopleContext& ctx);
// [end of block: exports, imports, social mentions]
// [block: host space: site profile, photo, internships, re-enrolment, teaching kit]
void RegisterTourModerationPage(http::Router& router, const PeopleContext& ctx);
void RegisterBackOfficeHome(http::Router& router, const PeopleContext& ctx);
void RegisterSiteProfilePages(http::Router& router, const PeopleContext& ctx);
void RegisterInternshipPages(http::Router& router, const PeopleContext& ctx);
void RegisterTeachingKitPages(http::Router& router, const PeopleContext& ctx);
// [end of block: host space: site profile, photo, internships, re-enrolment, teaching kit]

}  // namespace juo::web
