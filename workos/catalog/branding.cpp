// workos/catalog/branding.cpp — the catalog table for AuthKit branding (dashboard-side).
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {



constexpr operation rows[] = {
    {"branding.get", "branding",
     "Show the environment's AuthKit branding: logo, icon, colours, corner radius, font, CSS, page copy.",
     "GET", "/dashboard/branding",
     R"json({"type":"object","properties":{
},"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"branding.update", "branding",
     "Change the AuthKit branding fields given; null puts a field back to its default.",
     "PUT", "/dashboard/branding",
     R"json({"type":"object","description":"Only the fields given change; a null value restores that field's default.","properties":{
  "logo_url":{"type":["string","null"],"format":"uri","description":"An http(s) URL of the logo."},
  "icon_url":{"type":["string","null"],"format":"uri","description":"An http(s) URL of the square icon."},
  "primary_color_light":{"type":["string","null"],"pattern":"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$","description":"Primary colour in light mode, #RGB or #RRGGBB."},
  "primary_color_dark":{"type":["string","null"],"pattern":"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$","description":"Primary colour in dark mode."},
  "background_color_light":{"type":["string","null"],"pattern":"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$","description":"Background colour in light mode."},
  "background_color_dark":{"type":["string","null"],"pattern":"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$","description":"Background colour in dark mode."},
  "corner_radius":{"type":["integer","null"],"minimum":0,"maximum":32,"description":"Corner radius of buttons and inputs, in pixels."},
  "font":{"type":["string","null"],"minLength":1,"maxLength":100,"description":"A Google Fonts family name."},
  "custom_css":{"type":["string","null"],"maxLength":100000,"description":"CSS added to the AuthKit pages."},
  "page_title":{"type":["string","null"],"maxLength":200,"description":"Title of the sign-in page."},
  "sign_up_link_text":{"type":["string","null"],"maxLength":200,"description":"Text of the sign-up link."}
},"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
};

}  // namespace

std::span<const operation> branding_operations() { return rows; }

}  // namespace workos::catalog
