// request-filtering-agent is ES-module only, which Jest cannot load before Node 24.9: Node loads it instead.
jest.mock('request-filtering-agent', () =>
  jest.requireActual<typeof NativeRequire>('@continuum/outbound/testing').requireNatively('request-filtering-agent'),
);

import type * as NativeRequire from '@continuum/outbound/testing';
import { OutboundUrlPolicy } from '@continuum/outbound';
import { X12Parser } from 'node-x12';
import { build278Response } from '@continuum/x12';
import { RetryableGatewayError } from './payer-gateway.types';
import { FakePayer, unusedPortUrl } from './testing/fake-payer';
import { sampleSubmission } from './testing/submission';
import { X12GatewayAdapter, type X12GatewayOptions } from './x12.adapter';

interface ParsedSegment {
  tag: string;
  elements: { value: string }[];
}

/** The transaction set's segments as the independent, strict node-x12 parser reads them (throws if invalid). */
function strictSegments(text: string): ParsedSegment[] {
  const interchange = new X12Parser(true).parse(text) as {
    functionalGroups: { transactions: { segments: ParsedSegment[] }[] }[];
  };
  return interchange.functionalGroups[0]?.transactions[0]?.segments ?? [];
}

const elementsOf = (segments: ParsedSegment[], tag: string): string[] =>
  segments.find((s) => s.tag === tag)?.elements.map((e) => e.value) ?? [];

/** A payer's 278 response around `body` (the segments after BHT), with a correct SE count. */
function response278(body: string[], traceNumber = 'CT-20261122-0001'): string {
  const transaction = [
    'ST*278*0001*005010X217',
    `BHT*0007*11*${traceNumber}*20261122*2106`,
    'HL*1**20*1',
    'NM1*X3*2*BluePeak Health*****PI*BPH01',
    'HL*2*1*21*1',
    'NM1*1P*2*Harborview Recovery Center*****XX*1234567893',
    ...body,
  ];
  return [
    'ISA*00*          *00*          *ZZ*BPH01          *ZZ*CONTINUUM      *261122*2106*^*00501*000000007*0*T*:',
    'GS*HI*BPH01*CONTINUUM*20261122*2106*7*X*005010X217',
    ...transaction,
    `SE*${transaction.length + 1}*0001`,
    'GE*1*7',
    'IEA*1*000000007',
  ]
    .map((segment) => `${segment}~`)
    .join('\n');
}

const certified = response278([
  'HL*3*2*22*1',
  'NM1*IL*1*Rivera*Jordan****MI*W123456789',
  'HL*4*3*EV*0',
  'TRN*2*CT-20261122-0001*1123456789',
  'UM*HS*I*AI',
  'HCR*A1*AUTH-0042',
  'REF*BB*AUTH-0042',
  'DTP*007*RD8*20261201-20270122',
  'HSD*DY*24',
]);

const refused = response278(['HL*3*2*22*0', 'NM1*IL*1*Rivera*Jordan****MI*W123456789', 'AAA*N**72*C']);

const NOW = new Date('2026-11-22T21:05:00Z');

async function failure(promise: Promise<unknown>): Promise<RetryableGatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RetryableGatewayError);
    return error as RetryableGatewayError;
  }
  throw new Error('expected a RetryableGatewayError');
}

