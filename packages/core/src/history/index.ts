export * from './history-points.js';
export * from './sample-commits.js';
export * from './coverage-history.js';
