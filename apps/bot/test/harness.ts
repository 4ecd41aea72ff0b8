/**
 * End-to-end harness for the bot: a stateful GitHub emulator (emulate@0.12.2) seeded with
 * an organisation, people, a repository holding this repo's locale seeds, and the app
 * installed; a counting/fault-injecting proxy in front of it; and the real Probot app served
 * through `createNodeMiddleware` on an `http.Server` bound to port 0. The emulator delivers
 * signed webhooks to that server, exactly as GitHub would.
 */
import http from 'node:http';
import { generateKeyPairSync, createHmac } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator } from 'emulate';
import { Probot, ProbotOctokit, createNodeMiddleware, type ApplicationFunction } from 'probot';
import { adopt } from '@i18n-drift/core';
import { createI18nDriftApp } from '../src/app.js';
import { createRepositoryQueue, type RepositoryQueue } from '../src/repository-queue.js';
import { startGitHubProxy, type GitHubProxy } from './github-proxy.js';

export const OWNER = 'acme';
export const REPO = 'privacy-docs';
export const APP_ID = 4242;
export const APP_SLUG = 'i18n-drift';
export const BOT_LOGIN = `${APP_SLUG}[bot]`;
export const INSTALLATION_ID = 77;
export const WEBHOOK_SECRET = 'harness-webhook-secret';
export const WEBHOOK_PATH = '/api/github/webhooks';
/** Seeded API tokens of the people in the organisation. */
export const TOKENS = {
  maintainer: 'token-maintainer',
  translatorFr: 'token-translator-fr',
  translatorNl: 'token-translator-nl',
} as const;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const DEFAULT_CONFIG = `sourceLocale: en
files:
  - locales/{locale}/**/*.md
translators:
  fr: [translator-fr]
  nl: [translator-nl]
labels:
  fr: [policy]
`;

/** The repository's Markdown seeds (never the i18next strings), path -> text. */
export function seedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.md')) files[relative(repoRoot, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(join(repoRoot, 'locales'));
  return files;
}

let keyPair: string | undefined;
/** One RSA key per test process: generating one costs ~100 ms and the emulator verifies JWTs with it. */
export function appPrivateKey(): string {
  keyPair ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return keyPair;
}

export interface HarnessOptions {
  /** Probot's retry and throttling plugins on (production behaviour); off by default so writes do not wait. */
  retries?: boolean;
  /** `.github/i18n-drift.yml`; null leaves it out. */
  config?: string | null;
  /** Files of the seed commit; default the repository's locale seeds. */
  files?: Record<string, string>;
  /** Adopt the translations (pin them at the seed commit, as `i18n-drift init` does). Default true. */
  adopt?: boolean;
  /** The proxy answers GraphQL blob queries (the emulator has no GraphQL). Default true; false: a GitHub without it. */
  graphql?: boolean;
  /** The app under test; default `createI18nDriftApp` with the harness's queue. */
  app?: (queue: RepositoryQueue) => ApplicationFunction;
}

export interface RecordedDelivery {
  headers: Record<string, string>;
  body: string;
}

export interface PullState {
  number: number;
  state: string;
  head: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
  reviewers: string[];
  comments: { id: number; user: string; body: string }[];
}

