// Where the Debian browsers live, and a plain message (not a stack trace) when one is missing.
import { existsSync } from 'node:fs';

/** Chromium's path (CHROME_PATH, else Debian's); exits with an install hint when it is missing. */
export function chromiumPath() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    console.error(
      `Chromium was not found at ${path}. The browser tests use Debian's Chromium: ` +
        'install it with `sudo apt-get install -y chromium` (or point CHROME_PATH at a Chromium binary).',
    );
    process.exit(1);
  }
  return path;
}

/** Flags for a headless Chromium as root on a closed network, which refuses its background connections. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
