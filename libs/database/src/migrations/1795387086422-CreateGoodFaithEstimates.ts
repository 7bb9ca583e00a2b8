import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGoodFaithEstimates1795387086422 implements MigrationInterface {
  name = 'CreateGoodFaithEstimates1795387086422';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "good_faith_estimates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "current_version" integer NOT NULL,
                CONSTRAINT "PK_00ef54e3cc4fb79feb537eccb28" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "good_faith_estimate_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "good_faith_estimate_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by_key_id" uuid,
                "patient_name" text NOT NULL,
                "patient_date_of_birth" text NOT NULL,
                "diagnosis_codes" text NOT NULL,
                "primary_service" jsonb NOT NULL,
                "scheduled_date" date,
                "issued_on" date NOT NULL,
                "due_date" date,
                "due_rule" character varying(200) NOT NULL,
                "providers" jsonb NOT NULL,
                "separately_scheduled" jsonb NOT NULL,
                "total_cents" bigint NOT NULL,
                CONSTRAINT "PK_c24142a84136442ead3cbcd60d7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "good_faith_estimate_versions_key" ON "good_faith_estimate_versions" ("good_faith_estimate_id", "version")
        `);
    await queryRunner.query(`
            ALTER TABLE "good_faith_estimate_versions"
            ADD CONSTRAINT "FK_0ec4576a2d54a4052ed6322417d" FOREIGN KEY ("good_faith_estimate_id") REFERENCES "good_faith_estimates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "good_faith_estimate_versions" DROP CONSTRAINT "FK_0ec4576a2d54a4052ed6322417d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."good_faith_estimate_versions_key"
        `);
    await queryRunner.query(`
            DROP TABLE "good_faith_estimate_versions"
        `);
    await queryRunner.query(`
            DROP TABLE "good_faith_estimates"
        `);
  }
}
