import { deepFreeze } from './deep-freeze';

/** The levels of care Continuum prices and pre-authorizes, from most to least intensive. */
export enum LevelOfCare {
  Detox = 'detox',
  Inpatient = 'inpatient',
  Residential = 'residential',
  Php = 'php',
  Iop = 'iop',
  Outpatient = 'outpatient',
}

/** Every level of care, in order of decreasing intensity. */
export const LEVEL_OF_CARE_CODES: readonly LevelOfCare[] = Object.freeze([
  LevelOfCare.Detox,
  LevelOfCare.Inpatient,
  LevelOfCare.Residential,
  LevelOfCare.Php,
  LevelOfCare.Iop,
  LevelOfCare.Outpatient,
]);

const LEVEL_OF_CARE_SET: ReadonlySet<unknown> = new Set(LEVEL_OF_CARE_CODES);

export function isLevelOfCare(value: unknown): value is LevelOfCare {
  return LEVEL_OF_CARE_SET.has(value);
}

/** What one billed unit is: a day (a per diem, or an IOP/PHP session day) or an outpatient session. */
export type CareUnit = 'day' | 'session';

/**
 * How long a typical course runs. Stays are counted in units directly; programs are counted in weeks and
 * days (or sessions) per week, because that is how they are scheduled and authorized ("3 days a week for
 * 8 weeks").
 */
export type TypicalCourse =
  | { kind: 'units'; minUnits: number; maxUnits: number }
  | { kind: 'weeks'; minWeeks: number; maxWeeks: number; minDaysPerWeek: number; maxDaysPerWeek: number };

export interface LevelOfCareDefinition {
  code: LevelOfCare;
  name: string;
  unit: CareUnit;
  typicalCourse: TypicalCourse;
  /** ASAM Criteria (3rd edition) level or range. */
  asamLevel: string;
  /** HCPCS/CPT procedure codes and UB-04 revenue codes typically billed for this level. */
  serviceCodes: { procedureCodes: string[]; revenueCodes: string[] };
  /** CMS place-of-service codes, the usual one first. */
  placesOfService: string[];
  /** X12 service type codes (EB03 in a 271, UM/HSD context in a 278), the most specific first. */
  x12ServiceTypeCodes: string[];
  /** X12 278 `UM01`: `AR` admission review for stays, `HS` health services review for programs and visits. */
  umCategory: 'AR' | 'HS';
}

/**
 * The reference definition of each level of care (see docs/domain.md, "Levels of care"). Frozen: a catalog
 * that needs other codes copies a definition, it never edits this one.
 */
