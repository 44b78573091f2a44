import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from './errors.js';
import { routeOf } from './routes.js';

/** Node's request listener shape, also Express, Connect and Vite middleware (`next` given). */
export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * Adapts the web-standard handler to Node's `http`: IncomingMessage →
 * Request (the body streamed on demand, so the handler's bounds hold: a body
 * it refuses is never read), Response → ServerResponse. As middleware (with
 * `next`), a path that is none of the kit's routes goes on to `next()`;
 * without `next` it is a 404 like any other.
 */
export function nodeListener(handle: (request: Request) => Promise<Response>): NodeListener {
  return (req, res, next) => {
    const url = urlOf(req.url);
    if (next && !routeOf(url.pathname)) return next();
    let answer: Promise<Response>;
    try {
      answer = bodyGone(req, url)
        ? Promise.resolve(errorResponse(400, 'bad-request', 'the request body was already read before the kit, leaving no req.body: mount the kit before the middleware that read it'))
        : handle(toRequest(req, url));
    } catch {
      // What Node's parser lets through and fetch's Request refuses (a TRACE, say): refused, never thrown at the server.
      answer = Promise.resolve(errorResponse(400, 'bad-request', `a ${req.method} request with these headers cannot be served`));
    }
    answer.then((response) => send(response, req, res)).catch((error: unknown) => res.destroy(error as Error));
  };
}

/** The request's URL; one that does not parse (`//`, say) is taken as `/`, a path the kit does not serve. */
function urlOf(target: string | undefined): URL {
  try {
    return new URL(target?.startsWith('/') ? `http://localhost${target}` : (target ?? '/'), 'http://localhost');
  } catch {
    return new URL('http://localhost/');
  }
}

/**
 * Whether the kit would read a body that is already gone: `POST …/consent` (the one request whose
 * body it reads) whose stream was read to its end, or closed, before the kit, with no `req.body` left
 * in its place. Waiting for it would be waiting forever: the stream has nothing more to say.
 */
function bodyGone(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'POST' || routeOf(url.pathname)?.name !== 'consent') return false;
  return (req as { body?: unknown }).body === undefined && (req.readableEnded || !req.readable);
}

function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value ?? []].flat()) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  return new Request(url, { method, headers, body: bodyOf(req), duplex: 'half' } as RequestInit);
}

/**
 * The request body as a web stream that reads from the socket only when the
 * handler asks. A body another middleware already parsed (`express.json()`
 * before the kit) is taken from `req.body`.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  const parsed = (req as { body?: unknown }).body;
  if (req.readableEnded && parsed !== undefined) {
    const text = typeof parsed === 'string' ? parsed : parsed instanceof Uint8Array ? new Uint8Array(parsed) : JSON.stringify(parsed);
    return new Response(text).body!;
  }
  let listening = false;
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!listening) {
          listening = true;
          req.on('data', (chunk: Buffer) => {
            req.pause();
            if (!settled) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          });
          req.once('end', () => settled || ((settled = true), controller.close()));
          req.once('close', () => settled || ((settled = true), controller.error(new Error('the request was aborted'))));
        }
        req.resume();
      },
      cancel() {
        // What is left is not read: the answer closes the connection instead (see `send`).
        settled = true;
        req.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

async function send(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  // A body left unread would be taken for the next request on this connection, or read to its end: close it instead.
  if (!req.complete) res.setHeader('connection', 'close');
  res.end(body);
}
