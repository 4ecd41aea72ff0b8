/**
 * Assertions on the `i18n-drift` check run several end-to-end files make: the one run a
 * commit got, its conclusion and what its title and summary say, its annotations, and
 * that a refused configuration wrote nothing.
 */
import { expect } from 'vitest';
import { OWNER, REPO, type Harness } from './harness.js';

export interface ExpectedCheckRun {
  conclusion: 'failure' | 'success';
  /** Text the title contains. */
  title?: string;
  /** Texts the summary contains, each. */
  summary?: string | readonly string[];
}

/** The commit's one check run, as `expected` says; returned for what is particular to a test. */
export async function expectOneCheckRun(h: Harness, sha: string, expected: ExpectedCheckRun): Promise<any> {
  const runs = await h.checkRuns(sha);
  expect(runs).toHaveLength(1);
  const [run] = runs;
  expect(run.conclusion).toBe(expected.conclusion);
  if (expected.title !== undefined) expect(run.output.title).toContain(expected.title);
  for (const text of [expected.summary ?? []].flat()) expect(run.output.summary).toContain(text);
  return run;
}

/** Nothing was synced: `main` is still the only branch. */
export async function expectNothingSynced(h: Harness): Promise<void> {
  expect(Object.keys(await h.branches())).toEqual(['main']);
}

/** Annotations of a check run (the emulator wraps GitHub's array in `{ check_annotations }` and drops titles). */
export async function annotationsOf(h: Harness, id: number): Promise<any[]> {
  const data = await h.api('GET', `/repos/${OWNER}/${REPO}/check-runs/${id}/annotations`);
  return Array.isArray(data) ? data : data.check_annotations;
}

/** Pushes an English change to `main` (logs kept 12 months instead of 6); its sha. */
export async function changeEnglish(h: Harness, path = 'locales/en/your-data.md'): Promise<string> {
  const en = (await h.readFile(path, 'main'))!;
  return h.push({ branch: 'main', files: { [path]: en.replace('6 months', '12 months') }, message: 'Keep logs longer' });
}
