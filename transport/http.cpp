// transport/http.cpp — header lists, canned responses and the router.
#include "transport/http.hpp"

#include <cctype>

namespace transport {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

void header_list::set(std::string_view name, std::string value) {
  std::erase_if(items_, [&](const auto& kv) { return iequals(kv.first, name); });
  items_.emplace_back(std::string{name}, std::move(value));
}

std::optional<std::string_view> header_list::get(std::string_view name) const {
  for (const auto& [k, v] : items_)
    if (iequals(k, name)) return std::string_view{v};
  return std::nullopt;
}

response response::text(unsigned status, std::string body, std::string content_type) {
  response r;
  r.status = status;
  r.headers.add("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

response response::json(unsigned status, std::string body) {
  return text(status, std::move(body), "application/json");
}

response response::empty(unsigned status) {
  response r;
  r.status = status;
  return r;
}

void router::add(std::string path, handler h) { entries_.push_back({std::move(path), false, std::move(h)}); }

void router::add_prefix(std::string prefix, handler h) {
  entries_.push_back({std::move(prefix), true, std::move(h)});
}

const handler* router::find(std::string_view path) const {
  const entry* best = nullptr;
  for (const auto& e : entries_) {
    bool match = e.prefix ? path.substr(0, e.path.size()) == e.path : path == e.path;
    if (match && (!best || e.path.size() > best->path.size() || (!e.prefix && best->prefix))) best = &e;
  }
  return best ? &best->h : nullptr;
}

}  // namespace transport
