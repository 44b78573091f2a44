import { readFile } from 'node:fs/promises';

const flaky = new Set();
/** Keys of the 204 navigations the browser has asked for. */
const nowhere = new Set();

/** The policy a strict vendor portal sends; Lit's own Trusted Types policy is named lit-html. */
export const strictPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

// Dev-server middleware that plays a vendor's terms server in its bad moods.
export async function termsFixtures(ctx, next) {
  if (ctx.path === '/test/fixtures/csp.html') {
    await next();
    ctx.set('Content-Security-Policy', strictPolicy);
    return;
  }
  const match = /^\/__terms\/(\w+)(?:\/(\w+))?/.exec(ctx.path);
  if (!match) return next();
  const [, kind, arg] = match;
  switch (kind) {
    case 'status':
      ctx.status = Number(arg);
      ctx.body = 'fixture error';
      return;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, Number(arg ?? 3000)));
      ctx.type = 'application/json';
      ctx.body = '{}';
      return;
    case 'reset':
      ctx.req.socket.destroy();
      return;
    case 'nocontent':
      // A navigation to a 204 goes nowhere: the page stays, still redirecting.
      if (arg) nowhere.add(arg);
      ctx.status = 204;
      return;
    case 'asked':
      ctx.body = nowhere.has(arg) ? 'yes' : 'no';
      return;
    case 'flaky':
      // Fails the first request for each key, then serves a good document.
      if (!flaky.has(arg)) {
        flaky.add(arg);
        ctx.status = 503;
        return;
      }
      ctx.type = 'application/json';
      ctx.body = await readFile(new URL('../fixtures/vendor-terms.json', import.meta.url), 'utf8');
      return;
    default:
      return next();
  }
}
