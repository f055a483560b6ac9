// tests/emulator/user_management.test.mjs — User Management through WorkOS's own Node SDK: users
// (passwords, identities, sessions), password reset, email verification, email change, Magic
// Auth, organization memberships and invitations; raw requests where the SDK has no method
// (email change, the emulator's /dashboard/ additions) or to check the wire itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BadRequestException,
  ConflictException,
  GenericServerException,
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException
} from '@workos-inc/node';
import { startEmulator } from './harness.mjs';

const T = { timeout: 30_000 };
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const id = (prefix) => new RegExp(`^${prefix}_${ULID}$`);

let emu;
let workos;
let n = 0;
const email = (tag = 'user') => `${tag}-${Date.now()}-${n++}@example.com`;

before(async () => {
  emu = await startEmulator();
  workos = emu.sdk();
});
after(async () => emu?.stop());

/** Events of the given types (raw: the SDK's deserializer knows only some event types). */
async function events(...types) {
  const qs = types.map((t) => `events=${encodeURIComponent(t)}`).join('&');
  const res = await emu.raw('GET', `/events?limit=100&${qs}`);
  assert.equal(res.status, 200);
  return res.body.data;
}

/** Neither a password nor a hash anywhere in a body: no such member, no bcrypt-looking value. */
function assertNoPassword(body) {
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        assert.ok(!/^(password|password_hash|password_hash_type|password_salt_position|hash|salt)$/i.test(k), `password material leaked: ${k}`);
        walk(x);
      }
    } else if (typeof v === 'string') {
      assert.ok(!/\$2[aby]\$|\$argon2/.test(v), `a hash leaked: ${v}`);
    }
  };
  walk(body);
}

async function newOrg(name = 'Org') {
  return workos.organizations.createOrganization({ name: `${name} ${n++}` });
}

// ----- users -------------------------------------------------------------------------------------

test('users: create, get, get by external id, update, list, delete', T, async () => {
  const address = email('crud');
  const user = await workos.userManagement.createUser({
    email: address,
    password: 'correct horse battery staple',
    firstName: 'Marcelina',
    lastName: 'Davis',
    externalId: `ext-${n++}`,
    metadata: { tier: 'gold' }
  });
  assert.match(user.id, id('user'));
  assert.equal(user.object, 'user');
  assert.equal(user.email, address);
  assert.equal(user.emailVerified, false);
  assert.equal(user.name, 'Marcelina Davis');
  assert.equal(user.profilePictureUrl, null);
  assert.equal(user.lastSignInAt, null);
  assert.match(user.createdAt, ISO);
  assert.match(user.updatedAt, ISO);
  assert.deepEqual(user.metadata, { tier: 'gold' });

  const raw = await emu.raw('GET', `/user_management/users/${user.id}`);
  assert.equal(raw.status, 200);
  assertNoPassword(raw.body);
  for (const k of ['object', 'id', 'first_name', 'last_name', 'profile_picture_url', 'email', 'email_verified',
    'external_id', 'last_sign_in_at', 'created_at', 'updated_at'])
    assert.ok(k in raw.body, `user has ${k}`);

  assert.equal((await workos.userManagement.getUser(user.id)).email, address);
  assert.equal((await workos.userManagement.getUserByExternalId(user.externalId)).id, user.id);

  const updated = await workos.userManagement.updateUser({
    userId: user.id,
    firstName: 'Marcy',
    emailVerified: true,
    metadata: { tier: null, region: 'eu' },
    password: 'another strong passphrase'
  });
  assert.equal(updated.firstName, 'Marcy');
  assert.equal(updated.name, 'Marcy Davis');
  assert.equal(updated.emailVerified, true);
  assert.deepEqual(updated.metadata, { region: 'eu' });

  const byEmail = await workos.userManagement.listUsers({ email: address.toUpperCase() });
  assert.deepEqual(byEmail.data.map((u) => u.id), [user.id]);

  await workos.userManagement.deleteUser(user.id);
  await assert.rejects(workos.userManagement.getUser(user.id), NotFoundException);
  const evs = (await events('user.created', 'user.updated', 'user.deleted')).filter((e) => e.data.id === user.id);
  assert.deepEqual(evs.map((e) => e.event), ['user.deleted', 'user.updated', 'user.created']);
  assertNoPassword(evs);
});

test('users: pagination both ways, newest first', T, async () => {
  const org = await newOrg('Paged');
  const ids = [];
  for (let i = 0; i < 5; i++) {
    const u = await workos.userManagement.createUser({ email: email('page') });
    await workos.userManagement.createOrganizationMembership({ userId: u.id, organizationId: org.id });
    ids.push(u.id);
  }
  const page1 = await workos.userManagement.listUsers({ organizationId: org.id, limit: 2 });
  assert.deepEqual(page1.data.map((u) => u.id), [ids[4], ids[3]]);
  assert.equal(page1.listMetadata.after, ids[3]);
  const page2 = await workos.userManagement.listUsers({ organizationId: org.id, limit: 2, after: page1.listMetadata.after });
  assert.deepEqual(page2.data.map((u) => u.id), [ids[2], ids[1]]);
  const back = await workos.userManagement.listUsers({ organizationId: org.id, limit: 2, before: page2.data[0].id });
  assert.deepEqual(back.data.map((u) => u.id), [ids[4], ids[3]]);
  const asc = await workos.userManagement.listUsers({ organizationId: org.id, order: 'asc' });
  assert.deepEqual(asc.data.map((u) => u.id), ids);
  const all = await (await workos.userManagement.listUsers({ organizationId: org.id })).autoPagination();
  assert.equal(all.length, 5);
  const bad = await emu.raw('GET', '/user_management/users?limit=0');
  assert.equal(bad.status, 422);
});

