// What every benchmark of this folder does the same way: time a measured path against
// its floor in the same process, warmed up first, then in alternating rounds so that
// neither gets a warmer (or quieter) machine, and report medians. Plus the small bits
// each script needs to run on its own: its numeric options, and the built package.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The middle value (the upper one of an even count). */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds `fn` takes, with what it returned. */
export function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

/**
 * `floor` and `measure` run `rounds` times each, alternately, after a warm-up (by default
 * one run of each, its time dropped): the median of each, in milliseconds, and what the
 * last `measure` returned. Each call gets a number no other call gets (the warm-up's are
 * negative), for `unseen`.
 */
export function alternateRounds({ floor, measure, rounds, warmUp = () => (floor(-2), measure(-1)) }) {
  warmUp();
  const floors = [];
  const runs = [];
  let result;
  for (let round = 0; round < rounds; round++) {
    floors.push(time(() => floor(2 * round)).ms);
    const run = time(() => measure(2 * round + 1));
    runs.push(run.ms);
    result = run.result;
  }
  return { floorMs: median(floors), ms: median(runs), result };
}

/**
 * The same Markdown document as a text this process has not parsed yet: `parseDocument`
 * keeps the parse of every text it has seen, so a round on the very same texts would time
 * the lookup. Trailing blank lines change no section, hash or operation; `call` is the
 * number `alternateRounds` gives each call.
 */
export function unseen(text, call) {
  return `${text}${'\n'.repeat(call + 3)}`;
}

/** The number after `--name` in `args`, else `fallback`. */
export function numberOption(args, name, fallback) {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

/** True when the module at `moduleUrl` is the script node was started with (not imported by run.js). */
export function isMain(moduleUrl) {
  return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** The built package's module at `url`; throws saying how to build it when it is missing. */
export async function importBuilt(url) {
  if (!existsSync(fileURLToPath(url))) throw new Error('bench: packages/core/dist is missing; run `npm run build -w @i18n-drift/core` (or `npx turbo run build`) first.');
  return import(url.href);
}
