import { Option } from 'commander';
import { stat } from 'node:fs/promises';
import { formatFromPath, readTensorFile, writeTensorFile, type TensorFormat } from '@weatherlearn/tensor-io';
import type { RegisterCommand } from './types.js';

const FORMATS: TensorFormat[] = ['npy', 'npz', 'pt', 'safetensors'];

/** Options of `weatherlearn convert`. */
export interface ConvertOptions {
  from?: TensorFormat;
  to?: TensorFormat;
  compress?: boolean;
  meta: string[];
}

/**
 * `weatherlearn convert IN OUT`: converts a dict of tensors between .npy, .npz, .pt and
 * .safetensors (formats from the extensions, or `--from` / `--to`).
 */
export const registerConvert: RegisterCommand = (program, ctx) => {
  program
    .command('convert')
    .description('convert tensors between .npy, .npz, .pt (state dict) and .safetensors')
    .argument('<in>', 'input file (.npy, .npz, .pt/.pth, .safetensors)')
    .argument('<out>', 'output file; its extension picks the format unless --to is given')
    .addOption(new Option('--from <format>', 'input format, when the extension does not say').choices(FORMATS))
    .addOption(new Option('--to <format>', 'output format, when the extension does not say').choices(FORMATS))
    .option('--compress', 'deflate .npz entries (like np.savez_compressed)')
    .option('--meta <key=value>', 'add a __metadata__ entry to a .safetensors output (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .addHelpText('after', `
Examples:
  weatherlearn convert weights.pt weights.safetensors
  weatherlearn convert arrays.npz arrays.pt
  weatherlearn convert grid.npy grid.npz --compress

A .npy file holds one tensor: as input it becomes { <file stem>: tensor }, as output the input
must hold exactly one tensor. bfloat16 tensors can not be written to .npy/.npz (numpy has no such
dtype), and uint16/32/64 tensors can not be written to .pt (torch < 2.3 has no such dtype).`)
    .action(async (input: string, output: string, opts: ConvertOptions) => {
      const to = opts.to ?? formatFromPath(output);
      if (!to) throw new Error(`cannot tell the output format of '${output}': use a .npy, .npz, .pt or .safetensors extension, or --to <format>`);
      if (opts.compress && to !== 'npz') throw new Error(`--compress applies to .npz output only (output format is ${to})`);
      if (opts.meta.length && to !== 'safetensors') throw new Error(`--meta applies to .safetensors output only (output format is ${to})`);
      const metadata: Record<string, string> = {};
      for (const kv of opts.meta) {
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new Error(`--meta expects key=value, got '${kv}'`);
        metadata[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      const dict = await readTensorFile(input, opts.from);
      const n = Object.keys(dict).length;
      if (n === 0) throw new Error(`'${input}' holds no tensors; nothing to convert`);
      await writeTensorFile(output, dict, { format: to, compress: opts.compress, metadata });
      const { size } = await stat(output);
      ctx.out(`wrote ${output} (${to}, ${n} tensor${n === 1 ? '' : 's'}, ${size} bytes)`);
    });
};