describe('X12GatewayAdapter', () => {
  let payer: FakePayer;
  let controlNumbers: number[];

  const adapterFor = (overrides: Partial<X12GatewayOptions> = {}): X12GatewayAdapter =>
    new X12GatewayAdapter({
      sandboxPayerUrl: payer.url,
      timeoutMs: 2_000,
      // The fake payer listens on 127.0.0.1, allow-listed as the launcher and test stacks allow-list theirs.
      urlPolicy: new OutboundUrlPolicy({ allowedHosts: ['127.0.0.1'] }),
      senderId: 'CONTINUUM',
      usage: 'T',
      nextControlNumber: () => {
        const next = 42 + controlNumbers.length;
        controlNumbers.push(next);
        return Promise.resolve(next);
      },
      now: () => NOW,
      ...overrides,
    });

  beforeEach(async () => {
    payer = await new FakePayer().start();
    controlNumbers = [];
  });

  afterEach(() => payer.stop());

  const sent = (): string => payer.received[0]?.body ?? '';

  it('is the x12 connection', () => {
    expect(adapterFor().connection).toBe('x12');
  });

  it('POSTs a valid 278 request as application/edi-x12 to the sandbox payer', async () => {
    payer.handler = () => ({ status: 202, body: '' });

    await adapterFor().submit(sampleSubmission({ connectionType: 'x12' }));

    expect(payer.received).toHaveLength(1);
    const [request] = payer.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/payers/BPH/x12/278');
    expect(request?.headers['content-type']).toBe('application/edi-x12');

    const segments = strictSegments(sent());
    expect(elementsOf(segments, 'BHT')).toEqual(['0007', '13', 'CT-20261122-0001', '20261122', '2105']);
    expect(elementsOf(segments, 'UM')).toEqual(['HS', 'I', 'AI', '57:B', '', 'E']);
    expect(segments.some((s) => s.tag === 'REF')).toBe(false);
    expect(sent()).toContain(
      'ISA*00*          *00*          *ZZ*CONTINUUM      *ZZ*BPH01          *261122*2105*^*00501*000000042*0*T*:~',
    );
    expect(sent()).toContain('GS*HI*CONTINUUM*BPH01*20261122*2105*42*X*005010X217~');
    expect(sent()).toContain('NM1*X3*2*BluePeak Health*****PI*BPH01~');
    expect(sent()).toContain('NM1*1P*2*Harborview Recovery Center*****XX*1234567893~');
    expect(sent()).toContain('NM1*IL*1*Rivera*Jordan****MI*W123456789~');
    expect(sent()).toContain('DMG*D8*19900412*F~');
    expect(sent()).toContain('HI*ABK:F1020*ABF:F329~');
    expect(sent()).toContain('DTP*AAH*RD8*20261201-20270122~');
    expect(sent()).toContain('HSD*DY*3***35*8~');
    expect(sent()).toContain('SV2*0906*HC:H0015*0*DA*24~');
    expect(sent()).not.toContain('relapse');
    expect(controlNumbers).toEqual([42]);
  });

  it('sends an expedited extension of a stay as UM*AR*4*…*U with REF*BB, and sessions as UN', async () => {
    payer.handler = () => ({ status: 202, body: '' });

    await adapterFor().submit(
      sampleSubmission(
        { x12PayerId: null },
        {
          levelOfCare: 'residential',
          certificationType: 'extension',
          authorizationNumber: 'AUTH-0042',
          urgency: 'expedited',
          placeOfService: '55',
          deliveryPattern: null,
          serviceLines: [{ procedureCode: '90837', revenueCode: null, units: 8, unitType: 'session' }],
          requestedUnits: 8,
          unitType: 'session',
        },
      ),
    );

    const segments = strictSegments(sent());
    expect(elementsOf(segments, 'UM')).toEqual(['AR', '4', 'AI', '55:B', '', 'U']);
    expect(elementsOf(segments, 'UM')[1]).toBe('4');
    expect(elementsOf(segments, 'REF')).toEqual(['BB', 'AUTH-0042']);
    expect(elementsOf(segments, 'SV1')).toEqual(['HC:90837', '0', 'UN', '8']);
    expect(segments.some((s) => s.tag === 'HSD')).toBe(false);
    // No X12 payer id: the catalog code identifies the payer.
    expect(sent()).toContain('*ZZ*BPH            *');
    expect(sent()).toContain('NM1*X3*2*BluePeak Health*****PI*BPH~');
  });

  it('sends a cancellation as UM02 3', async () => {
    payer.handler = () => ({ status: 202, body: '' });

    await adapterFor().submit(sampleSubmission({}, { certificationType: 'cancel', authorizationNumber: 'AUTH-0042' }));

    expect(elementsOf(strictSegments(sent()), 'UM').slice(0, 2)).toEqual(['HS', '3']);
    expect(sent()).toContain('REF*BB*AUTH-0042~');
  });

  it("uses the payer's own endpoint when the catalog has one", async () => {
    payer.handler = () => ({ status: 202, body: '' });

    await adapterFor({ sandboxPayerUrl: undefined }).submit(sampleSubmission({ endpointUrl: `${payer.url}/edi/278` }));

    expect(payer.received.map((r) => r.url)).toEqual(['/edi/278']);
  });

  it('maps a synchronous 278 response with HCR*A1 to a decision, and keeps the 278 sent', async () => {
    expect(() => strictSegments(certified)).not.toThrow();
    payer.handler = () => ({ status: 200, body: certified, contentType: 'application/edi-x12' });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({
      kind: 'delivered',
      payerReference: null,
      decision: {
        action: 'A1',
        authorizationNumber: 'AUTH-0042',
        approvedUnits: 24,
        unitType: 'day',
        validFrom: '2026-12-01',
        validTo: '2027-01-22',
        reasonCode: null,
        reasonText: null,
        decidedAt: '2026-11-22T21:05:00.000Z',
      },
      x12Request: sent(),
    });
    expect(sent()).toMatch(/^ISA\*/);
  });

  it("reads what libs/x12's build278Response writes (as the sandbox payer answers): a partial approval", async () => {
    payer.handler = () => ({
      status: 200,
      body: build278Response({
        controlNumber: 7,
        senderId: 'BPH01',
        receiverId: 'CONTINUUM',
        createdAt: new Date('2026-11-22T21:06:00Z'),
        usage: 'T',
        traceNumber: 'CT-20261122-0001',
        payerReference: 'BPH-REF-7781',
        payer: { name: 'BluePeak Health', payerId: 'BPH01' },
        requester: { name: 'Harborview Recovery Center', npi: '1234567893' },
        subscriber: { lastName: 'Rivera', firstName: 'Jordan', memberId: 'W123456789' },
        event: { category: 'HS', certificationType: 'I', serviceTypeCode: 'AI' },
        certification: {
          action: 'A2',
          authorizationNumber: 'AUTH-0042',
          reasonCode: null,
          approvedUnits: 10,
          quantityQualifier: 'DY',
          validFrom: '2026-12-01',
          validTo: '2026-12-18',
        },
        rejections: [],
      }),
    });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({
      kind: 'delivered',
      payerReference: 'BPH-REF-7781',
      decision: {
        action: 'A2',
        authorizationNumber: 'AUTH-0042',
        approvedUnits: 10,
        unitType: 'day',
        validFrom: '2026-12-01',
        validTo: '2026-12-18',
        reasonCode: null,
        reasonText: null,
        decidedAt: '2026-11-22T21:05:00.000Z',
      },
      x12Request: sent(),
    });
  });

  it('maps a denial without units to a decision with no unit type', async () => {
    payer.handler = () => ({
      status: 200,
      body: response278([
        'HL*3*2*22*1',
        'NM1*IL*1*Rivera*Jordan****MI*W123456789',
        'HL*4*3*EV*0',
        'TRN*2*CT-20261122-0001*1123456789',
        'UM*HS*I*AI',
        'HCR*A3**CS',
      ]),
    });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({
      kind: 'delivered',
      payerReference: null,
      decision: {
        action: 'A3',
        authorizationNumber: null,
        approvedUnits: null,
        unitType: null,
        validFrom: null,
        validTo: null,
        reasonCode: 'CS',
        reasonText: null,
        decidedAt: '2026-11-22T21:05:00.000Z',
      },
      x12Request: sent(),
    });
  });

  it('maps a 278 response with AAA to a rejection', async () => {
    expect(() => strictSegments(refused)).not.toThrow();
    payer.handler = () => ({ status: 200, body: refused });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({
      kind: 'rejected',
      code: '72',
      message: 'payer rejected the 278 (AAA 72)',
      x12Request: sent(),
    });
  });

  it('returns delivered with no decision when a 2xx has an empty body', async () => {
    payer.handler = () => ({ status: 200, body: '' });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({ kind: 'delivered', payerReference: null, decision: null, x12Request: sent() });
    expect(sent()).not.toBe('');
  });

  it('returns delivered with no decision when the 278 response only acknowledges the request', async () => {
    payer.handler = () => ({
      status: 200,
      body: response278([
        'HL*3*2*22*1',
        'NM1*IL*1*Rivera*Jordan****MI*W123456789',
        'HL*4*3*EV*0',
        'TRN*2*CT-20261122-0001*1123456789',
        'UM*HS*I*AI',
      ]),
    });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({
      kind: 'delivered',
      payerReference: null,
      decision: null,
      x12Request: sent(),
    });
  });

  it("keeps the payer's reference (REF*NT) of a 278 response that only acknowledges the request", async () => {
    const acknowledgement = response278([
      'HL*3*2*22*1',
      'NM1*IL*1*Rivera*Jordan****MI*W123456789',
      'HL*4*3*EV*0',
      'TRN*2*CT-20261122-0001*1123456789',
      'UM*HS*I*AI',
      'REF*NT*BPH-REF-7781',
    ]);
    expect(() => strictSegments(acknowledgement)).not.toThrow();
    payer.handler = () => ({ status: 200, body: acknowledgement });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({ kind: 'delivered', payerReference: 'BPH-REF-7781', decision: null, x12Request: sent() });
  });

  it.each([
    ['garbage', 'OK, thanks'],
    ['JSON', '{"status":"received"}'],
    ['an unknown HCR01 action', response278(['HL*4*3*EV*0', 'HCR*ZZ'])],
  ])('throws a RetryableGatewayError, with the 278 sent, on a 2xx body that is %s', async (_what, body) => {
    payer.handler = () => ({ status: 200, body });

    const error = await failure(adapterFor().submit(sampleSubmission()));

    expect(error.message).toBe('payer answered 200 with an unreadable 278 response');
    expect(error.x12Request).toBe(sent());
  });

  it('throws a RetryableGatewayError on the 278 response of another trace number', async () => {
    payer.handler = () => ({ status: 200, body: response278(['HL*4*3*EV*0', 'HCR*A1*AUTH-9'], 'CT-OTHER') });

    const error = await failure(adapterFor().submit(sampleSubmission()));

    expect(error.message).toBe('payer answered 200 with the 278 response of another trace number');
  });

  it('maps a 4xx to a rejection named by its status', async () => {
    payer.handler = () => ({ status: 400, body: 'bad envelope', contentType: 'text/plain' });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({
      kind: 'rejected',
      code: 'http_400',
      message: 'payer refused the request (HTTP 400)',
      x12Request: sent(),
    });
  });

  it("keeps a 4xx SandboxRejection's message, still named by the status", async () => {
    payer.handler = () => ({ status: 415, body: JSON.stringify({ code: 'unsupported', message: 'send X12' }) });

    const outcome = await adapterFor().submit(sampleSubmission());

    expect(outcome).toEqual({
      kind: 'rejected',
      code: 'http_415',
      message: 'send X12',
      x12Request: sent(),
    });
  });

  it('throws a RetryableGatewayError, with the 278 sent, on a 5xx', async () => {
    payer.handler = () => ({ status: 502, body: '' });

    const error = await failure(adapterFor().submit(sampleSubmission()));

    expect(error.message).toBe('payer answered 502');
    expect(error.x12Request).toBe(sent());
  });

  it('throws a RetryableGatewayError when the payer does not answer in time', async () => {
    payer.handler = () => 'hang';

    const error = await failure(adapterFor({ timeoutMs: 200 }).submit(sampleSubmission()));

    expect(error.message).toBe('no complete answer within 200 ms');
    expect(error.x12Request).toBe(sent());
  });

  it('throws a RetryableGatewayError when the connection is refused', async () => {
    const error = await failure(adapterFor({ sandboxPayerUrl: await unusedPortUrl() }).submit(sampleSubmission()));

    expect(error.message).toBe('connection refused (ECONNREFUSED)');
    expect(error.x12Request).toMatch(/^ISA\*.*IEA\*1\*000000042~$/s);
  });

  it('throws a RetryableGatewayError, before using a control number, when there is no endpoint', async () => {
    const error = await failure(adapterFor({ sandboxPayerUrl: undefined }).submit(sampleSubmission()));

    expect(error.message).toBe('no endpoint configured for payer BPH');
    expect(error.x12Request).toBeNull();
    expect(controlNumbers).toEqual([]);
  });

  it('throws a RetryableGatewayError when no control number can be had', async () => {
    const error = await failure(
      adapterFor({ nextControlNumber: () => Promise.reject(new Error('database down')) }).submit(sampleSubmission()),
    );

    expect(error.message).toBe('could not allocate an X12 interchange control number');
    expect(payer.received).toHaveLength(0);
  });

  it('rejects, without sending, a level of care a 278 cannot carry', async () => {
    await expect(adapterFor().submit(sampleSubmission({}, { levelOfCare: 'spa' }))).resolves.toEqual({
      kind: 'rejected',
      code: 'unknown_level_of_care',
      message: 'level of care spa has no X12 review category',
      x12Request: null,
    });
    expect(payer.received).toHaveLength(0);
  });
});
