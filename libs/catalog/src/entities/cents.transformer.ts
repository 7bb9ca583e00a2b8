import type { ValueTransformer } from 'typeorm';

/**
 * Money columns are PostgreSQL `bigint`, which node-postgres returns as strings. Cents stay far below 2^53,
 * so they are read back as numbers; anything else is a corrupted row and fails loudly.
 */
export const CENTS: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null => {
    if (value === null) return null;
    const cents = Number(value);
    if (!Number.isSafeInteger(cents)) throw new Error(`money column holds ${value}, not safe integer cents`);
    return cents;
  },
};
