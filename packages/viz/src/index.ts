/**
 * @weatherlearn/viz — the plots radar scientists look at (RTP, fan, GRID vectors, convection
 * maps), training samples, GridRad crops and embeddings, loss curves, and the HTML run report.
 * SVG written in TypeScript, PNG through resvg. This index only re-exports.
 */
// Drawing: SVG, colour maps, PNG / APNG raster output.
export { Svg } from './svg/svg.js';
export type { Style, TextStyle } from './svg/svg.js';
export { COLORMAPS, ColorScale } from './color/colormap.js';
export type { ColormapName, Rgb } from './color/colormap.js';
export { encodePng, decodePng, pixelAt } from './raster/png.js';
export type { RgbaImage } from './raster/png.js';
export { svgToPng } from './raster/rasterize.js';
export type { RasterOptions } from './raster/rasterize.js';
export { encodeApng } from './raster/apng.js';
export type { ApngOptions } from './raster/apng.js';
export { writePlot } from './output.js';

// Plot parts: scales, axes, colour bars, contours.
export { LinearScale } from './plot/scale.js';
export { drawAxes, drawColorbar } from './plot/axes.js';
export type { Box, AxesOptions } from './plot/axes.js';
export { marchingSquares, joinSegments } from './plot/contour.js';
export type { Segment } from './plot/contour.js';

// SuperDARN plots: fan, RTP, GRID vectors, convection maps.
export { checkParameter } from './superdarn/params.js';
export type { FitParameter } from './superdarn/params.js';
export { KNOWN_RADAR_SITES } from './superdarn/geolocate.js';
export { PolarProjection } from './superdarn/polar.js';
export { splitScans } from './superdarn/scans.js';
export { plotFan } from './superdarn/fan.js';
export type { FanOptions, FanPlot } from './superdarn/fan.js';
export { plotRtp } from './superdarn/rtp.js';
export type { RtpOptions } from './superdarn/rtp.js';
export { plotGridVectors } from './superdarn/grid-vectors.js';
export type { GridVectorOptions } from './superdarn/grid-vectors.js';
export { plotConvectionMap } from './superdarn/convection.js';
export type { ConvectionOptions, ConvectionPlot } from './superdarn/convection.js';

// Training samples and forecasts.
export { channelUnit, plotChannels, plotForecast } from './samples/channels.js';
export type { SampleOptions } from './samples/channels.js';

// GridRad crops, rejected slices and embedding PCA.
export { plotCropPatches, plotRejectedSlices } from './gridrad/crop.js';
export type { CropOptions, RejectedSlice } from './gridrad/crop.js';
export { pca2, plotPca } from './gridrad/pca.js';
export type { Pca2 } from './gridrad/pca.js';

// Loss curves and the HTML run report.
export { parseMetricsJsonl, readMetricsJsonl, plotCurves } from './training/curves.js';
export type { MetricRow, CurveOptions } from './training/curves.js';
export type { CheckpointInfo, RunDirContents } from './report/run-dir.js';
export { buildRunReport, writeRunReport } from './report/report.js';
export type { ReportOptions } from './report/report.js';

// Evaluation scorecards and lead curves.
export { plotScorecard, plotLeadCurves } from './evaluation/scorecard.js';
export type { ScorecardRowLike, ScorecardPlotOptions } from './evaluation/scorecard.js';
