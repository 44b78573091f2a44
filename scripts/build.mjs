// `npm run build`: the npm build (ES modules and .d.ts in dist/, the built-in
// terms as JSON in dist/terms/documents/) and the CDN build in dist/cdn/, with
// the entry's SRI hash in dist/cdn/integrity.json.
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

const entry = 'dist/cdn/remote-support-consent.js';
const integrity = `sha384-${createHash('sha384').update(readFileSync(entry)).digest('base64')}`;
writeFileSync('dist/cdn/integrity.json', `${JSON.stringify({ file: 'remote-support-consent.js', integrity }, null, 2)}\n`);
console.log(`${entry} ${integrity}`);