export interface Harness {
  emulator: Emulator;
  proxy: GitHubProxy;
  probot: Probot;
  /** The most deliveries that were queued or running at once (all repositories). */
  maxPending(): number;
  /** The seed commit (adopted translations) on main. */
  seedSha: string;
  queue: RepositoryQueue;
  /** The app's webhook URL. */
  webhookUrl: string;
  /** The app's server root (for routes other than webhooks). */
  appUrl: string;
  /** Webhook deliveries received by the app, in order (for replaying). */
  deliveries: RecordedDelivery[];
  /** Call the emulator's REST API as a person (token) — never through the proxy. */
  api<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  /** Commit files on a branch as a person (a "push"), creating the branch from `from` if needed. Returns the commit sha. */
  push(input: { branch: string; files: Record<string, string | null>; message?: string; token?: string; from?: string; force?: boolean; executable?: string[] }): Promise<string>;
  /** Text of a file at a ref, or null. */
  readFile(path: string, ref: string): Promise<string | null>;
  /** Wait until every webhook was delivered and handled, and nothing new arrived for a while. */
  settle(): Promise<void>;
  /**
   * Run `fn` while the app is down: the `deliveries` webhooks it causes are acknowledged
   * and dropped (GitHub gave up on them and nobody redelivered).
   */
  offline<T>(fn: () => Promise<T>, deliveries?: number): Promise<T>;
  /** Post a raw delivery to the app; returns the HTTP status. */
  deliver(delivery: RecordedDelivery): Promise<number>;
  /** Sign a payload with the app's webhook secret. */
  sign(body: string): string;
  /** Post a payload as a signed delivery of `event` (for events the emulator never sends). */
  send(event: string, payload: unknown, id?: string): Promise<number>;
  /** Branch name -> head sha, every branch. */
  branches(): Promise<Record<string, string>>;
  /** Pull requests (open and closed) with labels, reviewers and comments. */
  pulls(): Promise<PullState[]>;
  /** Check runs named i18n-drift on a commit. */
  checkRuns(sha: string): Promise<any[]>;
  /** Commits on `branch` not on `base`, oldest first: sha, author login, message. */
  commitsAhead(base: string, branch: string): Promise<{ sha: string; author: string | null; message: string; parents: string[] }[]>;
  close(): Promise<void>;
}

