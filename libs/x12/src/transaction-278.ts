import { cleanValue, DEFAULT_DELIMITERS, type Segment, writeSegments } from './x12-syntax';

/** What the ISA and GS headers of an interchange carry, for a request and a response alike. */
export interface Interchange278 {
  /** Interchange control number (1–999999999), unique per sender. */
  controlNumber: number;
  senderId: string;
  receiverId: string;
  /** The instant of creation, UTC. */
  createdAt: Date;
  usage: 'P' | 'T';
}

/** CCYYMMDD and HHMM of an instant, UTC, as the envelope and BHT write them. */
export function x12DateTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 16).replace(':', '') };
}

const pad = (value: string, width: number): string => value.slice(0, width).padEnd(width, ' ');
const digits = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Wraps one 005010X217 278 transaction set in its envelope: ISA/GS/ST before `body`, SE/GE/IEA after it,
 * with the right segment count and matching control numbers.
 */
export function write278Interchange(interchange: Interchange278, body: readonly Segment[]): string {
  const v = (value: string): string => cleanValue(value);
  const { date, time } = x12DateTime(interchange.createdAt);
  const control = digits(interchange.controlNumber, 9);
  const { component, repetition } = DEFAULT_DELIMITERS;
  const isa: Segment = [
    'ISA',
    '00',
    pad('', 10),
    '00',
    pad('', 10),
    'ZZ',
    pad(v(interchange.senderId), 15),
    'ZZ',
    pad(v(interchange.receiverId), 15),
    date.slice(2),
    time,
    repetition,
    '00501',
    control,
    '0',
    interchange.usage,
    component,
  ];
  const gs: Segment = [
    'GS',
    'HI',
    v(interchange.senderId),
    v(interchange.receiverId),
    date,
    time,
    String(interchange.controlNumber),
    'X',
    '005010X217',
  ];
  const transaction: Segment[] = [['ST', '278', '0001', '005010X217'], ...body];
  // SE01 counts every segment of the transaction set, ST and SE included.
  transaction.push(['SE', String(transaction.length + 1), '0001']);
  return writeSegments([
    isa,
    gs,
    ...transaction,
    ['GE', '1', String(interchange.controlNumber)],
    ['IEA', '1', control],
  ]);
}

/**
 * TRN of the patient event: TRN01 `1` is the requester's own trace, `2` the same trace echoed back by the
 * payer; TRN03 names the originator as `1` followed by nine digits (the requester's NPI here).
 */
export function traceSegment(type: '1' | '2', traceNumber: string, requesterNpi: string): Segment {
  return ['TRN', type, cleanValue(traceNumber), `1${cleanValue(requesterNpi).slice(0, 9).padEnd(9, '0')}`];
}

/** NM1 of an organization identified by an id of the given qualifier (PI payer id, XX NPI). */
export function organizationSegment(entity: string, name: string, idQualifier: string, id: string): Segment {
  return ['NM1', entity, '2', cleanValue(name), '', '', '', '', idQualifier, cleanValue(id)];
}

/** NM1*IL of the subscriber, identified by the member id. */
export function subscriberSegment(subscriber: { lastName: string; firstName: string; memberId: string }): Segment {
  return [
    'NM1',
    'IL',
    '1',
    cleanValue(subscriber.lastName),
    cleanValue(subscriber.firstName),
    '',
    '',
    '',
    'MI',
    cleanValue(subscriber.memberId),
  ];
}
