export * from './history-points.js';
export * from './sample-commits.js';
