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
  /** Headers sent with every representation (type, language, caching, security). */
  readonly headers: Readonly<Record<string, string>>;
  /** Strong ETag of the plain bytes; a compressed representation's adds `-br`/`-gzip`. */
  readonly etag: string;
  gzip?: Buffer;
  br?: Buffer;
  /** Settles when `gzip` and `br` are there (or compression failed: plain is served). */
  readonly compressed: Promise<void>;
  /** Bytes held: plain and compressed. */
  size(): number;
  /** Response headers per representation, sent or 304 (slots: see `head`), made once: the hot path only looks them up. */
  readonly heads: (string[] | undefined)[];
}

/** Below this, compressing costs more than it saves (headers alone are ~400 bytes). */
const MIN_COMPRESS = 1024;

/**
 * Keeps `content` and starts compressing it in zlib's thread pool: a 2 MB overview takes
 * 60 ms to gzip and 30 ms to Brotli (quality 6: 41 KB against gzip's 65 KB, where quality
 * 11 takes seconds for 11% less), which on the event loop would stall every request in
 * flight.
 */
export function keepBody(content: string | Buffer, headers: Record<string, string> = {}): KeptBody {
  const plain = typeof content === 'string' ? Buffer.from(content) : content;
  const etag = `"${createHash('sha1').update(plain).digest('base64url').slice(0, 16)}"`;
  const body: KeptBody = {
    plain,
    headers: { ...headers, Vary: varyWithEncoding(headers['Vary']) },
    heads: [],
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

const encodings = new Map<string, Encoding | null>();

/**
 * The encoding to answer `Accept-Encoding` with: Brotli before gzip at equal weight,
 * none refused with `;q=0`; null for the plain bytes. Remembered per header value
 * (browsers send one of a handful).
 */
export function pickEncoding(header: string | string[] | undefined): Encoding | null {
  const value = String(header ?? '');
  let picked = encodings.get(value);
  if (picked === undefined) {
    picked = parseEncoding(value);
    if (encodings.size >= 256) encodings.clear();
    encodings.set(value, picked);
  }
  return picked;
}

function parseEncoding(header: string): Encoding | null {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
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
 * other requests) for its compression the first time; 304 when the client has it. A
 * status other than 200 (a 404 page) is sent without 304 handling.
 */
export function sendBody(req: IncomingMessage, res: ServerResponse, status: number, body: KeptBody): void {
  const encoding = body.plain.length >= MIN_COMPRESS ? pickEncoding(req.headers['accept-encoding']) : null;
  if (encoding && body[encoding] === undefined) {
    void body.compressed.then(() => write(req, res, status, body, encoding));
    return;
  }
  write(req, res, status, body, encoding);
}

function write(req: IncomingMessage, res: ServerResponse, status: number, body: KeptBody, wanted: Encoding | null): void {
  if (res.destroyed) return;
  const bytes = wanted ? body[wanted] : undefined;
  const encoding = bytes ? wanted : null;
  if (status === 200 && notModified(req.headers['if-none-match'], body)) {
    res.writeHead(304, head(body, encoding, null));
    res.end();
    return;
  }
  const sent = bytes ?? body.plain;
  res.writeHead(status, head(body, encoding, sent.length));
  res.end(req.method === 'HEAD' ? undefined : sent);
}

/** The headers of one representation, as the flat list `writeHead` takes; `length` null for 304. */
function head(body: KeptBody, encoding: Encoding | null, length: number | null): string[] {
  // The length follows from the representation, so a representation and 304 or not name one slot.
  const slot = (encoding === 'br' ? 2 : encoding === 'gzip' ? 4 : 0) + (length === null ? 1 : 0);
  let kept = body.heads[slot];
  if (!kept) {
    kept = Object.entries(body.headers).flat();
    kept.push('ETag', encoding ? `"${body.etag.slice(1, -1)}-${encoding}"` : body.etag);
    if (length !== null) {
      if (encoding) kept.push('Content-Encoding', encoding);
      kept.push('Content-Length', String(length));
    }
    body.heads[slot] = kept;
  }
  return kept;
}

function varyWithEncoding(vary: string | undefined): string {
  if (!vary) return 'Accept-Encoding';
  return /\baccept-encoding\b/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
}
