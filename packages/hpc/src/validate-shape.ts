import { JOB_SPEC_FIELDS, parseGpus } from './jobspec.js';
import { closest, type Problem } from './problem.js';
import { CONTROL_CHARS, isDirectiveSafe } from './quote.js';
import { parseWalltime } from './walltime.js';
import { parseArray } from './array.js';
import { CommandSyntaxError, splitCommand } from './command.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const err = (field: string, message: string, hint: string): Problem => ({ severity: 'error', field, message, hint });

/** Environment names the generated script sets itself. */
export const RESERVED_ENV = ['RANK', 'WORLD_SIZE', 'LOCAL_RANK', 'WL_SHARD', 'WL_ARRAY_INDEX', 'WL_JOB_ID'];

function directive(out: Problem[], o: Obj, field: string, what: string): void {
  const v = o[field];
  if (v === undefined) return;
  if (typeof v !== 'string' || v === '') out.push(err(field, `must be a non-empty string, got ${JSON.stringify(v)}`, `set "${field}" to ${what}`));
  else if (!isDirectiveSafe(v)) {
    out.push(err(field, `"${v}" has characters unsafe in a #SBATCH/#PBS line (spaces, quotes, $, #, …)`, `use only letters, digits and _@%+=:,./-`));
  }
}

function count(out: Problem[], o: Obj, field: string): void {
  const v = o[field];
  if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1_000_000)) {
    out.push(err(field, `must be a whole number ≥ 1, got ${JSON.stringify(v)}`, `e.g. "${field}": 1`));
  }
}

/** Type and syntax checks that need no profile; every problem is reported. */
export function shapeProblems(spec: unknown): Problem[] {
  const out: Problem[] = [];
  if (!isObj(spec)) return [err('(root)', 'a job spec must be a JSON object', 'see the JobSpec reference in packages/hpc/README.md')];
  for (const k of Object.keys(spec)) {
    if (!(JOB_SPEC_FIELDS as readonly string[]).includes(k)) {
      const near = closest(k, JOB_SPEC_FIELDS);
      out.push(err(k, 'unknown field', near ? `did you mean "${near}"?` : `known fields: ${JOB_SPEC_FIELDS.join(', ')}`));
    }
  }
  if (typeof spec.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,62}$/.test(spec.name)) {
    out.push(err('name', spec.name === undefined ? 'required' : `"${String(spec.name)}" is not a valid job name`,
      'start with a letter; letters, digits, _ . - only; at most 63 characters'));
  }
  directive(out, spec, 'account', 'your project, e.g. "MyProject"');
  directive(out, spec, 'partition', 'a partition/queue name');
  for (const f of ['nodes', 'tasksPerNode', 'cpusPerTask']) count(out, spec, f);
  if (spec.gpusPerNode !== undefined) {
    const g = typeof spec.gpusPerNode === 'number' || typeof spec.gpusPerNode === 'string' ? parseGpus(spec.gpusPerNode) : undefined;
    if (!g) out.push(err('gpusPerNode', `${JSON.stringify(spec.gpusPerNode)} is not valid GRES syntax`, 'a count (4) or "type:count" ("a100:4"); the "gpu:" prefix is added for you'));
  }
  if (spec.memory !== undefined && (typeof spec.memory !== 'string' || !/^[1-9]\d*[KMGT]?B?$/i.test(spec.memory))) {
    out.push(err('memory', `${JSON.stringify(spec.memory)} is not a memory size`, 'a whole number with K, M, G or T, e.g. "64G"'));
  }
  if (spec.walltime === undefined) out.push(err('walltime', 'required', 'e.g. "walltime": "01:00:00" (HH:MM:SS)'));
  else if (typeof spec.walltime !== 'string' || !parseWalltime(spec.walltime)) {
    out.push(err('walltime', `${JSON.stringify(spec.walltime)} is not HH:MM:SS`, 'e.g. "00:30:00", "24:00:00", "72:00:00" (minutes and seconds < 60, not zero)'));
  }
  if (spec.array !== undefined) {
    if (typeof spec.array !== 'string') out.push(err('array', 'must be a string', 'e.g. "0-3"'));
    else try { parseArray(spec.array); } catch (e) { out.push(err('array', (e as Error).message, 'e.g. "0-3" or "0-15%4"')); }
  }
  for (const f of ['output', 'error']) directive(out, spec, f, 'a path without spaces');
  if (spec.env !== undefined) {
    if (!isObj(spec.env)) out.push(err('env', 'must be an object of NAME: "value"', '{"OMP_NUM_THREADS": "8"}'));
    else for (const [k, v] of Object.entries(spec.env)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) out.push(err(`env.${k}`, 'not a valid variable name', 'letters, digits, _; not starting with a digit'));
      else if (RESERVED_ENV.includes(k)) out.push(err(`env.${k}`, 'is set by the generated launch line', `remove it; ${k} comes from the scheduler`));
      if (typeof v !== 'string') out.push(err(`env.${k}`, `value must be a string, got ${JSON.stringify(v)}`, `write "${String(v)}" in quotes`));
      else if (CONTROL_CHARS.test(v)) out.push(err(`env.${k}`, 'value holds control characters', 'remove newlines/control characters'));
    }
  }
  if (spec.modules !== undefined) {
    if (!Array.isArray(spec.modules)) out.push(err('modules', 'must be a list', '["cuda/12.2", "apptainer"]'));
    else spec.modules.forEach((m, i) => {
      if (typeof m !== 'string' || !/^[A-Za-z0-9_.+/-]+$/.test(m)) out.push(err(`modules[${i}]`, `${JSON.stringify(m)} is not a module name`, 'e.g. "cuda/12.2"'));
    });
  }
  containerProblems(out, spec.container);
  commandProblems(out, spec.command);
  if (spec.requeue !== undefined && typeof spec.requeue !== 'boolean') out.push(err('requeue', 'must be true or false', '"requeue": true'));
  const s = spec.signalBeforeTimeout;
  if (s !== undefined && s !== false && !(typeof s === 'number' && Number.isInteger(s) && s >= 0)) {
    out.push(err('signalBeforeTimeout', `${JSON.stringify(s)} is not a number of seconds`, 'e.g. 90, or false to disable'));
  }
  if (spec.filesystems !== undefined && (!Array.isArray(spec.filesystems) || !spec.filesystems.every((f) => typeof f === 'string' && /^[a-z0-9_]+$/.test(f)))) {
    out.push(err('filesystems', 'must be a list of file-system names', '["home", "grand"]'));
  }
  return out;
}

