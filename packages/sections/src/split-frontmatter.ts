import matter from 'gray-matter';
import { LineCounter, parseDocument as parseYamlDocument, visit } from 'yaml';
import { loadFlatYaml } from './flat-yaml.js';
import { FrontmatterError } from './frontmatter-error.js';
import { countLineBreaks } from './line-starts.js';
import type { Frontmatter } from './types.js';

const BOM = '\uFEFF';
const OPEN = '---';
const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

interface YamlException {
  reason?: string;
  mark?: { line?: number };
}

/**
 * Cuts the frontmatter off a document and parses it.
 *
 * Detection is gray-matter's, reimplemented so that `raw` is byte-exact: the
 * document (after an optional BOM) starts with `---` not followed by another `-`;
 * the rest of that line names the language (empty = YAML); the block ends at the
 * first later line starting with `---`. Lines end with `\n` (CRLF included), or, when
 * the opening line ends with a lone `\r` (old Mac files), with `\r`. `raw` runs from
 * offset 0 (BOM included) through the end of that closing line and its line break
 * (CRLF kept), so `raw + body === text` always. Without frontmatter, `raw` is the BOM or ''.
 * The block is then handed to gray-matter (js-yaml), so `data` is what gray-matter gives.
 *
 * @throws FrontmatterError naming the line: YAML/JSON syntax errors, a block that
 * is never closed, a value that is not a mapping, a YAML alias, or a language other
 * than YAML/JSON (gray-matter would `eval` `---js` blocks; documents are untrusted input).
 */
export function splitFrontmatter(text: string): { frontmatter: Frontmatter; bodyStart: number } {
  const bomLength = text.startsWith(BOM) ? 1 : 0;
  if (!text.startsWith(OPEN, bomLength) || text[bomLength + OPEN.length] === '-') {
    return { frontmatter: { raw: text.slice(0, bomLength), data: {} }, bodyStart: bomLength };
  }
  const afterOpen = bomLength + OPEN.length;
  const nl = frontmatterLineBreak(text, afterOpen);
  const openLineEnd = text.indexOf(nl, afterOpen);
  const closeAt = openLineEnd === -1 ? -1 : text.indexOf(nl + OPEN, openLineEnd);
  if (closeAt === -1) {
    throw new FrontmatterError(1, 'the frontmatter opened by `---` on line 1 is never closed by a `---` line');
  }
  const closeLineEnd = text.indexOf(nl, closeAt + 1);
  const bodyStart = closeLineEnd === -1 ? text.length : closeLineEnd + 1;
  const raw = text.slice(0, bodyStart);

  const language = text.slice(afterOpen, openLineEnd).trim().toLowerCase();
  if (!YAML_LANGUAGES.has(language) && language !== 'json') {
    throw new FrontmatterError(1, `unsupported frontmatter language "${language}" (only YAML and JSON are read)`);
  }
  // js-yaml, gray-matter and `yaml` split lines on `\n` only: a CR-only block is handed to
  // them with `\n`, one for one, so offsets and line numbers stay those of the file.
  const lf = (yaml: string) => (nl === '\r' ? yaml.replace(/\r(?!\n)/g, '\n') : yaml);
  // gray-matter sees exactly the block, without the BOM it would strip anyway.
  const block = lf(text.slice(bomLength, closeAt + 1 + OPEN.length)) + '\n';
  // What the line reader answers holds no alias (it refuses a value or key starting with
  // `*`), so only a block it leaves to js-yaml is searched for one.
  const yaml = language === '' ? plainYamlOf(block) : null;
  let data: unknown = yaml === null ? undefined : flatYaml(yaml);
  if (data === undefined && language !== 'json') refuseAliases(lf(text.slice(openLineEnd + 1, closeAt + 1)));
  try {
    data ??= yaml !== null ? yamlEngine.parse(yaml) : matter(block, { excerpt: false }).data;
  } catch (error) {
    throw toFrontmatterError(error, text, openLineEnd, closeAt);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontmatterError(2, `the frontmatter must be a mapping of keys to values, not ${Array.isArray(data) ? 'a list' : typeof data}`);
  }
  return { frontmatter: { raw, data: data as Record<string, unknown> }, bodyStart };
}

