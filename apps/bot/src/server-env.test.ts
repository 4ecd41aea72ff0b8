import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { ServerEnvError, readServerSettings, withEnvFile } from './server-env.js';

const PEM = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;
const GOOD = { APP_ID: '12345', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 's3cret' };

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-env-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function problems(env: Record<string, string>, cwd = tempDir()): string[] {
  try {
    readServerSettings(env as NodeJS.ProcessEnv, cwd);
  } catch (error) {
    if (error instanceof ServerEnvError) return error.problems;
    throw error;
  }
  return [];
}

test('a complete environment gives the settings, the key decoded', () => {
  const settings = readServerSettings({ ...GOOD, PORT: '0', HOST: '127.0.0.1' }, tempDir());
  expect(settings).toMatchObject({ appId: 12345, secret: 's3cret', port: 0, host: '127.0.0.1', webhookProxyUrl: undefined });
  expect(settings.privateKey).toBe(PEM);
  // The one-line form of .env files (literal \n), as Probot accepts it.
  expect(readServerSettings({ ...GOOD, PRIVATE_KEY: PEM.replace(/\n/g, '\\n') }, tempDir()).privateKey.trim()).toBe(PEM.trim());
});

test('an empty environment names every missing variable at once', () => {
  const found = problems({});
  expect(found).toHaveLength(3);
  expect(found[0]).toMatch(/^WEBHOOK_SECRET is empty/);
  expect(found[1]).toMatch(/^APP_ID is missing/);
  expect(found[2]).toMatch(/^PRIVATE_KEY is missing: set PRIVATE_KEY .* or PRIVATE_KEY_PATH/);
});

test.each([
  ['APP_ID not a number', { APP_ID: 'my-app' }, /^APP_ID must be the App's numeric ID, got "my-app"$/],
  ['PRIVATE_KEY not a PEM', { PRIVATE_KEY: 'ghp_not-a-key' }, /^PRIVATE_KEY is not a PEM private key/],
  ['PRIVATE_KEY cut short', { PRIVATE_KEY: PEM.slice(0, 200) + '\n-----END RSA PRIVATE KEY-----\n' }, /^PRIVATE_KEY cannot be read as a private key .*complete/],
  ['PORT out of range', { PORT: '99999' }, /^PORT must be a port number from 0 to 65535, got "99999"$/],
  ['LOG_LEVEL unknown', { LOG_LEVEL: 'verbose' }, /^LOG_LEVEL must be one of trace, debug/],
  ['PUBLIC_URL not a URL', { PUBLIC_URL: 'example.com' }, /^PUBLIC_URL must be an http\(s\) URL/],
  ['WEBHOOK_PROXY_URL not http', { WEBHOOK_PROXY_URL: 'ftp://smee.io/x' }, /^WEBHOOK_PROXY_URL must be an http\(s\) URL/],
  ['GHE_HOST with a scheme', { GHE_HOST: 'https://github.example.com' }, /^GHE_HOST must be a host name/],
  ['webhook secret left at Probot’s default', { WEBHOOK_SECRET: 'development' }, /"development" default/],
])('%s is named', (_name, change, expected) => {
  const found = problems({ ...GOOD, ...change });
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(expected);
});

test('PRIVATE_KEY_PATH: read relative to the bot directory; missing, unreadable and non-key files named as such', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'app.private-key.pem'), PEM);
  const base = { APP_ID: '1', WEBHOOK_SECRET: 's3cret' };
  expect(readServerSettings({ ...base, PRIVATE_KEY_PATH: 'app.private-key.pem' }, dir).privateKey).toBe(PEM);

  expect(problems({ ...base, PRIVATE_KEY_PATH: 'gone.pem' }, dir)).toEqual([`PRIVATE_KEY_PATH (${join(dir, 'gone.pem')}): no such file`]);
  expect(problems({ ...base, PRIVATE_KEY_PATH: '.' }, dir)).toEqual([`PRIVATE_KEY_PATH (${dir}): cannot be read (EISDIR)`]);
  writeFileSync(join(dir, 'notes.txt'), 'hello');
  expect(problems({ ...base, PRIVATE_KEY_PATH: 'notes.txt' }, dir)[0]).toMatch(/^PRIVATE_KEY_PATH \(.*notes\.txt\) is not a PEM private key/);
  if (process.getuid?.() !== 0) {
    chmodSync(join(dir, 'app.private-key.pem'), 0o000);
    expect(problems({ ...base, PRIVATE_KEY_PATH: 'app.private-key.pem' }, dir)[0]).toMatch(/cannot be read \(EACCES\)$/);
  }
});

test('Probot’s fallback: a lone .pem in the bot directory is used; two are an error naming the fix', () => {
  const dir = tempDir();
  const base = { APP_ID: '1', WEBHOOK_SECRET: 's3cret' };
  writeFileSync(join(dir, 'one.pem'), PEM);
  expect(readServerSettings(base, dir).privateKey).toBe(PEM);
  writeFileSync(join(dir, 'two.pem'), PEM);
  expect(problems(base, dir)).toEqual([`PRIVATE_KEY is missing and ${dir} holds several .pem files: set PRIVATE_KEY_PATH to the one to use`]);
});

test('withEnvFile reads .env as Probot’s setup flow writes it; the environment wins', () => {
  const dir = tempDir();
  const path = join(dir, '.env');
  // updateEnv's format: KEY=value lines, the PEM double-quoted with \n escapes.
  writeFileSync(
    path,
    [`WEBHOOK_PROXY_URL=https://smee.io/abc`, `APP_ID=777`, `PRIVATE_KEY="${PEM.replace(/\n/g, '\\n')}"`, `WEBHOOK_SECRET=from-file`, `GITHUB_CLIENT_ID=Iv1.x`].join('\n'),
  );
  const env = withEnvFile({ WEBHOOK_SECRET: 'from-environment' }, path);
  expect(env).toMatchObject({ APP_ID: '777', WEBHOOK_SECRET: 'from-environment', WEBHOOK_PROXY_URL: 'https://smee.io/abc' });
  const settings = readServerSettings(env, dir);
  expect(settings.privateKey.trim()).toBe(PEM.trim());
  expect(settings.webhookProxyUrl).toBe('https://smee.io/abc');

  expect(withEnvFile({ A: '1' }, join(dir, 'missing.env'))).toEqual({ A: '1' });
  expect(() => withEnvFile({}, dir)).toThrow(/cannot be read \(EISDIR\)/);
});
