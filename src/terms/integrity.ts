import { ConsentError } from '../errors.js';

/**
 * Checks a `terms-integrity` value (`sha256-<base64url>`) against a digest.
 * Standard base64 with padding is accepted too, since that is what SRI tools
 * print; anything else is refused rather than ignored, so a typo never turns
 * the pin off.
 */
export function checkIntegrity(integrity: string, sha256: string): void {
  const match = /^sha256-([A-Za-z0-9+/_-]{43})=?$/.exec(integrity.trim());
  if (!match) {
    throw new ConsentError('terms-integrity-mismatch', `terms-integrity "${integrity}" is not sha256-<base64url of 32 bytes>`);
  }
  const expected = match[1]!.replace(/\+/g, '-').replace(/\//g, '_');
  if (expected !== sha256) {
    throw new ConsentError('terms-integrity-mismatch', `terms digest is sha256-${sha256}, terms-integrity expects sha256-${expected}`);
  }
}
