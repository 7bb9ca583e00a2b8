import { randomBytes } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PhiDecryptionError } from '../libs/access/src/phi/phi-cipher';
import { PhiColumn } from '../libs/access/src/phi/phi-column';
import { PhiKeyring } from '../libs/access/src/phi/phi-keyring';
import { activatePhiProtection, PhiProtection } from '../libs/access/src/phi/phi-protection';
import { PhiCipher } from '../libs/access/src/phi/phi-cipher';
import { findPhiTables, reencryptPhi } from '../libs/access/src/phi/reencrypt-phi';
import request from 'supertest';
import { payerBody } from './support/catalog-factories';
import { createSandbox, type Sandbox, startApi } from './support/test-stack';
import { ServiceUnderTest } from './support/service-process';

/**
 * An entity shaped like the pre-auth's patient columns, in a table made for this test, so the PHI column
 * machinery is proved against real PostgreSQL independently of any one feature.
 */
@Entity('phi_probe_patients')
class ProbePatient {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PhiColumn('phi_probe_patients.patient_name', { name: 'patient_name' })
  patientName!: string;

  @PhiColumn('phi_probe_patients.date_of_birth', { name: 'date_of_birth' })
  dateOfBirth!: string;

  @PhiColumn('phi_probe_patients.member_id', { name: 'member_id' })
  memberId!: string;

  /** Blind index of the member id: the only way to find a patient by member id. */
  @Column({ name: 'member_id_index', type: 'char', length: 64 })
  memberIdIndex!: string;

  @PhiColumn('phi_probe_patients.clinical_summary', { name: 'clinical_summary', nullable: true })
  clinicalSummary!: string | null;
}

const key = (id: string) => ({ id, key: randomBytes(32) });
const protectionWith = (keys: { id: string; key: Buffer }[], current: string, blindIndexKey: Buffer) =>
  new PhiProtection(new PhiCipher(new PhiKeyring(keys, current)), blindIndexKey);

const PATIENT = {
  patientName: 'Zelda Quixote-Marchetti',
  dateOfBirth: '1987-03-14',
  memberId: 'XQZ987654321',
  clinicalSummary: 'Alcohol use disorder, severe; withdrawal seizures in 2024',
};

