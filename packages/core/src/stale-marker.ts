/**
 * Stale/missing markers: one-line HTML comments that do not render, written right under
 * a translated heading (or at the very start of the body for the intro and frontmatter
 * fields), naming the English section and the source commit the translation waits for:
 *
 *   <!-- i18n-drift:stale section="visitor-data" since="<sha>" -->
 *   <!-- i18n-drift:missing section="new-id" since="<sha>" -->
 *
 * `since` is left out when the commit is unknown. A marker is one line on purpose: an
 * HTML comment that ends on its own line is a complete CommonMark HTML block, so it never
 * swallows the paragraph after it.
 */
import type { ParsedDocument, Section } from '@i18n-drift/sections';
import type { Marker, MarkerKind } from './types.js';

/** A marker before it is placed in a file. */
export type MarkerSpec = Omit<Marker, 'line'>;

const MARKER_LINE = /^[ \t]{0,3}<!--[ \t]*i18n-drift:(stale|missing)[ \t]+section="([^"]*)"(?:[ \t]+since="([^"]*)")?[ \t]*(-->|--|->|-|>)?[ \t]*\r?$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const unescapeAttr = (value: string) => value.replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The marker comment, without a line break. */
export function formatMarker(marker: MarkerSpec): string {
  const since = marker.since ? ` since="${escapeAttr(marker.since)}"` : '';
  return `<!-- i18n-drift:${marker.kind} section="${escapeAttr(marker.section)}"${since} -->`;
}

/**
 * Parses one line (with or without its line break) as a marker; null when it is not one.
 * A marker whose `-->` a translator deleted is still one (`unterminated: true`): it hides
 * the rest of the file as a comment, so `check` flags it and sync writes it anew.
 */
export function parseMarkerLine(line: string): (MarkerSpec & { unterminated?: true }) | null {
  const m = MARKER_LINE.exec(line.endsWith('\n') ? line.slice(0, -1) : line.endsWith('\r') ? line.slice(0, -1) : line);
  if (!m) return null;
  const spec: MarkerSpec & { unterminated?: true } = { kind: m[1] as MarkerKind, section: unescapeAttr(m[2] ?? ''), since: m[3] ? unescapeAttr(m[3]) : null };
  if (m[4] !== '-->') spec.unterminated = true;
  return spec;
}

/** A marker line inside some text: its spec and the offsets of the whole line (line break included). */
export interface MarkerLine extends Marker {
  start: number;
  end: number;
  /** The line lacks its closing `-->` (a translator deleted it): a marker still, to be rewritten. */
  unterminated?: true;
}

/**
 * Every marker line in `text`, in order, with 1-based line numbers. Markers inside fenced
 * code blocks are not markers (a document may show one as an example).
 */
export function findMarkerLines(text: string, firstLine = 1): MarkerLine[] {
  const out: MarkerLine[] = [];
  // No marker without its tag: most sections of most files (every alignment places markers).
  if (!text.includes('i18n-drift:')) return out;
  let fence: string | null = null;
  let line = firstLine;
  const next = lineEnds(text);
  for (let start = 0; start < text.length; line++) {
    const end = next(start);
    const content = text.slice(start, end);
    const f = FENCE.exec(content);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && content.trim() === f[1]) fence = null;
    } else if (f) {
      fence = f[1]!;
    } else if (content.includes('i18n-drift:')) {
      const spec = parseMarkerLine(content);
      if (spec) out.push({ ...spec, line, start, end });
    }
    start = end;
  }
  return out;
}

/** Every marker in a translated file, in order, with its 1-based line. */
export function findMarkers(text: string): Marker[] {
  return findMarkerLines(text).map(({ kind, section, since, line }) => ({ kind, section, since, line }));
}

/** 1-based lines of the markers whose closing `-->` is missing (each hides the rest of the file from readers). */
export function unterminatedMarkers(text: string): number[] {
  return text.includes('i18n-drift:') ? findMarkerLines(text).filter((m) => m.unterminated).map((m) => m.line) : [];
}

/**
 * Length of a heading section's heading (its line break included): one line for an ATX
 * heading, the text lines and the underline for a setext heading. 0 for the intro.
 */
