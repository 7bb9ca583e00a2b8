import {
  addDays,
  ESTIMATE_INPUT_LIMITS,
  isDateOnly,
  isoWeekday,
  isUsStateCode,
  LevelOfCare,
  SERVICE_START_WINDOW_DAYS,
  serviceStartDateProblem,
} from '@continuum/domain';
import { dollars, parseDollars } from './dollars';

/** The form's fields, by the id of their control (labels, errors and focus all use these ids). */
export type FormField =
  | 'level'
  | 'payment'
  | 'payer'
  | 'plan'
  | 'network'
  | 'deductible-paid'
  | 'out-of-pocket-paid'
  | 'household-size'
  | 'income'
  | 'state'
  | 'start-date';

/** "Compare all levels" in the level list. */
export const ALL_LEVELS = 'all';

/** What the person entered, as the controls hold it (text, so nothing is lost before it is checked). */
export interface EstimateFormValues {
  level: string;
  payment: string;
  payer: string;
  plan: string;
  network: string;
  deductiblePaid: string;
  outOfPocketPaid: string;
  householdSize: string;
  income: string;
  state: string;
  /** `YYYY-MM-DD` from the date control; empty means today. */
  startDate: string;
}

export type Coverage =
  | {
      type: 'insured';
      planId: string;
      network: 'in' | 'out';
      accumulators?: { deductibleMetCents: number; outOfPocketMetCents: number };
    }
  | { type: 'self_pay'; household: { size: number; annualIncomeCents: number; state: string } };

/** `POST /v1/estimates` for one level, or `POST /v1/estimates/levels` to compare them all. */
export type EstimateCall =
  | { path: '/v1/estimates'; body: { levelOfCare: LevelOfCare; coverage: Coverage; serviceStartDate?: string } }
  | { path: '/v1/estimates/levels'; body: { coverage: Coverage; serviceStartDate?: string } };

export interface FieldProblem {
  field: FormField;
  message: string;
}

export type FormCheck = { ok: true; call: EstimateCall } | { ok: false; problems: FieldProblem[] };

const LEVEL_CODES: ReadonlySet<string> = new Set(Object.values(LevelOfCare));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The start date the form suggests: the next Monday on or after `today`, when programs usually start (and a
 * start the person can change, such as a date in December to see a course that crosses into a new plan year).
 */
export function defaultStartDate(today: string): string {
  return addDays(today, (8 - isoWeekday(today)) % 7);
}

/**
 * Checks the form by the same rules as the API (the limits come from the same place, ESTIMATE_INPUT_LIMITS and
 * the start-date window around `today`), in words a person understands, and builds the request the API expects.
 */
export function checkEstimateForm(values: EstimateFormValues, today: string): FormCheck {
  const problems: FieldProblem[] = [];
  const problem = (field: FormField, message: string): undefined => {
    problems.push({ field, message });
    return undefined;
  };

  const level =
    values.level === ALL_LEVELS || LEVEL_CODES.has(values.level)
      ? values.level
      : problem('level', 'Choose a level of care, or “Compare all levels of care”.');

  let coverage: Coverage | undefined;
  if (values.payment === 'insured') {
    coverage = insuredCoverage(values, problem);
  } else if (values.payment === 'self_pay') {
    coverage = selfPayCoverage(values, problem);
  } else {
    problem('payment', 'Choose whether you will use insurance or pay yourself.');
  }

  const start = startDateField(values.startDate, today, problem);

  if (problems.length > 0 || level === undefined || coverage === undefined) return { ok: false, problems };
  const when = start === null || start === undefined ? {} : { serviceStartDate: start };
  return level === ALL_LEVELS
    ? { ok: true, call: { path: '/v1/estimates/levels', body: { coverage, ...when } } }
    : { ok: true, call: { path: '/v1/estimates', body: { levelOfCare: level as LevelOfCare, coverage, ...when } } };
}

type Report = (field: FormField, message: string) => undefined;

