/**
 * The plotting module: figures as standalone SVG document strings, with no DOM or Node
 * dependency, so the browser playground and the Node command line draw the same figures.
 * Rasterising to PNG is Node-only and lives in src/node/png.ts.
 */
export { lineChart, type LineChartSpec, type LineSeries } from './line_chart.js';
export {
  decisionSurface, gridInputs,
  type DecisionSurfaceSpec, type Extent, type LabelledPoints, type RasterEncoder,
} from './decision_surface.js';
export { sideBySide, type SideBySideOptions } from './compose.js';
export type { LegendPlacement } from './legend.js';
export { CLASS_COLOURS, twoColourMap } from './colour_map.js';
export {
  PALETTE, SPACE_COLOURS, FONT_FAMILY, escapeXml, seriesColour, spaceColour,
} from './svg.js';
export { formatTick, linearTicks, logTicks, niceDomain, niceLogDomain, niceStep } from './ticks.js';
