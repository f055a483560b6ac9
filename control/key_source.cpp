// control/key_source.cpp — finding, reading and creating the master key.
#include "control/key_source.hpp"

#include <cstdio>
#include <filesystem>

#include <openssl/crypto.h>

#include "control/files.hpp"

namespace control {

namespace {

result<crypto::master_key> key_from_file(const std::string& path) {
  auto text = files::read(path, 4096);
  if (!text) return text.error();
  auto key = crypto::master_key::parse(*text);
  OPENSSL_cleanse(text->data(), text->size());
  if (!key) return fail(errc::invalid_argument, "the master key file " + path +
                                                    " holds no 256-bit key (64 hex digits, base64 or 32 bytes)");
  return *key;
}

}  // namespace

result<loaded_master_key> load_master_key(const master_key_options& options) {
  if (!options.key_file.empty()) {
    auto key = key_from_file(options.key_file);
    if (!key) return key.error();
    return loaded_master_key{*key, options.key_file, false};
  }
  auto env = options.env ? options.env : process_env;
  auto inline_key = env("WORKOS_MCP_MASTER_KEY");
  auto key_file = env("WORKOS_MCP_MASTER_KEY_FILE");
  if (inline_key && !inline_key->empty() && key_file && !key_file->empty())
    return fail(errc::invalid_argument, "set WORKOS_MCP_MASTER_KEY or WORKOS_MCP_MASTER_KEY_FILE, not both");
  if (inline_key && !inline_key->empty()) {
    auto key = crypto::master_key::parse(*inline_key);
    OPENSSL_cleanse(inline_key->data(), inline_key->size());
    if (!key)
      return fail(errc::invalid_argument,
                  "WORKOS_MCP_MASTER_KEY holds no 256-bit key (64 hex digits or base64 of 32 bytes)");
    return loaded_master_key{*key, "WORKOS_MCP_MASTER_KEY", false};
  }
  if (key_file && !key_file->empty()) {
    auto key = key_from_file(*key_file);
    if (!key) return key.error();
    return loaded_master_key{*key, *key_file, false};
  }

  auto path = (std::filesystem::path{options.data_dir.empty() ? "." : options.data_dir} / master_key_file_name).string();
  bool created = false;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (!options.create_if_missing)
      return fail(errc::not_found, path + " is missing, but this data directory holds API keys sealed under it: "
                                          "restore it (or give it with WORKOS_MCP_MASTER_KEY_FILE)");
    auto fresh = crypto::master_key::generate();
    if (!fresh) return fresh.error();
    std::string text = fresh->to_hex() + "\n";
    auto made = files::create_private(path, text);
    OPENSSL_cleanse(text.data(), text.size());
    if (!made) return made.error();
    created = *made;
    if (created) return loaded_master_key{*fresh, path, true};
    // Another process created it first: use theirs.
  }
  auto mode = files::mode_of(path);
  if (!mode) return mode.error();
  if ((*mode & 077) != 0)
    return fail(errc::refused, path + " may be read by others (mode " + [m = *mode] {
                  char b[16];
                  std::snprintf(b, sizeof b, "%04o", m);
                  return std::string{b};
                }() + "); run chmod 600 on it");
  auto key = key_from_file(path);
  if (!key) return key.error();
  return loaded_master_key{*key, path, created};
}

}  // namespace control
