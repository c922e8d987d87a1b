import { Module } from '@nestjs/common';
import { AppConfig, moduleSchemaProvider } from '@hub/platform';
import { CardExportConfig } from './application/card-export-config';
import { CardExportFilesService } from './application/card-export-files.service';
import { ExportFileStorage } from './application/ports/export-file-storage';
import { cardExportConfigFrom } from './adapters/card-export-config.loader';
import { FsExportFileStorage } from './adapters/files/fs-export-file-storage';
import { CardExportJob } from './adapters/jobs/card-export-job';
import { CardRegistryService } from './application/card-registry.service';
import { CardRegistryRepository } from './application/ports/card-registry.repository';
import { CardRegistryDemoData } from './adapters/demo/card-registry-demo-data';
import { CardRegistryController } from './adapters/http/card-registry.controller';
import { TypeormCardRegistryRepository } from './adapters/persistence/typeorm-card-registry.repository';
import { CARD_REGISTRY_SCHEMA } from './adapters/persistence/card-registry.schema';

/** The card-customer registry: customers, versions, accounts, cards (with their lifecycle), exports and daily export files. */
@Module({
  controllers: [CardRegistryController],
  providers: [
    moduleSchemaProvider(CARD_REGISTRY_SCHEMA),
    CardRegistryService,
    { provide: CardRegistryRepository, useClass: TypeormCardRegistryRepository },
    CardRegistryDemoData,
    { provide: CardExportConfig, useFactory: cardExportConfigFrom, inject: [AppConfig] },
    { provide: ExportFileStorage, useClass: FsExportFileStorage },
    CardExportFilesService,
    CardExportJob,
  ],
  exports: [CardRegistryService, CardExportFilesService],
})
export class CardRegistryModule {}
