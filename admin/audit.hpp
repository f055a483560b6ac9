// admin/audit.hpp — the admin page's view of the audit trail: admin::audit_reader over
// control::audit_log (one team only, newest first, paged by row id).
#pragma once

#include <memory>

#include "admin/admin_page.hpp"

namespace control {
class audit_log;
}

namespace admin {

/// Reads `log` for the page. A `before_id` that is not a row id is an error for the page to show.
audit_reader audit_reader_of(std::shared_ptr<control::audit_log> log);

}  // namespace admin
