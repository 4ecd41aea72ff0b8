import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import fc from 'fast-check';
import { FrontmatterError } from '@i18n-drift/sections';
import { isMap, isScalar, parseDocument as parseYaml } from 'yaml';
import { findFrontmatter, lineEnding, readPins, readPinsAfresh, readPinsShared, setPin, writePins, writePinsRemembered } from './pins.js';
import type { SourcePins } from './types.js';

const pins: SourcePins = { commit: 'abc123', sections: { 'frontmatter.title': 'h0', intro: 'h1', 'visitor-data': 'h2' } };

describe('readPins', () => {
  it('returns null without frontmatter or without the i18n key', () => {
    expect(readPins('# Title\n')).toBeNull();
    expect(readPins('---\ntitle: x\n---\nbody\n')).toBeNull();
  });

  it('reads commit and sections, keeping hashes that look like numbers as written', () => {
    const text = outdent`
      ---
      title: x
      i18n:
        commit: 0123
        sections:
          intro: 1e5
          visitor-data: abc
      ---
      body
    `;
    expect(readPins(text)).toEqual({ commit: '0123', sections: { intro: '1e5', 'visitor-data': 'abc' } });
  });

  it('reads a block without commit as commit null', () => {
    expect(readPins('---\ni18n:\n  sections:\n    intro: x\n---\n')).toEqual({ commit: null, sections: { intro: 'x' } });
  });

  it.each([
    ['i18n is a scalar', '---\ntitle: x\ni18n: nope\n---\n', 3],
    ['sections is a list', '---\ntitle: x\ni18n:\n  commit: a\n  sections:\n    - intro\n---\n', 5],
    ['an unknown key', '---\ni18n:\n  commit: a\n  sectoins: {}\n---\n', 4],
    ['a section without hash', '---\ni18n:\n  sections:\n    intro:\n---\n', 4],
    ['a YAML syntax error', '---\ntitle: x\ni18n: [\n  a: b\n---\n', 4],
  ])('throws FrontmatterError naming the line for %s', (_name, text, line) => {
    let error: unknown;
    try {
      readPins(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrontmatterError);
    expect((error as FrontmatterError).line).toBe(line);
  });
});

describe('readPinsShared', () => {
  const texts = [
    '# Title\n',
    '---\ntitle: x\n---\nbody\n',
    writePins('---\ntitle: x\n---\nbody\n', pins),
    writePins('body\n', { commit: null, sections: { __proto__x: 'a', '2024': 'b', intro: 'c' } }),
    '---\ni18n:\n  commit: "abc"\n  sections: {intro: x, "a b": y}\n---\n',
  ];

  it('reads what readPins reads, for every shape of block', () => {
    for (const text of texts) expect(readPinsShared(text), text).toEqual(readPins(text));
  });

  it('hands out one frozen object per text, which no copy from readPins shares', () => {
    const text = texts[2]!;
    const shared = readPinsShared(text)!;
    expect(readPinsShared(text)).toBe(shared);
    expect(Object.isFrozen(shared) && Object.isFrozen(shared.sections)).toBe(true);
    expect(() => {
      (shared.sections as Record<string, string>)['intro'] = 'changed';
    }).toThrow(TypeError);
    const copy = readPins(text)!;
    copy.sections['intro'] = 'changed';
    copy.commit = 'other';
    expect(readPinsShared(text)).toEqual(pins);
    expect(readPins(text)).toEqual(pins);
  });

  it('throws what readPins throws', () => {
    const text = '---\ntitle: x\ni18n: nope\n---\n';
    expect(() => readPinsShared(text)).toThrow(FrontmatterError);
    expect(() => readPins(text)).toThrow(FrontmatterError);
  });
});

describe('writePins', () => {
  it('creates a frontmatter block when the file has none, keeping a BOM first', () => {
    const out = writePins('\uFEFF# Titre\n', pins);
    expect(out).toBe('\uFEFF---\ni18n:\n  commit: abc123\n  sections:\n    frontmatter.title: h0\n    intro: h1\n    visitor-data: h2\n---\n# Titre\n');
    expect(readPins(out)).toEqual(pins);
  });

  it('appends to an existing frontmatter without touching other keys, quoting or comments', () => {
    const text = outdent`
      ---
      title: 'Comment nous utilisons vos données'   # quoted on purpose
      description: "x"
      ---

      Corps
    ` + '\n';
    const out = writePins(text, pins);
    expect(out.startsWith(text.split('---\n\n')[0]!)).toBe(true);
    expect(out.endsWith('---\n\nCorps\n')).toBe(true);
    expect(readPins(out)).toEqual(pins);
  });

  it('replaces an existing i18n block in place, other keys before and after unchanged', () => {
    const text = outdent`
      ---
      title: x # comment
      i18n:
        commit: old
        sections:
          intro: old
      # about layout
      layout: "page"
      ---
      body
    ` + '\n';
    const out = writePins(text, { commit: null, sections: { intro: 'new' } });
    expect(out).toBe(outdent`
      ---
      title: x # comment
      i18n:
        sections:
          intro: new
      # about layout
      layout: "page"
      ---
      body
    ` + '\n');
  });

  it('keeps CRLF line endings', () => {
    const text = '---\r\ntitle: x\r\n---\r\nbody\r\n';
    const out = writePins(text, pins);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(readPins(out)).toEqual(pins);
    expect(writePins(out, { ...pins, commit: 'def' })).toBe(out.replace('abc123', 'def'));
  });

  it('keeps CR-only line endings (old Mac): the block it adds, creates or rewrites is in CR', () => {
    expect([lineEnding('a\rb\r'), lineEnding('a\r\nb'), lineEnding('a\nb'), lineEnding('ab')]).toEqual(['\r', '\r\n', '\n', '\n']);
    // No frontmatter yet: one is created, in CR.
    const created = writePins('\uFEFF# T\r\rBody.\r', pins);
    expect(created).not.toContain('\n');
    expect(created.startsWith('\uFEFF---\ri18n:\r  commit: abc123\r')).toBe(true);
    expect(created.endsWith('\r---\r# T\r\rBody.\r')).toBe(true);
    expect(readPins(created)).toEqual(pins);
    // A CR frontmatter with other keys: appended after them, then replaced in place.
    const text = '---\rtitle: x # kept\r---\r# T\r';
    const out = writePins(text, pins);
    expect(out).not.toContain('\n');
    expect(out.startsWith('---\rtitle: x # kept\ri18n:\r')).toBe(true);
    expect(readPins(out)).toEqual(pins);
    expect(writePins(out, pins)).toBe(out);
    expect(writePins(out, { ...pins, commit: 'def' })).toBe(out.replace('abc123', 'def'));
    expect(findFrontmatter(out)).toMatchObject({ lineBreak: '\r', end: out.indexOf('\r---\r') + 5 });
    // Hand-edited (not canonical) pins go through the YAML parser, which sees the same lines.
    const edited = '---\ri18n:\r  # a comment\r  commit: abc123\r  sections: {intro: h1}\rtitle: x\r---\r# T\r';
    expect(readPins(edited)).toEqual({ commit: 'abc123', sections: { intro: 'h1' } });
    const rewritten = writePins(edited, pins);
    expect(rewritten).not.toContain('\n');
    expect(readPins(rewritten)).toEqual(pins);
    expect(rewritten).toContain('\rtitle: x\r---\r# T\r');
    // Errors name the file's line.
    const lineOf = (text: string) => {
      try {
        readPins(text);
      } catch (error) {
        return (error as FrontmatterError).line;
      }
      return null;
    };
    expect(lineOf('---\ntitle: x\nbad: [\ni18n:\n  commit: a\n---\n')).toBeGreaterThanOrEqual(3);
    expect(lineOf('---\rtitle: x\rbad: [\ri18n:\r  commit: a\r---\r')).toBe(lineOf('---\ntitle: x\nbad: [\ni18n:\n  commit: a\n---\n'));
    expect(lineOf('---\rtitle: x\ri18n:\r  commit: [\r---\r')).toBe(4);
  });

  it('quotes ids and hashes YAML would misread', () => {
    const odd: SourcePins = { commit: '1e3', sections: { 'a: b': '0x10', '#x': 'true', 'q"': 'null' } };
    expect(readPins(writePins('---\n---\n', odd))).toEqual(odd);
  });

  it('round-trips and is idempotent for arbitrary pins', () => {
    const id = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff]/.test(s));
    const hash = fc.stringMatching(/^[0-9a-f]{1,16}$/);
    const arbPins = fc.record({ commit: fc.option(hash, { nil: null }), sections: fc.dictionary(id, hash) });
    const base = fc.constantFrom('', '---\ntitle: x\n---\n\nbody\n', '---\r\na: 1\r\n---\r\n', '---\ni18n:\n  commit: z\n---\n# H\n');
    fc.assert(
      fc.property(base, arbPins, arbPins, (text, p1, p2) => {
        const once = writePins(text, p1);
        expect(readPins(once)).toEqual(p1);
        expect(writePins(once, p1)).toBe(once);
        const twice = writePins(once, p2);
        expect(readPins(twice)).toEqual(p2);
        expect(writePins(twice, p1)).toBe(once);
      }),
    );
  });
});

