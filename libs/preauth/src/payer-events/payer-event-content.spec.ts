import type { FieldError } from '@continuum/common';
import { build278Response, type Certification278, type Response278Draft } from '@continuum/x12';
import {
  PAYER_EVENT_CONTENT_TYPES,
  PAYER_EVENT_TYPES,
  type PayerDecisionContent,
  PayerEventContentError,
  parsePayerEventContent,
  payerEventMediaType,
} from './payer-event-content';

const JSON_TYPE = 'application/json';
const X12_TYPE = 'application/edi-x12';
const TRACE = 'CT-20261122-0001';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
const event = (type: string, data: Record<string, unknown>): Buffer => json({ type, data });

/** The error `parsePayerEventContent` throws, or a failed test if it returns. */
function failure(contentType: string | undefined, body: Buffer): PayerEventContentError {
  try {
    parsePayerEventContent(contentType, body);
  } catch (error) {
    expect(error).toBeInstanceOf(PayerEventContentError);
    return error as PayerEventContentError;
  }
  throw new Error('expected a PayerEventContentError');
}

const problemsOf = (contentType: string | undefined, body: Buffer): FieldError[] => failure(contentType, body).problems;

/** The fields at fault in a JSON event with these `data`. */
const fieldsAtFault = (type: string, data: Record<string, unknown>): string[] =>
  problemsOf(JSON_TYPE, event(type, data)).map((p) => p.field);

const approval: Certification278 = {
  action: 'A1',
  authorizationNumber: 'BPH-AUTH-0042',
  reasonCode: null,
  approvedUnits: 24,
  quantityQualifier: 'DY',
  validFrom: '2026-12-01',
  validTo: '2027-01-22',
};

/** A payer's 278 response, as libs/x12 (and the sandbox payer) writes it. */
const response278 = (overrides: Partial<Response278Draft> = {}): Buffer =>
  Buffer.from(
    build278Response({
      controlNumber: 7,
      senderId: 'BPH01',
      receiverId: 'CONTINUUM',
      createdAt: new Date('2026-11-23T09:30:27Z'),
      usage: 'T',
      traceNumber: TRACE,
      payerReference: 'PR-9F3A01',
      payer: { name: 'BluePeak Health', payerId: 'BPH01' },
      requester: { name: 'Harborview Recovery Center', npi: '1234567893' },
      subscriber: { lastName: 'Rivera', firstName: 'Jordan', memberId: 'W123456789' },
      event: { category: 'HS', certificationType: 'I', serviceTypeCode: 'AI' },
      certification: approval,
      rejections: [],
      ...overrides,
    }),
    'latin1',
  );

const certification = (changes: Partial<Certification278>): Partial<Response278Draft> => ({
  certification: { ...approval, ...changes },
});

/** A built 278 with one piece of text replaced (the parser does not recount SE01). */
const edited = (from: string, to: string, overrides: Partial<Response278Draft> = {}): Buffer => {
  const text = response278(overrides).toString('latin1');
  expect(text).toContain(from);
  return Buffer.from(text.replace(from, to), 'latin1');
};

describe('payerEventMediaType', () => {
  it.each([
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['Application/JSON;charset=UTF-8', 'json'],
    ['application/edi-x12', 'x12'],
    [' APPLICATION/EDI-X12 ; charset=latin1', 'x12'],
  ])('reads %j as %s', (contentType, expected) => {
    expect(payerEventMediaType(contentType)).toBe(expected);
  });

  it.each([undefined, '', 'text/plain', 'application/jsonp', 'application/x12', 'application/edi-x12x', 'json'])(
    'is null for %j',
    (contentType) => {
      expect(payerEventMediaType(contentType)).toBeNull();
    },
  );

  it('names the two media types it accepts', () => {
    expect(PAYER_EVENT_CONTENT_TYPES).toEqual({ json: 'application/json', x12: 'application/edi-x12' });
  });
});

