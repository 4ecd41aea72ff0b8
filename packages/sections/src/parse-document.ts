import { brokenHeadingWarnings, isClosedFence, type BodyLines } from './block-warnings.js';
import { contentHash } from './content-hash.js';
import { countWords } from './count-words.js';
import { createSlugger, INTRO_ID } from './create-slugger.js';
import { DEFAULT_FRONTMATTER_KEYS, frontmatterFields } from './frontmatter-fields.js';
import { countLineBreaks, lineStarts } from './line-starts.js';
import { inlinePlainText } from './inline-form.js';
import { parseBlocks, type LinkReferences } from './markdown-parser.js';
import { normaliseWithState } from './normalise-markdown.js';
import { splitFrontmatter } from './split-frontmatter.js';
import type { ParsedDocument, ParseOptions, Section, Warning } from './types.js';

// `## Title {#custom-id}`: Docusaurus/kramdown style explicit anchors. Matched on
// the tail only, so a long heading cannot make the regular expression backtrack.
const EXPLICIT_ID_TAIL = /^\{#([^\s{}]+)\}$/;
const SPACES = /\s+/g;

interface HeadingBlock {
  /** First line of the heading and the line after it, relative to the body. */
  line: number;
  endLine: number;
  level: number;
  heading: string;
  explicitId: string | null;
  id: string;
}

/**
 * Cuts a Markdown document into its frontmatter and flat sections.
 *
 * Invariants:
 * - lossless: `frontmatter.raw + sections.map((s) => s.raw).join('') === text`, byte for byte;
 * - a section starts at a top-level heading line (ATX or setext, as CommonMark sees
 *   it: not inside code, `<Note>` blocks end at a blank line) and runs to the next
 *   top-level heading of any level; headings nested in lists or quotes do not cut
 *   but do take their slug, so ids match GitHub's anchors;
 * - the bytes of the body before the first heading, if any (even blank lines only),
 *   form the `intro` section (id `intro`, level 0, heading null);
 * - ids are unique within a document; `hash`/`bodyHash` are `contentHash(normaliseMarkdown(...))`
 *   of the section and of its body (the section without its heading lines).
 *
 * Suspicious input gives `warnings` (with 1-based lines), never an exception.
 * @throws FrontmatterError when the frontmatter is malformed (names the line).
 */
export function parseDocument(text: string, options: ParseOptions = {}): ParsedDocument {
  if (typeof text !== 'string') throw new TypeError(`parseDocument expects a string, got ${typeof text}`);
  const keys = (options.frontmatterKeys ?? DEFAULT_FRONTMATTER_KEYS).join('\0');
  let byText = parsed.get(keys);
  if (!byText) parsed.set(keys, (byText = new Map()));
  const known = byText.get(text);
  if (known) return known;
  const doc = parseUncached(text, options);
  remember(byText, text, doc);
  return doc;
}

/**
 * Parses of this process, per frontmatter keys and text. One sync or status parses the
 * same texts many times over (each English version once per locale and per step:
 * adopt, resolve, walk, coverage): parsing was half of a run on a 5,000-file corpus
 * (apps/cli/bench). A parse depends on nothing else, and callers treat it as
 * read-only. Emptied past a size bound, for long-running processes (the bot).
 */
const parsed = new Map<string, Map<string, ParsedDocument>>();
const PARSED_MAX_CHARS = 64 * 1024 * 1024;
let parsedChars = 0;

function remember(byText: Map<string, ParsedDocument>, text: string, doc: ParsedDocument): void {
  if (parsedChars + text.length > PARSED_MAX_CHARS) {
    for (const map of parsed.values()) map.clear();
    bodies.clear();
    forms.clear();
    headingTexts.clear();
    parsedChars = 0;
  }
  byText.set(text, doc);
  parsedChars += text.length;
}

/**
 * Body parses of this process, by body text. Adoption writes pins into a translation's
 * frontmatter and reads the pinned text right after: same body, another frontmatter
 * (a fifth of a cold `status` on a 5,000-file corpus was that second parse). A body's
 * sections and warnings depend on the body alone, up to where it starts in the text;
 * kept relative to a body starting at offset 0 on line 1, and placed by `placeBody`.
 * Emptied with `parsed`.
 */
const bodies = new Map<string, BodyParse>();

interface BodyParse {
  sections: Section[];
  warnings: BodyWarning[];
}

/** A warning of a body starting on line 1; `message` says its line as placed in the text. */
interface BodyWarning {
  code: Warning['code'];
  line: number;
  message: (line: number) => string;
}

function parseUncached(text: string, options: ParseOptions): ParsedDocument {
  const { frontmatter, bodyStart } = splitFrontmatter(text);
  const fields = frontmatterFields(frontmatter.data, options.frontmatterKeys ?? DEFAULT_FRONTMATTER_KEYS);
  const body = bodyStart === 0 ? text : text.slice(bodyStart);
  let parsedBody = bodies.get(body);
  if (!parsedBody) {
    parsedBody = parseBody(body);
    // Bounded with `parsed`: `remember` counts the text, never shorter than its body.
    bodies.set(body, parsedBody);
  }
  return { frontmatter, fields, ...placeBody(parsedBody, bodyStart, countLineBreaks(frontmatter.raw) + 1) };
}

/** A body's sections and warnings as they sit in a text whose body starts at `bodyStart`, on line `firstLine`. */
function placeBody(parsedBody: BodyParse, bodyStart: number, firstLine: number): Pick<ParsedDocument, 'sections' | 'warnings'> {
  const shift = firstLine - 1;
  const sections =
    bodyStart === 0 && shift === 0 ? parsedBody.sections : parsedBody.sections.map((section) => ({ ...section, start: section.start + bodyStart, end: section.end + bodyStart, line: section.line + shift }));
  const warnings = parsedBody.warnings.map((w) => ({ code: w.code, line: w.line + shift, message: w.message(w.line + shift) }));
  return { sections, warnings };
}

/** Sections and warnings of a body, as if it started the text (offset 0, line 1). */
function parseBody(body: string): BodyParse {
  const lines: BodyLines = { body, starts: lineStarts(body), firstLine: 1 };
  const offsetOf = (line: number) => (line < lines.starts.length ? lines.starts[line]! : body.length);

  const warnings: BodyWarning[] = [];
  const sections: Section[] = [];
  const codeRanges: Array<[number, number]> = [];
  const slugger = createSlugger();

  // Reference links resolve against the whole document's definitions, wherever they
  // are; until the parse has found them all, a section sees only its own (the sections
  // are hashed again below when the document has any).
  let references: LinkReferences | undefined;
  const intro = (end: number): Section => {
    const raw = body.slice(0, end);
    const form = sectionForm(raw, INTRO_HEAD, references);
    const section: Section = {
      kind: 'intro',
      id: INTRO_ID,
      level: 0,
      heading: null,
      explicitId: null,
      start: 0,
      end,
      line: lines.firstLine,
      raw,
      hash: form.hash,
      bodyHash: form.bodyHash,
      words: form.words,
    };
    if (form.legacyHash !== undefined) section.legacyHash = form.legacyHash;
    return section;
  };
  const headingSection = (h: HeadingBlock, end: number): Section => {
    const start = offsetOf(h.line);
    const bodyAt = Math.min(offsetOf(h.endLine), end);
    const raw = body.slice(start, end);
    const form = sectionForm(raw, bodyAt - start, references);
    const section: Section = {
      kind: 'heading',
      id: h.id,
      level: h.level,
      heading: h.heading,
      explicitId: h.explicitId,
      start,
      end,
      line: lines.firstLine + h.line,
      raw,
      hash: form.hash,
      bodyHash: form.bodyHash,
      words: form.words,
    };
    if (form.legacyHash !== undefined) section.legacyHash = form.legacyHash;
    return section;
  };

  // Sections are built while markdown-it runs, each as soon as the next top-level
  // heading ends it: its text is still in the CPU cache, and nothing but the
  // finished sections stays alive (on 10,000 sections that kept scaling linear).
  let open: HeadingBlock | null = null;
  const headings = new Map<Section, HeadingBlock>();
  const cut = (end: number) => {
    if (open) {
      const section = headingSection(open, end);
      headings.set(section, open);
      sections.push(section);
    } else if (end > 0) sections.push(intro(end));
  };
  const definitions = parseBlocks(closeBrokenMarkers(body), (block) => {
    const line = lines.firstLine + block.line;
    if (block.type === 'heading') {
      const { heading, explicitId } = headingOf(block.content);
      if (heading === '') {
        warnings.push({ code: 'empty-heading', line, message: (at) => `heading on line ${at} has no text` });
      }
      const slug = explicitId === null ? slugger.slug(heading) : slugger.claim(explicitId);
      if (slug.duplicate) {
        const wanted = explicitId ?? slug.id.replace(/-\d+$/, '');
        const message = `heading id "${wanted}" is already used; this heading gets "${slug.id}"`;
        warnings.push({ code: 'duplicate-id', line, message: () => message });
      }
      if (block.depth === 0) {
        cut(offsetOf(block.line));
        open = { line: block.line, endLine: block.endLine, level: block.level, heading, explicitId, id: slug.id };
      }
    } else if (block.type === 'fence') {
      codeRanges.push([block.line, block.endLine]);
      if (!isClosedFence(lines, block)) {
        const markup = block.markup;
        warnings.push({ code: 'unclosed-fence', line, message: (at) => `code fence ${markup} opened on line ${at} is never closed; everything after it is code` });
      }
    } else if (block.type === 'code_block') {
      codeRanges.push([block.line, block.endLine]);
    }
  });
  cut(body.length);
  // Hashed again against the document's definitions: sections with reference links when
  // it has any, and any section with a line that looked like a definition to the
  // normaliser alone (inside an HTML block, say, markdown-it takes it for text).
  const hasDefinitions = Object.keys(definitions).length > 0;
  references = definitions;
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    if (hasDefinitions ? section.raw.includes('[') : section.raw.includes(']:')) {
      if (section.kind === 'intro') sections[i] = intro(section.end);
      else sections[i] = headingSection(headings.get(section)!, section.end);
    }
  }
  for (const warning of brokenHeadingWarnings(lines, codeRanges)) warnings.push({ code: warning.code, line: warning.line, message: () => warning.message });
  warnings.sort((a, b) => a.line - b.line);
  return { sections, warnings };
}

