import { addDays, ESTIMATE_INPUT_LIMITS, LevelOfCare, SERVICE_START_WINDOW_DAYS } from '@continuum/domain';
import {
  ALL_LEVELS,
  checkEstimateForm,
  defaultStartDate,
  type EstimateCall,
  type EstimateFormValues,
  type FieldProblem,
  type FormField,
  formFieldOfApiField,
} from './estimate-form';

const PLAN_ID = '3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c';

const EMPTY: EstimateFormValues = {
  level: '',
  payment: '',
  payer: '',
  plan: '',
  network: '',
  deductiblePaid: '',
  outOfPocketPaid: '',
  householdSize: '',
  income: '',
  state: '',
  startDate: '',
};

/** The page's today in these tests; every date below is relative to it. */
const TODAY = '2026-12-02';

const insured = (changes: Partial<EstimateFormValues> = {}): EstimateFormValues => ({
  ...EMPTY,
  level: LevelOfCare.Iop,
  payment: 'insured',
  payer: 'b7e0c1d2-0000-4000-8000-000000000001',
  plan: PLAN_ID,
  network: 'in',
  ...changes,
});

const selfPay = (changes: Partial<EstimateFormValues> = {}): EstimateFormValues => ({
  ...EMPTY,
  level: LevelOfCare.Iop,
  payment: 'self_pay',
  householdSize: '3',
  income: '42,000',
  state: 'NY',
  ...changes,
});

/** Cents as a person would type them: 100_000_001 → "1000000.01" (integer arithmetic only). */
const typed = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function callOf(values: EstimateFormValues): EstimateCall {
  const check = checkEstimateForm(values, TODAY);
  if (!check.ok) throw new Error(`expected the form to pass, got ${JSON.stringify(check.problems)}`);
  return check.call;
}

function problemsOf(values: EstimateFormValues): FieldProblem[] {
  const check = checkEstimateForm(values, TODAY);
  if (check.ok) throw new Error(`expected problems, got ${JSON.stringify(check.call)}`);
  return check.problems;
}

const fieldsOf = (values: EstimateFormValues): FormField[] => problemsOf(values).map((p) => p.field);

