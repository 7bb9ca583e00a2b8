import { plural, withArticle } from './grammar';

describe('grammar', () => {
  it.each([
    [0, '0 elements'],
    [1, '1 element'],
    [2, '2 elements'],
  ])('counts %d as %j', (count, text) => {
    expect(plural(count, 'element')).toBe(text);
  });

  it('takes an irregular plural', () => {
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });

  it.each([
    ['approved', 'an approved'],
    ['expired', 'an expired'],
    ['submitted', 'a submitted'],
    ['denied', 'a denied'],
  ])('puts the right article before %j', (word, text) => {
    expect(withArticle(word)).toBe(text);
  });
});
