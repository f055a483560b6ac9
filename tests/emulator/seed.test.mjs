// tests/emulator/seed.test.mjs — the demo workspace: what it holds in each environment, that its
// timestamps spread over the last 30 days, and that secret-bearing values carry the planted
// marker (so downstream leak scans can look for it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from './harness.mjs';

const T = { timeout: 30_000 };
const MARKER = 'EMUSECRET';
let emu;
before(async () => {
  emu = await startEmulator({ seed: 'demo' });
});
after(async () => emu?.stop());

async function all(pathname, key) {
  const out = [];
  let after = '';
  for (;;) {
    const page = await emu.raw('GET', `${pathname}${pathname.includes('?') ? '&' : '?'}limit=100${after ? `&after=${after}` : ''}`, { key });
    assert.equal(page.status, 200, `${pathname}: ${JSON.stringify(page.body)}`);
    out.push(...page.body.data);
    if (!page.body.list_metadata.after) return out;
    after = page.body.list_metadata.after;
  }
}

for (const env of ['sandbox', 'production']) {
  test(`the ${env} environment holds the demo workspace`, T, async () => {
    const key = env === 'sandbox' ? emu.sandboxKey : emu.productionKey;
    const orgs = await all('/organizations', key);
    assert.equal(orgs.length, 12);
    assert.ok(orgs.every((o) => o.domains.length === 1));
    const connections = await all('/connections', key);
    assert.deepEqual([...new Set(connections.map((c) => c.state))].sort(), ['active', 'draft', 'inactive']);
    assert.ok(new Set(connections.map((c) => c.connection_type)).size >= 6, 'several connection types');
    const directories = await all('/directories', key);
    assert.ok(directories.length >= 6);
    const dirUsers = await all(`/directory_users?directory=${directories[0].id}`, key);
    const dirGroups = await all(`/directory_groups?directory=${directories[0].id}`, key);
    assert.ok(dirUsers.length >= 3 && dirGroups.length === 2);
    const users = await all('/user_management/users', key);
    assert.ok(users.length >= 24);
    const memberships = await all(`/user_management/organization_memberships?organization_id=${orgs[0].id}`, key);
    assert.ok(memberships.length >= 2);
    assert.ok((await all('/user_management/invitations', key)).length >= 1);
    assert.equal((await all('/webhook_endpoints', key)).length, 2);
    const roles = await emu.raw('GET', '/authorization/roles', { key });
    assert.ok(roles.body.data.some((r) => r.slug === 'admin' && r.permissions.length === 5));
    assert.equal((await emu.raw('GET', '/dashboard/branding', { key })).body.primary_color_light, '#6363F1');
    const events = await all('/events', key);
    assert.ok(events.length > 50, 'every seeded mutation left its event');
  });
}

test('seeded objects are spread over the last 30 days, oldest first', T, async () => {
  const orgs = await all('/organizations?order=asc');
  const times = orgs.map((o) => Date.parse(o.created_at));
  const now = Date.now();
  assert.ok(times[0] > now - 31 * 86400_000 && times[0] < now - 20 * 86400_000, orgs[0].created_at);
  assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), 'creation order and timestamps agree');
});

test('secret-bearing values carry the planted marker', T, async () => {
  const hooks = await all('/webhook_endpoints');
  assert.ok(hooks.every((h) => h.secret.startsWith('whsec_') && h.secret.includes(MARKER)));
  const invitations = await all('/user_management/invitations');
  assert.ok(invitations.every((i) => i.token.includes(MARKER)), 'invitation tokens');
  const orgs = await all('/organizations');
  assert.ok(orgs.every((o) => o.domains.every((d) => d.verification_token === undefined || d.verification_token.includes(MARKER) || d.state === 'verified')));
});

test('a seed file is a script of API calls with references', T, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seed-file-'));
  const file = path.join(dir, 'seed.json');
  writeFileSync(file, JSON.stringify({
    calls: [
      { as: 'o', method: 'POST', path: '/organizations', body: { name: 'From a file' } },
      { method: 'POST', path: '/organization_domains', body: { organization_id: '{o.id}', domain: 'file.example' } }
    ]
  }));
  const custom = await startEmulator({ seed: file });
  try {
    const orgs = await custom.raw('GET', '/organizations');
    assert.deepEqual(orgs.body.data.map((o) => o.name), ['From a file']);
    assert.equal(orgs.body.data[0].domains[0].domain, 'file.example');
  } finally {
    await custom.stop();
  }
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify({ calls: [{ method: 'POST', path: '/organizations', body: {} }] }));
  await assert.rejects(startEmulator({ seed: broken }), /seed call 0 .*422/);
});
