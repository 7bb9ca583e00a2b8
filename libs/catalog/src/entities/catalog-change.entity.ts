import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The catalog's version history: one row per change, in commit order (changes are serialised by an advisory
 * lock), so the newest row's version is the catalog version every replica's snapshot compares against.
 */
@Entity('catalog_changes')
export class CatalogChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  version!: string;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  /** `payer.create`, `plan.update`, `catalog.import`, … */
  @Column({ type: 'varchar', length: 64 })
  change!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId!: string | null;

  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;
}
