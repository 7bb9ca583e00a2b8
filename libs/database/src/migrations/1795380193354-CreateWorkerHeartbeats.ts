import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorkerHeartbeats1795380193354 implements MigrationInterface {
  name = 'CreateWorkerHeartbeats1795380193354';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "worker_heartbeats" (
                "worker_id" text NOT NULL,
                "hostname" text NOT NULL,
                "pid" integer NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_beat_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_35082e5e316be8465333d9c09d8" PRIMARY KEY ("worker_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_worker_heartbeats_last_beat_at" ON "worker_heartbeats" ("last_beat_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."idx_worker_heartbeats_last_beat_at"
        `);
    await queryRunner.query(`
            DROP TABLE "worker_heartbeats"
        `);
  }
}
