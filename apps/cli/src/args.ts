/**
 * Command-line arguments: `i18n-drift [options] <command> [options] [arguments]`,
 * parsed strictly with node:util's parseArgs per command, so an unknown flag or an
 * argument the command does not take is a one-line error.
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
  sync: { from: { type: 'string' }, to: { type: 'string' }, branch: { type: 'boolean' }, fill: { type: 'boolean' } },
  status: { all: { type: 'boolean' }, locale: { type: 'string' }, state: { type: 'string' }, sections: { type: 'boolean' } },
  check: { 'max-stale': { type: 'string' }, format: { type: 'string' }, baseline: { type: 'string' }, 'update-baseline': { type: 'boolean' } },
  dashboard: { port: { type: 'string' }, out: { type: 'string' } },
  demo: { 'no-serve': { type: 'boolean' }, port: { type: 'string' }, keep: { type: 'boolean' } },
  queue: { url: { type: 'string' } },
} satisfies Record<string, OptionSpec>;

export type CommandName = keyof typeof COMMANDS;

/** How many arguments (besides options) each command takes; more is an error. */
const MAX_POSITIONALS: Record<CommandName, number> = {
  init: 0,
  // OLD.md NEW.md, or one PATH with --from/--to (diff.ts says which).
  diff: 2,
  sync: 0,
  // Folders or files to report on.
  status: Infinity,
  check: 0,
  dashboard: 0,
  demo: 0,
  // failed | retry ID
  queue: 2,
};

export interface Args {
  command: CommandName | null;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Options that take a value, in any command: their value is never the command. */
const TAKES_VALUE = new Set(
  [COMMON, ...Object.values(COMMANDS)].flatMap((spec) => Object.entries(spec as OptionSpec).flatMap(([name, option]) => (option.type === 'string' ? [`--${name}`, ...(option.short ? [`-${option.short}`] : [])] : []))),
);

/**
 * The command line as a command, its options (given before or after the command) and
 * its arguments. `help [COMMAND]`, `--help` and `--version` need no command.
 *
 * @throws UsageError for an unknown command or option, a flag missing its value, an
 *   argument the command does not take, or options without a command.
 */
export function parseCommandLine(argv: string[]): Args {
  const at = commandIndex(argv);
  const before = at < 0 ? argv : argv.slice(0, at);
  const first = at < 0 ? undefined : argv[at]!;
  if (first === undefined || first === 'help') {
    const topic = first === 'help' ? argv.slice(at + 1).find((a) => !a.startsWith('-')) : undefined;
    const values = parse(before.concat(at < 0 ? [] : argv.slice(at + 1).filter((a) => a !== topic)), COMMON, 0).values;
    if (values['version'] && first === undefined) return { command: null, values, positionals: [] };
    if (topic !== undefined) return { command: knownCommand(topic), values: { ...values, help: true }, positionals: [] };
    if (argv.length > 0 && first === undefined && !values['help']) {
      throw new UsageError('expected a command (i18n-drift --help lists them)', { key: 'cli:error.noCommand', values: {} });
    }
    return { command: null, values: { ...values, help: true }, positionals: [] };
  }
  const command = knownCommand(first);
  const { values, positionals } = parse([...before, ...argv.slice(at + 1)], { ...COMMON, ...COMMANDS[command] }, MAX_POSITIONALS[command], command);
  return { command, values, positionals };
}

/** Index of the command: the first argument that is neither an option nor an option's value; -1 if none. */
function commandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // After `--` everything is an argument: a command must come before it.
    if (arg === '--') return -1;
    if (!arg.startsWith('-') || arg === '-') return i;
    if (TAKES_VALUE.has(arg)) i++;
  }
  return -1;
}

function knownCommand(name: string): CommandName {
  if (Object.hasOwn(COMMANDS, name)) return name as CommandName;
  const values = { command: name, commands: Object.keys(COMMANDS).join(', ') };
  throw new UsageError(`unknown command "${name}" (expected one of: ${values.commands})`, { key: 'cli:error.unknownCommand', values });
}

/** `command`, when known, is named in the error for an argument too many: `diff a b c` alone does not say which command refused it. */
function parse(args: string[], options: OptionSpec, maxPositionals: number, command?: CommandName): Pick<Args, 'values' | 'positionals'> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...options, version: { type: 'boolean', short: 'v' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageOf(e as Error & { code?: string });
  }
  const extra = parsed.positionals[maxPositionals];
  if (extra !== undefined && command !== undefined) {
    throw new UsageError(`unexpected argument '${extra}' for ${command} (i18n-drift ${command} --help shows what it takes)`, { key: 'cli:error.unexpectedArgumentFor', values: { argument: extra, command } });
  }
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`, { key: 'cli:error.unexpectedArgument', values: { argument: extra } });
  return { values: parsed.values as Args['values'], positionals: parsed.positionals };
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

/**
 * A non-negative integer flag value, at most `max`.
 * @throws UsageError naming the flag (and the range, when the number is out of it).
 */
export function intFlag(values: Args['values'], name: string, fallback: number | undefined, t: (k: string, v?: Record<string, unknown>) => string, max = 1_000_000): number | undefined {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw new UsageError(t('cli:error.integer', { flag: `--${name}`, value: String(raw) }));
  if (Number(raw) > max) throw new UsageError(t('cli:error.range', { flag: `--${name}`, min: 0, max, value: raw }));
  return Number(raw);
}

/** `--port N`: 0 (any free port) to 65535. @throws UsageError naming the flag and the range. */
export function portFlag(values: Args['values'], fallback: number | undefined, t: (k: string, v?: Record<string, unknown>) => string): number | undefined {
  return intFlag(values, 'port', fallback, t, 65_535);
}
