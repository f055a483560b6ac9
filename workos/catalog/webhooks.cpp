// workos/catalog/webhooks.cpp — the catalog table for Webhook endpoints.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view page_query[] = {"before", "after", "limit", "order"};
constexpr std::string_view secret_data_secret[] = {"data[].secret"};
constexpr std::string_view secret_secret[] = {"secret"};

constexpr operation rows[] = {
    {"webhooks.list", "webhooks",
     "List webhook endpoints and the events they receive.",
     "GET", "/webhook_endpoints",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"additionalProperties":false})json",
     page_query, access_class::read, readers, secret_data_secret, true},
    {"webhooks.create", "webhooks",
     "Add a webhook endpoint for a set of event types.",
     "POST", "/webhook_endpoints",
     R"json({"type":"object","properties":{
  "endpoint_url":{"description":"The HTTPS URL where webhooks will be sent.","type":"string"},
  "events":{"description":"The events that the Webhook Endpoint is subscribed to.","type":"array","items":{"type":"string","enum":["agent.registration.created","agent.registration.claim.attempt.created","agent.registration.claim.completed","agent.registration.credential.issued","agent.registration.deleted","agent.registration.refreshed","agent.registration.expired","agent.registration.organization.switched","agent.registration.revoked","authentication.email_verification_succeeded","authentication.magic_auth_failed","authentication.magic_auth_succeeded","authentication.mfa_succeeded","authentication.oauth_failed","authentication.oauth_succeeded","authentication.password_failed","authentication.password_succeeded","authentication.passkey_failed","authentication.passkey_succeeded","authentication.sso_failed","authentication.sso_started","authentication.sso_succeeded","authentication.sso_timed_out","radar.challenge_created","authentication.radar_risk_detected","authentication.reauthentication_succeeded","api_key.created","api_key.revoked","api_key.updated","connection.activated","connection.deactivated","connection.saml_certificate_renewal_required","connection.saml_certificate_renewed","connection.deleted","dsync.activated","dsync.deleted","dsync.group.created","dsync.group.deleted","dsync.group.updated","dsync.group.user_added","dsync.group.user_removed","dsync.user.created","dsync.user.deleted","dsync.user.updated","email_verification.created","group.created","group.deleted","group.member_added","group.member_removed","group.updated","flag.created","flag.deleted","flag.updated","flag.rule_updated","invitation.accepted","invitation.created","invitation.resent","invitation.revoked","magic_auth.created","organization.created","organization.deleted","organization.updated","organization_domain.created","organization_domain.deleted","organization_domain.updated","organization_domain.verified","organization_domain.verification_failed","password_reset.created","password_reset.succeeded","user.created","user.updated","user.deleted","organization_membership.created","organization_membership.deleted","organization_membership.updated","role.created","role.deleted","role.updated","organization_role.created","organization_role.deleted","organization_role.updated","permission.created","permission.deleted","permission.updated","pipes.connected_account.connected","pipes.connected_account.connection_failed","pipes.connected_account.disconnected","pipes.connected_account.reauthorization_needed","session.created","session.revoked","waitlist_user.approved","waitlist_user.created","waitlist_user.denied"]}}
},"required":["endpoint_url","events"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_secret, false},
    {"webhooks.update", "webhooks",
     "Change a webhook endpoint's URL, events, or enable or disable it.",
     "PATCH", "/webhook_endpoints/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the Webhook Endpoint.","type":"string"},
  "endpoint_url":{"description":"The HTTPS URL where webhooks will be sent.","type":"string"},
  "status":{"description":"Whether the Webhook Endpoint is enabled or disabled.","type":"string","enum":["enabled","disabled"]},
  "events":{"description":"The events that the Webhook Endpoint is subscribed to.","type":"array","items":{"type":"string","enum":["agent.registration.created","agent.registration.claim.attempt.created","agent.registration.claim.completed","agent.registration.credential.issued","agent.registration.deleted","agent.registration.refreshed","agent.registration.expired","agent.registration.organization.switched","agent.registration.revoked","authentication.email_verification_succeeded","authentication.magic_auth_failed","authentication.magic_auth_succeeded","authentication.mfa_succeeded","authentication.oauth_failed","authentication.oauth_succeeded","authentication.password_failed","authentication.password_succeeded","authentication.passkey_failed","authentication.passkey_succeeded","authentication.sso_failed","authentication.sso_started","authentication.sso_succeeded","authentication.sso_timed_out","radar.challenge_created","authentication.radar_risk_detected","authentication.reauthentication_succeeded","api_key.created","api_key.revoked","api_key.updated","connection.activated","connection.deactivated","connection.saml_certificate_renewal_required","connection.saml_certificate_renewed","connection.deleted","dsync.activated","dsync.deleted","dsync.group.created","dsync.group.deleted","dsync.group.updated","dsync.group.user_added","dsync.group.user_removed","dsync.user.created","dsync.user.deleted","dsync.user.updated","email_verification.created","group.created","group.deleted","group.member_added","group.member_removed","group.updated","flag.created","flag.deleted","flag.updated","flag.rule_updated","invitation.accepted","invitation.created","invitation.resent","invitation.revoked","magic_auth.created","organization.created","organization.deleted","organization.updated","organization_domain.created","organization_domain.deleted","organization_domain.updated","organization_domain.verified","organization_domain.verification_failed","password_reset.created","password_reset.succeeded","user.created","user.updated","user.deleted","organization_membership.created","organization_membership.deleted","organization_membership.updated","role.created","role.deleted","role.updated","organization_role.created","organization_role.deleted","organization_role.updated","permission.created","permission.deleted","permission.updated","pipes.connected_account.connected","pipes.connected_account.connection_failed","pipes.connected_account.disconnected","pipes.connected_account.reauthorization_needed","session.created","session.revoked","waitlist_user.approved","waitlist_user.created","waitlist_user.denied"]}}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_secret, false},
    {"webhooks.delete", "webhooks",
     "Delete a webhook endpoint; deliveries to it stop.",
     "DELETE", "/webhook_endpoints/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the Webhook Endpoint.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
};

}  // namespace

std::span<const operation> webhooks_operations() { return rows; }

}  // namespace workos::catalog