describe('checkEstimateForm', () => {
  it('reports both the level and the payment when neither is chosen', () => {
    const problems = problemsOf(EMPTY);
    expect(problems.map((p) => p.field)).toEqual(['level', 'payment']);
    for (const { message } of problems) expect(message.trim()).not.toBe('');
  });

  it.each(['', 'spa', 'IOP', 'detox '])('refuses the level %p', (level) => {
    expect(fieldsOf(insured({ level }))).toEqual(['level']);
  });

  it.each(['', 'cash', 'INSURED'])('refuses the payment %p', (payment) => {
    expect(fieldsOf(insured({ payment }))).toEqual(['payment']);
  });

  it.each(Object.values(LevelOfCare))('accepts the level %p', (level) => {
    expect(callOf(insured({ level }))).toEqual({
      path: '/v1/estimates',
      body: { levelOfCare: level, coverage: { type: 'insured', planId: PLAN_ID, network: 'in' } },
    });
  });

  it('compares all levels through /v1/estimates/levels, without a levelOfCare', () => {
    const call = callOf(insured({ level: ALL_LEVELS }));
    expect(call).toEqual({
      path: '/v1/estimates/levels',
      body: { coverage: { type: 'insured', planId: PLAN_ID, network: 'in' } },
    });
    expect(call.body).not.toHaveProperty('levelOfCare');
  });

  describe('for an insured person', () => {
    it('builds the request for out-of-network care', () => {
      expect(callOf(insured({ network: 'out' }))).toEqual({
        path: '/v1/estimates',
        body: { levelOfCare: 'iop', coverage: { type: 'insured', planId: PLAN_ID, network: 'out' } },
      });
    });

    it('asks for the insurance company and the network when they are missing', () => {
      expect(fieldsOf(insured({ payer: '', plan: '', network: '' }))).toEqual(['payer', 'network']);
    });

    it.each(['', 'plan-1', '3f1c2a9e7b4d4c1e9a2b5d6e7f8a9b0c', `${PLAN_ID}0`, `{${PLAN_ID}}`])(
      'asks for the plan when it is %p, not a UUID',
      (plan) => {
        expect(fieldsOf(insured({ plan }))).toEqual(['plan']);
      },
    );

    it.each(['', 'maybe', 'IN'])('asks for the network when it is %p', (network) => {
      expect(fieldsOf(insured({ network }))).toEqual(['network']);
    });

    it('ignores the self-pay fields, even when they would be wrong', () => {
      expect(callOf(insured({ householdSize: 'many', income: 'lots', state: 'XX' }))).toEqual({
        path: '/v1/estimates',
        body: { levelOfCare: 'iop', coverage: { type: 'insured', planId: PLAN_ID, network: 'in' } },
      });
    });

    it('leaves the accumulators key out when nothing was paid', () => {
      const call = callOf(insured({ deductiblePaid: ' ', outOfPocketPaid: '' }));
      expect(call.body.coverage).toEqual({ type: 'insured', planId: PLAN_ID, network: 'in' });
      expect(call.body.coverage).not.toHaveProperty('accumulators');
    });

    it('sends both amounts paid when both are given', () => {
      expect(callOf(insured({ deductiblePaid: '500', outOfPocketPaid: '$1,200.50' }))).toEqual({
        path: '/v1/estimates',
        body: {
          levelOfCare: 'iop',
          coverage: {
            type: 'insured',
            planId: PLAN_ID,
            network: 'in',
            accumulators: { deductibleMetCents: 50_000, outOfPocketMetCents: 120_050 },
          },
        },
      });
    });

    it('counts what was paid toward the deductible toward the out-of-pocket maximum when only that is given', () => {
      expect(callOf(insured({ deductiblePaid: '1,500' })).body.coverage).toEqual({
        type: 'insured',
        planId: PLAN_ID,
        network: 'in',
        accumulators: { deductibleMetCents: 150_000, outOfPocketMetCents: 150_000 },
      });
    });

    it('sends a deductible of 0 as an amount, not as nothing', () => {
      expect(callOf(insured({ deductiblePaid: '0' })).body.coverage).toEqual({
        type: 'insured',
        planId: PLAN_ID,
        network: 'in',
        accumulators: { deductibleMetCents: 0, outOfPocketMetCents: 0 },
      });
    });

    it('asks for the deductible paid when only the out-of-pocket amount is given', () => {
      const problems = problemsOf(insured({ outOfPocketPaid: '800' }));
      expect(problems).toEqual([{ field: 'deductible-paid', message: expect.stringContaining('deductible') }]);
    });

    it.each([
      ['deductiblePaid', 'deductible-paid'],
      ['outOfPocketPaid', 'out-of-pocket-paid'],
    ] as const)('refuses an amount that is not dollars in %s', (key, field) => {
      const values = insured({ deductiblePaid: '100', outOfPocketPaid: '200', [key]: '12.345' });
      expect(problemsOf(values)).toEqual([{ field, message: expect.stringContaining('amount in dollars') }]);
    });

    it.each([
      ['deductiblePaid', 'deductible-paid'],
      ['outOfPocketPaid', 'out-of-pocket-paid'],
    ] as const)('accepts exactly the largest amount in %s and refuses one cent more', (key, field) => {
      const max = ESTIMATE_INPUT_LIMITS.maxAmountCents;
      const accepted = callOf(insured({ deductiblePaid: '100', outOfPocketPaid: '200', [key]: typed(max) }));
      expect(accepted.body.coverage).toMatchObject({
        accumulators: key === 'deductiblePaid' ? { deductibleMetCents: max } : { outOfPocketMetCents: max },
      });
      const refused = problemsOf(insured({ deductiblePaid: '100', outOfPocketPaid: '200', [key]: typed(max + 1) }));
      expect(refused).toEqual([{ field, message: 'Enter an amount of at most $1,000,000.' }]);
    });

    it('refuses a huge digit string as too large rather than reading it as a small amount', () => {
      expect(fieldsOf(insured({ deductiblePaid: '100000000000000000000000' }))).toEqual(['deductible-paid']);
    });
  });

  describe('for a person paying for their own care', () => {
    const { min, max } = ESTIMATE_INPUT_LIMITS.householdSize;

    it('builds the request with the household', () => {
      expect(callOf(selfPay())).toEqual({
        path: '/v1/estimates',
        body: {
          levelOfCare: 'iop',
          coverage: { type: 'self_pay', household: { size: 3, annualIncomeCents: 4_200_000, state: 'NY' } },
        },
      });
    });

    it('compares all levels with the household too', () => {
      expect(callOf(selfPay({ level: ALL_LEVELS, householdSize: ' 1 ', income: '0', state: 'DC' }))).toEqual({
        path: '/v1/estimates/levels',
        body: { coverage: { type: 'self_pay', household: { size: 1, annualIncomeCents: 0, state: 'DC' } } },
      });
    });

    it('ignores the insurance fields', () => {
      expect(callOf(selfPay({ payer: '', plan: 'not-a-plan', network: '', deductiblePaid: 'abc' })).body).toEqual({
        levelOfCare: 'iop',
        coverage: { type: 'self_pay', household: { size: 3, annualIncomeCents: 4_200_000, state: 'NY' } },
      });
    });

    it.each([min, max])('accepts a household of %p', (size) => {
      expect(callOf(selfPay({ householdSize: String(size) })).body.coverage).toEqual({
        type: 'self_pay',
        household: { size, annualIncomeCents: 4_200_000, state: 'NY' },
      });
    });

    it.each([String(min - 1), String(max + 1), '2.5', '', ' ', 'three', '-1', '1e1', '1000'])(
      'refuses a household size of %p',
      (householdSize) => {
        expect(problemsOf(selfPay({ householdSize }))).toEqual([
          { field: 'household-size', message: `Enter the number of people in your household, from ${min} to ${max}.` },
        ]);
      },
    );

    it('accepts a yearly income of exactly the largest allowed', () => {
      const income = typed(ESTIMATE_INPUT_LIMITS.maxAnnualIncomeCents);
      expect(callOf(selfPay({ income })).body.coverage).toEqual({
        type: 'self_pay',
        household: { size: 3, annualIncomeCents: ESTIMATE_INPUT_LIMITS.maxAnnualIncomeCents, state: 'NY' },
      });
    });

    it.each([typed(ESTIMATE_INPUT_LIMITS.maxAnnualIncomeCents + 1), '99999999999999999999999'])(
      'refuses a yearly income of %p, above the largest allowed',
      (income) => {
        expect(problemsOf(selfPay({ income }))).toEqual([
          { field: 'income', message: 'Enter a yearly income of at most $100,000,000.' },
        ]);
      },
    );

    it('asks for the income when it is empty', () => {
      expect(problemsOf(selfPay({ income: ' ' }))).toEqual([
        { field: 'income', message: expect.stringContaining('0 if none') },
      ]);
    });

    it.each(['-5', 'forty thousand', '42.000,00'])('refuses an income of %p', (income) => {
      expect(problemsOf(selfPay({ income }))).toEqual([
        { field: 'income', message: 'Enter an amount in dollars, such as 42,000.' },
      ]);
    });

    it.each(['XX', '', 'ny', 'New York', 'PR'])('refuses the state %p', (state) => {
      expect(fieldsOf(selfPay({ state }))).toEqual(['state']);
    });

    it('reports every wrong household field at once', () => {
      expect(fieldsOf(selfPay({ householdSize: '0', income: 'abc', state: 'XX' }))).toEqual([
        'household-size',
        'income',
        'state',
      ]);
    });

    it('reports a wrong level together with the household', () => {
      expect(fieldsOf(selfPay({ level: '', householdSize: '' }))).toEqual(['level', 'household-size']);
    });
  });
});