test('users: validation, conflicts, unknown ids and keys', T, async () => {
  await assert.rejects(workos.userManagement.createUser({}), UnprocessableEntityException);
  await assert.rejects(workos.userManagement.createUser({ email: 'not-an-email' }), UnprocessableEntityException);
  const address = email('dup');
  await workos.userManagement.createUser({ email: address });
  await assert.rejects(workos.userManagement.createUser({ email: address.toUpperCase() }), (e) => {
    assert.ok(e instanceof ConflictException);
    assert.equal(e.code, 'email_not_available');
    return true;
  });
  // Weak password: 400 with code and errors.
  await assert.rejects(workos.userManagement.createUser({ email: email(), password: 'short' }), (e) => {
    assert.ok(e instanceof BadRequestException);
    assert.equal(e.code, 'password_strength_error');
    return true;
  });
  const both = await emu.raw('POST', '/user_management/users', {
    body: { email: email(), password: 'long enough password', password_hash: 'x', password_hash_type: 'bcrypt' }
  });
  assert.equal(both.status, 400);
  assert.equal(both.body.code, 'password_and_password_hash_provided');
  const badHash = await emu.raw('POST', '/user_management/users', {
    body: { email: email(), password_hash: 'nope', password_hash_type: 'bcrypt' }
  });
  assert.equal(badHash.status, 400);
  assert.equal(badHash.body.code, 'invalid_password_hash');
  const badType = await emu.raw('POST', '/user_management/users', {
    body: { email: email(), password_hash: 'x', password_hash_type: 'md5' }
  });
  assert.equal(badType.status, 422);
  const badMeta = await emu.raw('POST', '/user_management/users', { body: { email: email(), metadata: { n: 1 } } });
  assert.equal(badMeta.status, 400);
  assert.equal(badMeta.body.code, 'invalid_metadata');

  const ext = `ext-${n++}`;
  const a = await workos.userManagement.createUser({ email: email(), externalId: ext });
  const b = await workos.userManagement.createUser({ email: email() });
  const extTaken = await emu.raw('PUT', `/user_management/users/${b.id}`, { body: { external_id: ext } });
  assert.equal(extTaken.status, 400);
  assert.equal(extTaken.body.code, 'external_id_already_used');
  const emailTaken = await emu.raw('PUT', `/user_management/users/${b.id}`, { body: { email: a.email } });
  assert.equal(emailTaken.status, 400);
  assert.equal(emailTaken.body.code, 'email_not_available');
  await assert.rejects(workos.userManagement.updateUser({ userId: b.id, email: 'broken' }), GenericServerException);

  const missing = 'user_01AAAAAAAAAAAAAAAAAAAAAAAA';
  const nf = await emu.raw('GET', `/user_management/users/${missing}`);
  assert.equal(nf.status, 404);
  assert.equal(nf.body.code, 'entity_not_found');
  assert.equal((await emu.raw('PUT', `/user_management/users/${missing}`, { body: { first_name: 'x' } })).status, 404);
  await assert.rejects(workos.userManagement.deleteUser(missing), NotFoundException);
  await assert.rejects(workos.userManagement.getUserByExternalId('no-such-external-id'), NotFoundException);
  await assert.rejects(emu.sdk('sk_test_unknown').userManagement.listUsers(), UnauthorizedException);
  assert.equal((await emu.raw('GET', '/user_management/users', { key: null })).status, 401);
  // A refused request changed nothing.
  assert.equal((await workos.userManagement.listUsers({ email: a.email })).data.length, 1);
});

test('users: a password hash can be imported and is never returned', T, async () => {
  const hash = '$2b$10$' + 'a'.repeat(53);
  const res = await emu.raw('POST', '/user_management/users', {
    body: { email: email('hash'), password_hash: hash, password_hash_type: 'bcrypt' }
  });
  assert.equal(res.status, 201);
  assertNoPassword(res.body);
  const list = await emu.raw('GET', `/user_management/users?email=${encodeURIComponent(res.body.email)}`);
  assertNoPassword(list.body);
  const evs = (await events('user.created')).filter((e) => e.data.id === res.body.id);
  assert.equal(evs.length, 1);
  assertNoPassword(evs);
});

test('users: environments never see each other', T, async () => {
  const prod = emu.sdk(emu.productionKey);
  const address = email('env');
  const inProd = await prod.userManagement.createUser({ email: address });
  await assert.rejects(workos.userManagement.getUser(inProd.id), NotFoundException);
  // The same address is free in the other environment.
  const inSandbox = await workos.userManagement.createUser({ email: address });
  assert.notEqual(inSandbox.id, inProd.id);
});

// ----- identities and sessions --------------------------------------------------------------------