describe('PHI at rest (encrypted columns against real PostgreSQL)', () => {
  let sandbox: Sandbox;
  let dataSource: DataSource;
  const blindIndexKey = randomBytes(32);
  const key2025 = key('k2025');
  const key2026 = key('k2026');

  const raw = async (id: string) =>
    (await sandbox.query<Record<string, string>>('SELECT * FROM phi_probe_patients WHERE id = $1', [id]))[0] ?? {};

  const savePatient = async (protection: PhiProtection, values = PATIENT): Promise<string> => {
    const repository = dataSource.getRepository(ProbePatient);
    const saved = await repository.save(
      repository.create({ ...values, memberIdIndex: protection.memberIdIndex(values.memberId) }),
    );
    return saved.id;
  };

  beforeAll(async () => {
    sandbox = await createSandbox('phi');
    await sandbox.query(`CREATE TABLE phi_probe_patients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_name text NOT NULL, date_of_birth text NOT NULL, member_id text NOT NULL,
      member_id_index char(64) NOT NULL, clinical_summary text)`);
    dataSource = await new DataSource({
      type: 'postgres',
      url: sandbox.databaseUrl,
      entities: [ProbePatient],
      synchronize: false,
      uuidExtension: 'pgcrypto',
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('stores no plaintext: the raw row holds only versioned, key-tagged ciphertext', async () => {
    const protection = protectionWith([key2025], 'k2025', blindIndexKey);
    activatePhiProtection(protection);
    const id = await savePatient(protection);

    const row = await raw(id);
    const stored = JSON.stringify(row);
    for (const value of Object.values(PATIENT)) expect(stored).not.toContain(value);
    expect(stored).not.toContain('Zelda');
    expect(stored).not.toContain('987654321');
    for (const column of ['patient_name', 'date_of_birth', 'member_id', 'clinical_summary']) {
      expect(row[column]).toMatch(/^v1:k2025:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    }
    // The database itself finds nothing by plaintext either.
    const leaks = await sandbox.query(
      `SELECT id FROM phi_probe_patients WHERE patient_name LIKE '%Zelda%' OR member_id LIKE '%9876%'`,
    );
    expect(leaks).toEqual([]);

    const loaded = await dataSource.getRepository(ProbePatient).findOneByOrFail({ id });
    expect(loaded).toMatchObject(PATIENT);
  });

  it('finds a patient by member id through the blind index, however the id is typed', async () => {
    const protection = protectionWith([key2025], 'k2025', blindIndexKey);
    activatePhiProtection(protection);
    const id = await savePatient(protection, { ...PATIENT, memberId: 'ABC-123 456' });
    const found = await dataSource
      .getRepository(ProbePatient)
      .findOneByOrFail({ memberIdIndex: protection.memberIdIndex('abc123456') });
    expect(found.id).toBe(id);
    expect(found.memberId).toBe('ABC-123 456');
  });

  it('fails loudly when a stored value was tampered with or moved to another column', async () => {
    const protection = protectionWith([key2025], 'k2025', blindIndexKey);
    activatePhiProtection(protection);
    const id = await savePatient(protection);
    const repository = dataSource.getRepository(ProbePatient);

    // Flip one character of the ciphertext part, in the database.
    await sandbox.query(
      `UPDATE phi_probe_patients
          SET patient_name = regexp_replace(patient_name, ':(.)([^:]*)$', ':' ||
              CASE WHEN substr(split_part(patient_name, ':', 5), 1, 1) = 'A' THEN 'B' ELSE 'A' END || '\\2')
        WHERE id = $1`,
      [id],
    );
    await expect(repository.findOneBy({ id })).rejects.toThrow(PhiDecryptionError);

    // A valid ciphertext copied from another column does not pass for this one.
    const other = await savePatient(protection);
    await sandbox.query('UPDATE phi_probe_patients SET patient_name = member_id WHERE id = $1', [other]);
    await expect(repository.findOneBy({ id: other })).rejects.toThrow('tampered, or stored under another column');
    await sandbox.query('DELETE FROM phi_probe_patients WHERE id = ANY($1)', [[id, other]]);
  });

  it('rotates keys: old rows still read, new rows use the new key, re-encryption retires the old key', async () => {
    const before = protectionWith([key2025], 'k2025', blindIndexKey);
    activatePhiProtection(before);
    const oldId = await savePatient(before);

    const rotated = protectionWith([key2025, key2026], 'k2026', blindIndexKey);
    activatePhiProtection(rotated);
    const repository = dataSource.getRepository(ProbePatient);
    expect(await repository.findOneByOrFail({ id: oldId })).toMatchObject(PATIENT);
    const newId = await savePatient(rotated);
    expect((await raw(newId)).patient_name).toMatch(/^v1:k2026:/);

    expect(findPhiTables(dataSource)).toEqual([
      {
        table: 'phi_probe_patients',
        primaryKey: 'id',
        columns: [
          { name: 'patient_name', context: 'phi_probe_patients.patient_name' },
          { name: 'date_of_birth', context: 'phi_probe_patients.date_of_birth' },
          { name: 'member_id', context: 'phi_probe_patients.member_id' },
          { name: 'clinical_summary', context: 'phi_probe_patients.clinical_summary' },
        ],
      },
    ]);
    const total = Number((await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM phi_probe_patients'))[0]?.n);
    const oldRows = Number(
      (
        await sandbox.query<{ n: string }>(
          `SELECT count(*) AS n FROM phi_probe_patients WHERE patient_name LIKE 'v1:k2025:%'`,
        )
      )[0]?.n,
    );
    const [report] = await reencryptPhi(dataSource, rotated.cipher, { batchSize: 2 });
    expect(report).toMatchObject({ table: 'phi_probe_patients', rowsScanned: total, rowsReencrypted: oldRows });
    const leftOver = await sandbox.query(
      `SELECT id FROM phi_probe_patients
        WHERE patient_name NOT LIKE 'v1:k2026:%' OR date_of_birth NOT LIKE 'v1:k2026:%'
           OR member_id NOT LIKE 'v1:k2026:%' OR clinical_summary NOT LIKE 'v1:k2026:%'`,
    );
    expect(leftOver).toEqual([]);

    // Running it again finds nothing to do.
    const [again] = await reencryptPhi(dataSource, rotated.cipher);
    expect(again?.rowsReencrypted).toBe(0);

    // The old key can now go.
    activatePhiProtection(protectionWith([key2026], 'k2026', blindIndexKey));
    expect(await repository.findOneByOrFail({ id: oldId })).toMatchObject(PATIENT);
    expect(await repository.findOneByOrFail({ id: newId })).toMatchObject(PATIENT);
  });

  it('ships the re-encryption as a command that re-encrypts the real tables under the new key', async () => {
    // A row written by the API under the sandbox's key: a payer's webhook secret.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const api = await startApi(sandbox.env);
    try {
      await request(api.url)
        .post('/v1/payers')
        .set({ authorization: `Bearer ${sandbox.adminKey}` })
        .send(payerBody({ webhookSecrets: [secret] }))
        .expect(201);
    } finally {
      await api.process.stop();
    }
    const newKey = key('k2027');
    const command = new ServiceUnderTest('phi-reencrypt', {
      ...sandbox.env,
      PHI_ENCRYPTION_KEYS: `${sandbox.env.PHI_ENCRYPTION_KEYS},k2027:${newKey.key.toString('base64')}`,
      PHI_ENCRYPTION_KEY_ID: 'k2027',
    });
    expect(await command.waitForExit(30_000)).toEqual({ code: 0, signal: null });
    expect(command.text).toMatch(/done: \d+ table\(s\) with PHI columns; every value is now under key "k2027"/);
    const reencrypted = /payer_webhook_secrets \(secret\): (\d+) rows scanned, (\d+) re-encrypted/.exec(command.text);
    expect(Number(reencrypted?.[2])).toBeGreaterThan(0);
    // Every stored secret now opens with the new key alone.
    const newKeyOnly = new PhiCipher(new PhiKeyring([newKey], 'k2027'));
    const stored = await sandbox.query<{ secret: string }>('SELECT secret FROM payer_webhook_secrets');
    expect(stored.map((row) => newKeyOnly.decrypt(row.secret, 'payer_webhook_secrets.secret'))).toEqual(
      stored.map(() => secret),
    );
  });

  it('refuses to start a service whose PHI keys are wrong, naming the variable and not the key', async () => {
    const badKey = randomBytes(16).toString('base64');
    const worker = new ServiceUnderTest('worker', {
      ...sandbox.env,
      PHI_ENCRYPTION_KEYS: `short:${badKey}`,
      PHI_ENCRYPTION_KEY_ID: 'short',
    });
    const status = await worker.waitForExit(30_000);
    expect(status.code).toBe(1);
    expect(worker.text).toContain('PHI_ENCRYPTION_KEYS / PHI_ENCRYPTION_KEY_ID: PHI key "short" must be 32 bytes');
    expect(worker.text).not.toContain(badKey);
  });
});
