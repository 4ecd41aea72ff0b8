/**
 * The process's own figures in Prometheus's text format (version 0.0.4), served at
 * `/metrics` by web processes and workers: no client library for a handful of counters
 * and one summary. Quantiles are over the most recent jobs of this process, so a scrape
 * says how the queue does now, not since the process started.
 */

/** Job durations kept per event for the quantiles. */
const WINDOW = 1024;
const QUANTILES = [0.5, 0.9, 0.99] as const;

type Labels = Record<string, string>;

export interface Metrics {
  /** One GitHub API request answered with `status` (0: no answer). */
  githubRequest(method: string, status: number): void;
  /** A wait for GitHub's rate limit: Probot's throttling in the process, or a job re-queued for later. */
  rateLimitWait(kind: 'primary' | 'secondary' | 'requeued'): void;
  /** A job this process ran (or found covered by an earlier run), and how long it took. */
  jobFinished(event: string, outcome: 'done' | 'coalesced' | 'retrying' | 'failed', seconds: number): void;
  /** A webhook delivery answered by this web process. */
  delivery(result: 'queued' | 'duplicate' | 'ignored' | 'error'): void;
  /** The text of `/metrics`; `queue` (jobs per state, read from Redis) is added when given. */
  render(queue?: Record<string, number>): string;
}

function key(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

/** The q-quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function createMetrics(): Metrics {
  const counters = new Map<string, Map<string, number>>();
  const durations = new Map<string, { recent: number[]; sum: number; count: number }>();

  const add = (name: string, labels: Labels) => {
    const series = counters.get(name) ?? new Map<string, number>();
    counters.set(name, series);
    const k = key(labels);
    series.set(k, (series.get(k) ?? 0) + 1);
  };

  const help: Record<string, [string, string]> = {
    i18n_drift_github_requests_total: ['counter', 'GitHub API requests made by this process, by method and HTTP status.'],
    i18n_drift_rate_limit_waits_total: ['counter', "Waits for GitHub's rate limits: in-process throttling (primary, secondary) and jobs re-queued for later."],
    i18n_drift_jobs_total: ['counter', 'Jobs run by this worker, by event and outcome.'],
    i18n_drift_deliveries_total: ['counter', 'Webhook deliveries answered by this web process, by result.'],
  };

  return {
    githubRequest: (method, status) => add('i18n_drift_github_requests_total', { method: method.toUpperCase(), status: String(status) }),
    rateLimitWait: (kind) => add('i18n_drift_rate_limit_waits_total', { kind }),
    jobFinished(event, outcome, seconds) {
      add('i18n_drift_jobs_total', { event, outcome });
      if (outcome === 'coalesced') return;
      const d = durations.get(event) ?? { recent: [], sum: 0, count: 0 };
      durations.set(event, d);
      d.recent.push(seconds);
      if (d.recent.length > WINDOW) d.recent.shift();
      d.sum += seconds;
      d.count += 1;
    },
    delivery: (result) => add('i18n_drift_deliveries_total', { result }),
    render(queue) {
      const lines: string[] = [];
      if (queue) {
        lines.push('# HELP i18n_drift_queue_jobs Jobs in the shared queue, by state.', '# TYPE i18n_drift_queue_jobs gauge');
        for (const [state, n] of Object.entries(queue)) lines.push(`i18n_drift_queue_jobs{${key({ state })}} ${n}`);
      }
      for (const [name, [type, text]] of Object.entries(help)) {
        const series = counters.get(name);
        lines.push(`# HELP ${name} ${text}`, `# TYPE ${name} ${type}`);
        for (const [labels, n] of series ?? []) lines.push(`${name}{${labels}} ${n}`);
      }
      lines.push(
        '# HELP i18n_drift_job_duration_seconds Wall time of the jobs this worker ran (quantiles over its last 1024 per event).',
        '# TYPE i18n_drift_job_duration_seconds summary',
      );
      for (const [event, d] of durations) {
        const sorted = [...d.recent].sort((a, b) => a - b);
        for (const q of QUANTILES) lines.push(`i18n_drift_job_duration_seconds{${key({ event, quantile: String(q) })}} ${quantile(sorted, q)}`);
        lines.push(`i18n_drift_job_duration_seconds_sum{${key({ event })}} ${d.sum}`, `i18n_drift_job_duration_seconds_count{${key({ event })}} ${d.count}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
