import { existsSync } from 'node:fs';

/** Options of {@link svgToPng}. */
export interface RasterOptions {
  /** Output scale (2 = twice the SVG's pixel size). */
  scale: number;
  /** Font files to load; default: DejaVu Sans from the usual Debian/Ubuntu/Fedora/Homebrew paths. */
  fontFiles?: string[];
  /** Also load every system font (slower; used automatically when no DejaVu file is found). */
  loadSystemFonts?: boolean;
}

/** Defaults of {@link RasterOptions}. */
export const DEFAULT_RASTER_OPTIONS: RasterOptions = { scale: 1 };

/** Where DejaVu Sans usually lives (Debian's fonts-dejavu-core first). */
export const DEJAVU_PATHS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/local/share/fonts/DejaVuSans.ttf',
  '/opt/homebrew/share/fonts/DejaVuSans.ttf',
  '/Library/Fonts/DejaVuSans.ttf',
];

/** The DejaVu Sans files found on this machine (regular and bold), possibly none. */
export function findDejaVu(): string[] {
  const out: string[] = [];
  for (const p of DEJAVU_PATHS) {
    if (existsSync(p)) {
      out.push(p);
      const bold = p.replace(/DejaVuSans\.ttf$/, 'DejaVuSans-Bold.ttf');
      if (existsSync(bold)) out.push(bold);
      break;
    }
  }
  return out;
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: Promise<ResvgModule> | undefined;

async function loadResvg(): Promise<ResvgModule> {
  resvg ??= import('@resvg/resvg-js').catch((e: unknown) => {
    resvg = undefined;
    throw new Error(`svgToPng: @resvg/resvg-js could not be loaded on ${process.platform}-${process.arch} ` +
      `(its platform package may be missing; SVG output still works): ${(e as Error).message}`);
  });
  return resvg;
}

/**
 * Rasterises an SVG document to PNG bytes with resvg (a Rust renderer shipped as npm platform
 * packages: no download, no install script). Text uses DejaVu Sans when found, else system fonts.
 */
export async function svgToPng(svg: string, options: Partial<RasterOptions> = {}): Promise<Uint8Array> {
  const o = { ...DEFAULT_RASTER_OPTIONS, ...options };
  if (!(o.scale > 0 && o.scale <= 16)) throw new Error(`svgToPng: scale must be in (0, 16], got ${o.scale}`);
  const { Resvg } = await loadResvg();
  const fontFiles = o.fontFiles ?? findDejaVu();
  for (const f of fontFiles) if (!existsSync(f)) throw new Error(`svgToPng: font file not found: ${f}`);
  const r = new Resvg(svg, {
    fitTo: o.scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: o.scale },
    font: {
      fontFiles,
      loadSystemFonts: o.loadSystemFonts ?? fontFiles.length === 0,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    imageRendering: 1,
  });
  return new Uint8Array(r.render().asPng());
}
