// A person's data, as the account pages, the back office and the API share it (issue 21,
// docs/adr/0015): the export as a JSON download, and the erasure run without any handler thread
// waiting on the booking engine — the plan is read on the calling thread, the future bookings'
// cancellations and the waiting-list departures go to the engine as a visitor's own would, and
// the erasure's transaction runs once the last of them has answered, on the write steps' thread.
//
// Order, so that a crash anywhere leaves a consistent state that a retry completes: (1) the
// engine's commands, each committed on its own (a crash after some leaves an account with fewer
// bookings, as if the person had cancelled them); (2) one transaction that checks nothing new
// was booked meanwhile (else kConflict: try again) and anonymises everything.
//
// Thread-safety: as PeopleContext. `done` is called once, on the calling thread, the engine's
// writer thread or the write steps' thread: it must only post or send the answer.
#pragma once

#include <functional>
#include <string>

#include "common/result.h"
#include "http/message.h"
#include "services/personal_data.h"
#include "web/kit/caller.h"

namespace juo::web {

// Erases user `user_id` for `actor_user_id` (themselves, or an organiser on request: then the
// cancellations are the organiser's). Errors: those of services::PlanErase and EraseAccount, an
// engine refusal (kUnavailable: nothing erased, the bookings cancelled so far stay cancelled).
void EraseAccountThroughEngine(const PeopleContext& ctx, long long user_id, long long actor_user_id,
                               std::function<void(Result<services::ErasedAccount>)> done);

// The export as JSON text, stamped `exported_at` (UTC ISO instant).
std::string PersonalDataJson(const services::PersonalData& data, const std::string& exported_at);

// The export as a download: "juo-mes-donnees-YYYY-MM-DD.json", never cached.
http::Response PersonalDataDownload(const services::PersonalData& data);

}  // namespace juo::web
