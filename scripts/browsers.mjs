// The three engines from Debian's packages, and plain messages (not stack traces) when one is missing.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { freePort } from './free-port.mjs';

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

/** WebKitGTK's MiniBrowser, wherever Debian's webkit2gtk-driver put it for this architecture. */
export function miniBrowserPath() {
  const found = readdirSync('/usr/lib', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `/usr/lib/${entry.name}/webkit2gtk-4.1/MiniBrowser`)
    .find((path) => existsSync(path));
  return need(found ?? '/usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser', 'webkit2gtk-driver');
}

/**
 * Starts Xvfb (on a display it picks itself) and WebKitWebDriver (on a free
 * port) for WebKit, and returns what stops them; both also stop when this
 * process ends or is interrupted. Fails, rather than carrying on blind, when
 * either exits before the driver answers.
 */
export async function startWebKitDriver() {
  need('/usr/bin/Xvfb', 'xvfb');
  need('/usr/bin/WebKitWebDriver', 'webkit2gtk-driver');
  miniBrowserPath();
  const xvfb = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const display = await new Promise((resolve, reject) => {
    xvfb.stdio[3].once('data', (data) => resolve(`:${String(data).trim()}`));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display`)));
  });
  const port = await freePort();
  const driver = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  let exited = false;
  driver.once('exit', () => (exited = true));
  const stop = () => {
    driver.kill();
    xvfb.kill();
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => (stop(), process.exit(1)));
  for (let tries = 0; tries < 100 && !exited; tries++) {
    const ready = await fetch(`http://127.0.0.1:${port}/status`).then((response) => response.ok, () => false);
    if (ready) return { port, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`WebKitWebDriver ${exited ? 'exited' : 'did not answer'} on port ${port}`);
}
