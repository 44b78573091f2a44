import { randomBytes, randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { builtInTerms } from '../../src/terms/index.js';
import { ConsentVerificationError, verifyConsent } from '../../src/verify/index.js';

/**
 * The demo's stand-in for a vendor server, as a Vite plugin: it issues a fresh
 * challenge with each page (`GET /api/challenge`), receives the consent JWS
 * (`POST /api/consent`), verifies it with `verifyConsent`, and keeps the
 * verified records as JSON Lines in `$DEMO_DATA_DIR/consents.jsonl`.
 */
export function consentApi({ dataDir = process.env.DEMO_DATA_DIR ?? '.demo-data' } = {}): Plugin {
  /** Each session's unused challenges: one per page it opened (the portal, the React page, another tab). */
  const challenges = new Map<string, Set<string>>();
  const accepted = Promise.all([
    readFile(new URL('../terms/vendor-terms.json', import.meta.url), 'utf8').then(JSON.parse),
  ]).then((vendor) => [...builtInTerms, ...vendor]);

  const session = (req: IncomingMessage, res: ServerResponse): string => {
    const existing = /(?:^|;\s*)demo_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (existing) return existing;
    const id = randomUUID();
    res.setHeader('set-cookie', `demo_session=${id}; Path=/; HttpOnly; SameSite=Strict`);
    return id;
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    return body;
  };

  /** The nonce a token claims, unverified: only to pick the issued challenge that verifyConsent must then find in it. */
  const claimedNonce = (jws: unknown): string => {
    try {
      return String(JSON.parse(Buffer.from(String(jws).split('.')[1] ?? '', 'base64url').toString()).nonce ?? '');
    } catch {
      return '';
    }
  };

  return {
    name: 'demo-consent-api',
    configureServer(server) {
      server.middlewares.use('/api/challenge', (req, res) => {
        const challenge = randomBytes(16).toString('base64url');
        const id = session(req, res);
        challenges.set(id, (challenges.get(id) ?? new Set()).add(challenge));
        json(res, 200, { challenge });
      });
      server.middlewares.use('/api/consent', async (req, res) => {
        if (req.method !== 'POST') return json(res, 405, { ok: false, code: 'method-not-allowed' });
        const id = session(req, res);
        try {
          const { jws } = JSON.parse(await readBody(req)) as { jws: string };
          // The record must carry one of this session's challenges, each single-use: a replayed record finds none and fails.
          const issued = challenges.get(id) ?? new Set<string>();
          const claimed = claimedNonce(jws);
          const nonce = issued.has(claimed) ? claimed : '';
          const record = await verifyConsent(jws, { terms: await accepted, nonce });
          issued.delete(nonce);
          await mkdir(dataDir, { recursive: true });
          await appendFile(join(dataDir, 'consents.jsonl'), `${JSON.stringify({ receivedAt: new Date().toISOString(), record, jws })}\n`);
          json(res, 200, { ok: true, record });
        } catch (error) {
          const code = error instanceof ConsentVerificationError ? error.code : 'malformed';
          json(res, 422, { ok: false, code, message: String((error as Error).message ?? error) });
        }
      });
    },
  };
}
