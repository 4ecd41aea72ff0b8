/**
 * Production start: Probot's `createNodeMiddleware` on a plain `http.Server` (not
 * Probot's `Server`, which falls back to port 3000). It refuses to start without a real
 * webhook secret or app credentials, before loading anything else.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookSecretProblem } from './webhook-secret.js';

export interface StartedServer {
  server: http.Server;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  close(): Promise<void>;
}

/**
 * Start the bot from environment variables: WEBHOOK_SECRET, APP_ID, PRIVATE_KEY (or
 * PRIVATE_KEY_PATH), optional PORT (default 3000), HOST, LOG_LEVEL, GHE_HOST, PUBLIC_URL.
 * @throws Error with a one-line reason when the configuration is unusable.
 */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<StartedServer> {
  const problem = webhookSecretProblem(env.WEBHOOK_SECRET);
  if (problem) throw new Error(problem);
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    throw new Error('APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required: see apps/bot/README.md');
  }
  const { createNodeMiddleware, createProbot } = await import('probot');
  const { createI18nDriftApp } = await import('./app.js');
  const probot = createProbot({ env });
  const middleware = await createNodeMiddleware(createI18nDriftApp({ publicUrl: env.PUBLIC_URL }), { probot });
  const server = http.createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(env.PORT ?? 3000), env.HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  probot.log.info(`i18n-drift bot listening on port ${port}`);
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
