import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRecord } from '../../src/consent/record.js';
import { signRecord } from '../../src/consent/sign.js';
import { builtInTerms, termsDigest } from '../../src/terms/index.js';

// Installs the packed tarball into a scratch project, as a vendor would, and uses it from
// Node, from TypeScript and from a Vite build. Needs `npm run build` first (npm test runs it).
const repo = resolve('.');
const bin = (name: string) => join(repo, 'node_modules', '.bin', name);

describe('the packed package, installed in a consumer project', () => {
  let project: string;

  before(() => {
    project = mkdtempSync(join(tmpdir(), 'rsc-consumer-'));
    // Without prepack's rebuild, which would empty dist/ under the other Node tests reading it meanwhile.
    const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', project], { encoding: 'utf8' }).trim().split('\n').pop()!;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${tarball}`], { cwd: project, stdio: 'ignore' });
  });

  after(() => rmSync(project, { recursive: true, force: true }));

  it('keeps the tarball to what a consumer needs', () => {
    const files = execFileSync('tar', ['-tzf', readdirSync(project).find((name) => name.endsWith('.tgz'))!], { cwd: project, encoding: 'utf8' }).split('\n');
    assert.ok(files.includes('package/dist/cdn/remote-support-consent.js'));
    assert.ok(files.includes('package/dist/terms/documents/remote-connect-support.2025-04-01.ja.json'));
    assert.ok(files.includes('package/custom-elements.json') && files.includes('package/web-types.json'));
    assert.deepEqual(files.filter((file) => /\.map$|\/test\/|\/demo\/|\/src\//.test(file)), []);
  });

  it('ships every module its custom-elements.json describes or refers to, and the editors\' data', () => {
    const files = new Set(execFileSync('tar', ['-tzf', readdirSync(project).find((name) => name.endsWith('.tgz'))!], { cwd: project, encoding: 'utf8' }).split('\n'));
    const installed = join(project, 'node_modules/remote-support-consent');
    const manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
    // Module paths, and every reference to a module of this package (exports, superclass, inheritedFrom, …).
    const modules = new Set<string>(manifest.modules.map(({ path }: { path: string }) => path));
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        const { module, package: from } = value as { module?: unknown; package?: unknown };
        if (typeof module === 'string' && from === undefined) modules.add(module);
        Object.values(value).forEach(visit);
      }
    };
    visit(manifest.modules);
    assert.ok(manifest.modules.length > 0);
    for (const path of modules) assert.ok(files.has(`package/${path}`), `${path} is in the tarball`);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const file of [pkg.customElements, pkg['web-types'], 'vscode.html-custom-data.json']) {
      assert.ok(files.has(`package/${posix.normalize(file)}`), `${file} is in the tarball`);
    }
  });

  it('verifies a record in Node with the built-in terms, and imports the element without a DOM', async () => {
    const ja = builtInTerms.find((document) => document.locale === 'ja')!;
    const terms = { id: ja.id, version: ja.version, locale: ja.locale, sha256: await termsDigest(ja) };
    const { jws } = await signRecord(createRecord({ terms, origin: 'https://portal.example.com', nonce: 'n-1' }), '', {
      signal: new AbortController().signal,
      timeoutMs: 1000,
    });
    const script = `
      import { verifyConsent } from 'remote-support-consent/verify';
      import { builtInTerms } from 'remote-support-consent/terms';
      import ja from 'remote-support-consent/terms/remote-connect-support.2025-04-01.ja.json' with { type: 'json' };
      const element = await import('remote-support-consent');
      const record = await verifyConsent(process.argv[1], { terms: builtInTerms, nonce: 'n-1' });
      const again = await verifyConsent(process.argv[1], { terms: [ja], nonce: 'n-1' });
      console.log(JSON.stringify({ id: record.id === again.id, element: typeof element.RemoteSupportConsent, window: typeof window }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, jws], { cwd: project, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output), { id: true, element: 'function', window: 'undefined' });
  });

  it('runs the command line as npx finds it in a consumer project', () => {
    const terms = join(project, 'node_modules/remote-support-consent/dist/terms/documents/remote-connect-support.2025-04-01.ja.json');
    const integrity = execFileSync('npx', ['--no-install', 'remote-support-consent', 'terms', 'integrity', terms], { cwd: project, encoding: 'utf8' });
    assert.match(integrity, /^sha256-[\w-]{43}\n$/);
  });

  it('type-checks a consumer file against the published types', () => {
    cpSync(join(repo, 'test/types/consumer.ts'), join(project, 'consumer.ts'));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2024', 'DOM'], strict: true, noEmit: true, skipLibCheck: false, types: [] },
        files: ['consumer.ts'],
      }),
    );
    execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: project, stdio: 'inherit' });
  });

  it('bundles with Vite, the element without the verifier and the verifier without Lit', () => {
    writeFileSync(join(project, 'element.js'), "import 'remote-support-consent';\n");
    writeFileSync(join(project, 'server.js'), "export { verifyConsent } from 'remote-support-consent/verify';\n");
    const build = (entry: string) => {
      execFileSync(bin('vite'), ['build', '--logLevel', 'error', '--outDir', `out-${entry}`], {
        cwd: project,
        env: { ...process.env, ENTRY: entry },
        stdio: 'inherit',
      });
      const dir = join(project, `out-${entry}`);
      return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.js'))
        .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
    };
    writeFileSync(
      join(project, 'vite.config.js'),
      `export default { build: { minify: false, rollupOptions: { input: process.env.ENTRY + '.js', preserveEntrySignatures: 'strict', output: { entryFileNames: '[name].js' } } } };\n`,
    );
    const element = build('element');
    assert.match(element.find(({ file }) => file === 'element.js')!.text, /customElements\.define/);
    for (const { file, text } of element) assert.doesNotMatch(text, /bad-signature/, `the verifier is not in the element bundle (${file})`);
    const server = build('server');
    assert.ok(server.every(({ text }) => !/LitElement|lit-html/.test(text)), 'Lit is not in the verifier bundle');
    assert.match(server.map(({ text }) => text).join(''), /bad-signature/);
  });
});
