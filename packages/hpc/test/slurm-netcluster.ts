// Test helper: a throwaway multi-node SLURM cluster on network "hosts" (Linux network namespaces, e.g.
// from @weatherlearn/distributed/testing's createNetHosts): slurmctld and slurmd `node0` in host 0,
// slurmd `node<i>` in host i, munged here (its unix socket reaches every namespace). Each daemon runs
// in its host's network namespace with that host's /etc/netns/<ns>/hosts bind-mounted on /etc/hosts
// (nsenter + a private mount namespace, so the machine's cgroup mounts stay visible to slurmd).
// Clients (sbatch, scontrol) run in host 0. Not a test file itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const PATH = [process.env.PATH ?? '', '/usr/sbin', '/sbin'].join(delimiter);

/** A started multi-node cluster. */
export interface NetCluster {
  dir: string;
  /** Environment for the clients (SLURM_CONF, PATH). */
  env: Record<string, string>;
  /** Runs a SLURM client in host 0 and returns its stdout (throws with stderr). */
  run(bin: string, args: string[], cwd?: string): string;
  /** Waits (bounded) until job `id` reaches a final state; returns `scontrol show job` fields. */
  waitDone(id: string, timeoutMs: number): Promise<Record<string, string>>;
  /** Stops every daemon it started, by PID; keeps the folder when `keep`. */
  stop(keep?: boolean): void;
}

/** Where the hosts are: namespace names and each one's address (node i = host i). */
export interface NetClusterHosts { names: string[]; addresses: string[]; cpus?: number }

const inHost = (ns: string, argv: string[]) => ['nsenter', `--net=/run/netns/${ns}`, 'unshare', '-m', '--propagation', 'private', 'sh', '-c',
  `[ -f /etc/netns/${ns}/hosts ] && mount --bind /etc/netns/${ns}/hosts /etc/hosts; exec "$@"`, 'sh', ...argv];

function conf(dir: string, h: NetClusterHosts): string {
  const nodes = h.names.map((_, i) => `NodeName=node${i} NodeAddr=${h.addresses[i]} CPUs=${h.cpus ?? 2} RealMemory=4000 State=UNKNOWN`);
  return [
    'ClusterName=wlnet', `SlurmctldHost=localhost(${h.addresses[0]})`, 'SlurmctldPort=6817', 'SlurmdPort=6818', 'SlurmUser=root', 'SlurmdUser=root',
    'AuthType=auth/munge', `AuthInfo=socket=${dir}/munge.sock`, 'CredType=cred/munge', `StateSaveLocation=${dir}/ctld`, `SlurmdSpoolDir=${dir}/d%n`,
    `SlurmctldPidFile=${dir}/slurmctld.pid`, `SlurmdPidFile=${dir}/slurmd-%n.pid`, `SlurmctldLogFile=${dir}/slurmctld.log`, `SlurmdLogFile=${dir}/slurmd-%n.log`,
    'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'JobAcctGatherType=jobacct_gather/none', 'AccountingStorageType=accounting_storage/none',
    'JobCompType=jobcomp/none', 'MpiDefault=none', 'SchedulerType=sched/builtin', 'SelectType=select/cons_tres', 'SelectTypeParameters=CR_CPU',
    'SlurmdParameters=config_overrides', 'ReturnToService=2', 'KillWait=5', 'MinJobAge=600', 'InactiveLimit=0',
    ...nodes, `PartitionName=debug Nodes=node[0-${h.names.length - 1}] Default=YES MaxTime=INFINITE State=UP`, '',
  ].join('\n');
}

function readPid(f: string): number | undefined {
  if (!existsSync(f)) return undefined;
  const pid = Number(readFileSync(f, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Starts munged, slurmctld and one slurmd per host; waits (bounded) until every node is idle. Needs root and SLURM. */
export async function startNetCluster(h: NetClusterHosts): Promise<NetCluster> {
  const dir = mkdtempSync('/tmp/wln.');
  mkdirSync(join(dir, 'ctld'));
  h.names.forEach((_, i) => mkdirSync(join(dir, `dnode${i}`)));
  writeFileSync(join(dir, 'slurm.conf'), conf(dir, h));
  const env = { ...process.env, PATH, SLURM_CONF: join(dir, 'slurm.conf') } as Record<string, string>;
  const exec = (argv: string[], cwd?: string) => execFileSync(argv[0]!, argv.slice(1), { env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const pids = () => [...h.names.map((_, i) => `slurmd-node${i}.pid`), 'slurmctld.pid', 'munged.pid'].map((f) => readPid(join(dir, f)));
  const stop = (keep = false) => {
    try { exec(inHost(h.names[0]!, ['scancel', '--full', '--signal=KILL', '--user=root'])); } catch { /* no controller */ }
    const live = pids().filter((p): p is number => !!p);
    for (const pid of live) { try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ } }
    // Wait (bounded) until they are gone or zombies (this container's init may not reap them).
    const alive = (pid: number) => { try { return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; } };
    for (let k = 0; k < 100 && live.some(alive); k++) execFileSync('sleep', ['0.1']);
    if (!keep) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  try {
    exec(['mungekey', '-c', '-f', '-k', join(dir, 'munge.key')]);
    exec(['chmod', '600', join(dir, 'munge.key')]);
    exec(['munged', '-f', `--socket=${dir}/munge.sock`, `--key-file=${dir}/munge.key`, `--pid-file=${dir}/munged.pid`, `--log-file=${dir}/munged.log`, `--seed-file=${dir}/munged.seed`]);
    exec(inHost(h.names[0]!, ['slurmctld', '-f', env.SLURM_CONF!]));
    h.names.forEach((ns, i) => exec(inHost(ns, ['slurmd', '-f', env.SLURM_CONF!, '-N', `node${i}`])));
    let states = '';
    for (let k = 0; k < 150; k++) {
      try { states = exec(inHost(h.names[0]!, ['sinfo', '-h', '-N', '-o', '%T'])); } catch { /* controller starting */ }
      if (states && states.trim().split('\n').length === h.names.length && states.trim().split('\n').every((s) => s.startsWith('idle'))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!states.trim().split('\n').every((s) => s.startsWith('idle'))) throw new Error(`nodes did not come up: ${states.trim() || 'no answer'}`);
  } catch (e) {
    stop(true);
    throw new Error(`multi-node SLURM did not start (logs in ${dir}): ${(e as Error & { stderr?: string }).stderr ?? (e as Error).message}`);
  }
  const run = (bin: string, args: string[], cwd?: string) => exec(inHost(h.names[0]!, [bin, ...args]), cwd);
  const job = (id: string) => Object.fromEntries(run('scontrol', ['show', 'job', '-o', id]).trim().split(/\s+/).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  return {
    dir, env, run, stop,
    async waitDone(id, timeoutMs) {
      const t0 = Date.now();
      for (;;) {
        const j = job(id);
        if (/^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE)/.test(j.JobState ?? '')) return j;
        if (Date.now() - t0 > timeoutMs) throw new Error(`job ${id} still ${j.JobState} after ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 500));
      }
    },
  };
}
