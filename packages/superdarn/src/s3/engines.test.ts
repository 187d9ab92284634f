import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const major = (range: string): number => Number(/(\d+)/.exec(range)?.[1] ?? NaN);
const ours = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../package.json', import.meta.url)), 'utf8')) as { engines: { node: string } };

test('the pinned AWS SDK supports every Node version we support (its engines.node minimum ≤ ours)', () => {
  for (const name of ['@aws-sdk/client-s3', '@aws-sdk/lib-storage']) {
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string; engines?: { node?: string } };
    assert.ok(pkg.engines?.node, `${name}@${pkg.version} declares engines.node`);
    assert.ok(major(pkg.engines.node) <= major(ours.engines.node), `${name}@${pkg.version} needs node ${pkg.engines.node}; we support ${ours.engines.node}: narrow the range in packages/superdarn/package.json`);
  }
});

test('the main entry does not load the AWS SDK; the /s3 subpath does', () => {
  // A fresh process: count the SDK's CommonJS modules in the require cache after each import.
  const script = `import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
const aws = () => Object.keys(cache).filter((k) => k.includes('@aws-sdk')).length;
const main = await import('@weatherlearn/superdarn');
const before = aws();
const s3 = await import('@weatherlearn/superdarn/s3');
console.log(JSON.stringify({ before, after: aws(), mainHasMirror: 'mirrorBucket' in main, s3: typeof s3.uploadFile }));`;
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { before: number; after: number; mainHasMirror: boolean; s3: string };
  assert.equal(got.before, 0, 'the main entry loaded the AWS SDK');
  assert.ok(got.after > 0, 'the /s3 subpath loads the SDK (so the check above can see it)');
  assert.equal(got.mainHasMirror, false);
  assert.equal(got.s3, 'function');
});