test('identities: a bare array, linked from the dashboard', T, async () => {
  const user = await workos.userManagement.createUser({ email: email('ident') });
  assert.deepEqual(await workos.userManagement.getUserIdentities(user.id), []);
  const linked = await emu.raw('POST', `/dashboard/users/${user.id}/identities`, {
    body: { provider: 'GoogleOAuth', idp_id: '1234567890' }
  });
  assert.equal(linked.status, 201);
  const raw = await emu.raw('GET', `/user_management/users/${user.id}/identities`);
  assert.deepEqual(raw.body, [{ idp_id: '1234567890', type: 'OAuth', provider: 'GoogleOAuth' }]);
  const identities = await workos.userManagement.getUserIdentities(user.id);
  assert.equal(identities[0].idpId, '1234567890');
  const again = await emu.raw('POST', `/dashboard/users/${user.id}/identities`, {
    body: { provider: 'GoogleOAuth', idp_id: '1234567890' }
  });
  assert.equal(again.status, 409);
  const badProvider = await emu.raw('POST', `/dashboard/users/${user.id}/identities`, { body: { provider: 'X', idp_id: '1' } });
  assert.equal(badProvider.status, 422);
  assert.equal((await emu.raw('GET', '/user_management/users/user_01AAAAAAAAAAAAAAAAAAAAAAAA/identities')).status, 404);
});

