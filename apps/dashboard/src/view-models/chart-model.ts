/**
 * Scales coverage-over-time points into SVG coordinates for a line chart. The only
 * maths here is mapping dates to x and percentages to y; there is nothing to fit.
 */
import type { CoverageHistoryPoint } from '@i18n-drift/core';

export interface ChartPoint {
  x: number;
  y: number;
  sha: string;
  date: string;
  value: number;
}

export interface ChartSeries {
  key: 'sections' | 'words';
  points: ChartPoint[];
}

export interface ChartModel {
  width: number;
  height: number;
  /** The plotting area inside the axes. */
  plot: { left: number; top: number; right: number; bottom: number };
  series: ChartSeries[];
  /** Horizontal grid lines at 0, 50 and 100 %. */
  yTicks: { y: number; value: number }[];
  /** First and last dates under the x axis. */
  xLabels: { x: number; date: string; anchor: 'start' | 'end' }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Chart geometry for `points` (oldest first). X is proportional to commit time when
 * dates differ, else evenly spaced; Y maps 0..100 % onto the plot height.
 */
export function chartModel(points: readonly CoverageHistoryPoint[], size = { width: 360, height: 140 }): ChartModel {
  const plot = { left: 36, top: 8, right: size.width - 8, bottom: size.height - 24 };
  const times = points.map((p) => Date.parse(p.date));
  const first = times[0] ?? 0;
  const span = (times.at(-1) ?? 0) - first;
  const byTime = points.length > 1 && span > 0 && times.every((t) => Number.isFinite(t));
  const xOf = (i: number) => {
    const share = byTime ? ((times[i] as number) - first) / span : points.length > 1 ? i / (points.length - 1) : 0.5;
    return round(plot.left + share * (plot.right - plot.left));
  };
  const yOf = (percent: number) => round(plot.bottom - (Math.min(100, Math.max(0, percent)) / 100) * (plot.bottom - plot.top));
  const series: ChartSeries[] = (['sections', 'words'] as const).map((key) => ({
    key,
    points: points.map((p, i) => ({ x: xOf(i), y: yOf(p[key]), sha: p.sha, date: p.date, value: p[key] })),
  }));
  const firstPoint = points[0];
  const lastPoint = points.at(-1);
  const xLabels: ChartModel['xLabels'] = [];
  if (firstPoint) xLabels.push({ x: plot.left, date: firstPoint.date, anchor: 'start' });
  if (lastPoint && points.length > 1) xLabels.push({ x: plot.right, date: lastPoint.date, anchor: 'end' });
  return { width: size.width, height: size.height, plot, series, yTicks: [0, 50, 100].map((value) => ({ y: yOf(value), value })), xLabels };
}
