import { MigrationInterface, QueryRunner } from 'typeorm';

export class UtilizationCorrections1795400000000 implements MigrationInterface {
  name = 'UtilizationCorrections1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization"
            ADD "over_authorization" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization"
            ADD "reversed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization"
            ADD "reversal_reason" character varying(500)
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization"
            ADD "reversed_by_key_id" uuid
        `);
    await queryRunner.query(`
            DROP INDEX "public"."preauth_utilization_date"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "preauth_utilization_date" ON "preauth_utilization" ("preauth_id", "service_date")
            WHERE "reversed_at" IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."preauth_utilization_date"
        `);
    await queryRunner.query(`
            DELETE FROM "preauth_utilization"
            WHERE "reversed_at" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "preauth_utilization_date" ON "preauth_utilization" ("preauth_id", "service_date")
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization" DROP COLUMN "reversed_by_key_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization" DROP COLUMN "reversal_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization" DROP COLUMN "reversed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization" DROP COLUMN "over_authorization"
        `);
  }
}
