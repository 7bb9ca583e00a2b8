import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccessAndAudit1795383288755 implements MigrationInterface {
  name = 'CreateAccessAndAudit1795383288755';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_type" character varying(20) NOT NULL,
                "actor_id" character varying(64),
                "actor_role" character varying(20),
                "action" character varying(64) NOT NULL,
                "subject_type" character varying(64) NOT NULL,
                "subject_id" character varying(64),
                "request_id" character varying(128),
                "client_address" character varying(64),
                "outcome" character varying(10) NOT NULL,
                "details" jsonb NOT NULL DEFAULT '{}'::jsonb,
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" ("occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_action_idx" ON "audit_events" ("action", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_subject_idx" ON "audit_events" ("subject_type", "subject_id", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_actor_idx" ON "audit_events" ("actor_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(100) NOT NULL,
                "role" character varying(20) NOT NULL,
                "key_hash" character(64) NOT NULL,
                "key_prefix" character varying(32) NOT NULL,
                "allowed_origins" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by_key_id" uuid,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"),
                CONSTRAINT "api_keys_origins_check" CHECK (
                    ("role" = 'admissions') = (cardinality("allowed_origins") > 0)
                ),
                CONSTRAINT "api_keys_role_check" CHECK ("role" IN ('admin', 'billing', 'admissions')),
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
    // The audit trail is append-only: not even the service's own database user can rewrite or erase it.
    await queryRunner.query(`
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_events"
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
        `);
    await queryRunner.query(`
            CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_actor_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_subject_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_action_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_occurred_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
    await queryRunner.query(`
            DROP FUNCTION audit_events_append_only()
        `);
  }
}
