// tests/emulator/platform.test.mjs — the platform products through WorkOS's own Node SDK (raw
// requests where the SDK has no method): Audit Logs, webhook endpoints and signed delivery,
// Feature Flags, AuthKit redirect URIs / CORS origins / JWT template, API keys, Vault, and the
// dashboard-side branding and audit-log streams.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  BadRequestException,
  ConflictException,
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException
} from '@workos-inc/node';
import { startEmulator } from './harness.mjs';

const T = { timeout: 30_000 };
let emu;
let workos;
before(async () => {
  emu = await startEmulator();
  workos = emu.sdk();
});
after(async () => emu?.stop());

let counter = 0;
const unique = (prefix) => `${prefix}-${Date.now().toString(36)}-${counter++}`;
const org = (name = unique('Org')) => workos.organizations.createOrganization({ name });

/** Asserts a list paginates both ways: newest first, `after` onwards, `before` back, `asc`. */
async function assertPaginates(list, ids) {
  // `ids` in creation order, at least 3.
  const newest = [...ids].reverse();
  const page1 = await list({ limit: 2 });
  assert.deepEqual(page1.data.map((x) => x.id), newest.slice(0, 2));
  assert.equal(page1.listMetadata.after, newest[1]);
  const page2 = await list({ limit: 2, after: page1.listMetadata.after });
  assert.deepEqual(page2.data.map((x) => x.id), newest.slice(2, 4));
  const back = await list({ limit: 2, before: page2.data[0].id });
  assert.deepEqual(back.data.map((x) => x.id), newest.slice(0, 2));
  const asc = await list({ limit: 100, order: 'asc' });
  assert.deepEqual(asc.data.map((x) => x.id), ids);
}

