import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../role';

/** An API key. Only a SHA-256 hash of the secret is stored; the secret itself is shown once, at creation. */
@Entity('api_keys')
@Check('api_keys_role_check', `"role" IN ('admin', 'billing', 'admissions')`)
@Check('api_keys_origins_check', `("role" = 'admissions') = (cardinality("allowed_origins") > 0)`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  /** Hex SHA-256 of the whole secret; unique, so a presented key is found by one indexed lookup. */
  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true })
  keyHash!: string;

  /** The secret's first characters, so people can tell their keys apart (`cnt_billing_3fQ9xk`). */
  @Column({ name: 'key_prefix', type: 'varchar', length: 32 })
  keyPrefix!: string;

  /** Browser origins an admissions key may be used from (and CORS allows); empty for other roles. */
  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => "'{}'" })
  allowedOrigins!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The admin key that created it; null for keys made by ADMIN_API_KEY or the launcher's bootstrap. */
  @Column({ name: 'created_by_key_id', type: 'uuid', nullable: true })
  createdByKeyId!: string | null;

  /** Updated at most once a minute per process, so authentication does not write on every request. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