test('sessions: created from the dashboard, listed, paginated and revoked', T, async () => {
  const org = await newOrg('Sessions');
  const user = await workos.userManagement.createUser({ email: email('sess') });
  const made = [];
  for (let i = 0; i < 3; i++) {
    const s = await emu.raw('POST', `/dashboard/users/${user.id}/sessions`, {
      body: { organization_id: org.id, ip_address: `198.51.100.${i}`, user_agent: 'Test/1.0', auth_method: 'password' }
    });
    assert.equal(s.status, 201);
    assert.match(s.body.id, id('session'));
    assert.equal(s.body.object, 'session');
    assert.equal(s.body.status, 'active');
    assert.match(s.body.expires_at, ISO);
    made.push(s.body.id);
  }
  assert.match((await workos.userManagement.getUser(user.id)).lastSignInAt, ISO);

  const list = await workos.userManagement.listSessions(user.id, { limit: 2 });
  assert.deepEqual(list.data.map((s) => s.id), [made[2], made[1]]);
  assert.equal(list.data[0].organizationId, org.id);
  assert.equal(list.data[0].authMethod, 'password');
  const rest = await workos.userManagement.listSessions(user.id, { limit: 2, after: list.listMetadata.after });
  assert.deepEqual(rest.data.map((s) => s.id), [made[0]]);
  const back = await workos.userManagement.listSessions(user.id, { limit: 2, before: made[0] });
  assert.deepEqual(back.data.map((s) => s.id), [made[2], made[1]]);

  await workos.userManagement.revokeSession({ sessionId: made[1] });
  const after = await workos.userManagement.listSessions(user.id);
  assert.deepEqual(after.data.map((s) => s.id), [made[2], made[0]]);
  // Revoking again is a no-op; an unknown session is a 400.
  assert.equal((await emu.raw('POST', '/user_management/sessions/revoke', { body: { session_id: made[1] } })).status, 200);
  const unknown = await emu.raw('POST', '/user_management/sessions/revoke', { body: { session_id: 'session_01AAAAAAAAAAAAAAAAAAAAAAAA' } });
  assert.equal(unknown.status, 400);
  assert.ok(unknown.body.message);
  assert.equal((await emu.raw('POST', '/user_management/sessions/revoke', { body: {} })).status, 422);

  const revoked = (await events('session.revoked')).filter((e) => e.data.id === made[1]);
  assert.equal(revoked.length, 1);
  assert.equal(revoked[0].data.status, 'revoked');
  assert.match(revoked[0].data.ended_at, ISO);
  assert.equal((await events('session.created')).filter((e) => e.data.user_id === user.id).length, 3);

  await assert.rejects(workos.userManagement.listSessions('user_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  const badMethod = await emu.raw('POST', `/dashboard/users/${user.id}/sessions`, { body: { auth_method: 'telepathy' } });
  assert.equal(badMethod.status, 422);
  const badOrg = await emu.raw('POST', `/dashboard/users/${user.id}/sessions`, { body: { organization_id: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA' } });
  assert.equal(badOrg.status, 404);
});

// ----- password reset, email verification, email change, magic auth -------------------------------

test('password reset: create, get, confirm once', T, async () => {
  const user = await workos.userManagement.createUser({ email: email('reset') });
  const reset = await workos.userManagement.createPasswordReset({ email: user.email });
  assert.match(reset.id, id('password_reset'));
  assert.equal(reset.object, 'password_reset');
  assert.equal(reset.userId, user.id);
  assert.ok(reset.passwordResetToken.includes('EMUSECRET'), 'tokens are planted secrets');
  assert.ok(reset.passwordResetUrl.includes(reset.passwordResetToken));
  assert.match(reset.expiresAt, ISO);
  assert.equal((await workos.userManagement.getPasswordReset(reset.id)).passwordResetToken, reset.passwordResetToken);

  const weak = await emu.raw('POST', '/user_management/password_reset/confirm', { body: { token: reset.passwordResetToken, new_password: 'x' } });
  assert.equal(weak.status, 400);
  assert.equal(weak.body.code, 'password_reset_error');
  const done = await workos.userManagement.resetPassword({ token: reset.passwordResetToken, newPassword: 'a brand new passphrase' });
  assert.equal(done.user.id, user.id);
  assert.equal(done.user.emailVerified, true, 'resetting the password verifies the email');
  const again = await emu.raw('POST', '/user_management/password_reset/confirm', {
    body: { token: reset.passwordResetToken, new_password: 'a brand new passphrase' }
  });
  assert.equal(again.status, 400);
  assert.equal(again.body.errors[0].code, 'password_reset_token_used');
  assertNoPassword(done);

  const created = (await events('password_reset.created', 'password_reset.succeeded')).filter((e) => e.data.id === reset.id);
  assert.deepEqual(created.map((e) => e.event).sort(), ['password_reset.created', 'password_reset.succeeded']);
  for (const e of created) assert.ok(!JSON.stringify(e).includes('EMUSECRET'), 'events carry no token');

  await assert.rejects(workos.userManagement.createPasswordReset({ email: email('nobody') }), NotFoundException);
  await assert.rejects(workos.userManagement.getPasswordReset('password_reset_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  assert.equal((await emu.raw('POST', '/user_management/password_reset', { body: {} })).status, 422);
  assert.equal((await emu.raw('POST', '/user_management/password_reset/confirm', { body: { token: 'x' } })).status, 422);
  const badToken = await emu.raw('POST', '/user_management/password_reset/confirm', { body: { token: 'nope', new_password: 'long enough password' } });
  assert.equal(badToken.status, 400);
});

test('email verification: send, get the code, confirm', T, async () => {
  const user = await workos.userManagement.createUser({ email: email('verify') });
  const sent = await workos.userManagement.sendVerificationEmail({ userId: user.id });
  assert.equal(sent.user.id, user.id);
  const ev = (await events('email_verification.created')).find((e) => e.data.user_id === user.id);
  assert.ok(ev, 'email_verification.created was emitted');
  assert.equal(ev.data.code, undefined, 'the event carries no code');
  const verification = await workos.userManagement.getEmailVerification(ev.data.id);
  assert.match(verification.id, id('email_verification'));
  assert.equal(verification.object, 'email_verification');
  assert.ok(verification.code.includes('EMUSECRET'));

  await assert.rejects(workos.userManagement.verifyEmail({ userId: user.id, code: 'wrong' }), (e) => {
    assert.equal(e.status, 400);
    assert.equal(e.rawData.code, 'email_verification_code_incorrect');
    return true;
  });
  const verified = await workos.userManagement.verifyEmail({ userId: user.id, code: verification.code });
  assert.equal(verified.user.emailVerified, true);
  const twice = await emu.raw('POST', `/user_management/users/${user.id}/email_verification/confirm`, { body: { code: verification.code } });
  assert.equal(twice.status, 400);
  assert.equal(twice.body.code, 'email_previously_verified');
  const resend = await emu.raw('POST', `/user_management/users/${user.id}/email_verification/send`, { body: {} });
  assert.equal(resend.status, 400);
  assert.equal(resend.body.code, 'email_already_verified');

  await assert.rejects(workos.userManagement.getEmailVerification('email_verification_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  await assert.rejects(workos.userManagement.sendVerificationEmail({ userId: 'user_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  assert.equal((await emu.raw('POST', `/user_management/users/${user.id}/email_verification/confirm`, { body: {} })).status, 422);
});

test('email change: send, read the code from the outbox, confirm', T, async () => {
  const user = await workos.userManagement.createUser({ email: email('change') });
  const other = await workos.userManagement.createUser({ email: email('taken') });
  const target = email('changed');
  const sent = await emu.raw('POST', `/user_management/users/${user.id}/email_change/send`, { body: { new_email: target } });
  assert.equal(sent.status, 200);
  assert.equal(sent.body.object, 'email_change');
  assert.equal(sent.body.new_email, target);
  assert.equal(sent.body.user.id, user.id);
  assert.match(sent.body.expires_at, ISO);
  assert.ok(!JSON.stringify(sent.body).includes('EMUSECRET'), 'the code goes by email only');

  const outbox = await emu.raw('GET', `/dashboard/emails?to=${encodeURIComponent(target)}&template=email_change`);
  assert.equal(outbox.status, 200);
  const code = outbox.body.data[0].code;
  assert.ok(code.includes('EMUSECRET'));

  const wrong = await emu.raw('POST', `/user_management/users/${user.id}/email_change/confirm`, { body: { code: 'nope' } });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.code, 'email_change_code_incorrect');
  const ok = await emu.raw('POST', `/user_management/users/${user.id}/email_change/confirm`, { body: { code } });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.object, 'email_change_confirmation');
  assert.equal(ok.body.user.email, target);
  assert.equal((await workos.userManagement.getUser(user.id)).email, target);
  const reused = await emu.raw('POST', `/user_management/users/${user.id}/email_change/confirm`, { body: { code } });
  assert.equal(reused.status, 409);
  assert.equal(reused.body.code, 'email_change_code_previously_used');

  const same = await emu.raw('POST', `/user_management/users/${user.id}/email_change/send`, { body: { new_email: target } });
  assert.equal(same.status, 409);
  assert.equal(same.body.code, 'email_change_not_needed');
  const taken = await emu.raw('POST', `/user_management/users/${user.id}/email_change/send`, { body: { new_email: other.email } });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.code, 'email_not_available');
  const invalid = await emu.raw('POST', `/user_management/users/${user.id}/email_change/send`, { body: { new_email: 'broken' } });
  assert.equal(invalid.status, 422);
  const none = await emu.raw('POST', `/user_management/users/${other.id}/email_change/confirm`, { body: { code: 'x' } });
  assert.equal(none.status, 409);
  assert.equal(none.body.code, 'no_pending_email_change');
  const nobody = await emu.raw('POST', '/user_management/users/user_01AAAAAAAAAAAAAAAAAAAAAAAA/email_change/send', { body: { new_email: target } });
  assert.equal(nobody.status, 404);
});

test('magic auth: create (signing up unknown addresses), get', T, async () => {
  const address = email('magic');
  const magic = await workos.userManagement.createMagicAuth({ email: address });
  assert.match(magic.id, id('magic_auth'));
  assert.equal(magic.object, 'magic_auth');
  assert.equal(magic.email, address);
  assert.ok(magic.code.includes('EMUSECRET'));
  assert.match(magic.expiresAt, ISO);
  const user = await workos.userManagement.getUser(magic.userId);
  assert.equal(user.email, address);
  assert.equal((await workos.userManagement.getMagicAuth(magic.id)).code, magic.code);
  // A second code for the same address reuses the user.
  assert.equal((await workos.userManagement.createMagicAuth({ email: address })).userId, user.id);
  const ev = (await events('magic_auth.created')).filter((e) => e.data.user_id === user.id);
  assert.equal(ev.length, 2);
  for (const e of ev) assert.ok(!JSON.stringify(e).includes('EMUSECRET'), 'events carry no code');
  await assert.rejects(workos.userManagement.getMagicAuth('magic_auth_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  await assert.rejects(workos.userManagement.createMagicAuth({ email: 'nope' }), UnprocessableEntityException);
  const badInvite = await emu.raw('POST', '/user_management/magic_auth', { body: { email: address, invitation_token: 'nope' } });
  assert.equal(badInvite.status, 400);
  assert.equal(badInvite.body.error, 'invitation_invalid');
});

// ----- organization memberships -------------------------------------------------------------------

test('memberships: create, get, update, list, deactivate, reactivate, delete', T, async () => {
  const org = await newOrg('Members');
  const user = await workos.userManagement.createUser({ email: email('om') });
  const m = await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id, roleSlug: 'admin' });
  assert.match(m.id, id('om'));
  assert.equal(m.object, 'organization_membership');
  assert.equal(m.status, 'active');
  assert.equal(m.organizationName, org.name);
  assert.deepEqual(m.role, { slug: 'admin' });
  assert.deepEqual(m.roles, [{ slug: 'admin' }]);
  assert.match(m.createdAt, ISO);
  const raw = await emu.raw('GET', `/user_management/organization_memberships/${m.id}`);
  assert.equal(raw.body.user.id, user.id);
  assertNoPassword(raw.body);
  assert.equal(raw.body.directory_managed, false);

  const other = await workos.userManagement.createUser({ email: email('om2') });
  const dflt = await workos.userManagement.createOrganizationMembership({ userId: other.id, organizationId: org.id });
  assert.deepEqual(dflt.role, { slug: 'member' });
  const multi = await workos.userManagement.updateOrganizationMembership(dflt.id, { roleSlugs: ['member', 'billing'] });
  assert.deepEqual(multi.roles, [{ slug: 'member' }, { slug: 'billing' }]);
  assert.deepEqual(multi.role, { slug: 'member' });

  const updated = await workos.userManagement.updateOrganizationMembership(m.id, { roleSlug: 'member' });
  assert.deepEqual(updated.role, { slug: 'member' });

  const byOrg = await workos.userManagement.listOrganizationMemberships({ organizationId: org.id });
  assert.deepEqual(byOrg.data.map((x) => x.id), [dflt.id, m.id]);
  const byUser = await workos.userManagement.listOrganizationMemberships({ userId: user.id });
  assert.deepEqual(byUser.data.map((x) => x.id), [m.id]);
  const page = await workos.userManagement.listOrganizationMemberships({ organizationId: org.id, limit: 1 });
  assert.deepEqual(page.data.map((x) => x.id), [dflt.id]);
  const next = await workos.userManagement.listOrganizationMemberships({ organizationId: org.id, limit: 1, after: page.listMetadata.after });
  assert.deepEqual(next.data.map((x) => x.id), [m.id]);
  const prev = await workos.userManagement.listOrganizationMemberships({ organizationId: org.id, limit: 1, before: m.id });
  assert.deepEqual(prev.data.map((x) => x.id), [dflt.id]);

  const off = await workos.userManagement.deactivateOrganizationMembership(m.id);
  assert.equal(off.status, 'inactive');
  // Only active memberships by default; statuses widens the list.
  assert.deepEqual((await workos.userManagement.listOrganizationMemberships({ organizationId: org.id })).data.map((x) => x.id), [dflt.id]);
  const inactive = await workos.userManagement.listOrganizationMemberships({ organizationId: org.id, statuses: ['inactive'] });
  assert.deepEqual(inactive.data.map((x) => x.id), [m.id]);
  const both = await workos.userManagement.listOrganizationMemberships({ organizationId: org.id, statuses: ['active', 'inactive'] });
  assert.equal(both.data.length, 2);
  const before = (await events('organization_membership.updated')).length;
  assert.equal((await workos.userManagement.deactivateOrganizationMembership(m.id)).status, 'inactive');
  assert.equal((await events('organization_membership.updated')).length, before, 'a no-op emits nothing');
  assert.equal((await workos.userManagement.reactivateOrganizationMembership(m.id)).status, 'active');

  await workos.userManagement.deleteOrganizationMembership(m.id);
  await assert.rejects(workos.userManagement.getOrganizationMembership(m.id), NotFoundException);
  const evs = (await events('organization_membership.created', 'organization_membership.updated', 'organization_membership.deleted'))
    .filter((e) => e.data.id === m.id);
  assert.deepEqual(evs.map((e) => e.event).reverse(), [
    'organization_membership.created', 'organization_membership.updated', 'organization_membership.updated',
    'organization_membership.updated', 'organization_membership.deleted'
  ]);
  assert.equal(evs[0].data.user, undefined, 'membership events carry no user');
  const orgEvents = await workos.events.listEvents({ events: ['organization_membership.created'], organizationId: org.id });
  assert.equal(orgEvents.data.length, 2);
});

test('memberships: errors', T, async () => {
  const org = await newOrg('Member errors');
  const user = await workos.userManagement.createUser({ email: email('ome') });
  const missingUser = 'user_01AAAAAAAAAAAAAAAAAAAAAAAA';
  const missingOrg = 'org_01AAAAAAAAAAAAAAAAAAAAAAAA';
  await assert.rejects(workos.userManagement.createOrganizationMembership({ userId: missingUser, organizationId: org.id }), NotFoundException);
  await assert.rejects(workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: missingOrg }), NotFoundException);
  await assert.rejects(workos.userManagement.createOrganizationMembership({ userId: user.id }), UnprocessableEntityException);
  const bothRoles = await emu.raw('POST', '/user_management/organization_memberships', {
    body: { user_id: user.id, organization_id: org.id, role_slug: 'a', role_slugs: ['b'] }
  });
  assert.equal(bothRoles.status, 422);
  await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id });
  await assert.rejects(workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id }), ConflictException);
  const noFilter = await emu.raw('GET', '/user_management/organization_memberships');
  assert.equal(noFilter.status, 400);
  assert.equal(noFilter.body.code, 'missing_user_id_or_organization_id');
  assert.equal((await emu.raw('GET', `/user_management/organization_memberships?organization_id=${org.id}&statuses=bogus`)).status, 422);
  assert.equal((await emu.raw('GET', `/user_management/organization_memberships?organization_id=${missingOrg}`)).status, 404);
  await assert.rejects(workos.userManagement.getOrganizationMembership('om_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  await assert.rejects(workos.userManagement.deleteOrganizationMembership('om_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  await assert.rejects(workos.userManagement.deactivateOrganizationMembership('om_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  await assert.rejects(workos.userManagement.updateOrganizationMembership('om_01AAAAAAAAAAAAAAAAAAAAAAAA', { roleSlug: 'x' }), NotFoundException);
});

test('memberships: an inactive membership is reactivated by create', T, async () => {
  const org = await newOrg('Reactivate');
  const user = await workos.userManagement.createUser({ email: email('omr') });
  const m = await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id, roleSlug: 'viewer' });
  await workos.userManagement.deactivateOrganizationMembership(m.id);
  const again = await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id, roleSlug: 'editor' });
  assert.equal(again.id, m.id);
  assert.equal(again.status, 'active');
  assert.deepEqual(again.role, { slug: 'editor' });
});

