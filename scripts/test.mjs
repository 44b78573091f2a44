// `npm test`: the whole suite, as CI runs it: type checking; the generated files' freshness (the
// manifest and the editors' data, the README's generated parts, the translations); the npm and CDN
// builds; the Node tests; the browser tests in Chromium, Firefox and WebKit. It ends with the one line
// CI reads: `N passed, N failed`.
//
// `npm run test:quick` (`--quick`), the loop for daily work: type checking, the Node tests that need
// neither a build nor a browser, and the browser tests in Chromium only.
// `npm run test:generated` (`--generated`): the freshness checks (and the build they need) alone.
//
// A run changes no file git tracks, even on a stale tree: every freshness check generates its files
// in a temporary directory and compares them with the committed ones; what the run does write (dist/,
// src/terms/generated/, .test-results/) git ignores. The last check (in CI) makes sure of it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './browsers.mjs';
import { manifestIsFresh, translationsAreFresh } from './freshness.mjs';
import { startPostgres } from './postgres.mjs';
import { treeState } from './tree-state.mjs';

const quick = process.argv.includes('--quick');
const generatedOnly = process.argv.includes('--generated');

/** Node tests the quick loop leaves out: they need `npm run build` first, or start a browser, a server or npm. */
const slowNodeTests = ['built-files', 'cdn', 'demo', 'package-consumer', 'readme', 'server-crash', 'server-load'];

const tally = { passed: 0, failed: 0 };
const run = (command, args, options = {}) =>
  spawnSync(command, args, { stdio: 'inherit', shell: false, ...options }).status === 0;
const bin = (name) => join('node_modules', '.bin', name);

/** A step that is one test: it passes or fails as a whole. */
function check(name, ok) {
  tally[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? '✔' : '✘'} ${name}`);
}

/** A runner that writes its own tally to .test-results/<name>.json. */
function suite(name, command, args, options) {
  const file = `.test-results/${name}.json`;
  rmSync(file, { force: true });
  const ok = run(command, args, options);
  const counts = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passed: 0, failed: 1 };
  tally.passed += counts.passed;
  // A runner that failed without reporting a failed test still failed.
  tally.failed += counts.failed || (ok ? 0 : 1);
}

mkdirSync('.test-results', { recursive: true });
rmSync('.test-results/tally.txt', { force: true });
if (!generatedOnly) chromiumPath();
// The server tests run on SQLite and on PostgreSQL: a throwaway cluster of our own (unless
// TEST_DATABASE_URL names one), started first so that a missing package stops the run at once.
const postgres = generatedOnly || process.env.TEST_DATABASE_URL
  ? undefined
  : await startPostgres().catch((error) => (console.error(error.message), process.exit(1)));
const before = treeState();
run(process.execPath, ['scripts/terms.mjs']);
if (!generatedOnly) check('type check (tsc)', run(bin('tsc'), ['-p', '.']));

if (!quick) {
  check('custom-elements.json, vscode.html-custom-data.json and web-types.json are generated from the source', await manifestIsFresh());
  // The npm and CDN builds (the package tests install them), then the README's parts written from the manifest and the build.
  check('npm run build', run(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] }));
  check('browser code uses nothing newer than the floor (Chrome and Edge 111, Firefox 115, Safari 16.4)', run(process.execPath, ['scripts/browser-floor.mjs']));
  check("README's API tables and CDN tag are generated from the manifest and the build", run(process.execPath, ['scripts/docs.mjs', '--check']));
  // The reception notice's messages have a configuration of their own, so their translations travel in its chunk.
  check('translations are complete and built from locales/**/*.xlf', translationsAreFresh());
}

if (!generatedOnly) {
  const nodeTests = readdirSync('test/node')
    .filter((name) => name.endsWith('.test.ts'))
    .filter((name) => !quick || !slowNodeTests.includes(name.slice(0, -'.test.ts'.length)))
    .map((name) => join('test/node', name));
  suite('node', process.execPath, [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./test/server/node-tally.mjs', '--test-reporter-destination=.test-results/node.log',
    ...nodeTests,
  ], postgres ? { env: { ...process.env, TEST_DATABASE_URL: postgres.url } } : {});
  await postgres?.stop();
  suite('browser', bin('wtr'), [], quick ? { env: { ...process.env, BROWSERS: 'chromium' } } : {});
}

// In CI nobody edits while the tests run, so a file changed meanwhile was changed by the run: a failure.
// At a desk it may be an edit made meanwhile, so it is only reported.
const after = treeState();
if (before && after) {
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file));
  for (const file of changed) console.error(`${file} changed during the run${process.env.CI ? '' : ' (by the run, or by an edit meanwhile)'}: a test run must write only where git ignores.`);
  if (process.env.CI) check('the run changed no file git tracks or sees', changed.length === 0);
}

const line = `${tally.passed} passed, ${tally.failed} failed`;
writeFileSync('.test-results/tally.txt', `${line}\n`);
console.log(line);
process.exit(tally.failed ? 1 : 0);
