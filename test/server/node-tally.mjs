// node:test reporter: counts leaf tests into .test-results/node.json for the closing tally.
import { mkdirSync, writeFileSync } from 'node:fs';

export default async function* tally(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.skipped++;
    else counts[event.type === 'test:pass' ? 'passed' : 'failed']++;
  }
  mkdirSync('.test-results', { recursive: true });
  writeFileSync('.test-results/node.json', JSON.stringify(counts));
  yield '';
}
