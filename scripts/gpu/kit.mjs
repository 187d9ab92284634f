#!/usr/bin/env node
// `npm run gpu:kit`: builds the GPU kit, an ignored folder (default .gpu/, at most 60 MiB) that runs on
// a machine with PyTorch but no Node.js and no registry: `bash .gpu/check.sh` (see scripts/gpu/README.md).
//   node scripts/gpu/kit.mjs [--out DIR]
// Contents: the weatherlearn CLI and the speed driver bundled by esbuild (JS deps inside; tfjs's .wasm
// files beside), both addons' sources with the shared build script (scripts/native), this machine's
// node compressed with xz plus its Node-API headers, the PyTorch twins, the examples, the reference
// vectors from ../shared/reference and a tiny SuperDARN dataset gridded by the bundled CLI itself.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The kit's size limit (issue 20: what can be copied to the GPU machine in one go, with room to spare). */
export const KIT_LIMIT_BYTES = 60 * 2 ** 20;
/** Reference families copied into the kit (those present in ../shared/reference). */
export const KIT_REFERENCES = ['pangu', 'dino', 'hipt', 'dino-train', 'pangu-train'];

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = resolve(outIdx >= 0 ? args[outIdx + 1] : join(repo, '.gpu'));
const shared = resolve(repo, '..', 'shared');
const t0 = Date.now();
const log = (m) => console.log(`gpu:kit ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s  ${m}`);

function fail(m) {
  console.error(`gpu:kit: ${m}`);
  process.exit(1);
}

