/**
 * Production start: Probot's `createNodeMiddleware` on a plain `http.Server` (not
 * Probot's `Server`, which falls back to port 3000). It refuses to start without a real
 * webhook secret or app credentials, before loading anything else. With
 * `WEBHOOK_PROXY_URL` (what Probot's setup flow writes for development) it also relays
 * the webhooks of that smee.io channel to itself, as `probot run` does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readServerSettings } from './server-env.js';

export interface StartedServer {
  server: http.Server;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  close(): Promise<void>;
}

/**
 * Start the bot from environment variables: WEBHOOK_SECRET, APP_ID, PRIVATE_KEY (or
 * PRIVATE_KEY_PATH), optional PORT (default 3000), HOST, LOG_LEVEL, GHE_HOST, PUBLIC_URL,
 * WEBHOOK_PROXY_URL. `cwd` is where a relative PRIVATE_KEY_PATH is resolved.
 * @throws ServerEnvError listing every missing or invalid variable (one line each).
 */
export async function startServer(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<StartedServer> {
  const settings = readServerSettings(env, cwd);
  const { createNodeMiddleware, createProbot } = await import('probot');
  const { createI18nDriftApp } = await import('./app.js');
  // REDIS_URL: enqueue for the workers (and Probot's throttling shares that Redis too).
  const { startWebOperations } = await import('./web-operations.js');
  const ops = await startWebOperations(env);
  const probot = createProbot({ env, overrides: { appId: settings.appId, privateKey: settings.privateKey, secret: settings.secret, Octokit: ops.Octokit } });
  const middleware = await createNodeMiddleware(createI18nDriftApp({ publicUrl: env.PUBLIC_URL, enqueue: ops.enqueue, routes: ops.routes }), { probot });
  const server = http.createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, resolve);
  }).catch(async (error: unknown) => {
    await ops.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  probot.log.info(`i18n-drift bot listening on port ${port}`);
  const relay = settings.webhookProxyUrl ? await startWebhookRelay(settings.webhookProxyUrl, `${localUrl(settings.host, port)}${probot.webhookPath}`, probot.log) : null;
  return {
    server,
    port,
    close: async () => {
      await relay?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Deliveries being answered finish (a web process only enqueues); idle keep-alives go now.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      await ops.close();
    },
  };
}

/**
 * Relay a smee.io channel's webhooks to this server. A channel that cannot be reached is
 * a warning, not a failure: webhooks may still arrive through a tunnel.
 */
async function startWebhookRelay(
  source: string,
  target: string,
  log: { info(message: string): void; warn(message: string): void; error(message: string): void },
): Promise<{ stop(): Promise<void> } | null> {
  const { SmeeClient } = await import('smee-client');
  const client = new SmeeClient({
    source,
    target,
    logger: { info: (m: string) => log.info(`webhook relay: ${m}`), error: (...m: unknown[]) => log.warn(`webhook relay: ${m.map(String).join(' ')}`) },
    maxConnectionTimeout: 10_000,
  });
  try {
    await client.start();
  } catch (error) {
    log.warn(`webhook relay: cannot reach WEBHOOK_PROXY_URL ${source} (${error instanceof Error ? error.message : String(error)}); webhooks only arrive on this server's own URL`);
    await client.stop();
    return null;
  }
  log.info(`webhook relay: ${source} -> ${target}`);
  return client;
}

/** This server's own URL, as reachable from this machine. */
function localUrl(host: string | undefined, port: number): string {
  if (!host || host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
