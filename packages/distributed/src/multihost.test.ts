// Process groups across separate network hosts (Linux network namespaces joined by veth links to a
// bridge): the hostname resolves to 127.0.0.1 inside them, as in many containers, so these fail
// unless each rank binds the address that routes to MASTER_ADDR.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c10dUnavailableReason } from './native.js';
import { assertParts, createNetHosts, netnsUnavailableReason, skipUnlessCi, spawnRanks, type NetHosts, type RankResult } from './testing/index.js';

const parts = [c10dUnavailableReason(), netnsUnavailableReason()];
const skip = skipUnlessCi(parts, process.env);
const made: NetHosts[] = [];
after(() => { for (const h of made) h.cleanup(); });
const hosts = (n: number, networks = 1) => { assertParts(parts); const h = createNetHosts(n, networks); made.push(h); return h; };
const dump = (rs: RankResult[]) => JSON.stringify(rs.map((r) => ({ code: r.code, lines: r.lines, err: r.stderr.slice(-400) })), null, 1);

function assertCollectives(rs: RankResult[], addresses: string[]) {
  rs.forEach((r, rank) => {
    assert.equal(r.code, 0, dump(rs));
    const bind = r.lines.find((l) => 'bind' in l)?.bind as { address: string; source: string };
    assert.equal(bind.address, addresses[rank], `rank ${rank} bound ${JSON.stringify(bind)}`);
    const got = r.lines.find((l) => 'mean' in l) as { mean: number[][]; bcast: number[][] };
    const n = rs.length, avg = (f: (k: number) => number) => Array.from({ length: n }, (_, k) => f(k)).reduce((a, b) => a + b) / n;
    assert.deepEqual(got.mean, [[avg((k) => k + 1), avg((k) => -k)], new Array(40).fill(avg((k) => 2 * k)), [avg((k) => 0.5 * k)]]);
    assert.deepEqual(got.bcast, [[7, 7, 7], new Array(50).fill(3)]);
  });
}

test('2 hosts × 1 rank, TCPStore: each rank binds the address that routes to MASTER_ADDR', { skip, timeout: 60_000 }, async () => {
  const h = hosts(2);
  const rs = await spawnRanks(2, 'collectives', {}, { hosts: h, ranksPerHost: [1, 1] });
  assertCollectives(rs, ['10.77.0.1', '10.77.0.2']);
  assert.equal((rs[1]!.lines[0]!.bind as { source: string }).source, 'route to MASTER_ADDR');
});

test('2 hosts × 2 ranks, FileStore on a shared path: local ranks share a host', { skip, timeout: 90_000 }, async () => {
  const h = hosts(2);
  const dir = mkdtempSync(join(tmpdir(), 'wl-filestore-'));
  try {
    const rs = await spawnRanks(4, 'collectives', { WL_STORE: `file:${join(dir, 'store')}` }, { hosts: h, ranksPerHost: [2, 2] });
    assertCollectives(rs, ['10.77.0.1', '10.77.0.1', '10.77.0.2', '10.77.0.2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('MASTER_ADDR = node 0\'s name, which node 0\'s /etc/hosts maps to 127.0.1.1 (Debian): node 0 still binds its real address', { skip, timeout: 60_000 }, async () => {
  const h = hosts(2);
  h.etcHosts(0, '127.0.0.1 localhost\n127.0.1.1 node0\n');
  h.etcHosts(1, '127.0.0.1 localhost\n10.77.0.1 node0\n');
  const rs = await spawnRanks(2, 'collectives', { MASTER_ADDR: 'node0' }, { hosts: h, ranksPerHost: [1, 1] });
  assertCollectives(rs, ['10.77.0.1', '10.77.0.2']);
  assert.deepEqual(rs.map((r) => (r.lines[0]!.bind as { source: string }).source), ['MASTER_ADDR is this host', 'route to MASTER_ADDR']);
});

test('an interface setting selects another network than the route to MASTER_ADDR', { skip, timeout: 60_000 }, async () => {
  const h = hosts(2, 2);
  const rs = await spawnRanks(2, 'collectives', { WL_INTERFACE: 'eth1' }, { hosts: h, ranksPerHost: [1, 1] });
  assertCollectives(rs, ['10.77.1.1', '10.77.1.2']);
});

test('a host whose link goes down mid-run: the other host\'s ranks fail with a clear error within the timeout', { skip, timeout: 90_000 }, async () => {
  const h = hosts(2);
  let down = 0;
  const rs = await spawnRanks(3, 'loop', { WL_TIMEOUT_MS: '4000' }, { hosts: h, ranksPerHost: [2, 1] }, (l) => {
    if (!down && l.rank === 0 && Number(l.step) >= 20) { down = Date.now(); h.linkDown(1); }
  });
  assert.ok(down > 0, `the link was never taken down: ${dump(rs)}`);
  for (const rank of [0, 1]) {
    const r = rs[rank]!;
    assert.equal(r.code, 1, dump(rs));
    const fail = r.lines.find((l) => 'error' in l) as { error: string; ms: number };
    assert.match(fail.error, new RegExp(`rank ${rank}/3: allreduce failed \\(a rank died or did not answer within 4 s\\)`));
    assert.ok(fail.ms <= 4000 + 3000, `rank ${rank} waited ${fail.ms} ms`);
  }
});

test('a loopback address while MASTER_ADDR is not fails at once with the explanation', { skip, timeout: 30_000 }, async () => {
  const h = hosts(2);
  const t0 = Date.now();
  const rs = await spawnRanks(2, 'collectives', { WL_INTERFACE: 'lo' }, { hosts: h, ranksPerHost: [1, 1] });
  for (const r of rs) {
    assert.equal(r.code, 1);
    assert.match(String(r.lines[0]?.fatal), /would bind the loopback address 127\.0\.0\.1 \(distributed\.interface\) while MASTER_ADDR 10\.77\.0\.1 is not loopback/);
  }
  assert.ok(Date.now() - t0 < 20_000);
});
