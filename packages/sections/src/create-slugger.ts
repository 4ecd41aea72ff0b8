import { slug as githubSlug } from 'github-slugger';

/** Allocates section ids in document order, the way GitHub allocates heading anchors. */
export interface Slugger {
  /**
   * GitHub's anchor slug of a heading's plain text (github-slugger), with `-1`, `-2`…
   * appended when the slug is taken. A heading with no letters or digits gets `section`.
   */
  slug(text: string): SlugResult;
  /** Claims an explicit `{#id}` as written; suffixed with `-1`, `-2`… when it is taken. */
  claim(id: string): SlugResult;
  /** Starts over: every id is free again except the reserved `intro`. */
  reset(): void;
}

export interface SlugResult {
  id: string;
  /** True when the wanted id was taken by an earlier heading and a suffix was added. */
  duplicate: boolean;
}

/** The id of the text before the first heading; reserved so no heading can take it. */
export const INTRO_ID = 'intro';
const EMPTY_SLUG = 'section';

/**
 * A fresh id allocator with `intro` reserved, exactly as `parseDocument` uses it:
 * feed it a document's headings in order to reproduce the document's section ids.
 * Slugs come from github-slugger; suffixing follows GitHub (`a`, `a-1`, `a-2`, a
 * per-slug counter, so n duplicates cost O(n)). Because `intro` is reserved, a
 * heading titled "Intro" gets `intro-1` in every document alike.
 */
export function createSlugger(): Slugger {
  let counters = new Map<string, number>();
  const take = (wanted: string): SlugResult => {
    if (!counters.has(wanted)) {
      counters.set(wanted, 0);
      return { id: wanted, duplicate: false };
    }
    let n = counters.get(wanted)!;
    let id: string;
    do id = `${wanted}-${++n}`;
    while (counters.has(id));
    counters.set(wanted, n);
    counters.set(id, 0);
    // The first "Intro" heading moving to `intro-1` is by design, not a duplicate.
    return { id, duplicate: id !== `${INTRO_ID}-1` || wanted !== INTRO_ID };
  };
  const reset = () => {
    counters = new Map([[INTRO_ID, 0]]);
  };
  reset();
  return {
    slug: (text) => take(slugOf(text)),
    claim: take,
    reset,
  };
}

/**
 * github-slugger's slug by heading text, for the process. Headings repeat across the
 * locales of a document (a translation partly left in English), and its Unicode regular
 * expression was a twentieth of parsing a 5,000-file corpus. A pure function of the text;
 * emptied past a bound, for long-running processes.
 */
const slugs = new Map<string, string>();
const SLUGS_MAX = 50_000;

function slugOf(text: string): string {
  let slug = slugs.get(text);
  if (slug === undefined) {
    slug = githubSlug(text) || EMPTY_SLUG;
    if (slugs.size >= SLUGS_MAX) slugs.clear();
    slugs.set(text, slug);
  }
  return slug;
}
