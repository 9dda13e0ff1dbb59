// Evaluates k6/surge.js under node with stand-ins for k6's modules and prints what k6 would run: the options
// (executors, rates, stages, thresholds) built from scenarios.json for one scenario, and the outcome classes.
// No request is sent. Used by LoadSuiteAgreementTests in ./mvnw verify, and handy before a long run:
//   node k6/dry-run.mjs stress DURATION_SCALE=0.1
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [scenario = 'load', ...assignments] = process.argv.slice(2);
const env = { SCENARIO: scenario, ADMIN_EMAIL: 'dry@run', ADMIN_PASSWORD: 'dry' };
for (const a of assignments) {
  const i = a.indexOf('=');
  env[a.slice(0, i)] = a.slice(i + 1);
}
const stand_ins = `
const http = { request() { throw new Error('dry run'); }, batch() { throw new Error('dry run'); } };
const exec = { scenario: { iterationInTest: 0 }, vu: { idInTest: 1 } };
const check = () => true; const sleep = () => {};
class Metric { constructor(name) { this.name = name; } add() {} }
class Counter extends Metric {} class Rate extends Metric {} class Trend extends Metric {}
const open = (p) => __read(p);
`;
const source = readFileSync(join(here, 'surge.js'), 'utf8');
const imports = /^import .* from 'k6(\/[a-z]+)?';$/gm;
const found = source.match(imports) || [];
if (found.length !== 4) throw new Error(`expected 4 k6 imports, found ${found.length}`);
const dir = mkdtempSync(join(tmpdir(), 'surge-k6-'));
const file = join(dir, 'surge.mjs');
writeFileSync(file, stand_ins + source.replace(imports, ''));
globalThis.__ENV = env;
globalThis.__read = (p) => readFileSync(join(here, p), 'utf8');
const mod = await import(pathToFileURL(file).href);
const probes = [[201, ''], [409, 'COUPON_SOLD_OUT'], [409, 'COUPON_ALREADY_ISSUED'], [409, 'OUT_OF_STOCK'], [429, 'TOO_MANY_REQUESTS'],
  [503, 'SERVICE_UNAVAILABLE'], [400, 'VALIDATION_FAILED'], [500, ''], [0, '']];
console.log(JSON.stringify({
  scenario,
  options: mod.options,
  classes: mod.CLASSES,
  classify: Object.fromEntries(probes.map(([s, c]) => [`${s} ${c}`.trim(), mod.classify(s, c)])),
  exports: Object.keys(mod).sort(),
}, null, 2));
