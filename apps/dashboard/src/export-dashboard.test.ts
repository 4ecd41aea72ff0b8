import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_MANIFEST, exportDashboard } from './export-dashboard.js';
import { fixtureData } from './test-report.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'dashboard-export-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function tree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).sort();
}

describe('exportDashboard', () => {
  it('writes every page in every language with relative links, the CSS and coverage.json', async () => {
    const out = join(dir, 'site');
    const written = await exportDashboard(fixtureData(), out);
    const files = written.map((p) => relative(out, p));
    expect(files).toEqual([
      'coverage.json',
      'dashboard.css',
      'dashboard.js',
      'doc/locales-en-b-evil-b-.md.html',
      'doc/locales-en-your-data.md.html',
      'fr/doc/locales-en-b-evil-b-.md.html',
      'fr/doc/locales-en-your-data.md.html',
      'fr/index-locale-fr.html',
      'fr/index-locale-nl.html',
      'fr/index-sort-age.html',
      'fr/index-sort-coverage.html',
      'fr/index-state-missing.html',
      'fr/index-state-stale.html',
      'fr/index-state-untranslated.html',
      'fr/index.html',
      'fr/locale/fr.html',
      'fr/locale/nl.html',
      'index-locale-fr.html',
      'index-locale-nl.html',
      'index-sort-age.html',
      'index-sort-coverage.html',
      'index-state-missing.html',
      'index-state-stale.html',
      'index-state-untranslated.html',
      'index.html',
      'locale/fr.html',
      'locale/nl.html',
      'nl/doc/locales-en-b-evil-b-.md.html',
      'nl/doc/locales-en-your-data.md.html',
      'nl/index-locale-fr.html',
      'nl/index-locale-nl.html',
      'nl/index-sort-age.html',
      'nl/index-sort-coverage.html',
      'nl/index-state-missing.html',
      'nl/index-state-stale.html',
      'nl/index-state-untranslated.html',
      'nl/index.html',
      'nl/locale/fr.html',
      'nl/locale/nl.html',
    ]);
    expect(await tree(out)).toEqual([EXPORT_MANIFEST, ...files].sort());
    expect(JSON.parse(await readFile(join(out, 'coverage.json'), 'utf8'))).toEqual(fixtureData().report);

    const frDoc = await readFile(join(out, 'fr/doc/locales-en-your-data.md.html'), 'utf8');
    expect(frDoc).toContain('<html lang="fr">');
    expect(frDoc).toContain('href="../../dashboard.css"');
    expect(frDoc).toContain('href="../../fr/locale/nl.html"');
    expect(frDoc).toContain('href="../../doc/locales-en-your-data.md.html" hreflang="en"');
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="doc/locales-en-b-evil-b-.md.html"');
    expect(index).toContain('href="nl/index.html" hreflang="nl"');
    // The views without a server: each single choice is its own page, linked from the others.
    expect(index).toContain('<script src="dashboard.js" defer></script>');
    expect(index).toContain('href="index-sort-age.html"');
    const stale = await readFile(join(out, 'index-state-stale.html'), 'utf8');
    expect(stale).toContain('href="index-state-stale.html" aria-current="page"');
    expect(stale).toContain('href="nl/index-state-stale.html" hreflang="nl"');
    expect(stale).toContain('locales/en/your-data.md');
    expect(stale).not.toContain('href="doc/locales-en-b-evil-b-.md.html"'); // nothing stale in it
  });

  it('every relative link of the export points at a file it wrote', async () => {
    const out = join(dir, 'site');
    const written = await exportDashboard(fixtureData(), out);
    for (const file of written.filter((p) => p.endsWith('.html'))) {
      const html = await readFile(file, 'utf8');
      for (const [, href] of html.matchAll(/href="([^"#]+)"/g)) {
        if (/^https?:/.test(href!)) continue;
        const target = join(file, '..', decodeURIComponent(href!));
        expect(written, `${relative(out, file)} -> ${href}`).toContain(target);
      }
    }
  });

  it('removes pages of the previous export that are gone, and leaves other files alone', async () => {
    await writeFile(join(dir, 'CNAME'), 'docs.example.org');
    await exportDashboard(fixtureData(), dir);
    const smaller = fixtureData();
    smaller.report.documents.pop();
    await exportDashboard(smaller, dir);
    const files = await tree(dir);
    expect(files).toContain('CNAME');
    expect(files).not.toContain('doc/locales-en-b-evil-b-.md.html');
    expect(files).toContain('doc/locales-en-your-data.md.html');
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('ignores a tampered manifest naming files outside the folder', async () => {
    await mkdir(join(dir, 'site'));
    await writeFile(join(dir, 'keep.txt'), 'mine');
    await writeFile(join(dir, 'site', EXPORT_MANIFEST), JSON.stringify({ files: ['../keep.txt', '/etc/hosts'] }));
    await exportDashboard(fixtureData(), join(dir, 'site'));
    expect(await readFile(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('refuses an output path that is a file, writing nothing', async () => {
    await writeFile(join(dir, 'file'), 'x');
    await expect(exportDashboard(fixtureData(), join(dir, 'file'))).rejects.toThrow(/is not a directory/);
    expect(await readFile(join(dir, 'file'), 'utf8')).toBe('x');
  });

  it('writes only the languages asked for, with the chosen one at the root', async () => {
    const written = await exportDashboard(fixtureData(), dir, { languages: ['fr'], defaultLang: 'fr-BE' });
    const files = written.map((p) => relative(dir, p));
    expect(files).toContain('index.html');
    expect(files.some((f) => f.startsWith('nl/') || f.startsWith('en/'))).toBe(false);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('<html lang="fr">');
  });
});