describe('parsePayerEventContent', () => {
  describe('content type', () => {
    it.each([undefined, '', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
      'refuses %j on the content-type field, whatever the body',
      (contentType) => {
        const error = failure(contentType, event('preauth.decision', { traceNumber: TRACE, action: 'A1' }));
        expect(error.problems).toEqual([
          { field: 'content-type', messages: ['content-type must be application/json or application/edi-x12'] },
        ]);
        expect(error.message).toBe('unsupported payer event content type');
        expect(error.name).toBe('PayerEventContentError');
        expect(error).toBeInstanceOf(Error);
      },
    );
  });

  describe('JSON', () => {
    const decision = (data: Record<string, unknown>, type = 'preauth.decision'): PayerDecisionContent =>
      parsePayerEventContent(JSON_TYPE, event(type, data)) as PayerDecisionContent;

    it('reads a complete decision', () => {
      const content = parsePayerEventContent(
        'application/json; charset=utf-8',
        event('preauth.decision', {
          traceNumber: TRACE,
          payerReference: 'PR-9F3A01',
          action: 'A2',
          authorizationNumber: 'BPH-AUTH-0042',
          approvedUnits: 10,
          unitType: 'day',
          validFrom: '2026-12-01',
          validTo: '2026-12-18',
          reasonCode: 'MN',
          reasonText: 'Fewer days are medically necessary.',
          decidedAt: '2026-11-23T10:00:00Z',
        }),
      );
      expect(content).toEqual({
        kind: 'decision',
        type: 'preauth.decision',
        traceNumber: TRACE,
        payerReference: 'PR-9F3A01',
        action: 'A2',
        authorizationNumber: 'BPH-AUTH-0042',
        approvedUnits: 10,
        unitType: 'day',
        validFrom: '2026-12-01',
        validTo: '2026-12-18',
        reasonCode: 'MN',
        reasonText: 'Fewer days are medically necessary.',
        decidedAt: new Date('2026-11-23T10:00:00Z'),
      });
    });

    it('turns missing, null and empty optional fields into null', () => {
      const expected = {
        kind: 'decision',
        type: 'preauth.decision',
        traceNumber: TRACE,
        payerReference: null,
        action: 'A3',
        authorizationNumber: null,
        approvedUnits: null,
        unitType: null,
        validFrom: null,
        validTo: null,
        reasonCode: null,
        reasonText: null,
        decidedAt: null,
      };
      expect(decision({ traceNumber: TRACE, action: 'A3' })).toEqual(expected);
      expect(
        decision({
          traceNumber: TRACE,
          action: 'A3',
          payerReference: null,
          authorizationNumber: null,
          approvedUnits: null,
          unitType: null,
          validFrom: null,
          validTo: null,
          reasonCode: null,
          reasonText: null,
          decidedAt: null,
        }),
      ).toEqual(expected);
      expect(
        decision({ traceNumber: TRACE, action: 'A3', payerReference: '', authorizationNumber: '', reasonCode: '' }),
      ).toEqual(expected);
    });

    it('ignores properties it does not know, at the top level and in data', () => {
      const content = parsePayerEventContent(
        JSON_TYPE,
        json({
          id: 'evt_1',
          type: 'preauth.decision',
          createdAt: '2026-11-23T10:00:00Z',
          data: { traceNumber: TRACE, action: 'A1', member: { id: 'W1' }, extra: [1, 2] },
        }),
      );
      expect(content).toMatchObject({ kind: 'decision', action: 'A1' });
      expect(Object.keys(content)).not.toContain('member');
      expect(Object.keys(content)).not.toContain('extra');
    });

    it('cannot be tricked by a __proto__ key into skipping validation', () => {
      const body = Buffer.from(
        `{"type":"preauth.decision","data":{"__proto__":{"x":1},"traceNumber":"bad trace!","action":"A1"}}`,
      );
      expect(problemsOf(JSON_TYPE, body).map((p) => p.field)).toEqual(['data.traceNumber']);
    });

    it('reads a body with a UTF-8 byte order mark, and non-ASCII text', () => {
      const body = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        event('preauth.decision', {
          traceNumber: TRACE,
          action: 'A3',
          reasonText: 'Nicht medizinisch notwendig – Prüfung',
        }),
      ]);
      expect(parsePayerEventContent(JSON_TYPE, body)).toMatchObject({
        reasonText: 'Nicht medizinisch notwendig – Prüfung',
      });
    });

    it.each([
      ['preauth.pended', 'A4'],
      ['preauth.info_requested', 'CT'],
      ['preauth.cancelled', 'C'],
    ])('defaults the action of %s to %s', (type, action) => {
      expect(decision({ traceNumber: TRACE }, type)).toMatchObject({ kind: 'decision', type, action });
      expect(decision({ traceNumber: TRACE, action: null }, type)).toMatchObject({ action });
    });

    it.each([
      ['preauth.decision', ['A1', 'A2', 'A3', 'A6', 'NA', 'C']],
      ['preauth.pended', ['A4', 'CT']],
      ['preauth.info_requested', ['A4', 'CT']],
      ['preauth.cancelled', ['C']],
    ])('lets %s carry %j', (type, actions) => {
      for (const action of actions) {
        expect(decision({ traceNumber: TRACE, action }, type)).toMatchObject({ type, action });
      }
    });

    it.each([
      ['preauth.decision', ['A4', 'CT']],
      ['preauth.pended', ['A1', 'A2', 'A3', 'A6', 'NA', 'C']],
      ['preauth.info_requested', ['A1', 'A2', 'A3', 'A6', 'NA', 'C']],
      ['preauth.cancelled', ['A1', 'A2', 'A3', 'A4', 'A6', 'CT', 'NA']],
    ])('refuses %s with %j, on data.action', (type, actions) => {
      for (const action of actions) {
        expect(problemsOf(JSON_TYPE, event(type, { traceNumber: TRACE, action }))).toEqual([
          {
            field: 'data.action',
            messages: [expect.stringContaining(`action ${action} does not fit a ${type} event`)],
          },
        ]);
      }
    });

    it('requires the action of a preauth.decision', () => {
      for (const data of [{ traceNumber: TRACE }, { traceNumber: TRACE, action: null }]) {
        expect(problemsOf(JSON_TYPE, event('preauth.decision', data))).toEqual([
          { field: 'data.action', messages: ['action is required in a preauth.decision event'] },
        ]);
      }
    });

    it('accepts every event type it lists', () => {
      expect(PAYER_EVENT_TYPES).toEqual([
        'preauth.decision',
        'preauth.pended',
        'preauth.info_requested',
        'preauth.cancelled',
      ]);
    });

    it('accepts the edges of every limit', () => {
      const content = decision({
        traceNumber: 'A'.repeat(50),
        payerReference: 'R'.repeat(80),
        action: 'A1',
        authorizationNumber: 'N'.repeat(50),
        approvedUnits: 100_000,
        unitType: 'unit',
        validFrom: '2028-02-29',
        validTo: '2028-02-29',
        reasonCode: 'C'.repeat(40),
        reasonText: 'T'.repeat(500),
      });
      expect(content).toMatchObject({ approvedUnits: 100_000, validFrom: '2028-02-29', validTo: '2028-02-29' });
      expect(decision({ traceNumber: '1', action: 'NA', approvedUnits: 0, unitType: 'session' })).toMatchObject({
        traceNumber: '1',
        approvedUnits: 0,
        unitType: 'session',
      });
    });

    it.each([
      ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000Z'],
      ['2026-11-23T10:00:00.123+02:00', '2026-11-23T08:00:00.123Z'],
      ['2026-11-23T10:00:00-05:30', '2026-11-23T15:30:00.000Z'],
      ['2026-11-23T23:30:00-01:00', '2026-11-24T00:30:00.000Z'],
      ['2026-11-23T10:00Z', '2026-11-23T10:00:00.000Z'],
      ['2026-11-23T10:00:00.123456789Z', '2026-11-23T10:00:00.123Z'],
      ['2026-11-23T10:00:00.5+00:00', '2026-11-23T10:00:00.500Z'],
    ])('reads decidedAt %s as the instant %s', (decidedAt, expected) => {
      expect(decision({ traceNumber: TRACE, action: 'A1', decidedAt }).decidedAt?.toISOString()).toBe(expected);
    });

    it.each([
      ['without a zone', '2026-11-23T10:00:00'],
      ['a date alone', '2026-11-23'],
      ['a space for T', '2026-11-23 10:00:00Z'],
      ['a lower-case z', '2026-11-23T10:00:00z'],
      ['an offset without a colon', '2026-11-23T10:00:00+0200'],
      ['hour 24', '2026-11-23T24:00:00Z'],
      ['second 60', '2026-11-23T10:00:60Z'],
      ['an impossible date', '2026-02-30T10:00:00Z'],
      ['an impossible offset', '2026-11-23T10:00:00+24:00'],
      ['words', 'yesterday'],
      ['an empty string', ''],
      ['a number', 1_795_428_000_000],
    ])('refuses decidedAt %s', (_, decidedAt) => {
      expect(problemsOf(JSON_TYPE, event('preauth.decision', { traceNumber: TRACE, action: 'A1', decidedAt }))).toEqual(
        [
          {
            field: 'data.decidedAt',
            messages: ['decidedAt must be an ISO 8601 date and time with Z or a UTC offset, e.g. 2026-11-23T10:00:00Z'],
          },
        ],
      );
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['no trace number', { traceNumber: undefined }, 'data.traceNumber'],
      ['an empty trace number', { traceNumber: '' }, 'data.traceNumber'],
      ['a trace number of 51 characters', { traceNumber: 'A'.repeat(51) }, 'data.traceNumber'],
      ['a trace number with a space', { traceNumber: 'CT 1' }, 'data.traceNumber'],
      ['a trace number with an underscore', { traceNumber: 'CT_1' }, 'data.traceNumber'],
      ['a numeric trace number', { traceNumber: 20261122 }, 'data.traceNumber'],
      ['a payer reference of 81 characters', { payerReference: 'R'.repeat(81) }, 'data.payerReference'],
      ['a numeric payer reference', { payerReference: 7781 }, 'data.payerReference'],
      ['an unknown action', { action: 'A5' }, 'data.action'],
      ['a lower-case action', { action: 'a1' }, 'data.action'],
      ['an authorization number of 51 characters', { authorizationNumber: 'N'.repeat(51) }, 'data.authorizationNumber'],
      ['a numeric authorization number', { authorizationNumber: 42 }, 'data.authorizationNumber'],
      ['negative units', { approvedUnits: -1 }, 'data.approvedUnits'],
      ['too many units', { approvedUnits: 100_001 }, 'data.approvedUnits'],
      ['fractional units', { approvedUnits: 1.5 }, 'data.approvedUnits'],
      ['units as a string', { approvedUnits: '10' }, 'data.approvedUnits'],
      ['an unknown unit type', { unitType: 'week' }, 'data.unitType'],
      ['an impossible validFrom', { validFrom: '2026-02-30' }, 'data.validFrom'],
      ['a validFrom without padding', { validFrom: '2026-2-1' }, 'data.validFrom'],
      ['an X12-style validTo', { validTo: '20261201' }, 'data.validTo'],
      ['a validTo with a time', { validTo: '2026-12-01T00:00:00Z' }, 'data.validTo'],
      ['a validTo before validFrom', { validFrom: '2026-12-02', validTo: '2026-12-01' }, 'data.validTo'],
      ['a reason code of 41 characters', { reasonCode: 'C'.repeat(41) }, 'data.reasonCode'],
      ['a reason text of 501 characters', { reasonText: 'T'.repeat(501) }, 'data.reasonText'],
      ['a reason text that is not text', { reasonText: { en: 'no' } }, 'data.reasonText'],
    ])('refuses %s', (_, changes, field) => {
      expect(fieldsAtFault('preauth.decision', { traceNumber: TRACE, action: 'A1', ...changes })).toEqual([field]);
    });

    it('reports every problem at once, each with its path and messages', () => {
      const error = failure(
        JSON_TYPE,
        json({
          type: 'preauth.approved',
          data: { traceNumber: '', approvedUnits: -2.5, unitType: 'week', validFrom: '2026-13-01', decidedAt: 'now' },
        }),
      );
      expect(error.problems).toEqual([
        {
          field: 'type',
          messages: ['type must be one of preauth.decision, preauth.pended, preauth.info_requested, preauth.cancelled'],
        },
        { field: 'data.traceNumber', messages: ['traceNumber must be 1–50 letters, digits or hyphens'] },
        {
          field: 'data.approvedUnits',
          messages: ['approvedUnits must be an integer'],
        },
        { field: 'data.unitType', messages: ['unitType must be one of day, session, unit'] },
        { field: 'data.validFrom', messages: ['validFrom must be a date written YYYY-MM-DD'] },
        {
          field: 'data.decidedAt',
          messages: ['decidedAt must be an ISO 8601 date and time with Z or a UTC offset, e.g. 2026-11-23T10:00:00Z'],
        },
      ]);
      expect(error.message).toBe(
        'invalid payer event: type, data.traceNumber, data.approvedUnits, data.unitType, data.validFrom, data.decidedAt',
      );
    });

    it('checks the action against the type only when both are readable', () => {
      expect(fieldsAtFault('preauth.unknown', { traceNumber: TRACE, action: 'A1' })).toEqual(['type']);
      expect(fieldsAtFault('preauth.pended', { traceNumber: TRACE, action: 'ZZ' })).toEqual(['data.action']);
      expect(problemsOf(JSON_TYPE, event('preauth.pended', { traceNumber: TRACE, action: 'ZZ' }))[0]?.messages).toEqual(
        ['action must be one of A1, A2, A3, A4, A6, C, CT, NA'],
      );
    });

    it.each<[string, unknown, string[]]>([
      ['no type', { data: { traceNumber: TRACE, action: 'A1' } }, ['type']],
      ['a numeric type', { type: 1, data: { traceNumber: TRACE, action: 'A1' } }, ['type']],
      ['no data', { type: 'preauth.decision' }, ['data']],
      ['null data', { type: 'preauth.decision', data: null }, ['data']],
      ['data that is an array', { type: 'preauth.decision', data: [{ traceNumber: TRACE }] }, ['data']],
      ['data that is a string', { type: 'preauth.decision', data: TRACE }, ['data']],
      ['neither', {}, ['type', 'data']],
    ])('refuses an event with %s', (_, body, fields) => {
      expect(problemsOf(JSON_TYPE, json(body)).map((p) => p.field)).toEqual(fields);
    });

    it.each<[string, Buffer, string]>([
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'body must be UTF-8 text'],
      [
        'Latin-1 text',
        Buffer.from('{"type":"preauth.decision","data":{"reasonText":"Prüfung"}}', 'latin1'),
        'body must be UTF-8 text',
      ],
      [
        'broken JSON',
        Buffer.from('{"type":"preauth.decision","data":{"traceNumber":"W123456789 Rivera"'),
        'body must be valid JSON',
      ],
      ['an empty body', Buffer.alloc(0), 'body must be valid JSON'],
      ['an array', json([{ type: 'preauth.decision' }]), 'body must be a JSON object with type and data'],
      ['null', json(null), 'body must be a JSON object with type and data'],
      ['a string', json('preauth.decision'), 'body must be a JSON object with type and data'],
    ])('refuses %s on the body field', (_, body, message) => {
      const error = failure('application/json', body);
      expect(error.problems).toEqual([{ field: 'body', messages: [message] }]);
      // The body may carry patient details: never echoed.
      expect(JSON.stringify(error.problems)).not.toContain('Rivera');
    });
  });

  describe('X12 278', () => {
    it('reads an approval built by build278Response, its BHT date and time as decidedAt', () => {
      expect(parsePayerEventContent(X12_TYPE, response278())).toEqual({
        kind: 'decision',
        type: 'preauth.decision',
        traceNumber: TRACE,
        payerReference: 'PR-9F3A01',
        action: 'A1',
        authorizationNumber: 'BPH-AUTH-0042',
        approvedUnits: 24,
        unitType: null,
        validFrom: '2026-12-01',
        validTo: '2027-01-22',
        reasonCode: null,
        reasonText: null,
        // BHT05 is HHMM: the seconds are not carried.
        decidedAt: new Date('2026-11-23T09:30:00Z'),
      });
    });

    it('reads a pend as preauth.pended', () => {
      const pend = certification({
        action: 'A4',
        authorizationNumber: null,
        approvedUnits: null,
        validFrom: null,
        validTo: null,
      });
      expect(parsePayerEventContent('Application/EDI-X12; charset=us-ascii', response278(pend))).toEqual({
        kind: 'decision',
        type: 'preauth.pended',
        traceNumber: TRACE,
        payerReference: 'PR-9F3A01',
        action: 'A4',
        authorizationNumber: null,
        approvedUnits: null,
        unitType: null,
        validFrom: null,
        validTo: null,
        reasonCode: null,
        reasonText: null,
        decidedAt: new Date('2026-11-23T09:30:00Z'),
      });
    });

    it.each([
      ['CT', 'preauth.info_requested'],
      ['C', 'preauth.cancelled'],
      ['A2', 'preauth.decision'],
      ['A3', 'preauth.decision'],
      ['A6', 'preauth.decision'],
      ['NA', 'preauth.decision'],
    ] as const)('derives the type of HCR01 %s: %s', (action, type) => {
      const content = parsePayerEventContent(X12_TYPE, response278(certification({ action, reasonCode: 'MN' })));
      expect(content).toMatchObject({ kind: 'decision', type, action, reasonCode: 'MN', reasonText: null });
    });

    it('reads an AAA-only response as a rejection', () => {
      const rejected = response278({
        certification: null,
        rejections: [
          { code: '75', followUp: 'C' },
          { code: '15', followUp: null },
        ],
      });
      expect(parsePayerEventContent(X12_TYPE, rejected)).toEqual({
        kind: 'rejection',
        traceNumber: TRACE,
        // A rejection has no patient event, so build278Response writes no REF*NT.
        payerReference: null,
        rejections: [
          { code: '75', followUp: 'C' },
          { code: '15', followUp: null },
        ],
        decidedAt: new Date('2026-11-23T09:30:00Z'),
      });
    });

    it('prefers the decision when a 278 carries both HCR and AAA', () => {
      const both = edited('HCR*A1', 'AAA*N**15*C~\nHCR*A1');
      expect(parsePayerEventContent(X12_TYPE, both)).toMatchObject({ kind: 'decision', action: 'A1' });
    });

    it('refuses a 278 that only acknowledges the request', () => {
      expect(problemsOf(X12_TYPE, response278({ certification: null }))).toEqual([
        { field: 'body', messages: ['a 278 callback must carry a decision (HCR) or rejections (AAA)'] },
      ]);
    });

    it('has no decidedAt when BHT carries no time', () => {
      const untimed = edited(`BHT*0007*11*${TRACE}*20261123*0930~`, `BHT*0007*11*${TRACE}*20261123~`);
      expect(parsePayerEventContent(X12_TYPE, untimed)).toMatchObject({ kind: 'decision', decidedAt: null });
    });

    it('reads Latin-1 bytes as well as UTF-8', () => {
      const latin1 = response278({ payer: { name: 'Société Santé', payerId: 'BPH01' } });
      expect(latin1.includes(Buffer.from('Soci\u00e9t\u00e9', 'latin1'))).toBe(true);
      expect(parsePayerEventContent(X12_TYPE, latin1)).toMatchObject({ kind: 'decision', action: 'A1' });
      const utf8 = Buffer.from(latin1.toString('latin1'), 'utf8');
      expect(parsePayerEventContent(X12_TYPE, utf8)).toMatchObject({ kind: 'decision', action: 'A1' });
    });

    it.each<[string, Buffer, string]>([
      ['text that is not X12', Buffer.from('OK, thanks'), 'not an X12 interchange: no ISA header'],
      [
        'a JSON event sent as X12',
        event('preauth.decision', { traceNumber: TRACE }),
        'not an X12 interchange: no ISA header',
      ],
      ['another transaction set', edited('ST*278*', 'ST*270*'), 'not a 278 transaction'],
      ['an unknown HCR01 action', edited('HCR*A1*', 'HCR*ZZ*'), 'unknown HCR01 action code ZZ'],
      ['a date that is not CCYYMMDD', edited('RD8*20261201-', 'RD8*261201-'), 'not an X12 date: 261201'],
    ])('refuses %s with the parser’s message on body', (_, body, message) => {
      expect(problemsOf(X12_TYPE, body)).toEqual([{ field: 'body', messages: [message] }]);
    });

    it.each<[string, Buffer, string]>([
      ['fractional units', edited('HSD*DY*24~', 'HSD*DY*2.5~'), 'approvedUnits must be an integer'],
      ['units that are not a number', edited('HSD*DY*24~', 'HSD*DY*many~'), 'approvedUnits must be an integer'],
      ['too many units', edited('HSD*DY*24~', 'HSD*DY*100001~'), 'approvedUnits must not be greater than 100000'],
      [
        'an impossible date',
        edited('20261201-20270122', '20260230-20270122'),
        'validFrom must be a date written YYYY-MM-DD',
      ],
      [
        'a period that ends before it starts',
        edited('20261201-20270122', '20270122-20261201'),
        'validTo must not be before validFrom',
      ],
      [
        'a trace number we could not have sent',
        edited(`BHT*0007*11*${TRACE}*`, 'BHT*0007*11*CT 0001*'),
        'traceNumber must be 1–50 letters, digits or hyphens',
      ],
    ])('refuses a 278 with %s on body', (_, body, message) => {
      const problems = problemsOf(X12_TYPE, body);
      expect(problems.map((p) => p.field)).toEqual(['body']);
      expect(problems[0]?.messages).toContain(message);
    });
  });
});
