// bench/query_as.mjs — the Node side of bench/query. Subcommands:
//
//   serve --key-out F      a mock OAuth authorization server on 127.0.0.1:0: RFC 8414 metadata at
//                          /.well-known/oauth-authorization-server and a JWKS (one RS256 key made
//                          with node:crypto) at /jwks. Writes the private key (PEM, mode 0600) to F,
//                          prints {"issuer":…} on stdout, and serves until SIGTERM/SIGINT or until
//                          --max-seconds S (default 600) pass.
//   mint --key F --iss I --sub S --aud A [--scope mcp] [--ttl 3600]
//                          prints one RS256 access token (kid of `serve`'s key).
//   emulator-key --db D/emulator.db
//                          prints the embedded emulator's sandbox API key (sk_test_…), read
//                          read-only from its store (settings "_"/"api_keys": the keys are random
//                          per data directory; serve has no flag to pin one).
//   table --ours F --direct F [--wrk F] [--tools F]
//                          formats mcp_loadgen JSON lines (and wrk's text) as bench/query's table.
//
// Everything is loopback only and bounded; nothing here is a test (no timing assertions).
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';

const KID = 'bench-query-1';

function opts(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    o[argv[i].slice(2)] = argv[i + 1];
    i++;
  }
  return o;
}

function need(o, k) {
  if (o[k] === undefined) throw new Error(`--${k} is required`);
  return o[k];
}

const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');

function serve(o) {
  const keyOut = need(o, 'key-out');
  const maxSeconds = Number(o['max-seconds'] ?? 600);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(keyOut, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    let body;
    if (req.method === 'GET' && path === '/.well-known/oauth-authorization-server') {
      body = {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['mcp']
      };
    } else if (req.method === 'GET' && path === '/jwks') {
      body = { keys: [jwk] };
    }
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600' }).end(text);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setTimeout(() => process.exit(0), maxSeconds * 1000).unref();
  server.listen(0, '127.0.0.1', () => {
    issuer = `http://127.0.0.1:${server.address().port}`;
    process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  });
}

function mint(o) {
  const key = createPrivateKey(readFileSync(need(o, 'key')));
  createPublicKey(key); // fails early on a bad key file
  const now = Math.floor(Date.now() / 1000);
  const ttl = Number(o.ttl ?? 3600);
  const payload = {
    iss: need(o, 'iss'),
    sub: need(o, 'sub'),
    aud: need(o, 'aud'),
    scope: o.scope ?? 'mcp',
    iat: now,
    nbf: now,
    exp: now + ttl,
    jti: randomUUID()
  };
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64(payload)}`;
  const sig = sign('sha256', Buffer.from(input), key).toString('base64url');
  process.stdout.write(`${input}.${sig}\n`);
}

async function emulatorKey(o) {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(need(o, 'db'), { readOnly: true });
  try {
    const row = db.prepare("SELECT value FROM settings WHERE env = '_' AND name = 'api_keys'").get();
    const key = row && JSON.parse(row.value).sandbox;
    if (typeof key !== 'string' || !key.startsWith('sk_test_')) throw new Error('no sandbox key in the emulator store');
    process.stdout.write(`${key}\n`);
  } finally {
    db.close();
  }
}

function lastJson(file) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim().startsWith('{'));
  if (!lines.length) return null;
  return JSON.parse(lines[lines.length - 1]);
}

// wrk --latency text: Requests/sec and the 50% / 99% lines of the latency distribution.
function parseWrk(file) {
  const text = readFileSync(file, 'utf8');
  const us = (v, unit) => Number(v) * { us: 1, ms: 1000, s: 1e6 }[unit];
  const pct = (p) => {
    const m = text.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm'));
    return m ? us(m[1], m[2]) : NaN;
  };
  const rps = text.match(/Requests\/sec:\s+([\d.]+)/);
  const non2xx = text.match(/Non-2xx or 3xx responses:\s+(\d+)/);
  const errs = text.match(/Socket errors:.*/);
  return {
    rps: rps ? Number(rps[1]) : NaN,
    p50_us: pct(50),
    p99_us: pct(99),
    errors: (non2xx ? Number(non2xx[1]) : 0) + (errs ? errs[0].match(/\d+/g).reduce((a, b) => a + Number(b), 0) : 0)
  };
}

function table(o) {
  const ours = lastJson(need(o, 'ours'));
  const direct = lastJson(need(o, 'direct'));
  const wrk = o.wrk ? parseWrk(o.wrk) : null;
  const tools = o.tools ? lastJson(o.tools) : null;
  const f0 = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-');
  const row = (name, client, r) =>
    `| ${name} | ${client} | ${f0(r.rps)} | ${f0(r.p50_us)} | ${f0(r.p99_us)} | ${r.server_cpu_us_per_req !== undefined ? r.server_cpu_us_per_req.toFixed(1) : '-'} | ${r.errors ?? '-'} |`;
  const out = [];
  out.push('| path | client | rps | p50 µs | p99 µs | server CPU µs/req | errors |');
  out.push('|---|---|---:|---:|---:|---:|---:|');
  if (ours) out.push(row('ours: MCP tools/call query → emulator', 'mcp_loadgen', ours));
  if (direct) out.push(row('direct: GET emulator', 'mcp_loadgen --http-get', direct));
  if (wrk) out.push(row('direct: GET emulator', 'wrk -t1 --latency', wrk));
  console.log(out.join('\n'));
  if (ours && direct) {
    console.log(`\np50 overhead (ours - direct, same client): ${f0(ours.p50_us - direct.p50_us)} µs` +
      `; p99 overhead: ${f0(ours.p99_us - direct.p99_us)} µs; throughput ratio: ${(ours.rps / direct.rps).toFixed(2)}`);
    const lg = [ours, direct].map((r) => r.loadgen_cpu_util?.toFixed(2)).join(' / ');
    console.log(`mcp_loadgen's own CPU (share of one core), ours / direct: ${lg}`);
  }
  if (tools) {
    console.log(tools.ok
      ? `\ntools/list: ${tools.tools} tools, result.tools ${tools.tools_bytes.toLocaleString('en-US')} bytes (minified) ≈ ${tools.approx_tokens.toLocaleString('en-US')} tokens (bytes/4); whole answer ${tools.message_bytes.toLocaleString('en-US')} bytes`
      : '\ntools/list: failed (see the raw line)');
  }
}

const [cmd, ...rest] = process.argv.slice(2);
const o = opts(rest);
switch (cmd) {
  case 'serve': serve(o); break;
  case 'mint': mint(o); break;
  case 'emulator-key': await emulatorKey(o); break;
  case 'table': table(o); break;
  default:
    console.error('usage: query_as.mjs serve|mint|emulator-key|table [options] (see the header)');
    process.exit(2);
}