test('roles are checked against Authorization roles when there are any', T, async () => {
  // In production, so that the role made here does not constrain the other tests' slugs.
  const prod = emu.sdk(emu.productionKey);
  const org = await prod.organizations.createOrganization({ name: 'Roles' });
  const user = await prod.userManagement.createUser({ email: email('role') });
  // With no role at all, any slug goes.
  const free = await prod.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id, roleSlug: 'anything' });
  await prod.userManagement.deleteOrganizationMembership(free.id);
  const role = await emu.raw('POST', '/authorization/roles', { key: emu.productionKey, body: { slug: 'auditor', name: 'Auditor' } });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const bad = await emu.raw('POST', '/user_management/organization_memberships', {
    key: emu.productionKey,
    body: { user_id: user.id, organization_id: org.id, role_slug: 'no-such-role' }
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'invalid_role');
  const badInvite = await emu.raw('POST', '/user_management/invitations', {
    key: emu.productionKey,
    body: { email: email(), organization_id: org.id, role_slug: 'no-such-role' }
  });
  assert.equal(badInvite.status, 400);
  assert.equal(badInvite.body.code, 'invalid_role');
  const ok = await prod.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id, roleSlug: 'auditor' });
  assert.deepEqual(ok.role, { slug: 'auditor' });
  await assert.rejects(prod.userManagement.updateOrganizationMembership(ok.id, { roleSlugs: ['auditor', 'nope'] }), UnprocessableEntityException);
});

