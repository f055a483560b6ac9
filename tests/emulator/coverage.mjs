// tests/emulator/coverage.mjs — sums up which WorkOS spec operations the SDK suite exercised.
// Usage: node coverage.mjs COVERAGE_FILE
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const total = JSON.parse(readFileSync(path.join(here, 'spec-operations.json'), 'utf8')).operations.length;
const seen = new Map();
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const { op, ok } = JSON.parse(line);
  seen.set(op, (seen.get(op) ?? false) || ok);
}
const passed = [...seen.values()].filter(Boolean).length;
console.log(`WorkOS SDK against the emulator: ${seen.size} of ${total} spec operations exercised, ${passed} answered successfully`);
