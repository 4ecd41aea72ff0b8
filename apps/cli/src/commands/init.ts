/**
 * `i18n-drift init`: adopt the existing translations — pin every section that aligns,
 * writing the pins into the translated files (all files or none), and report what
 * could not be aligned.
 */
import { join } from 'node:path';
import { adopt, pathFor, readPins, sourceDocuments, targetLocales } from '@i18n-drift/core';
import { UsageError } from '../cli-error.js';
import { writeFilesAtomic } from '../fs/atomic-write.js';
import { colors, print, progressBar } from '../output.js';
import { openRepository, requireHead } from '../repository.js';
import { readWorktree, worktreeTexts } from '../worktree.js';
import { withPath, type Command } from './context.js';

export interface InitEntry {
  source: string;
  locale: string;
  path: string;
  exists: boolean;
  pinned: number;
  written: boolean;
  unaligned: { heading: string | null; line: number }[];
  unalignedSource: string[];
}

export const runInit: Command = async ({ root, json, m: { t } }) => {
  const repo = await openRepository(root, t);
  try {
    const head = requireHead(repo, t);
    const tree = await readWorktree(repo.host, repo.config, head);
    const bar = progressBar(t('cli:progress.reading'));
    const texts = await worktreeTexts(repo.host, tree, (d, n) => bar.update(d, n));
    bar.done();
    const paths = Object.keys(texts);
    const sources = sourceDocuments(paths, repo.config).map((d) => d.path);
    for (const s of sources) if (tree.dirty.has(s)) throw new UsageError(t('cli:init.dirtySource', { path: s }));
    const entries: InitEntry[] = [];
    const writes: { path: string; content: string }[] = [];
    for (const source of sources) {
      for (const locale of targetLocales(paths, repo.config)) {
        const path = pathFor(source, locale, repo.config);
        const translation = texts[path];
        if (translation === undefined) {
          entries.push({ source, locale, path, exists: false, pinned: 0, written: false, unaligned: [], unalignedSource: [] });
          continue;
        }
        // Already adopted: its pins are the truth (re-adopting would mark unsynced English changes current).
        const existing = withPath(path, () => readPins(translation));
        if (existing) {
          entries.push({ source, locale, path, exists: true, pinned: Object.keys(existing.sections).length, written: false, unaligned: [], unalignedSource: [] });
          continue;
        }
        const { text, alignment } = withPath(path, () => adopt(texts[source]!, translation, { sourceCommit: head, frontmatterKeys: repo.config.frontmatterKeys }));
        if (text !== translation) writes.push({ path, content: text });
        entries.push({
          source,
          locale,
          path,
          exists: true,
          pinned: Object.keys(readPins(text)?.sections ?? {}).length,
          written: text !== translation,
          unaligned: alignment.unalignedTranslation.map((u) => ({ heading: u.heading, line: u.line })),
          unalignedSource: alignment.unalignedSource,
        });
      }
    }
    writeFilesAtomic(writes.map((w) => ({ path: join(repo.root, w.path), content: w.content })));
    if (json) {
      print(JSON.stringify({ revision: head, translations: entries }));
      return 0;
    }
    print(colors.bold(t('cli:init.title', { revision: head.slice(0, 7) })));
    for (const e of entries) {
      if (!e.exists) {
        print(`  ${colors.dim('-')} ${e.path} ${colors.dim(t('cli:init.noTranslation'))}`);
        continue;
      }
      const status = e.written ? colors.green(t('cli:init.pinned', { count: e.pinned })) : colors.dim(t('cli:init.unchanged', { count: e.pinned }));
      print(`  ${colors.green('✓')} ${e.path}: ${status}`);
      for (const u of e.unaligned) print(`      ${colors.yellow('!')} ${t('cli:init.unaligned', { heading: u.heading ?? t('cli:intro'), line: u.line })}`);
      if (e.unalignedSource.length > 0) print(`      ${colors.dim(t('cli:init.untranslatedSource', { count: e.unalignedSource.length, ids: e.unalignedSource.join(', ') }))}`);
    }
    print(t('cli:init.summary', { count: writes.length }));
    return 0;
  } finally {
    repo.host.close();
  }
};
