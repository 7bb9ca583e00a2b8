import { Client } from 'pg';
import request from 'supertest';
import { readDemoCatalog } from '../libs/catalog/src/demo-catalog';
import { addDays, todayUtc } from '../libs/domain/src/date-only';
import { SERVICE_START_WINDOW_DAYS } from '../libs/domain/src/estimate-input-limits';
import { createSandbox, type RunningApi, type Sandbox, startApi } from './support/test-stack';
import { expectValidationFailure } from './support/validation-failure';

const ORIGIN = 'https://intake.clinic.example';

/** Next year (UTC): its dates are always inside the service-start window around today, whatever today is. */
const YEAR = Number(todayUtc().slice(0, 4)) + 1;

/** The first Monday on or after a date. */
const mondayFrom = (date: string): string => addDays(date, (8 - new Date(`${date}T00:00:00Z`).getUTCDay()) % 7);

/** The Monday from December 7 to 13 next year. */
const mondayInDecemberNextYear = (): string => mondayFrom(`${YEAR}-12-07`);
/** A February start (its first Monday) keeps every course below inside one calendar plan year. */
const START = mondayFrom(`${YEAR}-02-01`);

describe('Estimates', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let admissions: Record<string, string>;
  let billing: Record<string, string>;
  const plans: Record<string, string> = {};

  const http = () => request(api.url);
  const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });
  const fieldsOf = (body: unknown): string[] =>
    (body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);

  beforeAll(async () => {
    sandbox = await createSandbox('estimates', { CATALOG_REFRESH_SECONDS: '3600' });
    api = await startApi(sandbox.env);
    await http().put('/v1/catalog').set(admin()).send(readDemoCatalog()).expect(200);
    const key = async (body: object) =>
      (await http().post('/v1/api-keys').set(admin()).send(body).expect(201)).body.key as string;
    admissions = {
      authorization: `Bearer ${await key({ name: 'page', role: 'admissions', allowedOrigins: [ORIGIN] })}`,
      origin: ORIGIN,
    };
    billing = { authorization: `Bearer ${await key({ name: 'billing', role: 'billing' })}` };
    for (const plan of (await http().get('/v1/plans').set(admin()).expect(200)).body.data) plans[plan.name] = plan.id;
  });

  afterAll(async () => {
    await api.process.stop();
  });

  const insured = (planName: string, network: 'in' | 'out' = 'in', accumulators?: object) => ({
    type: 'insured',
    planId: plans[planName],
    network,
    ...(accumulators === undefined ? {} : { accumulators }),
  });

  it('prices an insured IOP course in network, crossing the deductible on day 5, to the cent', async () => {
    const response = await http()
      .post('/v1/estimates')
      .set(admissions)
      .send({
        levelOfCare: 'iop',
        coverage: insured('BluePeak Choice PPO 1500'),
        schedule: { daysPerWeek: 3, weeks: 12 },
        serviceStartDate: START,
      })
      .expect(200);
    // Allowed $320/day × 36. Days 1–4: $1,280 to the deductible; day 5: the last $220 and 20% of $100;
    // days 6–36: 20% of $320 = $64 each × 31 = $1,984. Patient $1,500 + $20 + $1,984 = $3,504.
    expect(response.body).toMatchObject({
      levelOfCare: 'iop',
      unit: 'day',
      units: 36,
      totalChargeCents: 1_620_000,
      allowedCents: 1_152_000,
      patientResponsibilityCents: 350_400,
      planPaysCents: 801_600,
      breakdown: {
        deductibleCents: 150_000,
        copayCents: 0,
        coinsuranceCents: 200_400,
        balanceBillCents: 0,
        nonCoveredCents: 0,
      },
      preAuthRequired: true,
      slidingScale: null,
      catalogVersion: expect.any(Number),
      disclaimer: expect.stringContaining('not a bill'),
    });
    expect(response.body.range).toEqual({ lowCents: 230_400, highCents: 350_400, lowUnits: 36, highUnits: 36 });
    expect(response.body.lines.map((l: { fromUnit: number; toUnit: number }) => [l.fromUnit, l.toUnit])).toEqual([
      [1, 4],
      [5, 5],
      [6, 36],
    ]);
    expect(response.body.assumptions.join(' ')).toContain('contracted rate of $320.00');
    // The parts add up on every line and in total.
    for (const line of [...response.body.lines, response.body]) {
      const patient = line.patientResponsibilityCents;
      const plan = line.planPaysCents;
      const nonCovered = line.nonCoveredCents ?? line.breakdown.nonCoveredCents;
      const balance = line.balanceBillCents ?? line.breakdown.balanceBillCents;
      expect(plan + patient).toBe(line.allowedCents + balance + nonCovered);
    }
  });

  it('starts the deductible over when a course crosses into a new plan year', async () => {
    const response = await http()
      .post('/v1/estimates')
      .set(billing)
      .send({
        levelOfCare: 'iop',
        coverage: insured('BluePeak Choice PPO 1500'),
        schedule: { daysPerWeek: 3, weeks: 12 },
        serviceStartDate: `${YEAR}-12-01`,
      })
      .expect(200);
    // December's days meet that year's deductible; the January 1 plan year starts it again.
    expect(response.body.breakdown.deductibleCents).toBe(300_000);
    const januaryLine = response.body.lines.find(
      (l: { fromDate: string; deductibleCents: number }) => l.fromDate >= `${YEAR + 1}-01-01` && l.deductibleCents > 0,
    );
    expect(januaryLine).toBeDefined();
  });

  it('charges a per-admission copay once for a stay that crosses into a new plan year', async () => {
    const response = await http()
      .post('/v1/estimates')
      .set(billing)
      .send({
        levelOfCare: 'detox',
        coverage: insured('Keystone Select HMO'),
        schedule: { units: 5 },
        serviceStartDate: `${YEAR}-12-30`,
      })
      .expect(200);
    expect(response.body.breakdown.copayCents).toBe(25_000);
  });

  it('starts an episode step in a new plan year with nothing met', async () => {
    const response = await http()
      .post('/v1/estimates/episode')
      .set(billing)
      .send({
        coverage: insured('BluePeak Choice PPO 1500'),
        steps: [
          { levelOfCare: 'detox', schedule: { units: 5 } },
          { levelOfCare: 'iop', schedule: { units: 10 } },
        ],
        serviceStartDate: `${YEAR}-12-27`,
      })
      .expect(200);
    // Detox (Dec 27–31) meets that year's deductible; the IOP step starts January 1 and owes it again.
    expect(
      response.body.steps.map((s: { breakdown: { deductibleCents: number } }) => s.breakdown.deductibleCents),
    ).toEqual([150_000, 150_000]);
    expect(response.body.steps[1].serviceStartDate).toBe(`${YEAR + 1}-01-01`);
  });

  it('prices out of network with the balance bill, never capped', async () => {
    const response = await http()
      .post('/v1/estimates')
      .set(billing)
      .send({
        levelOfCare: 'iop',
        coverage: insured('BluePeak Choice PPO 1500', 'out'),
        schedule: { units: 10 },
        serviceStartDate: START,
      })
      .expect(200);
    // Allowed 60% of $450 = $270; balance bill $180 a day.
    expect(response.body).toMatchObject({
      allowedCents: 270_000,
      breakdown: { balanceBillCents: 180_000, deductibleCents: 270_000 },
    });
  });

  it('prices a self-pay IOP program with the sliding scale for the household', async () => {
    const response = await http()
      .post('/v1/estimates')
      .set(admissions)
      .send({
        levelOfCare: 'iop',
        coverage: { type: 'self_pay', household: { size: 3, annualIncomeCents: 4_000_000, state: 'NY' } },
        schedule: { daysPerWeek: 3, weeks: 12 },
        serviceStartDate: START,
      })
      .expect(200);
    // Next year has no table yet, so the newest one (2026, config/poverty-guidelines.yaml) is used and the estimate
    // says so. 2026 guideline for 3: $15,960 + 2 × $5,680 = $27,320; $40,000 is 146.41% → 50% off; 36 days × $150.
    expect(response.body).toMatchObject({
      patientResponsibilityCents: 270_000,
      planPaysCents: 0,
      breakdown: { discountCents: 270_000 },
      povertyGuidelines: { year: 2026, requestedYear: YEAR, missing: true },
      slidingScale: {
        povertyPercent: 146.41,
        guidelineYear: 2026,
        guidelineCents: 2_732_000,
        discountPercent: 50,
        region: 'contiguous',
      },
      preAuthRequired: false,
    });
  });

  it('gives a range over the typical course when no schedule is given', async () => {
    const response = await http()
      .post('/v1/estimates')
      .set(admissions)
      .send({
        levelOfCare: 'iop',
        coverage: { type: 'self_pay', household: { size: 1, annualIncomeCents: 10_000_000, state: 'CA' } },
        serviceStartDate: START,
      })
      .expect(200);
    // No discount above 200%: 24 days → $3,600 (the program minimum), 60 days → $9,000 (the maximum).
    expect(response.body.range).toEqual({ lowCents: 360_000, highCents: 900_000, lowUnits: 24, highUnits: 60 });
  });

  it('lays a December IOP course with no schedule out Mon, Wed, Fri, the range and point both owing January’s deductible', async () => {
    const start = mondayInDecemberNextYear();
    const decemberFirstWeek = Number(start.slice(0, 4));
    // Mon/Wed/Fri dates left in December from that Monday (9 to 11), counted here without the layout code.
    let december = 0;
    for (let day = Number(start.slice(8)); day <= 31; day += 1) {
      if ([1, 3, 5].includes(new Date(`${start.slice(0, 8)}${day}T00:00:00Z`).getUTCDay())) december += 1;
    }
    const response = await http()
      .post('/v1/estimates')
      .set(admissions)
      .send({ levelOfCare: 'iop', coverage: insured('BluePeak Choice PPO 1500'), serviceStartDate: start })
      .expect(200);
    // $320 allowed a day, $1,500 deductible, 20% ($64) after. From nothing met, a year's first 5 days cost
    // $1,520 (4 × $320 + $220 + 20% of $100), then $64 a day; the low end starts with 2026's deductible met.
    const fromNothing = (days: number) => 152_000 + (days - 5) * 6_400;
    const { body } = response;
    expect(body.units).toBe(42);
    expect(body.range).toMatchObject({ lowUnits: 24, highUnits: 60 });
    expect(body.range.lowCents).toBe(december * 6_400 + fromNothing(24 - december));
    expect(body.patientResponsibilityCents).toBe(fromNothing(december) + fromNothing(42 - december));
    expect(body.range.highCents).toBe(fromNothing(december) + fromNothing(60 - december));
    expect(body.range.lowCents).toBeLessThanOrEqual(body.patientResponsibilityCents);
    expect(body.patientResponsibilityCents).toBeLessThanOrEqual(body.range.highCents);
    expect(body.assumptions).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^42 days laid out 3 days a week \\(Mon, Wed, Fri\\) from ${start} to ${decemberFirstWeek + 1}-03-\\d\\d, `,
        ),
      ),
    );
  });

  it('starts each episode step the day after the previous one’s last date on its weekly pattern', async () => {
    const monday = mondayInDecemberNextYear();
    const response = await http()
      .post('/v1/estimates/episode')
      .set(billing)
      .send({
        coverage: insured('BluePeak Choice PPO 1500'),
        steps: [
          { levelOfCare: 'php', schedule: { units: 10 } },
          { levelOfCare: 'iop', schedule: { units: 6 } },
          { levelOfCare: 'outpatient', schedule: { units: 2 } },
        ],
        serviceStartDate: monday,
      })
      .expect(200);
    const steps = response.body.steps as { serviceStartDate: string; lines: { fromDate: string }[] }[];
    // PHP Mon–Fri for two weeks ends on the second Friday; IOP starts the next day (a Saturday) and is first
    // given on Monday, then Mon/Wed/Fri to the Friday after; outpatient starts the Saturday after that.
    expect(steps.map((s) => s.serviceStartDate)).toEqual([monday, addDays(monday, 12), addDays(monday, 26)]);
    expect(steps.map((s) => s.lines[0]?.fromDate)).toEqual([monday, addDays(monday, 14), addDays(monday, 26)]);
  });

  it('prices every level side by side', async () => {
    const response = await http()
      .post('/v1/estimates/levels')
      .set(admissions)
      .send({ coverage: insured('Keystone Select HMO'), serviceStartDate: START })
      .expect(200);
    expect(response.body.data.map((e: { levelOfCare: string }) => e.levelOfCare)).toEqual([
      'detox',
      'inpatient',
      'residential',
      'php',
      'iop',
      'outpatient',
    ]);
    const residential = response.body.data[2];
    expect(residential).toMatchObject({ parityConcern: true });
    expect(residential.range.highUnits).toBe(90);
    // 60 of the 90 days are beyond the 30-day limit, at the full $750 charge.
    expect(residential.range.highCents).toBeGreaterThan(60 * 75_000);
  });

  it('prices a step-down episode, carrying what is met from step to step up to the out-of-pocket maximum', async () => {
    const steps = [
      { levelOfCare: 'detox', schedule: { units: 5 } },
      { levelOfCare: 'residential', schedule: { units: 30 } },
      { levelOfCare: 'php', schedule: { daysPerWeek: 5, weeks: 4 } },
      { levelOfCare: 'iop', schedule: { daysPerWeek: 3, weeks: 12 } },
      { levelOfCare: 'outpatient', schedule: { units: 12 } },
    ];
    const response = await http()
      .post('/v1/estimates/episode')
      .set(billing)
      .send({ coverage: insured('BluePeak Choice PPO 1500'), steps, serviceStartDate: START })
      .expect(200);
    // Everything falls in one plan year, and the allowed amounts far exceed the $6,000 out-of-pocket maximum.
    expect(response.body.totals.patientResponsibilityCents).toBe(600_000);
    expect(response.body.steps[1].serviceStartDate).toBe(addDays(START, 5));
    expect(response.body.steps.at(-1).patientResponsibilityCents).toBe(0);
    const sum = response.body.steps.reduce(
      (n: number, s: { patientResponsibilityCents: number }) => n + s.patientResponsibilityCents,
      0,
    );
    expect(sum).toBe(600_000);
  });

  it.each([
    [
      { coverage: { type: 'self_pay', household: { size: 0, annualIncomeCents: 1, state: 'NY' } } },
      'coverage.household.size',
    ],
    [
      { coverage: { type: 'self_pay', household: { size: 21, annualIncomeCents: 1, state: 'NY' } } },
      'coverage.household.size',
    ],
    [
      { coverage: { type: 'self_pay', household: { size: 2, annualIncomeCents: -5, state: 'NY' } } },
      'coverage.household.annualIncomeCents',
    ],
    [
      { coverage: { type: 'self_pay', household: { size: 2, annualIncomeCents: 5, state: 'XX' } } },
      'coverage.household.state',
    ],
    [{ schedule: { daysPerWeek: 3, weeks: 0 } }, 'schedule.weeks'],
    [{ schedule: { daysPerWeek: 8, weeks: 4 } }, 'schedule.daysPerWeek'],
    [{ schedule: { units: 10, daysPerWeek: 3, weeks: 4 } }, 'schedule.units'],
    [{ serviceStartDate: '2026-02-30' }, 'serviceStartDate'],
    [{ serviceStartDate: '02/02/2026' }, 'serviceStartDate'],
    [{ levelOfCare: 'spa' }, 'levelOfCare'],
    [{ coverage: { type: 'insured', planId: 'nope', network: 'in' } }, 'coverage.planId'],
    [{ coverage: { type: 'barter' } }, 'coverage.type'],
  ])('refuses %j with 400 naming %s', async (overrides, field) => {
    const body = {
      levelOfCare: 'iop',
      coverage: { type: 'self_pay', household: { size: 2, annualIncomeCents: 3_000_000, state: 'NY' } },
      ...overrides,
    };
    const response = await http().post('/v1/estimates').set(admissions).send(body).expect(400);
    expect(fieldsOf(response.body)).toContain(field);
  });

  const SELF_PAY = { type: 'self_pay', household: { size: 2, annualIncomeCents: 3_000_000, state: 'NY' } };

  describe('self-pay price never above the charge', () => {
    // $100,000 a year for one person is above every discount band: the cash price is the patient's price.
    const NO_DISCOUNT = { type: 'self_pay', household: { size: 1, annualIncomeCents: 10_000_000, state: 'CA' } };
    const estimate = async (schedule: object) =>
      (
        await http()
          .post('/v1/estimates')
          .set(admissions)
          .send({ levelOfCare: 'iop', coverage: NO_DISCOUNT, schedule, serviceStartDate: START })
          .expect(200)
      ).body;

    it('prices 4 IOP days at their $1,800 charge, not the $3,600 program minimum', async () => {
      const body = await estimate({ units: 4 });
      expect(body.totalChargeCents).toBe(180_000);
      expect(body.patientResponsibilityCents).toBe(180_000);
      expect(body.selfPayPrice).toEqual({
        pricedBy: 'full_charge',
        parts: [{ pricedBy: 'full_charge', units: 4, cents: 180_000 }],
        reductionCents: 0,
      });
    });

    it('prices 7 days × 52 weeks as six programs plus four days, below the charge', async () => {
      const body = await estimate({ daysPerWeek: 7, weeks: 52 });
      // Six 60-day programs at the $9,000 maximum + 4 days at $150 = $54,600; charge 364 × $450 = $163,800.
      expect(body.patientResponsibilityCents).toBe(5_460_000);
      expect(body.selfPayPrice).toEqual({
        pricedBy: 'iop_programs_and_cash_price',
        parts: [
          { pricedBy: 'iop_program_rule', units: 360, cents: 5_400_000 },
          { pricedBy: 'cash_price_per_unit', units: 4, cents: 60_000 },
        ],
        reductionCents: 16_380_000 - 5_460_000,
      });
      expect(body.breakdown.discountCents).toBe(0);
    });
  });

  describe('service start date window (relative to today)', () => {
    const SELF_PAY_BODY = { type: 'self_pay', household: { size: 2, annualIncomeCents: 3_000_000, state: 'NY' } };
    const today = todayUtc();
    const tooLate = addDays(today, SERVICE_START_WINDOW_DAYS.after + 1);
    const tooEarly = addDays(today, -SERVICE_START_WINDOW_DAYS.before - 1);

    it.each([
      ['/v1/estimates', { levelOfCare: 'iop', coverage: SELF_PAY_BODY, serviceStartDate: '9999-12-31' }],
      ['/v1/estimates', { levelOfCare: 'iop', coverage: SELF_PAY_BODY, serviceStartDate: tooLate }],
      ['/v1/estimates', { levelOfCare: 'iop', coverage: SELF_PAY_BODY, serviceStartDate: tooEarly }],
      ['/v1/estimates/levels', { coverage: SELF_PAY_BODY, serviceStartDate: tooLate }],
      [
        '/v1/estimates/episode',
        {
          coverage: SELF_PAY_BODY,
          steps: [{ levelOfCare: 'iop', schedule: { units: 4 } }],
          serviceStartDate: tooEarly,
        },
      ],
    ])('%s refuses a start outside the window with 400 naming serviceStartDate (%j)', async (path, body) => {
      const response = await http().post(path).set(admissions).send(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(fieldsOf(response.body)).toEqual(['serviceStartDate']);
    });

    it('accepts both ends of the window', async () => {
      for (const serviceStartDate of [
        addDays(today, SERVICE_START_WINDOW_DAYS.after),
        addDays(today, -SERVICE_START_WINDOW_DAYS.before),
      ]) {
        await http()
          .post('/v1/estimates')
          .set(admissions)
          .send({ levelOfCare: 'iop', coverage: SELF_PAY_BODY, schedule: { units: 4 }, serviceStartDate })
          .expect(200);
      }
    });
  });

  it('says which poverty-guideline year stood in when the service year has none', async () => {
    const tables = (await http().get('/v1/poverty-guidelines').set(admin()).expect(200)).body.data;
    const latest = Math.max(...(tables as { year: number }[]).map((t) => t.year));
    // A start in the year after the newest table (within the window, whatever today is).
    const start = [0, 120, 240, 360, 480, 600, 720]
      .map((days) => addDays(todayUtc(), days))
      .find((date) => Number(date.slice(0, 4)) > latest);
    if (start === undefined) throw new Error('the demo catalog has guidelines too far ahead for this test');
    const response = await http()
      .post('/v1/estimates')
      .set(admissions)
      .send({ levelOfCare: 'iop', coverage: SELF_PAY, schedule: { units: 4 }, serviceStartDate: start })
      .expect(200);
    const requestedYear = Number(start.slice(0, 4));
    expect(response.body.povertyGuidelines).toEqual({ year: latest, requestedYear, missing: true });
    expect(response.body.slidingScale.guidelineYear).toBe(latest);
    expect(response.body.assumptions).toContain(
      `The ${requestedYear} poverty guidelines are not in the catalog yet, so the ${latest} figures were used; the discount may change once they are added.`,
    );
  });

  const ANY_PLAN = '00000000-0000-4000-8000-000000000000';

  it.each([
    [
      'an array for coverage',
      '/v1/estimates',
      { levelOfCare: 'iop', coverage: [] },
      'coverage',
      'coverage must be an object',
    ],
    [
      'an array for the accumulators',
      '/v1/estimates',
      { levelOfCare: 'iop', coverage: { type: 'insured', planId: ANY_PLAN, network: 'in', accumulators: [] } },
      'coverage.accumulators',
      'accumulators must be an object',
    ],
    [
      'self-pay without the household',
      '/v1/estimates',
      { levelOfCare: 'iop', coverage: { type: 'self_pay' } },
      'coverage.household',
      'household is required for self_pay coverage',
    ],
    [
      'self-pay without the household, every level',
      '/v1/estimates/levels',
      { coverage: { type: 'self_pay' } },
      'coverage.household',
      'household is required for self_pay coverage',
    ],
    [
      'null for the schedule',
      '/v1/estimates',
      { levelOfCare: 'iop', coverage: SELF_PAY, schedule: null },
      'schedule',
      'schedule must be an object',
    ],
    [
      'an array for an episode step',
      '/v1/estimates/episode',
      { coverage: SELF_PAY, steps: [[], { levelOfCare: 'iop', schedule: { units: 5 } }] },
      'steps',
      'each element of steps must be an object',
    ],
  ])('refuses %s with 400 naming the field (never a 500)', async (_case, path, body, field, message) => {
    const response = await http().post(path).set(billing).send(body).expect(400);
    expectValidationFailure(response.body, field, message);
  });

  it('answers 404 for an unknown plan and 400 for an out-of-network estimate on a plan without that tier', async () => {
    const unknown = await http()
      .post('/v1/estimates')
      .set(admissions)
      .send({
        levelOfCare: 'iop',
        coverage: { type: 'insured', planId: '00000000-0000-4000-8000-000000000000', network: 'in' },
      })
      .expect(404);
    expect(unknown.body.code).toBe('not_found');
    const noTier = await http()
      .post('/v1/estimates')
      .set(admissions)
      .send({ levelOfCare: 'iop', coverage: insured('Keystone Select HMO', 'out') })
      .expect(400);
    expect(fieldsOf(noTier.body)).toEqual(['coverage.network']);
  });

  it('saves an estimate for billing and returns it unchanged after the catalog changes', async () => {
    const body = {
      levelOfCare: 'iop',
      coverage: insured('BluePeak Choice PPO 1500'),
      schedule: { units: 20 },
      serviceStartDate: START,
    };
    const saved = await http().post('/v1/estimates?save=true').set(billing).send(body).expect(200);
    expect(saved.body).toMatchObject({
      id: expect.any(String),
      savedAt: expect.any(String),
      patientResponsibilityCents: expect.any(Number),
    });
    const denied = await http().post('/v1/estimates?save=true').set(admissions).send(body).expect(403);
    expect(denied.body.code).toBe('forbidden');

    await http()
      .put('/v1/payers/bluepeak-health/contracted-rates')
      .set(admin())
      .send({ rates: [{ levelOfCare: 'iop', allowedCentsPerUnit: 40_000 }] })
      .expect(200);
    const fresh = await http().post('/v1/estimates').set(billing).send(body).expect(200);
    expect(fresh.body.allowedCents).not.toBe(saved.body.allowedCents);
    const later = await http()
      .get(`/v1/estimates/${saved.body.id as string}`)
      .set(billing)
      .expect(200);
    expect(later.body).toEqual(saved.body);
    await http().get('/v1/estimates/00000000-0000-4000-8000-000000000000').set(billing).expect(404);
    await http().put('/v1/catalog').set(admin()).send(readDemoCatalog()).expect(200);
  });

  it('needs no database: estimates keep coming while the database refuses every connection', async () => {
    const body = {
      levelOfCare: 'iop',
      coverage: insured('BluePeak Choice PPO 1500'),
      schedule: { units: 20 },
      serviceStartDate: START,
    };
    await http().post('/v1/estimates').set(admissions).send(body).expect(200); // warms the key cache
    const name = new URL(sandbox.databaseUrl).pathname.slice(1);
    const maintenance = new URL(sandbox.databaseUrl);
    maintenance.pathname = '/postgres';
    const client = new Client({ connectionString: maintenance.toString() });
    await client.connect();
    try {
      await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const statuses = [];
      for (let i = 0; i < 10; i += 1)
        statuses.push((await http().post('/v1/estimates').set(admissions).send(body)).status);
      expect(statuses).toEqual(Array(10).fill(200));
      // The database really is out of reach for this API.
      expect((await http().get('/health/ready')).status).toBe(503);
    } finally {
      await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
      await client.end();
    }
  });
});
