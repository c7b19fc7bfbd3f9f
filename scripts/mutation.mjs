/**
 * `npm run mutation`: runs StrykerJS (stryker.config.mjs), then prints the score of each target
 * from reports/mutation/mutation.json and exits 1 when one is missed. `STEWARD_MUTATE=trust`
 * runs the secrets and trust modules alone; `--report-only` prints the targets of the last run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { TARGETS, TRUST_MODULES, scope } from './mutation-scope.mjs';

const REPORT = 'reports/mutation/mutation.json';

if (!process.argv.includes('--report-only')) {
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
if (!existsSync(REPORT)) {
  console.error(`No ${REPORT}: run \`npm run mutation\` first.`);
  process.exit(1);
}

const KILLED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

/** Mutation score (Stryker's: killed and timed out over all valid mutants) of the files `keep` selects. */
function score(files, keep) {
  let killed = 0;
  let counted = 0;
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(files)) {
    if (!keep(file)) continue;
    for (const m of mutants) {
      if (!COUNTED.has(m.status)) continue;
      counted++;
      if (KILLED.has(m.status)) killed++;
      else survivors.push(`${file}:${m.location.start.line} ${m.mutatorName} (${m.status})`);
    }
  }
  return { killed, counted, pct: counted === 0 ? null : (100 * killed) / counted, survivors };
}

const { files } = JSON.parse(readFileSync(REPORT, 'utf8'));
// Paths in the report are relative to the project root, with forward slashes.
const normalised = Object.fromEntries(Object.entries(files).map(([f, v]) => [f.replaceAll('\\', '/').replace(/^\.\//, ''), v]));
let missed = 0;
console.log(`\nMutation targets (${scope === 'trust' ? 'trust modules only: STEWARD_MUTATE=trust' : 'full run'}):`);
for (const [name, keep, min] of TARGETS) {
  const s = score(normalised, keep);
  if (s.pct === null) {
    console.log(`  ${name}: not measured in this run`);
    continue;
  }
  const ok = s.pct >= min;
  if (!ok) missed++;
  console.log(`  ${ok ? 'met   ' : 'MISSED'} ${name}: ${s.pct.toFixed(1)} % (${s.killed}/${s.counted}), target >= ${min} %`);
}
for (const f of TRUST_MODULES) {
  const s = score(normalised, (x) => x === f);
  if (s.pct !== null) console.log(`    ${f}: ${s.pct.toFixed(1)} % (${s.killed}/${s.counted})`);
}
console.log('Survivors judged equivalent are listed in stryker.equivalent-mutants.md.');
process.exit(missed === 0 ? 0 : 1);
