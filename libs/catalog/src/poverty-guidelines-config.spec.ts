import { choosePovertyTable, povertyGuidelineCents, type PovertyRegion } from '@continuum/domain';
import { readDemoCatalog } from './demo-catalog';

/** The tables `npm run seed` and the launcher load (config/poverty-guidelines.yaml). */
const tables = readDemoCatalog().povertyGuidelines;

describe('config/poverty-guidelines.yaml', () => {
  it('holds the HHS 2026 poverty guidelines (91 FR 1797), household sizes 1 to 8, in dollars', () => {
    const table = tables.find((t) => t.year === 2026);
    if (table === undefined) throw new Error('no 2026 table');
    const dollars = (region: PovertyRegion): number[] =>
      [1, 2, 3, 4, 5, 6, 7, 8].map((size) => povertyGuidelineCents(table, region, size) / 100);
    expect(table.effectiveDate).toBe('2026-01-13');
    expect(dollars('contiguous')).toEqual([15_960, 21_640, 27_320, 33_000, 38_680, 44_360, 50_040, 55_720]);
    expect(dollars('alaska')).toEqual([19_950, 27_050, 34_150, 41_250, 48_350, 55_450, 62_550, 69_650]);
    expect(dollars('hawaii')).toEqual([18_360, 24_890, 31_420, 37_950, 44_480, 51_010, 57_540, 64_070]);
  });

  it('prices a 2026 service date with the 2026 table, not the 2025 one standing in', () => {
    const choice = choosePovertyTable('2026-03-02', tables);
    expect(choice).toMatchObject({ requestedYear: 2026, missing: false });
    expect(choice?.table.year).toBe(2026);
  });

  it('keeps the 2025 table until the 2026 one takes effect on 2026-01-13', () => {
    expect(choosePovertyTable('2026-01-12', tables)).toMatchObject({ table: { year: 2025 }, missing: false });
    expect(choosePovertyTable('2026-01-13', tables)).toMatchObject({ table: { year: 2026 }, missing: false });
  });
});
