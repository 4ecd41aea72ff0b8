/**
 * The `i18n-drift` entry point: parse the command line, run the command, and turn
 * every expected failure into one line on stderr and a non-zero exit code.
 */
import { ConfigError, HostError } from '@i18n-drift/core/errors';
import { FrontmatterError } from '@i18n-drift/sections/errors';
import { parseCommandLine, type Args, type CommandName } from './args.js';
import { LocalizedHostError, UsageError } from './cli-error.js';
import type { Command } from './commands/context.js';
import { CONFIG_PATH } from './config-path.js';
import { messages, toolResources, type Messages } from './i18n-setup.js';
import { toolVersion } from './cache/tool-version.js';

/**
 * Each command is loaded when it runs: core, the parser and the language detector cost
 * more than a second to load, which `--help`, `--version` and a usage error never pay.
 */
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  init: async () => (await import('./commands/init.js')).runInit,
  diff: async () => (await import('./commands/diff.js')).runDiff,
  sync: async () => (await import('./commands/sync.js')).runSync,
  status: async () => (await import('./commands/status.js')).runStatus,
  check: async () => (await import('./commands/check.js')).runCheck,
  dashboard: async () => (await import('./commands/dashboard.js')).runDashboard,
  demo: async () => (await import('./commands/demo.js')).runDemo,
  queue: async () => (await import('./commands/queue.js')).runQueue,
};

/** Exit codes: 0 ok, 1 `check` found errors or `sync` skipped unreadable translations (the rest done), 2 bad input (nothing written), 70 an internal error. */
export async function main(argv: string[]): Promise<number> {
  let m: Messages = messages(langFlag(argv));
  let args: Args;
  try {
    args = parseCommandLine(argv);
    m = messages(args.values['lang'] as string | undefined);
  } catch (e) {
    return fail(e, m);
  }
  if (args.values['version']) {
    process.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  warnUnsupportedLanguage(args.values['lang'], m);
  if (args.command === null || args.values['help']) {
    process.stdout.write(m.t(args.command === null ? 'cli:help' : `cli:commandHelp.${args.command}`) + '\n');
    return 0;
  }
  try {
    const run = await COMMANDS[args.command]();
    return await run({ args, json: Boolean(args.values['json']), root: args.values['root'] as string | undefined, m });
  } catch (e) {
    return fail(e, m);
  }
}

/** `--lang de` without German strings: say so (on stderr) rather than silently answer in English. */
function warnUnsupportedLanguage(flag: unknown, m: Messages): void {
  if (typeof flag !== 'string' || flag === '') return;
  const asked = flag.split('.')[0]!.replace('_', '-').toLowerCase();
  if (m.lng.toLowerCase() === asked || m.lng.toLowerCase() === asked.split('-')[0]) return;
  process.stderr.write(`i18n-drift: ${m.t('cli:warning.languageFallback', { lang: flag, available: Object.keys(toolResources()).sort().join(', ') })}\n`);
}

function langFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--lang');
  return i >= 0 ? argv[i + 1] : undefined;
}

/** One line on stderr: what went wrong and what to do; the stack only with I18N_DRIFT_DEBUG=1. */
function fail(e: unknown, { t }: Messages): number {
  const line = describeError(e, t);
  process.stderr.write(`i18n-drift: ${line.split('\n')[0]}\n`);
  if (process.env['I18N_DRIFT_DEBUG'] && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return e instanceof UsageError || e instanceof ConfigError || e instanceof HostError || e instanceof FrontmatterError ? 2 : 70;
}

export function describeError(e: unknown, t: (k: string, v?: Record<string, unknown>) => string): string {
  if (e instanceof ConfigError) return t('cli:error.config', { path: CONFIG_PATH, key: e.key, reason: e.reason });
  if (e instanceof UsageError && e.i18n) return t(e.i18n.key, e.i18n.values);
  if (e instanceof LocalizedHostError) return t(e.i18n.key, e.i18n.values);
  if (e instanceof UsageError || e instanceof HostError || e instanceof FrontmatterError) return e.message;
  if (e instanceof Error) return t('cli:error.internal', { message: e.message });
  return t('cli:error.internal', { message: String(e) });
}
