// Peer server for workos-mcp's benchmark: the official MCP TypeScript SDK (pinned in package.json),
// stateful Streamable HTTP exactly as the SDK's README/examples do it (a session map keyed by the
// session id, one StreamableHTTPServerTransport with sessionIdGenerator: randomUUID and one McpServer
// per session, the transport stored from onsessioninitialized), with one tool `bench_1k` that returns
// the ~1 KB object of ../payload_1k.json as a text block (the JSON serialized) and as structuredContent.
//
// Usage: node server.mjs [--port 0] [--host 127.0.0.1] [--json-response]
// When listening it prints exactly one line to stdout: {"ready":true,"mcp_url":"http://127.0.0.1:PORT/mcp"}
// Everything else goes to stderr. No per-request logging (it would dominate the measurement).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function parseArgs(argv) {
    const opts = { port: 0, host: '127.0.0.1', jsonResponse: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--port') opts.port = Number(argv[++i]);
        else if (a === '--host') opts.host = argv[++i];
        else if (a === '--json-response') opts.jsonResponse = true;
        else {
            console.error(`unknown argument: ${a}`);
            process.exit(2);
        }
    }
    if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
        console.error('--port must be an integer in 0..65535');
        process.exit(2);
    }
    if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
        console.error('--host must be a loopback address (127.0.0.1, localhost or ::1)');
        process.exit(2);
    }
    return opts;
}

const opts = parseArgs(process.argv.slice(2));
const payload = JSON.parse(readFileSync(new URL('../payload_1k.json', import.meta.url), 'utf8'));
const payloadText = JSON.stringify(payload);

function getServer() {
    const server = new McpServer({ name: 'workos-mcp-bench-peer', version: '1.0.0' }, { capabilities: {} });
    server.registerTool(
        'bench_1k',
        { description: 'Returns a fixed ~1 KB JSON object (benchmark payload).' },
        async () => ({
            content: [{ type: 'text', text: payloadText }],
            structuredContent: payload
        })
    );
    return server;
}

// Host header validation: the SDK's localhost defaults (DNS rebinding protection) via createMcpExpressApp.
const app = createMcpExpressApp({ host: opts.host });
const transports = new Map(); // session id -> StreamableHTTPServerTransport

const jsonRpcError = (res, status, code, message) =>
    res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });

app.post('/mcp', async (req, res) => {
    try {
        const sessionId = req.headers['mcp-session-id'];
        let transport = sessionId ? transports.get(sessionId) : undefined;
        if (!transport) {
            if (sessionId) return jsonRpcError(res, 404, -32001, 'Session not found');
            if (!isInitializeRequest(req.body)) return jsonRpcError(res, 400, -32000, 'Bad Request: No valid session ID provided');
            const t = new StreamableHTTPServerTransport({
                sessionIdGenerator: () => randomUUID(),
                enableJsonResponse: opts.jsonResponse,
                onsessioninitialized: sid => {
                    transports.set(sid, t);
                }
            });
            t.onclose = () => {
                if (t.sessionId) transports.delete(t.sessionId);
            };
            await getServer().connect(t);
            transport = t;
        }
        await transport.handleRequest(req, res, req.body);
    } catch (error) {
        console.error('Error handling MCP request:', error);
        if (!res.headersSent) jsonRpcError(res, 500, -32603, 'Internal server error');
    }
});

// GET (standalone SSE stream) and DELETE (session termination) go to the session's transport.
const sessionRequest = async (req, res) => {
    const sessionId = req.headers['mcp-session-id'];
    if (!sessionId) return jsonRpcError(res, 400, -32000, 'Bad Request: Missing session ID');
    const transport = transports.get(sessionId);
    if (!transport) return jsonRpcError(res, 404, -32001, 'Session not found');
    try {
        await transport.handleRequest(req, res);
    } catch (error) {
        console.error('Error handling MCP request:', error);
        if (!res.headersSent) jsonRpcError(res, 500, -32603, 'Internal server error');
    }
};
app.get('/mcp', sessionRequest);
app.delete('/mcp', sessionRequest);

const httpServer = app.listen(opts.port, opts.host, error => {
    if (error) {
        console.error('Failed to start server:', error);
        process.exit(1);
    }
    const { port } = httpServer.address();
    const host = opts.host === '::1' ? '[::1]' : opts.host;
    process.stdout.write(JSON.stringify({ ready: true, mcp_url: `http://${host}:${port}/mcp` }) + '\n');
    console.error(`peer: SDK Streamable HTTP server (stateful${opts.jsonResponse ? ', JSON responses' : ', SSE responses'}) on ${host}:${port}`);
});
// Node's defaults would close idle keep-alive connections after 5 s; the load generator keeps them open.
httpServer.keepAliveTimeout = 120_000;
httpServer.headersTimeout = 125_000;

const shutdown = () => {
    httpServer.close();
    process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
