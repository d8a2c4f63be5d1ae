// Issue 18: the words of the acknowledgement e-mail a requester receives when their Friday group
// request is stored (French, then English): the request's summary (school, group, wishes in
// order, the radius option), what happens next (the deadline, the allocation round) and the
// links to see, edit or cancel it.
//
// Thread-safety: pure functions over their arguments (the message catalogue is read-only).
#pragma once

#include <string>

#include "services/group_requests.h"

namespace juo::web {

// The acknowledgement e-mail, its links on `public_url`.
services::RequestAckMail RequestAckMailText(const std::string& public_url);

}  // namespace juo::web
