import { browserFigures } from './browser.js';
import { coldLoad } from './cold.js';
import { serverThroughput } from './server.js';
import { verifyThroughput } from './verify.js';
import type { Figure } from './stats.js';

// `npm run bench`: the product's figures, measured in one run. Each figure is a median of alternating
// rounds, and each ratio the median of round-by-round ratios against a baseline measured beside it.
const sections: Array<[string, () => Promise<Figure[]>]> = [
  ['The CDN build in headless Chromium (medians of 15 runs)', () => browserFigures()],
  ['Verifier throughput (Node)', () => verifyThroughput()],
  [
    'The server kit: consents stored over HTTP on loopback (2,000 per round, 16 at a time; medians of 5 rounds)',
    () => serverThroughput({ requests: 2000, concurrency: 16, rounds: 5 }),
  ],
];

// A first-time customer on a phone: three pages side by side on each network preset, so a table of its
// own. First, on a quiet machine: after the server kit's processes and database, a busy CPU adds its
// noise to the element's script time.
await coldLoad();

for (const [title, measure] of sections) {
  console.log(`\n${title}`);
  for (const { name, value, unit, target } of await measure()) {
    const shown = unit === 'records/s' ? Math.round(value).toLocaleString('en-US') : value.toFixed(unit === 'ms' ? 1 : 2);
    console.log(`  ${name.padEnd(50)} ${shown.padStart(10)} ${unit}${target ? `   (target ${target})` : ''}`);
  }
}
