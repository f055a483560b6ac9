// control/files.cpp — POSIX file handling for files.hpp.
#include "control/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

namespace control::files {

namespace {

error io_error(std::string what, const std::string& path, int err) {
  return fail(errc::io, what + " " + path + ": " + std::strerror(err));
}

bool write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    auto n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    s.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

result<bool> create_private(const std::string& path, std::string_view content) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return false;
  std::string tmpl = path + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmpl.data());  // mode 0600, O_EXCL
  if (fd < 0) return io_error("cannot create a file next to", path, errno);
  bool ok = ::fchmod(fd, 0600) == 0 && write_all(fd, content) && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(tmpl.c_str());
    return io_error("cannot write", tmpl, err);
  }
  bool created = ::link(tmpl.c_str(), path.c_str()) == 0;
  err = errno;
  ::unlink(tmpl.c_str());
  if (!created && err != EEXIST) return io_error("cannot create", path, err);
  if (created) {
    // Make the new name durable too.
    auto dir = std::filesystem::path{path}.parent_path();
    int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
  }
  return created;
}

result<std::string> read(const std::string& path, std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open", path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail(errc::io, path + " is not a regular file");
  }
  std::string out;
  // Reserve the whole size up front, so that growing never leaves copies of a secret behind.
  out.reserve(std::min(static_cast<std::size_t>(st.st_size), max_bytes) + 1);
  char buf[4096];
  for (;;) {
    auto n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return io_error("cannot read", path, err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    OPENSSL_cleanse(buf, sizeof buf);  // the file may hold a key
    if (out.size() > max_bytes) {
      ::close(fd);
      return fail(errc::io, path + " is larger than expected");
    }
  }
  ::close(fd);
  return out;
}

result<unsigned> mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return io_error("cannot inspect", path, errno);
  return static_cast<unsigned>(st.st_mode & 07777);
}

}  // namespace control::files
