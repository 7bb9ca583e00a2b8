import { build278Request } from './build-278-request';
import { parse278Request } from './parse-278-request';
import { request278 } from './testing/request-278.factory';

describe('parse278Request', () => {
  it('reads back everything build278Request writes (an IOP request with a pattern and an SV2 line)', () => {
    const request = request278();
    expect(parse278Request(build278Request(request))).toEqual(request);
  });

  it('reads an extension: AR admission, certification type 4, the authorization number, SV1 lines, expedited', () => {
    const request = request278({
      event: {
        ...request278().event,
        category: 'AR',
        certificationType: '4',
        expedited: true,
        authorizationNumber: 'AUTH-77',
        pattern: undefined,
      },
      lines: [
        { procedureCode: '90837', units: 4, unitType: 'UN', chargeCents: 20_000 },
        { procedureCode: '90853', units: 8, unitType: 'UN', chargeCents: 7_550 },
      ],
    });
    const parsed = parse278Request(build278Request(request));
    expect(parsed.event).toEqual({
      category: 'AR',
      certificationType: '4',
      serviceTypeCode: 'AI',
      placeOfService: '57',
      expedited: true,
      diagnoses: ['F10.20', 'F32.9'],
      from: '2026-12-01',
      to: '2027-01-22',
      authorizationNumber: 'AUTH-77',
    });
    expect(parsed.lines).toEqual([
      { procedureCode: '90837', units: 4, unitType: 'UN', chargeCents: 20_000 },
      { procedureCode: '90853', units: 8, unitType: 'UN', chargeCents: 7_550 },
    ]);
  });

  it('reads the delimiters from the ISA header, whatever they are', () => {
    const text = build278Request(request278()).replaceAll('*', '|').replaceAll(':', '>').replaceAll('~\n', '\r\n');
    // The segment terminator is ISA16's neighbour: the character right after the component separator.
    const parsed = parse278Request(text.replace('|>\r\n', '|>~').replaceAll('\r\n', '~'));
    expect(parsed.traceNumber).toBe('CT-20261122-0001');
    expect(parsed.event.diagnoses).toEqual(['F10.20', 'F32.9']);
    expect(parsed.event.placeOfService).toBe('57');
  });

  it.each([
    ['not X12 at all', (_: string) => 'hello', 'no ISA header'],
    ['a response, not a request', (t: string) => t.replace('BHT*0007*13*', 'BHT*0007*11*'), 'BHT02 must be 13'],
    ['another transaction set', (t: string) => t.replace('ST*278*', 'ST*270*'), 'not a 278 transaction'],
    ['no member id', (t: string) => t.replace('*MI*W123456789~', '~'), 'member id'],
    ['no UM segment', (t: string) => t.replace(/\nUM\*[^~]*~/, ''), 'request category (UM01)'],
    ['an unknown certification type', (t: string) => t.replace('UM*HS*I*', 'UM*HS*9*'), 'UM02 9'],
    ['no event period', (t: string) => t.replace(/DTP\*AAH[^~]*~\n/, ''), 'event period'],
    ['a bad date', (t: string) => t.replace('DTP*AAH*RD8*20261201', 'DTP*AAH*RD8*2026120X'), 'not an X12 date'],
    ['units that are not a count', (t: string) => t.replace('*DA*24~', '*DA*2.5~'), 'not a whole number'],
  ])('refuses %s, saying what is wrong', (_, tamper, message) => {
    expect(() => parse278Request(tamper(build278Request(request278())))).toThrow(message);
  });
});
