import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { svgToPng, type RasterOptions } from './raster/rasterize.js';

/**
 * Writes a plot atomically as `.svg` (the document) or `.png` (rasterised with resvg), chosen by
 * the file extension; other extensions are an error naming the path.
 */
export async function writePlot(path: string, svg: string, options: Partial<RasterOptions> = {}): Promise<void> {
  if (/\.svg$/i.test(path)) return writeFileAtomic(path, svg);
  if (/\.png$/i.test(path)) return writeFileAtomic(path, await svgToPng(svg, options));
  throw new Error(`${path}: output must end in .png or .svg`);
}
