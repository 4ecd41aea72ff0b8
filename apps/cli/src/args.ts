/**
 * Command-line arguments: `i18n-drift <command> [options]`, parsed strictly with
 * node:util's parseArgs per command, so an unknown flag is a one-line error.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './cli-error.js';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const COMMON: OptionSpec = {
  root: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const COMMANDS = {
  init: { 'assume-current': { type: 'boolean' } },
  diff: { from: { type: 'string' }, to: { type: 'string' } },
  sync: { from: { type: 'string' }, to: { type: 'string' }, branch: { type: 'boolean' } },
  status: {},
  check: { 'max-stale': { type: 'string' }, format: { type: 'string' } },
  dashboard: { port: { type: 'string' }, out: { type: 'string' } },
  demo: { 'no-serve': { type: 'boolean' }, port: { type: 'string' }, keep: { type: 'boolean' } },
} satisfies Record<string, OptionSpec>;

export type CommandName = keyof typeof COMMANDS;

export interface Args {
  command: CommandName | null;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * @throws UsageError for an unknown command or flag, or a flag missing its value.
 */
export function parseCommandLine(argv: string[]): Args {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: null, values: { help: true, ...pickLang(argv) }, positionals: [] };
  }
  if (first === '--version' || first === '-v') return { command: null, values: { version: true }, positionals: [] };
  if (!(first in COMMANDS)) {
    const values = { command: first, commands: Object.keys(COMMANDS).join(', ') };
    throw new UsageError(`unknown command "${first}" (expected one of: ${values.commands})`, { key: 'cli:error.unknownCommand', values });
  }
  const command = first as CommandName;
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      options: { ...COMMON, ...COMMANDS[command] },
      allowPositionals: true,
      strict: true,
    });
    return { command, values: values as Args['values'], positionals };
  } catch (e) {
    throw usageOf(e as Error & { code?: string });
  }
}

/**
 * parseArgs' error as one line the user understands, in their language: its own message
 * calls a flag followed by another flag "ambiguous" and runs over several lines.
 */
function usageOf(e: Error & { code?: string }): UsageError {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  if (option && e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError(`unknown option '${option}'`, { key: 'cli:error.unknownOption', values: { option } });
  }
  if (option && e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(`${option} expects a value`, { key: 'cli:error.missingValue', values: { option } });
  }
  const argument = /'([^']*)'/.exec(e.message)?.[1];
  if (argument !== undefined && e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new UsageError(`unexpected argument '${argument}'`, { key: 'cli:error.unexpectedArgument', values: { argument } });
  }
  const message = e.message.split('\n')[0]!.split('. ')[0]!.replace(/\.$/, '');
  return new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
}

function pickLang(argv: string[]): Record<string, string> {
  const i = argv.indexOf('--lang');
  return i >= 0 && argv[i + 1] ? { lang: argv[i + 1]! } : {};
}

/** A non-negative integer flag value. @throws UsageError naming the flag. */
export function intFlag(values: Args['values'], name: string, fallback: number | undefined, t: (k: string, v?: Record<string, unknown>) => string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) > 1_000_000) throw new UsageError(t('cli:error.integer', { flag: `--${name}`, value: String(raw) }));
  return Number(raw);
}
