import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './args.js';
import { UsageError } from './cli-error.js';

describe('parseCommandLine', () => {
  it.each([
    [['status'], 'status', {}, []],
    [['--root', '.', 'status'], 'status', { root: '.' }, []],
    [['--root=.', '--json', 'status', 'docs', '--locale', 'fr'], 'status', { root: '.', json: true, locale: 'fr' }, ['docs']],
    [['--port', '0', 'dashboard'], 'dashboard', { port: '0' }, []],
    [['status', '--help'], 'status', { help: true }, []],
    [['help', 'check'], 'check', { help: true }, []],
    [['--lang', 'fr', 'help', 'sync'], 'sync', { help: true, lang: 'fr' }, []],
    [['diff', 'a.md', 'b.md'], 'diff', {}, ['a.md', 'b.md']],
    [['diff', '--', '-a.md', 'b.md'], 'diff', {}, ['-a.md', 'b.md']],
    [[], null, { help: true }, []],
    [['--help'], null, { help: true }, []],
    [['--version'], null, { version: true }, []],
  ])('%j', (argv, command, values, positionals) => {
    const args = parseCommandLine(argv);
    expect(args.command).toBe(command);
    expect(args.values).toMatchObject(values);
    expect(args.positionals).toEqual(positionals);
  });

  it.each([
    [['sync', 'extra'], 'cli:error.unexpectedArgumentFor'],
    [['check', 'a', 'b'], 'cli:error.unexpectedArgumentFor'],
    [['diff', 'a', 'b', 'c'], 'cli:error.unexpectedArgumentFor'],
    [['help', 'status', 'extra'], 'cli:error.unexpectedArgument'],
    [['--json'], 'cli:error.noCommand'],
    [['--', 'status'], 'cli:error.unexpectedArgument'],
    [['--port', '1', 'frobnicate'], 'cli:error.unknownCommand'],
    [['help', 'frobnicate'], 'cli:error.unknownCommand'],
    [['--colour', 'status'], 'cli:error.unknownOption'],
    [['status', '--root'], 'cli:error.missingValue'],
  ])('%j is a usage error (%s)', (argv, key) => {
    let error: unknown;
    try {
      parseCommandLine(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).i18n?.key).toBe(key);
  });
});
