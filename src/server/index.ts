/**
 * `remote-support-consent/server`: the vendor's server half. Issues
 * challenges, verifies and stores each consent once (SQLite or PostgreSQL),
 * and lets the support operator look a consent up by its reference.
 * Node 20+ only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConsentVerificationError, verifyConsent, type VerifyOptions } from '../verify/index.js';
import { acceptTerms } from './accepted-terms.js';
import { challenges } from './challenge.js';
import { errorResponse } from './errors.js';
import { nodeListener } from './node-listener.js';
import { route } from './routes.js';
import { isDatabaseUrl, openStore } from './store/index.js';

export { ConsentServerError, type ConsentServerErrorCode, type ConsentServerResponseCode } from './errors.js';

export interface ConsentServerOptions {
  /**
   * Where consents are kept: `sqlite:<file>` (relative to the working
   * directory), `postgres://…` or `postgresql://…` (several app instances
   * share one database). Default: `process.env.DATABASE_URL`, else
   * `sqlite:consents.db`.
   */
  database?: string;
  /** The terms documents the vendor accepts, as for `verifyConsent` (e.g. `builtInTerms`). Taken once, at start. */
  terms: readonly unknown[];
  /** Public keys of the vendor's `sign-url` server, as for `verifyConsent`: when given, only they may sign. */
  keys?: VerifyOptions['keys'];
  /** Bearer token for `GET …/consents/<reference>` (at least 16 characters). Absent: the look-up is off (404). */
  operatorToken?: string;
  /** How long a challenge stays usable, in seconds. Default 600. */
  challengeTtlSeconds?: number;
  /** How old a record may be when posted, in seconds, as for `verifyConsent`. Default 600. */
  maxAgeSeconds?: number;
  /** The clock (tests). Default: the system clock. */
  now?: () => Date;
}

export interface ConsentServer {
  /**
   * The web-standard handler (Hono, Next.js route handlers, Remix, Bun,
   * Deno…), under any path prefix: `GET …/challenge`, `POST …/consent`,
   * `GET …/consents/<reference>`. Always resolves; refusals are JSON
   * `{ code, message }`.
   */
  handler(request: Request): Promise<Response>;
  /**
   * The same routes for Node's `http.createServer`, and as middleware for
   * Express, Connect and Vite (`app.use('/consent-api', consents.listener)`):
   * with `next`, a path that is not one of the kit's goes on to `next()`.
   */
  listener(req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
  /**
   * Releases the database once the requests in progress are answered (at most 5 s: a request still
   * reading its body then is answered 503). Requests from now on are answered 503.
   */
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the database and returns the kit. Rejects with a
 * `TypeError` for options it cannot use, and with a `ConsentServerError`
 * (`driver-not-installed`, `storage-unavailable`) when the database cannot
 * be opened.
 */
export async function createConsentServer(options: ConsentServerOptions): Promise<ConsentServer> {
  const { database = process.env.DATABASE_URL ?? 'sqlite:consents.db', operatorToken, challengeTtlSeconds = 600, now = () => new Date() } = options ?? {};
  if (typeof database !== 'string' || !isDatabaseUrl(database)) {
    throw new TypeError("createConsentServer: database must be 'sqlite:<file>', 'postgres://…' or 'postgresql://…'");
  }
  if (operatorToken !== undefined && !(typeof operatorToken === 'string' && /^\S{16,}$/.test(operatorToken))) {
    throw new TypeError('createConsentServer: operatorToken must be at least 16 characters without spaces (a long random string)');
  }
  if (!(Number.isInteger(challengeTtlSeconds) && challengeTtlSeconds > 0)) {
    throw new TypeError('createConsentServer: challengeTtlSeconds must be a positive whole number of seconds');
  }
  if (typeof now !== 'function') throw new TypeError('createConsentServer: now must be a function returning a Date');
  const terms = await acceptTerms(options?.terms);
  const { keys, maxAgeSeconds } = options;
  await refuseUnusableVerifyOptions({ terms: terms.documents, keys, maxAgeSeconds, now: now() });

  const store = await openStore(database);
  const desk = { store, challenges: challenges(store.secret, challengeTtlSeconds, now), terms, keys, maxAgeSeconds, now, operatorToken };
  const inFlight = new Set<Promise<Response>>();
  let closing: Promise<void> | undefined;

  const handler = (request: Request): Promise<Response> => {
    if (closing) return Promise.resolve(errorResponse(503, 'storage-unavailable', 'the consent server is closing'));
    const answer = route(request, desk);
    const settled = () => inFlight.delete(answer);
    inFlight.add(answer);
    answer.then(settled, settled);
    return answer;
  };
  return {
    handler,
    listener: nodeListener(handler),
    close: () =>
      (closing ??= (async () => {
        // A client that never finishes its body must not hold the database open: after the grace, what is still in progress gets 503.
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise((resolve) => (timer = setTimeout(resolve, closeGraceMs)));
        await Promise.race([Promise.allSettled([...inFlight]), grace]);
        clearTimeout(timer);
        await store.close();
      })()),
  };
}

/** How long `close()` waits for requests in progress. */
const closeGraceMs = 5000;

/** The verifier's own judgement of the options, asked once at start: a mistake there is a TypeError now, not a 500 per request. */
async function refuseUnusableVerifyOptions(options: VerifyOptions): Promise<void> {
  try {
    await verifyConsent('', options);
  } catch (error) {
    if (!(error instanceof ConsentVerificationError)) throw error;
  }
}
