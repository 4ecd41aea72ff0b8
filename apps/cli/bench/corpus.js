// A repository shaped like a real documentation corpus: one folder per document with
// `<locale>.md` inside (freesewing's `org/`). The real one when `../shared/corpus`
// (next to this clone) holds it, else a generated one of the same shape and size:
// 1,183 documents in en, fr, nl, de, es, translations partly left in English, not
// adopted (as a repository is before `i18n-drift init`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentText } from './generate.js';

export const CORPUS_ARCHIVE = fileURLToPath(new URL('../../../../shared/corpus/freesewing-org.tgz', import.meta.url));
const LOCALES = ['fr', 'nl', 'de', 'es'];
const CONFIG = `sourceLocale: en\nlocales: [${LOCALES.join(', ')}]\nfiles:\n  - "org/**/{locale}.md"\n`;

const FR = 'données confidentialité utilisateur visiteur compte conservation durée prestataire fournisseur lettre consentement témoin analyse sécurité demande supprimer accès partager stocker traiter'.split(' ');
const EN = 'data privacy user visitor account retention period service provider newsletter consent cookie analytics security request delete access share store process legal basis purpose'.split(' ');

export function git(dir, ...args) {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
}

/** A fresh Git repository holding the corpus (or its generated stand-in) in one commit. */
export function corpusRepository({ documents = 1183 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-corpus-'));
  git(dir, 'init', '-q', '-b', 'main');
  let source;
  if (existsSync(CORPUS_ARCHIVE) && !process.env.BENCH_GENERATED) {
    execFileSync('tar', ['xzf', CORPUS_ARCHIVE, '-C', dir]);
    source = 'freesewing org/ corpus';
  } else {
    for (let i = 0; i < documents; i++) {
      const folder = join(dir, 'org', 'docs', `group-${i % 40}`, `doc-${i}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'en.md'), documentText(i, EN));
      LOCALES.forEach((lng, l) => {
        // A third of the translations are still English (Crowdin's untranslated strings).
        const english = (i + l) % 3 === 0;
        writeFileSync(join(folder, `${lng}.md`), documentText(i, english ? EN : FR));
      });
    }
    source = `generated stand-in (${documents} documents; set no BENCH_GENERATED and put the corpus in ../shared/corpus for the real one)`;
  }
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(join(dir, '.github/i18n-drift.yml'), CONFIG);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Import the documents');
  return { dir, source };
}
