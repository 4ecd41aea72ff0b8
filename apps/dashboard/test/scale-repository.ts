/**
 * A generated Git repository of the shape of a real documentation site: N documents,
 * one folder per document (`docs/<area>/<topic>/<page>/<locale>.md`), frontmatter titles
 * on most of them, translations into a few locales (pinned to the English they
 * translate), some still in English, then a second commit changing the English of a
 * share of the documents, so that translations are stale with an age. Ten target
 * locales are configured; only four have files, so document pages have ten columns.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writePins } from '@i18n-drift/core';
import { parseDocument } from '@i18n-drift/sections';

export const SCALE_LOCALES = ['fr', 'nl', 'de', 'es', 'it', 'pt-BR', 'ja', 'pl', 'sv', 'cs'];
const TRANSLATED: Record<string, number> = { fr: 0.8, nl: 0.5, de: 0.3, es: 0.1 };
const AREAS = ['guide', 'reference', 'patterns', 'measurements', 'sewing', 'blog'];
const WORDS = 'seam fabric pattern sleeve collar button pocket hem waist stitch needle thread cotton linen lining facing dart pleat zipper cuff'.split(' ');
const FRENCH = 'couture tissu patron manche col bouton poche ourlet taille point aiguille fil coton lin doublure parementure pince pli fermeture poignet'.split(' ');

export interface ScaleRepository {
  root: string;
  documents: number;
  /** English path -> frontmatter title (absent: the document has none). */
  titles: Map<string, string>;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const sentence = (r: () => number, words: readonly string[], n: number) => {
  const out = Array.from({ length: n }, () => pick(r, words));
  out[0] = out[0]!.charAt(0).toUpperCase() + out[0]!.slice(1);
  return `${out.join(' ')}.`;
};

function english(i: number, version: number): { text: string; title: string | null } {
  const r = rng(i * 7919 + 17);
  // A tenth of the documents have no title: the dashboard shows their path, not a heading.
  const title = i % 10 === 3 ? null : `Page ${i}: ${pick(r, WORDS)} and ${pick(r, WORDS)}`;
  const parts = [title ? `---\ntitle: "${title}"\n---\n\n` : '', `${sentence(r, WORDS, 12)}\n`];
  for (let s = 1; s <= 4; s++) {
    let body = `${sentence(r, WORDS, 10)} ${sentence(r, WORDS, 14)}`;
    if (version > 0 && s === 2) body += ` Now with ${version} more pleats.`;
    parts.push(`\n## Step ${s}: ${pick(r, WORDS)} ${pick(r, WORDS)}\n\n${body}\n`);
  }
  return { text: parts.join(''), title };
}

/** The English with every word put into "French" (same structure, so sections align), pinned to `pins`. */
function translation(text: string, locale: string, pins: { commit: string; sections: Record<string, string> }): string {
  const map = new Map(WORDS.map((w, k) => [w, `${FRENCH[k]}-${locale}`]));
  const translated = text.replace(/[A-Za-z]+/g, (w) => {
    const lower = w.toLowerCase();
    const out = map.get(lower);
    if (!out) return w;
    return w === lower ? out : out.charAt(0).toUpperCase() + out.slice(1);
  });
  return writePins(translated, pins);
}

/**
 * Writes the repository (two commits, 40 days apart) and returns it; the caller removes `root`.
 * @param documents how many English documents (default 1,500).
 */
export function scaleRepository(documents = 1500): ScaleRepository {
  const root = mkdtempSync(join(tmpdir(), 'i18n-drift-scale-'));
  const git = (args: string[], date?: string) =>
    execFileSync('git', ['-c', 'user.name=Bo', '-c', 'user.email=bo@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
    }).trim();
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  git(['init', '-q', '-b', 'main']);
  write('.github/i18n-drift.yml', `sourceLocale: en\nlocales: [${SCALE_LOCALES.join(', ')}]\nfiles:\n  - "docs/**/{locale}.md"\n`);
  const titles = new Map<string, string>();
  const folder = (i: number) => `docs/${AREAS[i % AREAS.length]}/topic-${Math.floor(i / 40) % 25}/page-${i}`;
  for (let i = 0; i < documents; i++) {
    const { text, title } = english(i, 0);
    write(`${folder(i)}/en.md`, text);
    if (title) titles.set(`${folder(i)}/en.md`, title);
  }
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'English'], '2026-09-01T09:00:00Z');
  const first = git(['rev-parse', 'HEAD']);

  for (let i = 0; i < documents; i++) {
    const { text } = english(i, 0);
    const sections = Object.fromEntries(parseDocument(text, { frontmatterKeys: ['title', 'description'] }).sections.map((s) => [s.id, s.hash]));
    const r = rng(i * 31 + 5);
    for (const [locale, share] of Object.entries(TRANSLATED)) {
      if (r() >= share) continue;
      // One translation in twelve is still the English, pinned: untranslated.
      const body = i % 12 === 5 ? writePins(text, { commit: first, sections }) : translation(text, locale, { commit: first, sections });
      write(`${folder(i)}/${locale}.md`, body);
    }
  }
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Translations'], '2026-09-02T09:00:00Z');

  // A third of the English changes: their translations are stale from here on.
  for (let i = 0; i < documents; i += 3) write(`${folder(i)}/en.md`, english(i, 1).text);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'English update'], '2026-10-01T09:00:00Z');
  return { root, documents, titles };
}
