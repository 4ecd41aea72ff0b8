/**
 * A shallow clone (CI's default checkout) stops its history at boundary commits, listed
 * in `.git/shallow`. Git shows each as adding every file it holds, so "the last commit
 * of a translation" may be a boundary rather than the commit its translator made: the
 * English they saw is then unknown, and adopting the file there would be a guess.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The commits a shallow clone's history stops at; none in a full clone. */
export function shallowBoundaries(gitDir: string): Set<string> {
  const file = join(gitDir, 'shallow');
  return new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
}
