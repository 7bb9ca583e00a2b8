import type { CertificationType, Request278, RequestCategory, ServiceLine } from './build-278-request';
import { isoDate, readSegments, X12SyntaxError } from './x12-syntax';

const CATEGORIES = new Set<string>(['AR', 'HS'] satisfies RequestCategory[]);
const CERTIFICATION_TYPES = new Set<string>(['I', '4', '3'] satisfies CertificationType[]);
const SEXES = new Set<string>(['M', 'F', 'U']);
const LINE_UNITS = new Set<string>(['DA', 'UN']);

const required = (value: string | undefined, what: string): string => {
  if (value === undefined || value.trim() === '') throw new X12SyntaxError(`the request carries no ${what}`);
  return value.trim();
};

const count = (value: string | undefined, what: string): number => {
  const text = required(value, what);
  if (!/^\d+$/.test(text)) throw new X12SyntaxError(`${what} is not a whole number: ${text}`);
  return Number(text);
};

/** `CCYYMMDD-CCYYMMDD` → ISO dates. */
const dateRange = (value: string | undefined, what: string): { from: string; to: string } => {
  const [from = '', to = ''] = required(value, what).split('-');
  return { from: isoDate(from), to: isoDate(to) };
};

/** X12 writes ICD-10-CM codes without their dot, which always follows the third character. */
const icd10 = (code: string): string => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

const cents = (amount: string | undefined): number => Math.round(Number(amount ?? '0') * 100);

/**
 * Reads a 005010X217 278 request (the payer's side of `build278Request`): the envelope, the trace number
 * (BHT03, else TRN02), the parties of the HL chain, the patient event (UM category and certification type,
 * REF*BB of an extension or cancellation, the DTP*AAH period, HI diagnoses, an HSD delivery pattern) and the
 * service lines (SV1/SV2 with their units). Throws an `X12SyntaxError` naming what is missing or malformed.
 */
export function parse278Request(text: string): Request278 {
  const { delimiters, segments } = readSegments(text);
  const component = (value: string | undefined): string[] => (value ?? '').split(delimiters.component);
  const [, , , , , , senderId, , receiverId, , , , , control, , usage] = segments[0] ?? [];
  const gs = segments.find((s) => s[0] === 'GS');
  if (segments.find((s) => s[0] === 'ST')?.[1] !== '278') throw new X12SyntaxError('not a 278 transaction');
  const bht = segments.find((s) => s[0] === 'BHT');
  if (bht?.[2] !== '13') throw new X12SyntaxError('not a 278 request (BHT02 must be 13)');
  if (usage !== 'P' && usage !== 'T') throw new X12SyntaxError('ISA15 must be P or T');

  // Segments are read within their HL loop: 20 payer, 21 requester, 22 subscriber, EV event, SS service.
  const loops = new Map<string, string[][]>();
  let level = '';
  for (const segment of segments) {
    if (segment[0] === 'HL') level = segment[3] ?? '';
    else if (level !== '') loops.set(level, [...(loops.get(level) ?? []), segment]);
  }
  const inLoop = (loop: string, id: string, qualifier?: string): string[] | undefined =>
    loops.get(loop)?.find((s) => s[0] === id && (qualifier === undefined || s[1] === qualifier));

  const payer = inLoop('20', 'NM1', 'X3');
  const requester = inLoop('21', 'NM1', '1P');
  const subscriber = inLoop('22', 'NM1', 'IL');
  const demographics = inLoop('22', 'DMG');
  const um = inLoop('EV', 'UM');
  const servicing = inLoop('EV', 'NM1', 'SJ');
  const pattern = inLoop('EV', 'HSD', 'DY');
  const authorization = inLoop('EV', 'REF', 'BB');

  const category = required(um?.[1], 'request category (UM01)');
  const certificationType = required(um?.[2], 'certification type (UM02)');
  if (!CATEGORIES.has(category)) throw new X12SyntaxError(`unknown request category UM01 ${category}`);
  if (!CERTIFICATION_TYPES.has(certificationType)) {
    throw new X12SyntaxError(`unknown certification type UM02 ${certificationType}`);
  }
  const sex = required(demographics?.[3], 'subscriber sex (DMG03)');
  if (!SEXES.has(sex)) throw new X12SyntaxError(`unknown sex DMG03 ${sex}`);
  const diagnoses = (inLoop('EV', 'HI') ?? []).slice(1).map((entry) => icd10(component(entry)[1] ?? ''));
  const period = dateRange(inLoop('EV', 'DTP', 'AAH')?.[3], 'event period (DTP*AAH)');

  return {
    controlNumber: count(control, 'interchange control number (ISA13)'),
    senderId: required(senderId, 'sender id (ISA06)'),
    receiverId: required(receiverId, 'receiver id (ISA08)'),
    createdAt: new Date(
      `${isoDate(gs?.[4] ?? '')}T${required(gs?.[5], 'GS05 time').replace(/^(\d\d)(\d\d)$/, '$1:$2')}Z`,
    ),
    usage,
    traceNumber: required(bht[3] ?? inLoop('EV', 'TRN')?.[2], 'trace number (BHT03 / TRN02)'),
    payer: { name: required(payer?.[3], 'payer name'), payerId: required(payer?.[9], 'payer id') },
    requester: { name: required(requester?.[3], 'requester name'), npi: required(requester?.[9], 'requester NPI') },
    subscriber: {
      lastName: required(subscriber?.[3], 'subscriber last name'),
      firstName: subscriber?.[4]?.trim() ?? '',
      memberId: required(subscriber?.[9], 'member id (NM1*IL)'),
      dateOfBirth: isoDate(required(demographics?.[2], 'subscriber date of birth (DMG02)')),
      sex: sex as Request278['subscriber']['sex'],
    },
    servicingProvider: {
      name: required(servicing?.[3], 'servicing provider name'),
      npi: required(servicing?.[9], 'servicing provider NPI'),
    },
    event: {
      category: category as RequestCategory,
      certificationType: certificationType as CertificationType,
      serviceTypeCode: required(um?.[3], 'service type (UM03)'),
      placeOfService: component(um?.[4])[0] ?? '',
      expedited: um?.[6] === 'U',
      diagnoses,
      ...period,
      ...(pattern === undefined
        ? {}
        : { pattern: { daysPerWeek: count(pattern[2], 'HSD02 days'), weeks: count(pattern[6], 'HSD06 weeks') } }),
      ...(authorization === undefined
        ? {}
        : { authorizationNumber: required(authorization[2], 'authorization number (REF*BB)') }),
    },
    lines: (loops.get('SS') ?? []).filter((s) => s[0] === 'SV1' || s[0] === 'SV2').map(serviceLine(component)),
  };
}

/** SV1 (professional: procedure, charge, unit, units) or SV2 (institutional: revenue code first). */
const serviceLine =
  (component: (value: string | undefined) => string[]) =>
  (segment: string[]): ServiceLine => {
    const [procedure, charge, unit, units] = segment[0] === 'SV2' ? segment.slice(2) : segment.slice(1);
    if (!LINE_UNITS.has(unit ?? '')) throw new X12SyntaxError(`unknown unit of a service line: ${unit ?? ''}`);
    return {
      procedureCode: required(component(procedure)[1], `procedure code (${segment[0]})`),
      ...(segment[0] === 'SV2' ? { revenueCode: required(segment[1], 'revenue code (SV201)') } : {}),
      units: count(units, `units (${segment[0]})`),
      unitType: unit as ServiceLine['unitType'],
      chargeCents: cents(charge),
    };
  };
