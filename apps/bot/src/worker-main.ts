/**
 * `npm run worker -w @i18n-drift/bot`: run queue jobs until SIGTERM (or Ctrl-C), then
 * finish the running jobs before exiting. Exits 1 with every configuration problem listed.
 */
import { startWorkerProcess } from './start-worker.js';

try {
  const worker = await startWorkerProcess();
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
