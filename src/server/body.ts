import { errorResponse } from './errors.js';

/** The largest body `POST …/consent` reads: a consent JWS is at most 8 KiB, with room for JSON around it. */
export const bodyLimitBytes = 16 * 1024;

/** The consent POST's body: `{ jws }`, or the refusal to answer with. */
export type ConsentBody = { jws: string } | { refusal: Response };

/**
 * Reads `{ "jws": "…" }` from a request, bounded before reading: the
 * declared length is checked first, and the stream is read with a running
 * count and cancelled once it passes the limit, so a huge or endless body
 * costs at most the limit in memory.
 */
export async function readConsentBody(request: Request, limit = bodyLimitBytes): Promise<ConsentBody> {
  const type = request.headers.get('content-type')?.split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    return { refusal: errorResponse(415, 'unsupported-media-type', 'the body must be application/json: { "jws": "…" }') };
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return { refusal: tooLarge(limit) };
  const bytes = await readBounded(request.body, limit);
  if (bytes === 'too-large') return { refusal: tooLarge(limit) };
  if (bytes === 'unreadable') return { refusal: badRequest('the body could not be read to its end') };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { refusal: badRequest('the body is not JSON (UTF-8)') };
  }
  const jws = value && typeof value === 'object' && !Array.isArray(value) ? (value as { jws?: unknown }).jws : undefined;
  return typeof jws === 'string' ? { jws } : { refusal: badRequest('the body must be { "jws": "<compact JWS>" }') };
}

/** The whole body; `too-large` as soon as it passes `limit` (the rest is left unread); `unreadable` if the client broke off. */
async function readBounded(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | 'too-large' | 'unreadable'> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const next = await reader.read().catch(() => undefined);
    if (!next) return 'unreadable';
    if (next.done) break;
    length += next.value.byteLength;
    if (length > limit) {
      reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(next.value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const tooLarge = (limit: number) => errorResponse(413, 'body-too-large', `the body is over ${limit} bytes`);
const badRequest = (message: string) => errorResponse(400, 'bad-request', message);
