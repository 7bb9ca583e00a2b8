import { storableText } from './storable-text';

describe('storableText', () => {
  it('accepts ordinary text, emoji (a surrogate pair) and non-string values, however nested', () => {
    expect(storableText({ name: 'Zoë — 患者 🚑', lines: [{ units: 3, ok: true, note: null }] })).toBe(true);
    expect(storableText('\\u0000 written out, not a NUL')).toBe(true);
  });

  it.each([
    ['a NUL in a value', { name: 'a\u0000b' }],
    ['a NUL in a key', { ['k\u0000']: 1 }],
    ['a lone high surrogate', ['x\ud83d']],
    ['a lone low surrogate deep down', { a: { b: [{ c: '\udc00' }] } }],
  ])('refuses %s', (_label, value) => {
    expect(storableText(value)).toBe(false);
  });
});
