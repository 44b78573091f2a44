import { defineConfig } from 'vite';
import { consentApi } from './demo/server/consent-api.js';

// `npm start` serves demo/ (and the source it imports) with the demo's vendor API. `npm run build:cdn`
// bundles the CDN file: one minified ES module entry with Lit inside, plus
// lazy chunks (each built-in document, the vendor-document validator) that a
// page loads only when it uses them. Not lib mode: that leaves ES output unminified.
export default defineConfig({
  plugins: [consentApi()],
  server: { host: '127.0.0.1', port: 5173 },
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    copyPublicDir: false,
    rollupOptions: {
      input: 'src/index.ts',
      preserveEntrySignatures: 'strict',
      output: {
        entryFileNames: 'remote-support-consent.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
