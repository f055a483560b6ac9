// workos/catalog/radar.cpp — the catalog table for Radar.
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
    {"radar.assess_attempt", "radar",
     "Ask Radar for a verdict (allow, block, challenge) on a sign-in or sign-up.",
     "POST", "/radar/attempts",
     R"json({"type":"object","properties":{
  "ip_address":{"description":"The IP address of the request to assess.","type":"string"},
  "user_agent":{"description":"The user agent string of the request to assess.","type":"string"},
  "email":{"description":"The email address of the user making the request.","type":"string","format":"email"},
  "auth_method":{"description":"The authentication method being used.","type":"string","enum":["Password","Passkey","Authenticator","SMS_OTP","Email_OTP","Social","SSO","Other"]},
  "action":{"description":"The action being performed.","type":"string","enum":["sign-up","sign-in"]},
  "signals_id":{"description":"An optional Radar signals ID for the request.","type":"string"}
},"required":["ip_address","user_agent","email","auth_method","action"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"radar.update_attempt", "radar",
     "Report how a Radar attempt or its challenge ended.",
     "PUT", "/radar/attempts/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique identifier of the Radar attempt to update.","type":"string"},
  "challenge_status":{"description":"Set to `\"success\"` to mark the challenge as completed.","type":"string","enum":["success"]},
  "attempt_status":{"description":"Set to `\"success\"` to mark the authentication attempt as successful.","type":"string","enum":["success"]}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"radar.add_list_entry", "radar",
     "Add an IP, domain, email, device, … to a Radar allow or block list.",
     "POST", "/radar/lists/{type}/{action}",
     R"json({"type":"object","properties":{
  "type":{"description":"The type of the Radar list (e.g.","type":"string","enum":["ip_address","domain","email","device","user_agent","device_fingerprint","country"]},
  "action":{"description":"The list action indicating whether to add the entry to the allow or block list.","type":"string","enum":["block","allow"]},
  "entry":{"description":"The value to add to the list.","type":"string"}
},"required":["type","action","entry"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"radar.remove_list_entry", "radar",
     "Remove an entry from a Radar allow or block list.",
     "DELETE", "/radar/lists/{type}/{action}",
     R"json({"type":"object","properties":{
  "type":{"description":"The type of the Radar list (e.g.","type":"string","enum":["ip_address","domain","email","device","user_agent","device_fingerprint","country"]},
  "action":{"description":"The list action indicating whether to remove the entry from the allow or block list.","type":"string","enum":["block","allow"]},
  "entry":{"description":"The value to remove from the list.","type":"string"}
},"required":["type","action","entry"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
};

}  // namespace

std::span<const operation> radar_operations() { return rows; }

}  // namespace workos::catalog
