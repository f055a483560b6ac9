// tests/catalog/spec.test.mjs — the operation catalog checked against the OpenAPI spec it claims
// to cover (../shared/reference/workos-openapi-0.61.0.yaml beside the repository; the suite is
// skipped, saying so, when that file is absent).
//
// It reads the catalog from the real binary (`$WORKOS_MCP_BIN catalog --json`) and the spec with
// the `yaml` package, and derives each operation's parameters from the spec on its own (not with
// the generator's code), then checks:
//   - every spec operation is either covered (same method and path) or excluded by name with the
//     same method and path, and no exclusion names an operation that does not exist;
//   - a covered operation has the spec's path, query and body parameter names, each required
//     exactly when the spec requires it (a body field is required when every oneOf variant needs
//     it); header parameters are left to the HTTP client;
//   - no catalog operation claims a spec path it does not match: what is not in the spec is
//     dashboard-side, under /dashboard/;
//   - every secret field names a field of the operation's success response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const spec_file = path.resolve(root, '../shared/reference/workos-openapi-0.61.0.yaml');
const bin = process.env.WORKOS_MCP_BIN ?? path.join(root, 'build/app/workos-mcp');
const have_spec = fs.existsSync(spec_file);
if (!have_spec) console.log(`# skipped: ${spec_file} is absent, nothing to compare the catalog with`);
const skip = have_spec ? false : `no spec at ${spec_file}`;

