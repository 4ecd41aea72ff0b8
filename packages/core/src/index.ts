export * from './types.js';
export * from './errors.js';
export * from './history/index.js';
export * from './pins.js';
export * from './stale-marker.js';
