/**
 * The webhook route of a web process in queue mode. Its one job is to answer GitHub
 * quickly: check the signature, turn the payload into jobs (`deliveryJobs`), hand them to
 * the queue and answer. It replaces Probot's webhook middleware on that path because
 * Probot builds an installation client (with its plugins) and a logger for every
 * delivery before any handler runs, work a web process that only enqueues never uses.
 * The answers are those of `@octokit/webhooks`: 200 `ok`, 400 for missing headers or a
 * bad signature, 415 for a body that is not JSON, 500 when the queue cannot take a job.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Enqueue } from './app.js';
import { deliveryKey } from './delivery-log.js';
import { deliveryJobs } from './delivery-jobs.js';

export interface WebhookIntakeOptions {
  /** Probot's webhook path (`/api/github/webhooks`). */
  path: string;
  /** Checks `x-hub-signature-256` against the body with the webhook secret (Probot's `webhooks.verify`). */
  verify(body: string, signature: string): Promise<boolean>;
  botLogin(): Promise<string>;
  enqueue: Enqueue;
  log: { debug(message: string): void; info(message: string): void; error(error: unknown, message: string): void };
}

const REQUIRED = ['x-github-event', 'x-hub-signature-256', 'x-github-delivery'] as const;

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

/** The body as text; behind a body-parsing framework (Express and the like) it was read already, as `rawBody`. */
function readBody(req: IncomingMessage & { body?: unknown; rawBody?: unknown }): Promise<string> {
  if (req.rawBody instanceof Uint8Array) return Promise.resolve(Buffer.from(req.rawBody).toString('utf8'));
  if (typeof req.body === 'string') return Promise.resolve(req.body);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** A request handler (Probot's `addHandler` shape): true when the request was a webhook it answered. */
export function createWebhookIntake(options: WebhookIntakeOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const missing = REQUIRED.filter((h) => typeof req.headers[h] !== 'string');
    if (missing.length > 0) {
      req.resume();
      return answer(res, 400, `Required headers missing: ${missing.join(', ')}`);
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      req.resume();
      return answer(res, 415, 'Unsupported "Content-Type" header value. Must be "application/json"');
    }
    const event = req.headers['x-github-event'] as string;
    const id = req.headers['x-github-delivery'] as string;
    const body = await readBody(req);
    if (!(await options.verify(body, req.headers['x-hub-signature-256'] as string))) {
      return answer(res, 400, 'signature does not match event payload and secret');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return answer(res, 400, 'Invalid JSON');
    }
    const work = await deliveryJobs(event, id, payload, options.botLogin);
    if ('ignored' in work) {
      options.log.debug(`delivery ${id}: ${work.ignored}`);
      return answer(res, 200, 'ok');
    }
    const key = deliveryKey(id, event, payload);
    const results = await Promise.all(work.jobs.map(({ job, part }) => options.enqueue(job, part === undefined ? key : `${key}:${part}`)));
    if (results.every((r) => r === 'duplicate')) options.log.info(`delivery ${id} already queued; ignored`);
    answer(res, 200, 'ok');
  }

  return (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://intake.invalid').pathname !== options.path) return false;
    receive(req, res).catch((error: unknown) => {
      options.log.error(error, 'webhook not queued');
      if (!res.headersSent) answer(res, 500, 'the delivery could not be queued; redeliver it');
    });
    return true;
  };
}
