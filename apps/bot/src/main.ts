/**
 * `npm run start -w @i18n-drift/bot` (and `npm run bot` at the root): start the server
 * with the environment and `apps/bot/.env` (as Probot's setup flow writes it), or exit 1
 * listing every problem with them.
 */
import { fileURLToPath } from 'node:url';
import { withEnvFile } from './server-env.js';
import { startServer } from './start-server.js';

const botDirectory = fileURLToPath(new URL('..', import.meta.url));

try {
  const started = await startServer(withEnvFile(process.env, `${botDirectory}.env`), botDirectory);
  // Graceful stop (SIGTERM from an orchestrator, Ctrl-C): answer the deliveries in flight, then disconnect.
  const stop = () => void started.close();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n');
  console.error(lines.length === 1 ? `i18n-drift bot: ${lines[0]}` : ['i18n-drift bot cannot start:', ...lines.map((line) => `  - ${line}`)].join('\n'));
  process.exitCode = 1;
}
