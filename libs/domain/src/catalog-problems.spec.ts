import { prefixProblems } from './catalog-problems';

describe('prefixProblems', () => {
  it('moves dotted, indexed and empty fields under the prefix', () => {
    expect(
      prefixProblems('povertyGuidelines[1]', [
        { field: 'regions.alaska', message: 'is missing' },
        { field: '', message: 'is wrong' },
      ]),
    ).toEqual([
      { field: 'povertyGuidelines[1].regions.alaska', message: 'is missing' },
      { field: 'povertyGuidelines[1]', message: 'is wrong' },
    ]);
    expect(prefixProblems('slidingScale.bands', [{ field: '[2].minPercent', message: 'x' }])).toEqual([
      { field: 'slidingScale.bands[2].minPercent', message: 'x' },
    ]);
  });
});
