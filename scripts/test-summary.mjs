// One closing line for the whole run (unit + e2e), from the JSON reports both runners wrote.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const v = JSON.parse(fs.readFileSync('test-results/vitest.json', 'utf8'));
passed += v.numPassedTests;
failed += v.numFailedTests;
skipped += v.numPendingTests + (v.numTodoTests ?? 0);
const p = JSON.parse(fs.readFileSync('test-results/playwright.json', 'utf8'));
passed += p.stats.expected + (p.stats.flaky ?? 0);
failed += p.stats.unexpected;
skipped += p.stats.skipped;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed || passed === 0 ? 1 : 0);
