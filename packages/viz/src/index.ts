/**
 * @weatherlearn/viz — the plots radar scientists look at (RTP, fan, GRID vectors, convection
 * maps), training samples, GridRad crops and embeddings, loss curves, and the HTML run report.
 * SVG written in TypeScript, PNG through resvg. This index only re-exports.
 */
export * from './svg/svg.js';
export * from './color/colormap.js';
export * from './raster/png.js';
export * from './raster/rasterize.js';
export * from './plot/scale.js';
export * from './plot/axes.js';
export * from './plot/heatmap.js';
export * from './plot/panel.js';
export * from './plot/contour.js';
export * from './plot/format.js';
export * from './superdarn/params.js';
export * from './superdarn/geolocate.js';
export * from './superdarn/polar.js';
export * from './superdarn/scans.js';
export * from './superdarn/fan.js';
export * from './superdarn/rtp.js';
export * from './superdarn/magnetic.js';
export * from './superdarn/grid-vectors.js';
export * from './superdarn/potential.js';
export * from './superdarn/potential-grid.js';
export * from './superdarn/convection.js';
export * from './samples/channels.js';
export * from './gridrad/crop.js';
export * from './gridrad/pca.js';
export * from './training/curves.js';
export * from './report/run-dir.js';
export * from './report/report.js';
export * from './output.js';
export * from './raster/apng.js';
export * from './evaluation/scorecard.js';
