import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { intArg, numberArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';


/** A free TCP port on `host` (the TCPStore of rank 0 binds it right after). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** How to start this CLI again in a child: node, its loader flags (tsx in development), the entry file. */
export function cliInvocation(): string[] {
  const entry = [process.argv[1], fileURLToPath(new URL('./cli.js', import.meta.url)), fileURLToPath(new URL('../cli.ts', import.meta.url))]
    .find((p): p is string => !!p && /(cli\.[jt]s|weatherlearn(\.mjs)?)$/.test(p) && existsSync(p));
  if (!entry) throw new Error('launch: cannot find the weatherlearn entry point to start the ranks with');
  const flags = process.execArgv.filter((a) => !a.startsWith('--test'));
  return [process.execPath, ...flags, entry];
}

interface LaunchOptions {
  nproc?: number; nprocPerNode?: number; nnodes: number; nodeRank: number; masterAddr: string; masterPort?: number; timeout?: number; grace: number; prefix: boolean;
}

/** This node's share of the job: how many ranks it starts, the first one's number, the world size. */
export interface NodeLayout { nproc: number; firstRank: number; worldSize: number; nodeRank: number; nnodes: number }

/** Checks torchrun-style flags and returns this node's ranks; errors name the flag. */
export function nodeLayout(o: LaunchOptions): NodeLayout {
  if (o.nproc !== undefined && o.nprocPerNode !== undefined && o.nproc !== o.nprocPerNode) throw new Error('launch: give --nproc or --nproc-per-node, not both');
  const nproc = o.nproc ?? o.nprocPerNode;
  if (nproc === undefined) throw new Error('launch: --nproc <n> (ranks on this node; torchrun\'s --nproc-per-node) is required');
  if (o.nodeRank >= o.nnodes) throw new Error(`launch: --node-rank ${o.nodeRank} must be smaller than --nnodes ${o.nnodes}`);
  if (o.nnodes > 1 && /^(127\.|localhost$|::1$)/.test(o.masterAddr)) {
    throw new Error(`launch --nnodes ${o.nnodes}: --master-addr must be node 0's address as the other nodes reach it (a host name or IP), not ${o.masterAddr}`);
  }
  return { nproc, firstRank: o.nodeRank * nproc, worldSize: o.nnodes * nproc, nodeRank: o.nodeRank, nnodes: o.nnodes };
}

/** Relays a child's output line by line, prefixed with its rank. */
function relay(stream: NodeJS.ReadableStream, write: (l: string) => void, prefix: string): void {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (d: string) => {
    buf += d;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) { write(prefix + buf.slice(0, i).replace(/\r/g, '')); buf = buf.slice(i + 1); }
  });
  stream.on('end', () => { if (buf) write(prefix + buf); });
}

/**
 * `weatherlearn launch [--nnodes M --node-rank R] --nproc N -- <command…>`: torchrun for this CLI.
 * Starts N copies of `weatherlearn <command…>` on this node (ranks R·N … R·N+N-1 of M·N) with `RANK`, `LOCAL_RANK`, `WORLD_SIZE`, `MASTER_ADDR`,
 * `MASTER_PORT` (a free port unless given) and `WEATHERLEARN_DISTRIBUTED_TIMEOUT`; prefixes their output
 * with the rank, forwards SIGINT/SIGTERM/SIGUSR1, and when one rank fails gives the others
 * `--grace` seconds to notice (their collectives time out) before terminating them.
 */
