// The package's real consent server (src/server, loaded through tsx) mounted in the dev server as a
// vendor would mount it, on a SQLite file in a temporary folder, with the built-in terms:
//   /kit/…                        the kit itself, through its Node adapter (`listener`);
//   /kit/fault/<fault>/<key>/…     the kit behind a network fault that strikes every POST for <key>
//                                  until a test heals it, then lets requests through, through `handler`:
//     status-500   answers 500 and stores nothing (a server down for a moment);
//     hang-<ms>    holds the request <ms>, then passes it on (stored after the browser gave up);
//     lost         passes it on, then drops the connection instead of answering (stored, answer lost);
//     other-id     answers 201 with another record's id, storing nothing (a confused server);
//     none         no fault: the POSTs are only counted;
//   /kit/detour/<ms>/<path>        waits <ms>, then redirects to /<path>: a slow external site, so the
//                                  page that navigates there stays long enough to be looked at.
// The `consent-kit` command heals a key, and reads what a test cannot see from the page: the POSTs a
// key got (and what the kit answered each), and how many rows the database holds for a record.
// Faults strike until healed, not just once, because a browser may resend a request whose
// connection dropped before any answer (Chromium does, on a reused connection).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/** The operator's bearer token; the browser tests use the same one to look consents up. */
export const operatorToken = 'operator-token-for-browser-tests';

const folder = mkdtempSync(join(tmpdir(), 'rsc-kit-'));
const file = join(folder, 'consents.db');

/** Made on first use, so the dev server starts even while the kit cannot load; a failed start is tried again. */
let kit;
const consentServer = () =>
  (kit ??= (async () => {
    const [{ createConsentServer }, { builtInTerms }] = await Promise.all([
      tsImport('../../src/server/index.ts', import.meta.url),
      tsImport('../../src/terms/index.ts', import.meta.url),
    ]);
    return createConsentServer({ database: `sqlite:${file}`, terms: builtInTerms, operatorToken });
  })().catch((error) => {
    kit = undefined;
    throw error;
  }));

/** Every POST each fault key received, in order: the consent it carried and what came of it. */
const posts = new Map();
/** Keys whose fault is over. */
const healed = new Set();

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** The JWS of a posted `{ jws }`, and its record unverified: only to tell one consent from another. */
function consentIn(body) {
  try {
    const { jws } = JSON.parse(body.toString());
    return { jws, record: JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString()) };
  } catch {
    return {};
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Passes a request the middleware has read to the kit's web-standard handler. */
async function askKit(ctx, body) {
  const { handler } = await consentServer();
  const headers = { 'content-type': ctx.get('content-type'), authorization: ctx.get('authorization') };
  const request = new Request(new URL(ctx.originalUrl, `http://${ctx.host}`), {
    method: ctx.method,
    headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value)),
    body: ['GET', 'HEAD'].includes(ctx.method) ? undefined : body,
  });
  const response = await handler(request);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

async function faulty(ctx, fault, key) {
  if (ctx.method !== 'POST') return answer(ctx, await askKit(ctx, undefined));
  const body = await readBody(ctx.req);
  const seen = posts.get(key) ?? [];
  posts.set(key, seen);
  const entry = { ...consentIn(body), fault: healed.has(key) ? 'none' : fault };
  seen.push(entry);
  switch (entry.fault) {
    case 'status-500':
      entry.status = 500;
      ctx.status = 500;
      ctx.body = 'fixture: server error';
      return;
    case 'other-id':
      entry.status = 201;
      ctx.status = 201;
      ctx.body = { id: crypto.randomUUID(), reference: 'ZZZZ-ZZZZ' };
      return;
    case 'lost':
      Object.assign(entry, parsed(await askKit(ctx, body)), { delivered: false });
      // What the kit answered, for the dev server's log; the client gets a dropped connection instead.
      ctx.status = entry.status;
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    default: {
      const hang = /^hang-(\d+)$/.exec(entry.fault);
      if (hang) await sleep(Number(hang[1]));
      const kitSaid = await askKit(ctx, body);
      Object.assign(entry, parsed(kitSaid));
      // After a hang the browser may have given up: what it was sent then never arrived.
      entry.delivered = !ctx.req.socket.destroyed;
      return answer(ctx, kitSaid);
    }
  }
}

const parsed = ({ status, text }) => {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status, answer: json };
};

function answer(ctx, { status, type, text }) {
  ctx.status = status;
  if (type) ctx.type = type;
  ctx.body = text;
}

/** Mounts the kit's Node adapter the way Express or Connect would: it answers, or passes on with `next`. */
async function mounted(ctx, next) {
  const { listener } = await consentServer();
  ctx.respond = false;
  const passed = await new Promise((resolve, reject) => {
    ctx.res.on('close', () => resolve(false));
    listener(ctx.req, ctx.res, (error) => (error ? reject(error) : resolve(true)));
  });
  if (passed) {
    ctx.respond = true;
    await next();
  }
}

export async function consentKit(ctx, next) {
  const detour = /^\/kit\/detour\/(\d+)(\/.*)$/.exec(ctx.path);
  if (detour) {
    await sleep(Number(detour[1]));
    return ctx.redirect(detour[2]);
  }
  const fault = /^\/kit\/fault\/([\w-]+)\/([\w-]+)\//.exec(ctx.path);
  if (fault) return faulty(ctx, fault[1], fault[2]);
  if (ctx.path.startsWith('/kit/')) return mounted(ctx, next);
  return next();
}

/** The `consent-kit` command, and the kit's end with the server's. */
export function consentKitPlugin() {
  return {
    name: 'consent-kit',
    async executeCommand({ command, payload }) {
      if (command !== 'consent-kit') return undefined;
      if (payload.posts) return posts.get(payload.posts) ?? [];
      if (payload.heal) return healed.add(payload.heal).size;
      if (payload.rows) {
        // Once the kit has made its tables: a test asks only after storing something.
        await consentServer();
        const db = new Database(file, { readonly: true });
        try {
          const { id, nonce = null } = payload.rows;
          return db.prepare('SELECT count(*) AS n FROM consents WHERE id = ? OR nonce = ?').get(id, nonce).n;
        } finally {
          db.close();
        }
      }
      throw new Error(`consent-kit: unknown payload ${JSON.stringify(payload)}`);
    },
    async serverStop() {
      await (await kit?.catch(() => undefined))?.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
