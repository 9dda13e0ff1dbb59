// Surge load scenarios for k6, run from a separate client machine against nginx (README, "Load from another machine").
//   k6 run -e SCENARIO=load -e BASE_URL=http://mini-pc:80 -e ADMIN_EMAIL=... -e ADMIN_PASSWORD=... k6/surge.js
// Every rate, stage, mix, probability and threshold comes from scenarios.json, the file the Gatling twin
// (load/gatling) reads too. Open model: arrival-rate executors only, so a slow server meets the same arrival rate.
// Outcomes are classified by real status + ProblemDetail `code`; 429 and 503 have classes of their own.
import http from 'k6/http';
import exec from 'k6/execution';
import { check, sleep } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';

const DEF = JSON.parse(open('./scenarios.json'));
const SCENARIO = __ENV.SCENARIO || 'load';
const SPEC = DEF.scenarios[SCENARIO];
if (!SPEC) {
  throw new Error(`unknown SCENARIO=${SCENARIO}; one of: ${Object.keys(DEF.scenarios).join(', ')}`);
}
const BASE_URL = (__ENV.BASE_URL || DEF.defaults.baseUrl).replace(/\/$/, '');
const CAPACITY = Number(__ENV.CAPACITY || DEF.defaults.capacityRps);
const DURATION_SCALE = Number(__ENV.DURATION_SCALE || 1);
const RATE_SCALE = Number(__ENV.RATE_SCALE || 1);
const POOL = __ENV.POOL || 'k6';
const TIMEOUT = `${Number(__ENV.REQUEST_TIMEOUT_MS || DEF.defaults.requestTimeoutMs)}ms`;
const ADMIN_EMAIL = __ENV.ADMIN_EMAIL || __ENV.SURGE_ADMIN_EMAIL;
const ADMIN_PASSWORD = __ENV.ADMIN_PASSWORD || __ENV.SURGE_ADMIN_PASSWORD;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

export const CLASSES = Object.keys(DEF.outcomes.classes);
const STEPS = ['signup', 'login', 'issue', 'products', 'product', 'credit', 'order', 'pay', 'poll'];

// One counter and one rate per outcome class, one latency trend per step: declared up front (k6 wants metrics
// in the init context), named so the summary JSON and the Prometheus remote-write output carry them as they are.
const outcomeCount = Object.fromEntries(CLASSES.map((c) => [c, new Counter(`outcome_${c}`)]));
const outcomeRate = Object.fromEntries(CLASSES.map((c) => [c, new Rate(`rate_${c}`)]));
const stepTrend = Object.fromEntries(STEPS.map((s) => [s, new Trend(`step_${s}_ms`, true)]));
const ordersPlaced = new Counter('orders_placed');
const ordersPaid = new Counter('orders_paid');
const ordersFailed = new Counter('orders_payment_failed');
const ordersUnfinished = new Counter('orders_unfinished');
const orderPaidRate = new Rate('order_paid_rate');
const orderPaidMs = new Trend('order_paid_ms', true);
const dispatchSent = new Counter('dispatch_sent');
const dispatchFailed = new Counter('dispatch_failed');
const dispatchPending = new Counter('dispatch_pending');

/** The rate of a population after scaling; targets in units of capacity are multiplied out. */
export function scaledRate(pop, value) {
  const unit = pop.targetUnit === 'xCapacity' ? CAPACITY : 1;
  return Math.max(1, Math.round(value * unit * (pop.scaleRate === false ? 1 : RATE_SCALE)));
}

export function scaledSeconds(s) {
  return Math.max(DEF.defaults.minStageS, Math.round(s * DURATION_SCALE));
}

function maxRateOf(pop) {
  if (pop.executor === 'constant') return scaledRate(pop, pop.rate);
  return Math.max(scaledRate(pop, pop.startRate || 0), ...pop.stages.map((st) => scaledRate(pop, st.target)));
}

