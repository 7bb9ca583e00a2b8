import {
  isLevelOfCare,
  LEVEL_OF_CARE_CODES,
  LevelOfCare,
  levelOfCare,
  levelOfCareForRevenueCode,
  LEVELS_OF_CARE,
  typicalUnitRange,
} from './levels-of-care';

describe('levels of care', () => {
  it('lists the codes from most to least intensive', () => {
    expect(LEVEL_OF_CARE_CODES).toEqual(['detox', 'inpatient', 'residential', 'php', 'iop', 'outpatient']);
  });

  it('defines every code exactly once, in the same order', () => {
    expect(LEVELS_OF_CARE.map((definition) => definition.code)).toEqual(LEVEL_OF_CARE_CODES);
  });

  it('recognises codes and nothing else', () => {
    expect(isLevelOfCare('iop')).toBe(true);
    expect(isLevelOfCare(LevelOfCare.Detox)).toBe(true);
    expect(isLevelOfCare('IOP')).toBe(false);
    expect(isLevelOfCare('Iop')).toBe(false);
    expect(isLevelOfCare(undefined)).toBe(false);
  });

  it('asks for admission review (AR) for stays and health services review (HS) for programs and visits', () => {
    expect(Object.fromEntries(LEVELS_OF_CARE.map((definition) => [definition.code, definition.umCategory]))).toEqual({
      detox: 'AR',
      inpatient: 'AR',
      residential: 'AR',
      php: 'HS',
      iop: 'HS',
      outpatient: 'HS',
    });
  });

  it('carries the IOP codes of docs/domain.md', () => {
    const iop = levelOfCare(LevelOfCare.Iop);
    expect(iop.unit).toBe('day');
    expect(iop.asamLevel).toBe('2.1');
    expect(iop.serviceCodes).toEqual({ procedureCodes: ['H0015', 'S9480'], revenueCodes: ['0905', '0906'] });
    expect(iop.placesOfService[0]).toBe('57');
  });

  it('carries the detox codes of docs/domain.md', () => {
    const detox = levelOfCare(LevelOfCare.Detox);
    expect(detox.serviceCodes.procedureCodes).toEqual(['H0010', 'H0011', 'H0008', 'H0009', 'H0014']);
    expect(detox.serviceCodes.revenueCodes).toEqual(['0116', '0126']);
    expect(detox.placesOfService[0]).toBe('55');
    expect(detox.x12ServiceTypeCodes).toEqual(expect.arrayContaining(['AI', 'AJ', 'AK']));
  });

  it('finds the level a revenue code bills, each code belonging to one level only', () => {
    const codes = LEVELS_OF_CARE.flatMap((definition) => definition.serviceCodes.revenueCodes);
    expect(new Set(codes).size).toBe(codes.length);
    for (const definition of LEVELS_OF_CARE) {
      for (const code of definition.serviceCodes.revenueCodes) {
        expect(levelOfCareForRevenueCode(code)).toBe(definition.code);
      }
    }
    expect(levelOfCareForRevenueCode('0906')).toBe(LevelOfCare.Iop);
    expect(levelOfCareForRevenueCode('0116')).toBe(LevelOfCare.Detox);
    expect(levelOfCareForRevenueCode('9999')).toBeUndefined();
  });

  it('counts outpatient in sessions and everything else in days', () => {
    expect(LEVELS_OF_CARE.filter((definition) => definition.unit === 'session').map((d) => d.code)).toEqual([
      'outpatient',
    ]);
  });

  it('cannot be edited by accident', () => {
    const iop = levelOfCare(LevelOfCare.Iop);
    expect(() => iop.serviceCodes.procedureCodes.push('H9999')).toThrow(TypeError);
    expect(iop.serviceCodes.procedureCodes).toEqual(['H0015', 'S9480']);
  });

  it('refuses a code that bypassed the type', () => {
    expect(() => levelOfCare('detox-plus' as LevelOfCare)).toThrow(RangeError);
  });
});

describe('typicalUnitRange', () => {
  it.each([
    [LevelOfCare.Detox, 3, 7],
    [LevelOfCare.Inpatient, 3, 14],
    [LevelOfCare.Residential, 30, 90],
    [LevelOfCare.Php, 20, 30],
    [LevelOfCare.Iop, 24, 60],
    [LevelOfCare.Outpatient, 8, 26],
  ])('%s runs %p to %p units', (code, minUnits, maxUnits) => {
    expect(typicalUnitRange(levelOfCare(code))).toEqual({ minUnits, maxUnits });
  });
});
