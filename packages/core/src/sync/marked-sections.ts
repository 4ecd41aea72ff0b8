/**
 * Sections a translation still marks stale/missing that the walk did not record: a
 * locale PR merged with markers left puts them on the default branch, and the next
 * sync walks only the English commits after that merge. They still need translating,
 * so the PR lists them (never ticked while their marker is there), each stale one with
 * the English change since the version its pin names.
 */
import { diffParsedDocuments, type WordChange } from '@i18n-drift/sections';
import { pinMatches, unitById } from '../pin-hash.js';
import { readPins } from '../pins.js';
import { findMarkers } from '../stale-marker.js';
import type { CommitInfo, PullRequestSection } from '../types.js';
import type { WalkContext } from './document-walk.js';

/**
 * `listed` (one document's PR sections from its walk) followed by a section for every
 * marker of `finalText` the walk did not record, in the order of the markers.
 *
 * `pinsText` is the translation whose section pins name the English each leftover
 * section translates (the stale sections keep their old hash). The word diff is from
 * the English version whose hash of that section equals its pin (looked for from the
 * version before the marker's `since` commit back to the oldest) to the English at
 * `ctx.to`; null when no version has that hash. A listed stale section that `pinsText`
 * already marked stale (not in `exactWords`, whose words are exact already) gets its
 * words from its pin the same way. Reads through `ctx` (cached per run).
 */
export async function withMarkedSections(
  ctx: WalkContext,
  input: { source: string; translationPath: string; pinsText: string | null; finalText: string | null; listed: PullRequestSection[]; exactWords: string[] },
): Promise<PullRequestSection[]> {
  if (input.finalText === null) return input.listed;
  const recorded = new Set(input.listed.map((s) => s.id));
  const seen = new Set<string>();
  const leftovers = findMarkers(input.finalText).filter((m) => {
    if (recorded.has(m.section) || seen.has(m.section)) return false;
    seen.add(m.section);
    return true;
  });
  // A listed stale section already marked before the walk (and English changed it again):
  // its translation is older than the walk's start, so its words come from its own pin.
  const exact = new Set(input.exactWords);
  const earlier = input.pinsText === null ? [] : findMarkers(input.pinsText).filter((m) => m.kind === 'stale' && !exact.has(m.section));
  const refine = input.listed.filter((s) => s.state === 'stale' && !s.resolved && earlier.some((m) => m.section === s.id));
  if (leftovers.length === 0 && refine.length === 0) return input.listed;

  const target = await ctx.read(input.source, ctx.to);
  if (target === null) return input.listed;
  const english = ctx.parse(target);
  const headings = new Map<string, string | null>([...english.fields.map((f) => [f.id, null] as const), ...english.sections.map((s) => [s.id, 'heading' in s ? s.heading : null] as const)]);
  const pins = input.pinsText === null ? null : readPins(input.pinsText);
  const history = refine.length > 0 || leftovers.some((m) => m.kind === 'stale') ? await ctx.commits(null, input.source) : [];

  const out: PullRequestSection[] = [];
  for (const s of input.listed) {
    const pin = pins?.sections[s.id];
    if (!refine.includes(s) || !pin) {
      out.push(s);
      continue;
    }
    const since = earlier.find((m) => m.section === s.id)!.since;
    const words = await wordsSincePin(ctx, input.source, history, s.id, pin, since, target);
    out.push(words === null ? s : { ...s, words });
  }
  for (const marker of leftovers) {
    if (!headings.has(marker.section)) continue; // a marker for a section English no longer has
    const pin = pins?.sections[marker.section];
    const words = marker.kind === 'stale' && pin ? await wordsSincePin(ctx, input.source, history, marker.section, pin, marker.since, target) : null;
    const since = marker.since ? history.find((c) => sameSha(c.sha, marker.since!))?.sha ?? marker.since : null;
    out.push({
      document: input.source,
      translationPath: input.translationPath,
      id: marker.section,
      heading: headings.get(marker.section) ?? null,
      state: marker.kind,
      change: marker.kind === 'stale' ? 'modified' : 'added',
      words,
      resolved: false,
      commits: since ? [since] : [],
    });
  }
  return out;
}

/** English words changed in section `id` from the version pinned by `pin` to `target`; null when no version has that hash. */
async function wordsSincePin(
  ctx: WalkContext,
  source: string,
  history: CommitInfo[],
  id: string,
  pin: string,
  since: string | null,
  target: string,
): Promise<WordChange[] | null> {
  // The pinned English is usually the version right before the commit the marker waits for.
  const at = since ? history.findIndex((c) => sameSha(c.sha, since)) : -1;
  const first = at >= 0 ? at - 1 : history.length - 1;
  for (let i = first; i >= 0; i--) {
    const text = await ctx.read(source, history[i]!.sha);
    if (text === null) continue;
    const before = ctx.parse(text);
    if (!pinMatches(pin, unitById(before, id))) continue;
    const change = diffParsedDocuments(before, ctx.parse(target)).find((c) => c.id === id);
    return change?.words ?? null;
  }
  return null;
}

/** Full and abbreviated shas name the same commit (markers may hold either). */
function sameSha(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 7 && long.startsWith(short);
}
