import { randomBytes } from 'node:crypto';
import {
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PhiCipher } from '../libs/access/src/phi/phi-cipher';
import { PhiColumn } from '../libs/access/src/phi/phi-column';
import { PhiKeyring } from '../libs/access/src/phi/phi-keyring';
import { activatePhiProtection, PhiProtection } from '../libs/access/src/phi/phi-protection';
import { insertRows } from '../libs/database/src/insert-rows';
import { createSandbox, type Sandbox } from './support/test-stack';

/** A table with every kind of column the hot write paths insert through `insertRows`. */
@Entity('insert_rows_probe')
class Probe {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  label!: string;

  @PhiColumn('insert_rows_probe.patient', { name: 'patient' })
  patient!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ name: 'lines', type: 'jsonb' })
  lines!: unknown[];

  @Column({ name: 'start_on', type: 'date' })
  startOn!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'int' })
  units!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'int' })
  version!: number;
}

/** An identity key the database always generates, as the event and audit tables have. */
@Entity('insert_rows_probe_events')
class ProbeEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  type!: string;
}

@Entity('insert_rows_probe_keys')
class ProbeKey {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key!: string;
}

/** Strings that break naive SQL or array quoting: quotes, backslashes, braces, commas, newlines, NUL-free unicode. */
const AWKWARD = [
  `O'Brien "Bud" \\ {a,b} ,`,
  'line one\nline two\ttabbed',
  'Zoë — 患者 🚑',
  '',
  'NULL',
  '{"not":"json"}',
];

const probe = (index: number): Partial<Probe> => ({
  label: AWKWARD[index % AWKWARD.length] ?? '',
  patient: `{"name":"Patient ${index}","dateOfBirth":"1980-02-${String((index % 27) + 1).padStart(2, '0')}"}`,
  details: { nested: { index, quote: `it's "${index}"` }, list: [1, 'two', null], empty: {} },
  lines: [{ code: 'H0015', units: index }],
  startOn: '2026-02-28',
  dueAt: new Date(Date.UTC(2026, 1, 28, 23, 59, 59, 123)),
  units: index,
  note: index % 2 === 0 ? null : `note ${index}`,
});

describe('insertRows (one-statement inserts through TypeORM metadata, against real PostgreSQL)', () => {
  let sandbox: Sandbox;
  let dataSource: DataSource;

  beforeAll(async () => {
    activatePhiProtection(
      new PhiProtection(new PhiCipher(new PhiKeyring([{ id: 'k1', key: randomBytes(32) }], 'k1')), randomBytes(32)),
    );
    sandbox = await createSandbox('insertrows');
    await sandbox.query(`CREATE TABLE insert_rows_probe (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label varchar(100) NOT NULL, patient text NOT NULL,
      details jsonb NOT NULL, lines jsonb NOT NULL, start_on date NOT NULL, due_at timestamptz NOT NULL,
      units integer NOT NULL, note varchar(500), created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL)`);
    await sandbox.query(
      `CREATE TABLE insert_rows_probe_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, type varchar(30) NOT NULL)`,
    );
    await sandbox.query(`CREATE TABLE insert_rows_probe_keys (key varchar(40) PRIMARY KEY)`);
    dataSource = await new DataSource({
      type: 'postgres',
      url: sandbox.databaseUrl,
      entities: [Probe, ProbeEvent, ProbeKey],
      synchronize: false,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('stores what TypeORM would: read back through the entity, every value is the one given', async () => {
    const rows = Array.from({ length: 25 }, (_, index) => probe(index));
    await insertRows(dataSource.manager, Probe, rows);

    const stored = await dataSource.getRepository(Probe).find({ order: { units: 'ASC' } });
    expect(stored).toHaveLength(25);
    stored.forEach((row, index) => {
      expect(row).toEqual({
        ...rows[index],
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        createdAt: expect.any(Date),
        version: 1,
      });
    });
  });

  it('gives the same stored row as TypeORM insert, column for column', async () => {
    await dataSource.query('TRUNCATE insert_rows_probe');
    const values = probe(7);
    await insertRows(dataSource.manager, Probe, [{ ...values, label: 'ours' }]);
    // TypeORM's insert type cannot see that a jsonb Record column takes a plain object.
    await dataSource.getRepository(Probe).insert({ ...values, label: 'typeorm' } as QueryDeepPartialEntity<Probe>);
    const raw = await sandbox.query<Record<string, unknown>>(
      `SELECT label, details, lines, start_on::text, due_at, units, note, version, length(patient) > 40 AS encrypted
         FROM insert_rows_probe ORDER BY label`,
    );
    const [ours, theirs] = raw;
    expect({ ...ours, label: null }).toEqual({ ...theirs, label: null });
    expect(ours?.encrypted).toBe(true);
  });

  it('encrypts PHI columns through their transformer: no plaintext at rest', async () => {
    await insertRows(dataSource.manager, Probe, [{ ...probe(1), patient: 'Zelda Quixote-Marchetti' }]);
    const leaks = await sandbox.query(`SELECT id FROM insert_rows_probe WHERE patient LIKE '%Zelda%'`);
    expect(leaks).toEqual([]);
    const found = await dataSource.getRepository(Probe).findOneByOrFail({ units: 1, note: 'note 1' });
    expect(found.patient).toBe('Zelda Quixote-Marchetti');
  });

  it('leaves identity and defaulted columns to the database', async () => {
    await insertRows(dataSource.manager, ProbeEvent, [{ type: 'a' }, { type: 'b' }, { type: 'c' }]);
    const events = await dataSource.getRepository(ProbeEvent).find({ order: { id: 'ASC' } });
    expect(events.map((event) => event.type)).toEqual(['a', 'b', 'c']);
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
  });

  it('refuses rows that give different columns instead of writing NULL over a default', async () => {
    const full = probe(3);
    const { note: _dropped, ...withoutNote } = full;
    await expect(insertRows(dataSource.manager, Probe, [full, withoutNote])).rejects.toThrow(/note/);
  });

  it('inserts all rows or none: a duplicate key fails the statement and writes nothing', async () => {
    await insertRows(dataSource.manager, ProbeKey, [{ key: 'taken' }]);
    await expect(insertRows(dataSource.manager, ProbeKey, [{ key: 'free' }, { key: 'taken' }])).rejects.toThrow(
      /duplicate key/,
    );
    const keys = await dataSource.getRepository(ProbeKey).find({ order: { key: 'ASC' } });
    expect(keys.map((row) => row.key)).toEqual(['taken']);
  });

  it.each([
    ['an invalid Date', { dueAt: new Date('not a date') }, /due_at holds an invalid Date/],
    ['a non-finite number', { units: Number.POSITIVE_INFINITY }, /Infinity/],
    ['NaN inside a jsonb value', { details: { ratio: Number.NaN } }, /NaN/],
  ])('refuses %s instead of storing null', async (_label, change, message) => {
    const before = await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM insert_rows_probe');
    await expect(insertRows(dataSource.manager, Probe, [{ ...probe(9), ...change }])).rejects.toThrow(message);
    const after = await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM insert_rows_probe');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('does nothing for no rows', async () => {
    await expect(insertRows(dataSource.manager, ProbeKey, [])).resolves.toBeUndefined();
  });
});