function executorOf(pop) {
  const peak = maxRateOf(pop);
  const common = {
    timeUnit: '1s',
    preAllocatedVUs: Number(__ENV.PRE_ALLOCATED_VUS || Math.min(200, Math.max(10, Math.ceil(peak / 10)))),
    maxVUs: Number(__ENV.MAX_VUS || Math.max(50, peak * 2)),
    exec: { coupon: 'coupon', 'coupon-abuser': 'abuser', signup: 'signup', mixed: 'mixed' }[pop.flow],
    tags: { population: pop.name },
  };
  if (pop.executor === 'constant') {
    return { executor: 'constant-arrival-rate', rate: peak, duration: `${scaledSeconds(pop.durationS)}s`, ...common };
  }
  return {
    executor: 'ramping-arrival-rate',
    startRate: pop.startRate ? scaledRate(pop, pop.startRate) : 0,
    stages: pop.stages.map((st) => ({ target: scaledRate(pop, st.target), duration: `${scaledSeconds(st.durationS)}s` })),
    ...common,
  };
}

function thresholdsOf(spec) {
  const slo = { ...DEF.defaults.slo, ...(spec.slo || {}) };
  const t = { checks: [`rate>${slo.checks}`] };
  const primary = spec.populations.filter((p) => p.flow !== 'coupon-abuser').map((p) => p.name);
  for (const name of primary) {
    const lat = [`p(95)<${slo.p95Ms}`];
    if (slo.p99Ms) lat.push(`p(99)<${slo.p99Ms}`);
    t[`http_req_duration{scenario:${name}}`] = lat;
    for (const [cls, max] of Object.entries(slo.maxRate || {})) {
      t[`rate_${cls}{scenario:${name}}`] = [max === 0 ? 'rate==0' : `rate<=${max}`];
    }
  }
  if (slo.abuserThrottledMinRate) t['rate_throttled{scenario:abusers}'] = [`rate>=${slo.abuserThrottledMinRate}`];
  if (slo.orderPaidP95Ms) t.order_paid_ms = [`p(95)<${slo.orderPaidP95Ms}`];
  if (slo.ordersPaidRate) t.order_paid_rate = [`rate>=${slo.ordersPaidRate}`];
  return t;
}

export const options = {
  scenarios: Object.fromEntries(SPEC.populations.map((p) => [p.name, executorOf(p)])),
  thresholds: thresholdsOf(SPEC),
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
  setupTimeout: __ENV.SETUP_TIMEOUT || '15m',
  teardownTimeout: '2m',
  discardResponseBodies: false,
  insecureSkipTLSVerify: true,
};

// ---------------------------------------------------------------------------------------------------------------
// outcome classification

function codeOf(res) {
  if (!res || !res.body || typeof res.body !== 'string' || res.body.length > 65536) return '';
  try {
    const parsed = JSON.parse(res.body);
    return (parsed && parsed.code) || '';
  } catch (e) {
    return '';
  }
}

export function classify(status, code) {
  if (!status) return 'network';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 409 && code === 'COUPON_SOLD_OUT') return 'sold_out';
  if (status === 409 && code === 'COUPON_ALREADY_ISSUED') return 'already_issued';
  if (status === 409) return 'conflict_other';
  if (status === 429) return 'throttled';
  if (status === 503) return 'unavailable';
  if (status >= 400 && status < 500) return 'client_error';
  return 'server_error';
}

/** Counts the answer in its class and checks it against the classes this scenario calls correct. */
function record(step, res, expected) {
  const cls = classify(res.status, codeOf(res));
  for (const c of CLASSES) outcomeRate[c].add(c === cls);
  outcomeCount[cls].add(1, { step });
  stepTrend[step].add(res.timings.duration);
  check(res, { [`${step}: ${expected.join('|')}`]: () => expected.includes(cls) }, { step });
  return cls;
}

function call(method, path, body, token, step) {
  const headers = token ? { ...JSON_HEADERS, Authorization: `Bearer ${token}` } : JSON_HEADERS;
  const payload = body === null || body === undefined ? null : JSON.stringify(body);
  return http.request(method, `${BASE_URL}${path}`, payload, { headers, timeout: TIMEOUT, tags: { step } });
}

