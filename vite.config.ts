import minifyTemplateLiterals from 'rollup-plugin-minify-template-literals';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { consentApi } from './demo/server/consent-api.js';

// `npm start` serves demo/ (and the source it imports) with the demo's vendor API. `npm run build:cdn`
// bundles the CDN file: one minified ES module entry with Lit inside, plus
// lazy chunks (each built-in document, the vendor-document validator) that a
// page loads only when it uses them. Not lib mode: that leaves ES output unminified.
/**
 * Vite wraps every import() of an app in a module-preload helper (link tags, a CSP-nonce lookup, a
 * window event), even with modulePreload off. A guest element wants none of it: the chunks are loaded
 * by the import() itself. This unwraps the calls, so the helper is left unused and dropped.
 */
function withoutPreloadHelper(): Plugin {
  // Each call ends in the marker Vite fills in later, and calls never nest: the shortest match is the call.
  const wrapped = /__vitePreload\(([\s\S]*?),\s*__VITE_PRELOAD__\)/g;
  return {
    name: 'without-preload-helper',
    apply: 'build',
    renderChunk: {
      order: 'pre',
      handler: (code) => (code.includes('__vitePreload(') ? { code: code.replace(wrapped, '($1)()'), map: null } : null),
    },
  };
}

/**
 * The messages' `{ id }` options are for lit-localize's extractor; at run time a message is found by
 * its key (the id without `rsc-`), so the CDN build leaves them out.
 */
function withoutMessageIds(): Plugin {
  return {
    name: 'without-message-ids',
    apply: 'build',
    transform: (code, id) =>
      id.includes('/src/') && code.includes('rsc-') ? { code: code.replace(/,\s*\{\s*id:\s*(['"`])rsc-[\w-]+\1,?\s*\}/g, ''), map: null } : null,
  };
}

export default defineConfig({
  // Lit's html and css templates keep their whitespace through the JS minifier; this strips it.
  plugins: [consentApi(), { ...minifyTemplateLiterals({ include: 'src/**/*.ts' }), apply: 'build' }, withoutPreloadHelper(), withoutMessageIds()],
  server: { host: '127.0.0.1', port: 5173 },
  // The generated translations import `str` from the package index, which carries @lit/localize's page-wide
  // runtime; the element never uses that runtime, so they get the tag alone (as src/i18n/catalog.ts does).
  resolve: { alias: [{ find: /^@lit\/localize$/, replacement: '@lit/localize/internal/str-tag.js' }] },
  // Found up front, so the React demo does not reload itself on its first visit.
  optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-dev-runtime', '@lit/react'] },
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    copyPublicDir: false,
    rollupOptions: {
      input: 'src/index.ts',
      // The entry may export more than index.ts does, so shared modules can live in it rather than in extra chunks.
      preserveEntrySignatures: 'allow-extension',
      output: {
        postBanner: `/*! ${pkg.name} ${pkg.version} | ${pkg.license} License */`,
        entryFileNames: 'remote-support-consent.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
