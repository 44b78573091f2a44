import { verifyThroughput } from './verify.js';
import type { Figure } from './stats.js';

// `npm run bench`: the product's figures, measured in one run. Medians of
// alternating rounds, with the baseline measured in the same run.
const sections: Array<[string, () => Promise<Figure[]>]> = [['Verifier throughput (Node)', () => verifyThroughput()]];

for (const [title, measure] of sections) {
  console.log(`\n${title}`);
  for (const { name, value, unit, target } of await measure()) {
    const shown = unit === '%' ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
    console.log(`  ${name.padEnd(50)} ${shown.padStart(10)} ${unit}${target ? `   (target ${target})` : ''}`);
  }
}