// ----- invitations --------------------------------------------------------------------------------

test('invitations: send, list, get, by token, resend, accept', T, async () => {
  const org = await newOrg('Invites');
  const inviter = await workos.userManagement.createUser({ email: email('inviter') });
  const address = email('invitee');
  const inv = await workos.userManagement.sendInvitation({
    email: address, organizationId: org.id, roleSlug: 'admin', inviterUserId: inviter.id, expiresInDays: 3
  });
  assert.match(inv.id, id('invitation'));
  assert.equal(inv.object, 'invitation');
  assert.equal(inv.state, 'pending');
  assert.equal(inv.organizationId, org.id);
  assert.equal(inv.inviterUserId, inviter.id);
  assert.equal(inv.roleSlug, 'admin');
  assert.ok(inv.token.includes('EMUSECRET'));
  assert.ok(inv.acceptInvitationUrl.includes(inv.token));
  const days = (Date.parse(inv.expiresAt) - Date.parse(inv.createdAt)) / 86_400_000;
  assert.ok(Math.abs(days - 3) < 0.01);

  assert.equal((await workos.userManagement.getInvitation(inv.id)).email, address);
  assert.equal((await workos.userManagement.findInvitationByToken(inv.token)).id, inv.id);
  const byOrg = await workos.userManagement.listInvitations({ organizationId: org.id });
  assert.deepEqual(byOrg.data.map((i) => i.id), [inv.id]);
  const byEmail = await workos.userManagement.listInvitations({ email: address });
  assert.deepEqual(byEmail.data.map((i) => i.id), [inv.id]);

  const resent = await workos.userManagement.resendInvitation(inv.id, { locale: 'fr' });
  assert.equal(resent.id, inv.id);
  const mails = await emu.raw('GET', `/dashboard/emails?to=${encodeURIComponent(address)}&template=invitation`);
  assert.equal(mails.body.data.length, 2);

  const accepted = await workos.userManagement.acceptInvitation(inv.id);
  assert.equal(accepted.state, 'accepted');
  assert.match(accepted.acceptedAt, ISO);
  const invitee = await workos.userManagement.getUser(accepted.acceptedUserId);
  assert.equal(invitee.email, address);
  assert.equal(invitee.emailVerified, true);
  const memberships = await workos.userManagement.listOrganizationMemberships({ userId: invitee.id, organizationId: org.id });
  assert.equal(memberships.data.length, 1);
  assert.deepEqual(memberships.data[0].role, { slug: 'admin' });

  const evs = (await events('invitation.created', 'invitation.resent', 'invitation.accepted')).filter((e) => e.data.id === inv.id);
  assert.deepEqual(evs.map((e) => e.event).sort(), ['invitation.accepted', 'invitation.created', 'invitation.resent']);
  for (const e of evs) {
    assert.equal(e.data.token, undefined);
    assert.ok(!JSON.stringify(e).includes('EMUSECRET'), 'events carry no token');
  }

  // Accepted: cannot be accepted, revoked or resent again.
  await assert.rejects(workos.userManagement.acceptInvitation(inv.id), (e) => e.status === 400 && e.rawData.code === 'invite_not_pending');
  const revoke = await emu.raw('POST', `/user_management/invitations/${inv.id}/revoke`);
  assert.equal(revoke.status, 400);
  assert.equal(revoke.body.code, 'invite_not_pending');
  const resend = await emu.raw('POST', `/user_management/invitations/${inv.id}/resend`, { body: {} });
  assert.equal(resend.status, 400);
  assert.equal(resend.body.code, 'invite_accepted');
});

