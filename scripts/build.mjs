// `npm run build`: the npm build (ES modules and .d.ts in dist/, the built-in
// terms as JSON in dist/terms/documents/) and the CDN build in dist/cdn/, with
// the SRI hashes of the entry and of the Japanese language file a page preloads beside it in
// dist/cdn/integrity.json.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const run = (command, ...args) => {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
};

run(process.execPath, 'scripts/terms.mjs');
rmSync('dist', { recursive: true, force: true });
run('node_modules/.bin/tsc', '-p', 'tsconfig.build.json');
cpSync('src/terms/documents', 'dist/terms/documents', { recursive: true });
run('node_modules/.bin/vite', 'build', '--logLevel', 'warn');

const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(`dist/cdn/${file}`)).digest('base64')}`;
const hashes = { file: 'remote-support-consent.js', integrity: sri('remote-support-consent.js'), preload: { file: 'lang/ja.js', integrity: sri('lang/ja.js') } };
writeFileSync('dist/cdn/integrity.json', `${JSON.stringify(hashes, null, 2)}\n`);
console.log(`dist/cdn/${hashes.file} ${hashes.integrity}`);
