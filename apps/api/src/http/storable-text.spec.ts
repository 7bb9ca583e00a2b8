import { storableText, unstorableRequestValues } from './storable-text';

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

describe('unstorableRequestValues', () => {
  it('names each refused path parameter and query value, repeated query values and keys included', () => {
    expect(
      unstorableRequestValues({ id: 'a\u0000', ok: 'fine' }, { payer: ['x', '\ud800'], limit: '5', ['k\u0000']: '1' }),
    ).toEqual([
      { field: 'id', messages: ['path parameter id must not hold NUL characters (%00) or unpaired surrogates'] },
      { field: 'payer', messages: ['query parameter payer must not hold NUL characters (%00) or unpaired surrogates'] },
      {
        field: 'k\u0000',
        messages: ['query parameter k\u0000 must not hold NUL characters (%00) or unpaired surrogates'],
      },
    ]);
  });

  it('finds nothing in ordinary values, or when a route has no parameters', () => {
    expect(unstorableRequestValues({ id: 'bluepeak' }, { q: 'Zoë 🚑' })).toEqual([]);
    expect(unstorableRequestValues(null, undefined)).toEqual([]);
  });
});
