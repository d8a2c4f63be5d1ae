// Transitional: the group requests' use case moved to services/group_requests.h. This header
// only keeps the web files that still include it (host_actions.h, host_space_actions.h) compiling
// until they include services/group_requests.h themselves; delete it then.
#pragma once

#include "services/group_requests.h"

namespace juo::web {

using services::FieldError;

}  // namespace juo::web
