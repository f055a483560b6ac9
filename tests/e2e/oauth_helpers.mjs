// tests/e2e/oauth_helpers.mjs — what the sign-in end-to-end tests share: starting `workos-mcp serve`
// on a temporary data directory, the admin CLI, a loopback HTTP server for the OAuth callback (and
// whatever else a test serves, over http or https: a client metadata document, a mock
// authorization server), a test CA and a certificate for 127.0.0.1 made with the openssl CLI, an
// in-memory OAuthClientProvider for the official SDK client, Debian's Chromium through
// playwright-core, and JWT signing with node:crypto.
//
// Everything listens on 127.0.0.1 port 0, waits on events (a ready line, a request, a page
// element) rather than on time, is bounded by explicit timeouts, and is stopped by the test that
// started it.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, randomUUID, sign as cryptoSign } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));

export const BIN = process.env.WORKOS_MCP_BIN
  ? path.resolve(process.env.WORKOS_MCP_BIN)
  : path.resolve(here, '../../build/app/workos-mcp');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = path.join(here, 'artifacts');
export const LATEST = '2025-11-25';
export const DEMO_PASSWORD = `e2e-${randomBytes(9).toString('base64url')}`;

/** Rejects with `what` unless `promise` settles within `ms` (a bound, not a wait). */
export function within(ms, promise, what) {
  let timer;
  const bound = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// workos-mcp serve and admin

const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/**
 * Starts `workos-mcp serve --listen 127.0.0.1:0` (or another `command`, e.g. `emulator`) on a fresh temporary data directory (or `dataDir`)
 * and resolves once it printed its ready line: { ready, dataDir, log(), fullLog(), stop() }.
 * `log()` is the last 20 kB of stderr (for failure messages); `fullLog()` all of it, for leak scans.
 */
export function startServe({ args = [], env = {}, dataDir, command = 'serve' } = {}) {
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'workos-mcp-e2e-'));
  let log = '';
  let all = '';
  const child = spawn(BIN, [command, '--listen', '127.0.0.1:0', '--data-dir', dir, '--log-level', 'warn', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WORKOS_MCP_DEMO_PASSWORD: DEMO_PASSWORD, ...env }
  });
  children.add(child);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    log = (log + d).slice(-20_000);
    if (all.length < 64 * 1024 * 1024) all += d;
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    children.delete(child);
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  };
  const ready = new Promise((resolve, reject) => {
    const fail = (msg) => reject(new Error(`${msg}; stderr:\n${log}`));
    child.on('error', (e) => fail(`cannot start ${BIN}: ${e.message}`));
    child.on('exit', (code, signal) => fail(`workos-mcp serve exited early (code ${code}, signal ${signal})`));
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      try {
        const r = JSON.parse(line);
        assert.equal(r.ready, true);
        resolve(r);
      } catch (e) {
        fail(`unexpected ready line ${JSON.stringify(line)}: ${e.message}`);
      }
    });
  });
  return within(15_000, ready, `workos-mcp ${command} ready line`).then(
    (r) => {
      child.removeAllListeners('exit');
      return { ready: r, dataDir: dir, log: () => log, fullLog: () => all, stop, child };
    },
    async (e) => {
      await stop();
      throw e;
    }
  );
}

/**
 * Starts `workos-mcp emulator` alone (its own port and temporary data directory; same result as
 * startServe, the ready line carrying `emulator_url`): a second, separate WorkOS upstream, e.g.
 * for another team whose environments must share nothing with the first one's.
 */
export const startEmulator = ({ args = [], dataDir } = {}) => startServe({ args, dataDir, command: 'emulator' });

const execFileP = promisify(execFile);

/** Runs `workos-mcp admin --data-dir D --json ARGS…`; resolves with the JSON lines it printed. */
export async function admin(dataDir, ...args) {
  try {
    const { stdout } = await execFileP(BIN, ['admin', '--data-dir', dataDir, '--json', ...args], { timeout: 10_000 });
    return stdout
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  } catch (e) {
    throw new Error(`workos-mcp admin ${args.join(' ')} failed (${e.code}): ${e.stderr ?? e.message}`);
  }
}

/** The member with `email` as `admin members list` shows it. */
export async function member(dataDir, email) {
  const m = (await admin(dataDir, 'members', 'list')).find((x) => x.email === email);
  assert.ok(m, `member ${email} is listed`);
  return m;
}

