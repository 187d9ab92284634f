import type { Pangu } from './pangu.js';

/** One row of {@link layerTable}. */
export interface LayerRow {
  name: string;
  kind: string;
  /** Token grid (pl, lat, lon) or image size the module works on. */
  grid: string;
  dim: string;
  params: number;
}

/** A summary of the model per top-level module, with parameter counts (works on meta builds). */
export function layerTable(m: Pangu): LayerRow[] {
  const info = m.parameterInfo();
  const count = (prefix: string) => info.filter((e) => e.name.startsWith(prefix + '.')).reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0);
  const c = m.config, g = m.geometry;
  const grid = (r: number[]) => r.join('×');
  const rows: LayerRow[] = [
    { name: 'patchembed2d', kind: 'PatchEmbed2D', grid: `${grid(c.gridSize)} → ${grid(g.tokens.slice(1))}`, dim: `${c.surfaceChans + c.surfaceMaskChans} → ${c.embedDim}`, params: count('patchembed2d') },
  ];
  if (m.patchembed3d) rows.push({ name: 'patchembed3d', kind: 'PatchEmbed3D', grid: `${c.upperLevels}×${grid(c.gridSize)} → ${g.upperTokens}×${grid(g.tokens.slice(1))}`, dim: `${c.upperChans} → ${c.embedDim}`, params: count('patchembed3d') });
  const layer = (n: 1 | 2 | 3 | 4) => {
    const l = [m.layer1, m.layer2, m.layer3, m.layer4][n - 1]!;
    const s = n === 1 || n === 4 ? g.stage1 : g.stage2;
    return { name: `layer${n}`, kind: `EarthSpecificLayer ×${l.blocks.length} (heads ${c.numHeads[n - 1]}, ${s.typeOfWindows} window types × ${s.numLonWindows} lon)`, grid: `${grid(s.resolution)} (pad ${grid(s.padResolution)})`, dim: String(l.o.dim), params: count(`layer${n}`) };
  };
  rows.push(layer(1));
  rows.push({ name: 'downsample', kind: 'DownSample', grid: `${grid(g.tokens)} → ${grid(g.tokensDown)}`, dim: `${c.embedDim} → ${2 * c.embedDim}`, params: count('downsample') });
  rows.push(layer(2), layer(3));
  rows.push({ name: 'upsample', kind: 'UpSample', grid: `${grid(g.tokensDown)} → ${grid(g.tokens)}`, dim: `${2 * c.embedDim} → ${c.embedDim}`, params: count('upsample') });
  rows.push(layer(4));
  const rin = c.embedDim * (1 + c.timeStep);
  rows.push({ name: 'patchrecovery2d', kind: 'PatchRecovery2D', grid: `${grid(g.tokens.slice(1))} → ${grid(c.gridSize)}`, dim: `${rin} → ${c.surfaceChans}`, params: count('patchrecovery2d') });
  if (m.patchrecovery3d) rows.push({ name: 'patchrecovery3d', kind: 'PatchRecovery3D', grid: `${g.upperTokens}×${grid(g.tokens.slice(1))} → ${c.upperLevels}×${grid(c.gridSize)}`, dim: `${rin} → ${c.upperChans}`, params: count('patchrecovery3d') });
  return rows;
}
