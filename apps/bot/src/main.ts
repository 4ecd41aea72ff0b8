/**
 * `npm run start -w @i18n-drift/bot` (and `npm run bot` at the root): start the server,
 * or exit 1 with a one-line reason.
 */
import { startServer } from './start-server.js';

try {
  await startServer();
} catch (error) {
  console.error(`i18n-drift bot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
