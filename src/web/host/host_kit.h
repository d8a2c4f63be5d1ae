// What the host pages and the host JSON API share on the web side of the host use cases
// (services/hosts.h, host_space.h, teaching_kit.h): the forms as the services' inputs (the API
// turns its JSON into a form), a moderation decision as typed, the words of the e-mails to the
// hosts (the message catalogue's, French then English), and the visitor list as a download.
//
// Thread-safety: pure functions over their arguments.
#pragma once

#include <string>
#include <string_view>

#include "domain/site.h"
#include "http/message.h"
#include "services/host_space.h"
#include "services/hosts.h"
#include "services/teaching_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {

// The path of the host's list of factories (the link of the moderation e-mails).
inline constexpr const char* kHostSitesPath = "/usine";

// The decision "approve", "changes" or "refuse" with its reason (needed but to approve; at most
// 1,000 bytes). kInvalidArgument otherwise.
Result<domain::ParticipationStatus> ReadDecision(std::string_view decision, std::string_view reason);

// The e-mail telling a site's hosts that the registration was decided `status`, with `reason`;
// the link goes to the host's sites at `public_url`.
services::DecisionMail DecisionMailText(const std::string& public_url, domain::ParticipationStatus status,
                                        const std::string& reason);

// The e-mail telling a site's hosts that one of its tours was withdrawn, with `reason`.
services::WithdrawalMail WithdrawalMailText(const std::string& public_url, const std::string& reason);

// Issue 19: the e-mail telling a site's hosts that a new group request wishes it (the request's
// level and headcount), with the link to their dashboard at `public_url`; French, then English.
services::NewRequestMail NewRequestMailText(const std::string& public_url);

// The visitor list as an attachment, not stored by caches.
http::Response VisitorFileResponse(services::VisitorFile file);

// Issue 19: the tour form's fields (day, starts, ends, capacity, groups, audience (repeated),
// min_level), for a new tour and an edited one.
services::TourInput TourInputOf(const Form& form);

// Fills the tour form's data in `d` (_tour_fields.mustache): the edition's days, the audiences,
// the levels and the values `form` holds (a new tour's defaults for those it lacks).
void SetTourFields(PageData& d, const services::SiteAccess& access, const Form& form, Lang lang);

// The form `tour` fills when it is edited: its values as SetTourFields reads them.
Form TourForm(const domain::Session& tour);

// The profile form's fields (name, address, place, lat, lon, wheelchair, hearing, access_notes,
// min_age, safety, description).
services::ProfileInput ProfileInputOf(const Form& form);

// The internship form's fields (kind, title, places).
services::InternshipInput InternshipInputOf(const Form& form);

// The kit form's fields (title, audience, optional pages; file input "file").
services::KitDocumentInput KitDocumentInputOf(const Form& form);

// Runs `fn(caller, access, db)` on the route's site ({id}) when the caller manages it: the page's
// admission (sign-in redirect, 403, the form's CSRF token when `form` is given), this thread's
// connection, then services::ManagedSite; the refusal page of the first that fails otherwise.
template <typename Fn>
http::Response WithSite(const PeopleContext& ctx, const http::Request& req, std::string_view pattern, const Form* form,
                        Fn&& fn) {
    auto a = AdmitPage(ctx, req, pattern, form ? form->Get("csrf") : std::string_view());
    if (a.refusal) return *a.refusal;
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto access = services::ManagedSite(**db, req.PathParam("id"), *a.caller->principal);
    if (!access.ok()) return RefusalPage(req, access.error());
    return fn(*a.caller, *access, **db);
}

}  // namespace juo::web
