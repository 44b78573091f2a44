// Writes how many tests passed and failed to .test-results/<name>.json, so the
// test script can print the one closing tally line that CI reads.
import { mkdirSync, writeFileSync } from 'node:fs';

const count = (suite, tally) => {
  for (const test of suite.tests) {
    if (test.skipped) tally.skipped++;
    else if (test.passed) tally.passed++;
    else tally.failed++;
  }
  for (const child of suite.suites) count(child, tally);
  return tally;
};

export function tallyReporter(name) {
  return {
    onTestRunFinished({ sessions }) {
      const tally = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, tally);
        // A file that failed to load has no results: count it as one failure.
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) tally.failed++;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(`.test-results/${name}.json`, JSON.stringify(tally));
    },
  };
}
