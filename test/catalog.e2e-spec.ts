import request from 'supertest';
import { readDemoCatalog } from '../libs/catalog/src/demo-catalog';
import { benefitsFor, payerBody, planBody, validRates } from './support/catalog-factories';
import { eventually } from './support/eventually';
import { ServiceUnderTest } from './support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi } from './support/test-stack';
import { expectValidationFailure } from './support/validation-failure';

const ORIGIN = 'https://intake.clinic.example';
const OUT_REQUIRED = 'out is required: the out-of-network tier, or null for a plan without out-of-network benefits';

describe('Catalog', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let billing: string;
  let admissions: string;

  const http = () => request(api.url);
  const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });
  const as = (key: string) => ({ authorization: `Bearer ${key}`, origin: ORIGIN });
  const billingKey = () => ({ authorization: `Bearer ${billing}` });
  const fieldsOf = (body: unknown): string[] =>
    (body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);
  const version = async (): Promise<number> =>
    (await http().get('/v1/catalog/snapshot').set(admin()).expect(200)).body.version as number;

  beforeAll(async () => {
    sandbox = await createSandbox('catalog');
    api = await startApi(sandbox.env);
    const key = async (body: object) =>
      (await http().post('/v1/api-keys').set(admin()).send(body).expect(201)).body.key as string;
    billing = await key({ name: 'billing', role: 'billing' });
    admissions = await key({ name: 'page', role: 'admissions', allowedOrigins: [ORIGIN] });
    await http().put('/v1/catalog').set(admin()).send(readDemoCatalog()).expect(200);
  });

  afterAll(async () => {
    await api.process.stop();
  });

  describe('the demo catalog', () => {
    it('loads: four payers, realistic plans of every required kind, rates, the default policy, 2024 and 2025 guidelines', async () => {
      const exported = (await http().get('/v1/catalog').set(admin()).expect(200)).body;
      expect(exported.payers.map((p: { code: string }) => p.code).sort()).toEqual([
        'bluepeak-health',
        'evergreen-medicare',
        'keystone-care',
        'sunrise-community-health',
      ]);
      const planTypes = exported.payers.flatMap((p: { plans: { planType: string }[] }) =>
        p.plans.map((plan) => plan.planType),
      );
      expect(planTypes).toEqual(expect.arrayContaining(['PPO', 'HMO', 'MEDICAID', 'MEDICARE_ADVANTAGE', 'HDHP']));
      expect(exported.rates.levels).toHaveLength(6);
      expect(exported.slidingScalePolicy.bands).toHaveLength(5);
      expect(exported.povertyGuidelines.map((t: { year: number }) => t.year)).toEqual([2024, 2025, 2026]);
      expect(exported.povertyGuidelines[1].regions.contiguous).toEqual({
        baseCents: 1_565_000,
        incrementCents: 550_000,
      });
    });

    it('round-trips: an export imported as it is changes nothing but the version', async () => {
      const before = (await http().get('/v1/catalog').set(admin()).expect(200)).body;
      const result = await http().put('/v1/catalog').set(admin()).send(before).expect(200);
      expect(result.body.version).toBeGreaterThan(before.version);
      const after = (await http().get('/v1/catalog').set(admin()).expect(200)).body;
      expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
    });
  });

  describe('levels of care', () => {
    it('lists the six levels with units, courses, ASAM levels and codes, for admissions keys too', async () => {
      const response = await http().get('/v1/levels-of-care').set(as(admissions)).expect(200);
      expect(response.body.data.map((l: { code: string }) => l.code)).toEqual([
        'detox',
        'inpatient',
        'residential',
        'php',
        'iop',
        'outpatient',
      ]);
      const iop = response.body.data[4];
      expect(iop).toMatchObject({
        unit: 'day',
        typicalCourse: { kind: 'weeks', minWeeks: 8, maxWeeks: 12, minDaysPerWeek: 3, maxDaysPerWeek: 5 },
        asamLevel: '2.1',
        umCategory: 'HS',
      });
      expect(iop.serviceCodes.procedureCodes).toEqual(expect.arrayContaining(['H0015', 'S9480']));
      expect(iop.serviceCodes.revenueCodes).toEqual(expect.arrayContaining(['0905', '0906']));
    });
  });

  describe('payers', () => {
    it('creates a payer, refuses its code twice (409), and finds it by id or code', async () => {
      const body = payerBody({ decisionTimeOverrides: { expeditedHours: 48 } });
      const created = await http().post('/v1/payers').set(admin()).send(body).expect(201);
      expect(created.body).toMatchObject({
        code: body.code,
        connectionType: 'sandbox',
        decisionTimes: { expeditedHours: 48, standardDays: 7 },
        active: true,
        webhookSecretCount: 0,
      });
      const again = await http().post('/v1/payers').set(admin()).send(body).expect(409);
      expect(again.body.code).toBe('conflict');
      await http()
        .get(`/v1/payers/${String(body.code)}`)
        .set(as(billing))
        .expect(200);
      await http()
        .get(`/v1/payers/${created.body.id as string}`)
        .set(as(billing))
        .expect(200);
      await http().get('/v1/payers/no-such-payer').set(as(billing)).expect(404);
    });

    it('keeps webhook secrets write-only and encrypted at rest', async () => {
      const { body } = await http().post('/v1/payers').set(admin()).send(payerBody()).expect(201);
      const secrets = ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24='];
      const patched = await http()
        .patch(`/v1/payers/${body.id as string}`)
        .set(admin())
        .send({ webhookSecrets: secrets })
        .expect(200);
      expect(patched.body.webhookSecretCount).toBe(2);
      const everywhere = JSON.stringify([
        patched.body,
        (
          await http()
            .get(`/v1/payers/${body.id as string}`)
            .set(admin())
        ).body,
        (await http().get('/v1/catalog').set(admin())).body,
        await sandbox.query('SELECT * FROM payer_webhook_secrets'),
      ]);
      for (const secret of secrets) expect(everywhere).not.toContain(secret.slice(6));
      // A PATCH without secrets keeps them.
      const renamed = await http()
        .patch(`/v1/payers/${body.id as string}`)
        .set(admin())
        .send({ name: 'Renamed' })
        .expect(200);
      expect(renamed.body).toMatchObject({ name: 'Renamed', webhookSecretCount: 2 });
    });

    it.each([
      [{ connectionType: 'x12', endpointUrl: null }, 422, 'endpointUrl'],
      [{ connectionType: 'manual', endpointUrl: 'https://payer.example/278' }, 422, 'endpointUrl'],
      [{ code: 'Not A Slug' }, 400, 'code'],
      [{ connectionType: 'fax' }, 400, 'connectionType'],
      [{ decisionTimeOverrides: { expeditedHours: 0 } }, 400, 'decisionTimeOverrides.expeditedHours'],
      [{ webhookSecrets: ['hunter2'] }, 400, 'webhookSecrets'],
    ])('refuses %j with %i naming %s', async (overrides, status, field) => {
      const response = await http().post('/v1/payers').set(admin()).send(payerBody(overrides)).expect(status);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it('refuses null on PATCH for a field that may only be left out (never a 500), but clears a nullable one', async () => {
      const { body } = await http().post('/v1/payers').set(admin()).send(payerBody()).expect(201);
      const patch = (changes: object) =>
        http()
          .patch(`/v1/payers/${body.id as string}`)
          .set(admin())
          .send(changes);
      for (const [field, message] of [
        ['code', 'code must be a slug such as bluepeak-health'],
        ['name', 'name must be a string'],
        ['active', 'active must be a boolean value'],
        ['decisionTimeOverrides', 'decisionTimeOverrides must be an object'],
      ]) {
        const refused = await patch({ [field]: null }).expect(400);
        expectValidationFailure(refused.body, field, message);
      }
      expect((await patch({ x12PayerId: null }).expect(200)).body).toMatchObject({ code: body.code, x12PayerId: null });
    });

    it('shows admissions keys the active payers, code and name only', async () => {
      const hidden = await http()
        .post('/v1/payers')
        .set(admin())
        .send(payerBody({ active: false }))
        .expect(201);
      const response = await http().get('/v1/payers').set(as(admissions)).expect(200);
      for (const payer of response.body.data) expect(Object.keys(payer).sort()).toEqual(['code', 'name']);
      const codes = response.body.data.map((p: { code: string }) => p.code);
      expect(codes).toContain('bluepeak-health');
      expect(codes).not.toContain(hidden.body.code);
      const plans = await http().get('/v1/payers/bluepeak-health/plans').set(as(admissions)).expect(200);
      expect(plans.body.data).toEqual([
        { id: expect.any(String), name: 'BluePeak Choice PPO 1500', planType: 'PPO', outOfNetworkBenefits: true },
        { id: expect.any(String), name: 'BluePeak Saver HDHP 3300', planType: 'HDHP', outOfNetworkBenefits: true },
      ]);
    });
  });

  describe('plans and benefits', () => {
    let payerId: string;
    const networksOf = () => planBody('').networks as { in: object; out: object };

    beforeAll(async () => {
      payerId = (await http().post('/v1/payers').set(admin()).send(payerBody()).expect(201)).body.id as string;
    });

    it('creates a plan and reads it back exactly, coinsurance to the basis point', async () => {
      const body = planBody(payerId, { benefits: benefitsFor(['in', 'out'], { coinsurancePercent: 12.25 }) });
      const created = await http().post('/v1/plans').set(admin()).send(body).expect(201);
      const { payerId: _payerId, ...content } = body;
      expect(created.body).toMatchObject({ ...content, payerId, active: true });
      const read = await http()
        .get(`/v1/plans/${created.body.id as string}`)
        .set(as(billing))
        .expect(200);
      expect(read.body.benefits[0].coinsurancePercent).toBe(12.25);
      await http()
        .post('/v1/plans')
        .set(admin())
        .send({ ...body })
        .expect(409);
    });

    it('replaces networks and benefits as a whole on PATCH (and checks the result)', async () => {
      const { body } = await http().post('/v1/plans').set(admin()).send(planBody(payerId)).expect(201);
      const patched = await http()
        .patch(`/v1/plans/${body.id as string}`)
        .set(admin())
        .send({
          networks: { ...body.networks, out: null },
          benefits: benefitsFor(['in'], { maxUnitsPerYear: 20, parityConcern: true }),
        })
        .expect(200);
      expect(patched.body.networks.out).toBeNull();
      expect(patched.body.benefits).toHaveLength(6);
      expect(patched.body.benefits[0]).toMatchObject({ maxUnitsPerYear: 20, parityConcern: true });
      // Out-of-network benefits without an out-of-network tier: refused, and nothing changed.
      const refused = await http()
        .patch(`/v1/plans/${body.id as string}`)
        .set(admin())
        .send({ benefits: benefitsFor(['in', 'out']) })
        .expect(422);
      expect(refused.body.code).toBe('catalog_rule_violated');
      const unchanged = await http()
        .get(`/v1/plans/${body.id as string}`)
        .set(admin())
        .expect(200);
      expect(unchanged.body.benefits).toHaveLength(6);
    });

    it.each([
      ['a missing benefit for a level', { benefits: benefitsFor(['in', 'out']).slice(1) }, 422, 'benefits'],
      [
        'coinsurance above 100',
        { benefits: benefitsFor(['in', 'out'], { coinsurancePercent: 101 }) },
        400,
        'benefits.0.coinsurancePercent',
      ],
      [
        'coinsurance finer than a basis point',
        { benefits: benefitsFor(['in', 'out'], { coinsurancePercent: 12.345 }) },
        422,
        'benefits[0].coinsurancePercent',
      ],
      ['a negative copay', { benefits: benefitsFor(['in', 'out'], { copayCents: -1 }) }, 400, 'benefits.0.copayCents'],
      [
        'an absurd deductible',
        {
          networks: {
            in: {
              deductible: { individualCents: 1e12, familyCents: 1e12 },
              deductibleEmbedded: true,
              outOfPocketMax: { individualCents: 1e12, familyCents: 1e12 },
            },
            out: null,
          },
          benefits: benefitsFor(['in']),
        },
        400,
        'networks.in.deductible.individualCents',
      ],
      [
        'a family deductible below the individual one',
        {
          networks: {
            in: {
              deductible: { individualCents: 200_000, familyCents: 100_000 },
              deductibleEmbedded: true,
              outOfPocketMax: { individualCents: 600_000, familyCents: 1_200_000 },
            },
            out: null,
          },
          benefits: benefitsFor(['in']),
        },
        422,
        'networks.in.deductible.familyCents',
      ],
      [
        'an unknown level of care',
        { benefits: [...benefitsFor(['in', 'out']), { ...benefitsFor(['in'])[0], levelOfCare: 'spa' }] },
        400,
        'benefits.12.levelOfCare',
      ],
      [
        'a parity flag without a limit',
        { benefits: benefitsFor(['in', 'out'], { parityConcern: true }) },
        422,
        'benefits[0].parityConcern',
      ],
      ['February 30', { planYearStart: { month: 2, day: 30 } }, 422, 'planYearStart.day'],
      ['an unknown plan type', { planType: 'CADILLAC' }, 400, 'planType'],
    ])('refuses %s: %j answers %i naming %s, and writes nothing', async (_case, overrides, status, field) => {
      const before = await sandbox.query('SELECT count(*) AS n FROM plans');
      const response = await http().post('/v1/plans').set(admin()).send(planBody(payerId, overrides)).expect(status);
      expect(fieldsOf(response.body)).toContain(field);
      expect(await sandbox.query('SELECT count(*) AS n FROM plans')).toEqual(before);
    });

    it.each([
      ['POST', 'no out-of-network tier', { networks: { in: networksOf().in } }, 'networks.out', OUT_REQUIRED],
      [
        'POST',
        'an array for the in-network tier',
        { networks: { ...networksOf(), in: [] } },
        'networks.in',
        'in must be an object',
      ],
      [
        'POST',
        'an array for the plan year start',
        { planYearStart: [] },
        'planYearStart',
        'planYearStart must be an object',
      ],
      ['PATCH', 'no out-of-network tier', { networks: { in: networksOf().in } }, 'networks.out', OUT_REQUIRED],
      ['PATCH', 'null for the networks', { networks: null }, 'networks', 'networks must be an object'],
      ['PATCH', 'null for the benefits', { benefits: null }, 'benefits', 'benefits must be an array'],
      ['PATCH', 'null for the name', { name: null }, 'name', 'name must be a string'],
    ])(
      '%s refuses %s with 400 naming the field (never a 500), and writes nothing',
      async (method, _case, changes, field, message) => {
        const { body: plan } = await http().post('/v1/plans').set(admin()).send(planBody(payerId)).expect(201);
        const response =
          method === 'POST'
            ? await http().post('/v1/plans').set(admin()).send(planBody(payerId, changes)).expect(400)
            : await http()
                .patch(`/v1/plans/${plan.id as string}`)
                .set(admin())
                .send(changes)
                .expect(400);
        expectValidationFailure(response.body, field, message);
        const after = await http()
          .get(`/v1/plans/${plan.id as string}`)
          .set(admin())
          .expect(200);
        expect(after.body).toEqual(plan);
      },
    );

    it('answers 404 for a plan of an unknown payer or an unknown plan', async () => {
      await http().post('/v1/plans').set(admin()).send(planBody('00000000-0000-4000-8000-000000000000')).expect(404);
      await http().get('/v1/plans/00000000-0000-4000-8000-000000000000').set(admin()).expect(404);
    });
  });

  describe('rates', () => {
    it('refuses (422) an IOP rule that would price a full program outside the band, and explains', async () => {
      const before = (await http().get('/v1/rates').set(as(billing)).expect(200)).body;
      const response = await http().put('/v1/rates').set(admin()).send(validRates(12_000)).expect(422);
      expect(response.body.code).toBe('catalog_rule_violated');
      expect(response.body.message).toContain(
        'an 8-week course at 3 days a week costs $2,880.00, below the $3,000.00 minimum',
      );
      expect((await http().get('/v1/rates').set(admin())).body).toEqual(before);
    });

    it('accepts rates whose every full IOP program lands inside the band', async () => {
      const response = await http().put('/v1/rates').set(admin()).send(validRates(15_000)).expect(200);
      expect(response.body.iopProgram.perSessionDayCents).toBe(15_000);
    });

    it('replaces contracted rates, per plan by name or payer-wide', async () => {
      const rates = [
        { levelOfCare: 'iop', allowedCentsPerUnit: 31_000 },
        { plan: 'Keystone Select HMO', levelOfCare: 'iop', allowedCentsPerUnit: 29_000 },
      ];
      const put = await http()
        .put('/v1/payers/keystone-care/contracted-rates')
        .set(admin())
        .send({ rates })
        .expect(200);
      expect(put.body.rates).toEqual([
        { plan: null, levelOfCare: 'iop', allowedCentsPerUnit: 31_000 },
        { plan: 'Keystone Select HMO', levelOfCare: 'iop', allowedCentsPerUnit: 29_000 },
      ]);
      const unknown = await http()
        .put('/v1/payers/keystone-care/contracted-rates')
        .set(admin())
        .send({ rates: [{ plan: 'Nope', levelOfCare: 'iop', allowedCentsPerUnit: 1 }] })
        .expect(422);
      expect(fieldsOf(unknown.body)).toEqual(['rates[0].plan']);
    });

    it.each([
      ['/v1/rates', { ...validRates(), iopProgramBand: [] }, 'iopProgramBand', 'iopProgramBand must be an object'],
      [
        '/v1/payers/keystone-care/contracted-rates',
        { rates: [{ levelOfCare: 'iop', allowedCentsPerUnit: 31_000 }, []] },
        'rates',
        'each element of rates must be an object',
      ],
    ])('PUT %s refuses %j with 400 naming the field (never a 500)', async (path, body, field, message) => {
      const response = await http().put(path).set(admin()).send(body).expect(400);
      expectValidationFailure(response.body, field, message);
    });
  });

  describe('sliding scale and poverty guidelines', () => {
    it('refuses bands with a gap (422) and versions a valid policy', async () => {
      const gap = await http()
        .post('/v1/sliding-scale-policy')
        .set(admin())
        .send({
          name: 'gappy',
          bands: [
            { minPercent: 0, maxPercent: 100, nominalFeeCents: 2_000 },
            { minPercent: 120, maxPercent: null, discountPercent: 0 },
          ],
        })
        .expect(422);
      expect(fieldsOf(gap.body)).toEqual(['bands[1].minPercent']);
      const current = (await http().get('/v1/sliding-scale-policy').set(as(billing)).expect(200)).body;
      const created = await http()
        .post('/v1/sliding-scale-policy')
        .set(admin())
        .send({
          name: 'Two bands',
          bands: [
            { minPercent: 0, maxPercent: 150, discountPercent: 60 },
            { minPercent: 150, maxPercent: null, discountPercent: 0 },
          ],
        })
        .expect(201);
      expect(created.body.version).toBe(current.version + 1);
      const versions = (await http().get('/v1/sliding-scale-policy/versions').set(as(billing)).expect(200)).body.data;
      expect(versions.map((v: { name: string }) => v.name).slice(0, 2)).toEqual(['Two bands', current.name]);
    });

    it('adds a year of poverty guidelines without a release, once (409 after)', async () => {
      const yearsNow = async (): Promise<number[]> =>
        (await http().get('/v1/poverty-guidelines').set(as(billing)).expect(200)).body.data.map(
          (t: { year: number }) => t.year,
        );
      const before = await yearsNow();
      // The year after the newest in config/poverty-guidelines.yaml, whichever that is.
      const year = Math.max(...before) + 1;
      const table = {
        year,
        effectiveDate: `${year}-01-14`,
        regions: {
          contiguous: { baseCents: 1_600_000, incrementCents: 560_000 },
          alaska: { baseCents: 2_000_000, incrementCents: 700_000 },
          hawaii: { baseCents: 1_840_000, incrementCents: 645_000 },
        },
      };
      await http().post('/v1/poverty-guidelines').set(admin()).send(table).expect(201);
      await http().post('/v1/poverty-guidelines').set(admin()).send(table).expect(409);
      const bad = await http()
        .post('/v1/poverty-guidelines')
        .set(admin())
        .send({ ...table, year: year + 1, effectiveDate: `${year}-13-40` })
        .expect(422);
      expect(fieldsOf(bad.body)).toContain('effectiveDate');
      expect(await yearsNow()).toEqual([...before, year]);
    });
  });

  describe('import', () => {
    it('refuses a document with a rule broken anywhere, naming every problem, and changes nothing', async () => {
      const document = readDemoCatalog();
      const [first] = document.payers;
      if (first === undefined) throw new Error('empty demo catalog');
      document.payers.push({ ...first });
      document.slidingScalePolicy.bands[1] = { minPercent: 101, maxPercent: 133, discountPercent: 75 };
      const before = (await http().get('/v1/catalog').set(admin())).body;
      const response = await http().put('/v1/catalog').set(admin()).send(document).expect(422);
      expect(fieldsOf(response.body)).toEqual(
        expect.arrayContaining(['payers[4].code', 'slidingScalePolicy.bands[1].minPercent']),
      );
      expect((await http().get('/v1/catalog').set(admin())).body).toEqual(before);
    });

    it('refuses (400) a document missing any required part, nested objects included, naming it', async () => {
      const document = readDemoCatalog();
      const [plan] = document.payers[0]?.plans ?? [];
      if (plan === undefined) throw new Error('empty demo catalog');
      const missing: [string, object][] = [
        ['rates', { ...document, rates: undefined }],
        ['slidingScalePolicy', { ...document, slidingScalePolicy: undefined }],
        ['rates.iopProgram', { ...document, rates: { ...document.rates, iopProgram: undefined } }],
        [
          'payers.0.plans.0.planYearStart',
          {
            ...document,
            payers: [
              { ...document.payers[0], plans: [{ ...plan, planYearStart: undefined }] },
              ...document.payers.slice(1),
            ],
          },
        ],
      ];
      for (const [field, body] of missing) {
        const response = await http().put('/v1/catalog').set(admin()).send(body).expect(400);
        expect(response.body.details.fields).toEqual(
          expect.arrayContaining([{ field, messages: [`${field.split('.').pop()} is required`] }]),
        );
      }
    });

    it('refuses (400) an array for an object, or a plan without networks.out, naming it, never a 500', async () => {
      const document = readDemoCatalog();
      const [payer] = document.payers;
      const [plan] = payer?.plans ?? [];
      if (payer === undefined || plan === undefined) throw new Error('empty demo catalog');
      const withPlan = (changed: object) => ({
        ...document,
        payers: [{ ...payer, plans: [changed, ...payer.plans.slice(1)] }, ...document.payers.slice(1)],
      });
      const refused: [object, string, string][] = [
        [{ ...document, slidingScalePolicy: [] }, 'slidingScalePolicy', 'slidingScalePolicy must be an object'],
        [{ ...document, payers: [[], ...document.payers] }, 'payers', 'each element of payers must be an object'],
        [withPlan({ ...plan, networks: { in: plan.networks.in } }), 'payers.0.plans.0.networks.out', OUT_REQUIRED],
        [
          withPlan({ ...plan, networks: { ...plan.networks, in: [] } }),
          'payers.0.plans.0.networks.in',
          'in must be an object',
        ],
      ];
      const before = (await http().get('/v1/catalog').set(admin())).body;
      for (const [body, field, message] of refused) {
        const response = await http().put('/v1/catalog').set(admin()).send(body).expect(400);
        expectValidationFailure(response.body, field, message);
      }
      expect((await http().get('/v1/catalog').set(admin())).body).toEqual(before);
    });

    it('takes a catalog far above the usual 1 MB body limit (hundreds of plans) in one import', async () => {
      const document = readDemoCatalog();
      const [template] = document.payers[0]?.plans ?? [];
      if (template === undefined) throw new Error('empty demo catalog');
      const extra = Array.from({ length: 600 }, (_, i) => ({ ...template, name: `Employer group plan ${i + 1}` }));
      document.payers[0]?.plans.push(...extra);
      const body = JSON.stringify(document);
      expect(body.length).toBeGreaterThan(1024 * 1024);
      await http().put('/v1/catalog').set(admin()).set('content-type', 'application/json').send(body).expect(200);
      const snapshot = (await http().get('/v1/catalog/snapshot').set(admin()).expect(200)).body;
      expect(snapshot.plans).toBeGreaterThanOrEqual(605);
      // Only an admin key gets a large body read at all: without one the answer comes before the body is parsed.
      // The server may answer and close before the client has written the whole body; the client then sees
      // EPIPE instead of the answer. Either shows the body was refused unread.
      const refusedUnread = async (request: Promise<{ status: number }>, status: number): Promise<void> => {
        try {
          expect((await request).status).toBe(status);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
        }
      };
      await refusedUnread(http().put('/v1/catalog').set('content-type', 'application/json').send(body), 401);
      await refusedUnread(
        http().put('/v1/catalog').set(billingKey()).set('content-type', 'application/json').send(body),
        403,
      );
      // Any other route keeps the 1 MB limit.
      await http()
        .post('/v1/payers')
        .set(admin())
        .set('content-type', 'application/json')
        .send(JSON.stringify({ ...payerBody(), padding: 'x'.repeat(1024 * 1024) }))
        .expect(413);
      await http().put('/v1/catalog').set(admin()).send(readDemoCatalog()).expect(200);
    });

    it('deactivates payers missing from the document instead of deleting them', async () => {
      const document = readDemoCatalog();
      document.payers = document.payers.filter((p) => p.code !== 'sunrise-community-health');
      await http().put('/v1/catalog').set(admin()).send(document).expect(200);
      const sunrise = await http().get('/v1/payers/sunrise-community-health').set(admin()).expect(200);
      expect(sunrise.body.active).toBe(false);
      const visible = (await http().get('/v1/payers').set(as(admissions))).body.data.map(
        (p: { code: string }) => p.code,
      );
      expect(visible).not.toContain('sunrise-community-health');
      await http().put('/v1/catalog').set(admin()).send(readDemoCatalog()).expect(200);
    });
  });

  describe('versions, audit and snapshots', () => {
    it('bumps the version and audits every change with it', async () => {
      const before = await version();
      const { body } = await http().post('/v1/payers').set(admin()).send(payerBody()).expect(201);
      expect(await version()).toBe(before + 1);
      const audit = await http()
        .get(`/v1/audit-events?action=payer.create&subjectId=${body.id as string}`)
        .set(admin())
        .expect(200);
      expect(audit.body.data).toEqual([
        expect.objectContaining({ outcome: 'success', details: { catalogVersion: before + 1 }, subjectType: 'payer' }),
      ]);
    });

    it('tells another replica through Redis: its snapshot follows at once, not at its next periodic check', async () => {
      const other = await startApi({ ...sandbox.env, CATALOG_REFRESH_SECONDS: '3600' });
      try {
        const before = await version();
        const otherVersion = async () =>
          (await request(other.url).get('/v1/catalog/snapshot').set(admin()).expect(200)).body.version as number;
        expect(await otherVersion()).toBe(before);
        await http().post('/v1/payers').set(admin()).send(payerBody()).expect(201);
        await eventually(async () => expect(await otherVersion()).toBe(before + 1), 5_000);
      } finally {
        await other.process.stop();
      }
    });
  });
});

describe('npm run seed', () => {
  it('imports the demo catalog into an empty database through the same import, audited as the system', async () => {
    const sandbox = await createSandbox('seed');
    const seed = new ServiceUnderTest('seed', sandbox.env);
    expect(await seed.waitForExit(60_000)).toEqual({ code: 0, signal: null });
    expect(seed.text).toContain('imported the demo catalog: 4 payers, 5 plans; catalog version 1');
    const payers = await sandbox.query<{ code: string }>('SELECT code FROM payers ORDER BY code');
    expect(payers.map((p) => p.code)).toEqual([
      'bluepeak-health',
      'evergreen-medicare',
      'keystone-care',
      'sunrise-community-health',
    ]);
    const audit = await sandbox.query<{ action: string; actor_type: string }>(
      `SELECT action, actor_type FROM audit_events WHERE action = 'catalog.import'`,
    );
    expect(audit).toEqual([{ action: 'catalog.import', actor_type: 'system' }]);
  });
});
