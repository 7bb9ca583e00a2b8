import { X12Parser } from 'node-x12';
import { build278Response, type Certification278, type Response278Draft } from './build-278-response';
import { parse278Response } from './parse-278-response';

const approval: Certification278 = {
  action: 'A1',
  authorizationNumber: 'BPH-AUTH-0042',
  reasonCode: null,
  approvedUnits: 24,
  quantityQualifier: 'DY',
  validFrom: '2026-12-01',
  validTo: '2027-01-22',
};

const response = (overrides: Partial<Response278Draft> = {}): Response278Draft => ({
  controlNumber: 7,
  senderId: 'BPH01',
  receiverId: 'CONTINUUM',
  createdAt: new Date('2026-11-23T09:30:00Z'),
  usage: 'T',
  traceNumber: 'CT-20261122-0001',
  payerReference: 'PR-9F3A01',
  payer: { name: 'BluePeak Health', payerId: 'BPH01' },
  requester: { name: 'Harborview Recovery Center', npi: '1234567893' },
  subscriber: { lastName: 'Rivera', firstName: 'Jordan', memberId: 'W123456789' },
  event: { category: 'HS', certificationType: 'I', serviceTypeCode: 'AI' },
  certification: approval,
  rejections: [],
  ...overrides,
});

interface ParsedInterchange {
  functionalGroups: { transactions: { segments: { tag: string }[] }[] }[];
}

const tagsOf = (text: string): string[] => {
  const interchange = new X12Parser(true).parse(text) as ParsedInterchange;
  return interchange.functionalGroups[0]?.transactions[0]?.segments.map((s) => s.tag) ?? [];
};