function sh(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
  if (r.status !== 0) fail(`${cmd} ${argv.join(' ')} failed (${r.status ?? r.error?.message}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

function copy(from, to, filter) {
  if (!existsSync(from)) fail(`${from} is missing`);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true, dereference: true, filter });
}

function du(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? du(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

// Keep the compressed node across rebuilds when it is the same binary (xz takes a minute).
const nodeKey = `${process.execPath} ${statSync(process.execPath).size} ${statSync(process.execPath).mtimeMs} ${process.version}`;
const cache = `${out}.node-cache`;
const keyFile = join(out, 'node', 'node.key');
const cachedXz = existsSync(join(out, 'node', 'node.xz')) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === nodeKey;
if (cachedXz) { rmSync(cache, { recursive: true, force: true }); renameSync(join(out, 'node'), cache); }
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'lib'), { recursive: true });

log('bundling the CLI and the speed driver (esbuild)');
const version = JSON.parse(readFileSync(join(repo, 'apps', 'train', 'package.json'), 'utf8')).version;
await build({
  entryPoints: {
    weatherlearn: join(repo, 'apps', 'train', 'src', 'cli.ts'),
    'gpu-bench': join(repo, 'scripts', 'gpu', 'bench.ts'),
    worker: join(repo, 'packages', 'gridrad', 'src', 'worker.ts'),
  },
  outdir: join(out, 'lib'),
  outExtension: { '.js': '.mjs' },
  bundle: true, splitting: true, mainFields: ['module', 'main'], chunkNames: '[name]-[hash]', platform: 'node', format: 'esm', target: 'node20', conditions: ['source'], logLevel: 'error',
  minifyWhitespace: true, minifySyntax: true, legalComments: 'none',
  // Optional backends and the PNG rasteriser stay optional (imported at run time; absent in the kit).
  external: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@resvg/resvg-js', '*.node'],
  banner: { js: "import { createRequire as __wlRequire } from 'node:module'; import { fileURLToPath as __wlPath } from 'node:url'; import { dirname as __wlDir } from 'node:path'; const require = __wlRequire(import.meta.url); const __filename = __wlPath(import.meta.url); const __dirname = __wlDir(__filename);" },
});
// gridrad's pool starts `./worker.js` next to the bundle.
renameSync(join(out, 'lib', 'worker.mjs'), join(out, 'lib', 'worker.js'));
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ name: 'weatherlearn-gpu-kit', version, private: true, type: 'module' }, null, 2)}\n`);
const wasm = join(repo, 'node_modules', '@tensorflow', 'tfjs-backend-wasm');
const wasmOut = join(out, 'node_modules', '@tensorflow', 'tfjs-backend-wasm');
copy(join(wasm, 'package.json'), join(wasmOut, 'package.json'));
for (const f of readdirSync(join(wasm, 'dist')).filter((n) => n.endsWith('.wasm'))) copy(join(wasm, 'dist', f), join(wasmOut, 'dist', f));

log('addon sources and the shared build script');
copy(join(repo, 'scripts', 'native'), join(out, 'src', 'scripts', 'native'));
for (const p of ['tfjs-backend-torch', 'distributed']) {
  copy(join(repo, 'packages', p, 'package.json'), join(out, 'src', 'packages', p, 'package.json'));
  copy(join(repo, 'packages', p, 'native'), join(out, 'src', 'packages', p, 'native'));
}
copy(join(repo, 'scripts', 'gpu', 'nccl', 'native'), join(out, 'src', 'nccl', 'native'));
const napi = join(repo, 'node_modules', 'node-addon-api');
for (const f of ['package.json', 'index.js', 'napi.h', 'napi-inl.h', 'napi-inl.deprecated.h', 'LICENSE.md']) copy(join(napi, f), join(out, 'src', 'node_modules', 'node-addon-api', f));

log('node binary (xz) and its Node-API headers');
const nodeInc = join(dirname(dirname(process.execPath)), 'include', 'node');
for (const f of ['node_api.h', 'node_api_types.h', 'js_native_api.h', 'js_native_api_types.h', 'node_version.h']) copy(join(nodeInc, f), join(out, 'node', 'include', 'node', f));
if (cachedXz) { renameSync(join(cache, 'node.xz'), join(out, 'node', 'node.xz')); rmSync(cache, { recursive: true, force: true }); }
else sh('sh', ['-c', `xz -T2 -6 -c "${process.execPath}" > "${join(out, 'node', 'node.xz')}.tmp" && mv "${join(out, 'node', 'node.xz')}.tmp" "${join(out, 'node', 'node.xz')}"`]);
writeFileSync(join(out, 'node', 'node.key'), nodeKey);

log('check script, PyTorch twins, examples');
for (const f of ['check.sh', 'report.mjs', 'sizes.json', 'twin_block.py', 'twin_dino.py', 'nccl.py', 'tensorboard_read.py', 'README.md']) copy(join(repo, 'scripts', 'gpu', f), join(out, ['check.sh', 'report.mjs', 'README.md'].includes(f) ? f : join('twins', f)));
copy(join(repo, 'packages', 'pangu', 'bench', 'pangu_torch_reference.py'), join(out, 'twins', 'pangu_torch_reference.py'));
copy(join(repo, 'examples'), join(out, 'examples'), (src) => !src.includes(`${join('examples', 'hpc')}`));

log('inputs: reference vectors and a tiny SuperDARN dataset');
const refs = [];
for (const fam of KIT_REFERENCES) {
  const from = join(shared, 'reference', fam);
  if (!existsSync(from)) { log(`  (no ${relative(repo, from)}; left out)`); continue; }
  copy(from, join(out, 'data', 'reference', fam));
  refs.push(fam);
}
if (refs.length === 0) fail(`no reference vectors under ${join(shared, 'reference')} (the kit needs ../shared beside the repository)`);
const raw = join(out, 'data', 'superdarn-raw');
sh(process.execPath, ['--conditions=source', '--import', 'tsx', join(repo, 'scripts', 'gpu', 'make-superdarn.ts'), raw, '4'], { cwd: repo });
sh(process.execPath, [join(out, 'lib', 'weatherlearn.mjs'), 'superdarn', 'grid', '--input', raw, '--out', join(out, 'data', 'superdarn-grid48'),
  '--grid-size', '48', '--split', '0.75,0.25,0', '--split-block-minutes', '60'], { cwd: out });
rmSync(raw, { recursive: true, force: true });

const total = du(out);
const files = {};
for (const top of readdirSync(out)) files[top] = statSync(join(out, top)).isDirectory() ? du(join(out, top)) : statSync(join(out, top)).size;
const manifest = { version, builtAt: new Date().toISOString(), node: process.version, references: refs, bytes: total, limitBytes: KIT_LIMIT_BYTES, parts: files };
writeFileSync(join(out, 'MANIFEST.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
log(`wrote ${relative(process.cwd(), out) || '.'}: ${mib(total)} (${Object.entries(files).map(([k, v]) => `${k} ${mib(v)}`).join(', ')})`);
if (total > KIT_LIMIT_BYTES) fail(`the kit is ${mib(total)}, over the ${mib(KIT_LIMIT_BYTES)} limit`);
