#!/usr/bin/env node
// Thin launcher: runs the built CLI (dist/cli.js, made by `npm run build` / `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const dist = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(dist)) {
  console.error('weatherlearn: the CLI is not built yet — run `npm run build` at the repository root.');
  process.exit(1);
}
await import(dist);