describe('the canonical pin block', () => {
  it('reports a YAML error after the block with its file line', () => {
    const text = writePins('---\ntitle: x\n---\n', pins) .replace('---\n', '---\nfoo: 1\n').replace(/---\n$/, 'bad: [\n---\n');
    let line = 0;
    try {
      readPins(text);
    } catch (e) {
      line = (e as FrontmatterError).line;
    }
    expect(text.split('\n')[line - 1]).toBe('bad: [');
  });

  it('reads 10,000 pins written canonically, and hand-edited blocks through the YAML parser', () => {
    const many: SourcePins = { commit: 'c', sections: Object.fromEntries(Array.from({ length: 10_000 }, (_, k) => [`section-${k}`, k.toString(16).padStart(16, '0')])) };
    const text = writePins('---\ntitle: x\n---\n', many);
    expect(readPins(text)).toEqual(many);
    expect(readPins(text.replace('  commit: c\n', "  commit: 'c'  # quoted by hand\n"))).toEqual(many);
  });
});

describe('hand-edited pin blocks', () => {
  it('reads and rewrites a block with blank lines and comments inside, through the YAML parser', () => {
    const text = '---\ntitle: x\ni18n:\n  commit: a\n\n  sections:\n    # kept by hand\n    intro: h1\n\n    b: h2\nlayout: page\n---\nbody\n';
    expect(readPins(text)).toEqual({ commit: 'a', sections: { intro: 'h1', b: 'h2' } });
    const out = writePins(text, { commit: 'z', sections: { intro: 'h3' } });
    expect(out).toBe('---\ntitle: x\ni18n:\n  commit: z\n  sections:\n    intro: h3\nlayout: page\n---\nbody\n');
  });
});

