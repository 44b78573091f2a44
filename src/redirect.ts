import { ConsentError } from './errors.js';

/** Where the customer may be sent unless the host says otherwise: OPTiM's own sites. */
export const defaultAllowedOrigins = 'https://optim.co.jp https://*.optim.co.jp';

/** How the element hands the customer over: this tab, a new tab without an opener, or not at all. */
export type RedirectTarget = '_self' | '_blank' | 'none';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
// After the URL parser: ASCII letters, digits, dots and dashes (IDN is punycode by then), or [::1].
const plainHost = /^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[::1\]$/;

const isLoopback = (url: URL) => loopbackHosts.has(url.hostname);

/** `new URL` without a base (absolute URLs only), undefined where it throws. */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** An allow-list entry: an exact origin, or `scheme://*.suffix[:port]` for every subdomain of suffix. */
interface AllowedOrigin {
  protocol: string;
  port: string;
  /** The exact host, or for a wildcard the suffix after `*.`. */
  host: string;
  wildcard: boolean;
}

/**
 * Parses `allowed-origins`. Entries that are not a bare origin (a path, a
 * query, user info, a wildcard anywhere but the first label) are dropped and
 * listed in `ignored`, so the integrator can be told; they never widen the list.
 */
export function parseAllowedOrigins(list: string): { allowed: AllowedOrigin[]; ignored: string[] } {
  const allowed: AllowedOrigin[] = [];
  const ignored: string[] = [];
  for (const entry of list.split(/\s+/).filter(Boolean)) {
    // Parsers differ on `*` in a host, so the wildcard label is taken off before parsing.
    const wildcard = /^[a-z]+:\/\/\*\./i.test(entry);
    const url = parseUrl(wildcard ? entry.replace('*.', '') : entry);
    const host = url?.hostname;
    const bare = url?.href === `${url?.protocol}//${url?.host}/`;
    // A wildcard over a single label (`*.com`) would allow half the web.
    const tooBroad = wildcard && !host?.includes('.');
    if (!url || !bare || !host || tooBroad || !plainHost.test(host) || !/^https?:$/.test(url.protocol)) {
      ignored.push(entry);
      continue;
    }
    allowed.push({ protocol: url.protocol, port: url.port, host, wildcard });
  }
  return { allowed, ignored };
}

/**
 * The open-redirect rule: returns the URL to navigate to (the parser's
 * normalised form, which is also what the record carries), or throws
 * `redirect-not-allowed`. Accepted only if it parses as an absolute URL with
 * no whitespace or control characters, is `https:` (or `http:` on a loopback
 * host), has no user info, and its origin is allowed: exactly, or for
 * `*.suffix` by a host ending in `.suffix` (never `suffix` itself) with the
 * same scheme and port.
 */
export function checkRedirect(raw: string, allowedOrigins: string): string {
  const refuse = (why: string): never => {
    throw new ConsentError('redirect-not-allowed', `redirect-url ${JSON.stringify(raw)} ${why}`);
  };
  // The URL parser would silently drop these; a URL that needs them is not one we send people to.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) refuse('contains whitespace, control characters or backslashes');
  const url = parseUrl(raw) ?? refuse('is not an absolute URL');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) refuse('is not https (http only on localhost)');
  if (url.username || url.password) refuse('carries user info');
  if (!plainHost.test(url.hostname)) refuse('has an unusual host name');
  const { allowed } = parseAllowedOrigins(allowedOrigins);
  const matches = allowed.some(({ protocol, port, host, wildcard }) =>
    protocol === url.protocol &&
    port === url.port &&
    (wildcard ? url.hostname.endsWith(`.${host}`) : url.hostname === host),
  );
  if (!matches) refuse(`is not on an allowed origin (${allowedOrigins || 'none'})`);
  return url.href;
}