function json(res) {
  try {
    return res.json();
  } catch (e) {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// setup through the API with the admin credentials: rate limits, campaign, members, wallet money

function adminLogin() {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) throw new Error('set -e ADMIN_EMAIL=... -e ADMIN_PASSWORD=... (stage/run up prints them)');
  const res = call('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, null, 'login');
  if (res.status !== 200) throw new Error(`admin login answered ${res.status}: ${res.body}`);
  return res.json().accessToken;
}

function createCampaign(admin, quantity) {
  const now = Date.now();
  const body = {
    name: `k6 ${SCENARIO} ${new Date(now).toISOString()}`,
    discountType: 'PERCENT',
    discountValue: 10,
    totalQuantity: quantity,
    issueStartsAt: new Date(now - 60000).toISOString(),
    issueEndsAt: new Date(now + 6 * 3600000).toISOString(),
    validDays: 7,
  };
  const res = call('POST', '/api/admin/coupons', body, admin, 'setup');
  if (res.status !== 201) throw new Error(`campaign create answered ${res.status}: ${res.body}`);
  return res.json().couponId;
}

function memberEmail(kind, i) {
  return DEF.setup.memberEmailPattern.replace('{pool}', `${POOL}-${kind}`).replace('{i}', String(i));
}

/** Signs the pool up (409 EMAIL_ALREADY_REGISTERED means an earlier run did) and logs every member in, in batches. */
function memberPool(kind, count) {
  const pool = [];
  const width = DEF.setup.setupParallelism;
  for (let from = 0; from < count; from += width) {
    const ids = [];
    for (let i = from; i < Math.min(count, from + width); i++) ids.push(i);
    const request = (path, body) => ({ method: 'POST', url: `${BASE_URL}${path}`, body: JSON.stringify(body), params: { headers: JSON_HEADERS, timeout: '60s' } });
    const signups = http.batch(ids.map((i) => request('/api/auth/signup', { email: memberEmail(kind, i), password: DEF.setup.memberPassword, name: `Load ${i}` })));
    const logins = http.batch(ids.map((i) => request('/api/auth/login', { email: memberEmail(kind, i), password: DEF.setup.memberPassword })));
    ids.forEach((i, k) => {
      if (signups[k].status !== 201 && signups[k].status !== 409) throw new Error(`signup ${i} answered ${signups[k].status}: ${signups[k].body}`);
      if (logins[k].status !== 200) throw new Error(`login ${i} answered ${logins[k].status}: ${logins[k].body}`);
      const memberId = signups[k].status === 201 ? signups[k].json().memberId : null;
      pool.push({ token: logins[k].json().accessToken, memberId });
    });
  }
  return pool;
}

let creditVia = null; // 'admin' once the admin credit answered, 'self' after it answered 404 (not deployed yet)

/** Wallet money through the admin credit (COMMON interface 2), or the member self-charge where that is not there. */
export function credit(admin, member, memberId, amount) {
  if (creditVia !== 'self' && memberId) {
    const res = call('POST', `/api/admin/members/${memberId}/wallet/credit`, { amount }, admin, 'credit');
    if (res.status === 200) {
      creditVia = 'admin';
      return res;
    }
    if (res.status !== 404 || codeOf(res) === 'MEMBER_NOT_FOUND') return res;
    creditVia = 'self';
  }
  return call('POST', '/api/members/me/wallet/charge', { amount }, member, 'credit');
}

function setRateLimits(admin) {
  const res = call('PUT', '/api/admin/rate-limits', { limits: DEF.setup.rateLimits }, admin, 'setup');
  if (res.status !== 200) throw new Error(`PUT /api/admin/rate-limits answered ${res.status}: ${res.body}`);
}

export function setup() {
  const admin = adminLogin();
  setRateLimits(admin);
  const data = { admin, startedAt: Date.now(), run: `${Date.now()}` };
  if (SPEC.campaign) data.couponId = createCampaign(admin, SPEC.campaign.totalQuantity);
  const members = Math.max(0, Math.round((SPEC.members || 0) * Math.min(1, RATE_SCALE)));
  data.members = memberPool('m', members).map((m) => m.token);
  const abusers = SPEC.populations.find((p) => p.flow === 'coupon-abuser');
  if (abusers) data.abusers = memberPool('a', abusers.clients).map((m) => m.token);
  if (SPEC.flow === 'mixed' || SPEC.populations.some((p) => p.flow === 'mixed')) {
    const first = json(call('GET', `/api/products?page=0&size=${SPEC.mix.pageSize}`, null, null, 'products'));
    if (!first || !first.content || first.content.length === 0) throw new Error('no products in the catalogue');
  }
  console.log(`setup: scenario=${SCENARIO} base=${BASE_URL} coupon=${data.couponId} members=${data.members.length} scale(duration=${DURATION_SCALE}, rate=${RATE_SCALE})`);
  return data;
}

export function teardown(data) {
  for (const name of Object.keys(DEF.setup.rateLimits)) {
    call('DELETE', `/api/admin/rate-limits/${name}`, null, data.admin, 'setup');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// flows

function pick(list) {
  return list[exec.scenario.iterationInTest % list.length];
}

export function coupon(data) {
  const res = call('POST', `/api/coupons/${data.couponId}/issue`, null, pick(data.members), 'issue');
  record('issue', res, SPEC.expected);
}

export function abuser(data) {
  const res = call('POST', `/api/coupons/${data.couponId}/issue`, null, pick(data.abusers), 'issue');
  record('issue', res, SPEC.abuserExpected || SPEC.expected);
}

export function signup(data) {
  const email = `signup-${POOL}-${data.run}-${exec.scenario.iterationInTest}-${exec.vu.idInTest}@load.surge.test`;
  const res = call('POST', '/api/auth/signup', { email, password: DEF.setup.memberPassword, name: 'Signup Load' }, null, 'signup');
  record('signup', res, SPEC.expected);
}

export function mixed(data) {
  const mix = SPEC.mix;
  const email = `mixed-${POOL}-${data.run}-${exec.scenario.iterationInTest}-${exec.vu.idInTest}@load.surge.test`;
  const ok = ['ok'];
  const signed = call('POST', '/api/auth/signup', { email, password: DEF.setup.memberPassword, name: 'Mixed Load' }, null, 'signup');
  if (record('signup', signed, ok) !== 'ok') return;
  const memberId = json(signed).memberId;
  const logged = call('POST', '/api/auth/login', { email, password: DEF.setup.memberPassword }, null, 'login');
  if (record('login', logged, ok) !== 'ok') return;
  const token = json(logged).accessToken;
  record('issue', call('POST', `/api/coupons/${data.couponId}/issue`, null, token, 'issue'), SPEC.expected);
  const page = Math.floor(Math.random() * mix.productPages);
  const list = call('GET', `/api/products?page=${page}&size=${mix.pageSize}`, null, token, 'products');
  if (record('products', list, ok) !== 'ok') return;
  const products = (json(list) || {}).content || [];
  if (products.length === 0) return;
  const chosen = products[Math.floor(Math.random() * products.length)];
  const detail = call('GET', `/api/products/${chosen.productId}`, null, token, 'product');
  if (record('product', detail, ok) !== 'ok') return;
  if (Math.random() >= Number(__ENV.ORDER_PROBABILITY || mix.orderProbability)) return;
  const options = (json(detail) || {}).options || [];
  if (options.length === 0) return;
  if (record('credit', credit(data.admin, token, memberId, DEF.setup.walletCredit), ok) !== 'ok') return;
  order(token, options[Math.floor(Math.random() * options.length)].optionId, mix);
}

/** Order -> pay -> poll until PAID or PAYMENT_FAILED (bounded) -> poll the dispatch status (bounded). */
function order(token, optionId, mix) {
  const placedAt = Date.now();
  const placed = call('POST', '/api/orders', { items: [{ optionId, quantity: 1 }] }, token, 'order');
  if (record('order', placed, ['ok']) !== 'ok') return;
  ordersPlaced.add(1);
  const orderId = json(placed).orderId;
  if (record('pay', call('POST', `/api/orders/${orderId}/payment`, null, token, 'pay'), ['ok']) !== 'ok') {
    orderPaidRate.add(false);
    return;
  }
  let view = null;
  const payDeadline = placedAt + mix.orderPollTimeoutMs;
  while (Date.now() < payDeadline) {
    sleep(mix.orderPollIntervalMs / 1000);
    const polled = call('GET', `/api/orders/${orderId}`, null, token, 'poll');
    if (record('poll', polled, ['ok']) !== 'ok') continue;
    view = json(polled);
    if (view.status === 'PAID' || view.status === 'PAYMENT_FAILED') break;
  }
  if (!view || (view.status !== 'PAID' && view.status !== 'PAYMENT_FAILED')) {
    ordersUnfinished.add(1);
    orderPaidRate.add(false);
    return;
  }
  if (view.status === 'PAYMENT_FAILED') {
    ordersFailed.add(1);
    orderPaidRate.add(false);
    return;
  }
  ordersPaid.add(1);
  orderPaidRate.add(true);
  orderPaidMs.add(Date.now() - placedAt);
  const dispatchDeadline = Date.now() + mix.dispatchPollTimeoutMs;
  while (view.dispatchStatus !== 'SENT' && view.dispatchStatus !== 'FAILED' && Date.now() < dispatchDeadline) {
    sleep(mix.orderPollIntervalMs / 1000);
    const polled = call('GET', `/api/orders/${orderId}`, null, token, 'poll');
    if (record('poll', polled, ['ok']) === 'ok') view = json(polled);
  }
  if (view.dispatchStatus === 'SENT') dispatchSent.add(1);
  else if (view.dispatchStatus === 'FAILED') dispatchFailed.add(1);
  else dispatchPending.add(1);
}

// ---------------------------------------------------------------------------------------------------------------
// summary: JSON for the report generator, a short table on stdout

function metricValues(data, name) {
  return (data.metrics[name] && data.metrics[name].values) || {};
}

export function handleSummary(data) {
  const dur = metricValues(data, 'http_req_duration');
  const summary = {
    tool: 'k6',
    scenario: SCENARIO,
    baseUrl: BASE_URL,
    capacityRps: CAPACITY,
    durationScale: DURATION_SCALE,
    rateScale: RATE_SCALE,
    finishedAt: new Date().toISOString(),
    requests: metricValues(data, 'http_reqs').count || 0,
    throughputRps: metricValues(data, 'http_reqs').rate || 0,
    iterations: metricValues(data, 'iterations').count || 0,
    latencyMs: { p50: dur.med, p90: dur['p(90)'], p95: dur['p(95)'], p99: dur['p(99)'], max: dur.max, avg: dur.avg },
    checksRate: metricValues(data, 'checks').rate,
    outcomes: Object.fromEntries(CLASSES.map((c) => [c, metricValues(data, `outcome_${c}`).count || 0])),
    steps: Object.fromEntries(STEPS.filter((s) => data.metrics[`step_${s}_ms`]).map((s) => {
      const v = metricValues(data, `step_${s}_ms`);
      return [s, { p50: v.med, p95: v['p(95)'], p99: v['p(99)'], max: v.max }];
    })),
    orders: {
      placed: metricValues(data, 'orders_placed').count || 0,
      paid: metricValues(data, 'orders_paid').count || 0,
      paymentFailed: metricValues(data, 'orders_payment_failed').count || 0,
      unfinished: metricValues(data, 'orders_unfinished').count || 0,
      paidLatencyMs: (() => {
        const v = metricValues(data, 'order_paid_ms');
        return { p50: v.med, p95: v['p(95)'], p99: v['p(99)'], max: v.max };
      })(),
      dispatch: {
        sent: metricValues(data, 'dispatch_sent').count || 0,
        failed: metricValues(data, 'dispatch_failed').count || 0,
        pending: metricValues(data, 'dispatch_pending').count || 0,
      },
    },
    thresholds: Object.fromEntries(Object.entries(data.metrics).filter(([, m]) => m.thresholds)
      .flatMap(([name, m]) => Object.entries(m.thresholds).map(([expr, r]) => [`${name}: ${expr}`, r.ok]))),
  };
  const out = __ENV.SUMMARY || `k6-summary-${SCENARIO}.json`;
  const lines = [
    `\nSurge ${SCENARIO} against ${BASE_URL} (duration x${DURATION_SCALE}, rate x${RATE_SCALE})`,
    `  requests ${summary.requests}, ${summary.throughputRps.toFixed(1)}/s; p50 ${fmt(dur.med)} p95 ${fmt(dur['p(95)'])} p99 ${fmt(dur['p(99)'])} max ${fmt(dur.max)} ms; checks ${((summary.checksRate || 0) * 100).toFixed(2)} %`,
    `  outcomes ${CLASSES.map((c) => `${c}=${summary.outcomes[c]}`).join(' ')}`,
    `  orders placed=${summary.orders.placed} paid=${summary.orders.paid} failed=${summary.orders.paymentFailed} unfinished=${summary.orders.unfinished}`,
    ...Object.entries(summary.thresholds).map(([k, ok]) => `  ${ok ? 'PASS' : 'FAIL'} ${k}`),
    `  JSON: ${out}\n`,
  ];
  return { stdout: lines.join('\n'), [out]: JSON.stringify(summary, null, 2) };
}

function fmt(v) {
  return v === undefined ? '-' : v.toFixed(1);
}
