import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { readDemoCatalog } from '../../libs/catalog/src/demo-catalog';
import { planBody, payerBody, validRates } from '../support/catalog-factories';
import { eventually } from '../support/eventually';
import { preauthRequestBody, REQUESTED_START } from '../support/preauth-factories';
import type { ServiceUnderTest } from '../support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from '../support/test-stack';
import {
  formatPath,
  type OneFieldMutation,
  oneFieldMutationArbitrary,
  oneFieldMutations,
  withField,
} from './support/one-field-mutations';
import { type Answer, call, isStandardErrorBody, preauthBody } from './support/preauth-drill';
import { recordDrill } from './support/results';
import {
  apiKeyBody,
  cancelBody,
  decisionBody,
  episodeEstimateBody,
  extensionBody,
  goodFaithEstimateBody,
  goodFaithEstimateRevisionBody,
  insuredEstimateBody,
  levelsEstimateBody,
  payerCallbackBody,
  povertyGuidelinesBody,
  selfPayEstimateBody,
  slidingScalePolicyBody,
  smallCatalogDocument,
  utilizationBody,
  utilizationReversalBody,
  webhookSubscriptionBody,
  webhookSubscriptionUpdateBody,
} from './support/valid-bodies';

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

/**
 * Bodies: arbitrary JSON, valid bodies with one field (nested ones too) broken, prototype pollution, deep
 * nesting, bad JSON.
 */
