// Prints one closing line for the whole `npm test` run, from the JSON reports of Vitest and
// Playwright: "total: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    console.error(`test-summary: no report at ${path}`);
    process.exit(1);
  }
}

const unit = read('reports/vitest.json');
const e2e = read('reports/playwright.json');
const unitPassed = unit.numPassedTests;
const unitFailed = unit.numFailedTests;
const unitSkipped = unit.numPendingTests + unit.numTodoTests;
const e2ePassed = e2e.stats.expected + e2e.stats.flaky;
const e2eFailed = e2e.stats.unexpected;
const e2eSkipped = e2e.stats.skipped;
console.log(`unit: ${unitPassed} passed, ${unitFailed} failed, ${unitSkipped} skipped`);
console.log(`e2e: ${e2ePassed} passed, ${e2eFailed} failed, ${e2eSkipped} skipped`);
console.log(
  `total: ${unitPassed + e2ePassed} passed, ${unitFailed + e2eFailed} failed, ${unitSkipped + e2eSkipped} skipped`,
);
process.exit(unitFailed + e2eFailed === 0 ? 0 : 1);