// ---------------------------------------------------------------------------------------------
// A loopback HTTP server for the callback (and client.json, or a mock AS)

/**
 * An HTTP server on 127.0.0.1:0. `routes` maps "METHOD /path" to (req, res, body) handlers;
 * GET /callback is built in: each hit is queued and `nextCallback()` resolves with the next one's
 * query (URLSearchParams). Every request is recorded in `requests`. With `tls` ({ key, cert }, PEM)
 * it speaks HTTPS and `base` is https://127.0.0.1:<port>.
 */
export async function startLocalServer(routes = {}, { tls } = {}) {
  const requests = [];
  const callbacks = [];
  const waiters = [];
  const handle = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url, `http://${req.headers.host}`);
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, path: url.pathname, query: url.search, headers: req.headers, body });
      try {
        const handler = routes[`${req.method} ${url.pathname}`];
        if (handler) return await handler(req, res, body, url);
        if (req.method === 'GET' && url.pathname === '/callback') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><title>Signed in</title><p id="done">You may close this window.</p>');
          if (waiters.length) waiters.shift()(url.searchParams);
          else callbacks.push(url.searchParams);
          return;
        }
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      } catch (e) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e?.stack ?? e));
      }
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handle) : http.createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
  return {
    base,
    callbackUrl: `${base}/callback`,
    requests,
    nextCallback: (ms = 15_000) =>
      within(ms, callbacks.length ? Promise.resolve(callbacks.shift()) : new Promise((r) => waiters.push(r)), 'OAuth callback'),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    }
  };
}

export function sendJson(res, status, value, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(value));
}

// ---------------------------------------------------------------------------------------------
// A test PKI with the openssl CLI

/**
 * Makes, in a fresh temporary directory, a CA and a leaf certificate for IP 127.0.0.1 signed by it
 * (EC P-256, valid for a day). Resolves with { dir, caFile, key, cert, remove() }: `caFile` is the
 * CA's PEM path (what a server is told to trust), `key`/`cert` the leaf's PEM text (what an https
 * server presents).
 */
