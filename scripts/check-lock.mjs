#!/usr/bin/env node
// Checks that package-lock.json lists every optional (platform) dependency its packages declare.
// npm here silently leaves out optional packages the registry lacks at that exact version, and then
// `npm ci` refuses the lock: pin such packages (root "overrides") to a version whose platform builds all exist.
import { readFileSync } from 'node:fs';
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
let bad = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    const base = path ? path + '/node_modules/' : 'node_modules/';
    if (!lock.packages[base + dep] && !lock.packages['node_modules/' + dep]) {
      console.error(`check-lock: ${path || '(root)'}@${entry.version} declares optional ${dep} that the lock lacks`);
      bad++;
    }
  }
}
if (bad) { console.error(`check-lock: ${bad} missing optional packages — npm ci would fail`); process.exit(1); }
console.log('check-lock: ok');
