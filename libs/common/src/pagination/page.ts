/**
 * The one shape of every list the API answers: the items, and the cursor of the next page (null on the last
 * page, and always null for lists that are never paginated).
 */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const pageOf = <T>(data: T[], nextCursor: string | null = null): Page<T> => ({ data, nextCursor });
