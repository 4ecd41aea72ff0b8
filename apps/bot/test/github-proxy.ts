/**
 * A tiny HTTP proxy between the app and the GitHub emulator. It counts the app's
 * requests (reads vs writes) for assertions and the benchmark, and injects faults
 * (a rate-limited 403, a 422) because the emulator has no fault injection of its own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
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
  /** Requests made to the GitHub API itself, minus app authentication (JWT/token minting). */
  apiRequests(): { reads: RecordedRequest[]; writes: RecordedRequest[] };
  inject(fault: Fault): void;
  /** Run `hook` before forwarding each request (e.g. to make someone push at an awkward moment). */
  onRequest(hook: ((method: string, path: string) => Promise<void> | void) | null): void;
  reset(): void;
  close(): Promise<void>;
}

const isAuthRequest = (r: RecordedRequest) => /^\/app\/installations\/\d+\/access_tokens/.test(r.path) || r.path === '/app';

/** Start the proxy on 127.0.0.1 with a free port, forwarding to `target` (the emulator's URL). */
export async function startGitHubProxy(target: string): Promise<GitHubProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let hook: ((method: string, path: string) => Promise<void> | void) | null = null;

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    // GitHub Enterprise-style clients (GHE_HOST, as the Actions adapter's Probot builds it)
    // prefix every path with /api/v3; the emulator serves from the root.
    const path = (req.url ?? '/').replace(/^\/api\/v3(?=\/)/, '');
    const fault = faults.find((f) => f.times > 0 && f.method === method && f.path.test(path.split('?')[0] ?? path));
    if (fault) {
      fault.times -= 1;
      req.resume();
      requests.push({ method, path, status: fault.status });
      res.writeHead(fault.status, { 'content-type': 'application/json; charset=utf-8', ...fault.headers });
      res.end(JSON.stringify(fault.body));
      return;
    }
    void Promise.resolve(hook?.(method, path)).then(() => forwardRequest(req, res, method, path));
  });

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
      return { reads: api.filter((r) => r.method === 'GET'), writes: api.filter((r) => r.method !== 'GET') };
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