function containerProblems(out: Problem[], c: unknown): void {
  if (c === undefined) return;
  if (!isObj(c)) { out.push(err('container', 'must be an object', '{"image": "weatherlearn.sif", "binds": ["/data:/data"]}')); return; }
  for (const k of Object.keys(c)) if (!['image', 'binds', 'runtime'].includes(k)) out.push(err(`container.${k}`, 'unknown field', 'container has image, binds, runtime'));
  if (typeof c.image !== 'string' || !/^[A-Za-z0-9_@+=:,./-]+$/.test(c.image)) {
    out.push(err('container.image', c.image === undefined ? 'required' : `${JSON.stringify(c.image)} is not an image path/reference`, 'a .sif path, docker://… URI or image:tag without spaces'));
  }
  if (c.runtime !== undefined && c.runtime !== 'apptainer' && c.runtime !== 'docker') {
    out.push(err('container.runtime', `${JSON.stringify(c.runtime)} is not supported`, '"apptainer" or "docker"'));
  }
  if (c.binds !== undefined) {
    if (!Array.isArray(c.binds)) out.push(err('container.binds', 'must be a list', '["/grand/proj/data:/data"]'));
    else c.binds.forEach((b, i) => {
      if (typeof b !== 'string' || !/^\/[^:\s'"$`\\]*:\/[^:\s'"$`\\]*(?::(ro|rw))?$/.test(b)) {
        out.push(err(`container.binds[${i}]`, `${JSON.stringify(b)} is not "host:container[:ro]"`, 'absolute paths without spaces, e.g. "/grand/p/data:/data:ro"'));
      }
    });
  }
}

function commandProblems(out: Problem[], cmd: unknown): void {
  if (cmd === undefined) { out.push(err('command', 'required', '["weatherlearn", "train", "pangu", "--config", "run.json"]')); return; }
  if (typeof cmd === 'string') {
    try {
      if (splitCommand(cmd).length === 0) out.push(err('command', 'is empty', 'give the program and its arguments'));
    } catch (e) {
      const off = e instanceof CommandSyntaxError ? e.offset : 0;
      out.push(err('command', `${(e as Error).message} in ${JSON.stringify(cmd.slice(Math.max(0, off - 10), off + 10))}`, 'use an array of words: every word is quoted, nothing expands'));
    }
  } else if (!Array.isArray(cmd) || cmd.length === 0 || !cmd.every((w) => typeof w === 'string')) {
    out.push(err('command', 'must be a string or a non-empty list of strings', '["weatherlearn", "gridrad", "preprocess", "--input", "/data"]'));
  } else {
    if (cmd[0] === '') out.push(err('command[0]', 'program name is empty', 'e.g. "weatherlearn"'));
    cmd.forEach((w, i) => { if ((w as string).includes('\0')) out.push(err(`command[${i}]`, 'holds a NUL byte', 'remove it')); });
  }
}
