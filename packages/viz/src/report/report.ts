import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readSafetensorsWithMetadata, readTensorFile, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { escapeXml } from '../svg/svg.js';
import { plotChannels, plotForecast } from '../samples/channels.js';
import { plotCurves, readMetricsJsonl } from '../training/curves.js';
import { scanRunDir, type RunDirContents } from './run-dir.js';
import { findScorecards, scorecardSection } from './scorecard-section.js';

/** Options of {@link buildRunReport}. */
export interface ReportOptions {
  /** Page title (default: the run id or folder name). */
  title?: string;
  /** At most this many sample files are drawn. */
  maxSamples: number;
  /** Moment printed in the footer (tests pass a fixed one). */
  now?: Date;
}

/** Defaults of {@link ReportOptions}. */
export const DEFAULT_REPORT_OPTIONS: ReportOptions = { maxSamples: 8 };

const PRED = ['prediction', 'pred', 'y_hat', 'output', 'forecast'];
const TRUTH = ['truth', 'target', 'y', 'label', 'ground_truth'];

/**
 * Renders one tensor sample file as SVG: a prediction/truth pair → forecast rows (channel names and
 * units from the safetensors metadata `channels`/`units`, cells outside a `mask` tensor drawn as no
 * data); else every ≥2-D tensor's channels.
 */
export async function renderSampleFile(path: string): Promise<string[]> {
  const { tensors: dict, metadata } = /\.safetensors$/i.test(path)
    ? readSafetensorsWithMetadata(new Uint8Array(await readFile(path)), path) : { tensors: await readTensorFile(path), metadata: {} as Record<string, string> };
  const find = (names: string[]): Tensor | undefined => names.map((n) => dict[n]).find((t) => t !== undefined);
  const pred = find(PRED), truth = find(TRUTH);
  const list = (k: string) => (metadata[k] ? metadata[k]!.split(',') : undefined);
  const mask = dict.mask ? toFloat32(dict.mask) : undefined;
  if (pred && truth) {
    const names = list('channels'), units = list('units');
    return [plotForecast(pred, truth, { title: metadata.title ?? basename(path), ...(names ? { names } : {}), ...(units ? { units } : {}), ...(mask ? { mask } : {}) })];
  }
  const out: string[] = [];
  for (const [name, t] of Object.entries(dict)) {
    if (name === 'mask') continue;
    if (t.shape.length >= 2 && t.shape.length <= 4 && t.dtype !== 'bool') out.push(plotChannels(t, { title: `${basename(path)}: ${name}` }));
  }
  if (!out.length) throw new Error(`${path}: no (C, H, W) tensor or prediction/truth pair to draw (keys: ${Object.keys(dict).join(', ') || 'none'})`);
  return out;
}

