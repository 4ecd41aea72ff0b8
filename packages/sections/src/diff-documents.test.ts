import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { diffDocuments, type SectionChange } from './index.js';

const seed = (file: string) => readFileSync(fileURLToPath(new URL(`../../../locales/${file}`, import.meta.url)), 'utf8');
const summary = (changes: SectionChange[]) => changes.map((c) => [c.kind, c.oldId, c.id, c.moved]);
const changedWords = (change: SectionChange) =>
  change.words!.filter((w) => w.added || w.removed).map((w) => `${w.added ? '+' : '-'}${w.value}`);

const base = outdent`
  ---
  title: Privacy
  description: What we keep
  ---

  Intro text.

  ## Visitor data

  We keep your IP address for 6 months.

  ## Profile data

  -   Your e-mail address
  -   Your username

  ## Contact

  Write to us.
`;

describe('diffDocuments', () => {
  it('reports every unit unchanged for the same text', () => {
    expect(summary(diffDocuments(base, base))).toEqual([
      ['unchanged', 'frontmatter.title', 'frontmatter.title', false],
      ['unchanged', 'frontmatter.description', 'frontmatter.description', false],
      ['unchanged', 'intro', 'intro', false],
      ['unchanged', 'visitor-data', 'visitor-data', false],
      ['unchanged', 'profile-data', 'profile-data', false],
      ['unchanged', 'contact', 'contact', false],
    ]);
  });

  it('tells formatting from modification, with a word diff', () => {
    const edited = base
      .replace('-   Your e-mail address\n-   Your username', ' * Your e-mail address\n * Your username')
      .replace('6 months', '12 months')
      .replace('title: Privacy', 'title: Privacy policy');
    const changes = diffDocuments(base, edited);
    expect(summary(changes)).toEqual([
      ['modified', 'frontmatter.title', 'frontmatter.title', false],
      ['unchanged', 'frontmatter.description', 'frontmatter.description', false],
      ['unchanged', 'intro', 'intro', false],
      ['modified', 'visitor-data', 'visitor-data', false],
      ['formatting', 'profile-data', 'profile-data', false],
      ['unchanged', 'contact', 'contact', false],
    ]);
    expect(changedWords(changes[3]!)).toEqual(['-6', '+12']);
    expect(changedWords(changes[0]!)).toEqual(['+ policy']);
  });

  it('keeps identity when a heading is renamed and its body edited in one commit', () => {
    const edited = base.replace('## Profile data', '## Account data').replace('-   Your username', '-   Your username and password');
    const changes = diffDocuments(base, edited);
    expect(summary(changes).slice(2)).toEqual([
      ['unchanged', 'intro', 'intro', false],
      ['unchanged', 'visitor-data', 'visitor-data', false],
      ['renamed', 'profile-data', 'account-data', false],
      ['unchanged', 'contact', 'contact', false],
    ]);
    expect(changedWords(changes[4]!)).toEqual(['-Profile', '+Account', '+ and password']);
  });

  it('keeps identity when a heading is renamed, its body edited and the section moved in one commit', () => {
    const edited = outdent`
      ---
      title: Privacy
      description: What we keep
      ---

      Intro text.

      ## Account data

      -   Your e-mail address
      -   Your username and password

      ## Visitor data

      We keep your IP address for 6 months.

      ## Contact

      Write to us.
    `;
    const changes = diffDocuments(base, edited);
    expect(summary(changes).slice(2)).toEqual([
      ['unchanged', 'intro', 'intro', false],
      ['renamed', 'profile-data', 'account-data', true],
      ['unchanged', 'visitor-data', 'visitor-data', false],
      ['unchanged', 'contact', 'contact', false],
    ]);
    expect(changedWords(changes[3]!)).toEqual(['-Profile', '+Account', '+ and password']);
  });

  it('pairs a renamed, edited and far-moved section with its own old version among near-identical ones', () => {
    const section = (n: number, heading = `Section ${n}`, extra = '') =>
      `## ${heading}\n\nWe keep record ${n} of your data for 12 months${extra}.\n\n-   Your address and account ${n}\n`;
    const numbers = Array.from({ length: 60 }, (_, k) => 1000 + k);
    const before = numbers.map((n) => section(n)).join('\n');
    // 1042 is renamed, edited and moved to the top; 1010 is removed: both are close to 1042's new body.
    const after = [section(1042, 'Retention', ' and a day'), ...numbers.filter((n) => n !== 1042 && n !== 1010).map((n) => section(n))].join('\n');
    const changes = diffDocuments(before, after);
    expect(changes.filter((c) => c.kind !== 'unchanged').map((c) => [c.kind, c.oldId, c.id, c.moved])).toEqual([
      ['renamed', 'section-1042', 'retention', true],
      ['removed', 'section-1010', 'section-1010', false],
    ]);
  });

  it('reports added, removed and moved sections in document order', () => {
    const edited = outdent`
      ---
      title: Privacy
      ---

      Intro text.

      ## Contact

      Write to us.

      ## Visitor data

      We keep your IP address for 6 months.

      ## Cookies

      None.
    `;
    expect(summary(diffDocuments(base, edited))).toEqual([
      ['unchanged', 'frontmatter.title', 'frontmatter.title', false],
      ['removed', 'frontmatter.description', 'frontmatter.description', false],
      ['unchanged', 'intro', 'intro', false],
      ['moved', 'contact', 'contact', true],
      ['unchanged', 'visitor-data', 'visitor-data', false],
      ['removed', 'profile-data', 'profile-data', false],
      ['added', null, 'cookies', false],
    ]);
  });

  it('diffs two real versions: the $#### line fixed into a heading', () => {
    const before = seed('en/your-data.md');
    const after = before.replace('$#### Profile data', '##### Profile data');
    const changes = diffDocuments(before, after);
    expect(summary(changes).slice(1)).toEqual([
      ['unchanged', 'intro', 'intro', false],
      ['modified', 'visitor-data', 'visitor-data', false],
      ['added', null, 'profile-data', false],
      ['unchanged', 'model-data', 'model-data', false],
    ]);
  });
});

