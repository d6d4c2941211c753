/**
 * The playground's one door into the library: everything comes from its public API
 * (src/index.ts), imported by relative path so the page builds from this checkout.
 */
export * from '../../../src/index.js';