/** The same over raw responses (snake_case list_metadata). */
async function assertPaginatesRaw(path, ids, idOf = (x) => x.id) {
  const sep = path.includes('?') ? '&' : '?';
  const get = async (q) => {
    const r = await emu.raw('GET', `${path}${sep}${q}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const newest = [...ids].reverse();
  const page1 = await get('limit=2');
  assert.deepEqual(page1.data.map(idOf), newest.slice(0, 2));
  assert.ok(page1.list_metadata.after);
  const page2 = await get(`limit=2&after=${page1.list_metadata.after}`);
  assert.deepEqual(page2.data.map(idOf), newest.slice(2, 4));
  assert.ok(page2.list_metadata.before);
  const back = await get(`limit=2&before=${page2.list_metadata.before}`);
  assert.deepEqual(back.data.map(idOf), newest.slice(0, 2));
  const asc = await get('limit=100&order=asc');
  assert.deepEqual(asc.data.map(idOf), ids);
}

/** Whether user management answers (its product is built by another file of the emulator). */
async function userManagementAvailable() {
  const r = await emu.raw('GET', '/user_management/users?limit=1');
  return r.status === 200;
}

// ===== Audit Logs ================================================================================

const auditEvent = (overrides = {}) => ({
  action: 'user.signed_in',
  occurredAt: new Date(),
  actor: { id: 'user_1', type: 'user', name: 'Jon' },
  targets: [{ id: 'team_1', type: 'team' }],
  context: { location: '1.2.3.4', userAgent: 'Chrome' },
  metadata: { plan: 'pro' },
  ...overrides
});

test('audit logs: schemas create a versioned action, listed both ways', T, async () => {
  const action = unique('invoice.viewed');
  const s1 = await workos.auditLogs.createSchema({ action, targets: [{ type: 'invoice', metadata: { cost: 'number' } }], actor: { metadata: { role: 'string' } } });
  assert.equal(s1.object, 'audit_log_schema');
  assert.equal(s1.version, 1);
  assert.deepEqual(s1.targets, [{ type: 'invoice', metadata: { cost: 'number' } }]);
  assert.deepEqual(s1.actor, { metadata: { role: 'string' } });
  const s2 = await workos.auditLogs.createSchema({ action, targets: [{ type: 'invoice' }, { type: 'team' }] });
  assert.equal(s2.version, 2);
  await workos.auditLogs.createSchema({ action, targets: [{ type: 'user' }] });

  const schemas = await workos.auditLogs.listSchemas(action, { limit: 2 });
  assert.deepEqual(schemas.data.map((s) => s.version), [3, 2]);
  const rest = await workos.auditLogs.listSchemas(action, { limit: 2, after: schemas.listMetadata.after });
  assert.deepEqual(rest.data.map((s) => s.version), [1]);
  const raw = await emu.raw('GET', `/audit_logs/actions/${action}/schemas?order=asc`);
  assert.deepEqual(raw.body.data.map((s) => s.version), [1, 2, 3]);
  assert.equal(raw.body.data[0].id, undefined, 'schemas have no id on the wire');

  const actions = await emu.raw('GET', '/audit_logs/actions?limit=100');
  const mine = actions.body.data.find((a) => a.name === action);
  assert.equal(mine.object, 'audit_log_action');
  assert.equal(mine.schema.version, 3);

  await assert.rejects(workos.auditLogs.listSchemas(unique('no.such.action')), NotFoundException);
  await assert.rejects(workos.auditLogs.createSchema({ action, targets: [] }), UnprocessableEntityException);
  const bad = await emu.raw('POST', `/audit_logs/actions/${action}/schemas`, { body: { targets: [{}] } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors, [{ code: 'required', field: 'targets.0.type' }]);
});

test('audit logs: actions paginate both ways', T, async () => {
  const names = [];
  for (let i = 0; i < 4; i++) {
    const action = unique(`paged.action${i}`);
    names.push(action);
    await workos.auditLogs.createSchema({ action, targets: [{ type: 'x' }] });
  }
  // Actions have no id: compare by name, and page with the cursors the API gives.
  const get = async (q) => (await emu.raw('GET', `/audit_logs/actions?${q}`)).body;
  const page1 = await get('limit=2');
  assert.deepEqual(page1.data.map((a) => a.name), [names[3], names[2]]);
  const page2 = await get(`limit=2&after=${page1.list_metadata.after}`);
  assert.deepEqual(page2.data.map((a) => a.name), [names[1], names[0]]);
  const back = await get(`limit=2&before=${page2.list_metadata.before}`);
  assert.deepEqual(back.data.map((a) => a.name), [names[3], names[2]]);
  assert.equal((await emu.raw('GET', '/audit_logs/actions?limit=0')).status, 422);
});

test('audit logs: events are validated, checked against schemas, and idempotent', T, async () => {
  const o = await org();
  await workos.auditLogs.createEvent(o.id, auditEvent());

  // Field validation in the errors[] shape.
  await assert.rejects(workos.auditLogs.createEvent(o.id, auditEvent({ action: '' })), UnprocessableEntityException);
  const bad = await emu.raw('POST', '/audit_logs/events', {
    body: { organization_id: o.id, event: { occurred_at: 'yesterday', actor: { id: 'u' }, targets: [], context: {} } }
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.message, 'Validation failed.');
  assert.deepEqual(bad.body.errors, [
    { code: 'required', field: 'event.action' },
    { code: 'invalid_date', field: 'event.occurred_at' },
    { code: 'required', field: 'event.actor.type' },
    { code: 'required', field: 'event.context.location' }
  ]);
  const missing = await emu.raw('POST', '/audit_logs/events', { body: {} });
  assert.deepEqual(missing.body.errors, [{ code: 'required', field: 'organization_id' }, { code: 'required', field: 'event' }]);
  await assert.rejects(workos.auditLogs.createEvent('org_01AAAAAAAAAAAAAAAAAAAAAAAA', auditEvent()), NotFoundException);

  // A schema makes the action's events conform to it.
  const action = unique('doc.shared');
  await workos.auditLogs.createSchema({ action, targets: [{ type: 'document' }], metadata: { pages: 'number' } });
  await workos.auditLogs.createEvent(o.id, auditEvent({ action, targets: [{ id: 'd1', type: 'document' }], metadata: { pages: 3 } }));
  await assert.rejects(workos.auditLogs.createEvent(o.id, auditEvent({ action, targets: [{ id: 't', type: 'team' }], metadata: {} })), BadRequestException);
  const wrong = await emu.raw('POST', '/audit_logs/events', {
    body: { organization_id: o.id, event: { action, occurred_at: new Date().toISOString(), version: 7, actor: { id: 'u', type: 'user' }, targets: [{ id: 'd', type: 'document' }], context: { location: 'x' }, metadata: { pages: 'three' } } }
  });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.code, 'invalid_audit_log_event');
  assert.deepEqual(wrong.body.errors, [{ instancePath: '/version' }]);

  // Idempotency-Key: the same key answers the same response; another body is a conflict.
  const headers = { 'Idempotency-Key': unique('audit') };
  const body = { organization_id: o.id, event: { action: 'user.signed_in', occurred_at: new Date().toISOString(), actor: { id: 'u', type: 'user' }, targets: [], context: { location: 'x' } } };
  const first = await emu.raw('POST', '/audit_logs/events', { body, headers });
  const again = await emu.raw('POST', '/audit_logs/events', { body, headers });
  assert.equal(first.status, 200);
  assert.deepEqual(first.body, { success: true });
  assert.deepEqual(again.body, first.body);
  const reused = await emu.raw('POST', '/audit_logs/events', { body: { ...body, organization_id: 'org_other' }, headers });
  assert.equal(reused.status, 409);
});

test('audit logs: exports go from pending to ready; bad ranges are refused', T, async () => {
  const o = await org();
  const ex = await workos.auditLogs.createExport({
    organizationId: o.id,
    rangeStart: new Date(Date.now() - 86_400_000),
    rangeEnd: new Date(),
    actions: ['user.signed_in'],
    actorIds: ['u']
  });
  assert.match(ex.id, /^audit_log_export_[0-9A-Z]{26}$/);
  assert.equal(ex.object, 'audit_log_export');
  assert.equal(ex.state, 'pending');
  const ready = await workos.auditLogs.getExport(ex.id);
  assert.equal(ready.state, 'ready');
  assert.match(ready.url, /^https:\/\//);
  await assert.rejects(workos.auditLogs.getExport('audit_log_export_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  const backwards = await emu.raw('POST', '/audit_logs/exports', {
    body: { organization_id: o.id, range_start: new Date().toISOString(), range_end: new Date(Date.now() - 1000).toISOString() }
  });
  assert.equal(backwards.status, 400);
  assert.equal(backwards.body.code, 'invalid_audit_log_export_range_date');
  const incomplete = await emu.raw('POST', '/audit_logs/exports', { body: { organization_id: o.id } });
  assert.equal(incomplete.status, 400);
  assert.deepEqual(incomplete.body.errors.map((e) => e.field), ['range_start', 'range_end']);
  const nobody = await emu.raw('POST', '/audit_logs/exports', {
    body: { organization_id: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA', range_start: '2024-01-01T00:00:00Z', range_end: '2024-02-01T00:00:00Z' }
  });
  assert.equal(nobody.status, 404);
});

test('audit logs: retention through the SDK and the spec body, reflected in the configuration', T, async () => {
  const o = await org();
  assert.deepEqual(await workos.auditLogs.getOrganizationAuditLogsRetention({ id: o.id }), { retentionPeriodInDays: 30 });
  const year = await workos.auditLogs.updateOrganizationAuditLogsRetention({ id: o.id, retentionPeriod: '1_YEAR' });
  assert.equal(year.retentionPeriodInDays, 365);
  const cfg = await emu.raw('GET', `/organizations/${o.id}/audit_log_configuration`);
  assert.equal(cfg.body.retention_period_in_days, 365);
  const months = await emu.raw('PUT', `/organizations/${o.id}/audit_logs_retention`, { body: { retention_period_in_days: 90 } });
  assert.deepEqual(months.body, { retention_period_in_days: 90 });
  assert.equal((await emu.raw('GET', `/organizations/${o.id}/audit_logs_retention`)).body.retention_period_in_days, 90);
  await assert.rejects(workos.auditLogs.updateOrganizationAuditLogsRetention({ id: o.id, retentionPeriod: '13_MONTHS' }), UnprocessableEntityException);
  assert.equal((await emu.raw('PUT', `/organizations/${o.id}/audit_logs_retention`, { body: { retention_period_in_days: 31 } })).status, 422);
  assert.equal((await emu.raw('PUT', `/organizations/${o.id}/audit_logs_retention`, { body: {} })).status, 422);
  await assert.rejects(workos.auditLogs.getOrganizationAuditLogsRetention({ id: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
});

// ===== Dashboard: audit-log streams and branding =================================================

test('dashboard audit-log streams: credentials are stored and never answered', T, async () => {
  const o = await org();
  const secret = 'dd-api-key-' + unique('never-shown');
  const path = `/dashboard/organizations/${o.id}/audit_log_streams`;
  const created = await emu.raw('POST', path, { body: { type: 'Datadog', credentials: { api_key: secret, region: 'US1' } } });
  assert.equal(created.status, 201);
  assert.match(created.body.id, /^als_[0-9A-Z]{26}$/);
  assert.equal(created.body.state, 'active');
  assert.equal(created.body.type, 'Datadog');
  assert.equal(created.body.credentials, undefined);

  const list = await emu.raw('GET', path);
  const one = await emu.raw('GET', `${path}/${created.body.id}`);
  const cfg = await emu.raw('GET', `/organizations/${o.id}/audit_log_configuration`);
  assert.deepEqual(list.body.data.map((s) => s.id), [created.body.id]);
  assert.equal(one.body.id, created.body.id);
  assert.equal(cfg.body.state, 'active');
  assert.equal(cfg.body.log_stream.id, created.body.id);
  assert.equal(cfg.body.log_stream.type, 'Datadog');
  for (const r of [created, list, one, cfg]) assert.ok(!JSON.stringify(r.body).includes(secret), 'credentials never leave the emulator');

  assert.equal((await emu.raw('POST', path, { body: { type: 'Splunk', credentials: { hec_token: 'x' } } })).status, 409);
  const other = await org();
  const otherPath = `/dashboard/organizations/${other.id}/audit_log_streams`;
  assert.equal((await emu.raw('POST', otherPath, { body: { type: 'Kafka', credentials: { x: 'y' } } })).status, 422);
  assert.equal((await emu.raw('POST', otherPath, { body: { type: 'S3' } })).status, 422);
  assert.equal((await emu.raw('POST', otherPath, { body: { type: 'S3', credentials: {} } })).status, 422);
  assert.equal((await emu.raw('GET', `${otherPath}/${created.body.id}`)).status, 404, 'a stream is found under its own organization only');
  assert.equal((await emu.raw('POST', '/dashboard/organizations/org_01AAAAAAAAAAAAAAAAAAAAAAAA/audit_log_streams', { body: { type: 'S3', credentials: { a: 'b' } } })).status, 404);

  assert.equal((await emu.raw('DELETE', `${path}/${created.body.id}`)).status, 204);
  assert.equal((await emu.raw('GET', `${path}/${created.body.id}`)).status, 404);
  assert.equal((await emu.raw('DELETE', `${path}/${created.body.id}`)).status, 404);
  assert.equal((await emu.raw('GET', `/organizations/${o.id}/audit_log_configuration`)).body.state, 'inactive');
});

test('dashboard branding: per environment, partial updates, validated', T, async () => {
  const initial = await emu.raw('GET', '/dashboard/branding');
  assert.equal(initial.status, 200);
  assert.equal(initial.body.object, 'branding');
  for (const key of ['logo_url', 'icon_url', 'primary_color_light', 'primary_color_dark', 'background_color_light', 'background_color_dark', 'corner_radius', 'font', 'custom_css', 'page_title', 'sign_up_link_text'])
    assert.ok(key in initial.body, key);

  const put = await emu.raw('PUT', '/dashboard/branding', {
    body: { logo_url: 'https://cdn.example/logo.png', primary_color_light: '#112233', background_color_dark: '#000', corner_radius: 4, font: 'Inter', custom_css: '.a{color:red}', page_title: 'Welcome to Acme' }
  });
  assert.equal(put.status, 200);
  assert.equal(put.body.primary_color_light, '#112233');
  const got = await emu.raw('GET', '/dashboard/branding');
  assert.equal(got.body.logo_url, 'https://cdn.example/logo.png');
  assert.equal(got.body.corner_radius, 4);
  assert.equal(got.body.primary_color_dark, initial.body.primary_color_dark, 'fields not given keep their value');
  // A GET answer can be sent back as is.
  assert.equal((await emu.raw('PUT', '/dashboard/branding', { body: got.body })).status, 200);

  const bad = await emu.raw('PUT', '/dashboard/branding', { body: { primary_color_light: 'blue', corner_radius: 99, nonsense: 1, logo_url: 'ftp://x' } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['corner_radius', 'logo_url', 'nonsense', 'primary_color_light']);
  assert.equal((await emu.raw('GET', '/dashboard/branding')).body.primary_color_light, '#112233', 'a refused update changes nothing');

  const reset = await emu.raw('PUT', '/dashboard/branding', { body: { logo_url: null } });
  assert.equal(reset.body.logo_url, null);
  const prod = await emu.raw('GET', '/dashboard/branding', { key: emu.productionKey });
  assert.equal(prod.body.primary_color_light, initial.body.primary_color_light, 'production has its own branding');
  assert.equal((await emu.raw('GET', '/dashboard/branding', { key: 'sk_test_nope' })).status, 401);
});

// ===== Webhooks ==================================================================================

test('webhook endpoints: create, list both ways, update, delete, errors', T, async () => {
  const ids = [];
  for (let i = 0; i < 4; i++) {
    const ep = await workos.webhooks.createWebhookEndpoint({ endpointUrl: `https://hooks.example/${unique('ep')}`, events: ['user.created', 'dsync.user.created'] });
    ids.push(ep.id);
    if (i === 0) {
      assert.equal(ep.object, 'webhook_endpoint');
      assert.match(ep.id, /^we_[0-9A-Z]{26}$/);
      assert.match(ep.secret, /^whsec_/);
      assert.equal(ep.status, 'enabled');
      assert.deepEqual(ep.events, ['user.created', 'dsync.user.created']);
    }
  }
  const listOf = (o) => workos.webhooks.listWebhookEndpoints(o);
  const all = await listOf({ limit: 100, order: 'asc' });
  const mine = all.data.map((e) => e.id).filter((id) => ids.includes(id));
  assert.deepEqual(mine, ids);
  await assertPaginatesRaw('/webhook_endpoints', all.data.map((e) => e.id));

  const updated = await workos.webhooks.updateWebhookEndpoint({ id: ids[0], status: 'disabled', events: ['organization.created'] });
  assert.equal(updated.status, 'disabled');
  assert.deepEqual(updated.events, ['organization.created']);
  const taken = all.data.find((e) => e.id === ids[1]).endpointUrl;
  await assert.rejects(workos.webhooks.updateWebhookEndpoint({ id: ids[0], endpointUrl: taken }), ConflictException);
  await assert.rejects(workos.webhooks.createWebhookEndpoint({ endpointUrl: taken, events: ['user.created'] }), ConflictException);
  const dup = await emu.raw('POST', '/webhook_endpoints', { body: { endpoint_url: taken, events: ['user.created'] } });
  assert.equal(dup.body.code, 'duplicate_endpoint');
  const unknown = await emu.raw('POST', '/webhook_endpoints', { body: { endpoint_url: 'https://x.example/h', events: ['user.exploded'] } });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.errors[0].code, 'unknown_event_type');
  const badUrl = await emu.raw('POST', '/webhook_endpoints', { body: { endpoint_url: 'not a url', events: [] } });
  assert.equal(badUrl.status, 422);
  assert.equal(badUrl.body.code, 'invalid_url');
  await assert.rejects(workos.webhooks.createWebhookEndpoint({ events: ['user.created'] }), UnprocessableEntityException);
  assert.equal((await emu.raw('PATCH', `/webhook_endpoints/${ids[0]}`, { body: { status: 'paused' } })).status, 422);

  await workos.webhooks.deleteWebhookEndpoint({ id: ids[3] });
  await assert.rejects(workos.webhooks.deleteWebhookEndpoint({ id: ids[3] }), NotFoundException);
  await assert.rejects(workos.webhooks.updateWebhookEndpoint({ id: ids[3], status: 'enabled' }), NotFoundException);
  await assert.rejects(emu.sdk('sk_test_wrong').webhooks.listWebhookEndpoints(), UnauthorizedException);
  for (const id of ids.slice(0, 3)) await workos.webhooks.deleteWebhookEndpoint({ id });
});

