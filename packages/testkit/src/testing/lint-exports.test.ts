// The public-API rules of scripts/lint.mjs (scripts/lint-exports.mjs): entry files list their exports
// by name (no `export *`), and no name is exported by two packages. Run on a small workspace in a
// temp folder, through the real lint script, so the messages and exit codes are the ones CI shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { duplicateExports, exportedNames, publicEntries } from '../../../../scripts/lint-exports.mjs';
import { withTempDir } from '@weatherlearn/test-parts';

const LINT = fileURLToPath(new URL('../../../../scripts/lint.mjs', import.meta.url));

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
const pkgJson = (name: string, exports: Record<string, string>): string => JSON.stringify({
  name, type: 'module', exports: Object.fromEntries(Object.entries(exports).map(([sub, source]) => [sub, { source, import: source.replace('src', 'dist') }])),
});
function lint(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [LINT], { cwd, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('exportedNames: named re-exports (aliases by their public name), declarations and the lines of `export *`', () => {
  const got = exportedNames([
    "export { a, b as c } from './x.js';",
    "export type { T } from './t.js';",
    "export * from './star.js';",
    "export * as ns from './ns.js';",
    'export function f(): void {}',
    'export const x = 1, y = 2;',
    'export interface I { v: number }',
    'function hidden(): void {}',
  ].join('\n'));
  assert.deepEqual(got.names.map((n) => n.name), ['a', 'c', 'T', 'ns', 'f', 'x', 'y', 'I']);
  assert.deepEqual(got.names.find((n) => n.name === 'f')?.line, 5);
  assert.deepEqual(got.exportStar, [3]);
});

test('lint fails naming the name and both packages when two packages export one name, and on `export *`', async () => {
  await withTempDir((root) => {
    write(root, {
      'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkgJson('@t/a', { '.': './src/index.ts', './rng': './src/rng.ts' }),
      'packages/a/src/index.ts': "// Randomness.\nexport { Rng } from './rng.js';\n",
      'packages/a/src/rng.ts': 'export class Rng {}\n',
      'packages/b/package.json': pkgJson('@t/b', { '.': './src/index.ts', './extra': './src/extra/index.ts' }),
      'packages/b/src/index.ts': "// Helpers.\nexport { helper } from './helper.js';\nexport { Rng } from '@t/a';\n",
      'packages/b/src/helper.ts': 'export function helper(): void {}\n',
      'packages/b/src/extra/index.ts': "export * from './more.js';\n",
      'packages/b/src/extra/more.ts': 'export const more = 1;\n',
    });
    // Exporting a name from the root and a subpath of the same package is one home.
    const dups = duplicateExports(publicEntries(root));
    assert.deepEqual(dups.map((d) => [d.name, d.homes.map((h) => h.pkg)]), [['Rng', ['@t/a', '@t/b']]]);

    const inB = lint(join(root, 'packages', 'b'));
    assert.equal(inB.status, 1, inB.out);
    assert.match(inB.out, /"Rng" is exported by @t\/a \(packages\/a\/src\/index\.ts:2\) and @t\/b \(packages\/b\/src\/index\.ts:3\)/);
    assert.match(inB.out, /src\/extra\/index\.ts:1: `export \*` in a public entry of @t\/b\/extra \(line 1\)/);
    assert.match(inB.out, /lint @t\/b: 2 problem\(s\)/);

    const atRoot = lint(root);
    assert.equal(atRoot.status, 1, atRoot.out);
    assert.match(atRoot.out, /lint ws: 2 problem\(s\)/);

    // One home: b stops re-exporting a's Rng and lists its subpath's names; the lint passes.
    write(root, {
      'packages/b/src/index.ts': "// Helpers.\nexport { helper } from './helper.js';\n",
      'packages/b/src/extra/index.ts': "// More.\nexport { more } from './more.js';\n",
    });
    const fixed = lint(root);
    assert.equal(fixed.status, 0, fixed.out);
    assert.match(fixed.out, /lint ws: 0 problem\(s\)/);
  });
});