export const LEVELS_OF_CARE: readonly LevelOfCareDefinition[] = deepFreeze([
  {
    code: LevelOfCare.Detox,
    name: 'Medically supervised withdrawal management',
    unit: 'day',
    typicalCourse: { kind: 'units', minUnits: 3, maxUnits: 7 },
    asamLevel: '3.7-WM / 4-WM',
    serviceCodes: {
      // H0010/H0011 residential, H0008/H0009 hospital inpatient, H0014 ambulatory.
      procedureCodes: ['H0010', 'H0011', 'H0008', 'H0009', 'H0014'],
      revenueCodes: ['0116', '0126'],
    },
    // 55 residential SUD facility, 21 inpatient hospital (H0008/H0009), 57 non-residential SUD (H0014).
    placesOfService: ['55', '21', '57'],
    x12ServiceTypeCodes: ['AI', 'AJ', 'AK', 'CI'],
    umCategory: 'AR',
  },
  {
    code: LevelOfCare.Inpatient,
    name: 'Medically managed inpatient',
    unit: 'day',
    typicalCourse: { kind: 'units', minUnits: 3, maxUnits: 14 },
    asamLevel: '4',
    // Billed on the facility claim by revenue code; no HCPCS per diem.
    serviceCodes: { procedureCodes: [], revenueCodes: ['0114', '0124'] },
    // 21 inpatient hospital, 51 inpatient psychiatric facility.
    placesOfService: ['21', '51'],
    x12ServiceTypeCodes: ['A7', 'CG', 'CI', 'MH', 'AI'],
    umCategory: 'AR',
  },
  {
    code: LevelOfCare.Residential,
    name: 'Residential treatment',
    unit: 'day',
    typicalCourse: { kind: 'units', minUnits: 30, maxUnits: 90 },
    asamLevel: '3.1-3.7',
    serviceCodes: {
      // H0018 short term, H0019 long term (> 30 days), H2036 per diem; rev 1001 psychiatric, 1002 SUD.
      procedureCodes: ['H0018', 'H0019', 'H2036'],
      revenueCodes: ['1001', '1002'],
    },
    // 55 residential SUD facility, 56 psychiatric residential treatment center.
    placesOfService: ['55', '56'],
    x12ServiceTypeCodes: ['RT', 'CI', 'AI', 'MH'],
    umCategory: 'AR',
  },
  {
    code: LevelOfCare.Php,
    name: 'Partial hospitalization',
    unit: 'day',
    typicalCourse: { kind: 'weeks', minWeeks: 4, maxWeeks: 6, minDaysPerWeek: 5, maxDaysPerWeek: 5 },
    asamLevel: '2.5',
    serviceCodes: { procedureCodes: ['H0035', 'S0201'], revenueCodes: ['0912', '0913'] },
    placesOfService: ['52'],
    x12ServiceTypeCodes: ['BB', 'MH', 'AI'],
    umCategory: 'HS',
  },
  {
    code: LevelOfCare.Iop,
    name: 'Intensive outpatient program',
    unit: 'day',
    typicalCourse: { kind: 'weeks', minWeeks: 8, maxWeeks: 12, minDaysPerWeek: 3, maxDaysPerWeek: 5 },
    asamLevel: '2.1',
    // H0015 SUD IOP (≥ 3 h/day, ≥ 3 days/week), S9480 psychiatric IOP per diem; rev 0905 psych, 0906 SUD.
    serviceCodes: { procedureCodes: ['H0015', 'S9480'], revenueCodes: ['0905', '0906'] },
    // 57 non-residential SUD facility, 11 office, 02/10 telehealth.
    placesOfService: ['57', '11', '02', '10'],
    x12ServiceTypeCodes: ['CH', 'CJ', 'A8', 'MH', 'AI'],
    umCategory: 'HS',
  },
  {
    code: LevelOfCare.Outpatient,
    name: 'Standard outpatient',
    unit: 'session',
    typicalCourse: { kind: 'weeks', minWeeks: 8, maxWeeks: 26, minDaysPerWeek: 1, maxDaysPerWeek: 1 },
    asamLevel: '1',
    serviceCodes: {
      // 90832/90834/90837 individual by time, 90853 group, 90846/90847 family.
      procedureCodes: ['90832', '90834', '90837', '90853', '90846', '90847'],
      // Usually a professional claim with no revenue code; a facility bills 0914/0915/0916
      // (individual, group, family therapy).
      revenueCodes: ['0914', '0915', '0916'],
    },
    placesOfService: ['11', '02', '10'],
    x12ServiceTypeCodes: ['A6', 'A8', 'MH', 'AI'],
    umCategory: 'HS',
  },
]);

const DEFINITIONS_BY_CODE: ReadonlyMap<LevelOfCare, LevelOfCareDefinition> = new Map(
  LEVELS_OF_CARE.map((definition) => [definition.code, definition]),
);

/**
 * The reference definition of a level of care.
 * @throws RangeError for a value that is not a level of care (only possible when the type was bypassed).
 */
export function levelOfCare(code: LevelOfCare): LevelOfCareDefinition {
  const definition = DEFINITIONS_BY_CODE.get(code);
  if (definition === undefined) {
    throw new RangeError(`Unknown level of care: ${String(code)}`);
  }
  return definition;
}

/**
 * The level of care a facility revenue code bills (`0906` → IOP), from the reference definitions; undefined
 * for a code no level lists. Each code belongs to one level only (a unit test checks it).
 */
export function levelOfCareForRevenueCode(revenueCode: string): LevelOfCare | undefined {
  return LEVELS_OF_CARE.find((definition) => definition.serviceCodes.revenueCodes.includes(revenueCode))?.code;
}

/**
 * The typical course in billed units: a weeks-based course spans its shortest week count at its fewest
 * days a week to its longest at its most (IOP: 8 × 3 = 24 to 12 × 5 = 60 session days).
 */
export function typicalUnitRange(definition: LevelOfCareDefinition): { minUnits: number; maxUnits: number } {
  const course = definition.typicalCourse;
  if (course.kind === 'units') {
    return { minUnits: course.minUnits, maxUnits: course.maxUnits };
  }
  return {
    minUnits: course.minWeeks * course.minDaysPerWeek,
    maxUnits: course.maxWeeks * course.maxDaysPerWeek,
  };
}
