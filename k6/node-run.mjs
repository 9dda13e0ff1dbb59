// Runs the flows of k6/surge.js ONCE EACH, sequentially, under node against a live stage, with k6's http module
// stood in for by curl (k6's http is synchronous; so is execFileSync). Not a load test: it proves that the script's
// setup, flows, outcome classes, order polling and handleSummary work against the real API where no k6 binary is
// installed (this project's machines have none). Writes the handleSummary JSON like k6 would.
//   node k6/node-run.mjs SCENARIO ITERATIONS BASE_URL=http://127.0.0.1:8080 ADMIN_EMAIL=.. ADMIN_PASSWORD=..
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [scenario = 'load', iterations = '3', ...assignments] = process.argv.slice(2);
const env = { SCENARIO: scenario, POOL: 'node', SUMMARY: `target/load/node-run-${scenario}.json` };
for (const a of assignments) env[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);

const metrics = {};
function metric(kind, name) {
  metrics[name] = metrics[name] || { type: kind, values: [], tagged: [] };
  return { name, add: (v, tags) => metrics[name].values.push(Number(v)) };
}
globalThis.__metric = metric;
globalThis.__ENV = env;
globalThis.__read = (p) => readFileSync(join(here, p), 'utf8');
globalThis.__iteration = { n: 0 };
globalThis.__request = (method, url, body, params) => {
  const headers = (params && params.headers) || {};
  const args = ['-s', '-o', '-', '-w', '\n%{http_code} %{time_total}', '-X', method, url, '--max-time', '30'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  if (body !== null && body !== undefined) args.push('--data-binary', body);
  let out;
  try {
    out = execFileSync('curl', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  } catch (e) {
    out = `\n000 0`;
  }
  const cut = out.lastIndexOf('\n');
  const [status, seconds] = out.slice(cut + 1).split(' ');
  const res = { status: Number(status), body: out.slice(0, cut), timings: { duration: Number(seconds) * 1000 } };
  res.json = () => JSON.parse(res.body);
  metric('counter', 'http_reqs').add(1);
  metric('trend', 'http_req_duration').add(res.timings.duration);
  return res;
};
const stand_ins = `
const http = {
  request: (m, u, b, p) => __request(m, u, b, p),
  batch: (reqs) => reqs.map((r) => __request(r.method, r.url, r.body, r.params)),
};
const exec = { scenario: { get iterationInTest() { return __iteration.n; } }, vu: { idInTest: 1 } };
const check = (v, sets) => { for (const f of Object.values(sets)) __metric('rate', 'checks').add(f(v) ? 1 : 0); return true; };
const sleep = (s) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, s * 1000);
class Counter { constructor(n) { this.m = __metric('counter', n); } add(v, t) { this.m.add(v, t); } }
class Rate { constructor(n) { this.m = __metric('rate', n); } add(v, t) { this.m.add(v ? 1 : 0, t); } }
class Trend { constructor(n) { this.m = __metric('trend', n); } add(v, t) { this.m.add(v, t); } }
const open = (p) => __read(p);
`;
const source = readFileSync(join(here, 'surge.js'), 'utf8').replace(/^import .* from 'k6(\/[a-z]+)?';$/gm, '');
const dir = mkdtempSync(join(tmpdir(), 'surge-k6-'));
writeFileSync(join(dir, 'surge.mjs'), stand_ins + source);
const mod = await import(pathToFileURL(join(dir, 'surge.mjs')).href);

const data = mod.setup();
for (const [name, sc] of Object.entries(mod.options.scenarios)) {
  for (let i = 0; i < Number(iterations); i++) {
    globalThis.__iteration.n = i;
    mod[sc.exec](data);
  }
}
mod.teardown(data);

function values(m) {
  const v = [...m.values].sort((a, b) => a - b);
  const q = (p) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  if (m.type === 'counter') return { count: v.reduce((a, b) => a + b, 0), rate: 0 };
  if (m.type === 'rate') return { rate: v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0 };
  return { med: q(0.5), 'p(90)': q(0.9), 'p(95)': q(0.95), 'p(99)': q(0.99), max: v[v.length - 1], avg: v.reduce((a, b) => a + b, 0) / v.length };
}
const summary = { metrics: Object.fromEntries(Object.entries(metrics).map(([k, m]) => [k, { type: m.type, values: values(m) }])) };
const outputs = mod.handleSummary(summary);
for (const [target, text] of Object.entries(outputs)) {
  if (target === 'stdout') console.log(text);
  else writeFileSync(target, text);
}
