// Prints bench/run's side-by-side table from its JSON-lines results file.
// Usage: node bench/table.mjs bench/out/results-*.jsonl
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
    console.error('usage: node table.mjs RESULTS.jsonl');
    process.exit(2);
}
const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter(l => l.trim())
    .map(l => {
        try {
            return JSON.parse(l);
        } catch {
            return { failed: true };
        }
    });

const fmt = (v, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '-');
const lat = r => (r ? `${fmt(r.p50_us)}/${fmt(r.p99_us)}/${fmt(r.p999_us)}` : '-');
const errs = r => (r && r.errors ? ` (${r.errors} err)` : '');
const pad = (s, n) => String(s).padStart(n);

const load = rows.filter(r => r.mode === 'load' && !(r.offered_rps > 0));
const paced = rows.filter(r => r.mode === 'load' && r.offered_rps > 0);
const sessions = [...new Set(load.map(r => r.sessions))].sort((a, b) => a - b);
const pick = (server, n) => load.find(r => r.server === server && r.sessions === n);

const header = ['sessions', 'ours req/s', 'ours p50/p99/p99.9 us', 'peer req/s', 'peer p50/p99/p99.9 us', 'ratio'];
const widths = [8, 16, 24, 16, 24, 7];
const line = cells => cells.map((c, i) => pad(c, widths[i])).join(' | ');
console.log('');
console.log('MCP tools/call bench_1k over Streamable HTTP (loopback), one keep-alive connection per session');
console.log(line(header));
console.log(widths.map(w => '-'.repeat(w)).join('-|-'));
for (const n of sessions) {
    const ours = pick('ours', n);
    const peer = pick('peer', n);
    const ratio = ours && peer && peer.rps > 0 ? `${(ours.rps / peer.rps).toFixed(2)}x` : '-';
    console.log(
        line([
            n,
            ours ? fmt(ours.rps) + errs(ours) : '-',
            lat(ours),
            peer ? fmt(peer.rps) + errs(peer) : '-',
            lat(peer),
            ratio
        ])
    );
}
const cpu = load.filter(r => typeof r.server_cpu_us_per_req === 'number');
if (cpu.length) {
    console.log('');
    console.log('server CPU per request (us) and load generator CPU (share of one core):');
    for (const n of sessions) {
        const parts = ['ours', 'peer'].map(s => {
            const r = pick(s, n);
            return r ? `${s} ${fmt(r.server_cpu_us_per_req, 1)} us (loadgen ${fmt(100 * r.loadgen_cpu_util)}%)` : null;
        });
        console.log(`  ${pad(n, 4)} sessions: ${parts.filter(Boolean).join(', ')}`);
    }
}

if (paced.length) {
    console.log('');
    console.log('Latency at a fixed offered load (closed-loop numbers above are at saturation, where');
    console.log('latency is concurrency / throughput by construction), counted from each call\'s scheduled time:');
    const ph = ['server', 'sessions', 'offered/s', 'achieved/s', 'p50/p99/p99.9 us', 'errors'];
    const pw = [6, 8, 10, 10, 22, 6];
    console.log(ph.map((c, i) => pad(c, pw[i])).join(' | '));
    for (const r of paced)
        console.log([r.server, r.sessions, fmt(r.offered_rps), fmt(r.rps), lat(r), r.errors ?? '-'].map((c, i) => pad(c, pw[i])).join(' | '));
}

const idle = rows.filter(r => r.mode === 'idle');
if (idle.length) {
    console.log('');
    console.log('Idle sessions (initialize + initialized, left open), server VmRSS:');
    const ih = ['server', 'created', 'errors', 'rss before KiB', 'rss after KiB', 'KiB/session'];
    const iw = [6, 8, 6, 14, 14, 11];
    console.log(ih.map((c, i) => pad(c, iw[i])).join(' | '));
    for (const r of idle) {
        console.log(
            [r.server, r.created, r.errors, r.rss_before_kib, r.rss_after_kib, fmt(r.rss_per_session_kib, 2)]
                .map((c, i) => pad(c ?? '-', iw[i]))
                .join(' | ')
        );
    }
}
const failed = rows.filter(r => r.failed || r.hard_cap || (r.exit && r.exit !== 0));
if (failed.length) console.log(`\n${failed.length} run(s) reported errors, failed or hit the time cap: see ${file}`);