/** A loopback HTTP receiver: `next(pred)` resolves with the first delivery matching pred. */
async function receiver() {
  const got = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const d = { body, signature: req.headers['workos-signature'], contentType: req.headers['content-type'], event: JSON.parse(body) };
      got.push(d);
      res.writeHead(200).end('ok');
      for (const w of [...waiters]) if (w.pred(d)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(d); }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks/workos?via=test`,
    got,
    next(pred, ms = 10_000) {
      const hit = got.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no webhook delivery within ' + ms + ' ms')), ms);
        waiters.push({ pred, resolve: (d) => { clearTimeout(timer); resolve(d); } });
      });
    },
    close: () => new Promise((r) => server.close(r))
  };
}

test('webhook delivery: signed POSTs to subscribed, enabled endpoints, verified by the SDK', T, async () => {
  const a = await receiver();
  const b = await receiver();
  try {
    const epA = await workos.webhooks.createWebhookEndpoint({ endpointUrl: a.url, events: ['organization.created'] });
    const epB = await workos.webhooks.createWebhookEndpoint({ endpointUrl: b.url, events: ['organization.updated'] });
    const o1 = await org('Webhooked');
    const d = await a.next((x) => x.event.data?.id === o1.id);
    assert.equal(d.contentType, 'application/json');
    assert.match(d.signature, /^t=\d{13}, v1=[0-9a-f]{64}$/);
    const event = await workos.webhooks.constructEvent({ payload: d.body, sigHeader: d.signature, secret: epA.secret });
    assert.equal(event.event, 'organization.created');
    assert.equal(event.data.id, o1.id);
    assert.equal(event.data.name, 'Webhooked');
    assert.match(event.id, /^event_/);
    await assert.rejects(workos.webhooks.constructEvent({ payload: d.body, sigHeader: d.signature, secret: epB.secret }));
    await assert.rejects(workos.webhooks.constructEvent({ payload: d.body.replace('Webhooked', 'Tampered'), sigHeader: d.signature, secret: epA.secret }));

    // One delivery thread, in order: when B has its event, A's (had it been due) came first.
    await workos.organizations.updateOrganization({ organization: o1.id, name: 'Webhooked 2' });
    const upd = await b.next((x) => x.event.event === 'organization.updated' && x.event.data.id === o1.id);
    assert.equal((await workos.webhooks.constructEvent({ payload: upd.body, sigHeader: upd.signature, secret: epB.secret })).data.name, 'Webhooked 2');
    assert.deepEqual(a.got.map((x) => x.event.event), ['organization.created'], 'A is not subscribed to updates');

    await workos.webhooks.updateWebhookEndpoint({ id: epA.id, status: 'disabled' });
    const o2 = await org();
    await workos.organizations.updateOrganization({ organization: o2.id, name: 'Later' });
    await b.next((x) => x.event.data.id === o2.id);
    assert.equal(a.got.length, 1, 'a disabled endpoint gets nothing');

    // Another environment's events never reach this environment's endpoints.
    const prod = emu.sdk(emu.productionKey);
    const po = await prod.organizations.createOrganization({ name: 'Prod org' });
    await prod.organizations.updateOrganization({ organization: po.id, name: 'Prod org 2' });
    const o3 = await org();
    await workos.organizations.updateOrganization({ organization: o3.id, name: 'Last' });
    await b.next((x) => x.event.data.id === o3.id);
    assert.ok(!b.got.some((x) => x.event.data.id === po.id));

    await workos.webhooks.deleteWebhookEndpoint({ id: epA.id });
    await workos.webhooks.deleteWebhookEndpoint({ id: epB.id });
  } finally {
    await a.close();
    await b.close();
  }
});

test('webhook delivery: an unreachable endpoint never blocks or breaks the API', T, async () => {
  const dead = await receiver();
  const url = dead.url;
  await dead.close();
  const ep = await workos.webhooks.createWebhookEndpoint({ endpointUrl: url, events: ['organization.created'] });
  const started = Date.now();
  for (let i = 0; i < 3; i++) await org();
  assert.ok(Date.now() - started < 5000);
  assert.equal((await emu.raw('GET', '/organizations?limit=1')).status, 200);
  await workos.webhooks.deleteWebhookEndpoint({ id: ep.id });
});

// ===== Feature flags =============================================================================

const createFlag = async (body) => {
  const r = await emu.raw('POST', '/dashboard/feature-flags', { body });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
};

test('feature flags: dashboard create, list both ways, get, enable, disable, delete', T, async () => {
  const flags = [];
  for (let i = 0; i < 4; i++) flags.push(await createFlag({ slug: unique('flag'), name: `Flag ${i}`, tags: ['reports'] }));
  assert.match(flags[0].id, /^flag_[0-9A-Z]{26}$/);
  assert.equal(flags[0].object, 'feature_flag');
  assert.equal(flags[0].enabled, false);
  assert.equal(flags[0].default_value, false);
  assert.equal(flags[0].owner, null);
  const all = await workos.featureFlags.listFeatureFlags({ limit: 100, order: 'asc' });
  await assertPaginates((o) => workos.featureFlags.listFeatureFlags(o), all.data.map((f) => f.id));

  const got = await workos.featureFlags.getFeatureFlag(flags[1].slug);
  assert.equal(got.name, 'Flag 1');
  assert.deepEqual(got.tags, ['reports']);
  assert.equal((await workos.featureFlags.enableFeatureFlag(flags[1].slug)).enabled, true);
  assert.equal((await workos.featureFlags.getFeatureFlag(flags[1].slug)).enabled, true);
  assert.equal((await workos.featureFlags.disableFeatureFlag(flags[1].slug)).enabled, false);
  await assert.rejects(workos.featureFlags.getFeatureFlag('no-such-flag'), NotFoundException);
  await assert.rejects(workos.featureFlags.enableFeatureFlag('no-such-flag'), NotFoundException);

  assert.equal((await emu.raw('POST', '/dashboard/feature-flags', { body: { slug: flags[0].slug } })).status, 409);
  assert.equal((await emu.raw('POST', '/dashboard/feature-flags', { body: { slug: 'Bad Slug!' } })).status, 422);
  assert.equal((await emu.raw('POST', '/dashboard/feature-flags', { body: {} })).status, 422);

  assert.equal((await emu.raw('DELETE', `/dashboard/feature-flags/${flags[3].slug}`)).status, 204);
  await assert.rejects(workos.featureFlags.getFeatureFlag(flags[3].slug), NotFoundException);
  const events = await workos.events.listEvents({ events: ['flag.created', 'flag.updated', 'flag.deleted'], limit: 100 });
  const kinds = new Set(events.data.filter((e) => e.data.slug === flags[1].slug || e.data.slug === flags[3].slug).map((e) => e.event));
  assert.deepEqual([...kinds].sort(), ['flag.created', 'flag.deleted', 'flag.updated']);
});

test('feature flags: targets decide the flags enabled for an organization', T, async () => {
  const o = await org();
  const targeted = await createFlag({ slug: unique('targeted'), enabled: true });
  const everyone = await createFlag({ slug: unique('everyone'), enabled: true, default_value: true });
  const off = await createFlag({ slug: unique('off'), enabled: false, default_value: true });
  const enabledFor = async () => (await workos.featureFlags.listOrganizationFeatureFlags({ organizationId: o.id, limit: 100 })).data.map((f) => f.slug);
  let slugs = await enabledFor();
  assert.ok(slugs.includes(everyone.slug));
  assert.ok(!slugs.includes(targeted.slug));
  assert.ok(!slugs.includes(off.slug));

  await workos.featureFlags.addFlagTarget({ slug: targeted.slug, targetId: o.id });
  await workos.featureFlags.addFlagTarget({ slug: targeted.slug, targetId: o.id }); // idempotent
  slugs = await enabledFor();
  assert.ok(slugs.includes(targeted.slug));
  await workos.featureFlags.removeFlagTarget({ slug: targeted.slug, targetId: o.id });
  assert.ok(!(await enabledFor()).includes(targeted.slug));

  const invalid = await emu.raw('POST', `/feature-flags/${targeted.slug}/targets/nonsense_123`);
  assert.equal(invalid.status, 400);
  assert.deepEqual(invalid.body, { message: 'Invalid resource id', code: 'invalid_resource_id_format', statusCode: 400 });
  await assert.rejects(workos.featureFlags.addFlagTarget({ slug: targeted.slug, targetId: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  await assert.rejects(workos.featureFlags.addFlagTarget({ slug: 'no-such-flag', targetId: o.id }), NotFoundException);
  await assert.rejects(workos.featureFlags.removeFlagTarget({ slug: targeted.slug, targetId: 'user_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  await assert.rejects(workos.featureFlags.listOrganizationFeatureFlags({ organizationId: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  await assert.rejects(workos.featureFlags.listUserFeatureFlags({ userId: 'user_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  const rule = await workos.events.listEvents({ events: ['flag.rule_updated'], limit: 100 });
  assert.ok(rule.data.some((e) => e.data.slug === targeted.slug));
});

test('feature flags for a user: its own targets and its organizations\'', T, async (t) => {
  if (!(await userManagementAvailable())) return t.skip('user management is not built into this emulator');
  const o = await org();
  const user = await workos.userManagement.createUser({ email: `${unique('flags')}@example.com` });
  await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: o.id });
  const direct = await createFlag({ slug: unique('direct'), enabled: true });
  const viaOrg = await createFlag({ slug: unique('via-org'), enabled: true });
  await workos.featureFlags.addFlagTarget({ slug: direct.slug, targetId: user.id });
  await workos.featureFlags.addFlagTarget({ slug: viaOrg.slug, targetId: o.id });
  const slugs = (await workos.featureFlags.listUserFeatureFlags({ userId: user.id, limit: 100 })).data.map((f) => f.slug);
  assert.ok(slugs.includes(direct.slug));
  assert.ok(slugs.includes(viaOrg.slug));
});

// ===== AuthKit configuration =====================================================================

test('redirect URIs: the first is the default; list both ways; duplicates and bad URIs refused', T, async () => {
  const ids = [];
  for (let i = 0; i < 4; i++) {
    const r = await emu.raw('POST', '/user_management/redirect_uris', { body: { uri: `https://app.example/${unique('cb')}` } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.id, /^redir_[0-9A-Z]{26}$/);
    assert.equal(r.body.object, 'redirect_uri');
    assert.equal(r.body.default, i === 0);
    ids.push(r.body.id);
  }
  await assertPaginatesRaw('/user_management/redirect_uris', ids);
  const first = (await emu.raw('GET', '/user_management/redirect_uris?order=asc')).body.data[0];
  const dup = await emu.raw('POST', '/user_management/redirect_uris', { body: { uri: first.uri } });
  assert.equal(dup.status, 422);
  assert.equal(dup.body.message, `Redirect URI '${first.uri}' already exists.`);
  assert.equal((await emu.raw('POST', '/user_management/redirect_uris', { body: { uri: 'no scheme' } })).status, 422);
  assert.equal((await emu.raw('POST', '/user_management/redirect_uris', { body: {} })).status, 422);
  assert.equal((await emu.raw('POST', '/user_management/redirect_uris', { body: { uri: 'myapp://callback' } })).status, 201, 'native app schemes');
  const prod = await emu.raw('POST', '/user_management/redirect_uris', { key: emu.productionKey, body: { uri: 'http://app.example/cb' } });
  assert.equal(prod.status, 422, 'production wants https');
  assert.equal((await emu.raw('POST', '/user_management/redirect_uris', { key: emu.productionKey, body: { uri: 'http://localhost:3000/cb' } })).status, 201);

  assert.equal((await emu.raw('DELETE', `/user_management/redirect_uris/${ids[0]}`)).status, 409, 'the default stays');
  assert.equal((await emu.raw('DELETE', `/user_management/redirect_uris/${ids[2]}`)).status, 204);
  assert.equal((await emu.raw('DELETE', `/user_management/redirect_uris/${ids[2]}`)).status, 404);
  assert.equal((await emu.raw('GET', '/user_management/redirect_uris', { key: null })).status, 401);
});