describe('diffDocuments edge cases', () => {
  it('marks a section that moved and changed as modified and moved', () => {
    const before = '## A\n\nOne.\n\n## B\n\nTwo.\n\n## C\n\nThree.\n';
    const after = '## C\n\nThree, changed.\n\n## A\n\nOne.\n\n## B\n\nTwo.\n\n';
    expect(summary(diffDocuments(before, after))).toEqual([
      ['modified', 'c', 'c', true],
      ['unchanged', 'a', 'a', false],
      ['unchanged', 'b', 'b', false],
    ]);
  });

  it('reports an intro and a field that appear', () => {
    expect(summary(diffDocuments('## A\n', '---\ntitle: T\n---\n\nNew intro.\n\n## A\n'))).toEqual([
      ['added', null, 'frontmatter.title', false],
      ['added', null, 'intro', false],
      ['unchanged', 'a', 'a', false],
    ]);
  });

  it('does not pair unrelated sections that replace each other', () => {
    const changes = diffDocuments('## Cookies\n\nWe use no cookies at all.\n', '## Newsletter\n\nSubscribe to get monthly news by e-mail.\n');
    expect(summary(changes)).toEqual([
      ['removed', 'cookies', 'cookies', false],
      ['added', null, 'newsletter', false],
    ]);
  });

  it('treats the duplicate-suffix shift as identity, not as an edit', () => {
    const before = '## Details\n\nFirst.\n\n## Details\n\nSecond.\n';
    const after = '## Details\n\nSecond.\n';
    expect(summary(diffDocuments(before, after))).toEqual([
      ['removed', 'details', 'details', false],
      ['unchanged', 'details-1', 'details', false],
    ]);
  });
});
