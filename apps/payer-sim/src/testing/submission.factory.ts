import type { SandboxSubmission } from '@continuum/payer-gateway';

/** An IOP request of 24 days over 53 days (test data). */
export const submission = (overrides: Partial<SandboxSubmission> = {}): SandboxSubmission => ({
  traceNumber: 'CT-20261122-0001',
  certificationType: 'initial',
  authorizationNumber: null,
  urgency: 'standard',
  levelOfCare: 'iop',
  serviceTypeCode: 'AI',
  placeOfService: '57',
  patient: { firstName: 'Jordan', lastName: 'Rivera', dateOfBirth: '1990-04-12', sex: 'F' },
  member: { memberId: 'W123456789', planId: 'BPH-PPO-1' },
  requestingProvider: { name: 'Harborview Recovery Center', npi: '1234567893' },
  servicingProvider: { name: 'Harborview Recovery Center', npi: '1234567893' },
  diagnoses: ['F10.20'],
  serviceLines: [{ procedureCode: 'H0015', revenueCode: '0906', units: 24, unitType: 'day' }],
  requestedUnits: 24,
  unitType: 'day',
  deliveryPattern: { daysPerWeek: 3, weeks: 8 },
  startDate: '2026-12-01',
  endDate: '2027-01-22',
  clinicalSummary: 'Alcohol use disorder, moderate; step-down from residential.',
  ...overrides,
});

export const memberId = (memberIdValue: string): Partial<SandboxSubmission> => ({
  member: { memberId: memberIdValue, planId: 'BPH-PPO-1' },
});
