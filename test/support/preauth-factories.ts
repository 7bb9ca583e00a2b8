import { randomUUID } from 'node:crypto';

import { addDays, daysFromToday } from './dates';

/** A member id the sandbox payer answers by its prefix (DENY, PART, PEND, …; `M` approves), unique per call. */
export const memberIdWith = (prefix = 'M'): string => `${prefix}${randomUUID().slice(0, 8)}`;

/**
 * The requested period of `preauthRequestBody`: it began a few days ago and runs 8 weeks (the sandbox payer
 * approves it as asked), computed from today so tests pass on any date.
 */
export const REQUESTED_START = daysFromToday(-4);
export const REQUESTED_END = addDays(REQUESTED_START, 55);

/** A valid `POST /v1/preauths` body for an IOP course; `overrides` replace top-level fields. */
export function preauthRequestBody(planId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patient: { firstName: 'Avery', lastName: 'Quinnfield', dateOfBirth: '1988-03-14', sex: 'F' },
    memberId: memberIdWith(),
    planId,
    requestingProvider: { name: 'Harbor Recovery Center', npi: '1234567893' },
    servicingProvider: { name: 'Harbor Recovery Center', npi: '1245319599' },
    levelOfCare: 'iop',
    diagnoses: ['F10.20', 'F32.1'],
    serviceLines: [{ procedureCode: 'H0015', revenueCode: '0906', units: 24, unitType: 'day' }],
    deliveryPattern: { daysPerWeek: 3, weeks: 8 },
    requestedStartDate: REQUESTED_START,
    requestedEndDate: REQUESTED_END,
    urgency: 'standard',
    clinicalSummary: 'Relapse after 90 days; PHQ-9 of 17; needs structured IOP.',
    ...overrides,
  };
}
