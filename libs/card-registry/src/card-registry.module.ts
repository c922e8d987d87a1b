import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CardRegistryService } from './application/card-registry.service';
import { CardRegistryStore } from './application/ports/card-registry.store';
import { Clock, SystemClock } from './application/ports/clock';
import { CardRegistryDemoData } from './adapters/demo/card-registry-demo-data';
import { CardRegistryController } from './adapters/http/card-registry.controller';
import { CardAccountOrmEntity } from './adapters/persistence/card-account.orm-entity';
import { CardCardOrmEntity } from './adapters/persistence/card-card.orm-entity';
import { CardCustomerVersionOrmEntity } from './adapters/persistence/card-customer-version.orm-entity';
import { CardCustomerOrmEntity } from './adapters/persistence/card-customer.orm-entity';
import { TypeormCardRegistryStore } from './adapters/persistence/typeorm-card-registry.store';

/** The card-customer registry (DESIGN §6): customers, versions, accounts, cards, export. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      CardCustomerOrmEntity,
      CardCustomerVersionOrmEntity,
      CardAccountOrmEntity,
      CardCardOrmEntity,
    ]),
  ],
  controllers: [CardRegistryController],
  providers: [
    CardRegistryService,
    { provide: CardRegistryStore, useClass: TypeormCardRegistryStore },
    { provide: Clock, useClass: SystemClock },
    CardRegistryDemoData,
  ],
  exports: [CardRegistryService],
})
export class CardRegistryModule {}
