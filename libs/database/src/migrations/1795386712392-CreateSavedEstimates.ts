import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSavedEstimates1795386712392 implements MigrationInterface {
  name = 'CreateSavedEstimates1795386712392';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "saved_estimates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by_key_id" uuid,
                "catalog_version" bigint NOT NULL,
                "request" jsonb NOT NULL,
                "estimate" jsonb NOT NULL,
                CONSTRAINT "PK_5cc61b886c8270a360e8ee09706" PRIMARY KEY ("id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "saved_estimates"
        `);
  }
}
