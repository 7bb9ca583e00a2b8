import { Module } from '@nestjs/common';
import { AppConfig } from '@continuum/config';
import { outboundUrlPolicyProvider } from '@continuum/outbound';
import { PayerGateway } from './payer-gateway.service';

/** The payer gateway. Needs AppConfig (global ConfigModule) and the TypeORM DataSource (DatabaseModule). */
@Module({
  providers: [PayerGateway, outboundUrlPolicyProvider(AppConfig)],
  exports: [PayerGateway],
})
export class PayerGatewayModule {}
