import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from './write.js';

const newDir = () => mkdtempSync(join(tmpdir(), 'fs-atomic-'));
const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

test('writeFileAtomic creates the parent folders, replaces an existing file and leaves no temp file', async () => {
  const dir = newDir();
  try {
    const file = join(dir, 'a', 'b', 'out.json');
    await writeFileAtomic(file, '{"v":1}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"v":1}\n');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    assert.deepEqual([...readFileSync(file)], [1, 2, 3]);
    writeFileAtomicSync(file, 'sync');
    assert.equal(readFileSync(file, 'utf8'), 'sync');
    await writeFileAtomic(file, (async function* () { yield 'chunk 1, '; yield new TextEncoder().encode('chunk 2'); })());
    assert.equal(readFileSync(file, 'utf8'), 'chunk 1, chunk 2');
    assert.deepEqual(readdirSync(join(dir, 'a', 'b')), ['out.json']);
  } finally { removeDir(dir); }
});

test('a writer that throws half-way leaves the old file whole and no temp file', async () => {
  const dir = newDir();
  try {
    const file = join(dir, 'state.json');
    writeFileSync(file, 'old contents');
    async function* crashing() { yield 'new contents, first half'; throw new Error('disk full'); }
    await assert.rejects(writeFileAtomic(file, crashing()), /disk full/);
    assert.equal(readFileSync(file, 'utf8'), 'old contents');
    assert.deepEqual(readdirSync(dir), ['state.json']);

    // the synchronous variant: the temp file got part of the bytes, then the write threw
    const real = fs.writeFileSync;
    const m = mock.method(fs, 'writeFileSync', (p: string, d: string) => { real(p, d.slice(0, 3)); throw new Error('ENOSPC'); });
    try {
      assert.throws(() => writeFileAtomicSync(file, 'new contents'), /ENOSPC/);
      assert.equal(m.mock.callCount(), 1, 'the write went through the mocked writer');
    } finally { m.mock.restore(); }
    assert.equal(readFileSync(file, 'utf8'), 'old contents');
    assert.deepEqual(readdirSync(dir), ['state.json']);
  } finally { removeDir(dir); }
});

test('the temp file is fsynced before it is renamed over the target, and the folder after', async () => {
  const dir = newDir();
  const steps: string[] = [];
  const probe = await fsp.open(join(dir, 'probe'), 'w');
  const handleProto = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
  await probe.close();
  const mocks = [
    mock.method(handleProto, 'sync', async function (this: { fd: number }) { steps.push(fs.fstatSync(this.fd).isDirectory() ? 'sync folder' : 'sync'); }),
    mock.method(fsp, 'rename', async (a: string, b: string) => { steps.push(`rename ${a.includes('.tmp') ? 'temp' : a} -> ${b.endsWith('x.bin') ? 'target' : b}`); }),
    mock.method(fs, 'fsyncSync', (fd: number) => { steps.push(fs.fstatSync(fd).isDirectory() ? 'fsyncSync folder' : 'fsyncSync'); }),
    mock.method(fs, 'renameSync', (a: string, b: string) => { steps.push(`renameSync ${a.includes('.tmp') ? 'temp' : a} -> ${b.endsWith('x.bin') ? 'target' : b}`); }),
  ];
  try {
    await writeFileAtomic(join(dir, 'x.bin'), 'data');
    writeFileAtomicSync(join(dir, 'x.bin'), 'data');
  } finally {
    for (const m of mocks) m.mock.restore();
    removeDir(dir);
  }
  assert.deepEqual(steps, ['sync', 'rename temp -> target', 'sync folder', 'fsyncSync', 'renameSync temp -> target', 'fsyncSync folder']);
});

test('mode: the file gets exactly the given permission bits, whatever the umask', async () => {
  const dir = newDir();
  const umask = process.umask(0o077);
  try {
    const a = join(dir, 'job.sh');
    await writeFileAtomic(a, '#!/bin/sh\n', { mode: 0o755 });
    assert.equal(statSync(a).mode & 0o777, 0o755);
    const b = join(dir, 'job-sync.sh');
    writeFileAtomicSync(b, '#!/bin/sh\n', { mode: 0o750 });
    assert.equal(statSync(b).mode & 0o777, 0o750);
    // without a mode, a new file follows the umask (0o666 & ~0o077)
    const c = join(dir, 'plain.txt');
    await writeFileAtomic(c, 'x');
    assert.equal(statSync(c).mode & 0o777, 0o600);
  } finally {
    process.umask(umask);
    removeDir(dir);
  }
});
