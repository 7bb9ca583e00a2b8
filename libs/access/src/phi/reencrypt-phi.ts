import type { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { PhiColumnTransformer } from './phi-column';
import type { PhiCipher } from './phi-cipher';

export interface PhiTableReport {
  table: string;
  columns: string[];
  rowsScanned: number;
  rowsReencrypted: number;
}

interface PhiTable {
  table: string;
  primaryKey: string;
  columns: { name: string; context: string }[];
}

const phiContextOf = (column: ColumnMetadata): string | undefined => {
  const transformers = [column.transformer ?? []].flat();
  return transformers.find((t): t is PhiColumnTransformer => t instanceof PhiColumnTransformer)?.context;
};

/** Every table with PHI columns, found from the entity metadata: a new PHI column is covered without listing it here. */
export function findPhiTables(dataSource: DataSource): PhiTable[] {
  return dataSource.entityMetadatas.flatMap((entity: EntityMetadata): PhiTable[] => {
    const columns = entity.columns.flatMap((column) => {
      const context = phiContextOf(column);
      return context === undefined ? [] : [{ name: column.databaseName, context }];
    });
    if (columns.length === 0) return [];
    const [primary, ...more] = entity.primaryColumns;
    if (primary === undefined || more.length > 0) {
      throw new Error(`${entity.tableName}: PHI re-encryption needs a single-column primary key`);
    }
    return [{ table: entity.tableName, primaryKey: primary.databaseName, columns }];
  });
}

/**
 * Re-encrypts, under the current key, every PHI value still written under an older one, in batches walked by
 * primary key. Each row is updated only if it still holds what was read, so a concurrent write wins and is
 * never overwritten with stale data. Safe to run again (it resumes) and while the service runs.
 *
 * A value that fails to decrypt stops the run with its table and row id (never the value).
 */
export async function reencryptPhi(
  dataSource: DataSource,
  cipher: PhiCipher,
  options: { batchSize?: number; onProgress?: (report: PhiTableReport) => void } = {},
): Promise<PhiTableReport[]> {
  const batchSize = options.batchSize ?? 500;
  const reports: PhiTableReport[] = [];
  for (const { table, primaryKey, columns } of findPhiTables(dataSource)) {
    const report: PhiTableReport = { table, columns: columns.map((c) => c.name), rowsScanned: 0, rowsReencrypted: 0 };
    const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
    const selectList = [primaryKey, ...columns.map((c) => c.name)].map(q).join(', ');
    let after: unknown = null;
    for (;;) {
      const rows: Record<string, string | null>[] =
        after === null
          ? await dataSource.query(`SELECT ${selectList} FROM ${q(table)} ORDER BY ${q(primaryKey)} LIMIT $1`, [
              batchSize,
            ])
          : await dataSource.query(
              `SELECT ${selectList} FROM ${q(table)} WHERE ${q(primaryKey)} > $1 ORDER BY ${q(primaryKey)} LIMIT $2`,
              [after, batchSize],
            );
      if (rows.length === 0) break;
      for (const row of rows) {
        const id = row[primaryKey];
        const changes = columns.flatMap(({ name, context }) => {
          const stored = row[name];
          if (stored === null || stored === undefined || !cipher.needsReencryption(stored)) return [];
          try {
            return [{ name, stored, rotated: cipher.reencrypt(stored, context) }];
          } catch (error) {
            throw new Error(`${table} row ${String(id)}, column ${name}: cannot decrypt`, { cause: error });
          }
        });
        if (changes.length > 0) {
          const assignments = changes.map((c, i) => `${q(c.name)} = $${i + 2}`).join(', ');
          const guards = changes.map((c, i) => `${q(c.name)} = $${i + 2 + changes.length}`).join(' AND ');
          const [, updated] = await dataSource.query<[unknown, number]>(
            `UPDATE ${q(table)} SET ${assignments} WHERE ${q(primaryKey)} = $1 AND ${guards}`,
            [id, ...changes.map((c) => c.rotated), ...changes.map((c) => c.stored)],
          );
          report.rowsReencrypted += updated;
        }
      }
      report.rowsScanned += rows.length;
      after = rows[rows.length - 1]?.[primaryKey] ?? null;
      options.onProgress?.(report);
    }
    reports.push(report);
  }
  return reports;
}
