// Separate network hosts on one machine for tests: N Linux network namespaces, each with one veth
// link per network to a bridge that lives in a hub namespace of its own (nothing is added to the
// machine's own namespace). Host i has 10.77.k.(i+1)/24 on interface eth<k> of network k.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';

let counter = 0;
const live = new Set<() => void>();
let exitHook = false;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A set of network hosts (namespaces) and how to run things on them. */
export interface NetHosts {
  /** Namespace names, one per host. */
  names: string[];
  /** `addresses[host][network]`, e.g. `addresses[1][0] = '10.77.0.2'`. */
  addresses: string[][];
  /** Starts `cmd args` inside host `h` (`ip netns exec`). */
  spawn(h: number, cmd: string, args: string[], opts?: SpawnOptions): ChildProcess;
  /** Takes host `h`'s link to network `net` down (`ip link set eth<net> down` inside the host). */
  linkDown(h: number, net?: number): void;
  /** Gives host `h` its own `/etc/hosts` (`ip netns exec` bind-mounts `/etc/netns/<name>/hosts`). */
  etcHosts(h: number, content: string): void;
  /** Deletes every namespace (and so every link) and its `/etc/netns` folder. Safe to call twice. */
  cleanup(): void;
}

/**
 * Builds `n` hosts joined by `networks` bridged networks (10.77.k.0/24, interface `eth<k>` on each
 * host, loopback up). Needs root (CAP_SYS_ADMIN + CAP_NET_ADMIN) and iproute2; throws otherwise.
 */
export function createNetHosts(n: number, networks = 1): NetHosts {
  const id = `wl${process.pid}x${counter++}`;
  const hub = `${id}hub`;
  const names = Array.from({ length: n }, (_, i) => `${id}h${i}`);
  const made: string[] = [];
  const cleanup = () => {
    for (const ns of made.splice(0)) {
      try { ip('netns', 'del', ns); } catch { /* already gone */ }
      rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
    }
    try { rmdirSync('/etc/netns'); } catch { /* not empty or absent */ }
    live.delete(cleanup);
  };
  live.add(cleanup);
  if (!exitHook) { exitHook = true; process.once('exit', () => { for (const c of live) c(); }); }
  try {
    for (const ns of [hub, ...names]) { ip('netns', 'add', ns); made.push(ns); }
    for (let k = 0; k < networks; k++) {
      ip('-n', hub, 'link', 'add', `br${k}`, 'type', 'bridge');
      ip('-n', hub, 'link', 'set', `br${k}`, 'up');
    }
    names.forEach((ns, i) => {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      for (let k = 0; k < networks; k++) {
        const peer = `h${i}n${k}`;
        ip('link', 'add', `eth${k}`, 'netns', ns, 'type', 'veth', 'peer', 'name', peer, 'netns', hub);
        ip('-n', hub, 'link', 'set', peer, 'master', `br${k}`);
        ip('-n', hub, 'link', 'set', peer, 'up');
        ip('-n', ns, 'addr', 'add', `10.77.${k}.${i + 1}/24`, 'dev', `eth${k}`);
        ip('-n', ns, 'link', 'set', `eth${k}`, 'up');
      }
    });
  } catch (e) {
    cleanup();
    const err = e as Error & { stderr?: Buffer };
    throw new Error(`cannot build network namespaces: ${String(err.stderr ?? err.message).trim()}`);
  }
  return {
    names,
    addresses: names.map((_, i) => Array.from({ length: networks }, (__, k) => `10.77.${k}.${i + 1}`)),
    spawn: (h, cmd, args, opts = {}) => spawn('ip', ['netns', 'exec', names[h]!, cmd, ...args], opts),
    etcHosts: (h, content) => {
      mkdirSync(`/etc/netns/${names[h]!}`, { recursive: true });
      writeFileSync(`/etc/netns/${names[h]!}/hosts`, content);
    },
    linkDown: (h, net = 0) => ip('-n', names[h]!, 'link', 'set', `eth${net}`, 'down'),
    cleanup,
  };
}

let probed: string | undefined | null = null;

/** Why namespaces cannot be made here (not root, no iproute2, no CAP_NET_ADMIN), or undefined. Probes once. */
export function netnsUnavailableReason(): string | undefined {
  if (probed !== null) return probed;
  try {
    createNetHosts(1).cleanup();
    probed = undefined;
  } catch (e) {
    probed = `${(e as Error).message} (needs root and iproute2)`;
  }
  return probed;
}

/**
 * The `skip` option for a test that needs the given parts: the reasons joined with "; " when some
 * are missing, but `false` under `CI=true` — there the test runs and must call {@link assertParts}, so
 * a missing part fails CI instead of passing silently.
 */
export function skipUnlessCi(reasons: (string | undefined)[], env: Record<string, string | undefined>): string | false {
  const r = reasons.filter(Boolean).join('; ');
  return r && env.CI !== 'true' ? `${r} — skipping` : false;
}

/** Fails when a part is missing (reached only in CI, where {@link skipUnlessCi} did not skip). */
export function assertParts(reasons: (string | undefined)[]): void {
  const r = reasons.filter(Boolean).join('; ');
  if (r) throw new Error(`CI=true and a part this test needs is missing: ${r}`);
}