test('invitations: an existing user gets a pending membership; revoking removes it', T, async () => {
  const org = await newOrg('Pending');
  const user = await workos.userManagement.createUser({ email: email('existing') });
  const inv = await workos.userManagement.sendInvitation({ email: user.email, organizationId: org.id });
  const pending = await workos.userManagement.listOrganizationMemberships({ userId: user.id, statuses: ['pending'] });
  assert.equal(pending.data.length, 1);
  assert.equal(pending.data[0].status, 'pending');
  const pendingId = pending.data[0].id;
  // A pending membership cannot be (re|de)activated or created over.
  await assert.rejects(workos.userManagement.deactivateOrganizationMembership(pendingId), (e) => e.status === 400);
  await assert.rejects(workos.userManagement.reactivateOrganizationMembership(pendingId), (e) => e.status === 400);
  await assert.rejects(workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: org.id }), (e) => e.status === 400);

  const revoked = await workos.userManagement.revokeInvitation(inv.id);
  assert.equal(revoked.state, 'revoked');
  assert.match(revoked.revokedAt, ISO);
  await assert.rejects(workos.userManagement.getOrganizationMembership(pendingId), NotFoundException);
  const resend = await emu.raw('POST', `/user_management/invitations/${inv.id}/resend`, { body: {} });
  assert.equal(resend.body.code, 'invite_revoked');
  assert.equal((await events('invitation.revoked')).filter((e) => e.data.id === inv.id).length, 1);

  // Invite again and accept: the pending membership becomes active.
  const inv2 = await workos.userManagement.sendInvitation({ email: user.email, organizationId: org.id, roleSlug: 'viewer' });
  await workos.userManagement.acceptInvitation(inv2.id);
  const active = await workos.userManagement.listOrganizationMemberships({ userId: user.id });
  assert.equal(active.data.length, 1);
  assert.deepEqual(active.data[0].role, { slug: 'viewer' });
});

