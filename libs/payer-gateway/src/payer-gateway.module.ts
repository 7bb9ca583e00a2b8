import { Module } from '@nestjs/common';
import { PayerGateway } from './payer-gateway.service';

/** The payer gateway. Needs AppConfig (global ConfigModule) and the TypeORM DataSource (DatabaseModule). */
@Module({
  providers: [PayerGateway],
  exports: [PayerGateway],
})
export class PayerGatewayModule {}