export function headingLength(section: Pick<Section, 'kind' | 'raw'>): number {
  if (section.kind !== 'heading') return 0;
  const raw = section.raw;
  const lineEnd = lineEnds(raw);
  if (/^[ \t]{0,3}#{1,6}(?:[ \t]|\r|\n|$)/.test(raw)) return lineEnd(0);
  for (let start = 0; start < raw.length; ) {
    const end = lineEnd(start);
    if (start > 0 && /^[ \t]{0,3}(?:=+|-+)[ \t]*\r?\n?$/.test(raw.slice(start, end))) return end;
    start = end;
  }
  return lineEnd(0);
}

/** Markers grouped by where they sit: `bodyStart` (before anything else in the body) and per section index. */
export interface PlacedMarkers {
  /** Marker lines at the very start of the body (intro and frontmatter-field markers go there). */
  bodyStart: MarkerLine[];
  /** Marker lines per index into `doc.sections` (body-start lines excluded). */
  bySection: Map<number, MarkerLine[]>;
}

/**
 * Places every marker of a parsed translated file: the leading run of marker lines at the
 * start of the body, and the others by the section they sit in. Offsets are into the whole text.
 */
export function placeMarkers(doc: ParsedDocument): PlacedMarkers {
  const bodyStart: MarkerLine[] = [];
  const bySection = new Map<number, MarkerLine[]>();
  let leading = true;
  doc.sections.forEach((section, index) => {
    const lines = findMarkerLines(section.raw, section.line).map((m) => ({ ...m, start: m.start + section.start, end: m.end + section.start }));
    let expected = section.start;
    for (const m of lines) {
      if (leading && m.start === expected) {
        bodyStart.push(m);
        expected = m.end;
        continue;
      }
      leading = false;
      const list = bySection.get(index) ?? [];
      list.push(m);
      bySection.set(index, list);
    }
    if (section.raw.length > expected - section.start) leading = false;
  });
  return { bodyStart, bySection };
}

/** Offset (into the whole text) where a marker for `section` is written: after its heading (and markers already there), or the body start. */
export function markerOffset(text: string, doc: ParsedDocument, section: Section | null): number {
  if (!section || section.kind === 'intro') {
    const start = doc.frontmatter.raw.length;
    let at = start;
    for (const m of findMarkerLines(text.slice(start))) {
      if (m.start + start !== at) break;
      at = m.end + start;
    }
    return at;
  }
  let at = section.start + headingLength(section);
  for (const m of findMarkerLines(section.raw.slice(at - section.start))) {
    if (m.start + section.start + headingLength(section) !== at) break;
    at = section.start + headingLength(section) + m.end;
  }
  return at;
}

/** The line break a text uses where a line is inserted at `offset`: that of the line before (CR-only files stay CR-only). */
function eolOf(text: string, offset: number): string {
  if (text[offset - 1] === '\r') return '\r';
  if (text[offset - 1] === '\n') return text[offset - 2] === '\r' ? '\r\n' : '\n';
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : i < 0 && text.includes('\r') ? '\r' : '\n';
}

/**
 * `from` -> the offset just past the line break ending that line: `\n`, `\r\n` or a lone
 * `\r`, as markdown-it reads them (its line maps place sections in CR-only files too).
 */
function lineEnds(text: string): (from: number) => number {
  if (!text.includes('\r')) {
    return (from) => {
      const nl = text.indexOf('\n', from);
      return nl === -1 ? text.length : nl + 1;
    };
  }
  return (from) => {
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) return i + 1;
      if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    }
    return text.length;
  };
}

/**
 * Inserts one marker where it belongs: under the heading of the section with id
 * `marker.section` (or the one given as `at`), or at the body start for `intro`,
 * `frontmatter.*` ids and ids with no heading in `doc`. Does nothing when a marker of the
 * same kind for the same section is already in the file (its `since` is kept: no churn).
 */
export function insertMarker(text: string, doc: ParsedDocument, marker: MarkerSpec, at?: Section): string {
  if (findMarkers(text).some((m) => m.kind === marker.kind && m.section === marker.section)) return text;
  const section = at ?? doc.sections.find((s) => s.id === marker.section) ?? null;
  const offset = markerOffset(text, doc, section);
  const eol = eolOf(text, offset);
  const before = text.slice(0, offset);
  const lead = before.length > 0 && !before.endsWith('\n') && !before.endsWith('\r') ? eol : '';
  return `${before}${lead}${formatMarker(marker)}${eol}${text.slice(offset)}`;
}

/** Removes the marker lines for which `keep` returns false (every marker line by default). */
export function removeMarkers(text: string, keep: (marker: Marker) => boolean = () => false): string {
  let out = '';
  let from = 0;
  for (const m of findMarkerLines(text)) {
    if (keep(m)) continue;
    out += text.slice(from, m.start);
    from = m.end;
  }
  return from === 0 ? text : out + text.slice(from);
}
