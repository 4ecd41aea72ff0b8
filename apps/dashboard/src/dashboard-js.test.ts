import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_JS } from './dashboard-js.js';

describe('DASHBOARD_JS', () => {
  it('is one valid script with no module syntax and no inline-handler tricks', () => {
    expect(() => new Script(DASHBOARD_JS, { filename: 'dashboard.js' })).not.toThrow();
    expect(DASHBOARD_JS).not.toMatch(/\b(import|export)\b|eval\(|innerHTML/);
  });

  it('does nothing on a page without the search form', () => {
    const script = new Script(DASHBOARD_JS);
    const document = { querySelector: () => null };
    expect(() => script.runInNewContext({ document })).not.toThrow();
  });
});
