/**
 * A tiny HTTP proxy between the app and the GitHub emulator. It counts the app's
 * requests (reads vs writes) for assertions and the benchmark, and injects faults
 * (a rate-limited 403, a 422) because the emulator has no fault injection of its own.
 * The emulator has no GraphQL endpoint either: the proxy answers the one query the app
 * makes (blobs by id, `object(oid:)` aliases, as GitHub's schema has them) from the
 * emulator's REST blobs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** A GraphQL query's blob ids. */
  blobs?: string[];
}

/** A fault answered instead of forwarding, for requests matching `method` and `path`. */
export interface Fault {
  method: string;
  path: RegExp;
  /** How many matching requests get the fault before requests pass again. */
  times: number;
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface GitHubProxy {
  url: string;
  requests: RecordedRequest[];
  /** Requests made to the GitHub API itself, minus app authentication (JWT/token minting); GraphQL queries are reads. */
  apiRequests(): { reads: RecordedRequest[]; writes: RecordedRequest[] };
  inject(fault: Fault): void;
  /** Run `hook` before forwarding each request (e.g. to make someone push at an awkward moment). */
  onRequest(hook: ((method: string, path: string) => Promise<void> | void) | null): void;
  reset(): void;
  close(): Promise<void>;
}

const isAuthRequest = (r: RecordedRequest) => /^\/app\/installations\/\d+\/access_tokens/.test(r.path) || r.path === '/app';

const isRead = (r: RecordedRequest) => r.method === 'GET' || (r.method === 'POST' && r.path === '/graphql');

/**
 * Start the proxy on 127.0.0.1 with a free port, forwarding to `target` (the emulator's URL).
 * `graphql: false` forwards GraphQL queries too (the emulator answers 404), as a GitHub
 * without a usable GraphQL API would.
 */
export async function startGitHubProxy(target: string, options: { graphql?: boolean } = {}): Promise<GitHubProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let hook: ((method: string, path: string) => Promise<void> | void) | null = null;

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    // GitHub Enterprise-style clients (GHE_HOST, as the Actions adapter's Probot builds it)
    // prefix every path with /api/v3; the emulator serves from the root.
    const path = (req.url ?? '/').replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql');
    const fault = faults.find((f) => f.times > 0 && f.method === method && f.path.test(path.split('?')[0] ?? path));
    if (fault) {
      fault.times -= 1;
      req.resume();
      requests.push({ method, path, status: fault.status });
      res.writeHead(fault.status, { 'content-type': 'application/json; charset=utf-8', ...fault.headers });
      res.end(JSON.stringify(fault.body));
      return;
    }
    if (method === 'POST' && path === '/graphql' && options.graphql !== false) {
      void Promise.resolve(hook?.(method, path)).then(() => answerGraphql(req, res));
      return;
    }
    void Promise.resolve(hook?.(method, path)).then(() => forwardRequest(req, res, method, path));
  });

  /** `repository(owner, name) { b0: object(oid: "…") { ... on Blob { text isBinary isTruncated } } … }`. */
  async function answerGraphql(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables: { owner: string; name: string } };
    const wanted = [...query.matchAll(/(b\d+): object\(oid: "([0-9a-f]{40})"\)/g)].map((m) => ({ alias: m[1]!, oid: m[2]! }));
    const repository: Record<string, unknown> = {};
    await Promise.all(
      wanted.map(async ({ alias, oid }) => {
        const answer = await fetch(new URL(`/repos/${variables.owner}/${variables.name}/git/blobs/${oid}`, target), {
          headers: { authorization: String(req.headers.authorization ?? ''), accept: 'application/vnd.github+json' },
        });
        if (!answer.ok) {
          repository[alias] = null;
          return;
        }
        const bytes = Buffer.from(((await answer.json()) as { content: string }).content, 'base64');
        let text: string | null = null;
        try {
          if (!bytes.includes(0)) text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          text = null;
        }
        repository[alias] = { text, isBinary: text === null, isTruncated: false };
      }),
    );
    requests.push({ method: 'POST', path: '/graphql', status: 200, blobs: wanted.map((w) => w.oid) });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ data: { repository } }));
  }

  function forwardRequest(req: http.IncomingMessage, res: http.ServerResponse, method: string, path: string) {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        requests.push({ method, path, status: answer.statusCode ?? 0 });
        // GitHub answers a raw file read with text/plain; the emulator with
        // application/octet-stream, which octokit hands back as bytes (Probot's config
        // plugin then fails to parse the YAML).
        const raw = /\/contents\//.test(path) && /raw/.test(String(req.headers.accept)) && answer.headers['content-type'] === 'application/octet-stream';
        res.writeHead(answer.statusCode ?? 502, raw ? { ...answer.headers, 'content-type': 'text/plain; charset=utf-8' } : answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      requests.push({ method, path, status: 502 });
      res.writeHead(502).end(String(error));
    });
    req.pipe(forward);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    apiRequests() {
      const api = requests.filter((r) => !isAuthRequest(r));
      return { reads: api.filter(isRead), writes: api.filter((r) => !isRead(r)) };
    },
    onRequest(next) {
      hook = next;
    },
    inject(fault) {
      faults.push({ ...fault });
    },
    reset() {
      requests.length = 0;
      faults.length = 0;
      hook = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
