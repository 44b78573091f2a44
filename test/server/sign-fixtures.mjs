// Dev-server middleware that plays a vendor's signing server (`sign-url`),
// honest or not. Its key is made at start; GET /__sign/jwks publishes it.
import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair } from 'jose';

const { privateKey, publicKey } = await generateKeyPair('ES256');
const jwk = await exportJWK(publicKey);
const kid = await calculateJwkThumbprint(jwk);

const readBody = (req) =>
  new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

const signText = (text) => new CompactSign(new TextEncoder().encode(text)).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey);
const sign = (payload) => signText(JSON.stringify(payload));

export async function signFixtures(ctx, next) {
  const match = /^\/__sign\/([\w-]+)(?:\/(\d+))?/.exec(ctx.path);
  if (!match) return next();
  const [, kind, arg] = match;
  if (kind === 'jwks') {
    ctx.body = { keys: [{ ...jwk, kid }] };
    return;
  }
  const { record } = JSON.parse(await readBody(ctx.req));
  ctx.type = 'application/json';
  switch (kind) {
    case 'ok':
      ctx.body = { jws: await sign(record) };
      return;
    case 'reordered':
      // Same record, other key order: still the record that was sent.
      ctx.body = { jws: await sign(Object.fromEntries(Object.entries(record).reverse())) };
      return;
    case 'tampered':
      ctx.body = { jws: await sign({ ...record, subject: 'someone-else' }) };
      return;
    case 'repeated':
      // The record behind a first origin that JSON.parse drops for the later one: read two ways by two parsers.
      ctx.body = { jws: await signText(JSON.stringify(record).replace('{', () => '{"origin":"https://evil.example",')) };
      return;
    case 'no-jws':
      ctx.body = { signature: 'x' };
      return;
    case 'garbage':
      ctx.type = 'text/html';
      ctx.body = '<html>Service Unavailable</html>';
      return;
    case 'status':
      ctx.status = Number(arg);
      ctx.body = { error: 'fixture' };
      return;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, Number(arg)));
      ctx.body = { jws: await sign(record) };
      return;
    default:
      return next();
  }
}
