/**
 * A response body kept in memory: its bytes, compressed once (gzip and Brotli, off the
 * event loop) for every later client that accepts them, and an ETag per representation.
 * Sending it answers a matching `If-None-Match` with 304.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type Encoding = 'br' | 'gzip';

export interface KeptBody {
  readonly plain: Buffer;
  /** Strong ETag of the plain bytes; a compressed representation's adds `-br`/`-gzip`. */
  readonly etag: string;
  gzip?: Buffer;
  br?: Buffer;
  /** Settles when `gzip` and `br` are there (or compression failed: plain is served). */
  readonly compressed: Promise<void>;
  /** Bytes held: plain and compressed. */
  size(): number;
}

/** Below this, compressing costs more than it saves (headers alone are ~400 bytes). */
const MIN_COMPRESS = 1024;

/**
 * Keeps `content` and starts compressing it in zlib's thread pool: a 2 MB overview takes
 * 60 ms to gzip and 30 ms to Brotli (quality 6: 41 KB against gzip's 65 KB, where quality
 * 11 takes seconds for 11% less), which on the event loop would stall every request in
 * flight.
 */
export function keepBody(content: string | Buffer): KeptBody {
  const plain = typeof content === 'string' ? Buffer.from(content) : content;
  const etag = `"${createHash('sha1').update(plain).digest('base64url').slice(0, 16)}"`;
  const body: KeptBody = {
    plain,
    etag,
    compressed: Promise.resolve(),
    size: () => plain.length + (body.gzip?.length ?? 0) + (body.br?.length ?? 0),
  };
  if (plain.length < MIN_COMPRESS) return body;
  const brotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
  (body as { compressed: Promise<void> }).compressed = Promise.all([
    gzipAsync(plain).then((bytes) => (body.gzip = bytes)),
    brotliAsync(plain, brotliOptions).then((bytes) => (body.br = bytes)),
  ]).then(
    () => undefined,
    () => undefined, // out of memory in zlib: the plain bytes are still right
  );
  return body;
}

/**
 * The encoding to answer `Accept-Encoding` with: Brotli before gzip at equal weight,
 * none refused with `;q=0`; null for the plain bytes.
 */
export function pickEncoding(header: string | string[] | undefined): Encoding | null {
  const weights = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    weights.set(name, q ? Number(q[1]) : 1);
  }
  const weight = (name: Encoding) => weights.get(name) ?? (weights.has('*') ? weights.get('*')! : 0);
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : null;
}

/** True when `If-None-Match` names any representation of `body` (or is `*`). */
function notModified(header: string | undefined, body: KeptBody): boolean {
  if (!header) return false;
  const base = body.etag.slice(1, -1);
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    if (tag === '*') return true;
    const inner = tag.replace(/^"|"$/g, '');
    return inner === base || inner === `${base}-br` || inner === `${base}-gzip`;
  });
}

/**
 * Sends `body` in the best representation the client accepts, waiting (without blocking
 * other requests) for its compression the first time; 304 when the client has it. The
 * status other than 200 (a 404 page) is sent without 304 handling.
 */
export function sendBody(req: IncomingMessage, res: ServerResponse, status: number, body: KeptBody, headers: Record<string, string>): void {
  const encoding = body.plain.length >= MIN_COMPRESS ? pickEncoding(req.headers['accept-encoding']) : null;
  if (encoding && body[encoding] === undefined) {
    void body.compressed.then(() => write(req, res, status, body, encoding, headers));
    return;
  }
  write(req, res, status, body, encoding, headers);
}

function write(req: IncomingMessage, res: ServerResponse, status: number, body: KeptBody, wanted: Encoding | null, headers: Record<string, string>): void {
  if (res.destroyed) return;
  const bytes = wanted ? body[wanted] : undefined;
  const encoding = bytes ? wanted : null;
  const etag = encoding ? `"${body.etag.slice(1, -1)}-${encoding}"` : body.etag;
  const common = { ...headers, ETag: etag, Vary: varyWithEncoding(headers['Vary']) };
  if (status === 200 && notModified(req.headers['if-none-match'], body)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const sent = bytes ?? body.plain;
  res.writeHead(status, { ...common, ...(encoding ? { 'Content-Encoding': encoding } : {}), 'Content-Length': String(sent.length) });
  res.end(req.method === 'HEAD' ? undefined : sent);
}

function varyWithEncoding(vary: string | undefined): string {
  if (!vary) return 'Accept-Encoding';
  return /\baccept-encoding\b/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
}
