import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** Where the address Gloo binds came from, in the order they win. */
export type BindAddressSource = 'distributed.address' | 'distributed.interface' | 'GLOO_SOCKET_IFNAME' | 'route to MASTER_ADDR' | 'loopback MASTER_ADDR'
  | 'MASTER_ADDR is this host' | 'default route';

/** What a rank should bind: the address, its interface when known, and why it was chosen. */
export interface BindAddress {
  address: string;
  interface: string;
  source: BindAddressSource;
  /** MASTER_ADDR as resolved (an IP), or '' when there is none (FileStore without MASTER_ADDR). */
  masterIp: string;
}

/** What the caller was told (config keys, the app's environment); every field optional. */
export interface BindAddressRequest {
  /** MASTER_ADDR (host name or IP); '' or undefined when the rendezvous does not need one (FileStore). */
  masterAddr?: string;
  /** `distributed.address`: bind exactly this local IP. */
  address?: string;
  /** `distributed.interface`: bind this interface's (first IPv4, else IPv6) address. */
  interface?: string;
  /** `GLOO_SOCKET_IFNAME` as the app read it (PyTorch's: a comma-separated list; the first is used). */
  socketIfname?: string;
}

/** The system calls the choice needs; tests replace them. */
export interface BindAddressDeps {
  interfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** The local address the kernel would send from to reach `ip` (a UDP "connect": nothing is sent). */
  route: (ip: string) => Promise<string>;
  resolve: (host: string) => Promise<string>;
}

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and "localhost". */
export const isLoopbackAddress = (h: string): boolean => h === 'localhost' || h.startsWith('127.') || h === '::1' || h.startsWith('::ffff:127.');

/** Asks the kernel which local address routes to `ip` (UDP connect + getsockname; no packet is sent). */
export function routeAddress(ip: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = createSocket(isIP(ip) === 6 ? 'udp6' : 'udp4');
    s.once('error', (e) => { s.close(); reject(new Error(`no route to ${ip}: ${e.message}`)); });
    s.connect(9, ip, () => {
      const a = s.address().address;
      s.close();
      resolve(a);
    });
  });
}

async function resolveHost(host: string): Promise<string> {
  if (isIP(host)) return host;
  try {
    return (await lookup(host)).address;
  } catch (e) {
    throw new Error(`MASTER_ADDR "${host}" does not resolve: ${(e as Error).message}`);
  }
}

/** Real system calls: `os.networkInterfaces()`, {@link routeAddress}, DNS lookup. */
export const SYSTEM_BIND_ADDRESS_DEPS: BindAddressDeps = { interfaces: networkInterfaces, route: routeAddress, resolve: resolveHost };

function listInterfaces(all: NodeJS.Dict<NetworkInterfaceInfo[]>): string {
  return Object.entries(all).map(([n, as]) => `${n} (${(as ?? []).map((a) => a.address).join(', ') || 'no address'})`).join(', ') || 'none';
}

/** The address of interface `name` (IPv4 first); the error lists the interfaces there are. */
export function interfaceAddress(name: string, all: NodeJS.Dict<NetworkInterfaceInfo[]>, key: string): string {
  const as = all[name];
  if (!as || !as.length) throw new Error(`${key}: no network interface "${name}" with an address on this host; there are: ${listInterfaces(all)}`);
  return (as.find((a) => a.family === 'IPv4') ?? as[0]!).address;
}

/** The first non-loopback IPv4 address, interfaces sorted by name. */
function firstExternal(all: NodeJS.Dict<NetworkInterfaceInfo[]>): string | undefined {
  return Object.entries(all).sort(([a], [b]) => a.localeCompare(b)).flatMap(([, as]) => as ?? []).find((a) => a.family === 'IPv4' && !a.internal)?.address;
}

/**
 * The address other hosts most likely reach: the source of the default route (a UDP connect to
 * TEST-NET-1, 192.0.2.1, which no network routes specially), else the first non-loopback IPv4 interface.
 */
async function defaultAddress(all: NodeJS.Dict<NetworkInterfaceInfo[]>, deps: BindAddressDeps): Promise<string> {
  try {
    const a = await deps.route('192.0.2.1');
    if (!isLoopbackAddress(a) && interfaceOf(a, all)) return a;
  } catch { /* no default route */ }
  return firstExternal(all) ?? '127.0.0.1';
}

