import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import minifyTemplateLiterals from 'rollup-plugin-minify-template-literals';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { consentApi } from './demo/server/consent-api.js';

// `npm start` serves demo/ (and the source it imports) with the demo's vendor API. `npm run build:cdn`
// bundles the CDN file: one minified ES module entry with Lit and the consent code inside, one file per
// language (its UI strings and built-in terms), and lazy chunks (the storing and server-signing code,
// the reception notice, the vendor-document validator) that a page loads only when it uses them. Lib
// mode, so no module-preload helper wraps the import()s.

/** The npm packages bundled into a chunk, by name. */
const bundledPackages = (moduleIds: readonly string[]) => [
  ...new Set(moduleIds.map((id) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1]).filter((name) => name !== undefined)),
];

/**
 * The CDN files carry other projects' code (Lit, zod), whose licences ask that their
 * notices travel with it: each chunk's banner names what it bundles, and THIRD-PARTY-LICENSES.txt
 * beside the files holds their licence texts.
 */
function thirdPartyLicenses(): Plugin {
  return {
    name: 'third-party-licenses',
    apply: 'build',
    generateBundle(_options, bundle) {
      const names = bundledPackages(Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? file.moduleIds : []))).sort();
      const texts = names.map((name) => {
        const { version, license } = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8'));
        return `${name} ${version} (${license})\n\n${readFileSync(`node_modules/${name}/LICENSE`, 'utf8').trim()}\n`;
      });
      this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-LICENSES.txt', source: texts.join(`\n${'-'.repeat(72)}\n\n`) });
    },
  };
}

/**
 * The dev server has no page at its root, yet `/` is the URL Vite prints: it leads to the demo
 * portal, keeping the query (`/?lang=en`). A demo page's folder asked for without its final slash
 * (`/demo/react`) is sent to it with one, as a static server would.
 */
function demoEntry(): Plugin {
  return {
    name: 'demo-entry',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://dev-server');
        const folder = /^\/demo(?:\/[\w-]+)*$/.test(url.pathname) && existsSync(join(server.config.root, url.pathname, 'index.html'));
        const to = url.pathname === '/' ? '/demo/' : folder ? `${url.pathname}/` : undefined;
        // Pages only: not a form's POST, nor the HMR socket's upgrade.
        if (!to || !['GET', 'HEAD'].includes(req.method ?? '') || req.headers.upgrade) return next();
        res.statusCode = 302;
        res.setHeader('location', to + url.search);
        res.end();
      });
    },
  };
}

export default defineConfig({
  // Lit's html and css templates keep their whitespace through the JS minifier; this strips it.
  plugins: [demoEntry(), consentApi(), { ...minifyTemplateLiterals({ include: 'src/**/*.ts' }), apply: 'build' }, thirdPartyLicenses()],
  server: { host: '127.0.0.1', port: 5173 },
  // Found up front, so the React demo does not reload itself on its first visit.
  optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-dev-runtime', '@lit/react'] },
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    copyPublicDir: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'remote-support-consent.js' },
    rollupOptions: {
      // The entry may export more than index.ts does, so shared modules can live in it rather than in extra chunks.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // Lib mode keeps whitespace and annotations for a bundler that comes after; a CDN file has none.
        minify: true,
        comments: false,
        postBanner: ({ moduleIds }) => {
          const bundled = bundledPackages(moduleIds);
          const notice = bundled.length ? ` | includes ${bundled.join(', ')}: see THIRD-PARTY-LICENSES.txt` : '';
          return `/*! ${pkg.name} ${pkg.version} | ${pkg.license} License${notice} */`;
        },
        // A language's UI strings and built-in terms (one module: scripts/terms.mjs) get a file of stable
        // name a page may preload beside the entry (lang/ja.js), so they come in the entry's round trip.
        chunkFileNames: ({ name }) => (/^language\.\w+$/.test(name) ? `lang/${name.slice('language.'.length)}.js` : 'chunks/[name]-[hash].js'),
      },
    },
  },
});