// An i18n-drift marker line (`<!-- i18n-drift:stale section="…" … -->`) whose `-->` a
// translator deleted.
const BROKEN_MARKER = /^([ \t]{0,3}<!--[ \t]*i18n-drift:(?:stale|missing)[ \t][^\n]*?)[ \t]*(?:--|->|-|>)?[ \t]*(\r?)$/gm;

/**
 * The body as markdown-it is given it: a marker line missing its `-->` is closed there.
 * Left open, CommonMark makes the rest of the file (or up to the next `-->`) one comment,
 * its headings no sections, and sync would insert them again in English; `check` flags
 * the line instead. Same line count, so block lines still index the real body.
 */
function closeBrokenMarkers(body: string): string {
  if (!body.includes('i18n-drift:')) return body;
  return body.replace(BROKEN_MARKER, (line: string, head: string, cr: string) => (/-->[ \t]*\r?$/.test(line) ? line : `${head} -->${cr}`));
}

/**
 * What a section's text normalises to. A pure function of the text, where its heading
 * lines end, and the references it is normalised against.
 */
interface SectionForm {
  /** Length of the heading lines at the start of the text; `INTRO_HEAD` for an intro (normalised whole). */
  headLength: number;
  hash: string;
  bodyHash: string;
  words: number;
  legacyHash: string | undefined;
}

