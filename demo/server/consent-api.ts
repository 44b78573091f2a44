import { mkdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { createConsentServer } from '../../src/server/index.js';
import { builtInTerms } from '../../src/terms/index.js';

/** The demo's operator token, which demo/operator/ fills in. A real one is a long random secret. */
export const demoOperatorToken = 'demo-operator-token';

/**
 * The demo's vendor server, as a Vite plugin: the package's own server kit under `/api`
 * (`GET /api/challenge`, `POST /api/consent`, `GET /api/consents/<reference>`), accepting the
 * built-in terms and the demo's vendor document. Records go to SQLite in
 * `$DEMO_DATA_DIR/consents.db` (default `.demo-data/`), so they survive a restart of `npm start`;
 * `DATABASE_URL=postgres://…` keeps them in PostgreSQL instead.
 */
export function consentApi({ dataDir = process.env.DEMO_DATA_DIR ?? '.demo-data' } = {}): Plugin {
  return {
    name: 'demo-consent-api',
    apply: 'serve',
    async configureServer(server) {
      const vendorTerms = JSON.parse(readFileSync(new URL('../terms/vendor-terms.json', import.meta.url), 'utf8'));
      const database = process.env.DATABASE_URL ?? `sqlite:${dataDir}/consents.db`;
      if (database.startsWith('sqlite:')) mkdirSync(dataDir, { recursive: true });
      const consents = await createConsentServer({ database, terms: [...builtInTerms, vendorTerms], operatorToken: demoOperatorToken });
      server.middlewares.use('/api', consents.listener);
      server.httpServer?.once('close', () => void consents.close());
    },
  };
}
