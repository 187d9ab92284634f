import { cpus, freemem, totalmem, arch, platform } from 'node:os';
import { readFileSync } from 'node:fs';
import { initEngine, formatEngineInfo, tf, type EngineInfo } from '@weatherlearn/engine';
import { isTorchBuilt, loadedBlas, blasWarning, type BlasInfo } from '@weatherlearn/tfjs-backend-torch';
import type { RegisterCommand } from './types.js';
import { formatNetworkReport, networkReport } from './env-network.js';

/** Which JavaScript runtime runs us (Node, Bun or Deno) and its version. */
export function runtimeInfo(): { name: string; version: string } {
  const v = process.versions as Record<string, string | undefined>;
  if (v.bun) return { name: 'bun', version: v.bun };
  if (v.deno) return { name: 'deno', version: v.deno };
  return { name: 'node', version: process.versions.node };
}

/** CPU features that matter for numeric kernels, from /proc/cpuinfo where available. */
export function cpuFeatures(): string[] {
  try {
    const flags = /^flags\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.split(/\s+/) ?? [];
    return ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f', 'avx512_bf16', 'amx_tile'].filter((f) => flags.includes(f));
  } catch {
    return [];
  }
}

/** The BLAS libtorch loaded, where the libtorch addon is built (else undefined). */
export function torchBlas(): BlasInfo | undefined {
  return isTorchBuilt() ? loadedBlas() : undefined;
}

/** Why the engine picked this backend: named in the config, or what `auto` skipped (reasons on the `skipped` lines). */
export function choiceReason(requested: string, info: EngineInfo): string {
  if (requested !== 'auto') return `${info.backend} (named in engine.backend)`;
  if (!info.skipped.length) return `${info.backend}: the fastest backend available here`;
  return `${info.backend}: the fastest backend usable here (auto skipped ${info.skipped.map((s) => s.backend).join(', ')}: see the skipped lines)`;
}

export const registerEnv: RegisterCommand = (program, ctx) => {
  program
    .command('env')
    .description('show the runtime, the TensorFlow.js backend chosen and why, the BLAS libtorch loaded, threads, CPU features and free memory')
    .option('--json', 'print as JSON')
    .option('--check', 'also run a small tensor computation on the chosen backend')
    .action(async (opts: { json?: boolean; check?: boolean }) => {
      const cfg = ctx.config().engine;
      const info: EngineInfo = await initEngine({ backend: cfg.backend, threads: cfg.threads || undefined });
      let check: { matMul: number[] } | undefined;
      if (opts.check) {
        const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]])));
        check = { matMul: Array.from(await y.data()) };
        y.dispose();
        if (check.matMul.join(',') !== '19,22,43,50') throw new Error(`backend ${info.backend} computed a wrong matMul: ${check.matMul}`);
      }
      const cpuList = cpus();
      const blas = torchBlas();
      const report = {
        choice: choiceReason(cfg.backend, info),
        ...(blas ? { blas: { ...blas, ...(blasWarning(blas) ? { warning: blasWarning(blas) } : {}) } } : {}),
        runtime: runtimeInfo(),
        platform: `${platform()}-${arch()}`,
        engine: info,
        cpu: { model: cpuList[0]?.model ?? 'unknown', cores: cpuList.length, features: cpuFeatures() },
        network: await networkReport(ctx.env, ctx.config().distributed),
        memory: { freeGiB: +(freemem() / 2 ** 30).toFixed(2), totalGiB: +(totalmem() / 2 ** 30).toFixed(2) },
        ...(check ? { check } : {}),
      };
      if (opts.json) { ctx.out(JSON.stringify(report, null, 2)); return; }
      ctx.out(`runtime   ${report.runtime.name} ${report.runtime.version} (${report.platform})`);
      ctx.out(formatEngineInfo(info));
      ctx.out(`choice    ${report.choice}`);
      if (blas) ctx.out(`blas      libtorch uses ${blas.name}${blas.path ? ` (${blas.path})` : ''}`);
      const warn = blas && blasWarning(blas);
      if (warn) ctx.err(`warning: ${warn}`);
      ctx.out(`cpu       ${report.cpu.model}, ${report.cpu.cores} cores, features: ${report.cpu.features.join(' ') || 'unknown'}`);
      ctx.out(`memory    ${report.memory.freeGiB} GiB free of ${report.memory.totalGiB} GiB`);
      ctx.out(formatNetworkReport(report.network));
      if (check) ctx.out(`check     matMul ok [${check.matMul.join(', ')}]`);
    });
};
