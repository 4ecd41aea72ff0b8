/**
 * Entry point of the GitHub Action (`action.yml`): the same app, run once for the event
 * that started the workflow by `@probot/adapter-github-actions`, authenticated with the
 * workflow's token instead of an app installation.
 */
import { run } from '@probot/adapter-github-actions';
import app from './app.js';

// The adapter bundles its own Probot major; the application function is the same shape.
await run(app as unknown as Parameters<typeof run>[0]);
