// Language detection on a real repository: every sentence sample language.ts would ask
// about (each sentence of each translated file, against its source and target
// languages), through the port (src/language-detect.ts) and through tinyld itself.
// Prints how many answers differ (must be 0) and the cost of each per call. Not part
// of `npm test`: it needs a repository, such as a copy of the shared corpus.
//
//   npm run build -w @i18n-drift/core && node packages/core/bench/language-detect.js DIR
//
// DIR holds one folder per document with `<locale>.md` inside, or `<locale>/` folders
// of Markdown files; English is the source. Options: --limit N (samples tinyld is timed
// on, default 3000; all are compared).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { detect } from 'tinyld';
import { importBuilt, numberOption } from './timing.js';

const args = process.argv.slice(2);
const dir = args.find((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
if (!dir) {
  console.error('usage: node bench/language-detect.js DIR [--limit N]');
  process.exitCode = 2;
} else {
  const { proseUnits } = await importBuilt(new URL('../dist/language.js', import.meta.url));
  const { sentences, sample } = await importBuilt(new URL('../dist/language-samples.js', import.meta.url));
  const { detectLanguage } = await importBuilt(new URL('../dist/language-detect.js', import.meta.url));
  const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/;
  const WORD = /\p{L}[\p{L}\p{M}\p{N}'’-]*/gu;

  const samples = new Map();
  const visit = (folder, locale) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path, LOCALE.test(entry.name) ? entry.name : locale);
      else if (entry.name.endsWith('.md')) {
        const named = basename(entry.name, '.md');
        const target = (LOCALE.test(named) ? named : locale)?.split('-')[0];
        if (!target || target === 'en') continue;
        for (const unit of proseUnits(readFileSync(path, 'utf8'))) {
          for (const sentence of sentences(unit.text)) {
            if ((sentence.match(WORD)?.length ?? 0) < 3) continue;
            const text = sample(sentence);
            samples.set(`${target}\0${text}`, [text, ['en', target]]);
          }
        }
      }
    }
  };
  visit(dir, undefined);
  const all = [...samples.values()];

  let differences = 0;
  for (const [text, only] of all) {
    const expected = detect(text, { only });
    const got = detectLanguage(text, only);
    if (got !== expected) {
      differences++;
      if (differences <= 10) console.log(`differs (${only}): tinyld ${expected}, port ${got}: ${JSON.stringify(text)}`);
    }
  }
  console.log(`${all.length} distinct samples, ${differences} answers differ from tinyld's`);
  if (differences > 0) process.exitCode = 1;

  const perCall = (fn, list) => {
    const start = performance.now();
    for (const [text, only] of list) fn(text, only);
    return ((performance.now() - start) * 1000) / list.length;
  };
  // Warmed up by the comparison above; the port's word memo is warm too, as in a long run.
  const timed = all.slice(0, numberOption(args, 'limit', 3000));
  console.log(`tinyld: ${perCall((text, only) => detect(text, { only }), timed).toFixed(1)} µs a call (${timed.length} calls)`);
  console.log(`port:   ${perCall(detectLanguage, all).toFixed(1)} µs a call (${all.length} calls)`);
}
