import { ColorScale } from '../color/colormap.js';
import { encodePng, pngDataUri } from '../raster/png.js';

/**
 * Colours a row-major grid of values (`height` rows × `width` columns, row 0 drawn at the top)
 * into a PNG data URI; NaN cells are transparent, or `nanColor` [r,g,b,a] when given.
 * `override(i)` may return a colour for cell i (e.g. grey for ground scatter).
 */
export function heatmapDataUri(
  values: ArrayLike<number>, width: number, height: number, scale: ColorScale,
  override?: (i: number) => readonly [number, number, number, number] | undefined,
  nanColor: readonly [number, number, number, number] = [0, 0, 0, 0],
): string {
  if (values.length !== width * height) throw new Error(`heatmap: ${values.length} values for a ${height}×${width} grid`);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const o = override?.(i);
    const c = o ?? (() => { const rgb = scale.rgb(values[i]!); return rgb ? [rgb[0], rgb[1], rgb[2], 255] as const : nanColor; })();
    data[i * 4] = c[0]; data[i * 4 + 1] = c[1]; data[i * 4 + 2] = c[2]; data[i * 4 + 3] = c[3];
  }
  return pngDataUri(encodePng({ width, height, data }));
}
