import request from 'supertest';
import { daysFromToday } from './support/dates';
import { GFE_PATIENT, goodFaithEstimateRequestBody } from './support/good-faith-estimate-factories';
import { createSandbox, type RunningApi, type Sandbox, startApi } from './support/test-stack';
import { expectValidationFailure } from './support/validation-failure';

const PATIENT = GFE_PATIENT;
const body = goodFaithEstimateRequestBody;

describe('Good Faith Estimates', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let billing: Record<string, string>;
  const http = () => request(api.url);
  const fieldsOf = (response: { body: unknown }): string[] =>
    (response.body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);

  beforeAll(async () => {
    sandbox = await createSandbox('gfe');
    api = await startApi(sandbox.env);
    const admin = { authorization: `Bearer ${sandbox.adminKey}` };
    const created = await http().post('/v1/api-keys').set(admin).send({ name: 'billing', role: 'billing' }).expect(201);
    billing = { authorization: `Bearer ${created.body.key as string}` };
  });

  afterAll(async () => {
    await api.process.stop();
  });

  it('issues an itemized estimate grouped by provider, with totals, the due date and the disclaimers', async () => {
    const response = await http().post('/v1/good-faith-estimates').set(billing).send(body()).expect(201);
    const current = response.body.current;
    expect(current).toMatchObject({
      version: 1,
      patient: PATIENT,
      diagnosisCodes: ['F10.20', 'F41.1'],
      scheduledDate: null,
      dueRule: 'requested without scheduling: within 3 business days',
      totalCents: 36 * 15_000 + 35_000 + 12 * 2_500,
    });
    expect(current.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(current.providers.map((p: { totalCents: number }) => p.totalCents)).toEqual([575_000, 30_000]);
    expect(current.providers[0].items[0].expectedChargeCents).toBe(540_000);
    expect(current.disclaimers.join(' ')).toContain('at least $400 more than this Good Faith Estimate');
    expect(current.disclaimers.join(' ')).toContain('within 120 calendar days');
    expect(response.body.versions).toEqual([{ version: 1, createdAt: expect.any(String), totalCents: 605_000 }]);
  });

  it('keeps the patient and diagnoses encrypted at rest and audits every read and write', async () => {
    const { body: created } = await http().post('/v1/good-faith-estimates').set(billing).send(body()).expect(201);
    const rows = JSON.stringify(await sandbox.query('SELECT * FROM good_faith_estimate_versions'));
    expect(rows).not.toContain('Quenneville');
    expect(rows).not.toContain('1988-07-23');
    expect(rows).not.toContain('F10.20');
    await http()
      .get(`/v1/good-faith-estimates/${created.id as string}`)
      .set(billing)
      .expect(200);
    const audit = await sandbox.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id',
      [created.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'good_faith_estimate.write_phi',
      'good_faith_estimate.read_phi',
      'good_faith_estimate.read_phi',
    ]);
  });

  it('keeps every version: a revision is version 2, version 1 stays listed', async () => {
    // Far enough ahead for the 10-business-day rule, whatever today is.
    const scheduledDate = daysFromToday(100);
    const { body: created } = await http().post('/v1/good-faith-estimates').set(billing).send(body()).expect(201);
    const revised = await http()
      .post(`/v1/good-faith-estimates/${created.id as string}/revisions`)
      .set(billing)
      .send(body({ scheduledDate }))
      .expect(201);
    expect(revised.body.current).toMatchObject({
      version: 2,
      scheduledDate,
      dueRule: 'scheduled 10 or more business days ahead: within 3 business days',
    });
    expect(revised.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    await http()
      .post('/v1/good-faith-estimates/00000000-0000-4000-8000-000000000000/revisions')
      .set(billing)
      .send(body())
      .expect(404);
  });

  it('renders a printable HTML document a patient can read, with PHI escaped', async () => {
    const { body: created } = await http()
      .post('/v1/good-faith-estimates')
      .set(billing)
      .send(body({ patient: { name: 'Ana <b>Bold</b>', dateOfBirth: '1990-01-01' } }))
      .expect(201);
    const document = await http()
      .get(`/v1/good-faith-estimates/${created.id as string}/document`)
      .set(billing)
      .expect(200);
    expect(document.headers['content-type']).toMatch(/^text\/html/);
    expect(document.text).toContain('Ana &lt;b&gt;Bold&lt;/b&gt;');
    expect(document.text).toContain('Total estimated charges: $6,050.00');
    expect(document.text).toContain('Harborview Recovery Center');
    expect(document.text).toContain('NPI 1234567893');
  });

  it.each([
    [{ providers: [{ ...(body().providers as object[])[0], npi: '1234567890' }] }, 'providers.0.npi'],
    [{ diagnosisCodes: ['not-a-code'] }, 'diagnosisCodes'],
    [{ diagnosisCodes: [] }, 'diagnosisCodes'],
    [{ patient: { name: 'X', dateOfBirth: '1988-02-30' } }, 'patient.dateOfBirth'],
    [{ scheduledDate: '18/03/2030' }, 'scheduledDate'],
    [{ scheduledDate: '9999-12-31' }, 'scheduledDate'],
    [{ scheduledDate: '2020-01-06' }, 'scheduledDate'],
    [{ primaryService: { description: 'IOP', serviceCode: 'iop' } }, 'primaryService.serviceCode'],
    [{ providers: [] }, 'providers'],
  ])('refuses %j with 400 naming %s', async (overrides, field) => {
    const response = await http().post('/v1/good-faith-estimates').set(billing).send(body(overrides)).expect(400);
    expect(fieldsOf(response)).toContain(field);
  });

  const [convening, labs] = body().providers as Record<string, unknown>[];

  it.each([
    ['an array for the patient', { patient: [] }, 'patient', 'patient must be an object'],
    [
      'an array for a provider',
      { providers: [convening, []] },
      'providers',
      'each element of providers must be an object',
    ],
    [
      'an array for an item',
      { providers: [convening, { ...labs, items: [[]] }] },
      'providers.1.items',
      'each element of items must be an object',
    ],
    [
      'null for the separately scheduled services',
      { separatelyScheduledServices: null },
      'separatelyScheduledServices',
      'separatelyScheduledServices must be an array',
    ],
  ])(
    'refuses %s with 400 naming the field (never a 500), first and in a revision',
    async (_case, overrides, field, message) => {
      const response = await http().post('/v1/good-faith-estimates').set(billing).send(body(overrides)).expect(400);
      expectValidationFailure(response.body, field, message);
      const issued = await http().post('/v1/good-faith-estimates').set(billing).send(body()).expect(201);
      const revision = await http()
        .post(`/v1/good-faith-estimates/${issued.body.id as string}/revisions`)
        .set(billing)
        .send(body(overrides))
        .expect(400);
      expectValidationFailure(revision.body, field, message);
    },
  );
});
