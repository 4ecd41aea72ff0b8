/**
 * `i18n-drift demo` (what `npm start` runs): the whole workflow on a copy of this
 * repository's documents, offline. Copies locales/ into a temporary Git repository,
 * adopts the translations (`init`), commits a bundled English policy update (a shorter
 * retention period, a new section, a removed one), runs `sync --branch`, and prints
 * each locale's pull request and the coverage before and after. Then serves the
 * dashboard for that repository (unless `--no-serve`). The repository is removed at the
 * end unless `--keep`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverage, loadSnapshot, TranslationBranch } from '@i18n-drift/core';
import { portFlag } from '../args.js';
import { runGit, gitText } from '../git/run-git.js';
import { TOOL_LOCALES } from '../i18n-setup.js';
import { colors, print } from '../output.js';
import { openRepository } from '../repository.js';
import { TOOL_DIR } from '../tool-folder.js';
import type { Command, CommandContext } from './context.js';
import { loadDashboardModule, serveDashboard, untilInterrupted } from './dashboard.js';
import { runInit } from './init.js';
import { coverageTable } from './status.js';
import { runDiff } from './diff.js';
import { sync, syncSummary } from './sync.js';

/** The bundled English update of locales/en/your-data.md. */
export const DEMO_UPDATE = join(TOOL_DIR, 'demo/your-data.md');

const CONFIG = `# i18n-drift demo configuration
sourceLocale: en
files:
  - locales/{locale}/**/*.md
translators:
  fr: [marie-translates]
  nl: [joost-vertaalt]
labels:
  fr: [privacy]
  nl: [privacy]
`;

const IDENTITY = ['-c', 'user.name=Alice (policy owner)', '-c', 'user.email=alice@example.org', '-c', 'commit.gpgsign=false'];

export const runDemo: Command = async (ctx) => {
  const { m, args } = ctx;
  const { t } = m;
  const port = portFlag(args.values, undefined, t);
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-demo-'));
  const git = (...a: string[]) => runGit(dir, [...IDENTITY, ...a]);
  const step = (key: string, values: Record<string, unknown> = {}) => {
    print('');
    print(colors.bold(colors.cyan(`== ${t(key, values)}`)));
  };
  const sub = (argv: Partial<CommandContext>) => ({ ...ctx, json: false, root: dir, ...argv });

  step('cli:demo.copy', { dir });
  for (const lng of readdirSync(TOOL_LOCALES)) {
    for (const name of readdirSync(join(TOOL_LOCALES, lng))) {
      if (!name.endsWith('.md')) continue;
      mkdirSync(join(dir, 'locales', lng), { recursive: true });
      copyFileSync(join(TOOL_LOCALES, lng, name), join(dir, 'locales', lng, name));
      print(`  locales/${lng}/${name}`);
    }
  }
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(join(dir, '.github', 'i18n-drift.yml'), CONFIG);
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Import the privacy policies and their translations');

  step('cli:demo.init');
  await runInit(sub({}));
  await git('commit', '-q', '-am', 'Adopt the existing translations (i18n-drift init)');

  step('cli:demo.before');
  let repo = await openRepository(dir, t);
  for (const line of coverageTable(coverage(await loadSnapshot(repo.host, repo.config, 'HEAD', { history: true }), repo.config), t)) print(line);
  repo.host.close();

  step('cli:demo.update');
  copyFileSync(DEMO_UPDATE, join(dir, 'locales', 'en', 'your-data.md'));
  await git('commit', '-q', '-am', 'Privacy: keep logs 30 days, add newsletter data, drop model data');
  print(await gitText(dir, ['log', '--oneline', '-3']));
  print('');
  await runDiff(sub({ args: { command: 'diff', values: { from: 'HEAD~1', to: 'HEAD' }, positionals: [] } }));

  step('cli:demo.sync');
  repo = await openRepository(dir, t);
  const result = await sync(repo, { branch: true, m });
  for (const line of syncSummary(result, repo, t)) print(line);

  for (const l of result.locales) {
    step('cli:demo.pullRequest', { locale: l.locale, branch: l.branch });
    print(colors.bold(l.title));
    print('');
    print(l.body);
    print(colors.bold(t('cli:demo.filesChanged')));
    print(await gitText(dir, ['diff', '--stat', `main...${l.branch}`]));
  }

  step('cli:demo.after');
  // The repository as it will be once every locale's pull request is merged.
  const snapshot = await loadSnapshot(repo.host, repo.config, 'HEAD', { history: true });
  for (const l of result.locales) {
    for (const f of l.files) {
      if (f.content === null) delete snapshot.files[f.path];
      else snapshot.files[f.path] = f.content;
    }
  }
  for (const line of coverageTable(coverage(snapshot, repo.config), t)) print(line);

  print('');
  print(t('cli:demo.inspect', { dir, branches: result.locales.map((l) => TranslationBranch.forLocale(repo.config.branchPrefix, l.locale).name).join(', ') }));
  const dashboard = args.values['no-serve'] ? null : await loadDashboardModule();
  if (!dashboard) {
    repo.host.close();
    cleanUp(dir, Boolean(args.values['keep']), t);
    return 0;
  }
  // The usual port when free, any free port otherwise (unless --port asks for one).
  const served = await serveDashboard(dashboard, repo, port ?? 4173, m.localize(m.lng)).catch((e: unknown) => {
    if (port !== undefined) throw e;
    return serveDashboard(dashboard, repo, 0, m.localize(m.lng));
  });
  const { url, server } = served;
  step('cli:demo.dashboard');
  print(t('cli:dashboard.serving', { url: colors.cyan(url) }));
  await untilInterrupted(server);
  repo.host.close();
  cleanUp(dir, Boolean(args.values['keep']), t);
  return 0;
};

/** The demo repository is removed once done (a /tmp left full of them otherwise), unless `--keep`; either way the user is told where it is. */
function cleanUp(dir: string, keep: boolean, t: (k: string, v?: Record<string, unknown>) => string): void {
  print('');
  if (keep) {
    print(t('cli:demo.kept', { dir }));
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  print(t('cli:demo.removed', { dir }));
}
