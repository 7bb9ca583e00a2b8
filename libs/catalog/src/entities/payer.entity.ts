import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum PayerConnectionType {
  /** JSON over HTTP to the sandbox payer (demos and tests). */
  Sandbox = 'sandbox',
  /** X12 278 requests to the payer's or clearinghouse's endpoint. */
  X12 = 'x12',
  /** Nothing is sent; staff record the payer's answer. */
  Manual = 'manual',
}

@Entity('payers')
@Check('payers_connection_type_check', `"connection_type" IN ('sandbox', 'x12', 'manual')`)
export class PayerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** A stable slug (`bluepeak-health`); how forms, imports and webhook URLs name the payer. */
  @Column({ type: 'varchar', length: 64, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'x12_payer_id', type: 'varchar', length: 80, nullable: true })
  x12PayerId!: string | null;

  @Column({ name: 'connection_type', type: 'varchar', length: 10 })
  connectionType!: PayerConnectionType;

  @Column({ name: 'endpoint_url', type: 'varchar', length: 2000, nullable: true })
  endpointUrl!: string | null;

  /** Overrides of the CMS decision timeframes; null means the default (72 h expedited, 7 days standard). */
  @Column({ name: 'expedited_decision_hours', type: 'int', nullable: true })
  expeditedDecisionHours!: number | null;

  @Column({ name: 'standard_decision_days', type: 'int', nullable: true })
  standardDecisionDays!: number | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