describe('frontmatter checks remembered per YAML text', () => {
  const yamlErrors = (yaml: string) => parseYaml(yaml, { uniqueKeys: false }).errors.length;

  it('checks a changed frontmatter anew: valid, then broken, then valid again', () => {
    const good = '---\ntitle: Données\n---\n# Titre\n';
    const broken = '---\ntitle: Données\n  bad: [\n---\n# Titre\n';
    expect(readPins(good)).toBeNull();
    expect(() => readPins(broken)).toThrow(FrontmatterError);
    expect(() => writePins(broken, pins)).toThrow(FrontmatterError);
    expect(readPins(writePins(good, pins))).toEqual(pins);
    // The pinned text's YAML around its block is the one checked before: still read, still valid.
    expect(readPins(writePins(good, pins))).toEqual(pins);
  });

  it('names the same line whether the YAML was checked before or not', () => {
    const broken = '---\ntitle: "open\ndescription: x\n---\n# T\n';
    let first: FrontmatterError | undefined;
    let second: FrontmatterError | undefined;
    try {
      readPins(broken);
    } catch (e) {
      first = e as FrontmatterError;
    }
    try {
      writePins(broken, pins);
    } catch (e) {
      second = e as FrontmatterError;
    }
    expect(first).toBeInstanceOf(FrontmatterError);
    expect([second?.line, second?.reason]).toEqual([first?.line, first?.reason]);
  });

  it('finds a plain `i18n:` key in simple frontmatter and reads it as the parser would', () => {
    expect(() => readPins('---\ntitle: A\ni18n: nope\n---\n')).toThrow(/must be a mapping/);
    expect(readPins('---\ntitle: A\n---\n')).toBeNull();
  });

  it('agrees with the YAML parser on any key: value lines (property)', () => {
    const char = fc.constantFrom('a', 'Z', 'é', '1', ' ', ':', '#', '"', "'", '-', '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '\\', ',', '.', '?', '\t', '’', 'i18n');
    const common = fc.constantFrom('title: A b', "title: l'été 2019 (v2)!", 'date: 2019-12-10', 'caption: "Note: #1"', "img: 'a.jpg'", 'empty:', 'x: 1.5', 'n: no', 'i18n:', '  - item', '- b', '   - "c: d"', '  - e f', 'tags:', '  - 1st', '    - g', 'patterns: [simon]', 'tags: [a, b c]', 'tags: [a,b]', 'tags: []', 'tags: [ a ]', 'date: 2018-11-30T00:00:00.000Z', 'url: https://x.y/z?a=1&b', 'title: Accounts & privacy', 't: a *b', 't: a*', 't: a:b', 't: a:', 't: a: b', 't: a :b', 't: [a:b]', 't: [a, b]x', 't: [a,]', 't: [x]]', '  - [a, b]', 't: a:,b', 't: [a, [b]]', 't: [a #b]', 'i18n: [a]');
    const random = fc.tuple(fc.constantFrom('title', 'a-b', 'x_1', 'i18n', 'date', '- item', ' indented', ''), fc.constantFrom(':', ': ', ''), fc.array(char, { maxLength: 12 })).map(([key, colon, value]) => key + colon + value.join(''));
    const line = fc.oneof(common, random);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        const yaml = lines.join('\n') + '\n';
        const text = `---\n${yaml}---\n# Body\n`;
        let threw = false;
        try {
          readPins(text);
        } catch (error) {
          if (!(error instanceof FrontmatterError)) throw error;
          threw = true;
        }
        const doc = parseYaml(yaml, { uniqueKeys: false });
        const hasPins = yamlErrors(yaml) === 0 && isMap(doc.contents) && doc.contents.items.some((p) => isScalar(p.key) && String(p.key.value) === 'i18n');
        // A YAML error always throws; without one and without pins, nothing does.
        if (yamlErrors(yaml) > 0) expect(threw).toBe(true);
        else if (!hasPins) expect(threw).toBe(false);
        // Writing pins never hides an error; into a block mapping they read back.
        if (yamlErrors(yaml) > 0) expect(() => writePins(text, pins)).toThrow(FrontmatterError);
        else if (!hasPins && isMap(doc.contents) && !doc.contents.flow) expect(readPins(writePins(text, pins))).toEqual(pins);
      }),
      { numRuns: 4000 },
    );
  });
});

