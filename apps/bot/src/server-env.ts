/**
 * The server's settings from environment variables, checked all at once: a maintainer
 * setting up the App fixes every problem in one round instead of one per restart. The
 * private key is decoded here (Probot would only say "privateKey option is required"
 * when it cannot read it).
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { getPrivateKey } from '@probot/get-private-key';
import { webhookSecretProblem } from './webhook-secret.js';

export interface ServerSettings {
  appId: number;
  /** PEM text, newlines restored. */
  privateKey: string;
  secret: string;
  port: number;
  host: string | undefined;
  /** `https://smee.io/…`: webhooks are read from this proxy and posted to this server (development). */
  webhookProxyUrl: string | undefined;
}

/** Every problem of the environment, one line each; `problems` is never empty. */
export class ServerEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ServerEnvError';
  }
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const SETUP = 'see apps/bot/README.md, "Register and run"';

/**
 * Check the variables `startServer` and Probot read. `cwd` is where a relative
 * `PRIVATE_KEY_PATH` (or a lone `*.pem`, Probot's fallback) is looked for.
 * @throws ServerEnvError listing every missing or invalid variable.
 */
export function readServerSettings(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ServerSettings {
  const problems: string[] = [];
  const secretProblem = webhookSecretProblem(env.WEBHOOK_SECRET);
  if (secretProblem) problems.push(secretProblem);

  const appId = (env.APP_ID ?? '').trim();
  if (appId === '') problems.push(`APP_ID is missing: set it to the App ID shown on your GitHub App's settings page (${SETUP})`);
  else if (!/^[1-9]\d*$/.test(appId)) problems.push(`APP_ID must be the App's numeric ID, got "${appId}"`);

  const key = readPrivateKey(env, cwd);
  if ('problem' in key) problems.push(key.problem);

  const portText = (env.PORT ?? '3000').trim();
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) problems.push(`PORT must be a port number from 0 to 65535, got "${env.PORT}"`);

  const logLevel: string | undefined = env.LOG_LEVEL;
  if (logLevel && !LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  for (const name of ['PUBLIC_URL', 'WEBHOOK_PROXY_URL'] as const) {
    const value = env[name];
    if (value && !isHttpUrl(value)) problems.push(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (env.GHE_HOST && !/^[A-Za-z0-9.-]+(?::\d+)?$/.test(env.GHE_HOST)) {
    problems.push(`GHE_HOST must be a host name such as "github.example.com" (no scheme, no path), got "${env.GHE_HOST}"`);
  }
  if (env.GHE_PROTOCOL && !['http', 'https'].includes(env.GHE_PROTOCOL)) {
    problems.push(`GHE_PROTOCOL must be http or https, got "${env.GHE_PROTOCOL}"`);
  }

  if (problems.length > 0 || 'problem' in key) throw new ServerEnvError(problems);
  return {
    appId: Number(appId),
    privateKey: key.pem,
    secret: env.WEBHOOK_SECRET!,
    port,
    host: env.HOST || undefined,
    webhookProxyUrl: env.WEBHOOK_PROXY_URL || undefined,
  };
}

/**
 * Variables from a `.env` file (the format Probot's setup flow writes: `KEY=value`,
 * double-quoted values with `\n` escapes) under `env`: a variable already set in the
 * environment wins, as with dotenv. No file: `env` unchanged.
 * @throws ServerEnvError when the file exists but cannot be read.
 */
export function withEnvFile(env: NodeJS.ProcessEnv, path: string): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw new ServerEnvError([`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  const fromFile = parseEnv(text);
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(fromFile)) {
    if (merged[name] === undefined || merged[name] === '') merged[name] = value;
  }
  return merged;
}

function readPrivateKey(env: NodeJS.ProcessEnv, cwd: string): { pem: string } | { problem: string } {
  const missingKey = `PRIVATE_KEY is missing: set PRIVATE_KEY to the contents of the App's .pem file, or PRIVATE_KEY_PATH to its path (${SETUP})`;
  const source = env.PRIVATE_KEY ? 'PRIVATE_KEY' : env.PRIVATE_KEY_PATH ? `PRIVATE_KEY_PATH (${resolve(cwd, env.PRIVATE_KEY_PATH)})` : null;
  let pem: string | null;
  try {
    if (source?.startsWith('PRIVATE_KEY_PATH')) {
      // Read here rather than by getPrivateKey: it reports an unreadable file as missing.
      pem = readFileSync(resolve(cwd, env.PRIVATE_KEY_PATH!), 'utf8');
      pem = getPrivateKey({ env: { PRIVATE_KEY: pem }, cwd });
    } else {
      pem = getPrivateKey({ env, cwd });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (source === null && code) return { problem: missingKey };
    if (code === 'ENOENT') return { problem: `${source}: no such file` };
    if (code) return { problem: `${source}: cannot be read (${code})` };
    if (source === null) {
      // Probot's fallback found several *.pem files in the working directory.
      return { problem: `PRIVATE_KEY is missing and ${cwd} holds several .pem files: set PRIVATE_KEY_PATH to the one to use` };
    }
    return { problem: `${source} is not a PEM private key: expected the contents of the .pem file GitHub generated for the App, from "-----BEGIN RSA PRIVATE KEY-----" to its END line` };
  }
  if (pem === null) return { problem: missingKey };
  try {
    createPrivateKey(pem);
  } catch (error) {
    return { problem: `${source ?? 'the .pem file found in ' + cwd} cannot be read as a private key (${(error as Error).message}): is the .pem file complete?` };
  }
  return { pem };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}
