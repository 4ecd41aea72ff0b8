/**
 * `i18n-drift init`: adopt the existing translations. By default from history: each
 * translation without pins is aligned against the English its translator saw (at the
 * translation's last commit), pinned there, and the English changes since are marked as
 * `sync` would mark them — a translation months behind is reported behind on day one.
 * `--assume-current` pins every translation at HEAD instead. Writes all files or none;
 * the sections that could not be aligned are listed after the summary.
 */
import { adoptTranslations, createWalkContext, documentOf, formatFor, isUnpinned, pathFor, readPins, sourceDocuments, targetLocales, type AdoptionBasis } from '@i18n-drift/core';
import { FrontmatterError } from '@i18n-drift/sections';
import { UsageError } from '../cli-error.js';
import { writeDocuments } from '../fs/write-set.js';
import { gitText } from '../git/run-git.js';
import { shallowBoundaries } from '../git/shallow.js';
import { colors, print, progressBar } from '../output.js';
import { openRepository, requireHead } from '../repository.js';
import { skippedFile, reportSkipped } from '../skipped-file.js';
import { readWorktree, skippedDocuments, worktreeTexts } from '../worktree.js';
import type { Command } from './context.js';

export interface InitEntry {
  source: string;
  locale: string;
  path: string;
  exists: boolean;
  pinned: number;
  written: boolean;
  unaligned: { heading: string | null; line: number }[];
  unalignedSource: string[];
  /** The source commit the translation is pinned to (null: no translation, or pins without a commit). */
  pinnedTo: string | null;
  /** ISO date of `pinnedTo`, when known. */
  pinnedDate: string | null;
  /** Why it is pinned there (adopted by this run only). */
  basis?: AdoptionBasis;
  /** English commits since `pinnedTo` that touched the document (adopted by this run only). */
  commitsBehind?: number;
  /** Stale and missing markers in the translation. */
  stale: number;
  missing: number;
}

