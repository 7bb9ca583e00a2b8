import { CommonError } from '../errors/common.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A position in a list ordered by (instant, uuid): opaque to clients, stable under inserts. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export const encodeKeysetCursor = ({ at, id }: KeysetPosition): string =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

/** The position a cursor names, or a 400 naming the `cursor` field. */
export function decodeKeysetCursor(cursor: string): KeysetPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string' && UUID.test(id) && !Number.isNaN(Date.parse(at))) {
      return { at: new Date(at), id };
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw CommonError.validation([{ field: 'cursor', messages: ['cursor is not one this API gave out'] }]);
}
