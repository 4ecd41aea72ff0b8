import { describe, expect, it } from 'vitest';
import { chartModel } from './chart-model.js';

const point = (date: string, sections: number, words = sections) => ({ sha: date, date, sections, words });

describe('chartModel', () => {
  it('maps time to x and 0..100 % to y inside the plot', () => {
    const model = chartModel([point('2026-01-01T00:00:00Z', 0), point('2026-01-02T00:00:00Z', 50), point('2026-01-05T00:00:00Z', 100)], { width: 136, height: 132 });
    const { plot } = model;
    expect(plot).toEqual({ left: 36, top: 8, right: 128, bottom: 108 });
    expect(model.series[0]!.points.map((p) => [p.x, p.y])).toEqual([
      [36, 108],
      [59, 58],
      [128, 8],
    ]);
    expect(model.yTicks).toEqual([
      { y: 108, value: 0 },
      { y: 58, value: 50 },
      { y: 8, value: 100 },
    ]);
    expect(model.xLabels.map((l) => l.anchor)).toEqual(['start', 'end']);
  });

  it('spaces points evenly when they share a date, and centres a single point', () => {
    const same = chartModel([point('2026-01-01T00:00:00Z', 10), point('2026-01-01T00:00:00Z', 20), point('2026-01-01T00:00:00Z', 30)], { width: 136, height: 132 });
    expect(same.series[0]!.points.map((p) => p.x)).toEqual([36, 82, 128]);
    const single = chartModel([point('2026-01-01T00:00:00Z', 10)], { width: 136, height: 132 });
    expect(single.series[0]!.points.map((p) => p.x)).toEqual([82]);
    expect(single.xLabels).toHaveLength(1);
  });

  it('draws a words series next to the sections series', () => {
    const model = chartModel([point('2026-01-01T00:00:00Z', 100, 40)], { width: 136, height: 132 });
    expect(model.series.map((s) => [s.key, s.points[0]!.value])).toEqual([
      ['sections', 100],
      ['words', 40],
    ]);
  });
});
