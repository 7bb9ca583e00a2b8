import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePreauthorizations1795389979288 implements MigrationInterface {
  name = 'CreatePreauthorizations1795389979288';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // ISA13/GS06 control numbers of the X12 278s we send: 9 digits, unique per sender, reused after a full cycle.
    await queryRunner.query(`
            CREATE SEQUENCE "x12_interchange_control_number" MINVALUE 1 MAXVALUE 999999999 CYCLE
        `);
    await queryRunner.query(`
            CREATE TABLE "job_outbox" (
                "job_id" character varying(200) NOT NULL,
                "job_name" character varying(60) NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "enqueued_at" TIMESTAMP WITH TIME ZONE,
                "redrive_count" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_485bc67ec1b6f9cea8df5c4ef57" PRIMARY KEY ("job_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "job_outbox_created" ON "job_outbox" ("created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "preauth_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "idempotency_scope" character varying(100) NOT NULL,
                "idempotency_key" character varying(255) NOT NULL,
                "request_fingerprint" character varying(64) NOT NULL,
                "accepted_answer" jsonb NOT NULL,
                "status" character varying(32) NOT NULL,
                "payer_id" uuid NOT NULL,
                "plan_id" uuid NOT NULL,
                "level_of_care" character varying(20) NOT NULL,
                "urgency" character varying(10) NOT NULL,
                "patient" text NOT NULL,
                "member_id" text NOT NULL,
                "member_id_index" character varying(64) NOT NULL,
                "diagnoses" text NOT NULL,
                "clinical_summary" text NOT NULL,
                "requesting_provider" jsonb NOT NULL,
                "servicing_provider" jsonb NOT NULL,
                "service_lines" jsonb NOT NULL,
                "requested_units" integer NOT NULL,
                "unit_type" character varying(10) NOT NULL,
                "delivery_pattern" jsonb,
                "place_of_service" character varying(2) NOT NULL,
                "requested_start" date NOT NULL,
                "requested_end" date NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "decision_due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "overdue_since" TIMESTAMP WITH TIME ZONE,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decision_outcome" character varying(20),
                "last_payer_event_at" TIMESTAMP WITH TIME ZONE,
                "payer_reference" character varying(80),
                "authorization_number" character varying(80),
                "approved_units" integer,
                "approved_unit_type" character varying(10),
                "valid_from" date,
                "valid_to" date,
                "used_units" integer NOT NULL DEFAULT '0',
                "review_reasons" jsonb NOT NULL DEFAULT '[]',
                "status_reason_code" character varying(40),
                "status_reason" character varying(500),
                "created_by_key_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_7b2b59ab31b323a462ef74b3854" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "preauth_requests_member_id_index" ON "preauth_requests" ("member_id_index")
        `);
    await queryRunner.query(`
            CREATE INDEX "preauth_requests_status" ON "preauth_requests" ("status")
        `);
    await queryRunner.query(`
            CREATE INDEX "preauth_requests_worklist" ON "preauth_requests" ("decision_due_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "preauth_requests_idempotency_key" ON "preauth_requests" ("idempotency_scope", "idempotency_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "preauth_events" (
                "sequence" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "preauth_id" uuid NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "type" character varying(30) NOT NULL,
                "from_status" character varying(32),
                "to_status" character varying(32) NOT NULL,
                "source" character varying(10) NOT NULL,
                "reason" character varying(500),
                "details" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_86d2c213758cf6332ef54accdf5" PRIMARY KEY ("sequence")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "preauth_events_preauth" ON "preauth_events" ("preauth_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE TABLE "preauth_utilization" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "preauth_id" uuid NOT NULL,
                "service_date" date NOT NULL,
                "units" integer NOT NULL,
                "recorded_by_key_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_83a178b251bbeaeeaba2de66011" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "preauth_utilization_date" ON "preauth_utilization" ("preauth_id", "service_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "preauth_submissions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "preauth_id" uuid NOT NULL,
                "kind" character varying(10) NOT NULL,
                "trace_number" character varying(30) NOT NULL,
                "state" character varying(10) NOT NULL,
                "requested_units" integer NOT NULL,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "round" integer NOT NULL DEFAULT '1',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" character varying(500),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "x12_request" text,
                "x12_sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_bf5d90a68aa78d3fa97933a2777" UNIQUE ("trace_number"),
                CONSTRAINT "PK_c28d9b0414a8b9b275c3bb7b4bd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "preauth_submissions_preauth" ON "preauth_submissions" ("preauth_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_requests"
            ADD CONSTRAINT "FK_b459d6dd797931e54d3e9e7e1dc" FOREIGN KEY ("payer_id") REFERENCES "payers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_requests"
            ADD CONSTRAINT "FK_2ef4e65e01fc909ad76c64097b5" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_events"
            ADD CONSTRAINT "FK_38506185a71c8a7166235455550" FOREIGN KEY ("preauth_id") REFERENCES "preauth_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization"
            ADD CONSTRAINT "FK_0efc1f119aafe4bcca2794d95f6" FOREIGN KEY ("preauth_id") REFERENCES "preauth_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_submissions"
            ADD CONSTRAINT "FK_8d15e5489e03dd8b6647ebff18a" FOREIGN KEY ("preauth_id") REFERENCES "preauth_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "preauth_submissions" DROP CONSTRAINT "FK_8d15e5489e03dd8b6647ebff18a"
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_utilization" DROP CONSTRAINT "FK_0efc1f119aafe4bcca2794d95f6"
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_events" DROP CONSTRAINT "FK_38506185a71c8a7166235455550"
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_requests" DROP CONSTRAINT "FK_2ef4e65e01fc909ad76c64097b5"
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_requests" DROP CONSTRAINT "FK_b459d6dd797931e54d3e9e7e1dc"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."preauth_submissions_preauth"
        `);
    await queryRunner.query(`
            DROP TABLE "preauth_submissions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."preauth_utilization_date"
        `);
    await queryRunner.query(`
            DROP TABLE "preauth_utilization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."preauth_events_preauth"
        `);
    await queryRunner.query(`
            DROP TABLE "preauth_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."preauth_requests_idempotency_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."preauth_requests_worklist"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."preauth_requests_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."preauth_requests_member_id_index"
        `);
    await queryRunner.query(`
            DROP TABLE "preauth_requests"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."job_outbox_created"
        `);
    await queryRunner.query(`
            DROP TABLE "job_outbox"
        `);
    await queryRunner.query(`
            DROP SEQUENCE "x12_interchange_control_number"
        `);
  }
}
