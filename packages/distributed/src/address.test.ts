import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { chooseBindAddress, formatBindAddress, routeAddress, type BindAddressDeps } from './address.js';
import { assertParts, skipUnlessCi } from './testing/netns.js';

const v4 = (address: string, internal = false) => ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }) as NetworkInterfaceInfo;
const IFS = { lo: [v4('127.0.0.1', true)], eth0: [v4('10.0.0.5')], ib0: [v4('192.168.7.5')] };
const routes: string[] = [];
const deps: BindAddressDeps = {
  interfaces: () => IFS,
  route: async (ip) => { routes.push(ip); return ip.startsWith('192.168.') ? '192.168.7.5' : '10.0.0.5'; },
  resolve: async (h) => ({ node0: '10.0.0.1', vm: '127.0.0.1' } as Record<string, string>)[h] ?? h,
};

test('default: the address of the interface that routes to MASTER_ADDR (host names resolved first)', async () => {
  routes.length = 0;
  const b = await chooseBindAddress({ masterAddr: 'node0' }, deps);
  assert.deepEqual(b, { address: '10.0.0.5', interface: 'eth0', source: 'route to MASTER_ADDR', masterIp: '10.0.0.1' });
  assert.deepEqual(routes, ['10.0.0.1']);
  assert.equal(formatBindAddress(b), '10.0.0.5 on eth0 (route to MASTER_ADDR 10.0.0.1)');
  assert.equal((await chooseBindAddress({ masterAddr: '192.168.7.1' }, deps)).interface, 'ib0');
});

test('the real kernel route: a UDP connect to a loopback address reads back a loopback source', async () => {
  assert.equal(await routeAddress('127.0.0.1'), '127.0.0.1');
  const b = await chooseBindAddress({ masterAddr: '127.0.0.1' });
  assert.equal(b.address, '127.0.0.1');
});

test('distributed.address wins over distributed.interface, which wins over GLOO_SOCKET_IFNAME', async () => {
  assert.equal((await chooseBindAddress({ masterAddr: '10.0.0.1', address: '192.168.7.5', interface: 'eth0', socketIfname: 'eth0' }, deps)).source, 'distributed.address');
  const i = await chooseBindAddress({ masterAddr: '10.0.0.1', interface: 'ib0', socketIfname: 'eth0' }, deps);
  assert.deepEqual([i.address, i.interface, i.source], ['192.168.7.5', 'ib0', 'distributed.interface']);
  const g = await chooseBindAddress({ masterAddr: '10.0.0.1', socketIfname: 'ib0,eth0' }, deps);
  assert.deepEqual([g.address, g.source], ['192.168.7.5', 'GLOO_SOCKET_IFNAME']);
});

test('bad settings name the key and list the interfaces', async () => {
  await assert.rejects(chooseBindAddress({ masterAddr: '10.0.0.1', interface: 'ib9' }, deps), /distributed\.interface: no network interface "ib9" .*there are: lo \(127\.0\.0\.1\), eth0 \(10\.0\.0\.5\), ib0/);
  await assert.rejects(chooseBindAddress({ masterAddr: '10.0.0.1', socketIfname: 'eno1' }, deps), /GLOO_SOCKET_IFNAME: no network interface "eno1"/);
  await assert.rejects(chooseBindAddress({ address: '10.9.9.9' }, deps), /distributed\.address: 10\.9\.9\.9 is not an address of this host/);
  await assert.rejects(chooseBindAddress({ address: 'eth0' }, deps), /distributed\.address: "eth0" is not an IP address/);
  const noRoute = { ...deps, route: async () => { throw new Error('no route to 10.0.0.1: ENETUNREACH'); } };
  await assert.rejects(chooseBindAddress({ masterAddr: '10.0.0.1' }, noRoute), /MASTER_ADDR 10\.0\.0\.1: no route to 10\.0\.0\.1: ENETUNREACH; set distributed\.interface/);
});

test('loopback is refused while MASTER_ADDR is not, allowed while it is', async () => {
  await assert.rejects(chooseBindAddress({ masterAddr: 'node0', interface: 'lo' }, deps),
    /would bind the loopback address 127\.0\.0\.1 \(distributed\.interface\) while MASTER_ADDR node0 is not loopback: ranks on other hosts would be told to connect to their own loopback/);
  const loopRoute = { ...deps, route: async () => '127.0.0.1' };
  await assert.rejects(chooseBindAddress({ masterAddr: '10.0.0.1' }, loopRoute), /route to MASTER_ADDR\) while MASTER_ADDR 10\.0\.0\.1 is not loopback/);
  for (const m of ['127.0.0.1', 'localhost', '::1']) assert.deepEqual((await chooseBindAddress({ masterAddr: m }, deps)).source, 'loopback MASTER_ADDR');
  // A host name that resolves to loopback here (node 0's own name under Debian's /etc/hosts): other
  // nodes resolve it to a real address and must reach this one, so bind a real interface.
  const b = await chooseBindAddress({ masterAddr: 'vm' }, deps);
  assert.deepEqual([b.address, b.source], ['10.0.0.5', 'MASTER_ADDR is this host']);
  const lonely = await chooseBindAddress({ masterAddr: 'vm' }, { ...deps, interfaces: () => ({ lo: IFS.lo }), route: async () => '127.0.0.1' });
  assert.equal(lonely.address, '127.0.0.1');
});

test('no MASTER_ADDR (a FileStore rendezvous): the default route\'s address, else the first non-loopback IPv4 interface', async () => {
  routes.length = 0;
  const b = await chooseBindAddress({}, { ...deps, route: async (ip) => { routes.push(ip); return '192.168.7.5'; } });
  assert.deepEqual([b.address, b.interface, b.source, b.masterIp], ['192.168.7.5', 'ib0', 'default route', '']);
  assert.deepEqual(routes, ['192.0.2.1']);
  const noDefault = { ...deps, route: async () => { throw new Error('ENETUNREACH'); } };
  assert.equal((await chooseBindAddress({}, noDefault)).address, '10.0.0.5');
  assert.equal((await chooseBindAddress({}, { ...noDefault, interfaces: () => ({ lo: IFS.lo }) })).address, '127.0.0.1');
});

test('tests that need namespaces/the addon skip with the reason locally, and run (then fail) under CI=true', () => {
  assert.equal(skipUnlessCi([undefined, 'no netns'], {}), 'no netns — skipping');
  assert.equal(skipUnlessCi([undefined, 'no netns'], { CI: 'true' }), false);
  assert.equal(skipUnlessCi([undefined], {}), false);
  assert.throws(() => assertParts(['addon missing', 'no netns']), /CI=true and a part this test needs is missing: addon missing; no netns/);
  assert.doesNotThrow(() => assertParts([undefined]));
});