describe('setPin', () => {
  it('makes an own, enumerable pin of any id, the prototype untouched', () => {
    const sections: Record<string, string> = {};
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'intro', '10']) setPin(sections, id, `h-${id}`);
    setPin(sections, 'intro', 'h-again');
    expect(Object.getPrototypeOf(sections)).toBe(Object.prototype);
    expect(Object.keys(sections).sort()).toEqual(['10', '__proto__', 'constructor', 'hasOwnProperty', 'intro', 'toString']);
    expect(Object.entries(sections).find(([id]) => id === '__proto__')?.[1]).toBe('h-__proto__');
    expect(sections['intro']).toBe('h-again');
    expect(JSON.parse(JSON.stringify(sections))).toMatchObject({ constructor: 'h-constructor', intro: 'h-again' });
  });
});

describe('writePinsRemembered', () => {
  /** The pins as read, with their order (`toEqual` ignores key order; alignment relies on it). */
  const asRead = (read: () => SourcePins | null) => {
    try {
      const pins = read();
      return pins === null ? null : { commit: pins.commit, sections: Object.entries(pins.sections) };
    } catch (error) {
      if (!(error instanceof FrontmatterError)) throw error;
      return { error: [error.line, error.reason] };
    }
  };
  const id = fc.oneof(
    fc.constantFrom('intro', 'frontmatter.title', 'visitor-data', '__proto__', 'constructor', '10', '2', '0123', '1e5', 'true', 'a: b', 'x #y', 'i18n', '"q"', "l'été", 'é', ' lead', 'a\\b', 'tab\there', '-dash', 'sections', 'commit', '2019-12-10'),
    fc.string({ maxLength: 6 }),
  );
  const hash = fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), fc.constantFrom('0123', '1e5', 'null', 'a b', '"x"', ''), fc.string({ maxLength: 4 }));
  const pinsArb = fc.record({
    commit: fc.oneof(fc.constant(null), fc.stringMatching(/^[0-9a-f]{7,40}$/), fc.constantFrom('', '0123', 'a b', 'HEAD~1', '#x')),
    sections: fc.array(fc.tuple(id, hash), { maxLength: 6 }),
  }).map(({ commit, sections }) => {
    const out: SourcePins = { commit, sections: {} };
    for (const [key, value] of sections) setPin(out.sections, key, value);
    return out;
  });
  const yamlLine = fc.constantFrom('title: A b', "title: 'l''été'", 'description: "x: y"', 'tags:', '  - a', '- b', '# i18n: note', '  i18n: nested', 'i18n: x', 'i18n :', '"i18n": x', 'desc: |', '  block', 'desc: >-', '{a: 1}', '[a]', 'x: [', '...', '---x', 'key: value # c', '', '  ', '\t', 'date: 2019-12-10', 'a: &x 1', 'b: *x', 'title: Accounts & privacy', '[a,', 'i18n: b]', 'title: "a', 'i18n: b"', '- i18n: c');
  const frontmatter = fc.oneof(
    fc.constant(null),
    fc.array(yamlLine, { maxLength: 5 }).map((lines) => lines.map((line) => `${line}\n`).join('')),
    fc.array(yamlLine, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
  );
  const body = fc.constantFrom('', '# Titre\n', 'Corps\n\n## A\n', '----\nhr\n', '---\n', '\uFEFF# T\n', 'no break');
  const text = fc.tuple(fc.boolean(), frontmatter, body, fc.constantFrom('\n', '\r\n', '\r')).map(([bom, yaml, rest, eol]) => {
    const plain = yaml === null ? rest : `---\n${yaml}${yaml.endsWith('\n') || yaml === '' ? '' : '\n'}---\n${rest}`;
    return (bom ? '\uFEFF' : '') + plain.replace(/\n/g, eol);
  });

  it('writes what writePins writes, and readPinsShared then reads what a fresh read gives (property)', () => {
    fc.assert(
      fc.property(text, pinsArb, (original, pins) => {
        const outcome = (write: typeof writePins) => {
          try {
            return write(original, pins);
          } catch (error) {
            if (!(error instanceof FrontmatterError)) throw error;
            return [error.line, error.reason];
          }
        };
        const expected = outcome(writePins);
        const out = outcome(writePinsRemembered);
        expect(out).toEqual(expected);
        if (typeof out !== 'string') return;
        expect(asRead(() => readPinsShared(out) as SourcePins | null)).toEqual(asRead(() => readPinsAfresh(out)));
      }),
      { numRuns: 3000 },
    );
  });

  it('remembers the pins of every seed translation and fixture it adopts as a fresh read gives them', async () => {
    const texts = await seedAndFixtureTexts();
    expect(texts.length).toBeGreaterThan(20);
    for (const original of texts) {
      if (readPinsShared(original) !== null) continue;
      const out = writePinsRemembered(original, pins);
      expect(asRead(() => readPinsShared(out) as SourcePins | null), original).toEqual(asRead(() => readPinsAfresh(out)));
    }
  });
});

/** Every Markdown seed and fixture, each also without its pin block (as adoption finds a translation). */
async function seedAndFixtureTexts(): Promise<string[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(fileURLToPath(new URL('../../../locales', import.meta.url)));
  walk(fileURLToPath(new URL('./fixtures', import.meta.url)));
  return [...texts, ...texts.map((text) => text.replace(/^i18n:\r?\n(?: {2}.*\r?\n)+/m, ''))];
}
