/**
 * The English word diffs behind stale sections: for each translation pinned to an
 * older English version, what changed in the English since. Reads each pinned English
 * version once through the host, however many locales and sections point at it.
 */
import { HostError, type CoverageReport, type RepositoryHost } from '@i18n-drift/core';
import { diffParsedDocuments, diffWords, FrontmatterError, type DocumentUnit, type ParsedDocument, type WordChange } from '@i18n-drift/sections';
import type { EnglishChanges } from './types.js';

/** A pinned version that could not be read, reported instead of failing the dashboard. */
export interface UnreadableVersion {
  path: string;
  commit: string;
  reason: string;
}

/**
 * Word diffs from the English at each stale section's pinned commit to the English now
 * (`currentText`), keyed source -> pinned commit -> section id. Only documents with a
 * stale section are read. `parse` must honour the config's frontmatter keys.
 * Never throws for a missing or unreadable old version (it is listed in `unreadable`);
 * other host failures propagate.
 */
export async function englishChanges(
  host: RepositoryHost,
  report: CoverageReport,
  currentText: (path: string) => Promise<string | null>,
  parse: (text: string) => ParsedDocument,
): Promise<{ changes: EnglishChanges; unreadable: UnreadableVersion[] }> {
  const wanted = new Map<string, Map<string, Set<string>>>(); // source -> pin -> ids
  for (const doc of report.documents) {
    for (const t of doc.translations) {
      for (const s of t.sections) {
        const pin = s.state === 'stale' ? s.stale?.pinnedCommit : null;
        if (!pin) continue;
        let pins = wanted.get(doc.source);
        if (!pins) wanted.set(doc.source, (pins = new Map()));
        let ids = pins.get(pin);
        if (!ids) pins.set(pin, (ids = new Set()));
        ids.add(s.id);
      }
    }
  }
  const changes: EnglishChanges = {};
  const unreadable: UnreadableVersion[] = [];
  const jobs: Promise<void>[] = [];
  for (const [source, pins] of wanted) {
    const current = currentText(source).then((text) => (text === null ? null : parse(text)));
    for (const [commit, ids] of pins) {
      jobs.push(
        (async () => {
          const now = await current;
          if (now === null) return;
          const bySource: EnglishChanges[string] = (changes[source] ??= {});
          let before: ParsedDocument;
          try {
            const text = await host.readFile(source, commit);
            if (text === null) throw new HostError('not-found', `${source} does not exist at ${commit}`);
            before = parse(text);
          } catch (error) {
            if (!(error instanceof HostError) && !(error instanceof FrontmatterError)) throw error;
            unreadable.push({ path: source, commit, reason: error.message });
            return;
          }
          bySource[commit] = sectionDiffs(before, now, ids);
        })(),
      );
    }
  }
  await Promise.all(jobs);
  unreadable.sort((a, b) => a.path.localeCompare(b.path) || a.commit.localeCompare(b.commit));
  return { changes, unreadable };
}

/** Word diff per wanted section id, following renames through the section diff. */
function sectionDiffs(before: ParsedDocument, after: ParsedDocument, ids: ReadonlySet<string>): Record<string, WordChange[] | null> {
  const out: Record<string, WordChange[] | null> = {};
  for (const change of diffParsedDocuments(before, after)) {
    if (!ids.has(change.id) || change.kind === 'removed') continue;
    const words =
      change.words ??
      (change.new ? diffWords(change.old ? textOf(change.old) : '', textOf(change.new)) : null);
    out[change.id] = words;
  }
  for (const id of ids) if (!(id in out)) out[id] = null;
  return out;
}

function textOf(unit: DocumentUnit): string {
  return unit.kind === 'frontmatter' ? unit.value : unit.raw;
}