export const runInit: Command = async ({ root, json, args, m }) => {
  // One line per translation, thousands of them, mostly the same few phrases: i18next's
  // lookup and interpolation took 1.1 of 14.6 s of an `init` on a 5,000-file corpus.
  const t = memoized(m.t);
  const assumeCurrent = Boolean(args.values['assume-current']);
  const repo = await openRepository(root, t);
  try {
    const head = requireHead(repo, t);
    const tree = await readWorktree(repo.host, repo.config, head);
    const bar = progressBar(t('cli:progress.reading'));
    const ctx = createWalkContext(repo.host, repo.config, head);
    // The English and the translations to adopt are parsed as `cat-file` hands them over,
    // while git reads the next ones (as status does); a text that cannot be parsed is
    // reported below, where its parse is asked for again.
    const texts = await worktreeTexts(repo.host, tree, (d, n) => bar.update(d, n), (path, text) => {
      const doc = documentOf(path, repo.config);
      if (!doc || (doc.locale !== repo.config.sourceLocale && !isUnpinned(text))) return;
      try {
        ctx.parse(text);
      } catch (error) {
        if (!(error instanceof FrontmatterError)) throw error;
      }
    });
    bar.done();
    const skipped = skippedDocuments(tree, t);
    // One document that cannot be read is left out, named (the English one when the
    // English is broken, with its translations), and everything else is adopted.
    for (const { path: source } of sourceDocuments(Object.keys(texts), repo.config)) {
      try {
        ctx.parse(texts[source]!);
      } catch (error) {
        const skip = skippedFile(source, error, t);
        if (!skip) throw error;
        skipped.push(skip);
        for (const locale of targetLocales(Object.keys(texts), repo.config)) delete texts[pathFor(source, locale, repo.config)];
        delete texts[source];
      }
    }
    const paths = Object.keys(texts);
    // Documents of every format: Markdown translations and i18next catalogs (whose state file adoption writes).
    const sources = sourceDocuments(paths, repo.config, 'any').map((d) => d.path);
    for (const s of sources) if (tree.dirty.has(s)) throw new UsageError(t('cli:init.dirtySource', { path: s }));

    // Already adopted files keep their pins (re-adopting would mark unsynced English changes
    // current); one whose pins cannot be read is left out.
    const english = new Set(sources);
    for (const path of paths) {
      if (english.has(path)) continue;
      try {
        readPins(texts[path]!);
      } catch (error) {
        const skip = skippedFile(path, error, t);
        if (!skip) throw error;
        skipped.push(skip);
        delete texts[path];
      }
    }
    const adoptBar = progressBar(t('cli:progress.adopting'));
    const { adoptions, failures } = await adoptTranslations(ctx, { files: texts, uncommitted: tree.dirty, assumeCurrent, onProgress: (d, n) => adoptBar.update(d, n) });
    adoptBar.done();
    for (const f of failures) {
      skipped.push({ path: f.path, line: f.line, reason: f.reason });
      delete texts[f.path];
    }
    // A last commit that is a shallow clone's boundary is no translator's commit: pinning
    // there would call a translation current whatever English it was made from.
    const boundaries = shallowBoundaries(repo.host.gitDir);
    for (const a of adoptions) {
      if (a.basis === 'history' && boundaries.has(a.pinnedTo)) skipped.push({ path: a.path, line: null, reason: t('cli:status.shallowBoundary', { commit: a.pinnedTo.slice(0, 7) }) });
    }
    const adopted = new Map(adoptions.map((a) => [a.path, a]));
    const headDate = adoptions.some((a) => a.pinnedDate === null) ? await gitText(repo.root, ['log', '-1', '--format=%aI', head]) : null;

    const entries: InitEntry[] = [];
    const writes: { path: string; content: string }[] = [];
    const left = new Set(skipped.map((s) => s.path));
    for (const source of sources) {
      for (const locale of targetLocales(paths, repo.config)) {
        if (left.has(pathFor(source, locale, repo.config))) continue;
        const path = pathFor(source, locale, repo.config);
        const translation = texts[path];
        const none = { unaligned: [], unalignedSource: [], pinnedTo: null, pinnedDate: null, stale: 0, missing: 0 };
        if (translation === undefined) {
          entries.push({ source, locale, path, exists: false, pinned: 0, written: false, ...none });
          continue;
        }
        const a = adopted.get(path);
        const format = formatFor(documentOf(path, repo.config, 'any')!.pattern, repo.config);
        const statePath = format.statePath(path);
        if (!a) {
          // Adopted before: its pins (in the file, or in the state file beside it) are the truth.
          let existing;
          let marks;
          try {
            const files = { text: translation, state: statePath === null ? null : (texts[statePath] ?? null) };
            existing = format.readPins(files)!;
            marks = format.marks(files);
          } catch (error) {
            const { line, reason } = error as { line?: unknown; reason?: unknown };
            if (typeof line !== 'number' || typeof reason !== 'string') throw error;
            skipped.push({ path: statePath ?? path, line, reason });
            continue;
          }
          entries.push({
            source, locale, path, exists: true, pinned: Object.keys(existing.sections).length, written: false, ...none,
            pinnedTo: existing.commit,
            stale: marks.filter((m) => m.kind === 'stale').length,
            missing: marks.filter((m) => m.kind === 'missing').length,
          });
          continue;
        }
        const changed = a.files.filter((f) => texts[f.path] !== f.content);
        writes.push(...changed);
        const adoptedFiles = { text: a.text, state: statePath === null ? null : (a.files.find((f) => f.path === statePath)?.content ?? null) };
        entries.push({
          source,
          locale,
          path,
          exists: true,
          pinned: Object.keys(format.readPins(adoptedFiles)?.sections ?? {}).length,
          written: changed.length > 0,
          unaligned: a.alignment.unalignedTranslation.map((u) => ({ heading: u.heading, line: u.line })),
          unalignedSource: a.alignment.unalignedSource,
          pinnedTo: a.pinnedTo,
          pinnedDate: a.pinnedDate ?? headDate,
          basis: a.basis,
          commitsBehind: a.commitsBehind,
          stale: a.stale,
          missing: a.missing,
        });
      }
    }
    const outcome = await writeDocuments(repo.root, repo.host.gitDir, writes);
    for (const r of outcome.refused) {
      skipped.push(skippedFile(r.path, r.error, t)!);
      const entry = entries.find((e) => e.path === r.path);
      if (entry) entry.written = false;
    }
    if (json) {
      print(JSON.stringify({ revision: head, assumeCurrent, translations: entries }));
      return reportSkipped(skipped, t);
    }
    print(colors.bold(t(assumeCurrent ? 'cli:init.title' : 'cli:init.titleHistory', { revision: head.slice(0, 7) })));
    for (const e of entries) {
      if (!e.exists) print(`  ${colors.dim('-')} ${e.path} ${colors.dim(t('cli:init.noTranslation'))}`);
      else if (e.basis === undefined) print(`  ${colors.green('✓')} ${e.path}: ${colors.dim(t('cli:init.unchanged', { count: e.pinned }))}`);
      else print(`  ${e.stale + e.missing > 0 ? colors.yellow('!') : colors.green('✓')} ${e.path}: ${adoptedLine(e, t)}`);
    }
    print(t('cli:init.summary', { count: writes.length }));
    // The sections a person must look at, after the summary rather than among thousands of lines.
    const unaligned = entries.filter((e) => e.unaligned.length > 0 || e.unalignedSource.length > 0);
    if (unaligned.length > 0) {
      print('');
      print(colors.bold(t('cli:init.unalignedTitle', { count: unaligned.length })));
      for (const e of unaligned) {
        print(`  ${e.path}`);
        for (const u of e.unaligned) print(`      ${colors.yellow('!')} ${t('cli:init.unaligned', { heading: u.heading ?? t('cli:intro'), line: u.line })}`);
        if (e.unalignedSource.length > 0) print(`      ${colors.dim(t('cli:init.untranslatedSource', { count: e.unalignedSource.length, ids: e.unalignedSource.join(', ') }))}`);
      }
    }
    return reportSkipped(skipped, t);
  } finally {
    repo.host.close();
  }
};

