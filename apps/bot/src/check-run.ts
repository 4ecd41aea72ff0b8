/**
 * The `i18n-drift` check run: one completed run per head commit, findings as
 * annotations. GitHub takes at most 50 annotations per request, so more go in
 * follow-up updates of the same run.
 */
import type { GitHubClient } from './github-host.js';
import { guarded } from './to-host-error.js';

export const CHECK_NAME = 'i18n-drift';
const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub refuses output text above 65,535 characters. */
const MAX_TEXT = 65_000;

export interface CheckAnnotation {
  path: string;
  /** 1-based. */
  line: number;
  level: 'failure' | 'warning' | 'notice';
  title?: string;
  message: string;
}

export interface CheckRunInput {
  owner: string;
  repo: string;
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
}

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n…` : text);

function toGitHub(a: CheckAnnotation) {
  return {
    path: a.path,
    start_line: Math.max(1, a.line),
    end_line: Math.max(1, a.line),
    annotation_level: a.level,
    message: a.message,
    ...(a.title ? { title: a.title } : {}),
  };
}

/**
 * Create the completed check run for `headSha`; returns its id. When the latest
 * `i18n-drift` run on that commit already says the same (a redelivered event, or the
 * `synchronize` that follows the app's own re-pin commit), nothing is written.
 * @throws HostError when GitHub refuses (e.g. the app lacks `checks: write`).
 */
export async function publishCheckRun(octokit: GitHubClient, input: CheckRunInput): Promise<{ id: number; created: boolean }> {
  const { owner, repo } = input;
  const existing = await guarded(`read the ${CHECK_NAME} check runs of ${input.headSha}`, () =>
    octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { owner, repo, ref: input.headSha, check_name: CHECK_NAME, filter: 'latest' }),
  );
  const latest = existing.data.check_runs[0];
  if (
    latest &&
    latest.status === 'completed' &&
    latest.conclusion === input.conclusion &&
    latest.output.title === input.title &&
    latest.output.summary === clip(input.summary) &&
    (latest.output.annotations_count ?? 0) === (input.annotations ?? []).length
  ) {
    return { id: Number(latest.id), created: false };
  }
  const annotations = (input.annotations ?? []).map(toGitHub);
  const batches: (typeof annotations)[] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (batch: typeof annotations) => ({
    title: input.title,
    summary: clip(input.summary),
    ...(input.text ? { text: clip(input.text) } : {}),
    annotations: batch,
  });

  const { data } = await guarded(`create the ${CHECK_NAME} check run`, () =>
    octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      owner,
      repo,
      name: CHECK_NAME,
      head_sha: input.headSha,
      status: 'completed',
      conclusion: input.conclusion,
      completed_at: new Date().toISOString(),
      output: output(batches[0] ?? []),
    }),
  );
  for (const batch of batches.slice(1)) {
    await guarded(`add annotations to the ${CHECK_NAME} check run`, () =>
      octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner, repo, check_run_id: data.id, output: output(batch) }),
    );
  }
  return { id: Number(data.id), created: true };
}
