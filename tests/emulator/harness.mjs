// tests/emulator/harness.mjs — starts `workos-mcp emulator` on a free loopback port and gives
// tests WorkOS's own Node SDK pointed at it, recording which spec operations the SDK called.
//
// Each test file is its own process under `node --test`; coverage is appended as JSON lines
// to $EMULATOR_COVERAGE_FILE (when set) and summed up by coverage.mjs.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { WorkOS } from '@workos-inc/node';

const here = path.dirname(fileURLToPath(import.meta.url));
export const binary = process.env.WORKOS_MCP_BIN
  ? path.resolve(process.env.WORKOS_MCP_BIN)
  : path.resolve(here, '../../build/app/workos-mcp');

const spec = JSON.parse(readFileSync(path.join(here, 'spec-operations.json'), 'utf8')).operations.map((op) => ({
  ...op,
  // `{param}` matches one path segment.
  re: new RegExp('^' + op.path.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
  literals: op.path.split('/').filter((s) => s && !s.startsWith('{')).length
}));

/** The spec operation a request hit, preferring the most literal path (as a router would). */
export function operationOf(method, pathname) {
  const hits = spec.filter((op) => op.method === method && op.re.test(pathname));
  hits.sort((a, b) => b.literals - a.literals);
  return hits[0];
}

const called = new Map(); // "METHOD path" → { ok: bool }
function record(method, url, status) {
  const op = operationOf(method, new URL(url).pathname);
  if (!op) return;
  const key = `${op.method} ${op.path}`;
  const prev = called.get(key) ?? { ok: false };
  prev.ok ||= status >= 200 && status < 400;  // redirects (authorize, logout) are answers too
  called.set(key, prev);
}
process.on('exit', () => {
  const file = process.env.EMULATOR_COVERAGE_FILE;
  if (!file) return;
  for (const [key, v] of called) appendFileSync(file, JSON.stringify({ op: key, ok: v.ok }) + '\n');
});

/** A fetch that records the spec operation of every call. */
export function recordingFetch(input, init = {}) {
  const url = typeof input === 'string' ? input : input.url;
  const method = (init.method ?? (typeof input === 'string' ? 'GET' : input.method) ?? 'GET').toUpperCase();
  return fetch(input, init).then((res) => {
    record(method, url, res.status);
    return res;
  });
}

/**
 * Starts an emulator. Options: seed ('none' | 'demo'), faults (array of --fault specs),
 * dataDir (reuse a directory, e.g. across a restart).
 */
export async function startEmulator({ seed = 'none', faults = [], dataDir } = {}) {
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'workos-emulator-'));
  const sandboxKey = 'sk_test_' + randomBytes(16).toString('hex');
  const productionKey = 'sk_live_' + randomBytes(16).toString('hex');
  const args = ['emulator', '--data-dir', dir, '--listen', '127.0.0.1:0', '--seed', seed, '--api-key', sandboxKey,
    '--api-key', productionKey, '--log-level', 'warn'];
  for (const f of faults) args.push('--fault', f);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = readline.createInterface({ input: child.stdout });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('emulator not ready in 10 s: ' + stderr)), 10_000);
    lines.once('line', (l) => {
      clearTimeout(timer);
      resolve(JSON.parse(l));
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${stderr}`)));
  });
  const url = new URL(ready.emulator_url);
  const emu = {
    url: ready.emulator_url,
    port: Number(url.port),
    dataDir: dir,
    sandboxKey,
    productionKey,
    /** The official SDK against this emulator (no retries: tests want the first answer). */
    sdk(key = sandboxKey) {
      return new WorkOS(key, {
        apiHostname: '127.0.0.1',
        port: Number(url.port),
        https: false,
        maxRetries: 0,
        fetchFn: recordingFetch
      });
    },
    /** A raw request (for what the SDK does not cover, or to check the wire itself). */
    async raw(method, pathname, { body, key = sandboxKey, headers = {} } = {}) {
      const res = await recordingFetch(emu.url + pathname, {
        method,
        headers: {
          ...(key ? { Authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    }
  };
  return emu;
}
