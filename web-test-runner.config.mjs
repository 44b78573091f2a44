// Browser tests in Debian's Chromium; nothing here downloads a browser.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './scripts/browsers.mjs';
import { signFixtures } from './test/server/sign-fixtures.mjs';
import { termsFixtures } from './test/server/terms-fixtures.mjs';
import { extraCommandsPlugin } from './test/server/commands.mjs';
import { tallyReporter } from './test/server/tally-reporter.mjs';

export default {
  files: ['test/**/*.test.ts', '!test/node/**'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), extraCommandsPlugin()],
  middleware: [termsFixtures, signFixtures],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath(),
        args: chromiumArgs,
      },
    }),
  ],
  reporters: [process.env.CI ? summaryReporter() : defaultReporter(), tallyReporter('browser')],
  testFramework: { config: { timeout: 5000 } },
};
