/**
 * Section history: for one stale section, the English version its translation translates
 * (the translator's version: the newest commit whose English of that section has the
 * pinned hash) and the English commits that changed that section since. A document's
 * other sections change in other commits; counting those would say "3 commits behind"
 * of a section one commit changed, or the sync commit as the translated version.
 * Renamed headings are followed through each commit's diff. Pure over the versions
 * handed in; every version is parsed and diffed at most once per document.
 */
import { diffParsedDocuments, type ParsedDocument } from '@i18n-drift/sections';
import { versionAt, type SourceVersions } from './catch-up.js';
import { pinMatches, unitById } from './pin-hash.js';
import type { CommitInfo } from './types.js';

export interface SectionTrace {
  /** Index into the history of the translator's version; -1 when no loaded version has the pinned hash. */
  pinnedAt: number;
  /** Indexes into the history of the commits that changed the section after that version, newest first. */
  changedBy: number[];
}

/** The versions of one English document, shared by all its locales and sections. */
export interface VersionChain {
  /** Traces section `id` of the current English back to the version whose hash is `pin`. */
  trace(id: string, pin: string): SectionTrace;
}

/**
 * A lazy chain over `history` (newest first) and the `versions` loaded for it. The
 * current English (`current`, possibly uncommitted edits on top of `history[0]`) is
 * where each trace starts; an uncommitted change is not a commit and is not counted.
 */
export function createVersionChain(current: ParsedDocument, history: readonly CommitInfo[], versions: SourceVersions, parse: (text: string) => ParsedDocument): VersionChain {
  const docs: (ParsedDocument | null | undefined)[] = [];
  const idMaps: (Map<string, string | null> | undefined)[] = [];
  /** The English after commit `i`; undefined when not loaded, null when the document did not exist. */
  const docAt = (i: number): ParsedDocument | null | undefined => {
    if (i < 0) return current;
    if (i >= history.length) return undefined;
    if (!(i in docs)) {
      const text = versionAt(versions, history[i]!.sha);
      docs[i] = text === undefined ? undefined : text === null ? null : parse(text);
    }
    return docs[i];
  };
  /** Ids of version `i - 1` (newer; -1 is the current English) -> ids in version `i` (null: absent there). */
  const idMapAt = (i: number): Map<string, string | null> | undefined => {
    if (i in idMaps) return idMaps[i];
    const newer = docAt(i - 1);
    const older = docAt(i);
    let map: Map<string, string | null> | undefined;
    if (newer && older) {
      map = new Map();
      for (const change of diffParsedDocuments(older, newer)) if (change.kind !== 'removed') map.set(change.id, change.oldId);
    }
    idMaps[i] = map;
    return map;
  };

  return {
    trace(id, pin) {
      const changedBy: number[] = [];
      let currentId: string | null = id;
      let newerHash = unitById(current, id)?.hash;
      for (let i = 0; ; i++) {
        const older = docAt(i);
        if (!older) return { pinnedAt: -1, changedBy };
        const map = idMapAt(i);
        currentId = map ? (map.get(currentId) ?? null) : null;
        if (currentId === null) {
          // The section did not exist before commit i: that commit added it.
          if (i > 0) changedBy.push(i - 1);
          return { pinnedAt: -1, changedBy };
        }
        const unit = unitById(older, currentId);
        if (i > 0 && unit?.hash !== newerHash) changedBy.push(i - 1);
        if (pinMatches(pin, unit)) return { pinnedAt: i, changedBy };
        newerHash = unit?.hash;
      }
    },
  };
}
