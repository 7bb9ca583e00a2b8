import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalog1795384625404 implements MigrationInterface {
  name = 'CreateCatalog1795384625404';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "catalog_changes" (
                "version" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "change" character varying(64) NOT NULL,
                "subject_id" character varying(64),
                "actor_id" character varying(64),
                CONSTRAINT "PK_444171592a9822ee3344e27cc19" PRIMARY KEY ("version")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "payers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(64) NOT NULL,
                "name" character varying(200) NOT NULL,
                "x12_payer_id" character varying(80),
                "connection_type" character varying(10) NOT NULL,
                "endpoint_url" character varying(2000),
                "expedited_decision_hours" integer,
                "standard_decision_days" integer,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_1f6d5c92cff662c315e0041ab54" UNIQUE ("code"),
                CONSTRAINT "payers_connection_type_check" CHECK (
                    "connection_type" IN ('sandbox', 'x12', 'manual')
                ),
                CONSTRAINT "PK_fba4083480bbf3cbcfa96de5073" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "plans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "payer_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "plan_type" character varying(20) NOT NULL,
                "plan_year_start_month" smallint NOT NULL,
                "plan_year_start_day" smallint NOT NULL,
                "in_deductible_individual_cents" bigint NOT NULL,
                "in_deductible_family_cents" bigint NOT NULL,
                "in_deductible_embedded" boolean NOT NULL,
                "in_oop_max_individual_cents" bigint NOT NULL,
                "in_oop_max_family_cents" bigint NOT NULL,
                "has_out_of_network" boolean NOT NULL,
                "out_deductible_individual_cents" bigint,
                "out_deductible_family_cents" bigint,
                "out_deductible_embedded" boolean,
                "out_oop_max_individual_cents" bigint,
                "out_oop_max_family_cents" bigint,
                "out_allowed_method" character varying(20),
                "out_allowed_percent_bp" integer,
                "out_balance_billing_allowed" boolean,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "plans_year_start_check" CHECK (
                    "plan_year_start_month" BETWEEN 1 AND 12
                    AND "plan_year_start_day" BETWEEN 1 AND 31
                ),
                CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "plans_payer_name_key" ON "plans" ("payer_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "contracted_rates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "payer_id" uuid NOT NULL,
                "plan_id" uuid,
                "level_of_care" character varying(20) NOT NULL,
                "allowed_cents_per_unit" bigint NOT NULL,
                CONSTRAINT "PK_e4a311314f32a04b1495246f198" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "contracted_rates_key" ON "contracted_rates" ("payer_id", "plan_id", "level_of_care")
        `);
    await queryRunner.query(`
            CREATE TABLE "payer_webhook_secrets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "payer_id" uuid NOT NULL,
                "secret" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_26f7c6ffbafc678aee2506f19ba" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "payer_webhook_secrets_payer_idx" ON "payer_webhook_secrets" ("payer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "plan_benefits" (
                "plan_id" uuid NOT NULL,
                "level_of_care" character varying(20) NOT NULL,
                "network" character varying(3) NOT NULL,
                "covered" boolean NOT NULL,
                "copay_cents" bigint NOT NULL,
                "copay_per" character varying(10) NOT NULL,
                "copay_before_deductible" boolean NOT NULL,
                "deductible_applies" boolean NOT NULL,
                "coinsurance_bp" integer NOT NULL,
                "max_units_per_year" integer,
                "pre_auth_required" boolean NOT NULL,
                "parity_concern" boolean NOT NULL DEFAULT false,
                "out_allowed_cents_per_unit" bigint,
                CONSTRAINT "PK_39a7135e2129ab8682304aff73c" PRIMARY KEY ("plan_id", "level_of_care", "network")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "poverty_guidelines" (
                "year" smallint NOT NULL,
                "region" character varying(12) NOT NULL,
                "effective_date" date NOT NULL,
                "base_cents" bigint NOT NULL,
                "increment_cents" bigint NOT NULL,
                CONSTRAINT "PK_f1db4e420f3e2f6a9e5b2000745" PRIMARY KEY ("year", "region")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "provider_pricing" (
                "id" smallint NOT NULL DEFAULT '1',
                "iop_per_session_day_cents" bigint NOT NULL,
                "iop_program_minimum_cents" bigint NOT NULL,
                "iop_program_maximum_cents" bigint NOT NULL,
                "iop_band_min_cents" bigint NOT NULL,
                "iop_band_max_cents" bigint NOT NULL,
                CONSTRAINT "provider_pricing_single_row" CHECK ("id" = 1),
                CONSTRAINT "PK_f5bca0b23672ba46f6fc76819d0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "provider_rates" (
                "level_of_care" character varying(20) NOT NULL,
                "charge_cents" bigint NOT NULL,
                "self_pay_cents" bigint NOT NULL,
                CONSTRAINT "PK_5665b687c27a78e579d08bfb83a" PRIMARY KEY ("level_of_care")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "sliding_scale_policies" (
                "version" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "name" character varying(200) NOT NULL,
                "bands" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c19a03014275615656ba8837ab5" PRIMARY KEY ("version")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ALTER COLUMN "details"
            SET DEFAULT '{}'::jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "plans"
            ADD CONSTRAINT "FK_da61d69ba8f8b05bd2162235f49" FOREIGN KEY ("payer_id") REFERENCES "payers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "contracted_rates"
            ADD CONSTRAINT "FK_83933750b0256b3c424ee269993" FOREIGN KEY ("payer_id") REFERENCES "payers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "contracted_rates"
            ADD CONSTRAINT "FK_6a33776885048d111fff0f56992" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "payer_webhook_secrets"
            ADD CONSTRAINT "FK_593271d87df5b218e93a44ed1cf" FOREIGN KEY ("payer_id") REFERENCES "payers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_benefits"
            ADD CONSTRAINT "FK_63de99b0b1c698d482f43693f8d" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "plan_benefits" DROP CONSTRAINT "FK_63de99b0b1c698d482f43693f8d"
        `);
    await queryRunner.query(`
            ALTER TABLE "payer_webhook_secrets" DROP CONSTRAINT "FK_593271d87df5b218e93a44ed1cf"
        `);
    await queryRunner.query(`
            ALTER TABLE "contracted_rates" DROP CONSTRAINT "FK_6a33776885048d111fff0f56992"
        `);
    await queryRunner.query(`
            ALTER TABLE "contracted_rates" DROP CONSTRAINT "FK_83933750b0256b3c424ee269993"
        `);
    await queryRunner.query(`
            ALTER TABLE "plans" DROP CONSTRAINT "FK_da61d69ba8f8b05bd2162235f49"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ALTER COLUMN "details"
            SET DEFAULT '{}'
        `);
    await queryRunner.query(`
            DROP TABLE "sliding_scale_policies"
        `);
    await queryRunner.query(`
            DROP TABLE "provider_rates"
        `);
    await queryRunner.query(`
            DROP TABLE "provider_pricing"
        `);
    await queryRunner.query(`
            DROP TABLE "poverty_guidelines"
        `);
    await queryRunner.query(`
            DROP TABLE "plan_benefits"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payer_webhook_secrets_payer_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "payer_webhook_secrets"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."contracted_rates_key"
        `);
    await queryRunner.query(`
            DROP TABLE "contracted_rates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."plans_payer_name_key"
        `);
    await queryRunner.query(`
            DROP TABLE "plans"
        `);
    await queryRunner.query(`
            DROP TABLE "payers"
        `);
    await queryRunner.query(`
            DROP TABLE "catalog_changes"
        `);
  }
}
