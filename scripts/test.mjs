// `npm test`: type checking, the manifest's freshness, the Node tests and the browser tests,
// ending with the one line CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './browsers.mjs';

const tally = { passed: 0, failed: 0 };
const run = (command, args, options = {}) =>
  spawnSync(command, args, { stdio: 'inherit', shell: false, ...options }).status === 0;

/** A step that is one test: it passes or fails as a whole. */
function check(name, ok) {
  tally[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? '✔' : '✘'} ${name}`);
}

/** A runner that writes its own tally to .test-results/<name>.json. */
function suite(name, command, args) {
  const file = `.test-results/${name}.json`;
  rmSync(file, { force: true });
  const ok = run(command, args);
  const counts = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passed: 0, failed: 1 };
  tally.passed += counts.passed;
  // A runner that failed without reporting a failed test still failed.
  tally.failed += counts.failed || (ok ? 0 : 1);
}

mkdirSync('.test-results', { recursive: true });
rmSync('.test-results/tally.txt', { force: true });
chromiumPath();
const bin = (name) => join('node_modules', '.bin', name);
run(process.execPath, ['scripts/terms.mjs']);
check('type check (tsc)', run(bin('tsc'), ['-p', '.']));

// The analyzer resolves --outdir against the working directory.
const outdir = '.test-results/manifest';
run(bin('cem'), ['analyze', '--quiet', '--outdir', outdir], { stdio: 'ignore' });
const fresh = existsSync(join(outdir, 'custom-elements.json')) && readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
const stale = fresh !== readFileSync('custom-elements.json', 'utf8');
if (stale) console.error('custom-elements.json is stale: run `npm run manifest` and commit it.');
check('custom-elements.json is generated from the source', !stale);
rmSync(outdir, { recursive: true, force: true });

// The npm and CDN builds (the package test installs them), then the docs written from the manifest.
check('npm run build', run(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] }));
check('README, VS Code and JetBrains data are generated from the manifest', run(process.execPath, ['scripts/docs.mjs', '--check']));

// Translations: locales/**/*.xlf must hold every source message as it is now (a changed Japanese
// text needs its translation looked at again), and the generated modules must be built from them, complete.
// The reception notice's messages have a configuration of their own, so their translations travel in its chunk.
const generated = [
  'locales/en.xlf', 'src/i18n/locales/en.ts', 'src/i18n/locale-codes.ts',
  'locales/reception/en.xlf', 'src/reception/locales/en.ts',
];
const before = generated.map((file) => existsSync(file) && readFileSync(file, 'utf8'));
const builds = [[], ['--config', 'lit-localize.reception.json']].map((config) => {
  spawnSync(bin('lit-localize'), ['extract', ...config], { encoding: 'utf8' });
  return spawnSync(bin('lit-localize'), ['build', ...config], { encoding: 'utf8' });
});
const missing = builds.some((build) => /is missing/.test(build.stdout + build.stderr));
const changed = generated.some((file, i) => readFileSync(file, 'utf8') !== before[i]);
if (missing) console.error(builds.map((build) => build.stdout + build.stderr).join(''));
if (changed) console.error('locales/**/*.xlf or a generated locales module is stale: run `npm run localize`, translate what changed, and commit it.');
check('translations are complete and built from locales/**/*.xlf', builds.every((build) => build.status === 0) && !missing && !changed);

const nodeTests = readdirSync('test/node').filter((name) => name.endsWith('.test.ts')).map((name) => join('test/node', name));
suite('node', process.execPath, [
  '--import', 'tsx', '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./test/server/node-tally.mjs', '--test-reporter-destination=.test-results/node.log',
  ...nodeTests,
]);
suite('browser', bin('wtr'), []);

const line = `${tally.passed} passed, ${tally.failed} failed`;
writeFileSync('.test-results/tally.txt', `${line}\n`);
console.log(line);
process.exit(tally.failed ? 1 : 0);
