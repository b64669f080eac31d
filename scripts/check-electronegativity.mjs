// Fails CI on any HIGH or MEDIUM Electronegativity finding that is not listed, with the
// reason it was accepted, in build/electronegativity-reviewed.json.
import fs from 'node:fs';

const csv = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').slice(1);
const reviewed = JSON.parse(fs.readFileSync(new URL('../build/electronegativity-reviewed.json', import.meta.url), 'utf8'));
let bad = 0;
for (const line of csv) {
  const [check, severity] = line.split(',').map((s) => s.replace(/"/g, '').trim());
  if (!['HIGH', 'MEDIUM'].includes(severity)) continue;
  if (reviewed[check]) {
    console.log(`reviewed  ${severity} ${check}`);
    continue;
  }
  bad++;
  console.log(`FINDING   ${line}`);
}
console.log(`electronegativity: ${csv.length} findings, ${bad} unreviewed high/medium`);
process.exit(bad ? 1 : 0);