const spec = have_spec ? YAML.parse(fs.readFileSync(spec_file, 'utf8')) : { paths: {} };
const catalog = JSON.parse(execFileSync(bin, ['catalog', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));

const deref = (s) => {
  while (s && s.$ref) s = s.$ref.split('/').slice(1).reduce((o, k) => o[k], spec);
  return s;
};
const placeholders = (p) => [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
const shape = (p) => p.replace(/\{[^}]+\}/g, '{}');

// The body's fields: {name: required?}. allOf: every part applies; oneOf/anyOf: a field is
// required only if each variant requires it.
function body_fields(s) {
  s = deref(s);
  const fields = new Map();
  if (!s) return fields;
  for (const [k] of Object.entries(s.properties ?? {})) fields.set(k, (s.required ?? []).includes(k));
  for (const part of s.allOf ?? []) for (const [k, r] of body_fields(part)) fields.set(k, (fields.get(k) ?? false) || r);
  const variants = s.oneOf ?? s.anyOf;
  if (variants) {
    const each = variants.map(body_fields);
    for (const v of each)
      for (const k of v.keys()) {
        const everywhere = each.every((w) => w.get(k) === true);
        fields.set(k, (fields.get(k) ?? false) || everywhere);
      }
  }
  return fields;
}

const spec_ops = [];
for (const [p, item] of Object.entries(spec.paths))
  for (const [m, op] of Object.entries(item)) {
    if (m === 'parameters') continue;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
    const rb = deref(op.requestBody);
    const media = rb ? Object.values(rb.content ?? {})[0] : undefined;
    spec_ops.push({
      method: m.toUpperCase(), path: p, op, params,
      query: new Map(params.filter((x) => x.in === 'query').map((x) => [x.name, !!x.required])),
      body: media ? body_fields(media.schema) : new Map(),
    });
  }

const excluded = catalog.exclusions.filter((e) => e.method);
const is_excluded = (o) => excluded.some((e) => e.method === o.method && e.path === o.path);
const find_covering = (o) => catalog.operations.filter((c) => c.method === o.method && shape(c.path) === shape(o.path));

test('the spec has the 212 operations the catalog was written against', { skip }, () => {
  assert.equal(spec_ops.length, 212);
});

test('every spec operation is covered or excluded by name, not both', { skip }, () => {
  const neither = [];
  for (const o of spec_ops) {
    const covering = find_covering(o);
    assert.ok(covering.length <= 1, `${o.method} ${o.path}: covered by ${covering.map((c) => c.id).join(', ')}`);
    if (covering.length && is_excluded(o)) assert.fail(`${o.method} ${o.path} is both covered (${covering[0].id}) and excluded`);
    if (!covering.length && !is_excluded(o)) neither.push(`${o.method} ${o.path}`);
  }
  assert.deepEqual(neither, [], 'spec operations neither in the catalog nor excluded');
  const covered = spec_ops.filter((o) => find_covering(o).length).length;
  console.log(`# ${covered} spec operations covered, ${spec_ops.length - covered} excluded, ` +
    `${catalog.operations.length - covered} dashboard-side`);
});

test('every exclusion with a path names a real operation', { skip }, () => {
  for (const e of excluded) {
    if (e.path.startsWith('/dashboard/')) continue;  // emulator dashboard routes are not in the spec
    assert.ok(spec_ops.some((o) => o.method === e.method && o.path === e.path), `${e.id}: ${e.method} ${e.path} is not in the spec`);
  }
  const ids = new Set(catalog.operations.map((o) => o.id));
  for (const e of catalog.exclusions) assert.ok(!ids.has(e.id), `${e.id} is excluded and in the catalog`);
});

test('catalog operations outside the spec are dashboard-side', { skip }, () => {
  for (const c of catalog.operations) {
    const in_spec = spec_ops.some((o) => o.method === c.method && shape(o.path) === shape(c.path));
    if (!in_spec) assert.ok(c.path.startsWith('/dashboard/'), `${c.id}: ${c.method} ${c.path} is neither in the spec nor dashboard-side`);
    else assert.ok(!c.path.startsWith('/dashboard/'), c.id);
  }
});

test('covered operations take the spec parameters, required as the spec says', { skip }, () => {
  for (const o of spec_ops) {
    const [c] = find_covering(o);
    if (!c) continue;
    const where = `${c.id} (${o.method} ${o.path})`;
    const schema = c.input_schema;
    const props = new Set(Object.keys(schema.properties));
    const required = new Set(schema.required ?? []);
    // Path parameters, by position: ours may rename a placeholder only where the spec's name is
    // also a body field (the two inputs would collide in one schema).
    const theirs = placeholders(o.path);
    const ours = placeholders(c.path);
    assert.equal(ours.length, theirs.length, where);
    ours.forEach((name, i) => {
      if (name !== theirs[i]) assert.ok(o.body.has(theirs[i]), `${where}: path parameter ${theirs[i]} renamed ${name} without a clash`);
      assert.ok(props.has(name) && required.has(name), `${where}: path parameter ${name}`);
    });
    // Query parameters: the same names, listed as query, required alike.
    assert.deepEqual(new Set(c.query_params), new Set(o.query.keys()), `${where}: query parameters`);
    for (const [name, req] of o.query) assert.equal(required.has(name), req, `${where}: query ${name} required?`);
    // Body fields: everything else.
    const body = new Set([...props].filter((k) => !ours.includes(k) && !o.query.has(k)));
    assert.deepEqual(body, new Set(o.body.keys()), `${where}: body fields`);
    for (const [name, req] of o.body) assert.equal(required.has(name), req, `${where}: body ${name} required?`);
    // Pagination: exactly the lists that take the cursors.
    const cursors = ['before', 'after', 'limit'].every((n) => o.query.has(n));
    assert.equal(c.paginated, cursors, `${where}: paginated?`);
  }
});

// Whether a dotted path (`data[].secret`) names a field of a response schema.
function has_field(s, parts, depth = 0) {
  s = deref(s);
  if (!s || depth > 12) return false;
  if (!parts.length) return true;
  for (const part of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) if (has_field(part, parts, depth + 1)) return true;
  const [head, ...rest] = parts;
  if (head === '[]') return s.items ? has_field(s.items, rest, depth + 1) : false;
  return s.properties?.[head] ? has_field(s.properties[head], rest, depth + 1) : false;
}

test('secret fields are fields of the success response', { skip }, () => {
  for (const o of spec_ops) {
    const [c] = find_covering(o);
    if (!c || !c.secret_fields.length) continue;
    const ok = Object.entries(o.op.responses ?? {}).filter(([code]) => code.startsWith('2'))
      .map(([, r]) => deref(r)?.content?.['application/json']?.schema).filter(Boolean);
    for (const f of c.secret_fields) {
      const parts = f.split('.').flatMap((p) => (p.endsWith('[]') ? [p.slice(0, -2), '[]'] : [p]));
      assert.ok(ok.some((s) => has_field(s, parts)), `${c.id}: ${f} is not in the response`);
    }
  }
});

test('the response secrets of workos-api.md §7 are hidden where the spec returns them', { skip }, () => {
  const by_id = new Map(catalog.operations.map((c) => [c.id, c]));
  const expect = {
    'webhooks.create': ['secret'], 'webhooks.list': ['data[].secret'],
    'invitations.send': ['token', 'accept_invitation_url'], 'magic_auth.create': ['code'],
    'users.create_password_reset': ['password_reset_token', 'password_reset_url'],
    'admin_portal.generate_link': ['link'], 'audit_logs.create_export': ['url'],
    'organization_domains.create': ['verification_token'], 'vault.get_object': ['value'],
    'pipes.get_credentials': ['credential.value'],
  };
  for (const [id, fields] of Object.entries(expect))
    for (const f of fields) assert.ok(by_id.get(id)?.secret_fields.includes(f), `${id} should hide ${f}`);
});
