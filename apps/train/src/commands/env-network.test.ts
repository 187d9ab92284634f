import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_APP_CONFIG } from '../config/schema.js';
import { runCommand } from '../testing/run-command.js';
import { registerEnv } from './env.js';
import { formatNetworkReport, networkReport } from './env-network.js';

const D = DEFAULT_APP_CONFIG.distributed;
const TWO = { RANK: '1', WORLD_SIZE: '2' };

test('GLOO_SOCKET_IFNAME is read by the app and passed in; distributed.interface and distributed.address win over it', async () => {
  let n = await networkReport({ ...TWO, MASTER_ADDR: '127.0.0.1', GLOO_SOCKET_IFNAME: 'lo' }, D);
  assert.deepEqual(n, { rank: 1, worldSize: 2, master: '127.0.0.1:29500', bind: '127.0.0.1 on lo (GLOO_SOCKET_IFNAME)', ok: true });
  n = await networkReport({ ...TWO, MASTER_ADDR: '127.0.0.1', GLOO_SOCKET_IFNAME: 'lo' }, { ...D, interface: 'wl-no-such0' });
  assert.equal(n.ok, false);
  assert.match(n.bind, /distributed\.interface: no network interface "wl-no-such0" with an address on this host; there are: .*lo \(127\.0\.0\.1/);
  n = await networkReport({ ...TWO, MASTER_ADDR: '127.0.0.1', GLOO_SOCKET_IFNAME: 'wl-no-such0' }, { ...D, address: '127.0.0.1', interface: 'wl-no-such0' });
  assert.equal(n.bind, '127.0.0.1 on lo (distributed.address)');
});

test('a loopback choice while MASTER_ADDR is not is reported by env, not thrown', async () => {
  const n = await networkReport({ ...TWO, MASTER_ADDR: '10.1.2.3', GLOO_SOCKET_IFNAME: 'lo' }, D);
  assert.equal(n.ok, false);
  assert.match(formatNetworkReport(n), /^network {3}rank 1\/2, MASTER_ADDR 10\.1\.2\.3:29500, Gloo cannot bind: this rank would bind the loopback address 127\.0\.0\.1 \(GLOO_SOCKET_IFNAME\) while MASTER_ADDR 10\.1\.2\.3 is not loopback/);
  const bad = await networkReport({ WORLD_SIZE: 'two' }, D);
  assert.deepEqual([bad.ok, bad.bind], [false, 'environment variable WORLD_SIZE="two" must be an integer ≥ 1']);
});

test('weatherlearn env prints the address this rank binds (text and --json)', async () => {
  const env = { ...TWO, MASTER_ADDR: '127.0.0.1', MASTER_PORT: '29555' };
  let r = await runCommand(registerEnv, ['env'], { env });
  assert.equal(r.code, 0, r.err.join(''));
  assert.ok(r.out.includes('network   rank 1/2, MASTER_ADDR 127.0.0.1:29555, Gloo binds 127.0.0.1 on lo (loopback MASTER_ADDR 127.0.0.1)'), r.out.join('\n'));
  r = await runCommand(registerEnv, ['env', '--json'], { env });
  assert.equal((JSON.parse(r.out.join('')) as { network: { bind: string } }).network.bind, '127.0.0.1 on lo (loopback MASTER_ADDR 127.0.0.1)');
});
