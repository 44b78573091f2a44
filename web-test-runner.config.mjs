// Browser tests in Chromium, Firefox ESR and WebKit, all from Debian's packages; nothing here
// downloads a browser. BROWSERS=chromium (or firefox, webkit, comma-separated) runs fewer.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteerCore from 'puppeteer-core';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { chromiumArgs, chromiumPath, firefoxPath, miniBrowserPath, startWebKitDriver } from './scripts/browsers.mjs';
import { extraCommandsPlugin } from './test/server/commands.mjs';
import { consentKit, consentKitPlugin } from './test/server/consent-kit.mjs';
import { signFixtures } from './test/server/sign-fixtures.mjs';
import { ssrPages } from './test/server/ssr-pages.mjs';
import { termsFixtures } from './test/server/terms-fixtures.mjs';
import { tallyReporter } from './test/server/tally-reporter.mjs';

const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');
const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(chromeLauncher({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } }));
}
if (wanted.includes('firefox')) {
  browsers.push(
    // Firefox through puppeteer-core (WebDriver BiDi): the full `puppeteer` package would download a browser on install.
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: firefoxPath(), headless: true, extraPrefsFirefox: { 'network.proxy.type': 0 } },
    }),
  );
}
if (wanted.includes('webkit')) {
  const { port } = await startWebKitDriver();
  browsers.push(
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port,
      path: '/',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: miniBrowserPath(), args: ['--automation'] },
      },
    }),
  );
}

export default {
  files: ['test/**/*.test.ts', '!test/node/**'],
  // Lit's development build, so its dev-mode checks (change-in-update, unknown properties, …) run on every test.
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), extraCommandsPlugin(), consentKitPlugin()],
  middleware: [termsFixtures, signFixtures, consentKit, ssrPages],
  browsers,
  concurrency: 1,
  reporters: [process.env.CI ? summaryReporter() : defaultReporter(), tallyReporter('browser')],
  testFramework: { config: { timeout: 8000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
};
