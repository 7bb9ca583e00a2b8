/** A valid `POST /v1/good-faith-estimates` body: two providers, three items; `overrides` replace top-level fields. */
export const GFE_PATIENT = { name: 'Marisol Quenneville-Obi', dateOfBirth: '1988-07-23' };

export const goodFaithEstimateRequestBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  patient: GFE_PATIENT,
  primaryService: { description: 'Intensive outpatient program (substance use)', serviceCode: 'H0015' },
  diagnosisCodes: ['F10.20', 'F41.1'],
  providers: [
    {
      name: 'Harborview Recovery Center',
      npi: '1234567893',
      tin: '12-3456789',
      location: { line1: '100 Harbor Way', city: 'Albany', state: 'NY', postalCode: '12207' },
      items: [
        {
          description: 'IOP session day (3 hours)',
          serviceCode: 'H0015',
          revenueCode: '0906',
          units: 36,
          frequency: '3 days a week for 12 weeks',
          unitChargeCents: 15_000,
        },
        { description: 'Psychiatric evaluation', serviceCode: '90792', units: 1, unitChargeCents: 35_000 },
      ],
    },
    {
      name: 'Capital Labs',
      npi: '1245319599',
      tin: '987654321',
      location: { line1: '9 Lab Road', city: 'Albany', state: 'NY', postalCode: '12208' },
      items: [
        { description: 'Drug screen', serviceCode: '80305', units: 12, frequency: 'weekly', unitChargeCents: 2_500 },
      ],
    },
  ],
  separatelyScheduledServices: [
    { description: 'Medication management visits', note: 'scheduled with the psychiatrist' },
  ],
  ...overrides,
});