// The function gray-matter's `yaml` engine is (js-yaml's `safeLoad`).
const yamlEngine = (matter as unknown as { engines: { yaml: { parse(yaml: string): unknown } } }).engines.yaml;

/**
 * The YAML gray-matter hands its `yaml` engine (js-yaml's `safeLoad`) for a block whose
 * opening line names no language, by gray-matter's own steps: what lies between the
 * opening line's start and the first `\n---`. Taken without its per-call set-up (merged
 * options, a Buffer copy of the block): that set-up was a quarter of reading the
 * frontmatter of a 5,000-file corpus (apps/cli/bench).
 */
function plainYamlOf(block: string): string {
  const afterOpen = block.slice(OPEN.length);
  return afterOpen.slice(0, afterOpen.indexOf(`\n${OPEN}`));
}

/**
 * `yamlEngine.parse(yaml)` when no YAML parser is needed: `{}` when only comments and
 * blank lines (as gray-matter gives), a flat mapping of one-line scalars (most
 * frontmatter, `loadFlatYaml`); undefined for anything else.
 */
function flatYaml(yaml: string): Record<string, unknown> | undefined {
  if (yaml.replace(/^\s*#[^\n]+/gm, '').trim() === '') return {};
  return loadFlatYaml(yaml);
}

/**
 * The line break of a frontmatter block: a lone `\r` when its opening `---` line ends
 * with one (a CR-only file, whose block `init` writes in CR too), else `\n` (CRLF files
 * end their lines with `\n` as well).
 */
export function frontmatterLineBreak(text: string, afterOpen: number): '\n' | '\r' {
  for (let i = afterOpen; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return '\n';
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\n' : '\r';
  }
  return '\n';
}

/**
 * Frontmatter never needs `*alias`es, and they are how a few hundred bytes become
 * gigabytes (nine levels of `&a [*a, *a, ...]`: 24 s and 2 GB in js-yaml) or a cycle
 * (`x: &a {y: *a}`) that no value can be made of. Found on the syntax tree, which
 * never expands them.
 */
function refuseAliases(yaml: string): void {
  // An alias is written `*name`: without a `*` there is none, and the parse is spared.
  if (!yaml.includes('*')) return;
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(yaml, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  let alias: { offset: number; name: string } | null = null;
  visit(doc, {
    Alias(_, node) {
      alias = { offset: node.range?.[0] ?? 0, name: node.source };
      return visit.BREAK;
    },
  });
  if (alias === null) return;
  const { offset, name } = alias as { offset: number; name: string };
  // The YAML starts on line 2, under the opening `---`.
  const line = 1 + lineCounter.linePos(offset).line;
  throw new FrontmatterError(line, `YAML aliases are not allowed in frontmatter (found *${name}): write the value out`);
}

function toFrontmatterError(error: unknown, text: string, openLineEnd: number, closeAt: number): FrontmatterError {
  const yaml = error as YamlException;
  if (yaml && typeof yaml.mark?.line === 'number') {
    // js-yaml counts from 0 on the opening `---` line's remainder, i.e. file line 1;
    // "end of the stream" errors point past the last line, so clamp to the block.
    const closingLine = countLineBreaks(text.slice(0, closeAt + 1)) + 1;
    const line = Math.min(Math.max(yaml.mark.line + 1, 2), Math.max(closingLine - 1, 2));
    return new FrontmatterError(line, `invalid YAML: ${yaml.reason ?? String(error)}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  // JSON.parse counts from the line break ending the opening `---json` line.
  const line = position ? countLineBreaks(text.slice(openLineEnd, openLineEnd + Number(position[1]))) + 1 : 2;
  return new FrontmatterError(line, `invalid frontmatter: ${message}`, { cause: error });
}
