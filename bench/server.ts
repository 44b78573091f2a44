import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../scripts/postgres.mjs';
import { fetchChallenge, postConsent, signConsent } from '../test/node/fixtures/consents.js';
import { inPool } from '../test/node/fixtures/pool.js';
import { startServerProcess } from '../test/node/fixtures/server-process.js';
import { builtInTerms } from '../src/terms/index.js';
import { verifyConsent } from '../src/verify/index.js';
import { median, pairedRatio, type Figure } from './stats.js';

interface Token {
  jws: string;
  nonce: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]!;

/** `count` fresh consents, each on a challenge of its own from the server and signed by a key of its own, as customers make them. */
const freshTokens = (base: string, count: number): Promise<Token[]> =>
  inPool(Array.from({ length: count }), 16, async () => {
    const nonce = await fetchChallenge(base);
    return { jws: (await signConsent(nonce)).jws, nonce };
  });

/** Posts every token, `concurrency` at a time: stored consents per second and each request's latency (ms), sorted. Anything but a 201 stops the bench. */
async function store(base: string, tokens: Token[], concurrency: number) {
  const start = performance.now();
  const latencies = await inPool(tokens, concurrency, async ({ jws }) => {
    const sent = performance.now();
    const { status, body } = await postConsent(base, jws);
    if (status !== 201) throw new Error(`POST consent: ${status} ${JSON.stringify(body)}`);
    return performance.now() - sent;
  });
  const perSecond = (tokens.length / (performance.now() - start)) * 1000;
  return { perSecond, latencies: latencies.sort((a, b) => a - b) };
}

/** Bare `verifyConsent` of the same tokens, one after another, as the server verifies each: records per second. */
async function verify(tokens: Token[]) {
  const start = performance.now();
  for (const { jws, nonce } of tokens) await verifyConsent(jws, { terms: builtInTerms, nonce });
  return (tokens.length / (performance.now() - start)) * 1000;
}

/**
 * Consents stored per second by the server kit in a process of its own, over HTTP on loopback, on
 * SQLite (a file, WAL, synchronous=FULL) and on PostgreSQL (a local cluster, fsync on), with the
 * latency of each request; beside bare `verifyConsent` of the same tokens in this process, measured
 * right after each round, so the ratio says what storing and HTTP cost over verifying.
 */
export async function serverThroughput({ requests = 2000, concurrency = 16, rounds = 5 } = {}): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-consents-'));
  const postgres = await startPostgres();
  const figures: Figure[] = [];
  try {
    for (const [engine, database] of [['SQLite', `sqlite:${join(dir, 'consents.db')}`], ['PostgreSQL', postgres.url]] as const) {
      const server = await startServerProcess(database);
      try {
        const stored: number[] = [];
        const verified: number[] = [];
        const p50: number[] = [];
        const p99: number[] = [];
        await store(server.base, await freshTokens(server.base, requests / 4), concurrency); // warm-up
        for (let round = 0; round < rounds; round++) {
          const tokens = await freshTokens(server.base, requests);
          const { perSecond, latencies } = await store(server.base, tokens, concurrency);
          stored.push(perSecond);
          p50.push(percentile(latencies, 0.5));
          p99.push(percentile(latencies, 0.99));
          verified.push(await verify(tokens));
        }
        figures.push(
          { name: `${engine}: stored consents`, value: median(stored), unit: 'records/s' },
          { name: `${engine}: latency p50`, value: median(p50), unit: 'ms' },
          { name: `${engine}: latency p99`, value: median(p99), unit: 'ms' },
          { name: `${engine}: verifyConsent of the same tokens`, value: median(verified), unit: 'records/s' },
          { name: `${engine}: stored ÷ verified`, value: pairedRatio(stored, verified), unit: '×' },
        );
      } finally {
        server.child.kill('SIGTERM');
        await server.exited();
      }
    }
  } finally {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