export const registerLaunch: RegisterCommand = (program, ctx) => {
  program.command('launch')
    .description('run a command (e.g. train) as N data-parallel processes on this node (torchrun\'s flags; Gloo)')
    .argument('<command...>', 'the weatherlearn command and its arguments, after --')
    .option('--nproc <n>', 'number of processes (ranks) on this node', intArg('--nproc', { min: 1, max: 1024 }))
    .option('--nproc-per-node <n>', 'the same as --nproc (torchrun\'s name)', intArg('--nproc-per-node', { min: 1, max: 1024 }))
    .option('--nnodes <n>', 'number of nodes (hosts) in the job; run launch once on each', intArg('--nnodes', { min: 1, max: 4096 }), 1)
    .option('--node-rank <r>', 'this node\'s number, 0 … nnodes-1 (node 0 serves the rendezvous)', intArg('--node-rank', { min: 0, max: 4095 }), 0)
    .option('--master-addr <host>', 'address of node 0 (rank 0\'s rendezvous store) as every node reaches it', '127.0.0.1')
    .option('--master-port <port>', 'rendezvous port (default: a free one on one node, 29500 with --nnodes > 1)', intArg('--master-port', { min: 1, max: 65535 }))
    .option('--timeout <s>', 'seconds a collective waits for a silent rank before failing (default: config distributed.timeout, 300)', numberArg('--timeout', { above: 0 }))
    .option('--grace <s>', 'after a rank fails, seconds the others get to exit on their own before SIGTERM', numberArg('--grace', { above: 0 }), 30)
    .option('--no-prefix', 'do not prefix output lines with [rank N]')
    .addHelpText('after', `
Every rank is the same command with RANK/LOCAL_RANK/WORLD_SIZE/MASTER_ADDR/MASTER_PORT set (node r starts
ranks r×nproc … r×nproc+nproc-1); weatherlearn
train then averages gradients over the ranks (torch.distributed c10d, Gloo) — build the addon first:
npm run build:native -w @weatherlearn/distributed. data.batchSize is per rank: N ranks with batch B train
like one process with batch N×B (or accumulateGradBatches N). On SLURM use srun (or weatherlearn hpc slurm)
instead; it sets the same variables. Each rank's Gloo binds the address of the interface that routes to
--master-addr (printed as its first line); set distributed.interface (e.g. ib0), distributed.address or
GLOO_SOCKET_IFNAME to pick another.

Examples:
  weatherlearn launch --nproc 2 -- train pangu --config examples/pangu-tiny.json --out runs/p2
  weatherlearn launch --nproc 4 --timeout 60 -- train dino --config examples/dino-tiny.json --out runs/d4
  # two nodes, 2 ranks each (run on node 0 and node 1; --out on a filesystem both see):
  weatherlearn launch --nnodes 2 --node-rank 0 --nproc-per-node 2 --master-addr node0 --master-port 29500 -- train pangu --config examples/pangu-tiny.json --out /shared/runs/p4
  weatherlearn launch --nnodes 2 --node-rank 1 --nproc-per-node 2 --master-addr node0 --master-port 29500 -- train pangu --config examples/pangu-tiny.json --out /shared/runs/p4`)
    .action(async (command: string[], opts: LaunchOptions) => {
      if (command[0] === 'launch') throw new Error('launch: the command to run cannot be launch itself');
      const L = nodeLayout(opts);
      const port = opts.masterPort ?? (L.nnodes > 1 ? 29500 : await freePort(opts.masterAddr));
      const [exe, ...pre] = cliInvocation();
      const node = L.nnodes > 1 ? `node ${L.nodeRank}/${L.nnodes}, ranks ${L.firstRank}-${L.firstRank + L.nproc - 1} of ${L.worldSize}` : `${L.nproc} rank(s)`;
      ctx.err(`launch: ${node}, rendezvous ${opts.masterAddr}:${port}: weatherlearn ${command.join(' ')}`);
      const children: ChildProcess[] = [];
      const exits: { rank: number; code: number | null; signal: string | null }[] = [];
      let killTimer: NodeJS.Timeout | undefined;
      const done = new Promise<void>((resolve) => {
        for (let local = 0; local < L.nproc; local++) {
          const rank = L.firstRank + local;
          const child = spawn(exe!, [...pre, ...command], {
            env: {
              ...ctx.env, RANK: String(rank), LOCAL_RANK: String(local), WORLD_SIZE: String(L.worldSize), LOCAL_WORLD_SIZE: String(L.nproc),
              GROUP_RANK: String(L.nodeRank),
              MASTER_ADDR: opts.masterAddr, MASTER_PORT: String(port),
              ...(opts.timeout !== undefined ? { WEATHERLEARN_DISTRIBUTED_TIMEOUT: String(opts.timeout) } : {}),
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          const p = opts.prefix ? `[rank ${rank}] ` : '';
          ctx.err(`launch: rank ${rank} is pid ${child.pid}`);
          relay(child.stdout!, ctx.out, p);
          relay(child.stderr!, ctx.err, p);
          child.on('error', (e) => ctx.err(`launch: rank ${rank} could not start: ${e.message}`));
          child.on('close', (code, signal) => {
            exits.push({ rank, code, signal });
            if ((code !== 0 || signal) && !killTimer && exits.length < L.nproc) {
              ctx.err(`launch: rank ${rank} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}; the other ranks get ${opts.grace} s to stop`);
              killTimer = setTimeout(() => {
                for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
                setTimeout(() => { for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL'); }, 10_000).unref();
              }, opts.grace * 1000);
            }
            if (exits.length === L.nproc) resolve();
          });
          children.push(child);
        }
      });
      const forward = (sig: NodeJS.Signals) => () => { for (const c of children) if (c.exitCode === null) c.kill(sig); };
      const handlers = (['SIGINT', 'SIGTERM', 'SIGUSR1'] as const).map((s) => [s, forward(s)] as const);
      for (const [s, h] of handlers) process.on(s, h);
      try {
        await done;
      } finally {
        if (killTimer) clearTimeout(killTimer);
        for (const [s, h] of handlers) process.off(s, h);
      }
      const failed = exits.filter((e) => e.code !== 0 || e.signal).sort((a, b) => a.rank - b.rank);
      if (failed.length) {
        throw new Error(`launch: ${failed.map((e) => `rank ${e.rank} ${e.signal ? `killed by ${e.signal}` : `exited with code ${e.code}`}`).join('; ')}`);
      }
      ctx.err(`launch: all ${L.nproc} rank(s)${L.nnodes > 1 ? ` of node ${L.nodeRank}` : ''} finished`);
    });
};
