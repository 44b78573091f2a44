/**
 * `remote-support-consent/server`: the vendor's server half. Issues
 * challenges, verifies and stores each consent once (SQLite or PostgreSQL),
 * and lets the support operator look a consent up by its reference.
 * Node 20+ only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VerifyOptions } from '../verify/index.js';
import { readOptions } from '../verify/options.js';
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
  /** How long a challenge stays usable, in whole seconds, at most a year (31 536 000). Default 600. */
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
   * Stops taking requests (each one from now on is answered 503 `storage-unavailable`), waits for
   * those in progress (5 s at most), then releases the database once its calls under way end. A
   * request still in progress after the wait has no database any more: if it needs one, it is
   * answered 503.
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
  // Bounded, not only whole: an expiry past 2^64 seconds (1e300 is an integer too) cannot be written into a challenge.
  if (!(Number.isSafeInteger(challengeTtlSeconds) && challengeTtlSeconds > 0 && challengeTtlSeconds <= maxChallengeTtlSeconds)) {
    throw new TypeError(`createConsentServer: challengeTtlSeconds must be a whole number of seconds from 1 to ${maxChallengeTtlSeconds} (a year)`);
  }
  if (typeof now !== 'function') throw new TypeError('createConsentServer: now must be a function returning a Date');
  const terms = await acceptTerms(options?.terms);
  const { keys, maxAgeSeconds } = options;
  // The verifier's own judgement of the options, asked once at start: a mistake there is a TypeError now, not a 500 per request.
  readOptions({ terms: terms.documents, keys, maxAgeSeconds, now: now() });

  const store = await openStore(database, terms.rows);
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
        // A client that never finishes its body must not hold the database open: after the grace it goes, and what is still in progress gets 503 if it needs it.
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

/** The longest `challengeTtlSeconds`: a year. */
const maxChallengeTtlSeconds = 31_536_000;
