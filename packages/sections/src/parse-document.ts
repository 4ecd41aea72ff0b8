import { brokenHeadingWarnings, isClosedFence, type BodyLines } from './block-warnings.js';
import { contentHash } from './content-hash.js';
import { countWords } from './count-words.js';
import { createSlugger, INTRO_ID } from './create-slugger.js';
import { DEFAULT_FRONTMATTER_KEYS, frontmatterFields } from './frontmatter-fields.js';
import { countLineBreaks, lineStarts } from './line-starts.js';
import { parseBlocks, parseInline, plainText, type Token } from './markdown-parser.js';
import { normaliseMarkdown, normaliseWithState } from './normalise-markdown.js';
import { splitFrontmatter } from './split-frontmatter.js';
import type { ParsedDocument, ParseOptions, Section, Warning } from './types.js';

// `## Title {#custom-id}`: Docusaurus/kramdown style explicit anchors.
const EXPLICIT_ID = /^([\s\S]*?)[ \t]*\{#([^\s{}]+)\}$/;
const SPACES = /\s+/g;

interface HeadingBlock {
  /** markdown-it line map of the heading, relative to the body. */
  map: [number, number];
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
  const { frontmatter, bodyStart } = splitFrontmatter(text);
  const fields = frontmatterFields(frontmatter.data, options.frontmatterKeys ?? DEFAULT_FRONTMATTER_KEYS);
  const body = bodyStart === 0 ? text : text.slice(bodyStart);
  const lines: BodyLines = { body, starts: lineStarts(body), firstLine: countLineBreaks(frontmatter.raw) + 1 };
  const offsetOf = (line: number) => (line < lines.starts.length ? lines.starts[line]! : body.length);

  const warnings: Warning[] = [];
  const headings: HeadingBlock[] = [];
  const codeRanges: Array<[number, number]> = [];
  const slugger = createSlugger();
  const visit = (tokens: Token[]) => {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'heading_open') {
        const map = token.map as [number, number];
        const line = lines.firstLine + map[0];
        const { heading, explicitId } = readHeading(tokens[i + 1]?.content ?? '');
        if (heading === '') {
          warnings.push({ code: 'empty-heading', line, message: `heading on line ${line} has no text` });
        }
        const slug = explicitId === null ? slugger.slug(heading) : slugger.claim(explicitId);
        if (slug.duplicate) {
          const wanted = explicitId ?? slug.id.replace(/-\d+$/, '');
          warnings.push({ code: 'duplicate-id', line, message: `heading id "${wanted}" is already used; this heading gets "${slug.id}"` });
        }
        if (token.level === 0) {
          headings.push({ map, level: Number(token.tag.slice(1)), heading, explicitId, id: slug.id });
        }
      } else if (token.type === 'fence') {
        const map = token.map as [number, number];
        codeRanges.push(map);
        if (!isClosedFence(lines, token)) {
          const line = lines.firstLine + map[0];
          warnings.push({ code: 'unclosed-fence', line, message: `code fence ${token.markup} opened on line ${line} is never closed; everything after it is code` });
        }
      } else if (token.type === 'code_block') {
        codeRanges.push(token.map as [number, number]);
      }
    }
  };
  parseBlocks(body, lines.starts, visit);
  warnings.push(...brokenHeadingWarnings(lines, codeRanges));
  warnings.sort((a, b) => a.line - b.line);

  const sections: Section[] = [];
  const firstCut = headings.length > 0 ? offsetOf(headings[0]!.map[0]) : body.length;
  if (firstCut > 0) {
    const raw = body.slice(0, firstCut);
    const normalised = normaliseMarkdown(raw);
    const hash = contentHash(normalised);
    sections.push({
      kind: 'intro',
      id: INTRO_ID,
      level: 0,
      heading: null,
      explicitId: null,
      start: bodyStart,
      end: bodyStart + firstCut,
      line: lines.firstLine,
      raw,
      hash,
      bodyHash: hash,
      words: countWords(normalised),
    });
  }
  for (let k = 0; k < headings.length; k++) {
    const h = headings[k]!;
    const start = offsetOf(h.map[0]);
    const end = k + 1 < headings.length ? offsetOf(headings[k + 1]!.map[0]) : body.length;
    const bodyAt = Math.min(offsetOf(h.map[1]), end);
    const raw = body.slice(start, end);
    // `hash` is exactly `contentHash(normaliseMarkdown(raw))`; the body is normalised
    // once and reused when the heading lines normalise to a finished heading (always,
    // short of pathological input, for which the whole section is normalised again).
    const head = normaliseWithState(body.slice(start, bodyAt));
    const bodyNormalised = normaliseMarkdown(body.slice(bodyAt, end));
    const normalised = !head.endsAfterHeading ? normaliseMarkdown(raw) : bodyNormalised ? `${head.text}\n${bodyNormalised}` : head.text;
    sections.push({
      kind: 'heading',
      id: h.id,
      level: h.level,
      heading: h.heading,
      explicitId: h.explicitId,
      start: bodyStart + start,
      end: bodyStart + end,
      line: lines.firstLine + h.map[0],
      raw,
      hash: contentHash(normalised),
      bodyHash: contentHash(bodyNormalised),
      words: countWords(normalised),
    });
  }
  return { frontmatter, fields, sections, warnings };
}

/** Plain heading text (inline markup stripped) and the explicit `{#id}`, if any. */
function readHeading(content: string): { heading: string; explicitId: string | null } {
  const explicit = EXPLICIT_ID.exec(content);
  const source = explicit ? explicit[1]! : content;
  const heading = source.trim() === '' ? '' : plainText(parseInline(source)).replace(SPACES, ' ').trim();
  return { heading, explicitId: explicit ? explicit[2]! : null };
}
