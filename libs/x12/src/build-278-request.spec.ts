import { X12Parser } from 'node-x12';
import { build278Request } from './build-278-request';
import { parse278Response } from './parse-278-response';
import { request278 as request } from './testing/request-278.factory';

describe('build278Request', () => {
  it('produces an interchange an independent parser (node-x12, strict) accepts, with matching counts and control numbers', () => {
    const text = build278Request(request());
    const interchange = new X12Parser(true).parse(text) as {
      functionalGroups: { transactions: { segments: { tag: string; elements: { value: string }[] }[] }[] }[];
    };
    const [group] = interchange.functionalGroups;
    const [transaction] = group?.transactions ?? [];
    const tags = transaction?.segments.map((s) => s.tag) ?? [];
    expect(tags.slice(0, 3)).toEqual(['BHT', 'HL', 'NM1']);
    expect(tags.filter((t) => t === 'HL')).toHaveLength(5);
  });

  it('is checked for real: the same parser refuses a wrong segment count or mismatched control numbers', () => {
    const text = build278Request(request());
    expect(() => new X12Parser(true).parse(text.replace(/SE\*\d+\*/, 'SE*99*'))).toThrow();
    expect(() => new X12Parser(true).parse(text.replace('GE*1*42~', 'GE*1*43~'))).toThrow();
  });

  it('maps the level of care, certification type, diagnoses, dates and pattern into UM, HI, DTP and HSD', () => {
    const text = build278Request(request());
    expect(text).toContain(
      'ISA*00*          *00*          *ZZ*CONTINUUM      *ZZ*BPH01          *261122*2105*^*00501*000000042*0*T*:~',
    );
    expect(text).toContain('GS*HI*CONTINUUM*BPH01*20261122*2105*42*X*005010X217~');
    expect(text).toContain('BHT*0007*13*CT-20261122-0001*20261122*2105~');
    expect(text).toContain('UM*HS*I*AI*57:B**E~');
    expect(text).toContain('HI*ABK:F1020*ABF:F329~');
    expect(text).toContain('DTP*AAH*RD8*20261201-20270122~');
    expect(text).toContain('HSD*DY*3***35*8~');
    expect(text).toContain('SV2*0906*HC:H0015*450*DA*24~');
    expect(text).toContain('NM1*IL*1*Rivera*Jordan****MI*W123456789~');
    expect(text).toMatch(/SE\*\d+\*0001~\nGE\*1\*42~\nIEA\*1\*000000042~$/);
    const segments = text.split('~\n');
    const st = segments.findIndex((s) => s.startsWith('ST*'));
    const se = segments.findIndex((s) => s.startsWith('SE*'));
    expect(segments[se]).toBe(`SE*${se - st + 1}*0001`);
  });

  it('uses AR for admissions, 4 with the authorization for an extension, U when expedited, SV1 for professional lines', () => {
    const text = build278Request(
      request({
        event: {
          ...request().event,
          category: 'AR',
          certificationType: '4',
          expedited: true,
          authorizationNumber: 'AUTH-77',
          pattern: undefined,
        },
        lines: [{ procedureCode: '90837', units: 4, unitType: 'UN', chargeCents: 20_000 }],
      }),
    );
    expect(text).toContain('UM*AR*4*AI*57:B**U~');
    expect(text).toContain('REF*BB*AUTH-77~');
    expect(text).toContain('SV1*HC:90837*200*UN*4~');
    expect(text).not.toContain('HSD*');
    expect(() => new X12Parser(true).parse(text)).not.toThrow();
  });

  it('keeps delimiters out of values', () => {
    const text = build278Request(request({ subscriber: { ...request().subscriber, lastName: 'O*Brien~X' } }));
    expect(text).toContain('NM1*IL*1*O Brien X*Jordan');
    expect(() => new X12Parser(true).parse(text)).not.toThrow();
  });
});

