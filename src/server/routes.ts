import { readConsentBody } from './body.js';
import { acceptConsent, type ConsentDesk } from './consent.js';
import { errorResponse, jsonResponse, StorageFailure } from './errors.js';
import { lookUpConsent } from './lookup.js';

/** A route, matched on the path's tail so the kit works under any prefix. */
export type Route = { name: 'challenge' } | { name: 'consent' } | { name: 'consents'; reference: string };

const methods: Record<Route['name'], string> = { challenge: 'GET', consent: 'POST', consents: 'GET' };

/** The route a path ends in, or undefined. `…/challenge` and `…/consent` win over `…/consents/<x>` (no reference is either word). */
export function routeOf(pathname: string): Route | undefined {
  const segments = pathname.split('/');
  const last = segments.at(-1)!;
  if (last === 'challenge' || last === 'consent') return { name: last };
  if (segments.length >= 3 && segments.at(-2) === 'consents' && last) return { name: 'consents', reference: last };
  return undefined;
}

export interface Desk extends ConsentDesk {
  operatorToken: string | undefined;
}

/** The web-standard handler: every answer is a Response, every refusal JSON `{ code, message }`, never a rejection. */
export async function route(request: Request, desk: Desk): Promise<Response> {
  try {
    const target = routeOf(new URL(request.url).pathname);
    if (!target) return errorResponse(404, 'not-found', 'no such route: GET …/challenge, POST …/consent, GET …/consents/<reference>');
    const allowed = methods[target.name];
    if (request.method !== allowed) {
      return errorResponse(405, 'method-not-allowed', `${target.name === 'consents' ? '…/consents/<reference>' : `…/${target.name}`} takes ${allowed} only`, { allow: allowed });
    }
    if (target.name === 'challenge') return jsonResponse(200, { challenge: desk.challenges.issue() });
    if (target.name === 'consents') return await lookUpConsent(request, target.reference, desk.store, desk.operatorToken);
    const body = await readConsentBody(request);
    return 'refusal' in body ? body.refusal : await acceptConsent(body.jws, desk);
  } catch (error) {
    if (error instanceof StorageFailure) {
      console.error('remote-support-consent/server: a database call failed (or came after close()); answered 503', error.cause ?? error);
      // A COMMIT that failed may have committed: say so, and that a retry of the same JWS is safe and tells which.
      const message = 'the consent store is unavailable; the consent may or may not have been stored: retry the same JWS, which is answered as stored if it was';
      return errorResponse(503, 'storage-unavailable', message, { 'retry-after': '5' });
    }
    console.error('remote-support-consent/server: unexpected failure; answered 500', error);
    return errorResponse(500, 'internal-error', 'the consent server failed');
  }
}
