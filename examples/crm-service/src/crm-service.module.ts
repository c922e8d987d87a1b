import { Module, type DynamicModule } from '@nestjs/common';
import { CrmPipelineModule } from '@hub/crm-pipeline';
import { PlatformModule, type AppConfig } from '@hub/platform';
import { BankCustomerMaster } from './bank-customer-master';

/**
 * The whole service: the hub's platform (database, auth, errors, logs, idempotency, jobs, health)
 * and its CRM module, whose NTB/ETB check goes to this service's own customer master. Only the
 * platform's and the CRM's tables are created.
 */
@Module({})
export class CrmServiceModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CrmServiceModule,
      imports: [
        PlatformModule.forRoot({ config }),
        CrmPipelineModule.forRoot({ odsCustomers: BankCustomerMaster }),
      ],
    };
  }
}
