// Port of dariodematties/gridrad/dataset/utils.py:plot_2d_variables, plot_crop_and_patches
import { toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { ColorScale, finiteRange, type ColormapName } from '../color/colormap.js';
import { drawImagePanel } from '../plot/panel.js';
import { chwShape } from '../samples/channels.js';
import { Svg } from '../svg/svg.js';

/** Options of {@link plotCropPatches}. */
export interface CropOptions {
  channel: number;
  /** Patches per side (the original cuts a 2048² crop into 8×8 patches of 256²). */
  grid: number;
  cmap: ColormapName;
  size: number;
  title?: string;
  /** Colour range; default: the finite min/max. */
  range?: [number, number];
}

/** Defaults of {@link CropOptions}. */
export const DEFAULT_CROP_OPTIONS: CropOptions = { channel: 0, grid: 8, cmap: 'cividis', size: 640 };

/** A GridRad/GOES crop (one channel of a (C, H, W) crop) with its patch grid and (row, col) labels. */
export function plotCropPatches(crop: Tensor, options: Partial<CropOptions> = {}): string {
  const o = { ...DEFAULT_CROP_OPTIONS, ...options };
  const [C, H, W] = chwShape(crop, 'plotCropPatches');
  if (!(Number.isInteger(o.channel) && o.channel >= 0 && o.channel < C)) throw new Error(`plotCropPatches: channel ${o.channel} out of range (crop has ${C})`);
  if (!(Number.isInteger(o.grid) && o.grid >= 1 && H % o.grid === 0 && W % o.grid === 0)) {
    throw new Error(`plotCropPatches: a ${H}×${W} crop does not split into ${o.grid}×${o.grid} equal patches`);
  }
  const v = toFloat32(crop).subarray(o.channel * H * W, (o.channel + 1) * H * W);
  const svg = new Svg(o.size + 40, o.size + 90);
  const scale = new ColorScale(o.cmap, ...(o.range ?? finiteRange(v)));
  const img = drawImagePanel(svg, { x: 20, y: 24, w: o.size, h: o.size + 44 }, v, H, W, scale,
    o.title ?? `crop channel ${o.channel} (${H}×${W}), ${o.grid}×${o.grid} patches of ${H / o.grid}×${W / o.grid}`);
  svg.group({ class: 'patch-grid' }, (g) => {
    for (let i = 1; i < o.grid; i++) {
      const x = img.x + (i * img.w) / o.grid, y = img.y + (i * img.h) / o.grid;
      g.line(x, img.y, x, img.y + img.h, { stroke: 'white', strokeWidth: 2 });
      g.line(img.x, y, img.x + img.w, y, { stroke: 'white', strokeWidth: 2 });
    }
    for (let i = 0; i < o.grid; i++) for (let j = 0; j < o.grid; j++) {
      g.text(img.x + (j * img.w) / o.grid + 3, img.y + (i * img.h) / o.grid + 12, `${i},${j}`, { size: 10, fill: 'white', stroke: 'black', strokeWidth: 0.7, attrs: { 'paint-order': 'stroke' } });
    }
  });
  return svg.toString();
}

/** One slice the outlier filter rejected, with its reason. */
export interface RejectedSlice {
  /** (H, W) or (1, H, W) values. */
  slice: Tensor;
  reason: string;
  /** Label shown above (file or index). */
  name: string;
}

/** Thumbnails of rejected slices (up to `max`), each titled by its name with the reason below. */
export function plotRejectedSlices(items: readonly RejectedSlice[], options: { columns?: number; panel?: number; max?: number; cmap?: ColormapName } = {}): string {
  const cols = options.columns ?? 4, panel = options.panel ?? 200, max = options.max ?? 24;
  const shown = items.slice(0, max);
  if (!shown.length) {
    return new Svg(420, 60).text(210, 35, 'no rejected slices', { anchor: 'middle', size: 14 }).toString();
  }
  const rows = Math.ceil(shown.length / cols), cellH = panel + 56;
  const svg = new Svg(Math.min(cols, shown.length) * (panel + 16) + 16, rows * cellH + 40);
  svg.text(svg.width / 2, 22, `${items.length} rejected slice(s)${items.length > max ? `, first ${max} shown` : ''}`, { anchor: 'middle', size: 15, weight: 'bold' });
  shown.forEach((it, k) => {
    const [C, H, W] = chwShape(it.slice, `rejected slice ${it.name}`);
    const v = toFloat32(it.slice).subarray(0, H * W);
    const x = 16 + (k % cols) * (panel + 16), y = 34 + Math.floor(k / cols) * cellH;
    drawImagePanel(svg, { x, y, w: panel, h: panel + 20 }, v, H, W, new ColorScale(options.cmap ?? 'cividis', ...finiteRange(v)), `${it.name}${C > 1 ? ' (ch 0)' : ''}`);
    const words = it.reason.split(/\s+/);
    const lines: string[] = [''];
    for (const w of words) { if ((lines[lines.length - 1]! + ' ' + w).length > panel / 6.3) lines.push(w); else lines[lines.length - 1] = `${lines[lines.length - 1]} ${w}`.trim(); }
    lines.slice(0, 3).forEach((l, i) => svg.text(x + panel / 2, y + panel + 34 + i * 12, l, { size: 10, anchor: 'middle', fill: '#b2182b', attrs: { class: 'reason' } }));
  });
  return svg.toString();
}