function insuredCoverage(values: EstimateFormValues, problem: Report): Coverage | undefined {
  if (values.payer === '') problem('payer', 'Choose your insurance company.');
  else if (!UUID.test(values.plan)) problem('plan', 'Choose your plan.');
  const network =
    values.network === 'in' || values.network === 'out'
      ? values.network
      : problem('network', 'Choose whether we are in your plan’s network.');

  const deductible = amountField(values.deductiblePaid, 'deductible-paid', problem);
  const outOfPocket = amountField(values.outOfPocketPaid, 'out-of-pocket-paid', problem);
  let accumulators: { deductibleMetCents: number; outOfPocketMetCents: number } | undefined;
  if (deductible === null && outOfPocket !== null && outOfPocket !== undefined) {
    problem('deductible-paid', 'Enter what you have paid toward your deductible too (0 if nothing).');
  } else if (deductible !== null && deductible !== undefined) {
    // What was paid toward the deductible also counts toward the out-of-pocket maximum, so it is the least
    // that can have been paid toward it when that amount is not known.
    accumulators = { deductibleMetCents: deductible, outOfPocketMetCents: outOfPocket ?? deductible };
  }
  if (network === undefined || !UUID.test(values.plan)) return undefined;
  return { type: 'insured', planId: values.plan, network, ...(accumulators === undefined ? {} : { accumulators }) };
}

function selfPayCoverage(values: EstimateFormValues, problem: Report): Coverage | undefined {
  const { min, max } = ESTIMATE_INPUT_LIMITS.householdSize;
  const sizeText = values.householdSize.trim();
  const size = /^\d{1,3}$/.test(sizeText) ? Number(sizeText) : Number.NaN;
  if (!(size >= min && size <= max)) {
    problem('household-size', `Enter the number of people in your household, from ${min} to ${max}.`);
  }
  const income = parseDollars(values.income);
  let annualIncomeCents: number | undefined;
  if (income.kind === 'empty') problem('income', 'Enter your household’s yearly income before taxes (0 if none).');
  else if (income.kind === 'invalid') problem('income', 'Enter an amount in dollars, such as 42,000.');
  else if (income.cents > ESTIMATE_INPUT_LIMITS.maxAnnualIncomeCents) {
    problem('income', `Enter a yearly income of at most ${dollars(ESTIMATE_INPUT_LIMITS.maxAnnualIncomeCents)}.`);
  } else annualIncomeCents = income.cents;
  if (!isUsStateCode(values.state)) problem('state', 'Choose the state you live in.');
  if (annualIncomeCents === undefined || !(size >= min && size <= max) || !isUsStateCode(values.state)) {
    return undefined;
  }
  return { type: 'self_pay', household: { size, annualIncomeCents, state: values.state } };
}

/** The start date: null when left empty (the API then uses today), undefined when it is wrong (and reported). */
function startDateField(text: string, today: string, problem: Report): string | null | undefined {
  const date = text.trim();
  if (date === '') return null;
  if (!isDateOnly(date) || serviceStartDateProblem(date, today) !== undefined) {
    const earliest = addDays(today, -SERVICE_START_WINDOW_DAYS.before);
    const latest = addDays(today, SERVICE_START_WINDOW_DAYS.after);
    return problem('start-date', `Choose a start date from ${earliest} to ${latest}, or leave it empty for today.`);
  }
  return date;
}

/** An optional dollar amount: null when left empty, undefined when it is wrong (and reported). */
function amountField(text: string, field: FormField, problem: Report): number | null | undefined {
  const parsed = parseDollars(text);
  if (parsed.kind === 'empty') return null;
  if (parsed.kind === 'invalid') return problem(field, 'Enter an amount in dollars, such as 1,500, or leave it empty.');
  if (parsed.cents > ESTIMATE_INPUT_LIMITS.maxAmountCents) {
    return problem(field, `Enter an amount of at most ${dollars(ESTIMATE_INPUT_LIMITS.maxAmountCents)}.`);
  }
  return parsed.cents;
}

/** Where the API's field names (`details.fields[].field` of a 400) sit on the form. */
const API_FIELDS: ReadonlyMap<string, FormField> = new Map(
  Object.entries({
    levelOfCare: 'level',
    'coverage.type': 'payment',
    'coverage.planId': 'plan',
    'coverage.network': 'network',
    'coverage.accumulators': 'deductible-paid',
    'coverage.accumulators.deductibleMetCents': 'deductible-paid',
    'coverage.accumulators.outOfPocketMetCents': 'out-of-pocket-paid',
    'coverage.household': 'household-size',
    'coverage.household.size': 'household-size',
    'coverage.household.annualIncomeCents': 'income',
    'coverage.household.state': 'state',
    serviceStartDate: 'start-date',
  } satisfies Record<string, FormField>),
);

export const formFieldOfApiField = (field: string): FormField | undefined => API_FIELDS.get(field);
