import { ColorScale } from '../color/colormap.js';
import { Svg } from '../svg/svg.js';
import type { Box } from './axes.js';
import { heatmapDataUri } from './heatmap.js';
import { formatTick } from './scale.js';

/**
 * One image panel: a (height × width) grid of values drawn into `box` (aspect kept, centred),
 * a title above and a thin horizontal colour bar with its range below. NaN cells get `nanColor`
 * (default magenta, to flag bad values; forecasts pass grey for cells without a measurement). Returns the image box.
 */
export function drawImagePanel(
  svg: Svg, box: Box, values: ArrayLike<number>, height: number, width: number, scale: ColorScale, title: string,
  nanColor: readonly [number, number, number, number] = [255, 0, 255, 255],
): Box {
  const avail = { w: box.w, h: box.h - 44 };
  const k = Math.min(avail.w / width, avail.h / height);
  const img: Box = { x: box.x + (box.w - width * k) / 2, y: box.y + 18, w: width * k, h: height * k };
  svg.text(box.x + box.w / 2, box.y + 12, title, { anchor: 'middle', size: 12, weight: 'bold' });
  svg.group({ class: 'panel', 'data-title': title }, (g) => {
    g.image(img.x, img.y, img.w, img.h, heatmapDataUri(values, width, height, scale, undefined, nanColor));
    g.rect(img.x, img.y, img.w, img.h, { fill: 'none', stroke: '#333333' });
  });
  const bar = new Float64Array(128).map((_, i) => scale.vmin + ((i + 0.5) / 128) * (scale.vmax - scale.vmin));
  const by = img.y + img.h + 6;
  svg.image(img.x, by, img.w, 7, heatmapDataUri(bar, 128, 1, scale));
  svg.text(img.x, by + 18, formatTick(Number(scale.vmin.toPrecision(3))), { size: 10 });
  svg.text(img.x + img.w, by + 18, formatTick(Number(scale.vmax.toPrecision(3))), { size: 10, anchor: 'end' });
  return img;
}