function interfaceOf(address: string, all: NodeJS.Dict<NetworkInterfaceInfo[]>): string {
  for (const [n, as] of Object.entries(all)) if ((as ?? []).some((a) => a.address === address)) return n;
  return '';
}

/**
 * Chooses the local address a rank's Gloo device binds, so that ranks on other hosts can reach it:
 * `address`, else `interface`, else `socketIfname` (GLOO_SOCKET_IFNAME), else the address of the
 * interface that routes to MASTER_ADDR (asked of the kernel). A loopback MASTER_ADDR (127.x, ::1,
 * localhost) binds 127.0.0.1; a host name that resolves to loopback here (node 0 under Debian's
 * /etc/hosts) and no MASTER_ADDR at all bind the default route's address (else the first
 * non-loopback IPv4 interface). Fails when the choice is a
 * loopback address while MASTER_ADDR is not (other hosts would be told to connect to their own
 * loopback — the classic multi-node hang) or when an address is not on this host.
 */
export async function chooseBindAddress(req: BindAddressRequest, deps: BindAddressDeps = SYSTEM_BIND_ADDRESS_DEPS): Promise<BindAddress> {
  const all = deps.interfaces();
  const masterIp = req.masterAddr ? await deps.resolve(req.masterAddr) : '';
  let c: { address: string; source: BindAddressSource };
  const ifname = req.socketIfname?.split(',')[0]?.trim();
  if (req.address) {
    if (!isIP(req.address)) throw new Error(`distributed.address: "${req.address}" is not an IP address`);
    if (!interfaceOf(req.address, all)) throw new Error(`distributed.address: ${req.address} is not an address of this host; there are: ${listInterfaces(all)}`);
    c = { address: req.address, source: 'distributed.address' };
  } else if (req.interface) {
    c = { address: interfaceAddress(req.interface, all, 'distributed.interface'), source: 'distributed.interface' };
  } else if (ifname) {
    c = { address: interfaceAddress(ifname, all, 'GLOO_SOCKET_IFNAME'), source: 'GLOO_SOCKET_IFNAME' };
  } else if (masterIp && isLoopbackAddress(req.masterAddr!)) {
    c = { address: '127.0.0.1', source: 'loopback MASTER_ADDR' };
  } else if (masterIp && isLoopbackAddress(masterIp)) {
    // A host name that resolves to loopback here (Debian's /etc/hosts maps the own name to 127.0.1.1):
    // this is node 0, and the other nodes resolve the name to a real address — bind a real one too.
    c = { address: await defaultAddress(all, deps), source: 'MASTER_ADDR is this host' };
  } else if (masterIp) {
    let a: string;
    try {
      a = await deps.route(masterIp);
    } catch (e) {
      throw new Error(`MASTER_ADDR ${req.masterAddr}: ${(e as Error).message}; set distributed.interface or distributed.address`);
    }
    c = { address: a, source: 'route to MASTER_ADDR' };
  } else {
    c = { address: await defaultAddress(all, deps), source: 'default route' };
  }
  if (isLoopbackAddress(c.address) && masterIp && !isLoopbackAddress(masterIp)) {
    throw new Error(`this rank would bind the loopback address ${c.address} (${c.source}) while MASTER_ADDR ${req.masterAddr} is not loopback: `
      + 'ranks on other hosts would be told to connect to their own loopback. Set distributed.interface (e.g. eth0, ib0), '
      + `distributed.address or GLOO_SOCKET_IFNAME to an interface the other hosts reach; this host has: ${listInterfaces(all)}`);
  }
  return { ...c, interface: interfaceOf(c.address, all), masterIp };
}

/** One line for logs: `10.77.0.2 on eth0 (route to MASTER_ADDR 10.77.0.1)`. */
export function formatBindAddress(b: BindAddress): string {
  const why = b.source === 'route to MASTER_ADDR' || b.source === 'loopback MASTER_ADDR' ? `${b.source} ${b.masterIp}` : b.source;
  return `${b.address}${b.interface ? ` on ${b.interface}` : ''} (${why})`;
}