/** Start emulator, proxy and app; seed the repository (the seed push is not delivered to the app). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const inner = createRepositoryQueue();
  let mostPending = 0;
  const queue: RepositoryQueue = {
    ...inner,
    run(key, job) {
      const result = inner.run(key, job);
      mostPending = Math.max(mostPending, inner.pending());
      return result;
    },
  };
  const deliveries: RecordedDelivery[] = [];
  let inflight = 0;
  let received = 0;
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
  let droppedBeforeMount = 0;
  let down = false;

  // The app's server exists before the emulator so the emulator can be seeded with its webhook URL;
  // until the app is mounted, deliveries (the seed push) are acknowledged and dropped.
  const server = http.createServer((req, res) => {
    if (!handler || down) {
      droppedBeforeMount += 1;
      req.resume();
      res.writeHead(204).end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const webhookUrl = `${appUrl}${WEBHOOK_PATH}`;
  const privateKey = appPrivateKey();

  const emulator = await createEmulator({
    service: 'github',
    port: 0,
    seed: {
      tokens: {
        [TOKENS.maintainer]: { login: 'maintainer', scopes: ['repo'] },
        [TOKENS.translatorFr]: { login: 'translator-fr', scopes: ['repo'] },
        [TOKENS.translatorNl]: { login: 'translator-nl', scopes: ['repo'] },
      },
      github: {
        // The emulator maps unknown tokens to its first user: make that someone with no access.
        users: [
          { login: 'nobody', name: 'Nobody' },
          { login: 'maintainer', name: 'Mia Maintainer', email: 'mia@acme.test' },
          { login: 'translator-fr', name: 'Fanny Traductrice', email: 'fanny@acme.test' },
          { login: 'translator-nl', name: 'Niels Vertaler', email: 'niels@acme.test' },
        ],
        orgs: [
          {
            login: OWNER,
            name: 'Acme',
            members: [
              { login: 'maintainer', role: 'admin' },
              { login: 'translator-fr', role: 'admin' },
              { login: 'translator-nl', role: 'admin' },
            ],
          },
        ],
        repos: [{ owner: OWNER, name: REPO, default_branch: 'main', auto_init: true }],
        apps: [
          {
            app_id: APP_ID,
            slug: APP_SLUG,
            name: 'i18n-drift',
            private_key: privateKey,
            // app.yml's permissions, plus `issues: write`: the emulator requires it to label a pull
            // request, where GitHub accepts `pull_requests: write` (see README, "Emulator").
            permissions: { contents: 'write', pull_requests: 'write', checks: 'write', metadata: 'read', issues: 'write' },
            events: ['push', 'pull_request'],
            webhook_url: webhookUrl,
            webhook_secret: WEBHOOK_SECRET,
            installations: [{ installation_id: INSTALLATION_ID, account: OWNER }],
          },
        ],
      },
    },
  });
  const emulatorUrl = emulator.url.replace('//localhost:', '//127.0.0.1:');
  const proxy = await startGitHubProxy(emulatorUrl, { graphql: options.graphql ?? true });

  async function api<T = any>(method: string, path: string, body?: unknown, token: string = TOKENS.maintainer): Promise<T> {
    const response = await fetch(`${emulatorUrl}${path}`, {
      method,
      headers: {
        authorization: `token ${token}`,
        accept: 'application/vnd.github+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const repoPath = `/repos/${OWNER}/${REPO}`;

  async function push(input: {
    branch: string;
    files: Record<string, string | null>;
    message?: string;
    token?: string;
    from?: string;
    force?: boolean;
    /** Paths of `files` committed executable (mode 100755). */
    executable?: string[];
  }): Promise<string> {
    const token = input.token ?? TOKENS.maintainer;
    const existing = await api<{ object: { sha: string } } | null>('GET', `${repoPath}/git/ref/heads/${input.branch}`, undefined, token).catch(
      () => null,
    );
    const parentSha = input.from
      ? (await api<{ sha: string }>('GET', `${repoPath}/commits/${input.from}`, undefined, token)).sha
      : existing?.object.sha;
    if (!parentSha) throw new Error(`push: branch ${input.branch} does not exist and no 'from' given`);
    const parent = await api<{ tree: { sha: string } }>('GET', `${repoPath}/git/commits/${parentSha}`, undefined, token);
    const tree = await api<{ sha: string }>(
      'POST',
      `${repoPath}/git/trees`,
      {
        base_tree: parent.tree.sha,
        tree: Object.entries(input.files).map(([path, content]) =>
          content === null
            ? { path, mode: '100644', type: 'blob', sha: null }
            : { path, mode: input.executable?.includes(path) ? '100755' : '100644', type: 'blob', content },
        ),
      },
      token,
    );
    const commit = await api<{ sha: string }>(
      'POST',
      `${repoPath}/git/commits`,
      { message: input.message ?? 'Update documents', tree: tree.sha, parents: [parentSha] },
      token,
    );
    if (existing) {
      await api('PATCH', `${repoPath}/git/refs/heads/${input.branch}`, { sha: commit.sha, force: input.force ?? false }, token);
    } else {
      await api('POST', `${repoPath}/git/refs`, { ref: `refs/heads/${input.branch}`, sha: commit.sha }, token);
    }
    return commit.sha;
  }

  async function readFile(path: string, ref: string): Promise<string | null> {
    const response = await fetch(`${emulatorUrl}${repoPath}/contents/${path}?ref=${encodeURIComponent(ref)}`, {
      headers: { authorization: `token ${TOKENS.maintainer}`, accept: 'application/vnd.github.raw' },
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`readFile ${path}@${ref} -> ${response.status}`);
    return response.text();
  }

  // Seed commit: the locale seeds and the configuration, pushed before the app listens.
  const files: Record<string, string> = { ...(options.files ?? seedFiles()) };
  const config = options.config === undefined ? DEFAULT_CONFIG : options.config;
  if (config !== null) files['.github/i18n-drift.yml'] = config;
  let seedSha = await push({ branch: 'main', files, message: 'Seed the policies' });
  let seedPushes = 1;
  if (options.adopt ?? true) {
    // What `i18n-drift init` does: pin every aligned translated section at the seed commit.
    const adopted: Record<string, string> = {};
    for (const [path, text] of Object.entries(files)) {
      const match = /^locales\/([^/]+)\/(.+\.md)$/.exec(path);
      if (!match || match[1] === 'en') continue;
      const source = files[`locales/en/${match[2]}`];
      if (source === undefined) continue;
      adopted[path] = adopt(source, text, { sourceCommit: seedSha }).text;
    }
    seedSha = await push({ branch: 'main', files: adopted, message: 'Adopt the translations' });
    seedPushes += 1;
  }
  // The emulator delivers asynchronously: wait for the seed pushes to be dropped, so they
  // do not reach the app once it is mounted.
  for (let waited = 0; droppedBeforeMount < seedPushes && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));

  const retries = options.retries ?? false;
  const Octokit = ProbotOctokit.defaults((o: any) => ({
    ...o,
    // Function form: Probot merges its own throttle options over an object given here.
    // With retries on, keep the production plugins and their rules, only shorten the
    // waits from seconds to milliseconds.
    retry: { enabled: retries, retryAfterBaseValue: 1 },
    throttle: { ...o?.throttle, enabled: retries, retryAfterBaseValue: 1 },
  }));
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    secret: WEBHOOK_SECRET,
    baseUrl: proxy.url,
    Octokit: Octokit as typeof ProbotOctokit,
    logLevel: (process.env.LOG_LEVEL as 'error' | undefined) ?? 'fatal',
  });
  const appFn = (options.app ?? ((q) => createI18nDriftApp({ queue: q, publicUrl: appUrl })))(queue);
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: WEBHOOK_PATH });

  handler = (req, res) => {
    inflight += 1;
    received += 1;
    res.on('close', () => {
      inflight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (req.url?.startsWith(WEBHOOK_PATH)) {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
        deliveries.push({ headers, body: raw.toString('utf8') });
      }
      // The body was consumed here; hand it to Probot the way body-parsing frameworks do.
      Object.assign(req, { body: {}, rawBody: new Uint8Array(raw) });
      void middleware(req, res, () => {
        res.writeHead(404).end();
      });
    });
  };

  async function settle(): Promise<void> {
    let quiet = 0;
    let last = -1;
    while (quiet < 3) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      await queue.idle();
      if (inflight === 0 && queue.pending() === 0 && received === last) quiet += 1;
      else quiet = 0;
      last = received;
    }
  }

  async function offline<T>(fn: () => Promise<T>, count = 1): Promise<T> {
    await settle();
    const before = droppedBeforeMount;
    down = true;
    try {
      const result = await fn();
      for (let waited = 0; droppedBeforeMount < before + count && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      return result;
    } finally {
      down = false;
    }
  }

  const sign = (body: string) => `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;

  async function deliver(delivery: RecordedDelivery): Promise<number> {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': delivery.headers['x-github-event'] ?? '',
        'x-github-delivery': delivery.headers['x-github-delivery'] ?? '',
        'x-hub-signature-256': delivery.headers['x-hub-signature-256'] ?? '',
      },
      body: delivery.body,
    });
    await response.text();
    return response.status;
  }

  async function send(event: string, payload: unknown, id = `test-${Math.random().toString(36).slice(2)}`): Promise<number> {
    const body = JSON.stringify(payload);
    return deliver({ headers: { 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': sign(body) }, body });
  }

  async function branches(): Promise<Record<string, string>> {
    const refs = await api<{ ref: string; object: { sha: string } }[]>('GET', `${repoPath}/git/matching-refs/heads/`);
    return Object.fromEntries(refs.map((r) => [r.ref.slice('refs/heads/'.length), r.object.sha]));
  }

  async function pulls(): Promise<PullState[]> {
    const list = await api<any[]>('GET', `${repoPath}/pulls?state=all&per_page=100`);
    const out: PullState[] = [];
    for (const p of list.sort((a, b) => a.number - b.number)) {
      const comments = await api<any[]>('GET', `${repoPath}/issues/${p.number}/comments?per_page=100`);
      out.push({
        number: p.number,
        state: p.state,
        head: p.head.ref,
        base: p.base.ref,
        title: p.title,
        body: p.body ?? '',
        labels: (p.labels ?? []).map((l: { name: string }) => l.name).sort(),
        reviewers: (p.requested_reviewers ?? []).map((u: { login: string }) => u.login).sort(),
        comments: comments.map((c) => ({ id: c.id, user: c.user?.login, body: c.body })),
      });
    }
    return out;
  }

  async function checkRuns(sha: string): Promise<any[]> {
    const data = await api<{ check_runs: any[] }>('GET', `${repoPath}/commits/${sha}/check-runs?check_name=i18n-drift&filter=all`);
    return data.check_runs;
  }

  async function commitsAhead(base: string, branch: string) {
    const data = await api<{ commits: any[] }>('GET', `${repoPath}/compare/${base}...${branch}`);
    return data.commits.map((c) => ({
      sha: c.sha as string,
      author: (c.author?.login ?? null) as string | null,
      message: c.commit.message as string,
      parents: (c.parents as { sha: string }[]).map((p) => p.sha),
    }));
  }

  return {
    maxPending: () => mostPending,
    send,
    branches,
    pulls,
    checkRuns,
    commitsAhead,
    emulator,
    proxy,
    probot,
    seedSha,
    queue,
    webhookUrl,
    appUrl,
    deliveries,
    api,
    push,
    readFile,
    settle,
    offline,
    deliver,
    sign,
    async close() {
      await queue.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await proxy.close();
      await emulator.close();
    },
  };
}
