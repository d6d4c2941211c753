/**
 * The playground's one door into the library: everything comes from its public API
 * (src/index.ts), imported by relative path so the page builds from this checkout.
 */
export * from '../../../src/index.js';
// Workaround: src/index.ts does not export the toy data sets yet. This is the only deep
// import in the playground; drop it once index.ts re-exports src/data/toy2d.ts.
export { toy2d, jitter, TOY2D, type Toy2dName } from '../../../src/data/toy2d.js';
