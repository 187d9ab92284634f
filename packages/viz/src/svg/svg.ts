/** Common presentation attributes of scene elements (SVG names, camelCase accepted for dashes). */
export interface Style {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  opacity?: number;
  fillOpacity?: number;
  strokeDasharray?: string;
  /** Free-form extra attributes written as they are (values are escaped). */
  attrs?: Record<string, string | number>;
}

/** Text options: anchor, size (px), weight, rotation (degrees, about the anchor point). */
export interface TextStyle extends Style {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'normal' | 'bold';
  rotate?: number;
  /** Vertical alignment relative to y: 'baseline' (default), 'middle' or 'hanging'. */
  baseline?: 'baseline' | 'middle' | 'hanging';
}

/** The font family every text element uses (DejaVu Sans is what the rasteriser loads). */
export const FONT_FAMILY = 'DejaVu Sans, Verdana, Arial, sans-serif';

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Formats a coordinate compactly (at most 2 decimals, no trailing zeros, finite only). */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`svg: non-finite coordinate ${n}`);
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

const NAMES: Record<string, string> = {
  strokeWidth: 'stroke-width', fillOpacity: 'fill-opacity', strokeDasharray: 'stroke-dasharray',
};

function styleAttrs(s: Style | undefined): string {
  if (!s) return '';
  let out = '';
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined || k === 'attrs' || k === 'anchor' || k === 'size' || k === 'weight' || k === 'rotate' || k === 'baseline') continue;
    out += ` ${NAMES[k] ?? k}="${escapeXml(String(v))}"`;
  }
  for (const [k, v] of Object.entries(s.attrs ?? {})) out += ` ${k}="${escapeXml(String(v))}"`;
  return out;
}

/**
 * A small retained-mode scene that writes SVG 1.1: rectangles, lines, polylines, polygons,
 * circles, text, embedded raster images (data URIs), groups with clip rectangles. Every plot in
 * this package draws into one of these; {@link Svg.toString} gives the document.
 */
let documents = 0;

export class Svg {
  private readonly parts: string[] = [];
  private clipId = 0;
  /** Prefix of this document's ids, unique in the process so several SVGs can share one HTML page. */
  private readonly idPrefix = `wl${(documents++).toString(36)}`;

  /** @param width document width in px; @param height document height in px; @param background fill (none: transparent) */
  constructor(readonly width: number, readonly height: number, background: string | null = 'white') {
    if (!(width > 0 && height > 0)) throw new Error(`svg: size must be positive, got ${width}×${height}`);
    if (background) this.rect(0, 0, width, height, { fill: background });
  }

  /** Axis-aligned rectangle. */
  rect(x: number, y: number, w: number, h: number, style: Style = {}): this {
    this.parts.push(`<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(Math.max(0, w))}" height="${fmt(Math.max(0, h))}"${styleAttrs(style)}/>`);
    return this;
  }

  /** Straight line segment. */
  line(x1: number, y1: number, x2: number, y2: number, style: Style = { stroke: 'black' }): this {
    this.parts.push(`<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}"${styleAttrs(style)}/>`);
    return this;
  }

  /** Open polyline through the points (skipped when it has fewer than 2). */
  polyline(points: ReadonlyArray<readonly [number, number]>, style: Style = { stroke: 'black', fill: 'none' }): this {
    if (points.length < 2) return this;
    this.parts.push(`<polyline points="${points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(' ')}"${styleAttrs({ fill: 'none', ...style })}/>`);
    return this;
  }

  /** Closed polygon (skipped when it has fewer than 3 points). */
  polygon(points: ReadonlyArray<readonly [number, number]>, style: Style = { fill: 'black' }): this {
    if (points.length < 3) return this;
    this.parts.push(`<polygon points="${points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(' ')}"${styleAttrs(style)}/>`);
    return this;
  }

  /** A path from SVG path data (`M x y L x y …`). */
  path(d: string, style: Style = { stroke: 'black', fill: 'none' }): this {
    if (d) this.parts.push(`<path d="${escapeXml(d)}"${styleAttrs({ fill: 'none', ...style })}/>`);
    return this;
  }

  /** Circle. */
  circle(cx: number, cy: number, r: number, style: Style = { fill: 'black' }): this {
    this.parts.push(`<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(r)}"${styleAttrs(style)}/>`);
    return this;
  }

  /** A text label at (x, y). */
  text(x: number, y: number, content: string, style: TextStyle = {}): this {
    const size = style.size ?? 12;
    const rot = style.rotate ? ` transform="rotate(${fmt(style.rotate)} ${fmt(x)} ${fmt(y)})"` : '';
    const base = style.baseline === 'middle' ? ' dominant-baseline="central"' : style.baseline === 'hanging' ? ' dominant-baseline="hanging"' : '';
    this.parts.push(
      `<text x="${fmt(x)}" y="${fmt(y)}" font-family="${FONT_FAMILY}" font-size="${fmt(size)}"` +
      `${style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : ''}${style.weight === 'bold' ? ' font-weight="bold"' : ''}` +
      `${base}${rot}${styleAttrs({ fill: 'black', ...style })}>${escapeXml(content)}</text>`,
    );
    return this;
  }

  /** An embedded raster image (e.g. a PNG data URI), scaled to the box without smoothing. */
  image(x: number, y: number, w: number, h: number, href: string, smooth = false): this {
    this.parts.push(
      `<image x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" preserveAspectRatio="none"` +
      `${smooth ? '' : ' image-rendering="optimizeSpeed" style="image-rendering:pixelated"'} href="${escapeXml(href)}" xlink:href="${escapeXml(href)}"/>`,
    );
    return this;
  }

  /** Draws `fn`'s elements clipped to a rectangle. */
  clipped(x: number, y: number, w: number, h: number, fn: (s: this) => void): this {
    const id = `${this.idPrefix}c${this.clipId++}`;
    this.parts.push(`<clipPath id="${id}"><rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}"/></clipPath><g clip-path="url(#${id})">`);
    fn(this);
    this.parts.push('</g>');
    return this;
  }

  /** Groups `fn`'s elements under a `<g>` with attributes (e.g. a class or data-* for tests). */
  group(attrs: Record<string, string | number>, fn: (s: this) => void): this {
    this.parts.push(`<g${styleAttrs({ attrs })}>`);
    fn(this);
    this.parts.push('</g>');
    return this;
  }

  /** The SVG document text. */
  toString(): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${fmt(this.width)}" height="${fmt(this.height)}" ` +
      `viewBox="0 0 ${fmt(this.width)} ${fmt(this.height)}">\n${this.parts.join('\n')}\n</svg>\n`;
  }
}
