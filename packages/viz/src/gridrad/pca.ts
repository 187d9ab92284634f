// Port of dariodematties/gridrad/Hierarchical_Pretraining/utils.py:PCA
import { toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { ColorScale, colormapTable, finiteRange, rgbHex } from '../color/colormap.js';
import { boxScales, drawAxes, drawColorbar, type Box } from '../plot/axes.js';
import { Svg } from '../svg/svg.js';

/** A 2-D PCA projection: coordinates (N×2) and the variance fraction each axis explains. */
export interface Pca2 { x: Float64Array; y: Float64Array; explained: [number, number] }

/**
 * Projects N embeddings of dimension D onto their first two principal components (centred;
 * power iteration with deflation on the D×D covariance, deterministic start). Signs are fixed so
 * that the largest-magnitude loading of each component is positive.
 */
export function pca2(data: Float32Array | Float64Array, n: number, d: number): Pca2 {
  if (data.length !== n * d || n < 2 || d < 1) throw new Error(`pca2: need N ≥ 2 rows of D values, got ${data.length} values for N=${n}, D=${d}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]! / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = data[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) { const ra = row[a]!; if (ra === 0) continue; for (let b = a; b < d; b++) cov[a * d + b]! += ra * row[b]!; }
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) { cov[a * d + b]! /= n - 1; cov[b * d + a] = cov[a * d + b]!; }
  let total = 0;
  for (let a = 0; a < d; a++) total += cov[a * d + a]!;
  const comps: Float64Array[] = [], vals: number[] = [];
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 + ((j * 7919) % 13) / 13);
    let lambda = 0;
    for (let it = 0; it < 500; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) { let s = 0; for (let b = 0; b < d; b++) s += cov[a * d + b]! * v[b]!; w[a] = s; }
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      for (let a = 0; a < d; a++) w[a]! /= norm;
      const delta = Math.hypot(...w.map((x, a) => x - v[a]!));
      v = w; lambda = norm;
      if (delta < 1e-12) break;
    }
    let big = 0;
    for (let a = 0; a < d; a++) if (Math.abs(v[a]!) > Math.abs(v[big]!)) big = a;
    if (v[big]! < 0) v = v.map((x) => -x);
    comps.push(v); vals.push(lambda);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b]! -= lambda * v[a]! * v[b]!;
  }
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sx = 0, sy = 0;
    for (let j = 0; j < d; j++) { const c = data[i * d + j]! - mean[j]!; sx += c * comps[0]![j]!; sy += c * comps[1]![j]!; }
    x[i] = sx; y[i] = sy;
  }
  return { x, y, explained: [total ? vals[0]! / total : 0, total ? vals[1]! / total : 0] };
}

/**
 * Scatter of the 2-D PCA of (N, D) embeddings coloured by a label: numbers → viridis with a colour
 * bar (a statistic such as the slice mean), strings → one colour per category with a legend.
 */
export function plotPca(embeddings: Tensor, labels: readonly (number | string)[], options: { title?: string; labelName?: string; width?: number; height?: number } = {}): { svg: string; pca: Pca2 } {
  if (embeddings.shape.length !== 2) throw new Error(`plotPca: embeddings must be (N, D), got (${embeddings.shape.join(', ')})`);
  const [n, d] = embeddings.shape as [number, number];
  if (labels.length !== n) throw new Error(`plotPca: ${labels.length} labels for ${n} embeddings`);
  const pca = pca2(toFloat32(embeddings), n, d);
  const W = options.width ?? 760, H = options.height ?? 560;
  const svg = new Svg(W, H);
  const box: Box = { x: 80, y: 44, w: W - 260, h: H - 110 };
  const pad = (r: [number, number]): [number, number] => { const m = (r[1] - r[0]) * 0.05; return [r[0] - m, r[1] + m]; };
  const { sx, sy } = boxScales(box, pad(finiteRange(pca.x)), pad(finiteRange(pca.y)));
  drawAxes(svg, box, sx, sy, {
    title: options.title ?? `PCA of ${n} embeddings (D = ${d})`, grid: true,
    xlabel: `PC1 (${(pca.explained[0] * 100).toFixed(1)}% of variance)`, ylabel: `PC2 (${(pca.explained[1] * 100).toFixed(1)}%)`,
  });
  const numeric = labels.every((l) => typeof l === 'number');
  let colour: (i: number) => string;
  if (numeric) {
    const scale = new ColorScale('viridis', ...finiteRange(labels as number[]));
    colour = (i) => scale.hex(labels[i] as number);
    drawColorbar(svg, { x: box.x + box.w + 24, y: box.y, w: 16, h: box.h }, scale, options.labelName ?? 'label');
  } else {
    const cats = [...new Set(labels.map(String))];
    const table = colormapTable('viridis');
    const pick = (k: number): string => { const t = Math.round(((k + 0.5) / cats.length) * 255); return rgbHex([table[t * 3]!, table[t * 3 + 1]!, table[t * 3 + 2]!]); };
    colour = (i) => pick(cats.indexOf(String(labels[i])));
    svg.text(box.x + box.w + 20, box.y + 10, options.labelName ?? 'label', { size: 12, weight: 'bold' });
    cats.slice(0, 20).forEach((c, k) => {
      svg.circle(box.x + box.w + 26, box.y + 30 + k * 18, 5, { fill: pick(k) });
      svg.text(box.x + box.w + 36, box.y + 34 + k * 18, c.slice(0, 24), { size: 11 });
    });
  }
  svg.group({ class: 'points' }, (g) => { for (let i = 0; i < n; i++) g.circle(sx.map(pca.x[i]!), sy.map(pca.y[i]!), 3.5, { fill: colour(i), fillOpacity: 0.85 }); });
  return { svg: svg.toString(), pca };
}
