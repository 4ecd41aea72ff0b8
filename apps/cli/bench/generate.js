// A generated repository: N documents in English and K locales, adopted with
// `i18n-drift init`, then a history of English edits (some with a skip keyword).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WORDS = 'data privacy user visitor account retention period service provider newsletter consent cookie analytics security request delete access share store process legal basis purpose'.split(' ');
const FR = 'données confidentialité utilisateur visiteur compte conservation durée prestataire fournisseur lettre consentement témoin analyse sécurité demande supprimer accès partager stocker traiter'.split(' ');

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function sentence(r, words, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(r() * words.length)]);
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return out.join(' ') + '.';
}

export function documentText(i, words, version = 0) {
  const r = rng(i * 7919 + 1);
  const keep = words === WORDS ? 'We keep it for' : 'Nous la gardons pendant';
  const unit = words === WORDS ? 'months' : 'mois';
  const parts = [`---\ntitle: Policy ${i}\n---\n\n${sentence(r, words, 14)} ${sentence(r, words, 10)}\n`];
  for (let s = 0; s < 10; s++) {
    const heading = `Section ${s} of ${i}`;
    let body = `${sentence(r, words, 12)} ${sentence(r, words, 16)}\n\n- ${sentence(r, words, 6)}\n- ${sentence(r, words, 7)}\n- ${keep} ${6 + s} ${unit}.\n`;
    if (version > 0 && s === version % 10) body = body.replace(/for \d+ months/, `for ${version} days`);
    parts.push(`\n## ${heading}\n\n${body}`);
  }
  return parts.join('');
}

export function generate({ documents = 1000, locales = ['fr', 'nl', 'de', 'es', 'it'], commits = 5, bin }) {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-bench-'));
  const git = (...args) => execFileSync('git', ['-C', dir, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], { maxBuffer: 1 << 28 });
  git('init', '-q', '-b', 'main');
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github/i18n-drift.yml'), `files:\n  - locales/{locale}/**/*.md\nlocales: [${locales.join(', ')}]\n`);
  for (const lng of ['en', ...locales]) {
    mkdirSync(join(dir, 'locales', lng), { recursive: true });
    for (let i = 0; i < documents; i++) {
      // Translations share the structure; their words are "translated" (French vocabulary).
      const text = lng === 'en' ? documentText(i, WORDS) : documentText(i, FR).replace(/## Section (\d+) of (\d+)/g, `## Section $1 of $2`);
      writeFileSync(join(dir, 'locales', lng, `doc-${String(i).padStart(4, '0')}.md`), text);
    }
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'Import documents');
  execFileSync(process.execPath, [bin, 'init', '--root', dir], { stdio: 'ignore' });
  git('commit', '-q', '-am', 'Adopt translations');
  for (let c = 1; c <= commits; c++) {
    for (let i = c; i < documents; i += 10) {
      writeFileSync(join(dir, 'locales/en', `doc-${String(i).padStart(4, '0')}.md`), documentText(i, WORDS, c));
    }
    git('commit', '-q', '-am', c === commits ? `English edit ${c} [i18n skip]` : `English edit ${c}`);
  }
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bin = new URL('../dist/bin.js', import.meta.url).pathname;
  console.log(generate({ documents: Number(process.argv[2] ?? 1000), bin }));
}
