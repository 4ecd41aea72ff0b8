/**
 * `i18n-drift diff OLD.md NEW.md` or `i18n-drift diff --from REV --to REV [PATH]`: the
 * section-level diff of English documents, with word-level changes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { documentOf, HostError, type Config } from '@i18n-drift/core';
import { diffDocuments, type SectionChange } from '@i18n-drift/sections';
import { UsageError } from '../cli-error.js';
import { colors, print } from '../output.js';
import { renderTerminalWordDiff } from '../render-word-diff.js';
import { openRepository } from '../repository.js';
import { decodeFile } from '../git/decode-file.js';
import type { Command } from './context.js';

interface FileDiff {
  path: string;
  changes: { kind: SectionChange['kind']; id: string; oldId: string | null; heading: string | null; moved: boolean; words: SectionChange['words'] }[];
}

export const runDiff: Command = async ({ root, json, args, m: { t } }) => {
  const from = args.values['from'] as string | undefined;
  const to = args.values['to'] as string | undefined;
  const diffs: FileDiff[] = [];
  if (from === undefined && to === undefined) {
    if (args.positionals.length !== 2) throw new UsageError(t('cli:diff.usage'));
    const [oldPath, newPath] = args.positionals as [string, string];
    diffs.push(fileDiff(newPath, readText(oldPath, t), readText(newPath, t), undefined));
  } else {
    if (args.positionals.length > 1) throw new UsageError(t('cli:diff.usage'));
    const repo = await openRepository(root, t);
    try {
      const fromSha = await repo.host.resolveRevision(from ?? 'HEAD');
      const toSha = await repo.host.resolveRevision(to ?? 'HEAD');
      let paths: string[];
      if (args.positionals[0] !== undefined) {
        paths = [insideRepository(repo.root, args.positionals[0], t)];
      } else {
        paths = (await repo.host.changedPaths(fromSha, toSha)).filter((p) => documentOf(p, repo.config)?.locale === repo.config.sourceLocale);
      }
      const named = args.positionals[0] !== undefined;
      for (const p of paths) {
        const before = await repo.host.readFile(p, fromSha);
        const after = await repo.host.readFile(p, toSha);
        // A mistyped path is not "no section changed".
        if (named && before === null && after === null) {
          throw new UsageError(t('cli:diff.noSuchPath', { path: args.positionals[0], from: from ?? 'HEAD', to: to ?? 'HEAD' }));
        }
        diffs.push(fileDiff(p, before ?? '', after ?? '', repo.config));
      }
    } finally {
      repo.host.close();
    }
  }
  if (json) {
    print(JSON.stringify({ files: diffs }));
    return 0;
  }
  for (const d of diffs) {
    print(colors.bold(d.path));
    const shown = d.changes.filter((c) => c.kind !== 'unchanged');
    if (shown.length === 0) print(`  ${colors.dim(t('cli:diff.noChange'))}`);
    for (const c of shown) {
      const label = c.heading ?? (c.id.startsWith('frontmatter.') ? c.id : t('cli:intro'));
      const rename = c.kind === 'renamed' && c.oldId ? ` ${colors.dim(`(${c.oldId} → ${c.id})`)}` : ` ${colors.dim(`#${c.id}`)}`;
      print(`  ${kindColor(c.kind)(t(`cli:change.${c.kind}`).padEnd(12))} ${label}${rename}`);
      if (c.words) for (const line of renderTerminalWordDiff(c.words)) print(line);
    }
  }
  return 0;
};

function fileDiff(path: string, before: string, after: string, config: Config | undefined): FileDiff {
  const changes = diffDocuments(before, after, config ? { frontmatterKeys: config.frontmatterKeys } : {});
  return {
    path,
    changes: changes.map((c) => {
      const unit = c.new ?? c.old;
      return { kind: c.kind, id: c.id, oldId: c.oldId, heading: unit && 'heading' in unit ? unit.heading : null, moved: c.moved, words: c.words };
    }),
  };
}

function readText(path: string, t: (k: string, v?: Record<string, unknown>) => string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(t('cli:error.noFile', { path }));
  return decodeFile(path, readFileSync(path));
}

/**
 * A repository-relative path for a user-given path (relative to the working directory).
 * @throws HostError('outside-repository') for a path that leaves the repository.
 */
export function insideRepository(root: string, given: string, t: (k: string, v?: Record<string, unknown>) => string): string {
  const rel = relative(root, resolve(given)).split('\\').join('/');
  if (rel === '' || rel.startsWith('../') || rel === '..' || isAbsolute(rel)) {
    throw new HostError('outside-repository', t('cli:error.outside', { path: given, root }));
  }
  return rel;
}

function kindColor(kind: SectionChange['kind']): (s: string) => string {
  switch (kind) {
    case 'added':
      return colors.green;
    case 'removed':
      return colors.red;
    case 'modified':
    case 'renamed':
      return colors.yellow;
    default:
      return colors.dim;
  }
}
