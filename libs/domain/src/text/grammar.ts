/** `1 element`, `3 elements`: a count with its noun in the right number (regular plurals only). */
export const plural = (count: number, noun: string, plural = `${noun}s`): string =>
  `${count} ${count === 1 ? noun : plural}`;

/** `an approved`, `a submitted`: the indefinite article by the word's first letter (enough for our words). */
export const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
