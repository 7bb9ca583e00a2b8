import { type CatalogProblem } from './catalog-problems';
import { isDateOnly } from './date-only';
import { type Cents } from './money';
import { isUsStateCode } from './us-states';

/** HHS publishes one poverty guideline for the 48 contiguous states and DC, and one each for Alaska and Hawaii. */
export type PovertyRegion = 'contiguous' | 'alaska' | 'hawaii';

export const POVERTY_REGIONS: readonly PovertyRegion[] = Object.freeze(['contiguous', 'alaska', 'hawaii']);

/**
 * One year's HHS poverty guidelines at 100%: a household of n is `base + (n − 1) × increment`.
 * `effectiveDate` (`YYYY-MM-DD`) is when the year's figures take over, in mid-January, not 1 January.
 */
export interface PovertyGuidelineTable {
  year: number;
  effectiveDate: string;
  regions: Record<PovertyRegion, { baseCents: Cents; incrementCents: Cents }>;
}

/**
 * The poverty-guideline region of a US state code (the 50 states and DC).
 * @throws RangeError for anything else (territories have no HHS guideline).
 */
export function regionForState(state: string): PovertyRegion {
  if (!isUsStateCode(state)) {
    throw new RangeError(`Not a US state code: ${JSON.stringify(state)}`);
  }
  if (state === 'AK') return 'alaska';
  if (state === 'HI') return 'hawaii';
  return 'contiguous';
}

/**
 * The table in force on `serviceDate`: the one with the latest `effectiveDate` on or before it, so a
 * service on 2025-01-14 uses the 2024 table when the 2025 table takes effect on 2025-01-15. Undefined when
 * every table starts later. On equal effective dates the first table listed wins.
 * @throws RangeError when `serviceDate` is not a `YYYY-MM-DD` date.
 */
export function guidelineTableFor(
  serviceDate: string,
  tables: readonly PovertyGuidelineTable[],
): PovertyGuidelineTable | undefined {
  if (!isDateOnly(serviceDate)) {
    throw new RangeError(`A service date must be a YYYY-MM-DD date, got ${JSON.stringify(serviceDate)}`);
  }
  let inForce: PovertyGuidelineTable | undefined;
  for (const table of tables) {
    // Valid YYYY-MM-DD strings order the same way as the dates they name.
    if (table.effectiveDate <= serviceDate && (inForce === undefined || table.effectiveDate > inForce.effectiveDate)) {
      inForce = table;
    }
  }
  return inForce;
}

/** Which year's table an estimate used, and whether the service year's own table is missing. */
export interface PovertyTableChoice {
  table: PovertyGuidelineTable;
  /** The calendar year of the service date. */
  requestedYear: number;
  /** True when the catalog has no table for `requestedYear`, so an older year's figures stand in for it. */
  missing: boolean;
}

/**
 * The table in force on `serviceDate` (see `guidelineTableFor`), saying when it is an older year's because
 * the service year's table has not been added. Before a year's table takes effect in mid-January the previous
 * year's is the right one, so that only counts as missing when the new year's table is absent altogether.
 */
export function choosePovertyTable(
  serviceDate: string,
  tables: readonly PovertyGuidelineTable[],
): PovertyTableChoice | undefined {
  const table = guidelineTableFor(serviceDate, tables);
  if (table === undefined) return undefined;
  const requestedYear = Number(serviceDate.slice(0, 4));
  const missing = table.year < requestedYear && !tables.some((t) => t.year === requestedYear);
  return { table, requestedYear, missing };
}

/**
 * The 100% poverty guideline for a household: `base + (householdSize − 1) × increment`.
 * @throws RangeError when `householdSize` is not an integer ≥ 1.
 */
export function povertyGuidelineCents(
  table: PovertyGuidelineTable,
  region: PovertyRegion,
  householdSize: number,
): Cents {
  if (!Number.isSafeInteger(householdSize) || householdSize < 1) {
    throw new RangeError(`A household size must be a whole number of at least 1, got ${householdSize}`);
  }
  const { baseCents, incrementCents } = table.regions[region];
  return baseCents + (householdSize - 1) * incrementCents;
}

/**
 * Household income as a percentage of the poverty guideline, rounded DOWN to 2 decimals (133.339… →
 * 133.33). Rounding down keeps a household exactly at a band's upper bound inside that band, and never
 * pushes anyone into a band with a smaller discount. Exact: computed on integers.
 * @throws RangeError for a negative or non-integer income, or a guideline that is not a positive integer.
 */
export function percentOfPoverty(annualIncomeCents: Cents, guidelineCents: Cents): number {
  if (!Number.isSafeInteger(annualIncomeCents) || annualIncomeCents < 0) {
    throw new RangeError(`An income must be a non-negative whole number of cents, got ${annualIncomeCents}`);
  }
  if (!Number.isSafeInteger(guidelineCents) || guidelineCents <= 0) {
    throw new RangeError(`A poverty guideline must be a positive whole number of cents, got ${guidelineCents}`);
  }
  // BigInt because income × 10,000 can pass Number.MAX_SAFE_INTEGER for large incomes.
  const hundredthsOfPercent = (BigInt(annualIncomeCents) * 10_000n) / BigInt(guidelineCents);
  return Number(hundredthsOfPercent) / 100;
}

/** Guideline figures above this (a million dollars) are certainly a typing mistake. */
const MAX_GUIDELINE_CENTS = 100_000_000;

/** Everything wrong with a poverty-guideline table, as catalog problems (empty when it is usable). */
export function validatePovertyGuidelineTable(table: PovertyGuidelineTable): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const yearIsValid = Number.isInteger(table.year) && table.year >= 2000 && table.year <= 2100;
  if (!yearIsValid) {
    problems.push({ field: 'year', message: 'must be a whole year from 2000 to 2100' });
  }
  if (!isDateOnly(table.effectiveDate)) {
    problems.push({ field: 'effectiveDate', message: 'must be a valid YYYY-MM-DD date' });
  } else if (yearIsValid && !table.effectiveDate.startsWith(`${table.year}-`)) {
    problems.push({ field: 'effectiveDate', message: `must be a date in ${table.year}` });
  }
  // Tables usually come from JSON, so a region may be missing whatever the type says.
  const regions = (table.regions ?? {}) as Partial<PovertyGuidelineTable['regions']>;
  for (const region of POVERTY_REGIONS) {
    const figures = regions[region];
    if (figures === undefined || figures === null) {
      problems.push({ field: `regions.${region}`, message: 'is missing' });
      continue;
    }
    for (const key of ['baseCents', 'incrementCents'] as const) {
      const cents = figures[key];
      if (!Number.isSafeInteger(cents) || cents <= 0 || cents >= MAX_GUIDELINE_CENTS) {
        problems.push({
          field: `regions.${region}.${key}`,
          message: `must be a whole number of cents above 0 and below ${MAX_GUIDELINE_CENTS}`,
        });
      }
    }
  }
  return problems;
}
