/**
 * `npm run worker -w @i18n-drift/bot`: run queue jobs until SIGTERM (or Ctrl-C), then
 * finish the running jobs before exiting. Reads the environment, then `apps/bot/.env`.
 * Exits 1 with every configuration problem listed.
 */
import { fileURLToPath } from 'node:url';
import { withEnvFile } from './server-env.js';
import { startWorkerProcess } from './start-worker.js';

const botDirectory = fileURLToPath(new URL('..', import.meta.url));

try {
  // The same `apps/bot/.env` as the web process (APP_ID, PRIVATE_KEY, REDIS_URL, …).
  const worker = await startWorkerProcess(withEnvFile(process.env, `${botDirectory}.env`));
  const stop = () => {
    worker.close().catch((error: unknown) => {
      console.error(`i18n-drift worker: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  console.error(`i18n-drift worker cannot start:\n${(error instanceof Error ? error.message : String(error)).replace(/^/gm, '  - ')}`);
  process.exitCode = 1;
}
