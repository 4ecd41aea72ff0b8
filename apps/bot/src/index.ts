export { default, createI18nDriftApp, type I18nDriftAppOptions } from './app.js';
export { createGitHubHost, MAX_FILE_BYTES, type GitHubClient, type GitHubHost, type GitHubHostOptions } from './github-host.js';
export { toHostError } from './to-host-error.js';
export { decidePush, type PushDecision, type PushPayload } from './push-filter.js';
export { createRepositoryQueue, type RepositoryQueue } from './repository-queue.js';
export { createDeliveryLog, deliveryKey, type DeliveryLog } from './delivery-log.js';
export { webhookSecretProblem } from './webhook-secret.js';
export { CHECK_NAME } from './check-run.js';
export { startServer, type StartedServer } from './start-server.js';