/** `t` answering a repeated (key, values) from memory: the same words every time. */
function memoized(t: (k: string, v?: Record<string, unknown>) => string): (k: string, v?: Record<string, unknown>) => string {
  const known = new Map<string, string>();
  return (k, v) => {
    if (v !== undefined && !Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return t(k, v);
    const key = v === undefined ? k : `${k}\0${JSON.stringify(v)}`;
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = t(k, v)));
    return text;
  };
}

/** `pinned to 1a2b3c4 (2026-01-03) · 2 English commits behind · 3 stale · 1 missing` */
function adoptedLine(e: InitEntry, t: (k: string, v?: Record<string, unknown>) => string): string {
  const parts = [t('cli:init.pinnedTo', { commit: e.pinnedTo!.slice(0, 7), date: (e.pinnedDate ?? '').slice(0, 10) })];
  if (e.basis === 'uncommitted' || e.basis === 'source-missing') parts[0] += ` ${colors.dim(t(`cli:init.basis.${e.basis}`))}`;
  if (e.commitsBehind! > 0) parts.push(t('cli:init.behind', { count: e.commitsBehind }));
  if (e.stale + e.missing === 0) parts.push(colors.green(t('cli:init.upToDate')));
  else {
    if (e.stale > 0) parts.push(colors.yellow(t('cli:count.stale', { count: e.stale })));
    if (e.missing > 0) parts.push(colors.red(t('cli:count.missing', { count: e.missing })));
  }
  return parts.join(' · ');
}
