import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { planBody, payerBody } from '../support/catalog-factories';
import type { ServiceUnderTest } from '../support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from '../support/test-stack';
import { type Answer, call, isStandardErrorBody, preauthBody } from './support/preauth-drill';
import { recordDrill } from './support/results';

type Role = 'admin' | 'billing' | 'admissions';
const ROLES: Role[] = ['admin', 'billing', 'admissions'];
const SEED = Number(process.env.DRILL_SEED ?? 20_261_123);
/** Random cases on top of one case per route and role. */
const EXTRA_CASES = 150;

interface Route {
  method: string;
  url: string;
}

interface FuzzCase {
  role: Role;
  /** Index into the route list (mod its length), so one arbitrary serves any route list. */
  route: number;
  param: string | null;
  query: [string, string][];
  headers: Record<string, string>;
  body: string | undefined;
}

/** Values that have broken JSON APIs before: wrong types, extremes, prototype keys, deep nesting. */
const nasty = fc.constantFrom<unknown>(
  null,
  '',
  ' ',
  'null',
  -1,
  0,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER * 1000,
  0.1,
  true,
  [],
  {},
  'x'.repeat(5_000),
  '2026-02-30',
  '9999-99-99',
  '../../etc/passwd',
  "' OR 1=1 --",
  '\u0000',
  '😀',
  { $gt: '' },
);

const jsonish = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 6 }) },
);

/** Bodies: arbitrary JSON, valid bodies with one field broken, prototype pollution, deep nesting, bad JSON. */
function bodyArbitrary(validBodies: Record<string, unknown>[]): fc.Arbitrary<string | undefined> {
  const mutated = fc.tuple(fc.constantFrom(...validBodies), fc.nat(), jsonish).map(([valid, pick, value]) => {
    const keys = Object.keys(valid);
    return JSON.stringify({ ...valid, [keys[pick % keys.length] ?? 'x']: value });
  });
  const raw = fc.constantFrom(
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '{"a":{"__proto__":{"polluted":1}}}',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
    '{"unterminated": ',
    '{"a":1}{"b":2}',
    '\u0000\u0001',
    'not json at all',
    '[1e999999]',
    `{"n":${'9'.repeat(400)}}`,
  );
  return fc.oneof(
    fc.constant(undefined),
    jsonish.map((value) => JSON.stringify(value)),
    mutated,
    raw,
  );
}

const headerText = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.:/ =;,~!'.split('')), maxLength: 300 });

function caseArbitrary(routes: Route[], validBodies: Record<string, unknown>[], ids: string[]): fc.Arbitrary<FuzzCase> {
  return fc.record({
    role: fc.constantFrom(...ROLES),
    route: fc.nat({ max: routes.length - 1 }),
    param: fc.oneof(fc.constantFrom(...ids), fc.uuid(), headerText, fc.constant(null)),
    query: fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('limit', 'cursor', 'status', 'from', 'to', 'includeRevoked', 'save', 'payer', 'overdue'),
          fc.string({ maxLength: 10 }),
        ),
        fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), fc.constantFrom('-1', '1e9', 'true', '')),
      ),
      { maxLength: 4 },
    ),
    headers: fc.record(
      {
        'content-type': fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'application/json; charset=latin1',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/edi-x12',
          'application/xml',
          '',
        ),
        'idempotency-key': fc.oneof(fc.uuid(), headerText),
        authorization: fc.constantFrom('Bearer ', 'Bearer cnt_admin_not-a-key', 'Basic YWRtaW46YWRtaW4=', 'bearer'),
        'x-request-id': headerText,
        origin: fc.constantFrom('https://intake.clinic.example', 'null', 'https://evil.example'),
      },
      { requiredKeys: ['content-type'] },
    ),
    body: bodyArbitrary(validBodies),
  });
}

