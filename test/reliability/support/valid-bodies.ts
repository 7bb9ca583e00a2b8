import { randomBytes } from 'node:crypto';
import type { CatalogDocument } from '../../../libs/catalog/src/catalog.types';
import { readDemoCatalog } from '../../../libs/catalog/src/demo-catalog';
import { addDays, daysFromToday } from '../../support/dates';
import { goodFaithEstimateRequestBody } from '../../support/good-faith-estimate-factories';
import { REQUESTED_END, REQUESTED_START } from '../../support/preauth-factories';

/**
 * Valid request bodies the e2e suites send inline (they have no shared factory), for the routes
 * test/support's factories (preauthRequestBody, payerBody, planBody, benefitsFor, validRates,
 * readDemoCatalog) do not cover. Each one is accepted as it is; the fuzz drill checks that before breaking them.
 */

type Json = Record<string, unknown>;

/** An insured estimate with every optional part: accumulators (family ones too), a schedule, a start date. */
export const insuredEstimateBody = (planId: string): Json => ({
  levelOfCare: 'iop',
  coverage: {
    type: 'insured',
    planId,
    network: 'in',
    accumulators: {
      deductibleMetCents: 50_000,
      outOfPocketMetCents: 80_000,
      familyDeductibleMetCents: 100_000,
      familyOutOfPocketMetCents: 160_000,
    },
  },
  schedule: { daysPerWeek: 3, weeks: 12 },
  serviceStartDate: REQUESTED_START,
});

/** A self-pay estimate with the household for the sliding scale, scheduled in units. */
export const selfPayEstimateBody = (): Json => ({
  levelOfCare: 'iop',
  coverage: { type: 'self_pay', household: { size: 3, annualIncomeCents: 4_000_000, state: 'NY' } },
  schedule: { units: 24 },
  serviceStartDate: REQUESTED_START,
});

export const levelsEstimateBody = (planId: string): Json => ({
  coverage: { type: 'insured', planId, network: 'out' },
  serviceStartDate: REQUESTED_START,
});

export const episodeEstimateBody = (planId: string): Json => ({
  coverage: { type: 'insured', planId, network: 'in' },
  steps: [
    { levelOfCare: 'detox', schedule: { units: 5 } },
    { levelOfCare: 'iop', schedule: { daysPerWeek: 3, weeks: 8 } },
  ],
  serviceStartDate: addDays(REQUESTED_START, 26),
});

/** YYYY-MM-DD `days` from today (UTC). */

/** The e2e tests' body, scheduled a month ahead. */
export const goodFaithEstimateBody = (): Json => goodFaithEstimateRequestBody({ scheduledDate: daysFromToday(30) });

/** A revision: the estimate rescheduled, with its first provider only. */
export function goodFaithEstimateRevisionBody(): Json {
  const body = goodFaithEstimateBody();
  return { ...body, scheduledDate: daysFromToday(45), providers: (body.providers as Json[]).slice(0, 1) };
}

/** Staff recording a manual payer's full approval of `preauthRequestBody`'s course, with every field. */
export const decisionBody = (): Json => ({
  action: 'A1',
  authorizationNumber: 'PHONE-77',
  approvedUnits: 24,
  unitType: 'day',
  validFrom: REQUESTED_START,
  validTo: REQUESTED_END,
  reasonCode: 'AA',
  reasonText: 'Approved by phone',
  // Now: a decision may be neither in the future nor before the request was received.
  decidedAt: new Date().toISOString(),
});

export const utilizationBody = (): Json => ({ serviceDate: REQUESTED_START, units: 1 });

export const utilizationReversalBody = (): Json => ({ reason: 'Entered on the wrong date' });

export const extensionBody = (): Json => ({
  additionalUnits: 10,
  endDate: addDays(REQUESTED_START, 89),
  clinicalSummary: 'Still needs structured care; PHQ-9 of 12.',
});

export const cancelBody = (): Json => ({ reason: 'Discharged early' });

export const apiKeyBody = (origin: string): Json => ({
  name: `fuzz ${randomBytes(3).toString('hex')}`,
  role: 'admissions',
  allowedOrigins: [origin],
});

/** Event types that stay quiet during a drill, so subscriptions it creates queue no deliveries. */
export const webhookSubscriptionBody = (url: string): Json => ({
  url,
  eventTypes: ['authorization.expiring', 'preauth.decision_overdue'],
  description: 'fuzz drill',
});

export const webhookSubscriptionUpdateBody = (url: string): Json => ({
  ...webhookSubscriptionBody(url),
  enabled: true,
});

/** A payer's JSON decision callback (as webhooks.e2e-spec.ts signs them), with every data field. */
export const payerCallbackBody = (traceNumber: string): Json => ({
  type: 'preauth.decision',
  data: {
    traceNumber,
    payerReference: 'PR-1',
    action: 'A1',
    authorizationNumber: 'AUTH-1',
    approvedUnits: 24,
    unitType: 'day',
    validFrom: REQUESTED_START,
    validTo: REQUESTED_END,
    reasonCode: 'AA',
    reasonText: 'approved',
    // Now: a decision may be neither in the future nor before the request was received.
    decidedAt: new Date().toISOString(),
  },
});

/** The demo catalog's sliding-scale policy under a new name. */
export const slidingScalePolicyBody = (): Json => ({
  ...readDemoCatalog().slidingScalePolicy,
  name: `Fuzz policy ${randomBytes(3).toString('hex')}`,
});

/** The demo catalog's newest poverty guidelines, as another year. */
export function povertyGuidelinesBody(year: number): Json {
  const newest = readDemoCatalog().povertyGuidelines.at(-1);
  if (newest === undefined) throw new Error('the demo catalog has no poverty guidelines');
  return { ...newest, year, effectiveDate: `${year}-01-15` };
}

/**
 * The demo catalog cut to one payer with one plan (and its payer-wide contracted rates) and the newest year
 * of poverty guidelines: every part of the document's shape, at a size where a thousand imports stay quick.
 */
export function smallCatalogDocument(): CatalogDocument {
  const document = readDemoCatalog();
  const [payer] = document.payers;
  const [plan] = payer?.plans ?? [];
  if (payer === undefined || plan === undefined) throw new Error('the demo catalog has no plans');
  return {
    ...document,
    povertyGuidelines: document.povertyGuidelines.slice(-1),
    payers: [
      {
        ...payer,
        plans: [plan],
        contractedRates: payer.contractedRates.filter((rate) => rate.plan === undefined || rate.plan === plan.name),
      },
    ],
  };
}
