// Installing the CLI from a clone as the README says: the packed tarball
// (scripts/pack.js) installed with `npm install -g` into a fresh prefix, with no
// registry and an empty npm cache, then run from PATH in an unrelated repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, REPO_ROOT, SEED_CONFIG, seeds, tempDir } from './helpers.js';

describe('install from a clone', () => {
  it('npm install -g of the packed tarball puts a working i18n-drift on the PATH, offline', { timeout: 240_000 }, () => {
    const out = tempDir('i18n-drift-pack-out-');
    const tarball = execFileSync(process.execPath, [join(REPO_ROOT, 'apps/cli/scripts/pack.js'), '--out', out], { encoding: 'utf8' }).trim();
    expect(tarball).toMatch(/i18n-drift-cli-0\.1\.0\.tgz$/);

    const prefix = tempDir('i18n-drift-prefix-');
    const cache = tempDir('i18n-drift-npm-cache-');
    // A registry nobody listens on and an empty cache: the install must need neither.
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--cache', cache, '--offline', '--registry', 'http://127.0.0.1:9/', '--no-audit', '--no-fund', tarball], {
      encoding: 'utf8',
      // Not the settings of the `npm run test` this may run under (its prefix, project, workspace).
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_'))), npm_config_update_notifier: 'false' },
    });
    const installed = join(prefix, 'lib/node_modules/@i18n-drift/cli');
    // Our packages come from the tarball itself, never from a link into the clone.
    for (const name of ['core', 'sections', 'dashboard']) expect(lstatSync(join(installed, 'node_modules/@i18n-drift', name)).isSymbolicLink()).toBe(false);
    expect(existsSync(join(prefix, 'bin/i18n-drift'))).toBe(true);

    const repo = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
    const run = (...args: string[]) =>
      spawnSync('i18n-drift', args, {
        cwd: repo,
        encoding: 'utf8',
        // Only the fresh prefix and the system: not the clone's node_modules/.bin.
        env: { PATH: [join(prefix, 'bin'), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter), HOME: tmpdir(), LANG: 'C', NO_COLOR: '1' },
      });

    const status = run('status');
    expect(status.stderr).toBe('');
    expect(status.status).toBe(0);
    expect(status.stdout).toContain('Translation coverage at');
    expect(status.stdout).toMatch(/\bfr\b/);
    // The tool's strings travel with it.
    expect(run('status', '--lang', 'nl').stdout).toContain('Vertaaldekking');
    const site = join(repo, 'site');
    const dashboard = run('dashboard', '--out', site);
    expect(dashboard.status, dashboard.stderr).toBe(0);
    expect(existsSync(join(site, 'index.html'))).toBe(true);
  });
});