function bodyArbitrary(validBodies: Record<string, unknown>[]): fc.Arbitrary<string | undefined> {
  const mutated = oneFieldMutationArbitrary(validBodies, jsonish).map((body) => JSON.stringify(body));
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

const ORIGIN = 'https://intake.clinic.example';
/** Webhook subscribers here are allow-listed (OUTBOUND_ALLOWED_HOSTS below); nothing listens on port 9. */
const SUBSCRIBER_URL = 'http://127.0.0.1:9/fuzz';
const CALLBACK_SECRET = `whsec_${Buffer.from('fuzz-drill-callback-secret'.padEnd(32, '.')).toString('base64')}`;
/**
 * Path and query values that have broken the edge before, already percent-encoded as they go on the wire:
 * NUL (PostgreSQL refuses it), bytes that do not decode (`%FF`, a lone surrogate's UTF-8), an over-long value,
 * traversal and injection text, an emoji, blanks and numbers out of range.
 */
const HOSTILE_URL_VALUES = [
  '%00',
  'a%00b',
  '%FF',
  '%ED%A0%80',
  'a'.repeat(5_000),
  '..%2F..%2Fetc%2Fpasswd',
  '%27%20OR%201%3D1%20--',
  '%F0%9F%98%80',
  '%20',
  '',
  '-1',
  '1e999',
];
/** Query names every route is tried with on top of its documented ones. */
const EXTRA_QUERY_NAMES = ['payer', 'q'];

/** Requests in flight at once in the one-field sweep. */
const SWEEP_CONCURRENCY = 8;

/** POST routes that read no JSON body: the random cases cover them. */
const NO_BODY_ROUTES = new Set([
  'POST /v1/preauths/:id/retry',
  'POST /v1/webhook-subscriptions/:id/rotate-secret',
  'POST /v1/webhook-subscriptions/:id/deliveries/:deliveryId/replay',
  'POST /v1/system/queue-probe',
]);

type Json = Record<string, unknown>;

/** A route that takes a JSON body, and how to make a valid request to it. */
interface BodyRoute {
  /** `POST /v1/preauths/:id/decision`, as /v1/system/routes lists it. */
  route: string;
  /** Which valid body, when a route gets several. */
  variant?: string;
  /** The key to call with; null for the public payer callback (its signature authenticates it). */
  role: Role | null;
  /** A fresh valid body for case `i`: factories make codes, names and member ids unique per call. */
  body: (i: number) => Json;
  params?: (i: number) => Record<string, string>;
  /** Every case gets a pre-auth of its own in this state (as `:id`), since the call moves it on. */
  preauth?: 'submitted' | 'approved';
  /** The case's (approved) pre-auth gets a utilization entry of its own, passed as `:entryId`. */
  utilizationEntry?: boolean;
  query?: string;
  /** Extra headers, given the exact body sent (to sign it). */
  headers?: (raw: string) => Record<string, string>;
  /** Rates, policy, guidelines and the whole catalog change what estimates see: these run last. */
  catalogWide?: boolean;
}

interface SweepCase {
  spec: BodyRoute;
  index: number;
  /** null: the valid body itself, which must be accepted (else the route's mutations prove little). */
  mutation: OneFieldMutation | null;
  preauthId?: string;
  entryId?: string;
}

const sweepLabel = ({ spec, mutation }: SweepCase): string =>
  `${spec.route}${spec.query ?? ''}${spec.variant === undefined ? '' : ` [${spec.variant}]`} ` +
  (mutation === null ? 'valid body' : `${formatPath(mutation.path)} ${mutation.kind}`);

/** Runs `work` over `items`, `concurrency` at a time, in order of the list. */
async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next;
        next += 1;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

describe('Drill: fuzz every endpoint with generated bodies, headers, path parameters and query strings', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest;
  const keys = {} as Record<Role, string>;
  let routes: Route[] = [];
  let ids: string[] = [];
  let validBodies: Record<string, unknown>[] = [];
  /** Both tests add to the drill's one row of the summary table, written in afterAll whatever they found. */
  const tally = { random: 0, sweep: 0, urls: 0, fieldPaths: 0, bodies: 0, serverErrors: 0 };

  beforeAll(async () => {
    sandbox = await createSandbox('drill_fuzz', {
      ADMISSIONS_RATE_LIMIT_PER_KEY: '1000000',
      ADMISSIONS_RATE_LIMIT_PER_ADDRESS: '1000000',
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
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
        allowedOrigins: [ORIGIN],
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
        serviceStartDate: REQUESTED_START,
      },
      payerBody(),
      planBody(payer.id as string),
      { name: 'k', role: 'billing' },
    ];
    const listed = await call(`${api.url}/v1/system/routes`, { headers: { authorization: `Bearer ${keys.admin}` } });
    routes = (listed.body.data as Route[]).filter((r) => r.method !== 'OPTIONS');
  }, 90_000);

  afterAll(async () => {
    if (tally.random + tally.sweep + tally.urls > 0) {
      recordDrill({
        drill: 'fuzz every endpoint',
        requests: tally.random + tally.sweep + tally.urls,
        lost: 0,
        duplicated: 0,
        serverErrors: tally.serverErrors,
        recoveryMs: null,
        notes: `${tally.random} random, ${tally.urls} hostile path/query values, ${tally.sweep} one-field mutations of ${tally.bodies} valid bodies (${tally.fieldPaths} field paths)`,
      });
    }
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

  /** Why the API answered 500, by request id: the error and where it was thrown, from its `request failed` lines. */
  const internalErrorsById = (): Map<string, string> => {
    const causes = new Map<string, string>();
    for (const line of api.process.text.split('\n')) {
      if (!line.includes('"code":"internal_error"')) continue;
      try {
        const entry = JSON.parse(line) as { requestId?: string; err?: { message?: string; stack?: string } };
        const thrownAt = /\n\s+at (.*)/.exec(entry.err?.stack ?? '')?.[1]?.replace(/\/\S*\/dist\//, 'dist/');
        causes.set(
          entry.requestId ?? '',
          `${entry.err?.message ?? '?'}${thrownAt === undefined ? '' : ` at ${thrownAt}`}`,
        );
      } catch {
        // Not one JSON line: nothing to match it by.
      }
    }
    return causes;
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
    tally.random += cases.length;
    tally.serverErrors += serverErrors;
    if (failures.length > 0) throw new Error(`seed ${SEED}: ${failures.length} failures:\n${failures.join('\n')}`);
  }, 180_000);

  /**
   * Every route (from the server's own inventory) × every path parameter and every documented query
   * parameter (from the served OpenAPI document, plus a few undocumented names) × each hostile value, sent
   * as admin with an empty JSON body where the route reads one. Nothing may answer 5xx or leave the
   * standard error body.
   */
  it('answers hostile path parameters and query values on every route below 500 and with the standard error body', async () => {
    const document = await call(`${api.url}/docs-json`);
    const paths = document.body.paths as Record<
      string,
      Record<string, { parameters?: { in: string; name: string }[] }>
    >;
    const queryNames = (route: Route): string[] => {
      const operation = paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const documented = (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      return [...new Set([...documented, ...EXTRA_QUERY_NAMES])];
    };
    const urls = routes
      .filter((route) => !route.url.includes('*'))
      .flatMap((route) => {
        const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? '');
        const withParams = (hostile: string | null, value: string) =>
          route.url.replace(/:([A-Za-z]+)/g, (_, name: string) =>
            name === hostile ? value : encodeURIComponent(ids[0] ?? 'x'),
          );
        return HOSTILE_URL_VALUES.flatMap((value) => [
          ...params.map((name) => ({ route, url: withParams(name, value) })),
          ...queryNames(route).map((name) => ({ route, url: `${withParams(null, value)}?${name}=${value}` })),
        ]);
      });
    const failures: string[] = [];
    let serverErrors = 0;
    await inParallel(urls, SWEEP_CONCURRENCY, async ({ route, url }) => {
      const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
      const answer = await call(
        `${api.url}${url}`,
        {
          method: route.method,
          headers: {
            authorization: `Bearer ${keys.admin}`,
            ...(hasBody ? { 'content-type': 'application/json' } : {}),
          },
          body: hasBody ? '{}' : undefined,
        },
        20_000,
      );
      const label = `${route.method} ${url.slice(0, 200)} → ${answer.status}`;
      if (answer.status === 0 || answer.status >= 500) {
        serverErrors += 1;
        failures.push(`${label} ${JSON.stringify(answer.body).slice(0, 300)}`);
      } else if (answer.status >= 400 && !isStandardErrorBody(answer)) {
        failures.push(`${label}: not the standard error body: ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
    });
    tally.urls += urls.length;
    tally.serverErrors += serverErrors;
    if (failures.length > 0)
      throw new Error(`${failures.length} of ${urls.length} URLs failed:\n${failures.join('\n')}`);
  }, 180_000);

  /**
   * Every POST/PUT/PATCH body, valid but for one field: each field path of a real valid body (walked, so
   * nested fields and array elements are included) × each mutation kind of one-field-mutations.ts, sent once
   * (deterministic, no seed). A failure names the route, the field, the mutation and the API's own error.
   */
  it('answers every valid body with one field removed or broken, nested ones too, below 500 and with the standard error body', async () => {
    const billing = { authorization: `Bearer ${keys.billing}` };
    const request = async (
      method: string,
      path: string,
      body: unknown,
      expected: number,
      headers: Record<string, string> = { authorization: `Bearer ${keys.admin}` },
    ): Promise<Json> => {
      const answer = await call(`${api.url}${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (answer.status !== expected) {
        throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
      }
      return answer.body;
    };

    // Fixtures of its own: the random cases above may have changed the first test's payer and plan.
    await request('PUT', '/v1/catalog', readDemoCatalog(), 200);
    const demoPlans = (await request('GET', '/v1/plans', undefined, 200)).data as { id: string; name: string }[];
    const demoPlanId = demoPlans.find((p) => p.name === 'BluePeak Choice PPO 1500')?.id ?? '';
    const intakePayer = await request(
      'POST',
      '/v1/payers',
      payerBody({ connectionType: 'manual', webhookSecrets: [CALLBACK_SECRET] }),
      201,
    );
    const intakePayerId = intakePayer.id as string;
    const intakePlan = await request('POST', '/v1/plans', planBody(intakePayerId), 201);
    const intakePlanId = intakePlan.id as string;
    const patchPayerId = (await request('POST', '/v1/payers', payerBody({ connectionType: 'manual' }), 201))
      .id as string;
    const patchPlanId = (await request('POST', '/v1/plans', planBody(intakePayerId), 201)).id as string;
    const goodFaithEstimateId = (
      await request('POST', '/v1/good-faith-estimates', goodFaithEstimateBody(), 201, billing)
    ).id as string;
    const subscription = await request(
      'POST',
      '/v1/webhook-subscriptions',
      webhookSubscriptionBody(SUBSCRIBER_URL),
      201,
    );
    const subscriptionId = (subscription.subscription as Json).id as string;
    const submit = async (): Promise<Json> =>
      request('POST', '/v1/preauths', preauthBody(intakePlanId), 202, { ...billing, 'idempotency-key': randomUUID() });
    const callbackTrace = (await submit()).traceNumber as string;

    const fullPayerBody = (): Json =>
      payerBody({
        connectionType: 'x12',
        endpointUrl: 'https://payer.example/x12/278',
        decisionTimeOverrides: { expeditedHours: 48, standardDays: 5 },
        webhookSecrets: [CALLBACK_SECRET],
        active: true,
      });
    const signed = (raw: string): Record<string, string> => {
      const id = `msg_${randomUUID()}`;
      const at = new Date();
      return {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(CALLBACK_SECRET).sign(id, at, raw),
      };
    };

    const specs: BodyRoute[] = [
      {
        route: 'POST /v1/preauths',
        role: 'billing',
        body: () => preauthRequestBody(intakePlanId, { placeOfService: '11' }),
        headers: () => ({ 'idempotency-key': randomUUID() }),
      },
      { route: 'POST /v1/preauths/:id/decision', role: 'billing', body: decisionBody, preauth: 'submitted' },
      { route: 'POST /v1/preauths/:id/cancel', role: 'billing', body: cancelBody, preauth: 'submitted' },
      { route: 'POST /v1/preauths/:id/utilization', role: 'billing', body: utilizationBody, preauth: 'approved' },
      {
        route: 'POST /v1/preauths/:id/utilization/:entryId/reversal',
        role: 'billing',
        body: utilizationReversalBody,
        preauth: 'approved',
        utilizationEntry: true,
      },
      { route: 'POST /v1/preauths/:id/extensions', role: 'billing', body: extensionBody, preauth: 'approved' },
      {
        route: 'POST /v1/webhooks/payers/:payerCode',
        role: null,
        body: () => payerCallbackBody(callbackTrace),
        params: () => ({ payerCode: intakePayer.code as string }),
        headers: signed,
      },
      {
        route: 'POST /v1/estimates',
        variant: 'insured, saved',
        query: '?save=true',
        role: 'billing',
        body: () => insuredEstimateBody(demoPlanId),
      },
      { route: 'POST /v1/estimates', variant: 'self-pay', role: 'admissions', body: selfPayEstimateBody },
      { route: 'POST /v1/estimates/levels', role: 'admissions', body: () => levelsEstimateBody(demoPlanId) },
      { route: 'POST /v1/estimates/episode', role: 'billing', body: () => episodeEstimateBody(demoPlanId) },
      { route: 'POST /v1/good-faith-estimates', role: 'billing', body: goodFaithEstimateBody },
      {
        route: 'POST /v1/good-faith-estimates/:id/revisions',
        role: 'billing',
        body: goodFaithEstimateRevisionBody,
        params: () => ({ id: goodFaithEstimateId }),
      },
      { route: 'POST /v1/api-keys', role: 'admin', body: () => apiKeyBody(ORIGIN) },
      { route: 'POST /v1/webhook-subscriptions', role: 'admin', body: () => webhookSubscriptionBody(SUBSCRIBER_URL) },
      {
        route: 'PATCH /v1/webhook-subscriptions/:id',
        role: 'admin',
        body: () => webhookSubscriptionUpdateBody(SUBSCRIBER_URL),
        params: () => ({ id: subscriptionId }),
      },
      { route: 'POST /v1/payers', role: 'admin', body: fullPayerBody },
      { route: 'PATCH /v1/payers/:id', role: 'admin', body: fullPayerBody, params: () => ({ id: patchPayerId }) },
      {
        route: 'PUT /v1/payers/:id/contracted-rates',
        role: 'admin',
        body: () => ({
          rates: [
            { levelOfCare: 'iop', allowedCentsPerUnit: 31_000 },
            { plan: intakePlan.name, levelOfCare: 'php', allowedCentsPerUnit: 29_000 },
          ],
        }),
        params: () => ({ id: intakePayerId }),
      },
      { route: 'POST /v1/plans', role: 'admin', body: () => planBody(intakePayerId) },
      {
        route: 'PATCH /v1/plans/:id',
        role: 'admin',
        body: () => {
          const { payerId: _payerId, ...content } = planBody(intakePayerId);
          return content;
        },
        params: () => ({ id: patchPlanId }),
      },
      { route: 'PUT /v1/rates', role: 'admin', body: () => validRates(), catalogWide: true },
      { route: 'POST /v1/sliding-scale-policy', role: 'admin', body: slidingScalePolicyBody, catalogWide: true },
      {
        route: 'POST /v1/poverty-guidelines',
        role: 'admin',
        // A year of its own per case while they last (2030–2099); later ones may meet a 409, which is fine.
        body: (i) => povertyGuidelinesBody(2030 + (i % 70)),
        catalogWide: true,
      },
      {
        route: 'PUT /v1/catalog',
        role: 'admin',
        body: () => smallCatalogDocument() as unknown as Json,
        catalogWide: true,
      },
    ];

    const failures: string[] = [];
    // Every route that takes a JSON body has a valid body here, and every one here exists.
    const listed = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const specified = new Set(specs.map((s) => s.route));
    for (const route of listed) {
      if (/^(POST|PUT|PATCH) /.test(route) && !specified.has(route) && !NO_BODY_ROUTES.has(route)) {
        failures.push(`${route}: takes a body but the one-field sweep has no valid body for it`);
      }
    }
    for (const route of specified) {
      if (!listed.has(route)) failures.push(`${route}: not among the server's routes`);
    }

    const cases: SweepCase[] = specs.flatMap((spec) => {
      const mutations = oneFieldMutations(spec.body(0));
      tally.bodies += 1;
      tally.fieldPaths += new Set(mutations.map((m) => formatPath(m.path))).size;
      return [null, ...mutations].map((mutation, index) => ({ spec, index, mutation }));
    });

    // A pre-auth of its own for every case that decides, cancels, uses or extends one.
    const submittedPreauths = async (count: number): Promise<string[]> => {
      const created = await inParallel(Array.from({ length: count }), SWEEP_CONCURRENCY, async () =>
        String((await submit()).id),
      );
      await eventually(
        async () => {
          const [row] = await sandbox.query<{ n: string }>(
            `SELECT count(*) AS n FROM preauth_requests WHERE id = ANY($1::uuid[]) AND status = 'submitted'`,
            [created],
          );
          if (Number(row?.n) < created.length) throw new Error(`${row?.n} of ${created.length} pre-auths submitted`);
        },
        30_000,
        100,
      );
      return created;
    };
    const needing = (state: 'submitted' | 'approved') => cases.filter((c) => c.spec.preauth === state);
    const [forSubmitted, forApproved] = [needing('submitted'), needing('approved')];
    const pool = await submittedPreauths(forSubmitted.length + forApproved.length);
    await inParallel(pool.slice(forSubmitted.length), SWEEP_CONCURRENCY, (id) =>
      request('POST', `/v1/preauths/${id}/decision`, decisionBody(), 200, billing),
    );
    [...forSubmitted, ...forApproved].forEach((c, i) => {
      c.preauthId = pool[i];
    });
    const withEntry = cases.filter((c) => c.spec.utilizationEntry === true && c.preauthId !== undefined);
    await inParallel(withEntry, SWEEP_CONCURRENCY, async (c) => {
      await request('POST', `/v1/preauths/${c.preauthId}/utilization`, utilizationBody(), 200, billing);
      const detail = (await request('GET', `/v1/preauths/${c.preauthId}`, undefined, 200, billing)) as {
        utilization: { id: string }[];
      };
      c.entryId = detail.utilization[0]?.id;
    });

    const sendCase = (c: SweepCase, requestId: string): Promise<Answer> => {
      const valid = c.spec.body(c.index);
      const raw = JSON.stringify(c.mutation === null ? valid : withField(valid, c.mutation.path, c.mutation.value));
      const params: Record<string, string> = { ...c.spec.params?.(c.index) };
      if (c.preauthId !== undefined) params.id = c.preauthId;
      if (c.entryId !== undefined) params.entryId = c.entryId;
      const [method = 'POST', pattern = ''] = c.spec.route.split(' ');
      const path = pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? 'none'));
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...c.spec.headers?.(raw),
      };
      if (c.spec.role !== null) headers.authorization = `Bearer ${keys[c.spec.role]}`;
      if (c.spec.role === 'admissions') headers.origin = ORIGIN;
      return call(`${api.url}${path}${c.spec.query ?? ''}`, { method, headers, body: raw }, 20_000);
    };
    let serverErrors = 0;
    /** 5xx answers by request id, explained from the API's log once the sweep is over. */
    const serverErrorCases = new Map<string, string>();
    const check = async (c: SweepCase): Promise<void> => {
      const requestId = `fuzz-${randomUUID()}`;
      const answer = await sendCase(c, requestId);
      const label = `${sweepLabel(c)} → ${answer.status}`;
      const shown = JSON.stringify(answer.body).slice(0, 300);
      if (answer.status === 0 || answer.status >= 500) {
        serverErrors += 1;
        serverErrorCases.set(requestId, answer.body.code === 'internal_error' ? label : `${label} ${shown}`);
      } else if (c.mutation === null && answer.status >= 300) {
        failures.push(`${label}: the valid body was refused, so its mutations prove little: ${shown}`);
      } else if (answer.status >= 400 && !isStandardErrorBody(answer)) {
        failures.push(`${label}: not the standard error body: ${shown}`);
      }
    };

    const started = Date.now();
    try {
      await inParallel(
        cases.filter((c) => c.spec.catalogWide !== true),
        SWEEP_CONCURRENCY,
        check,
      );
      // Catalog-wide writes last, route by route: each replaces what every estimate above relied on.
      for (const spec of specs.filter((s) => s.catalogWide === true)) {
        await inParallel(
          cases.filter((c) => c.spec === spec),
          SWEEP_CONCURRENCY,
          check,
        );
      }
    } finally {
      tally.sweep += cases.length;
      tally.serverErrors += serverErrors;
    }
    const elapsed = Date.now() - started;
    for (const [name, child] of [
      ['API', api.process.child],
      ['worker', worker.child],
    ] as const) {
      if (child.exitCode !== null || child.signalCode !== null) failures.push(`the ${name} exited during the sweep`);
    }
    const causes = internalErrorsById();
    for (const [requestId, label] of serverErrorCases) {
      failures.push(`${label}: ${causes.get(requestId) ?? '(no internal error logged)'}`);
    }
    if (failures.length > 0) {
      throw new Error(
        `${failures.length} of ${cases.length} one-field cases failed (${elapsed} ms):\n${failures.join('\n')}`,
      );
    }
  }, 180_000);
});
