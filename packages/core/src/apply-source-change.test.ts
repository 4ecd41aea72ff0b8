import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { outdent } from 'outdent';
import { adopt } from './adopt.js';
import { applySourceChange } from './apply-source-change.js';
import { readPins } from './pins.js';
import { resolve } from './resolve.js';
import { findMarkers, formatMarker } from './stale-marker.js';

const seed = (locale: string) => readFileSync(new URL(`../../../locales/${locale}/your-data.md`, import.meta.url), 'utf8');
const en = seed('en');

/** Golden output beside the test; `UPDATE=1` rewrites it. */
function golden(name: string, text: string): void {
  // Pin hashes belong to @i18n-drift/sections' normalisation; the golden shows behaviour.
  text = text.replace(/^( {4}\S+: )[0-9a-f]{16}\r?$/gm, '$1<hash>');
  const file = new URL(`./fixtures/ops/${name}.expected.md`, import.meta.url);
  // A missing golden file fails: it is written only with UPDATE=1, never to make a test pass.
  if (!process.env.UPDATE && !existsSync(file)) throw new Error(`${file.pathname} is missing: run with UPDATE=1 to write it, then review it`);
  if (process.env.UPDATE) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const marker = (kind: 'stale' | 'missing', section: string, since: string | null = 'c1') => formatMarker({ kind, section, since }) + '\n';

// Realistic English edits of locales/en/your-data.md. Sections are flat, so the `<Note>`
// wrappers belong to the sections they sit in: the intro ends with the first `<Note>`,
// "Visitor data" runs through the broken `$#### Profile data` block to the next `<Note>`.
const modelAt = en.indexOf('<Note>\n\n##### Model data');
const visitorAt = en.indexOf('<Note>\n\n##### Visitor data');
const edits = {
  retention: en.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.'),
  added: en.slice(0, modelAt) + '<Note>\n\n##### Newsletter data\n\n-   **What personal data do we store?**\n    -   Your e-mail address\n\n</Note>\n\n' + en.slice(modelAt),
  removed: en.slice(0, modelAt).replace(/\n$/, ''),
  reordered: en.slice(0, visitorAt) + en.slice(modelAt) + '\n' + en.slice(visitorAt, modelAt).replace(/\n$/, ''),
  renamed: en.replace('##### Visitor data', '##### Visitor information').replace('6 months', '3 months'),
  reflow: en
    .replace(/^-   /gm, '- ')
    .replace(/^    -   /gm, '  - ')
    .replace('These roles are cumulative. If you are a user, you are also a visitor. And', 'These roles are cumulative. If you are a user, you are also a visitor.\nAnd'),
};

describe.each(['fr', 'nl'])('the %s seed', (locale) => {
  const original = seed(locale);
  const adopted = adopt(en, original, { sourceCommit: 'c0' });
  const apply = (next: string, text = adopted.text, commit = 'c1') => applySourceChange(en, next, text, { sourceCommit: commit });
  const body = (text: string) => text.slice(text.indexOf('\n---\n') + 5);

  it('adopts every section: only the i18n block is added to the frontmatter', () => {
    expect(adopted.alignment.unalignedTranslation).toEqual([]);
    expect(adopted.alignment.unalignedSource).toEqual([]);
    expect(adopted.alignment.pairs.map((p) => [p.sourceId, p.translationId, p.method])).toEqual([
      ['frontmatter.title', 'frontmatter.title', 'id'],
      ['intro', 'intro', 'id'],
      ['visitor-data', 'visitor-data', 'id'],
      ['model-data', 'model-data', 'id'],
    ]);
    const pins = readPins(adopted.text)!;
    expect(pins.commit).toBe('c0');
    expect(Object.keys(pins.sections)).toEqual(['frontmatter.title', 'intro', 'visitor-data', 'model-data']);
    expect(adopted.text.replace(/^i18n:\n(?: {2}.*\n)+/m, '')).toBe(original);
    expect(adopt(en, adopted.text, { sourceCommit: 'c0' }).text).toBe(adopted.text);
    golden(`adopt.${locale}`, adopted.text);
  });

  it('a changed retention period marks only "Visitor data" stale, every other byte unchanged', () => {
    const { text, changes } = apply(edits.retention);
    expect(changes.map((c) => [c.kind, c.id, c.state])).toEqual([['modified', 'visitor-data', 'stale']]);
    expect(changes[0]!.words?.some((w) => w.removed && w.value.includes('6'))).toBe(true);
    expect(text).toBe(adopted.text.replace('commit: c0', 'commit: c1').replace('##### Visitor data\n', `##### Visitor data\n${marker('stale', 'visitor-data')}`));
    // The stale section keeps the hash of the English it translates.
    expect(readPins(text)!.sections).toEqual(readPins(adopted.text)!.sections);
    expect(apply(edits.retention, text).text).toBe(text);
    golden(`retention.${locale}`, text);
  });

  it('a second change to a stale section keeps the first "since" and the old pin', () => {
    const once = apply(edits.retention).text;
    const next = edits.retention.replace('Do we share it?**\n    -   No, never.', 'Do we share it?**\n    -   Never.');
    const { text, changes } = applySourceChange(edits.retention, next, once, { sourceCommit: 'c2' });
    expect(changes.map((c) => [c.id, c.state])).toEqual([['visitor-data', 'stale']]);
    expect(findMarkers(text).map((m) => [m.section, m.since])).toEqual([['visitor-data', 'c1']]);
    expect(text).toBe(once.replace('commit: c1', 'commit: c2'));
  });

  it('a new English section is inserted in English at the aligned position, marked missing, unpinned', () => {
    const { text, changes } = apply(edits.added);
    expect(changes.map((c) => [c.kind, c.id, c.state])).toEqual([['added', 'newsletter-data', 'missing']]);
    const inserted = `##### Newsletter data\n${marker('missing', 'newsletter-data')}\n-   **What personal data do we store?**\n    -   Your e-mail address\n\n</Note>\n\n<Note>\n\n`;
    expect(text).toBe(adopted.text.replace('commit: c0', 'commit: c1').replace('##### Model data\n', `${inserted}##### Model data\n`));
    expect(readPins(text)!.sections).not.toHaveProperty('newsletter-data');
    expect(apply(edits.added, text).text).toBe(text);
    golden(`added.${locale}`, text);
  });

  it('a later commit that leaves a section still missing does not report it again (it was inserted by the earlier one)', () => {
    const once = apply(edits.added).text;
    const next = edits.added.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.');
    const { text, changes } = applySourceChange(edits.added, next, once, { sourceCommit: 'c2' });
    expect(changes.map((c) => [c.kind, c.id, c.state])).toEqual([['modified', 'visitor-data', 'stale']]);
    expect(findMarkers(text).map((m) => [m.kind, m.section, m.since])).toEqual([
      ['stale', 'visitor-data', 'c2'],
      ['missing', 'newsletter-data', 'c1'],
    ]);
  });

  it('a removed English section loses its translation; the section before it goes stale for its moved </Note> wrapper', () => {
    const { text, changes } = apply(edits.removed);
    expect(changes.map((c) => [c.kind, c.id, c.state])).toEqual([
      ['modified', 'visitor-data', 'stale'],
      ['removed', 'model-data', 'removed'],
    ]);
    const cut = adopted.text.slice(0, adopted.text.indexOf('##### Model data'));
    expect(text).toBe(cut.replace('commit: c0', 'commit: c1').replace(/^ {4}model-data: .*\n/m, '').replace('##### Visitor data\n', `##### Visitor data\n${marker('stale', 'visitor-data')}`));
    expect(apply(edits.removed, text).text).toBe(text);
    golden(`removed.${locale}`, text);
  });

  it('a reordered English section is moved in the translation, its text kept', () => {
    const { text, changes } = apply(edits.reordered);
    expect(changes.map((c) => [c.kind, c.id, c.state, c.moved])).toEqual([
      ['modified', 'model-data', 'stale', true],
      ['modified', 'visitor-data', 'stale', false],
    ]);
    const sections = body(text);
    expect(sections.indexOf('##### Model data')).toBeLessThan(sections.indexOf('##### Visitor data'));
    expect(Object.keys(readPins(text)!.sections)).toEqual(['frontmatter.title', 'intro', 'model-data', 'visitor-data']);
    // Both translated sections are there byte for byte (markers aside).
    const unmarked = text.replace(/^<!-- i18n-drift:.*\n/gm, '');
    const trModel = original.slice(original.indexOf('##### Model data'));
    const trVisitor = original.slice(original.indexOf('##### Visitor data'), original.indexOf('##### Model data'));
    expect(unmarked).toContain(trModel);
    expect(unmarked).toContain(trVisitor);
    expect(apply(edits.reordered, text).text).toBe(text);
    golden(`reordered.${locale}`, text);
  });

  it('a renamed heading with an edited body keeps the translation, marks it stale under the new id and re-keys its pin', () => {
    const { text, changes } = apply(edits.renamed);
    expect(changes.map((c) => [c.kind, c.id, c.oldId, c.state, c.translationId])).toEqual([['renamed', 'visitor-information', 'visitor-data', 'stale', 'visitor-data']]);
    const oldHash = readPins(adopted.text)!.sections['visitor-data'];
    expect(text).toBe(
      adopted.text
        .replace('commit: c0', 'commit: c1')
        .replace(`    visitor-data: ${oldHash}`, `    visitor-information: ${oldHash}`)
        .replace('##### Visitor data\n', `##### Visitor data\n${marker('stale', 'visitor-information')}`),
    );
    expect(apply(edits.renamed, text).text).toBe(text);
    golden(`renamed.${locale}`, text);
  });

  it('a formatting-only reflow re-pins silently: only the commit changes', () => {
    const { text, changes } = apply(edits.reflow);
    expect(changes.every((c) => c.kind === 'formatting' && c.state === 'repinned')).toBe(true);
    expect(changes.length).toBeGreaterThan(0);
    expect(text).toBe(adopted.text.replace('commit: c0', 'commit: c1'));
  });

  it('resolve re-pins a section whose marker the translator removed', () => {
    const stale = apply(edits.retention).text;
    expect(resolve(edits.retention, stale).resolved).toEqual([]);
    const translated = stale.replace(marker('stale', 'visitor-data'), '').replace(/6 (mois|maanden|months)\./, '3 $1.');
    const { text, resolved } = resolve(edits.retention, translated);
    expect(resolved).toEqual(['visitor-data']);
    expect(body(text)).toBe(body(translated));
    const after = applySourceChange(en, edits.retention, text, { sourceCommit: 'c1' });
    expect(findMarkers(after.text)).toEqual([]);
    expect(resolve(edits.retention, text).text).toBe(text);
  });
});

describe('translated headings', () => {
  const fr = seed('fr').replace('##### Visitor data', '##### Données des visiteurs').replace('##### Model data', '##### Données des modèles');

  it('aligns by structure and landmarks, then marks the translated heading', () => {
    const { text, alignment } = adopt(en, fr, { sourceCommit: 'c0' });
    expect(alignment.pairs.map((p) => [p.sourceId, p.translationId, p.method])).toEqual([
      ['frontmatter.title', 'frontmatter.title', 'id'],
      ['intro', 'intro', 'id'],
      ['visitor-data', 'données-des-visiteurs', 'landmark'],
      ['model-data', 'données-des-modèles', 'landmark'],
    ]);
    expect(alignment.pairs.every((p) => p.confidence >= 0.8)).toBe(true);
    const out = applySourceChange(en, edits.retention, text, { sourceCommit: 'c1' }).text;
    expect(out).toBe(text.replace('commit: c0', 'commit: c1').replace('##### Données des visiteurs\n', `##### Données des visiteurs\n${marker('stale', 'visitor-data')}`));
  });
});

describe('small cases', () => {
  it('a pure move is moved, not marked', () => {
    const v1 = outdent`
      # Policy

      Intro.

      ## A

      Alpha.

      ## B

      Beta.

      ## C

      Gamma.
    ` + '\n';
    const v2 = v1.replace('## B\n\nBeta.\n\n', '').replace('## C\n\nGamma.\n', '## C\n\nGamma.\n\n## B\n\nBeta.\n');
    const tr = adopt(v1, v1.replace('Alpha.', 'Alfa.').replace('Beta.', 'Bèta.').replace('Gamma.', 'Gamma!'), { sourceCommit: 'c0' }).text;
    const { text, changes } = applySourceChange(v1, v2, tr, { sourceCommit: 'c1' });
    // The diff may call B or C the moved one; either way the translation ends in the new order.
    expect(changes.filter((c) => c.state !== 'repinned').map((c) => c.state)).toEqual(['moved']);
    expect(text.slice(text.indexOf('# Policy'))).toBe('# Policy\n\nIntro.\n\n## A\n\nAlfa.\n\n## C\n\nGamma!\n\n## B\n\nBèta.\n\n'); // B keeps its own trailing blank line
    expect(findMarkers(text)).toEqual([]);
    expect(applySourceChange(v1, v2, text, { sourceCommit: 'c1' }).text).toBe(text);
  });

  it('creates a whole translation file from nothing, every section missing', () => {
    const { text } = applySourceChange('', en, '', { sourceCommit: 'c9' });
    expect(findMarkers(text).map((m) => [m.kind, m.section])).toEqual([
      ['missing', 'frontmatter.title'],
      ['missing', 'intro'],
      ['missing', 'visitor-data'],
      ['missing', 'model-data'],
    ]);
    expect(text.replace(/^<!-- i18n-drift:.*\n/gm, '').replace(/^i18n:\n(?: {2}.*\n)+/m, '')).toBe(en);
    expect(readPins(text)).toEqual({ commit: 'c9', sections: {} });
    expect(applySourceChange('', en, text, { sourceCommit: 'c9' }).text).toBe(text);
  });

  it('a changed frontmatter title is marked stale at the start of the body', () => {
    const tr = adopt(en, seed('fr'), { sourceCommit: 'c0' }).text;
    const next = en.replace('title: How we use your personal data', 'title: How we use your data');
    const { text, changes } = applySourceChange(en, next, tr, { sourceCommit: 'c1' });
    expect(changes.map((c) => [c.kind, c.id, c.state])).toEqual([['modified', 'frontmatter.title', 'stale']]);
    expect(text).toBe(tr.replace('commit: c0', 'commit: c1').replace('---\n\nPour', `---\n${marker('stale', 'frontmatter.title')}\nPour`));
    expect(applySourceChange(en, next, text, { sourceCommit: 'c1' }).text).toBe(text);
  });

  it('keeps CRLF line endings and a BOM', () => {
    const crlf = (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n');
    const tr = adopt(crlf(en), crlf(seed('nl')), { sourceCommit: 'c0' }).text;
    const { text } = applySourceChange(crlf(en), crlf(edits.added), tr, { sourceCommit: 'c1' });
    expect(text.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(findMarkers(text).map((m) => m.section)).toEqual(['newsletter-data']);
  });

  it('reordering sections with duplicate headings (their numbered ids swap) moves each translation with its English', () => {
    const faq = (blocks: string[]) => `# FAQ\n\n${blocks.join('\n')}`;
    const billing = '## Billing\n\n### Question\n\nHow do I pay?\n\n### Answer\n\nBy card.\n';
    const accounts = '## Accounts\n\n### Question\n\nHow do I sign up?\n\n### Answer\n\nWith an e-mail address.\n';
    const v1 = faq([billing, accounts]);
    const v2 = faq([accounts, billing]);
    const fr = '# FAQ\n\n## Facturation\n\n### Question\n\nComment payer ?\n\n### Réponse\n\nPar carte.\n\n## Comptes\n\n### Question\n\nComment s’inscrire ?\n\n### Réponse\n\nAvec une adresse e-mail.\n';
    const adopted = adopt(v1, fr, { sourceCommit: 'c0' }).text;
    expect(Object.keys(readPins(adopted)!.sections)).toEqual(['faq', 'billing', 'question', 'answer', 'accounts', 'question-1', 'answer-1']);
    const { text, changes } = applySourceChange(v1, v2, adopted, { sourceCommit: 'c1' });
    // Nothing was edited: no marker, and every translated block follows its English.
    expect(findMarkers(text)).toEqual([]);
    expect(changes.filter((c) => c.state === 'stale' || c.state === 'missing')).toEqual([]);
    // (a moved last section keeps the blank line that separated it from the next one)
    const body = text.slice(text.indexOf('# FAQ')).trimEnd() + '\n';
    expect(body).toBe('# FAQ\n\n## Comptes\n\n### Question\n\nComment s’inscrire ?\n\n### Réponse\n\nAvec une adresse e-mail.\n\n## Facturation\n\n### Question\n\nComment payer ?\n\n### Réponse\n\nPar carte.\n');
    // The pins follow the new ids: "question" is now the Accounts question.
    const pins = readPins(text)!.sections;
    const english = readPins(adopt(v2, body, { sourceCommit: 'c1' }).text)!.sections;
    expect(pins).toEqual(english);
    expect(applySourceChange(v1, v2, text, { sourceCommit: 'c1' }).text).toBe(text);
  });

  it('writes inserted English with the translation\'s line endings when the English uses others', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const v1 = '---\ntitle: Guide\n---\n\nWelcome.\n\n## Settings\n\nOpen the settings.\n';
    const v2 = v1.replace('Welcome.', 'Welcome to the guide.') + '\n## Privacy\n\nWe never sell your data.\n';
    // A CRLF translation that starts with a heading (no intro) of an LF English document.
    const tr = adopt(v1, crlf('---\ntitle: Guide\n---\n\n## Paramètres\n\nOuvrez les paramètres.\n'), { sourceCommit: 'c0' }).text;
    const { text } = applySourceChange(v1, v2, tr, { sourceCommit: 'c1' });
    expect(findMarkers(text).map((m) => `${m.kind}:${m.section}`)).toEqual(['missing:intro', 'missing:privacy']);
    expect(text).toContain('We never sell your data.');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    // The other way round: an LF translation of a CRLF English document gets no CR.
    const lf = adopt(crlf(v1), '---\ntitle: Guide\n---\n\n## Paramètres\n\nOuvrez les paramètres.\n', { sourceCommit: 'c0' }).text;
    const back = applySourceChange(crlf(v1), crlf(v2), lf, { sourceCommit: 'c1' }).text;
    expect(back).toContain('We never sell your data.');
    expect(back).not.toContain('\r');
    // A new translation of a CRLF English document is CRLF throughout, pins included.
    const created = applySourceChange('', crlf(v2), '', { sourceCommit: 'c1' }).text;
    expect(created.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('adds an English frontmatter field the translation lacks (marked missing) and removes one English dropped', () => {
    const v1 = '---\ntitle: Policy\ndescription: Old summary\n---\n\nIntro.\n';
    const tr = adopt(v1, '---\ntitle: Politique\ndescription: Ancien résumé\nlayout: page\n---\n\nIntro fr.\n', { sourceCommit: 'c0' }).text;
    const v2 = '---\ntitle: Policy\nkeywords: ignored\n---\n\nIntro.\n';
    const dropped = applySourceChange(v1, v2, tr, { sourceCommit: 'c1' });
    expect(dropped.changes.map((c) => [c.kind, c.id, c.state])).toEqual([['removed', 'frontmatter.description', 'removed']]);
    expect(dropped.text).toBe(tr.replace('description: Ancien résumé\n', '').replace('commit: c0', 'commit: c1').replace(/^ {4}frontmatter\.description: .*\n/m, ''));
    const v3 = '---\ntitle: Policy\ndescription: "New: summary"\n---\n\nIntro.\n';
    const added = applySourceChange(v2, v3, dropped.text, { sourceCommit: 'c2' });
    expect(added.changes.map((c) => [c.kind, c.id, c.state])).toEqual([['added', 'frontmatter.description', 'missing']]);
    expect(added.text).toContain('description: "New: summary"\n');
    expect(added.text).toContain(`---\n${marker('missing', 'frontmatter.description', 'c2')}\nIntro fr.`);
    expect(applySourceChange(v2, v3, added.text, { sourceCommit: 'c2' }).text).toBe(added.text);
  });

  it('adopts an unpinned translation on the fly against the old English', () => {
    const { text, changes } = applySourceChange(en, edits.retention, seed('fr'), { sourceCommit: 'c1' });
    expect(changes.map((c) => [c.id, c.state])).toEqual([['visitor-data', 'stale']]);
    expect(readPins(text)!.commit).toBe('c1');
    expect(Object.keys(readPins(text)!.sections)).toEqual(['frontmatter.title', 'intro', 'visitor-data', 'model-data']);
    expect(text).toBe(applySourceChange(en, edits.retention, adopt(en, seed('fr')).text, { sourceCommit: 'c1' }).text);
  });
});

describe('golden files', () => {
  it('a missing golden file fails outside UPDATE=1 (and is not written)', () => {
    const update = process.env['UPDATE'];
    delete process.env['UPDATE'];
    try {
      expect(() => golden('no-such-golden', 'x')).toThrow(/is missing: run with UPDATE=1/);
    } finally {
      if (update !== undefined) process.env['UPDATE'] = update;
    }
  });
});

describe('CR-only line endings', () => {
  it('keep them: the marker goes right under the heading on its own CR line, and is updated in place', () => {
    const v1 = '# C\n\nText.\n\n## Part\n\nMore.\n';
    const v2 = '# C\n\nText changed.\n\n## Part\n\nMore.\n';
    const v3 = '# C\n\nText changed again.\n\n## Part\n\nMore.\n';
    const translation = '# Cc\r\rTexte.\r\r## Partie\r\rEncore.\r';
    const once = applySourceChange(v1, v2, translation, { sourceCommit: 'c2', frontmatterKeys: [] }).text;
    // The frontmatter the pins need is written in CR too: no LF anywhere.
    expect(once).not.toContain('\n');
    expect(once.startsWith('---\ri18n:\r  commit: c2\r')).toBe(true);
    const body = once.slice(once.indexOf('\r---\r') + 5);
    expect(body).toBe('# Cc\r<!-- i18n-drift:stale section="c" since="c2" -->\r\rTexte.\r\r## Partie\r\rEncore.\r');
    expect(readPins(once)?.commit).toBe('c2');
    const twice = applySourceChange(v2, v3, once, { sourceCommit: 'c3', frontmatterKeys: [] }).text;
    expect(twice).not.toContain('\n');
    expect(readPins(twice)?.commit).toBe('c3');
    expect(twice.slice(twice.indexOf('\r---\r') + 5)).toBe(body);
  });

  it('a CR-only translation with a title: the added frontmatter key is written in CR, and a legacy LF block stays LF', () => {
    const v1 = '---\rtitle: Old\r---\r# C\r\rText.\r';
    const v2 = '---\rtitle: New\rdescription: Added\r---\r# C\r\rText changed.\r';
    const cr = applySourceChange(v1, v2, '---\rtitle: Vieux\r---\r# Cc\r\rTexte.\r', { sourceCommit: 'c2' }).text;
    expect(cr).not.toContain('\n');
    expect(cr).toMatch(/^---\rtitle: Vieux\rdescription: Added\ri18n:\r/);
    // An LF frontmatter over a CR body (as earlier versions wrote it): each part keeps its own.
    const legacy = applySourceChange(v1, v2, '---\ntitle: Vieux\n---\n# Cc\r\rTexte.\r', { sourceCommit: 'c2' }).text;
    const split = legacy.indexOf('\n---\n') + 5;
    expect(legacy.slice(0, split)).not.toContain('\r');
    expect(legacy.slice(split)).not.toContain('\n');
  });
});
