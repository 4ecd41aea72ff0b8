// `status` computes a large tree on two threads (apps/cli/src/status-partition.ts): the
// output must be the one a single thread gives, byte for byte. I18N_DRIFT_THREADS=2
// splits even this small repository (and makes a failing worker an error, not a silent
// fallback); I18N_DRIFT_THREADS=1 keeps everything on one thread.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, commitAs, git, makeRepo, seeds, write } from './helpers.js';

const FR = 'Nous conservons vos données pendant douze mois puis nous les supprimons sans délai.';
const EN = 'We keep your data for twelve months and then delete it without delay.';

function documentText(i: number, body: string, extra = ''): string {
  return `---\ntitle: Document ${i}\n---\n\nIntro ${i}: ${body}\n\n## Retention\n\n${body}\n\n## Contact ${i}\n\n${body} ${i}.\n${extra}`;
}

/** Seeds (real defects) plus generated documents, English edited after the translations, an orphan, a broken file, an uncommitted edit. */
function repository(): string {
  const files: Record<string, string> = { ...seeds(), '.github/i18n-drift.yml': 'sourceLocale: en\nfiles:\n  - "locales/{locale}/**/*.md"\n' };
  for (let i = 0; i < 14; i++) {
    files[`locales/en/doc-${i}.md`] = documentText(i, EN);
    // Some translated, some left in English, some missing.
    if (i % 4 !== 3) files[`locales/fr/doc-${i}.md`] = documentText(i, i % 3 === 0 ? EN : FR);
    if (i % 5 !== 4) files[`locales/nl/doc-${i}.md`] = documentText(i, i % 2 === 0 ? EN : FR);
  }
  files['locales/fr/orphan.md'] = '# Seul\n\nAucune source anglaise.\n';
  files['locales/nl/broken.md'] = '---\njust a string\n---\n\n# Kapot\n';
  files['locales/en/broken.md'] = '# Broken\n\nIts Dutch frontmatter is a string.\n';
  const dir = makeRepo(files);
  // English changes after the translations: stale and missing sections in memory.
  const edits: Record<string, string> = {};
  for (let i = 0; i < 14; i += 3) edits[`locales/en/doc-${i}.md`] = documentText(i, EN.replace('twelve', 'eighteen'), `\n## New section ${i}\n\nAdded later.\n`);
  write(dir, edits);
  commitAs(dir, 'Writer', 'Longer retention');
  write(dir, { 'locales/fr/doc-1.md': documentText(1, FR, '\nUne ligne de plus.\n') });
  return dir;
}

function cold(dir: string, args: string[], threads: string) {
  rmSync(join(dir, '.git', 'i18n-drift'), { recursive: true, force: true });
  return cli(dir, args, { I18N_DRIFT_THREADS: threads });
}

describe('status on two threads', () => {
  it('prints exactly what one thread prints (json, tables, filters, skipped files, exit code)', () => {
    const dir = repository();
    expect(git(dir, 'status', '--porcelain')).toContain('locales/fr/doc-1.md');
    for (const args of [['status', '--json'], ['status', '--all', '--sections'], ['status', '--json', '--locale', 'fr', '--state', 'stale,missing'], ['status']]) {
      const one = cold(dir, args, '1');
      const two = cold(dir, args, '2');
      expect(one.stdout.length, args.join(' ')).toBeGreaterThan(200);
      expect(two, args.join(' ')).toEqual(one);
    }
    const json = cold(dir, ['status', '--json'], '2');
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('locales/nl/broken.md');
    const report = JSON.parse(json.stdout);
    // The cases above are there: not adopted, stale since the English edit, an orphan, a skipped file.
    const docs = report.documents.flatMap((d: any) => d.translations);
    expect(docs.some((t: any) => t.notAdopted)).toBe(true);
    expect(docs.some((t: any) => t.sections.some((s: any) => s.state === 'stale'))).toBe(true);
    expect(docs.some((t: any) => t.sections.some((s: any) => s.state === 'untranslated'))).toBe(true);
    expect(report.orphans.map((o: any) => o.path)).toContain('locales/fr/orphan.md');
  }, 120_000);
});
