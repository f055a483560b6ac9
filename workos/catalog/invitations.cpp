// workos/catalog/invitations.cpp — the catalog table for User Management — invitations.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_query[] = {"before", "after", "limit", "order", "organization_id", "email"};
constexpr std::string_view secret_data_token[] = {"data[].token", "data[].accept_invitation_url"};
constexpr std::string_view secret_token[] = {"token", "accept_invitation_url"};

constexpr operation rows[] = {
    {"invitations.list", "invitations",
     "List invitations, optionally of one organization or to one email.",
     "GET", "/user_management/invitations",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "organization_id":{"description":"The ID of the organization that the recipient will join.","type":"string"},
  "email":{"description":"The email address of the recipient.","type":"string","format":"email"}
},"additionalProperties":false})json",
     list_query, access_class::read, readers, secret_data_token, true},
    {"invitations.send", "invitations",
     "Invite someone by email, optionally into an organization with a role.",
     "POST", "/user_management/invitations",
     R"json({"type":"object","properties":{
  "email":{"description":"The email address of the recipient.","type":"string","format":"email"},
  "organization_id":{"description":"The ID of the organization that the recipient will join.","type":"string"},
  "role_slug":{"description":"The role that the recipient will receive when they join the organization in the invitation.","type":"string"},
  "expires_in_days":{"description":"How many days the invitations will be valid for.","type":"integer"},
  "inviter_user_id":{"description":"The ID of the user who invites the recipient.","type":"string"},
  "locale":{"description":"The locale to use when rendering the invitation email.","type":"string","enum":["af","am","ar","bg","bn","bs","ca","cs","da","de","de-DE","el","en","en-AU","en-CA","en-GB","en-US","es","es-419","es-ES","es-US","et","fa","fi","fil","fr","fr-BE","fr-CA","fr-FR","fy","gl","gu","ha","he","hi","hr","hu","hy","id","is","it","it-IT","ja","jv","ka","kk","km","kn","ko","lt","lv","mk","ml","mn","mr","ms","my","nb","ne","nl","nl-BE","nl-NL","nn","no","pa","pl","pt","pt-BR","pt-PT","ro","ru","sk","sl","sq","sr","sv","sw","ta","te","th","tr","uk","ur","uz","vi","zh","zh-CN","zh-HK","zh-TW","zu"]}
},"required":["email"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_token, false},
    {"invitations.get", "invitations",
     "Read one invitation and its state (its token and link are withheld).",
     "GET", "/user_management/invitations/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the invitation.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_token, false},
    {"invitations.get_by_token", "invitations",
     "Find the invitation that carries a given token.",
     "GET", "/user_management/invitations/by_token/{token}",
     R"json({"type":"object","properties":{
  "token":{"description":"The token used to accept the invitation.","type":"string"}
},"required":["token"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_token, false},
    {"invitations.accept", "invitations",
     "Accept a pending invitation on the invitee's behalf.",
     "POST", "/user_management/invitations/{id}/accept",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the invitation.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_token, false},
    {"invitations.resend", "invitations",
     "Send a pending invitation's email again.",
     "POST", "/user_management/invitations/{id}/resend",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the invitation.","type":"string"},
  "locale":{"description":"The locale to use when rendering the invitation email.","type":"string","enum":["af","am","ar","bg","bn","bs","ca","cs","da","de","de-DE","el","en","en-AU","en-CA","en-GB","en-US","es","es-419","es-ES","es-US","et","fa","fi","fil","fr","fr-BE","fr-CA","fr-FR","fy","gl","gu","ha","he","hi","hr","hu","hy","id","is","it","it-IT","ja","jv","ka","kk","km","kn","ko","lt","lv","mk","ml","mn","mr","ms","my","nb","ne","nl","nl-BE","nl-NL","nn","no","pa","pl","pt","pt-BR","pt-PT","ro","ru","sk","sl","sq","sr","sv","sw","ta","te","th","tr","uk","ur","uz","vi","zh","zh-CN","zh-HK","zh-TW","zu"]}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_token, false},
    {"invitations.revoke", "invitations",
     "Cancel a pending invitation so it can no longer be accepted.",
     "POST", "/user_management/invitations/{id}/revoke",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the invitation.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, secret_token, false},
};

}  // namespace

std::span<const operation> invitations_operations() { return rows; }

}  // namespace workos::catalog