test('invitations: pagination and errors', T, async () => {
  const org = await newOrg('Invite pages');
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await workos.userManagement.sendInvitation({ email: email('pi'), organizationId: org.id })).id);
  const page1 = await workos.userManagement.listInvitations({ organizationId: org.id, limit: 2 });
  assert.deepEqual(page1.data.map((i) => i.id), [ids[2], ids[1]]);
  const page2 = await workos.userManagement.listInvitations({ organizationId: org.id, limit: 2, after: page1.listMetadata.after });
  assert.deepEqual(page2.data.map((i) => i.id), [ids[0]]);
  const back = await workos.userManagement.listInvitations({ organizationId: org.id, limit: 2, before: ids[0] });
  assert.deepEqual(back.data.map((i) => i.id), [ids[2], ids[1]]);

  const first = await workos.userManagement.getInvitation(ids[0]);
  const dup = await emu.raw('POST', '/user_management/invitations', { body: { email: first.email, organization_id: org.id } });
  assert.equal(dup.status, 400);
  assert.equal(dup.body.code, 'email_already_invited_to_organization');
  await assert.rejects(workos.userManagement.sendInvitation({ email: email(), organizationId: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  await assert.rejects(workos.userManagement.sendInvitation({ email: email(), inviterUserId: 'user_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  await assert.rejects(workos.userManagement.sendInvitation({ email: 'broken' }), UnprocessableEntityException);
  const long = await emu.raw('POST', '/user_management/invitations', { body: { email: email(), expires_in_days: 31 } });
  assert.equal(long.body.code, 'expires_in_days_too_long');
  const short = await emu.raw('POST', '/user_management/invitations', { body: { email: email(), expires_in_days: 0 } });
  assert.equal(short.body.code, 'expires_in_days_too_short');
  const existing = await workos.userManagement.createUser({ email: email('exists') });
  const noOrg = await emu.raw('POST', '/user_management/invitations', { body: { email: existing.email } });
  assert.equal(noOrg.body.code, 'user_already_exists');
  const member = await workos.userManagement.createUser({ email: email('member') });
  await workos.userManagement.createOrganizationMembership({ userId: member.id, organizationId: org.id });
  const already = await emu.raw('POST', '/user_management/invitations', { body: { email: member.email, organization_id: org.id } });
  assert.equal(already.body.code, 'user_already_organization_member');
  await assert.rejects(workos.userManagement.getInvitation('invitation_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  await assert.rejects(workos.userManagement.findInvitationByToken('no-such-token'), NotFoundException);
  assert.equal((await emu.raw('POST', '/user_management/invitations/invitation_01AAAAAAAAAAAAAAAAAAAAAAAA/accept')).status, 404);
  assert.equal((await emu.raw('POST', '/user_management/invitations/invitation_01AAAAAAAAAAAAAAAAAAAAAAAA/resend', { body: {} })).status, 404);
  const badLocale = await emu.raw('POST', `/user_management/invitations/${ids[1]}/resend`, { body: { locale: 'xx-YY' } });
  assert.equal(badLocale.status, 422);
  // A magic auth code for an invitation's address may carry its token.
  const inv = await workos.userManagement.getInvitation(ids[2]);
  const magic = await workos.userManagement.createMagicAuth({ email: inv.email, invitationToken: inv.token });
  assert.equal(magic.email, inv.email);
});

// ----- deleting a user ------------------------------------------------------------------------------

test('deleting a user deletes their memberships and sessions', T, async () => {
  const orgA = await newOrg('Cascade A');
  const orgB = await newOrg('Cascade B');
  const user = await workos.userManagement.createUser({ email: email('cascade'), password: 'cascading passphrase' });
  const m1 = await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: orgA.id });
  const m2 = await workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: orgB.id });
  const s = await emu.raw('POST', `/dashboard/users/${user.id}/sessions`, { body: {} });
  assert.equal(s.status, 201);
  await workos.userManagement.deleteUser(user.id);
  await assert.rejects(workos.userManagement.getOrganizationMembership(m1.id), NotFoundException);
  await assert.rejects(workos.userManagement.getOrganizationMembership(m2.id), NotFoundException);
  assert.equal((await emu.raw('POST', '/user_management/sessions/revoke', { body: { session_id: s.body.id } })).status, 400);
  const deleted = (await events('organization_membership.deleted')).filter((e) => e.data.user_id === user.id);
  assert.deepEqual(deleted.map((e) => e.data.id).sort(), [m1.id, m2.id].sort());
  assert.equal((await workos.userManagement.listOrganizationMemberships({ organizationId: orgA.id })).data.length, 0);
  // The address is free again.
  assert.ok(await workos.userManagement.createUser({ email: user.email }));
});
