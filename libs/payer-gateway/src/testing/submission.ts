import type { GatewayPayer, GatewaySubmission } from '../payer-gateway.types';
import type { SandboxSubmission } from '../sandbox-protocol';

export const samplePayer = (overrides: Partial<GatewayPayer> = {}): GatewayPayer => ({
  id: '5a0d3c2e-7f4b-4d0e-9a56-1b2c3d4e5f60',
  code: 'BPH',
  name: 'BluePeak Health',
  x12PayerId: 'BPH01',
  connectionType: 'sandbox',
  endpointUrl: null,
  ...overrides,
});

export const sampleRequest = (overrides: Partial<SandboxSubmission> = {}): SandboxSubmission => ({
  traceNumber: 'CT-20261122-0001',
  certificationType: 'initial',
  authorizationNumber: null,
  urgency: 'standard',
  levelOfCare: 'iop',
  serviceTypeCode: 'AI',
  placeOfService: '57',
  patient: { firstName: 'Jordan', lastName: 'Rivera', dateOfBirth: '1990-04-12', sex: 'F' },
  member: { memberId: 'W123456789', planId: 'BPH-PPO' },
  requestingProvider: { name: 'Harborview Recovery Center', npi: '1234567893' },
  servicingProvider: { name: 'Harborview Recovery Center', npi: '1234567893' },
  diagnoses: ['F10.20', 'F32.9'],
  serviceLines: [{ procedureCode: 'H0015', revenueCode: '0906', units: 24, unitType: 'day' }],
  requestedUnits: 24,
  unitType: 'day',
  deliveryPattern: { daysPerWeek: 3, weeks: 8 },
  startDate: '2026-12-01',
  endDate: '2027-01-22',
  clinicalSummary: 'Alcohol use disorder, severe; relapse after residential stay.',
  ...overrides,
});

export const sampleSubmission = (
  payer: Partial<GatewayPayer> = {},
  request: Partial<SandboxSubmission> = {},
): GatewaySubmission => ({ payer: samplePayer(payer), request: sampleRequest(request) });
