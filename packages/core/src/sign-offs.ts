/**
 * Sign-offs across a repository: the sections whose stale or missing marker a translator
 * deleted after updating them, which the next sync re-pins. `check` passes them (no marker
 * is left) and says so, as `status` does (`SectionCoverage.signedOff`): both judge each
 * against the English at the translation's pinned commit, the English the marker waited for.
 */
import { FrontmatterError, parseDocument, type ParsedDocument } from '@i18n-drift/sections';
import { HostError } from './errors.js';
import { pathFor, sourceDocuments, targetLocales } from './file-patterns.js';
import { pinMatches } from './pin-hash.js';
import { pinOf, readPins } from './pins.js';
import { signedOffSections, type SignedOff } from './resolve.js';
import { findMarkers } from './stale-marker.js';
import type { Config, RepositoryHost, SourcePins } from './types.js';

/** A section signed off in one translation. */
export interface SignOff extends SignedOff {
  /** The translation's path. */
  path: string;
  /** The English document's path. */
  source: string;
  /** The commit the translation is pinned to (the English it was signed off against). */
  commit: string;
}

/**
 * Every signed-off section of the translations in `files` (path -> text, as `check`
 * reads them), sorted by path and line. Reads, through the host, the English at the
 * pinned commit of just the translations that can hold one (a section with neither its
 * English pin nor a marker); a translation whose pinned English cannot be read (unknown
 * commit, binary) or whose frontmatter cannot be read is left out: other findings name it.
 */
export async function readSignOffs(
  host: Pick<RepositoryHost, 'readFile' | 'resolveRevision'>,
  files: Readonly<Record<string, string>>,
  config: Config,
  options: { parse?: (text: string) => ParsedDocument } = {},
): Promise<SignOff[]> {
  const parse = options.parse ?? ((text: string) => parseDocument(text, { frontmatterKeys: config.frontmatterKeys }));
  const paths = Object.keys(files);
  const locales = targetLocales(paths, config);
  const candidates: { source: string; path: string; commit: string }[] = [];
  for (const { path: source, key } of sourceDocuments(paths, config)) {
    const english = readable(() => parse(files[source]!));
    if (!english) continue;
    for (const locale of locales) {
      const path = pathFor(key, locale, config);
      const text = files[path];
      if (text === undefined) continue;
      const pins = readable(() => readPins(text));
      if (pins?.commit && mayHoldSignOff(english, pins, text)) candidates.push({ source, path, commit: pins.commit });
    }
  }

  const unreadable = (error: unknown) => {
    if (error instanceof HostError) return null;
    throw error;
  };
  // A commit asked once: a shallow clone's CI run may hold thousands of files pinned to one it lacks.
  const commits = new Map<string, Promise<string | null>>();
  const englishAt = new Map<string, Promise<string | null>>();
  const read = (path: string, commit: string) => {
    let text = englishAt.get(`${path}\0${commit}`);
    if (!text) {
      let known = commits.get(commit);
      if (!known) commits.set(commit, (known = host.resolveRevision(commit).catch(unreadable)));
      text = known.then((sha) => (sha === null ? null : host.readFile(path, sha).catch(unreadable)));
      englishAt.set(`${path}\0${commit}`, text);
    }
    return text;
  };
  const found = await Promise.all(
    candidates.map(async ({ source, path, commit }) => {
      const atPin = await read(source, commit);
      if (atPin === null) return [];
      const sections = readable(() => signedOffSections(atPin, files[path]!, { frontmatterKeys: config.frontmatterKeys })) ?? [];
      return sections.map((section) => ({ ...section, path, source, commit }));
    }),
  );
  return found.flat().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

/** A unit of the English with neither its pin nor a marker: signed off, or changed since and not synced yet. */
function mayHoldSignOff(english: ParsedDocument, pins: SourcePins, text: string): boolean {
  const marked = new Set(text.includes('i18n-drift:') ? findMarkers(text).map((marker) => marker.section) : []);
  return [...english.fields, ...english.sections].some((unit) => !marked.has(unit.id) && !pinMatches(pinOf(pins, unit.id), unit));
}

/** The value, or null when the text's frontmatter cannot be read (reported by whoever checks it). */
function readable<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (error instanceof FrontmatterError) return null;
    throw error;
  }
}
