// tests/emulator/organizations.test.mjs — Organizations through WorkOS's own Node SDK, plus the
// wire conventions every product shares (auth, request ids, pagination, idempotency,
// environments, errors, persistence, fault injection). The reference for the other files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { NotFoundException, UnauthorizedException, UnprocessableEntityException, ConflictException } from '@workos-inc/node';
import { startEmulator } from './harness.mjs';

const T = { timeout: 20_000 };
let emu;
let workos;
before(async () => {
  emu = await startEmulator();
  workos = emu.sdk();
});
after(async () => emu?.stop());

test('create, get, get by external id, update, list, delete', T, async () => {
  const org = await workos.organizations.createOrganization({
    name: 'Acme',
    domainData: [{ domain: 'acme.example', state: 'verified' }],
    externalId: 'ext-acme',
    metadata: { tier: 'gold' }
  });
  assert.match(org.id, /^org_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(org.object, 'organization');
  assert.equal(org.domains[0].domain, 'acme.example');
  assert.equal(org.domains[0].state, 'verified');
  assert.match(org.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  assert.equal((await workos.organizations.getOrganization(org.id)).name, 'Acme');
  assert.equal((await workos.organizations.getOrganizationByExternalId('ext-acme')).id, org.id);

  const updated = await workos.organizations.updateOrganization({ organization: org.id, name: 'Acme Inc', metadata: { tier: null, region: 'eu' } });
  assert.equal(updated.name, 'Acme Inc');
  assert.deepEqual(updated.metadata, { region: 'eu' });

  const list = await workos.organizations.listOrganizations({ domains: ['acme.example'] });
  assert.deepEqual(list.data.map((o) => o.id), [org.id]);

  await workos.organizations.deleteOrganization(org.id);
  await assert.rejects(workos.organizations.getOrganization(org.id), NotFoundException);
});

test('pagination both ways with cursors, default order newest first', T, async () => {
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push((await workos.organizations.createOrganization({ name: `Page ${i}` })).id);
  const page1 = await workos.organizations.listOrganizations({ limit: 2, search: 'Page' });
  assert.deepEqual(page1.data.map((o) => o.id), [ids[4], ids[3]]);
  assert.equal(page1.listMetadata.after, ids[3]);
  const page2 = await workos.organizations.listOrganizations({ limit: 2, search: 'Page', after: page1.listMetadata.after });
  assert.deepEqual(page2.data.map((o) => o.id), [ids[2], ids[1]]);
  const back = await workos.organizations.listOrganizations({ limit: 2, search: 'Page', before: page2.data[0].id });
  assert.deepEqual(back.data.map((o) => o.id), [ids[4], ids[3]]);
  const asc = await workos.organizations.listOrganizations({ limit: 10, search: 'Page', order: 'asc' });
  assert.deepEqual(asc.data.map((o) => o.id), ids);
  const all = await (await workos.organizations.listOrganizations({ search: 'Page' })).autoPagination();
  assert.equal(all.length, 5);
});

test('validation, conflicts and unknown ids have the API error shapes', T, async () => {
  await assert.rejects(workos.organizations.createOrganization({}), UnprocessableEntityException);
  await workos.organizations.createOrganization({ name: 'One', domainData: [{ domain: 'taken.example', state: 'pending' }] });
  await assert.rejects(
    workos.organizations.createOrganization({ name: 'Two', domainData: [{ domain: 'taken.example', state: 'pending' }] }),
    ConflictException
  );
  const nf = await emu.raw('GET', '/organizations/org_01AAAAAAAAAAAAAAAAAAAAAAAA');
  assert.equal(nf.status, 404);
  assert.equal(nf.body.code, 'entity_not_found');
  const bad = await emu.raw('GET', '/organizations?limit=500');
  assert.equal(bad.status, 422);
  // A refused request changed nothing.
  assert.equal((await workos.organizations.listOrganizations({ search: 'Two' })).data.length, 0);
});

test('keys choose the environment, and environments never see each other', T, async () => {
  const prod = emu.sdk(emu.productionKey);
  const inProd = await prod.organizations.createOrganization({ name: 'Production only' });
  await assert.rejects(workos.organizations.getOrganization(inProd.id), NotFoundException);
  assert.equal((await prod.organizations.getOrganization(inProd.id)).id, inProd.id);
  await assert.rejects(emu.sdk('sk_test_unknown').organizations.listOrganizations(), UnauthorizedException);
  const none = await emu.raw('GET', '/organizations', { key: null });
  assert.equal(none.status, 401);
  assert.ok(none.headers.get('x-request-id'), 'every response carries X-Request-ID');
});

test('GET /dashboard/environment names the key\'s environment and its client id', T, async () => {
  const sandbox = await emu.raw('GET', '/dashboard/environment');
  const production = await emu.raw('GET', '/dashboard/environment', { key: emu.productionKey });
  assert.equal(sandbox.body.name, 'sandbox');
  assert.equal(production.body.kind, 'production');
  assert.match(sandbox.body.client_id, /^client_[0-9A-Z]{26}$/);
  assert.notEqual(sandbox.body.client_id, production.body.client_id);
});

test('Idempotency-Key: the same key returns the same response and creates once', T, async () => {
  const headers = { 'Idempotency-Key': 'idem-' + Date.now() };
  const a = await emu.raw('POST', '/organizations', { body: { name: 'Idem' }, headers });
  const b = await emu.raw('POST', '/organizations', { body: { name: 'Idem' }, headers });
  assert.equal(a.status, 201);
  assert.deepEqual(b.body, a.body);
  assert.equal((await workos.organizations.listOrganizations({ search: 'Idem' })).data.length, 1);
  const reused = await emu.raw('POST', '/organizations', { body: { name: 'Other' }, headers });
  assert.equal(reused.status, 409);
});

test('every mutation is an event, filterable by type and organization', T, async () => {
  const org = await workos.organizations.createOrganization({ name: 'Evented' });
  await workos.organizations.updateOrganization({ organization: org.id, name: 'Evented 2' });
  const events = await workos.events.listEvents({ events: ['organization.created', 'organization.updated'], organizationId: org.id });
  assert.deepEqual(events.data.map((e) => e.event).sort(), ['organization.created', 'organization.updated']);
});

test('audit log configuration reflects the organization', T, async () => {
  const org = await workos.organizations.createOrganization({ name: 'Audited' });
  const cfg = await emu.raw('GET', `/organizations/${org.id}/audit_log_configuration`);
  assert.equal(cfg.status, 200);
  assert.equal(cfg.body.organization_id, org.id);
  assert.equal(cfg.body.retention_period_in_days, 30);
});

test('state survives a restart', T, async () => {
  const org = await workos.organizations.createOrganization({ name: 'Durable' });
  const dir = emu.dataDir;
  await emu.stop();
  emu = await startEmulator({ dataDir: dir });
  // Data belongs to the environment, not to a key: the new run's sandbox key sees it.
  const again = await emu.raw('GET', `/organizations/${org.id}`);
  assert.equal(again.status, 200);
  assert.equal(again.body.name, 'Durable');
  workos = emu.sdk();
});

test('deleting an organization takes its memberships, connections and directories with it', T, async () => {
  const org = await workos.organizations.createOrganization({ name: 'Doomed', domainData: [{ domain: 'doomed.example', state: 'verified' }] });
  const user = await workos.userManagement.createUser({ email: 'someone@doomed.example' });
  const om = await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id });
  const conn = await emu.raw('POST', '/dashboard/connections', {
    body: { organization_id: org.id, connection_type: 'OktaSAML', name: 'Doomed Okta', state: 'active' }
  });
  assert.equal(conn.status, 201, JSON.stringify(conn.body));
  const dir = await emu.raw('POST', '/dashboard/directories', {
    body: { organization_id: org.id, type: 'okta scim v2.0', name: 'Doomed Okta SCIM' }
  });
  assert.equal(dir.status, 201, JSON.stringify(dir.body));
  const du = await emu.raw('POST', `/dashboard/directories/${dir.body.id}/users`, {
    body: { email: 'someone@doomed.example', first_name: 'Some', last_name: 'One' }
  });
  assert.equal(du.status, 201, JSON.stringify(du.body));

  await workos.organizations.deleteOrganization(org.id);
  await assert.rejects(workos.userManagement.getOrganizationMembership(om.id), NotFoundException);
  assert.equal((await emu.raw('GET', `/connections/${conn.body.id}`)).status, 404);
  assert.equal((await emu.raw('GET', `/directories/${dir.body.id}`)).status, 404);
  assert.equal((await emu.raw('GET', `/directory_users/${du.body.id}`)).status, 404);
  // The person stays: users belong to the environment, not to an organization.
  assert.equal((await workos.userManagement.getUser(user.id)).id, user.id);
});