test('CORS origins: create, list both ways, duplicate 409, invalid origin 422', T, async () => {
  const ids = [];
  for (let i = 0; i < 4; i++) {
    const r = await emu.raw('POST', '/user_management/cors_origins', { body: { origin: `https://${unique('app')}.example.com` } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.id, /^cors_origin_[0-9A-Z]{26}$/);
    assert.equal(r.body.object, 'cors_origin');
    ids.push(r.body.id);
  }
  await assertPaginatesRaw('/user_management/cors_origins', ids);
  const origin = (await emu.raw('GET', `/user_management/cors_origins?order=asc&limit=1`)).body.data[0].origin;
  const dup = await emu.raw('POST', '/user_management/cors_origins', { body: { origin } });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.code, 'duplicate_cors_origin');
  const withPath = await emu.raw('POST', '/user_management/cors_origins', { body: { origin: 'https://x.example.com/path' } });
  assert.equal(withPath.status, 422);
  assert.equal(withPath.body.errors[0].property, 'origin');
  assert.equal((await emu.raw('POST', '/user_management/cors_origins', { body: {} })).status, 422);
  assert.equal((await emu.raw('POST', '/user_management/cors_origins', { body: { origin: 'http://localhost:5173' } })).status, 201);
});

test('JWT template: absent until set, then read back; invalid templates refused', T, async () => {
  const prodKey = emu.productionKey; // a fresh environment for this test's first read
  assert.equal((await emu.raw('GET', '/user_management/jwt_template', { key: prodKey })).status, 404);
  const content = '{"urn:myapp:full_name": "{{user.first_name}} {{user.last_name}}", "urn:myapp:email": "{{user.email}}"}';
  const put = await emu.raw('PUT', '/user_management/jwt_template', { key: prodKey, body: { content } });
  assert.equal(put.status, 200);
  assert.equal(put.body.object, 'jwt_template');
  assert.equal(put.body.content, content);
  const got = await emu.raw('GET', '/user_management/jwt_template', { key: prodKey });
  assert.equal(got.body.content, content);
  assert.equal(got.body.created_at, put.body.created_at);
  const reserved = await emu.raw('PUT', '/user_management/jwt_template', { key: prodKey, body: { content: '{"sub": "{{user.id}}"}' } });
  assert.equal(reserved.status, 422);
  assert.equal(reserved.body.code, 'invalid_request_parameters');
  assert.equal((await emu.raw('PUT', '/user_management/jwt_template', { key: prodKey, body: { content: 'not json' } })).status, 422);
  assert.equal((await emu.raw('PUT', '/user_management/jwt_template', { key: prodKey, body: {} })).status, 422);
  assert.equal((await emu.raw('GET', '/user_management/jwt_template', { key: prodKey })).body.content, content);
  const withTags = '{% if user.metadata.tier %}{"tier": "{{user.metadata.tier}}"}{% else %}{}{% endif %}';
  assert.equal((await emu.raw('PUT', '/user_management/jwt_template', { key: prodKey, body: { content: '{"tier": {{user.metadata.tier}}}' } })).status, 200);
  assert.equal((await emu.raw('PUT', '/user_management/jwt_template', { key: prodKey, body: { content: withTags } })).status, 200, 'control tags');
  const reservedInTags = '{% if user.email %}{"sid": "{{user.email}}"}{% endif %}';
  assert.equal((await emu.raw('PUT', '/user_management/jwt_template', { key: prodKey, body: { content: reservedInTags } })).status, 422);
  assert.equal((await emu.raw('PUT', '/user_management/jwt_template', { key: prodKey, body: { content: '{"a": "{{user.email"}' } })).status, 422, 'unclosed tag');
});