function table(rows: [string, string][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`).join('')}</table>`;
}

function human(bytes: number): string {
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0, b = bytes;
  while (b >= 1024 && i < u.length - 1) { b /= 1024; i++; }
  return `${i ? b.toFixed(1) : b} ${u[i]}`;
}

const CSS = `body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:24px auto;max-width:1400px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}pre{background:#f7f7f7;padding:10px;overflow:auto;font-size:12px;max-height:480px}
figure{margin:12px 0}figcaption{font-size:12px;color:#555}.warn{color:#b2182b;font-size:13px}svg{max-width:100%;height:auto}`;

/**
 * One self-contained HTML page for a training run: run info, configuration, loss/metric curves
 * (inline SVG), sample predictions (inline SVG with data-URI images), checkpoint list and summary.
 * It references nothing outside itself, so it opens offline from disk. Problems with one part
 * (a bad sample file, a malformed metrics line) become warnings on the page, not failures.
 */
export async function buildRunReport(runDir: string, options: Partial<ReportOptions> = {}): Promise<{ html: string; warnings: string[]; contents: RunDirContents }> {
  const o = { ...DEFAULT_REPORT_OPTIONS, ...options };
  const c = scanRunDir(runDir);
  const warnings: string[] = [];
  const title = o.title ?? String(c.run?.name ?? c.run?.runId ?? basename(runDir));
  const parts: string[] = [`<h1>Training run: ${escapeXml(title)}</h1>`];
  if (c.run) parts.push(`<section id="run"><h2>Run</h2>${table(Object.entries(c.run).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))}</section>`);
  parts.push(`<section id="config"><h2>Configuration${c.configFile ? ` (${escapeXml(c.configFile)})` : ''}</h2>${
    c.config === undefined ? '<p>No config.json, hparams.json or config.yaml in the run folder.</p>'
      : `<pre>${escapeXml(typeof c.config === 'string' ? c.config : JSON.stringify(c.config, null, 2))}</pre>`}</section>`);
  let curves = '<p>No metrics.jsonl in the run folder.</p>';
  if (c.metricsFile) {
    try {
      const rows = await readMetricsJsonl(c.metricsFile);
      curves = `<p>${rows.length} logged steps.</p><figure id="curves-figure">${plotCurves(rows)}</figure>`;
    } catch (e) { warnings.push((e as Error).message); curves = `<p class="warn">${escapeXml((e as Error).message)}</p>`; }
  }
  parts.push(`<section id="curves"><h2>Loss and metrics</h2>${curves}</section>`);
  const figs: string[] = [];
  for (const rel of c.samples.slice(0, o.maxSamples)) {
    const path = join(runDir, rel);
    try {
      if (/\.png$/i.test(rel)) figs.push(`<img alt="${escapeXml(rel)}" src="data:image/png;base64,${readFileSync(path).toString('base64')}">`);
      else if (/\.svg$/i.test(rel)) figs.push(`<img alt="${escapeXml(rel)}" src="data:image/svg+xml;base64,${readFileSync(path).toString('base64')}">`);
      else figs.push(...(await renderSampleFile(path)));
      figs[figs.length - 1] = `<figure class="sample">${figs[figs.length - 1]}<figcaption>${escapeXml(rel)}</figcaption></figure>`;
    } catch (e) { warnings.push((e as Error).message); figs.push(`<p class="warn">${escapeXml(rel)}: ${escapeXml((e as Error).message)}</p>`); }
  }
  if (c.samples.length > o.maxSamples) figs.push(`<p>${c.samples.length - o.maxSamples} more sample file(s) not shown.</p>`);
  parts.push(`<section id="samples"><h2>Sample predictions</h2>${figs.join('\n') || '<p>No files in samples/.</p>'}</section>`);
  const cards: string[] = [];
  for (const rel of findScorecards(runDir)) {
    try { cards.push(scorecardSection(runDir, rel)); } catch (e) { warnings.push((e as Error).message); cards.push(`<p class="warn">${escapeXml((e as Error).message)}</p>`); }
  }
  if (cards.length) parts.push(`<section id="evaluation"><h2>Evaluation (scorecard)</h2>${cards.join('\n')}</section>`);
  parts.push(`<section id="checkpoints"><h2>Checkpoints</h2>${c.checkpoints.length
    ? `<table><tr><th>file</th><th>size</th><th>modified (UTC)</th></tr>${c.checkpoints.map((k) => `<tr><td>${escapeXml(k.path)}</td><td>${human(k.bytes)}</td><td>${k.modified.toISOString().slice(0, 19).replace('T', ' ')}</td></tr>`).join('')}</table>`
    : '<p>No checkpoint files (*.pt, *.pth, *.ckpt, *.safetensors).</p>'}</section>`);
  if (c.summary) parts.push(`<section id="summary"><h2>Summary</h2>${table(Object.entries(c.summary).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))}</section>`);
  if (warnings.length) parts.push(`<section id="warnings"><h2>Warnings</h2>${warnings.map((w) => `<p class="warn">${escapeXml(w)}</p>`).join('')}</section>`);
  parts.push(`<footer><p style="font-size:11px;color:#777">Generated by weatherlearn report at ${(o.now ?? new Date()).toISOString()}</p></footer>`);
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeXml(title)} — WeatherLearn run report</title><style>${CSS}</style></head>\n<body>\n${parts.join('\n')}\n</body></html>\n`;
  return { html, warnings, contents: c };
}

/** Builds the report and writes it atomically (default `RUN_DIR/report.html`); returns the path and warnings. */
export async function writeRunReport(runDir: string, out = join(runDir, 'report.html'), options: Partial<ReportOptions> = {}): Promise<{ path: string; warnings: string[] }> {
  const { html, warnings } = await buildRunReport(runDir, options);
  await writeFileAtomic(out, html);
  return { path: out, warnings };
}