export async function makeLoopbackPki() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workos-mcp-e2e-pki-'));
  const f = (name) => path.join(dir, name);
  const openssl = async (...args) => {
    try {
      await execFileP('openssl', args, { timeout: 15_000 });
    } catch (e) {
      throw new Error(`openssl ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
    }
  };
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    await openssl('req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '1',
      '-subj', '/CN=workos-mcp e2e test CA', '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    await openssl('req', ...ec, '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=127.0.0.1');
    writeFileSync(f('leaf.ext'), [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1',
      ''
    ].join('\n'));
    await openssl('x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-set_serial', '2',
      '-days', '1', '-extfile', f('leaf.ext'), '-out', f('leaf.pem'));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    caFile: f('ca.pem'),
    key: readFileSync(f('leaf.key')),
    cert: readFileSync(f('leaf.pem')),
    remove: () => rmSync(dir, { recursive: true, force: true })
  };
}

// ---------------------------------------------------------------------------------------------
// The SDK's OAuthClientProvider, in memory

/**
 * An OAuthClientProvider (SDK `client/auth.js`) that keeps everything in memory and records what
 * the SDK did: `authorizationUrls` (each redirectToAuthorization), `registered` (each
 * saveClientInformation), `tokenHistory` (each saveTokens), `states` (each state()).
 */
export class MemoryOAuthProvider {
  constructor({ redirectUrl, clientName = 'workos-mcp e2e', clientMetadataUrl, clientInformation } = {}) {
    this._redirectUrl = redirectUrl;
    this._clientMetadataUrl = clientMetadataUrl;
    this._client = clientInformation;
    this._clientName = clientName;
    this._tokens = undefined;
    this._verifier = undefined;
    this.authorizationUrls = [];
    this.registered = [];
    this.tokenHistory = [];
    this.states = [];
  }
  get redirectUrl() {
    return this._redirectUrl;
  }
  get clientMetadataUrl() {
    return this._clientMetadataUrl;
  }
  get clientMetadata() {
    return {
      client_name: this._clientName,
      redirect_uris: [this._redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none'
    };
  }
  state() {
    const s = randomBytes(16).toString('base64url');
    this.states.push(s);
    return s;
  }
  clientInformation() {
    return this._client;
  }
  saveClientInformation(info) {
    this._client = info;
    this.registered.push(info);
  }
  tokens() {
    return this._tokens;
  }
  saveTokens(tokens) {
    this._tokens = tokens;
    this.tokenHistory.push(tokens);
  }
  redirectToAuthorization(url) {
    this.authorizationUrls.push(new URL(url));
  }
  saveCodeVerifier(v) {
    this._verifier = v;
  }
  codeVerifier() {
    assert.ok(this._verifier, 'a code verifier was saved before the exchange');
    return this._verifier;
  }
  /** Replaces the access token by one the server must refuse, keeping the refresh token. */
  spoilAccessToken() {
    assert.ok(this._tokens?.refresh_token, 'a refresh token was issued');
    this._tokens = { ...this._tokens, access_token: 'not-a-valid-access-token' };
  }
}

/** A fetch that records { method, url } of every request (the SDK transport's `fetch` option). */
export function recordingFetch() {
  const log = [];
  const f = (url, init = {}) => {
    log.push({ method: (init.method ?? 'GET').toUpperCase(), url: new URL(String(url)) });
    return fetch(url, init);
  };
  return { fetch: f, log };
}

/** Decodes (does not verify) a JWT's payload. */
export function jwtClaims(token) {
  const parts = token.split('.');
  assert.equal(parts.length, 3, 'the access token is a compact JWS');
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

// ---------------------------------------------------------------------------------------------
// Chromium

/** Launches Debian's Chromium headless (`--no-sandbox`: root in a container has no user namespaces). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'], timeout: 20_000 });
}

/**
 * Drives the authorization pages in a fresh browser context: opens `authorizationUrl`, signs in as
 * `email`, screenshots the filled form, waits for the consent page, screenshots it, clicks
 * `decision` ('approve' or 'deny'), and resolves with the query the callback server received and
 * the consent page's text.
 */
export async function browserSignIn(browser, authorizationUrl, { email, password = DEMO_PASSWORD, decision = 'approve', local, shot }) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(10_000);
  try {
    const callback = local.nextCallback();
    callback.catch(() => {}); // awaited below; a failure before that must not go unhandled
    await page.goto(String(authorizationUrl));
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.screenshot({ path: path.join(ARTIFACTS, `${shot}-1-sign-in.png`), fullPage: true });
    await page.locator('button#sign-in').click();
    const button = page.locator(`button#${decision}`);
    await button.waitFor({ state: 'visible' });
    const consentText = await page.locator('body').innerText();
    await page.screenshot({ path: path.join(ARTIFACTS, `${shot}-2-consent.png`), fullPage: true });
    await button.click();
    const query = await callback;
    await page.locator('#done').waitFor({ state: 'visible' });
    assert.ok(page.url().startsWith(local.callbackUrl), `the browser landed on the callback (at ${page.url()})`);
    return { query, consentText };
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${shot}-failed.png`), fullPage: true }).catch(() => {});
    const where = page.url();
    const html = await page.content().catch(() => '');
    e.message += `\n(browser at ${where}; page:\n${html.slice(0, 2000)})`;
    throw e;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP to the MCP endpoint

export const initializeBody = (id = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion: LATEST, capabilities: {}, clientInfo: { name: 'workos-mcp-auth-e2e', version: '1.0.0' } }
});

/**
 * One request to the MCP endpoint with `token` (if any) as a bearer credential. Resolves with
 * { status, headers, text }; an SSE answer's body is read only up to its headers.
 */
export async function mcpRequest(mcpUrl, { method = 'POST', token, sessionId, body, url, headers = {} } = {}) {
  const h = { 'MCP-Protocol-Version': LATEST, ...headers };
  if (token !== undefined) h.Authorization = `Bearer ${token}`;
  if (sessionId) h['Mcp-Session-Id'] = sessionId;
  if (method === 'POST') {
    h['Content-Type'] = 'application/json';
    h.Accept = 'application/json, text/event-stream';
  } else if (method === 'GET') {
    h.Accept = 'text/event-stream';
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const res = await fetch(url ?? mcpUrl, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal
    });
    let text = '';
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) await res.body?.cancel();
    else text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** The JSON-RPC message of a response that is JSON or an SSE stream of one message. */
export function rpcResult(text) {
  const t = text.trim();
  if (t.startsWith('{')) return JSON.parse(t);
  const data = t
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim())
    .filter((d) => d.startsWith('{'));
  assert.ok(data.length, `a JSON-RPC message in ${JSON.stringify(text.slice(0, 200))}`);
  return JSON.parse(data.at(-1));
}

// ---------------------------------------------------------------------------------------------
// JWTs with node:crypto

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A compact JWS of `payload` under `header`, signed with `key` for RS256, ES256, HS256 or none. */
export function signJwt(header, payload, key) {
  const input = `${b64(header)}.${b64(payload)}`;
  let sig;
  switch (header.alg) {
    case 'RS256':
      sig = cryptoSign('sha256', Buffer.from(input), key);
      break;
    case 'ES256':
      sig = cryptoSign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
      break;
    case 'HS256':
      sig = createHmac('sha256', key).update(input).digest();
      break;
    case 'none':
      sig = Buffer.alloc(0);
      break;
    default:
      throw new Error(`unsupported alg ${header.alg}`);
  }
  return `${input}.${sig.toString('base64url')}`;
}

/**
 * A tiny authorization server for `serve --auth-issuer`: RFC 8414 metadata and a JWKS with one
 * RS256 key. `tokenFor(sub, aud)` signs a valid access token for the person `sub` and resource
 * `aud` (the served MCP URL), with a `client_id`, so tests need no browser to sign in.
 * Resolves to { issuer, tokenFor, close }.
 */
export async function startMockAuthorizationServer({ clientId = 'client_e2e_mock' } = {}) {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'rsa-mock-1';
  let issuer;
  const server = await startLocalServer({
    'GET /.well-known/oauth-authorization-server': (req, res) =>
      sendJson(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['mcp']
      }),
    'GET /jwks': (req, res) => sendJson(res, 200, { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] })
  });
  issuer = server.base;
  const now = () => Math.floor(Date.now() / 1000);
  const tokenFor = (sub, aud) =>
    signJwt({ alg: 'RS256', typ: 'at+jwt', kid },
      { iss: issuer, sub, aud, scope: 'mcp', client_id: clientId, iat: now(), exp: now() + 1800, jti: randomUUID() }, rsa.privateKey);
  return { issuer, tokenFor, close: () => server.close() };
}

// ---------------------------------------------------------------------------------------------
// A signed-in SDK client in one call

/**
 * Signs `email` in with the official SDK client and Chromium, the way an MCP client does it:
 * connect → 401 → discovery → DCR → browser sign-in and consent (on `browser`, with `local` as
 * the callback server) → finishAuth → a new, authenticated connection. Resolves with
 * { client, transport, provider } (the caller closes `client`). The sign-in's own protocol is
 * checked in oauth_login.test.mjs; this is for tests that need signed-in people.
 */
export async function signInClient({ mcpUrl, browser, local, email, shot, password = DEMO_PASSWORD, clientName }) {
  const [{ Client }, { StreamableHTTPClientTransport }, { UnauthorizedError }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/client/auth.js')
  ]);
  const provider = new MemoryOAuthProvider({ redirectUrl: local.callbackUrl, clientName: clientName ?? `workos-mcp e2e (${shot})` });
  const first = new Client({ name: 'workos-mcp-e2e', version: '1.0.0' });
  const transport1 = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
  try {
    await assert.rejects(first.connect(transport1), UnauthorizedError, `${email}: without a token the connection needs authorization`);
  } finally {
    await first.close().catch(() => {});
  }
  assert.equal(provider.authorizationUrls.length, 1, `${email}: one redirect to the authorization endpoint`);
  const { query } = await browserSignIn(browser, provider.authorizationUrls[0], { email, password, local, shot });
  assert.equal(query.get('error'), null, `${email}: callback error ${query.get('error')} ${query.get('error_description')}`);
  assert.equal(query.get('state'), provider.states[0], `${email}: state round-trips`);
  const code = query.get('code');
  assert.ok(code, `${email}: an authorization code`);
  await transport1.finishAuth(code);

  const client = new Client({ name: 'workos-mcp-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
  await client.connect(transport);
  assert.ok(transport.sessionId, `${email}: an authenticated session`);
  return { client, transport, provider };
}
