/**
 * `i18n-drift check`: the CI gate. Fails (exit 1) on unresolved stale markers (or more
 * than `--max-stale N`), unaligned sections, broken anchors, invalid frontmatter and
 * broken headings; `--format github` prints GitHub Actions annotations.
 */
import type { Finding } from '@i18n-drift/core';
import { intFlag } from '../args.js';
import { UsageError } from '../cli-error.js';
import { loadCheck } from '../load-state.js';
import { colors, print } from '../output.js';
import { openRepository } from '../repository.js';
import type { Command } from './context.js';

export const runCheck: Command = async ({ root, json, args, m: { t } }) => {
  const format = args.values['format'] ?? 'text';
  if (format !== 'text' && format !== 'github') throw new UsageError(t('cli:error.format', { value: String(format) }));
  const maxStale = intFlag(args.values, 'max-stale', undefined, t);
  const repo = await openRepository(root, t);
  try {
    const result = await loadCheck(repo, maxStale, { progressLabel: t('cli:progress.reading') });
    if (json) print(JSON.stringify(result));
    else if (format === 'github') for (const f of result.findings) print(annotation(f, message(f, t)));
    else {
      for (const f of result.findings) {
        const where = f.path ? `${f.path}${f.line > 0 ? `:${f.line}` : ''}` : t('cli:check.repository');
        const level = f.severity === 'error' ? colors.red(t('cli:check.error')) : colors.yellow(t('cli:check.warning'));
        print(`${where}  ${level}  ${message(f, t)} ${colors.dim(`(${f.code})`)}`);
      }
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const warnings = result.findings.length - errors;
      print(result.ok ? colors.green(t('cli:check.ok', { warnings })) : colors.red(t('cli:check.failed', { errors, warnings })));
    }
    return result.ok ? 0 : 1;
  } finally {
    repo.host.close();
  }
};

/** The finding in the user's language, from the `check` namespace; English as given otherwise. */
function message(f: Finding, t: (k: string, v?: Record<string, unknown>) => string): string {
  const text = t(`check:${f.code}`, f.params);
  return text === `${f.code}` || text === `check:${f.code}` ? f.message : text;
}

/** `::error file=…,line=…,title=…::message`, escaped as the Actions runner expects. */
export function annotation(f: Finding, text: string): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const props = [f.path ? `file=${prop(f.path)}` : null, f.line > 0 ? `line=${f.line}` : null, `title=${prop(`i18n-drift ${f.code}`)}`].filter(Boolean).join(',');
  return `::${f.severity === 'error' ? 'error' : 'warning'} ${props}::${esc(text)}`;
}