describe('start date', () => {
  it('suggests the next Monday, or today on a Monday', () => {
    expect(defaultStartDate(TODAY)).toBe('2026-12-07');
    expect(defaultStartDate('2026-12-07')).toBe('2026-12-07');
    expect(defaultStartDate('2026-12-27')).toBe('2026-12-28');
    expect(defaultStartDate('2028-02-28')).toBe('2028-02-28');
    expect(defaultStartDate('2028-02-27')).toBe('2028-02-28');
  });

  it('sends the chosen date to the single-level and the compare-all estimates', () => {
    const december = addDays(TODAY, 20);
    expect(callOf(insured({ startDate: december })).body).toMatchObject({ serviceStartDate: december });
    expect(callOf(selfPay({ level: ALL_LEVELS, startDate: ` ${december} ` })).body).toMatchObject({
      serviceStartDate: december,
    });
  });

  it('leaves the date to the API (today) when it is empty', () => {
    expect(callOf(insured()).body).not.toHaveProperty('serviceStartDate');
  });

  it.each([
    ['not a date', '12/20/2026'],
    ['an impossible date', '2026-02-30'],
    ['before the window', addDays(TODAY, -SERVICE_START_WINDOW_DAYS.before - 1)],
    ['after the window', addDays(TODAY, SERVICE_START_WINDOW_DAYS.after + 1)],
  ])('refuses %s as the API would, saying which dates it takes', (_, startDate) => {
    expect(problemsOf(insured({ startDate }))).toEqual([
      {
        field: 'start-date',
        message: `Choose a start date from ${addDays(TODAY, -SERVICE_START_WINDOW_DAYS.before)} to ${addDays(TODAY, SERVICE_START_WINDOW_DAYS.after)}, or leave it empty for today.`,
      },
    ]);
  });

  it('accepts both ends of the window', () => {
    for (const startDate of [
      addDays(TODAY, -SERVICE_START_WINDOW_DAYS.before),
      addDays(TODAY, SERVICE_START_WINDOW_DAYS.after),
    ]) {
      expect(callOf(insured({ startDate })).body).toMatchObject({ serviceStartDate: startDate });
    }
  });
});

describe('formFieldOfApiField', () => {
  it.each<[string, FormField]>([
    ['levelOfCare', 'level'],
    ['coverage.type', 'payment'],
    ['coverage.planId', 'plan'],
    ['coverage.network', 'network'],
    ['coverage.accumulators', 'deductible-paid'],
    ['coverage.accumulators.deductibleMetCents', 'deductible-paid'],
    ['coverage.accumulators.outOfPocketMetCents', 'out-of-pocket-paid'],
    ['coverage.household', 'household-size'],
    ['coverage.household.size', 'household-size'],
    ['coverage.household.annualIncomeCents', 'income'],
    ['coverage.household.state', 'state'],
    ['serviceStartDate', 'start-date'],
  ])('places the API field %p on the form field %p', (apiField, formField) => {
    expect(formFieldOfApiField(apiField)).toBe(formField);
  });

  it.each(['schedule.units', 'coverage', '', 'coverage.household.size.extra'])(
    'has no form field for the API field %p',
    (apiField) => {
      expect(formFieldOfApiField(apiField)).toBeUndefined();
    },
  );
});