describe('Drill: fuzz every endpoint with generated bodies, headers and query strings', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest;
  const keys = {} as Record<Role, string>;
  let routes: Route[] = [];
  let ids: string[] = [];
  let validBodies: Record<string, unknown>[] = [];

  beforeAll(async () => {
    sandbox = await createSandbox('drill_fuzz', {
      ADMISSIONS_RATE_LIMIT_PER_KEY: '1000000',
      ADMISSIONS_RATE_LIMIT_PER_ADDRESS: '1000000',
    });
    api = await startApi(sandbox.env);
    // The queue probe needs a worker to answer; without one it is a documented 504.
    worker = await startWorker(sandbox.env);
    keys.admin = sandbox.adminKey;
    const post = async (path: string, body: unknown) => {
      const answer = await call(`${api.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}`);
      return answer.body;
    };
    keys.billing = (await post('/v1/api-keys', { name: 'fuzz billing', role: 'billing' })).key as string;
    keys.admissions = (
      await post('/v1/api-keys', {
        name: 'fuzz intake',
        role: 'admissions',
        allowedOrigins: ['https://intake.clinic.example'],
      })
    ).key as string;
    const payer = await post('/v1/payers', payerBody({ connectionType: 'manual' }));
    const plan = await post('/v1/plans', planBody(payer.id as string));
    ids = [payer.id as string, payer.code as string, plan.id as string, 'estimator.js', randomUUID()];
    validBodies = [
      preauthBody(plan.id as string),
      {
        levelOfCare: 'iop',
        coverage: { type: 'insured', planId: plan.id, network: 'in' },
        schedule: { daysPerWeek: 3, weeks: 12 },
        serviceStartDate: '2026-12-01',
      },
      payerBody(),
      planBody(payer.id as string),
      { name: 'k', role: 'billing' },
    ];
    const listed = await call(`${api.url}/v1/system/routes`, { headers: { authorization: `Bearer ${keys.admin}` } });
    routes = (listed.body.data as Route[]).filter((r) => r.method !== 'OPTIONS');
  }, 90_000);

  afterAll(async () => {
    await Promise.all([
      api?.process.stop('SIGTERM', 20_000).catch(() => api.process.stop('SIGKILL')),
      worker?.stop('SIGTERM', 20_000).catch(() => worker.stop('SIGKILL')),
    ]);
  }, 60_000);

  const send = (route: Route, fuzz: FuzzCase): Promise<Answer> => {
    const path = route.url
      .replace(/:[A-Za-z]+/g, () => encodeURIComponent(fuzz.param ?? ids[0] ?? 'x'))
      .replace('*', 'x');
    const query = new URLSearchParams(fuzz.query).toString();
    // Most cases use the role's real key; some a bogus Authorization header from the generator.
    const authorization =
      fuzz.headers.authorization !== undefined && fuzz.query.length % 2 === 1
        ? fuzz.headers.authorization
        : `Bearer ${keys[fuzz.role]}`;
    const headers: Record<string, string> = { ...fuzz.headers, authorization };
    if (headers['content-type'] === '') delete headers['content-type'];
    const hasBody = !['GET', 'HEAD'].includes(route.method) && fuzz.body !== undefined;
    return call(
      `${api.url}${path}${query === '' ? '' : `?${query}`}`,
      { method: route.method, headers, body: hasBody ? fuzz.body : undefined },
      20_000,
    );
  };

  it(`never answers 5xx and always uses the standard error body (seed ${SEED})`, async () => {
    const arbitrary = caseArbitrary(routes, validBodies, ids);
    // One case for every route and role, then random ones; all from the seed, so a failure replays exactly.
    const sweep = fc
      .sample(arbitrary, { seed: SEED, numRuns: routes.length * ROLES.length })
      .map((fuzz, i) => ({ ...fuzz, route: Math.floor(i / ROLES.length), role: ROLES[i % ROLES.length] }));
    const cases = [...sweep, ...fc.sample(arbitrary, { seed: SEED + 1, numRuns: EXTRA_CASES })];
    const failures: string[] = [];
    let serverErrors = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < cases.length) {
          const fuzz = cases[next];
          next += 1;
          const route = routes[fuzz.route % routes.length];
          const answer = await send(route, fuzz);
          const label = `${route.method} ${route.url} as ${fuzz.role} → ${answer.status}`;
          if (answer.status === 0 || answer.status >= 500) {
            serverErrors += 1;
            failures.push(`${label} ${JSON.stringify(answer.body)} case ${JSON.stringify(fuzz).slice(0, 600)}`);
          } else if (answer.status >= 400 && !isStandardErrorBody(answer)) {
            failures.push(`${label}: not the standard error body: ${JSON.stringify(answer.body).slice(0, 300)}`);
          }
        }
      }),
    );
    recordDrill({
      drill: 'fuzz every endpoint',
      requests: cases.length,
      lost: 0,
      duplicated: 0,
      serverErrors,
      recoveryMs: null,
    });
    if (failures.length > 0) throw new Error(`seed ${SEED}: ${failures.length} failures:\n${failures.join('\n')}`);
  }, 180_000);
});
