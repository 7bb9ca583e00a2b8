import {
  type Interchange278,
  organizationSegment,
  subscriberSegment,
  traceSegment,
  write278Interchange,
  x12DateTime,
} from './transaction-278';
import { cleanValue, DEFAULT_DELIMITERS, type Segment, x12Date } from './x12-syntax';

export type RequestCategory = 'AR' | 'HS';
export type CertificationType = 'I' | '4' | '3';

export interface ServiceLine {
  /** HCPCS or CPT code. */
  procedureCode: string;
  /** Institutional lines (SV2) carry a revenue code; professional lines (SV1) do not. */
  revenueCode?: string;
  units: number;
  unitType: 'DA' | 'UN';
  chargeCents?: number;
}

export interface Request278 extends Interchange278 {
  /** Our trace number: BHT03 and TRN02, echoed by the payer; it makes a resend recognizable. */
  traceNumber: string;
  payer: { name: string; payerId: string };
  requester: { name: string; npi: string };
  subscriber: { lastName: string; firstName: string; memberId: string; dateOfBirth: string; sex: 'M' | 'F' | 'U' };
  servicingProvider: { name: string; npi: string };
  event: {
    category: RequestCategory;
    certificationType: CertificationType;
    /** X12 service type (UM03), e.g. `AI` substance abuse, `MH` mental health. */
    serviceTypeCode: string;
    placeOfService: string;
    expedited: boolean;
    /** ICD-10-CM codes, the first principal. */
    diagnoses: string[];
    from: string;
    to: string;
    /** For a delivery pattern: so many days a week for so many weeks. */
    pattern?: { daysPerWeek: number; weeks: number };
    /** For an extension or cancellation: the authorization being extended or cancelled. */
    authorizationNumber?: string;
  };
  lines: ServiceLine[];
}

const money = (cents: number): string => (cents / 100).toFixed(2).replace(/\.00$/, '');

/**
 * A 005010X217 278 request: ISA/GS/ST envelope, BHT, the HL chain payer (20) → requester (21) → subscriber
 * (22) → patient event (EV: TRN, UM, REF, DTP, HI, HSD, servicing provider) → one service (SS) per line
 * (SV1 or SV2, DTP), and SE/GE/IEA with the right counts and control numbers.
 */
export function build278Request(request: Request278): string {
  const v = (value: string): string => cleanValue(value);
  const { date, time } = x12DateTime(request.createdAt);
  const { component } = DEFAULT_DELIMITERS;

  const { event, lines } = request;
  const body: Segment[] = [
    ['BHT', '0007', '13', v(request.traceNumber), date, time],
    ['HL', '1', '', '20', '1'],
    organizationSegment('X3', request.payer.name, 'PI', request.payer.payerId),
    ['HL', '2', '1', '21', '1'],
    organizationSegment('1P', request.requester.name, 'XX', request.requester.npi),
    ['HL', '3', '2', '22', '1'],
    subscriberSegment(request.subscriber),
    ['DMG', 'D8', x12Date(request.subscriber.dateOfBirth), request.subscriber.sex],
    ['HL', '4', '3', 'EV', lines.length > 0 ? '1' : '0'],
    traceSegment('1', request.traceNumber, request.requester.npi),
    [
      'UM',
      event.category,
      event.certificationType,
      v(event.serviceTypeCode),
      `${v(event.placeOfService)}${component}B`,
      '',
      event.expedited ? 'U' : 'E',
    ],
    ...(event.authorizationNumber === undefined ? [] : [['REF', 'BB', v(event.authorizationNumber)]]),
    ['DTP', 'AAH', 'RD8', `${x12Date(event.from)}-${x12Date(event.to)}`],
    ['HI', ...event.diagnoses.map((code, i) => `${i === 0 ? 'ABK' : 'ABF'}${component}${v(code).replace('.', '')}`)],
    ...(event.pattern === undefined
      ? []
      : [['HSD', 'DY', String(event.pattern.daysPerWeek), '', '', '35', String(event.pattern.weeks)]]),
    organizationSegment('SJ', request.servicingProvider.name, 'XX', request.servicingProvider.npi),
    ...lines.flatMap((line, i): Segment[] => [
      ['HL', String(5 + i), '4', 'SS', '0'],
      line.revenueCode === undefined
        ? [
            'SV1',
            `HC${component}${v(line.procedureCode)}`,
            money(line.chargeCents ?? 0),
            line.unitType === 'DA' ? 'DA' : 'UN',
            String(line.units),
          ]
        : [
            'SV2',
            v(line.revenueCode),
            `HC${component}${v(line.procedureCode)}`,
            money(line.chargeCents ?? 0),
            line.unitType,
            String(line.units),
          ],
      ['DTP', '472', 'RD8', `${x12Date(event.from)}-${x12Date(event.to)}`],
    ]),
  ];
  return write278Interchange(request, body);
}