const INTRO_HEAD = -1;

/**
 * Forms of section texts normalised against their own definitions (the first pass of
 * `parseBody`), by text. A real corpus repeats sections byte for byte: a translation
 * partly left in English, a locale copied from another. On a 5,000-file corpus two
 * sections in five were a repeat of an earlier one, and normalising, hashing and counting
 * their words was most of what parsing added to markdown-it. Emptied with `parsed`.
 */
const forms = new Map<string, SectionForm>();

/** The form of a section's text: remembered when it is normalised against its own definitions (`references` undefined), else computed. */
function sectionForm(raw: string, headLength: number, references: LinkReferences | undefined): SectionForm {
  if (references !== undefined) return formOf(raw, headLength, references);
  const known = forms.get(raw);
  if (known !== undefined && known.headLength === headLength) return known;
  const form = formOf(raw, headLength, undefined);
  forms.set(raw, form);
  return form;
}

/**
 * `hash` is exactly `contentHash(normaliseMarkdown(raw))`; a heading section's body is
 * normalised once and reused when the heading lines normalise to a finished heading
 * (always, short of pathological input, for which the whole text is normalised again).
 */
function formOf(raw: string, headLength: number, references: LinkReferences | undefined): SectionForm {
  if (headLength === INTRO_HEAD) {
    const { text: normalised, legacy } = normaliseWithState(raw, references);
    const hash = contentHash(normalised);
    return { headLength, hash, bodyHash: hash, words: countWords(normalised), legacyHash: legacy === undefined ? undefined : contentHash(legacy) };
  }
  const head = normaliseWithState(raw.slice(0, headLength), references);
  const rest = normaliseWithState(raw.slice(headLength), references);
  const join = (a: string, b: string) => (b ? `${a}\n${b}` : a);
  const whole = !head.endsAfterHeading ? normaliseWithState(raw, references) : null;
  const normalised = whole ? whole.text : join(head.text, rest.text);
  const legacy = whole ? whole.legacy : head.legacy !== undefined || rest.legacy !== undefined ? join(head.legacy ?? head.text, rest.legacy ?? rest.text) : undefined;
  return {
    headLength,
    hash: contentHash(normalised),
    bodyHash: contentHash(rest.text),
    words: countWords(normalised),
    legacyHash: legacy !== undefined && legacy !== normalised ? contentHash(legacy) : undefined,
  };
}

/** Headings read, by their source text (they repeat like sections do). Emptied with `parsed`. */
const headingTexts = new Map<string, { heading: string; explicitId: string | null }>();

function headingOf(content: string): { heading: string; explicitId: string | null } {
  let known = headingTexts.get(content);
  if (known === undefined) headingTexts.set(content, (known = readHeading(content)));
  return known;
}

/** Plain heading text (inline markup stripped) and the explicit `{#id}`, if any. */
function readHeading(content: string): { heading: string; explicitId: string | null } {
  const open = content.lastIndexOf('{#');
  const explicit = open === -1 ? null : EXPLICIT_ID_TAIL.exec(content.slice(open));
  const source = explicit ? content.slice(0, open) : content;
  const heading = source.trim() === '' ? '' : inlinePlainText(source).replace(SPACES, ' ').trim();
  return { heading, explicitId: explicit ? explicit[1]! : null };
}
