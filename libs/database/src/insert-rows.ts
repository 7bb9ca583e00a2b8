import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';

/**
 * Inserts entity rows in one statement, for the hot write paths (pre-auth intake) where TypeORM's insert
 * builder costs more CPU than the database does: it names a parameter per value and rewrites the SQL text
 * around them, so a 100-row insert of a wide table builds a statement of thousands of parameters.
 *
 * Here the rows travel as one JSON parameter that PostgreSQL turns into the table's row type
 * (`json_populate_recordset`), so the statement's text depends only on the columns given. Values pass through
 * each column's transformer (PHI encryption) as with TypeORM. Columns a row leaves undefined take the
 * database default (generated ids, `created_at`), except the version column, which starts at 1 as TypeORM
 * sets it. Values must be JSON-safe: strings, numbers, booleans, null, plain objects and arrays, and Dates
 * (sent as ISO 8601 instants; a `date` column takes a `YYYY-MM-DD` string, as every entity here keeps it).
 * Foreign keys must be plain columns (`preauthId`), as in every entity here: a key that exists only through a
 * relation object is not written.
 */
export async function insertRows<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: readonly Partial<E>[],
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(entity);
  const versionColumn = metadata.versionColumn;
  const given = (column: ColumnMetadata): boolean =>
    column === versionColumn || rows.some((row) => column.getEntityValue(row) !== undefined);
  // As TypeORM's insert: no generated-always expressions, discriminators or columns marked `insert: false`.
  const insertable = (column: ColumnMetadata): boolean =>
    column.isInsert && column.generatedType === undefined && !column.isDiscriminator && !column.isVirtual;
  const columns = metadata.columns.filter((column) => insertable(column) && given(column));
  const missing = columns.filter(
    (column) => column !== versionColumn && rows.some((row) => column.getEntityValue(row) === undefined),
  );
  if (missing.length > 0) {
    // A partly given column would insert NULL where the database default was meant.
    throw new Error(
      `insertRows(${metadata.tableName}): every row must give the same columns; some leave out ${missing.map((c) => c.propertyPath).join(', ')}`,
    );
  }
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const column of columns) {
      const value: unknown = column === versionColumn ? (column.getEntityValue(row) ?? 1) : column.getEntityValue(row);
      const stored: unknown =
        column.transformer === undefined ? value : ApplyValueTransformers.transformTo(column.transformer, value);
      record[column.databaseName] = jsonSafe(stored, `${metadata.tableName}.${column.databaseName}`);
    }
    return record;
  });
  const table = [metadata.schema, metadata.tableName]
    .filter((part) => part !== undefined)
    .map(quote)
    .join('.');
  const names = columns.map((column) => quote(column.databaseName)).join(', ');
  await manager.query(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json)`,
    [JSON.stringify(records, refuseNonFinite)],
  );
}

/**
 * What JSON would turn into something else without a word: an invalid Date and a non-finite number become
 * null, a Buffer an object, and a bigint throws late. Refused here, naming the column, as a programming error.
 */
function jsonSafe(value: unknown, column: string): unknown {
  const refuse = (what: string): never => {
    throw new TypeError(`insertRows: ${column} holds ${what}, which JSON cannot carry`);
  };
  if (value instanceof Date && Number.isNaN(value.getTime())) refuse('an invalid Date');
  if (Buffer.isBuffer(value)) refuse('a Buffer');
  if (typeof value === 'bigint') refuse('a bigint');
  return value;
}

const refuseNonFinite = (key: string, value: unknown): unknown => {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`insertRows: ${key} holds ${value}, which JSON cannot carry`);
  }
  return value;
};

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