// ===== API keys ==================================================================================

test('organization API keys: value once, obfuscated after; list both ways; validate, expire, delete', T, async () => {
  const o = await org();
  const key = await workos.apiKeys.createOrganizationApiKey({ organizationId: o.id, name: 'CI', permissions: ['posts:read'] });
  assert.match(key.id, /^api_key_[0-9A-Z]{26}$/);
  assert.match(key.value, /^sk_/);
  assert.equal(key.obfuscatedValue, 'sk_...' + key.value.slice(-4));
  assert.deepEqual(key.owner, { type: 'organization', id: o.id });
  assert.deepEqual(key.permissions, ['posts:read']);

  const ids = [key.id];
  for (let i = 0; i < 3; i++) ids.push((await workos.apiKeys.createOrganizationApiKey({ organizationId: o.id, name: `k${i}` })).id);
  await assertPaginates((opts) => workos.apiKeys.listOrganizationApiKeys({ organizationId: o.id, ...opts }), ids);
  const listed = await emu.raw('GET', `/organizations/${o.id}/api_keys?limit=100`);
  assert.ok(!JSON.stringify(listed.body).includes(key.value), 'the value is answered once');
  assert.ok(listed.body.data.every((k) => k.value === undefined && k.value_digest === undefined));

  const valid = await workos.apiKeys.createValidation({ value: key.value });
  assert.equal(valid.apiKey.id, key.id);
  assert.ok(valid.apiKey.lastUsedAt, 'validation uses the key');
  assert.equal((await workos.apiKeys.createValidation({ value: 'sk_not_a_key' })).apiKey, null);
  assert.equal((await emu.raw('POST', '/api_keys/validations', { body: {} })).status, 422);

  // Expiry: scheduled, cleared, then immediate; an expired key no longer validates.
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const scheduled = await emu.raw('POST', `/api_keys/${key.id}/expire`, { body: { expires_at: future } });
  assert.equal(scheduled.status, 200);
  assert.equal(scheduled.body.expires_at, future);
  assert.equal((await emu.raw('POST', `/api_keys/${key.id}/expire`, { body: { expires_at: null } })).body.expires_at, null);
  const now = await emu.raw('POST', `/api_keys/${key.id}/expire`, { body: {} });
  assert.equal(now.status, 200);
  assert.ok(now.body.expires_at);
  assert.equal((await workos.apiKeys.createValidation({ value: key.value })).apiKey, null);
  const again = await emu.raw('POST', `/api_keys/${key.id}/expire`);
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'api_key_already_expired');
  assert.equal((await emu.raw('POST', `/api_keys/${ids[1]}/expire`, { body: { expires_at: 'soon' } })).status, 422);

  await workos.apiKeys.deleteApiKey(ids[1]);
  await assert.rejects(workos.apiKeys.deleteApiKey(ids[1]), NotFoundException);
  assert.equal((await emu.raw('POST', `/api_keys/${ids[1]}/expire`)).status, 404);

  await assert.rejects(workos.apiKeys.createOrganizationApiKey({ organizationId: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA', name: 'x' }), NotFoundException);
  await assert.rejects(workos.apiKeys.listOrganizationApiKeys({ organizationId: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  await assert.rejects(workos.apiKeys.createOrganizationApiKey({ organizationId: o.id }), UnprocessableEntityException);
  const past = await emu.raw('POST', `/organizations/${o.id}/api_keys`, { body: { name: 'old', expires_at: '2020-01-01T00:00:00.000Z' } });
  assert.equal(past.status, 422);
  await assert.rejects(emu.sdk('sk_test_bogus').apiKeys.createValidation({ value: key.value }), UnauthorizedException);

  const events = await workos.events.listEvents({ events: ['api_key.created', 'api_key.revoked'], limit: 100 });
  assert.ok(events.data.some((e) => e.event === 'api_key.created' && e.data.id === key.id));
  assert.ok(events.data.some((e) => e.event === 'api_key.revoked' && e.data.id === ids[1]));
  assert.ok(!JSON.stringify(events.data).includes(key.value), 'events never carry the value');
});

test('user API keys: unknown users are 404', T, async () => {
  await assert.rejects(workos.userManagement.listUserApiKeys('user_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  await assert.rejects(workos.userManagement.createUserApiKey('user_01AAAAAAAAAAAAAAAAAAAAAAAA', { name: 'x', organizationId: 'org_x' }), NotFoundException);
});

test('user API keys: need a membership; listed by user, filtered by organization', T, async (t) => {
  if (!(await userManagementAvailable())) return t.skip('user management is not built into this emulator');
  const o1 = await org();
  const o2 = await org();
  const user = await workos.userManagement.createUser({ email: `${unique('keys')}@example.com` });
  await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: o1.id });
  await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: o2.id });
  const k1 = await workos.userManagement.createUserApiKey(user.id, { name: 'one', organizationId: o1.id });
  const k2 = await workos.userManagement.createUserApiKey(user.id, { name: 'two', organizationId: o2.id });
  assert.match(k1.value, /^sk_/);
  assert.deepEqual(k1.owner, { type: 'user', id: user.id, organizationId: o1.id });
  const all = await workos.userManagement.listUserApiKeys(user.id);
  assert.deepEqual(all.data.map((k) => k.id), [k2.id, k1.id]);
  const only = await workos.userManagement.listUserApiKeys(user.id, { organizationId: o1.id });
  assert.deepEqual(only.data.map((k) => k.id), [k1.id]);
  assert.equal((await workos.apiKeys.createValidation({ value: k2.value })).apiKey.id, k2.id);
  const stranger = await org();
  await assert.rejects(workos.userManagement.createUserApiKey(user.id, { name: 'x', organizationId: stranger.id }), BadRequestException);
  await assert.rejects(workos.userManagement.createUserApiKey(user.id, { name: 'x' }), UnprocessableEntityException);
});

// ===== Vault =====================================================================================

test('vault objects: create, read by id and name, update with version checks, versions, delete', T, async () => {
  const name = unique('db-password');
  const meta = await workos.vault.createObject({ name, value: 's3cr3t', context: { organization_id: 'org_1' } });
  assert.match(meta.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(meta.environmentId, /^environment_/);
  assert.deepEqual(meta.context, { organization_id: 'org_1' });
  assert.ok(meta.keyId && meta.versionId && meta.updatedBy.id);

  const byId = await workos.vault.readObject({ id: meta.id });
  assert.equal(byId.value, 's3cr3t');
  assert.equal(byId.name, name);
  assert.equal((await workos.vault.readObjectByName(name)).id, meta.id);

  const updated = await workos.vault.updateObject({ id: meta.id, value: 'n3w', versionCheck: meta.versionId });
  assert.notEqual(updated.metadata.versionId, meta.versionId);
  await assert.rejects(workos.vault.updateObject({ id: meta.id, value: 'x', versionCheck: meta.versionId }), ConflictException);
  assert.equal((await workos.vault.readObject({ id: meta.id })).value, 'n3w');
  const described = await workos.vault.describeObject({ id: meta.id });
  assert.equal(described.value, undefined);
  assert.equal(described.metadata.versionId, updated.metadata.versionId);
  const versions = await workos.vault.listObjectVersions({ id: meta.id });
  assert.equal(versions.length, 2);
  assert.deepEqual(versions.map((v) => v.currentVersion), [true, false]);
  assert.equal(versions[0].id, updated.metadata.versionId);
  assert.equal(versions[0].size, 3);

  await assert.rejects(workos.vault.createObject({ name, value: 'again', context: {} }), ConflictException);
  const noValue = await emu.raw('POST', '/vault/v1/kv', { body: { name: unique('v'), key_context: {} } });
  assert.equal(noValue.status, 422);
  assert.ok(noValue.body.error);
  assert.equal((await emu.raw('DELETE', `/vault/v1/kv/${meta.id}?version_check=${meta.versionId}`)).status, 409);
  await workos.vault.deleteObject({ id: meta.id });
  await assert.rejects(workos.vault.readObject({ id: meta.id }), NotFoundException);
  await assert.rejects(workos.vault.readObjectByName(name), NotFoundException);
  await assert.rejects(workos.vault.describeObject({ id: '00000000-0000-4000-8000-000000000000' }), NotFoundException);
  assert.equal((await emu.raw('GET', '/vault/v1/kv/not-a-uuid')).status, 400);
  const events = await workos.events.listEvents({ events: ['vault.data.created', 'vault.data.updated', 'vault.data.deleted'], limit: 100 });
  assert.ok(!JSON.stringify(events.data).includes('s3cr3t'), 'events carry no values');
});

test('vault objects: list both ways, search, updated after', T, async () => {
  const prefix = unique('listed');
  const ids = [];
  for (let i = 0; i < 4; i++) ids.push((await workos.vault.createObject({ name: `${prefix}-${i}`, value: 'v', context: { k: 'v' } })).id);
  const page1 = await workos.vault.listObjects({ limit: 2, search: prefix });
  assert.deepEqual(page1.data.map((o) => o.id), [ids[3], ids[2]]);
  assert.equal(page1.data[0].name, `${prefix}-3`);
  const page2 = await workos.vault.listObjects({ limit: 2, search: prefix, after: page1.listMetadata.after });
  assert.deepEqual(page2.data.map((o) => o.id), [ids[1], ids[0]]);
  const back = await workos.vault.listObjects({ limit: 2, search: prefix, before: page2.data[0].id });
  assert.deepEqual(back.data.map((o) => o.id), [ids[3], ids[2]]);
  const raw = await emu.raw('GET', `/vault/v1/kv?search=${prefix}&order=asc`);
  assert.deepEqual(raw.body.data.map((o) => o.id), ids);
  assert.equal(raw.body.object, undefined, 'Vault lists have no object field');
  const future = await emu.raw('GET', `/vault/v1/kv?search=${prefix}&updated_after=${new Date(Date.now() + 60_000).toISOString()}`);
  assert.deepEqual(future.body.data, []);
  assert.equal((await emu.raw('GET', '/vault/v1/kv?updated_after=whenever')).status, 400);
});

test('vault data keys: decrypt returns what create gave; rekey keeps the key; SDK encrypt/decrypt round trip', T, async () => {
  const pair = await workos.vault.createDataKey({ context: { organization_id: 'org_1' } });
  assert.equal(Buffer.from(pair.dataKey.key, 'base64').length, 32);
  assert.deepEqual(pair.context, { organization_id: 'org_1' });
  const decrypted = await workos.vault.decryptDataKey({ keys: pair.encryptedKeys });
  assert.deepEqual(decrypted, { key: pair.dataKey.key, id: pair.dataKey.id });

  const rekeyed = await workos.vault.createRekey({ context: { organization_id: 'org_2' }, encryptedKeys: pair.encryptedKeys });
  assert.equal(rekeyed.dataKey, pair.dataKey.key);
  assert.notEqual(rekeyed.encryptedKeys, pair.encryptedKeys);
  assert.deepEqual(rekeyed.context, { organization_id: 'org_2' });
  assert.equal((await workos.vault.decryptDataKey({ keys: rekeyed.encryptedKeys })).key, pair.dataKey.key);

  const sealed = await workos.vault.encrypt('the plans', { organization_id: 'org_1' }, 'aad');
  assert.equal(await workos.vault.decrypt(sealed, 'aad'), 'the plans');

  const garbage = await emu.raw('POST', '/vault/v1/keys/decrypt', { body: { keys: Buffer.from('nope').toString('base64') } });
  assert.equal(garbage.status, 400);
  assert.ok(garbage.body.error);
  assert.equal((await emu.raw('POST', '/vault/v1/keys/decrypt', { body: {} })).status, 400);
  assert.equal((await emu.raw('POST', '/vault/v1/keys/data-key', { body: {} })).status, 422);
  assert.equal((await emu.raw('POST', '/vault/v1/keys/data-key', { body: { context: { a: 1 } } })).status, 422);
  assert.equal((await emu.raw('POST', '/vault/v1/keys/rekey', { body: { context: {} } })).status, 422);
  // Another environment cannot unwrap this environment's keys.
  assert.equal((await emu.raw('POST', '/vault/v1/keys/decrypt', { key: emu.productionKey, body: { keys: pair.encryptedKeys } })).status, 400);
});
