// control/admin_cli.hpp — `workos-mcp admin …`: the operator's verbs over the control plane.
//
//   workos-mcp admin [--data-dir D] [--json] [--master-key-file F] NOUN VERB [OPTIONS]
//
//   teams list | teams create --name N
//   members list [--team T]
//   members add --team T --email E --role R [--production-access true|false] [--name N]
//   members set-role --email E --role R
//   members set-access --email E --production-access true|false
//   members set-password --email E --password-file F|-
//   members remove --email E
//   switches show --team T
//   switches set --team T [--mcp-enabled B] [--allow-production B] [--allow-write B]
//   environments list --team T
//   environments add --team T --name N --kind sandbox|production --base-url U [--api-key-file F|-]
//   environments set-key --team T --name N --api-key-file F|-
//   environments set-url --team T --name N --base-url U
//   audit export [--team T] [--user E] [--operation PREFIX] [--decision D] [--environment N]
//                [--since YYYY-MM-DD | --days N] [--until YYYY-MM-DD]
//   audit purge --older-than-days N
//
// `--team` takes a team id or a team name; `--email` also takes a user id. Secrets (API keys,
// passwords) are read from a file or stdin (`-`), never from the command line, where they
// would land in the shell history and in `ps`; `--api-key VALUE` is refused. No verb ever
// prints a decrypted key: listings show its last four characters.
//
// `audit export` writes the audit trail (control/audit_log.hpp) as JSON lines, oldest first, for
// every team unless `--team` is given; dates are UTC days and `--until` includes its day.
//
// Output: aligned tables for people; with `--json`, one JSON object per line. Exit codes: 0 done,
// 1 refused or failed (the message says why), 2 usage error.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "control/model.hpp"

namespace control {

/// Runs the verbs in `args` (what follows `workos-mcp admin`), reading secrets given as `-`
/// from stdin and the environment from the process. Returns the exit code.
int admin_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// The same with stdin and the environment given (tests).
int admin_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::istream& in,
               const env_lookup& env);

}  // namespace control
