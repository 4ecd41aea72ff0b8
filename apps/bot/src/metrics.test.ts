import { expect, test } from 'vitest';
import { createMetrics, quantile } from './metrics.js';

test('nearest-rank quantiles', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(quantile(values, 0.5)).toBe(50);
  expect(quantile(values, 0.99)).toBe(99);
  expect(quantile([3], 0.99)).toBe(3);
  expect(quantile([], 0.5)).toBeNaN();
});

test('renders Prometheus text: queue depth per state, job duration summary, requests and rate-limit waits', () => {
  const m = createMetrics();
  m.githubRequest('get', 200);
  m.githubRequest('GET', 200);
  m.githubRequest('post', 403);
  m.rateLimitWait('secondary');
  m.rateLimitWait('requeued');
  for (const s of [1, 2, 3, 4]) m.jobFinished('push', 'done', s);
  m.jobFinished('push', 'coalesced', 0);
  m.delivery('duplicate');
  const text = m.render({ waiting: 2, active: 1, failed: 0 });
  expect(text).toContain('# TYPE i18n_drift_queue_jobs gauge\ni18n_drift_queue_jobs{state="waiting"} 2\ni18n_drift_queue_jobs{state="active"} 1');
  expect(text).toContain('i18n_drift_github_requests_total{method="GET",status="200"} 2\ni18n_drift_github_requests_total{method="POST",status="403"} 1');
  expect(text).toContain('i18n_drift_rate_limit_waits_total{kind="secondary"} 1');
  expect(text).toContain('i18n_drift_jobs_total{event="push",outcome="coalesced"} 1');
  expect(text).toContain('i18n_drift_job_duration_seconds{event="push",quantile="0.5"} 2');
  expect(text).toContain('i18n_drift_job_duration_seconds{event="push",quantile="0.99"} 4');
  expect(text).toContain('i18n_drift_job_duration_seconds_sum{event="push"} 10\ni18n_drift_job_duration_seconds_count{event="push"} 4');
  expect(text).toContain('i18n_drift_deliveries_total{result="duplicate"} 1');
  // Every sample line is `name{labels} number`: what a Prometheus scraper accepts.
  for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_0-9]+(\{[^}]*\})? -?[0-9.e+]+$/);
});
