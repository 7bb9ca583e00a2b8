import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayerCallbacksAndWebhooks1795394122154 implements MigrationInterface {
  name = 'PayerCallbacksAndWebhooks1795394122154';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "payer_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "payer_id" uuid NOT NULL,
                "webhook_id" character varying(255) NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "media_type" character varying(10) NOT NULL,
                "body" text NOT NULL,
                "event_type" character varying(40) NOT NULL,
                "trace_number" character varying(50) NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'received',
                "preauth_id" uuid,
                "outcome" character varying(500),
                "processed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "payer_events_payer_webhook_id" UNIQUE ("payer_id", "webhook_id"),
                CONSTRAINT "PK_f96dfcd9120950483ed3c6e0e13" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "payer_events_trace_number" ON "payer_events" ("trace_number")
        `);
    await queryRunner.query(`
            CREATE INDEX "payer_events_status" ON "payer_events" ("status", "received_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_events" (
                "id" character varying(60) NOT NULL,
                "type" character varying(60) NOT NULL,
                "data" jsonb NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_subscriptions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "url" character varying(2000) NOT NULL,
                "description" character varying(200),
                "event_types" text array NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'active',
                "disabled_reason" character varying(500),
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "consecutive_failures" integer NOT NULL DEFAULT '0',
                "created_by_key_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "webhook_subscriptions_status" ON "webhook_subscriptions" ("status")
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" character varying(60) NOT NULL,
                "subscription_id" uuid NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'pending',
                "round" integer NOT NULL DEFAULT '1',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_status_code" integer,
                "last_error" character varying(500),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "webhook_deliveries_event_subscription" UNIQUE ("event_id", "subscription_id"),
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_subscription" ON "webhook_deliveries" ("subscription_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_delivery_attempts" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "delivery_id" uuid NOT NULL,
                "round" integer NOT NULL,
                "attempt" integer NOT NULL,
                "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "duration_ms" integer NOT NULL,
                "status_code" integer,
                "error" character varying(500),
                "succeeded" boolean NOT NULL,
                CONSTRAINT "PK_59ef9124585b56c18b98548a0c6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "webhook_delivery_attempts_delivery" ON "webhook_delivery_attempts" ("delivery_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_subscription_secrets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "subscription_id" uuid NOT NULL,
                "secret" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_01daa3400a5972102692fbc5234" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "webhook_subscription_secrets_subscription" ON "webhook_subscription_secrets" ("subscription_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_requests"
            ADD "expiring_noticed_for" date
        `);
    await queryRunner.query(`
            ALTER TABLE "payer_events"
            ADD CONSTRAINT "FK_f4e1fd0b6ac14376a28acd2e2de" FOREIGN KEY ("payer_id") REFERENCES "payers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_delivery_attempts"
            ADD CONSTRAINT "FK_647916c401c0c275df5f00c148f" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_subscription_secrets"
            ADD CONSTRAINT "FK_7307028c90973b0f161100bee8f" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "webhook_subscription_secrets" DROP CONSTRAINT "FK_7307028c90973b0f161100bee8f"
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_delivery_attempts" DROP CONSTRAINT "FK_647916c401c0c275df5f00c148f"
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"
        `);
    await queryRunner.query(`
            ALTER TABLE "payer_events" DROP CONSTRAINT "FK_f4e1fd0b6ac14376a28acd2e2de"
        `);
    await queryRunner.query(`
            ALTER TABLE "preauth_requests" DROP COLUMN "expiring_noticed_for"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."webhook_subscription_secrets_subscription"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_subscription_secrets"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."webhook_delivery_attempts_delivery"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_delivery_attempts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_subscription"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_deliveries"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."webhook_subscriptions_status"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_subscriptions"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payer_events_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payer_events_trace_number"
        `);
    await queryRunner.query(`
            DROP TABLE "payer_events"
        `);
  }
}
