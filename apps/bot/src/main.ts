/**
 * Production entry point (`npm run start -w @i18n-drift/bot`, or `npm run bot` at the
 * root): Probot's `createNodeMiddleware` on a plain `http.Server`. It refuses to start
 * without a real webhook secret; APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), PORT, HOST
 * and LOG_LEVEL are read by Probot as usual.
 */
import http from 'node:http';
import { createNodeMiddleware, createProbot } from 'probot';
import app from './app.js';
import { webhookSecretProblem } from './webhook-secret.js';

const problem = webhookSecretProblem(process.env.WEBHOOK_SECRET);
if (problem) {
  console.error(`i18n-drift bot: ${problem}`);
  process.exit(1);
}
if (!process.env.APP_ID || !(process.env.PRIVATE_KEY || process.env.PRIVATE_KEY_PATH)) {
  console.error('i18n-drift bot: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required; see apps/bot/README.md');
  process.exit(1);
}

const probot = createProbot();
const middleware = await createNodeMiddleware(app, { probot });
const server = http.createServer((req, res) => {
  void middleware(req, res, () => {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  });
});
const port = Number(process.env.PORT ?? 3000);
server.listen(port, process.env.HOST, () => {
  probot.log.info(`i18n-drift bot listening on port ${port}`);
});