describe('build278Response', () => {
  it('produces an interchange the independent strict parser (node-x12) accepts, for every kind of answer', () => {
    expect(tagsOf(build278Response(response()))).toEqual([
      'BHT',
      'HL',
      'NM1',
      'HL',
      'NM1',
      'HL',
      'NM1',
      'HL',
      'TRN',
      'UM',
      'HCR',
      'REF',
      'REF',
      'DTP',
      'HSD',
    ]);
    const rejection = response({ certification: null, rejections: [{ code: '75', followUp: 'C' }] });
    expect(tagsOf(build278Response(rejection))).toEqual(['BHT', 'HL', 'NM1', 'HL', 'NM1', 'HL', 'NM1', 'AAA']);
    const acknowledgement = response({ certification: null, payerReference: null });
    expect(tagsOf(build278Response(acknowledgement)).slice(-3)).toEqual(['HL', 'TRN', 'UM']);
  });

  it('writes the envelope, the echoed trace number and the outcome segments', () => {
    const text = build278Response(response());
    expect(text).toContain(
      'ISA*00*          *00*          *ZZ*BPH01          *ZZ*CONTINUUM      *261123*0930*^*00501*000000007*0*T*:~',
    );
    expect(text).toContain('BHT*0007*11*CT-20261122-0001*20261123*0930~');
    expect(text).toContain('HL*3*2*22*1~\nNM1*IL*1*Rivera*Jordan****MI*W123456789~\nHL*4*3*EV*0~');
    expect(text).toContain('TRN*2*CT-20261122-0001*1123456789~');
    expect(text).toContain('HCR*A1*BPH-AUTH-0042~\nREF*BB*BPH-AUTH-0042~\nREF*NT*PR-9F3A01~');
    expect(text).toContain('DTP*007*RD8*20261201-20270122~\nHSD*DY*24~');
    expect(text).toMatch(/SE\*17\*0001~\nGE\*1\*7~\nIEA\*1\*000000007~$/);
  });

  it('round-trips through parse278Response: an approval', () => {
    expect(parse278Response(build278Response(response()))).toEqual({
      traceNumber: 'CT-20261122-0001',
      action: 'A1',
      decision: 'approved',
      authorizationNumber: 'BPH-AUTH-0042',
      reasonCode: null,
      approvedUnits: 24,
      validFrom: '2026-12-01',
      validTo: '2027-01-22',
      rejections: [],
      payerReference: 'PR-9F3A01',
      respondedAt: new Date('2026-11-23T09:30:00Z'),
    });
  });

  it('round-trips the payer reference and the BHT date and time (to the minute, UTC) of every kind of answer', () => {
    const createdAt = new Date('2026-12-31T23:59:42.500Z');
    for (const draft of [
      response({ createdAt }),
      response({ createdAt, certification: null, rejections: [{ code: '75', followUp: 'C' }] }),
      response({ createdAt, certification: null }),
    ]) {
      const parsed = parse278Response(build278Response(draft));
      // A rejection has no patient event, so no REF*NT.
      expect(parsed.payerReference).toBe(draft.rejections.length > 0 ? null : 'PR-9F3A01');
      expect(parsed.respondedAt).toEqual(new Date('2026-12-31T23:59:00Z'));
    }
    const anonymous = parse278Response(build278Response(response({ payerReference: null })));
    expect(anonymous.payerReference).toBeNull();
  });

  it.each<[string, Partial<Certification278>, object]>([
    [
      'a partial approval in sessions',
      { action: 'A2', approvedUnits: 6, quantityQualifier: 'VS', validTo: '2026-12-21' },
      { decision: 'partially_approved', approvedUnits: 6, validTo: '2026-12-21' },
    ],
    [
      'a denial with its reason',
      {
        action: 'A3',
        authorizationNumber: null,
        reasonCode: 'MN',
        approvedUnits: null,
        validFrom: null,
        validTo: null,
      },
      { decision: 'denied', reasonCode: 'MN', authorizationNumber: null, approvedUnits: null, validFrom: null },
    ],
    [
      'a pend',
      { action: 'A4', authorizationNumber: null, approvedUnits: null, validFrom: null, validTo: null },
      { decision: 'pended', authorizationNumber: null, approvedUnits: null },
    ],
    [
      'a cancellation',
      { action: 'C', approvedUnits: null, validFrom: null, validTo: null },
      { decision: 'cancelled', authorizationNumber: 'BPH-AUTH-0042' },
    ],
    [
      'no authorization required',
      { action: 'NA', authorizationNumber: null, approvedUnits: null, validFrom: null, validTo: null },
      { decision: 'no_auth_required', authorizationNumber: null },
    ],
    ['an open-ended validity (from only)', { validTo: null }, { validFrom: '2026-12-01', validTo: null }],
  ])('round-trips %s', (_, certification, expected) => {
    const text = build278Response(response({ certification: { ...approval, ...certification } }));
    expect(parse278Response(text)).toMatchObject({ traceNumber: 'CT-20261122-0001', ...expected });
    expect(() => new X12Parser(true).parse(text)).not.toThrow();
  });

  it('round-trips a rejection: AAA segments in the subscriber loop, no HCR', () => {
    const text = build278Response(
      response({
        certification: null,
        rejections: [
          { code: '75', followUp: 'C' },
          { code: '15', followUp: null },
        ],
      }),
    );
    expect(text).toContain('HL*3*2*22*0~\nNM1*IL*1*Rivera*Jordan****MI*W123456789~\nAAA*N**75*C~\nAAA*N**15~');
    expect(text).not.toContain('HCR');
    expect(parse278Response(text)).toMatchObject({
      action: null,
      decision: null,
      rejections: [
        { code: '75', followUp: 'C' },
        { code: '15', followUp: null },
      ],
    });
  });

  it('acknowledges without a decision: trace number and payer reference, no HCR', () => {
    const text = build278Response(response({ certification: null }));
    expect(text).toContain('REF*NT*PR-9F3A01~');
    expect(parse278Response(text)).toMatchObject({
      traceNumber: 'CT-20261122-0001',
      action: null,
      rejections: [],
      payerReference: 'PR-9F3A01',
    });
  });
});