describe('parse278Response', () => {
  const response = (body: string): string =>
    [
      'ISA*00*          *00*          *ZZ*BPH01          *ZZ*CONTINUUM      *261123*0930*^*00501*000000007*0*T*:~',
      'GS*HI*BPH01*CONTINUUM*20261123*0930*7*X*005010X217~',
      'ST*278*0001*005010X217~',
      'BHT*0007*11*CT-20261122-0001*20261123*0930*18~',
      body,
      'SE*9*0001~',
      'GE*1*7~',
      'IEA*1*000000007~',
    ].join('\n');

  it('reads a partial approval: action, authorization number, units and period', () => {
    const parsed = parse278Response(
      response('HL*1**20*1~\nHL*4*3*EV*1~\nHCR*A2*AUTH-0042~\nHSD*DY*20~\nDTP*472*RD8*20261201-20261231~'),
    );
    expect(parsed).toEqual({
      traceNumber: 'CT-20261122-0001',
      action: 'A2',
      decision: 'partially_approved',
      authorizationNumber: 'AUTH-0042',
      reasonCode: null,
      approvedUnits: 20,
      validFrom: '2026-12-01',
      validTo: '2026-12-31',
      rejections: [],
      payerReference: null,
      respondedAt: new Date('2026-11-23T09:30:00Z'),
    });
  });

  it("reads the payer's reference from REF*NT, not REF*BB", () => {
    const parsed = parse278Response(response('HL*4*3*EV*0~\nHCR*A1*AUTH-0042~\nREF*BB*AUTH-0042~\nREF*NT*PR-9F3A01~'));
    expect(parsed).toMatchObject({ authorizationNumber: 'AUTH-0042', payerReference: 'PR-9F3A01' });
    expect(parse278Response(response('HCR*A1*AUTH-0042~\nREF*BB*AUTH-0042~')).payerReference).toBeNull();
    expect(parse278Response(response('HCR*A4~\nREF*NT~')).payerReference).toBeNull();
  });

  describe('respondedAt, from BHT04 and BHT05 read as UTC (X12 carries no time zone)', () => {
    const respondedAt = (date: string, time: string | null): Date | null => {
      const bht = ['BHT', '0007', '11', 'CT-20261122-0001', date, ...(time === null ? [] : [time])].join('*');
      return parse278Response(response('HCR*A4~').replace('BHT*0007*11*CT-20261122-0001*20261123*0930*18', bht))
        .respondedAt;
    };

    it.each([
      ['HHMM', '20261123', '0930', '2026-11-23T09:30:00.000Z'],
      ['HHMMSS', '20261123', '093015', '2026-11-23T09:30:15.000Z'],
      ['HHMMSSD (decimal seconds dropped)', '20261123', '0930159', '2026-11-23T09:30:15.000Z'],
      ['HHMMSSDD (decimal seconds dropped)', '20261123', '09301599', '2026-11-23T09:30:15.000Z'],
      ['midnight', '20240229', '0000', '2024-02-29T00:00:00.000Z'],
      ['the last second of the day', '20261231', '235959', '2026-12-31T23:59:59.000Z'],
    ])('reads %s', (_, date, time, expected) => {
      expect(respondedAt(date, time)?.toISOString()).toBe(expected);
    });

    it.each([
      ['no time', '20261123', null],
      ['no date', '', '0930'],
      ['an impossible date', '20260230', '0930'],
      ['month 13', '20261301', '0930'],
      ['a short date', '261123', '0930'],
      ['hour 24', '20261123', '2400'],
      ['minute 60', '20261123', '0960'],
      ['second 60', '20261123', '093060'],
      ['5 digits of time', '20261123', '09301'],
      ['9 digits of time', '20261123', '093015999'],
      ['letters', '20261123', '09h3'],
    ])('is null for %s', (_, date, time) => {
      expect(respondedAt(date, time)).toBeNull();
    });

    it('is null when the trace number comes from TRN and there is no BHT date', () => {
      const text = response('TRN*2*CT-20261122-0002*1123456789~\nHCR*A4~').replace(
        'BHT*0007*11*CT-20261122-0001*20261123*0930*18',
        'BHT*0007*11',
      );
      expect(parse278Response(text)).toMatchObject({ traceNumber: 'CT-20261122-0002', respondedAt: null });
    });
  });

  it('reads a denial with its reason, and a rejection of the request', () => {
    expect(parse278Response(response('HCR*A3**CS~'))).toMatchObject({
      decision: 'denied',
      reasonCode: 'CS',
      authorizationNumber: null,
    });
    expect(parse278Response(response('AAA*N**72*C~')).rejections).toEqual([{ code: '72', followUp: 'C' }]);
  });

  it.each([
    ['A1', 'approved'],
    ['A4', 'pended'],
    ['A6', 'partially_approved'],
    ['C', 'cancelled'],
    ['CT', 'pended'],
    ['NA', 'no_auth_required'],
  ])('maps HCR01 %s to %s', (code, decision) => {
    expect(parse278Response(response(`HCR*${code}~`)).decision).toBe(decision);
  });

  it('refuses what is not a 278, or an unknown action code', () => {
    expect(() => parse278Response('hello')).toThrow('no ISA header');
    expect(() => parse278Response(response('HCR*ZZ~'))).toThrow('unknown HCR01 action code ZZ');
  });

  it('reads the responses it can build round trip: the trace number survives', () => {
    const built = build278Request(request());
    expect(parse278Response(built).traceNumber).toBe('CT-20261122-0001');
  });
});
