import { Option } from 'commander';
import { stat } from 'node:fs/promises';
import {
  asStateDict, flattenPtValue, formatFromBytes, formatFromPath, readPt, readTensorFile, selectPtValue, withFileSource, writeTensorFile,
  type PtValue, type Tensor, type TensorFormat,
} from '@weatherlearn/tensor-io';
import type { RegisterCommand } from './types.js';

const FORMATS: TensorFormat[] = ['npy', 'npz', 'pt', 'safetensors'];

/** Options of `weatherlearn convert`. */
export interface ConvertOptions {
  from?: TensorFormat;
  to?: TensorFormat;
  compress?: boolean;
  meta: string[];
  select?: string;
}

/**
 * The tensors of a .pt file: a state dict as is (a `state_dict`/`model` wrapper unwrapped), any
 * other nesting (a training checkpoint) flattened to dotted names as `inspect` lists them, after
 * `--select PATH` picked a sub-value. Non-tensor leaves come back apart, by dotted name.
 */
export async function readPtTensors(path: string, select?: string): Promise<{ tensors: Record<string, Tensor>; leaves: Record<string, string> }> {
  const value: PtValue = withFileSource(path, (src) => readPt(src, path));
  const picked = select ? selectPtValue(value, select, path) : value;
  if (!select) {
    try { return { tensors: asStateDict(picked, path), leaves: {} }; } catch { /* not a state dict: flatten below */ }
  }
  const flat = flattenPtValue(picked, path);
  const leaves = Object.fromEntries(Object.entries(flat.leaves).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(typeof v === 'bigint' ? String(v) : v)]));
  return { tensors: flat.tensors, leaves };
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
    .option('--select <path>', '.pt input: convert only this sub-dict (dotted path, e.g. teacher or teacher.backbone)')
    .option('--meta <key=value>', 'add a __metadata__ entry to a .safetensors output (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .addHelpText('after', `
Examples:
  weatherlearn convert weights.pt weights.safetensors
  weatherlearn convert arrays.npz arrays.pt
  weatherlearn convert grid.npy grid.npz --compress
  weatherlearn convert checkpoint.pth ckpt.safetensors              # nested: teacher.backbone.…, lists as .0, .1
  weatherlearn convert checkpoint.pth teacher.safetensors --select teacher

A nested .pt (a training checkpoint such as DINO's {student, teacher, optimizer, epoch}) converts
with the dotted names \`inspect\` lists; its non-tensor values (epoch, learning rates, …) go to the
__metadata__ of a .safetensors output (as JSON) and are an error for the other formats (use
--select to pick a sub-dict of tensors).

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
      const from = opts.from ?? formatFromPath(input) ?? withFileSource(input, (src) => formatFromBytes(src.read(0, Math.min(src.size, 4096))));
      if (opts.select && from !== 'pt') throw new Error(`--select applies to .pt input only (input format is ${from ?? 'unknown'})`);
      let dict: Record<string, Tensor>;
      if (from === 'pt') {
        const { tensors, leaves } = await readPtTensors(input, opts.select);
        const names = Object.keys(leaves);
        if (names.length && to !== 'safetensors') {
          throw new Error(`'${input}' holds non-tensor values (${names.slice(0, 8).join(', ')}${names.length > 8 ? `, … ${names.length} in all` : ''}) that ${to} cannot store: write .safetensors (they go to __metadata__) or --select a sub-dict of tensors`);
        }
        for (const [k, v] of Object.entries(leaves)) if (!(k in metadata)) metadata[k] = v;
        dict = tensors;
      } else {
        dict = await readTensorFile(input, from);
      }
      const n = Object.keys(dict).length;
      if (n === 0) throw new Error(`'${input}' holds no tensors; nothing to convert`);
      await writeTensorFile(output, dict, { format: to, compress: opts.compress, ...(to === 'safetensors' ? { metadata } : {}) });
      const { size } = await stat(output);
      ctx.out(`wrote ${output} (${to}, ${n} tensor${n === 1 ? '' : 's'}, ${size} bytes)`);
    });
};