test('a kill -9 loses nothing that was answered', T, async () => {
  const org = await workos.organizations.createOrganization({ name: 'Crash survivor' });
  const dir = emu.dataDir;
  await emu.stop('SIGKILL');
  emu = await startEmulator({ dataDir: dir });
  workos = emu.sdk();
  assert.equal((await workos.organizations.getOrganization(org.id)).name, 'Crash survivor');
});

test('concurrent requests are served safely: 40 parallel creates, 40 objects, 40 events', T, async () => {
  const tag = 'Parallel ' + Date.now();
  const made = await Promise.all(
    Array.from({ length: 40 }, (_, i) => workos.organizations.createOrganization({ name: `${tag} ${i}` }))
  );
  assert.equal(new Set(made.map((o) => o.id)).size, 40);
  const listed = await (await workos.organizations.listOrganizations({ search: tag })).autoPagination();
  assert.equal(listed.length, 40);
  const events = (await workos.events.listEvents({ events: ['organization.created'], limit: 100 })).data;
  for (const o of made) assert.ok(events.some((e) => e.data.id === o.id), `event for ${o.id}`);
});

test('fault injection: status with rate, 429 with Retry-After, dropped connections', T, async () => {
  const faulty = await startEmulator({
    faults: ['/organizations:status=503', '/events:status=429,retry_after=7', '/organizations/*:drop']
  });
  try {
    assert.equal((await faulty.raw('GET', '/organizations')).status, 503);
    const limited = await faulty.raw('GET', '/events');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    await assert.rejects(faulty.raw('GET', '/organizations/org_x'));
  } finally {
    await faulty.stop();
  }
});
