// control/files.hpp — small private files in the data directory (master.key, demo-password).
//
// Such a file is created whole or not at all: the content goes to a temporary file (mode 0600,
// fsynced) that is then hard-linked into place, which fails if the name exists. Two processes
// starting at once on a fresh data directory therefore agree on one key: the loser reads the
// winner's file, and nobody ever reads a half-written one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "control/result.hpp"

namespace control::files {

/// Creates `path` with `content` and mode 0600 unless it exists. True when this call created it,
/// false when it already existed (its content untouched).
result<bool> create_private(const std::string& path, std::string_view content);

/// The content of the regular file `path` (at most `max_bytes`, else an error).
result<std::string> read(const std::string& path, std::size_t max_bytes = 64 * 1024);

/// The permission bits of `path` (e.g. 0600), or an error when it cannot be inspected.
result<unsigned> mode_of(const std::string& path);

}  // namespace control::files
