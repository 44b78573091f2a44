// The three engines from Debian's packages, and plain messages (not stack traces) when one is missing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

function need(path, pkg, variable) {
  if (existsSync(path)) return path;
  console.error(`${path} was not found. The browser tests use Debian's packages: install it with \`sudo apt-get install -y ${pkg}\`` + (variable ? ` (or point ${variable} at another binary).` : '.'));
  process.exit(1);
}

/** Chromium's path (CHROME_PATH, else Debian's). */
export const chromiumPath = () => need(process.env.CHROME_PATH ?? '/usr/bin/chromium', 'chromium', 'CHROME_PATH');

/** Firefox ESR's path (FIREFOX_PATH, else Debian's). */
export const firefoxPath = () => need(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', 'firefox-esr', 'FIREFOX_PATH');

/** Flags for a headless Chromium as root on a closed network, which refuses its background connections. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** WebKitGTK's MiniBrowser, as Debian installs it with webkit2gtk-driver. */
export const miniBrowserPath = () => need('/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', 'webkit2gtk-driver');

/**
 * Starts Xvfb and WebKitWebDriver for WebKit, and returns what stops them. Waits
 * until the driver answers, so the first session does not race its start.
 */
export async function startWebKitDriver({ display = ':99', port = 4445 } = {}) {
  need('/usr/bin/Xvfb', 'xvfb');
  need('/usr/bin/WebKitWebDriver', 'webkit2gtk-driver');
  miniBrowserPath();
  const xvfb = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const driver = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  const stop = () => {
    driver.kill();
    xvfb.kill();
  };
  process.once('exit', stop);
  for (let tries = 0; tries < 100; tries++) {
    const ready = await fetch(`http://127.0.0.1:${port}/status`).then((response) => response.ok, () => false);
    if (ready) return { port, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error('WebKitWebDriver did not start');
}
