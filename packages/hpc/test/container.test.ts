// The toolkit's container recipes (repo-root container/) must refer to files that exist. Docker and
// Apptainer are not installed here, so the images themselves are not built in tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = resolve(repoRoot, 'container');

test('Dockerfile copies existing paths and links the real CLI launcher', () => {
  const text = readFileSync(resolve(dir, 'Dockerfile'), 'utf8');
  const sources = [...text.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
  assert.ok(sources.length >= 5);
  for (const s of sources) assert.ok(existsSync(resolve(repoRoot, s)), `COPY ${s}`);
  const bin = /ln -s \/opt\/weatherlearn\/(\S+)/.exec(text)?.[1];
  assert.ok(bin && existsSync(resolve(repoRoot, bin)), `launcher ${bin}`);
  assert.match(text, /^FROM node:20/m);
});

test('Apptainer definition copies existing paths and runs the CLI', () => {
  const text = readFileSync(resolve(dir, 'weatherlearn.def'), 'utf8');
  const files = /%files\n([\s\S]*?)\n\n/.exec(text)?.[1]?.trim().split('\n').map((l) => l.trim().split(/\s+/)[0]!) ?? [];
  assert.ok(files.length >= 5);
  for (const f of files) assert.ok(existsSync(resolve(repoRoot, f)), `%files ${f}`);
  assert.match(text, /^Bootstrap: docker\nFrom: node:20/m);
  assert.match(text, /%runscript\n\s+exec weatherlearn "\$@"/);
});
