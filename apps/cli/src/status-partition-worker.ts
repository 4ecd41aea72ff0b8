/**
 * The worker thread of `status-partition.ts`: parses its part of the documents as they
 * are handed over, then computes that part's coverage, reading Git with a host of its
 * own, and hands it back. Any failure is reported, never thrown across: the main thread
 * then computes everything itself.
 */
import { parentPort } from 'node:worker_threads';
import { FrontmatterError, parseDocument, type ParseOptions } from '@i18n-drift/sections';
import { openLocalGitHost, type LocalGitHost } from './git/local-git-host.js';
import { coverPart, type FromWorker, type History, type ToWorker } from './status-partition.js';

const port = parentPort!;
const texts = new Map<string, string>();
let root = '';
let config: Extract<ToWorker, { type: 'start' }>['config'];
let parseOptions: ParseOptions = {};
let host: Promise<LocalGitHost> | null = null;
let gotHistory: (history: History) => void;
const history = new Promise<History>((resolve) => (gotHistory = resolve));

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      ({ root, config } = message);
      parseOptions = { frontmatterKeys: config.frontmatterKeys };
      host = openLocalGitHost(root);
      host.catch(() => {});
      return;
    case 'text':
      texts.set(message.path, message.text);
      try {
        // A head start, as on the main thread: parses are remembered by text.
        parseDocument(message.text, parseOptions);
      } catch (error) {
        if (!(error instanceof FrontmatterError)) fail(error);
      }
      return;
    case 'history':
      gotHistory(message.history);
      return;
    case 'run':
      void run(message.input);
  }
});

function fail(error: unknown): void {
  port.postMessage({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker);
}

async function run({ paths, extra, ...input }: Extract<ToWorker, { type: 'run' }>['input']): Promise<void> {
  try {
    const files: Record<string, string> = {};
    for (const path of paths) files[path] = texts.get(path) ?? extra[path]!;
    const git = await host!;
    try {
      port.postMessage({ type: 'done', result: await coverPart(git, config, { ...input, files }, () => history) } satisfies FromWorker);
    } finally {
      git.close();
    }
  } catch (error) {
    fail(error);
  }
}
