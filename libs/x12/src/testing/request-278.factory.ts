import type { Request278 } from '../build-278-request';

/** An IOP request as Continuum would send it (test data for the X12 specs). */
export const request278 = (overrides: Partial<Request278> = {}): Request278 => ({
  controlNumber: 42,
  senderId: 'CONTINUUM',
  receiverId: 'BPH01',
  createdAt: new Date('2026-11-22T21:05:00Z'),
  usage: 'T',
  traceNumber: 'CT-20261122-0001',
  payer: { name: 'BluePeak Health', payerId: 'BPH01' },
  requester: { name: 'Harborview Recovery Center', npi: '1234567893' },
  subscriber: { lastName: 'Rivera', firstName: 'Jordan', memberId: 'W123456789', dateOfBirth: '1990-04-12', sex: 'F' },
  servicingProvider: { name: 'Harborview Recovery Center', npi: '1234567893' },
  event: {
    category: 'HS',
    certificationType: 'I',
    serviceTypeCode: 'AI',
    placeOfService: '57',
    expedited: false,
    diagnoses: ['F10.20', 'F32.9'],
    from: '2026-12-01',
    to: '2027-01-22',
    pattern: { daysPerWeek: 3, weeks: 8 },
  },
  lines: [{ procedureCode: 'H0015', revenueCode: '0906', units: 24, unitType: 'DA', chargeCents: 45_000 }],
  ...overrides,
});
