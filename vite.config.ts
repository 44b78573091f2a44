import minifyTemplateLiterals from 'rollup-plugin-minify-template-literals';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { consentApi } from './demo/server/consent-api.js';

// `npm start` serves demo/ (and the source it imports) with the demo's vendor API. `npm run build:cdn`
// bundles the CDN file: one minified ES module entry with Lit inside, plus
// lazy chunks (each built-in document, the vendor-document validator) that a
// page loads only when it uses them. Not lib mode: that leaves ES output unminified.
export default defineConfig({
  // Lit's html and css templates keep their whitespace through the JS minifier; this strips it.
  plugins: [consentApi(), { ...minifyTemplateLiterals({ include: 'src/**/*.ts' }), apply: 'build' }],
  server: { host: '127.0.0.1', port: 5173 },
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
