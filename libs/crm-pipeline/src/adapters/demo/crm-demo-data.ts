import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hub/platform';
import { CrmPipelineService } from '../../application/crm-pipeline.service';

const DEMO_ACTOR = 'demo-data';

/**
 * Demo data (DEMO_DATA, on by default on the embedded database): a small pipeline through the
 * real use cases, so every status, a reassignment, a conversion and a close-lost reason show in
 * the reads and the report. Loaded only when the CRM tables are empty.
 */
@Injectable()
export class CrmDemoData implements OnApplicationBootstrap {
  private readonly logger = new Logger('CrmDemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly crm: CrmPipelineService,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    const [{ present }] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM crm_leads) OR EXISTS (SELECT 1 FROM crm_opportunities) AS present`,
    );
    if (present) return;
    await this.load();
    this.logger.log('CRM demo pipeline loaded');
  }

  async load(): Promise<void> {
    const ntb = (legalId: string, ownerId: string, channel = 'MOBILE_APP') =>
      this.crm.comboCreate(
        {
          customerType: 'NTB',
          ownerId,
          legalId,
          mobileNumber: '0912345678',
          product: 'CREDIT_CARD',
          channel,
        },
        DEMO_ACTOR,
      );
    const etb = (cif: string, ownerId: string, product: string) =>
      this.crm.comboCreate(
        { customerType: 'ETB', ownerId, cif, product, channel: 'INTERNET_BANKING' },
        DEMO_ACTOR,
      );

    await ntb('079090001001', 'RM001');
    await ntb('079090001002', 'RM001');
    await ntb('079090001002', 'RM002'); // reassigned to another RM
    const converted = await ntb('079090001003', 'RM002', 'BRANCH');
    await this.crm.closeWon({ leadId: converted.leadId, cif: '7700009001' }, DEMO_ACTOR);
    const rejected = await ntb('079090001004', 'RM003', 'WEB');
    await this.crm.updateLeadStatus(
      { leadId: rejected.leadId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
      DEMO_ACTOR,
    );
    await etb('7700009002', 'RM001', 'UNSECURED_LOAN');
    const won = await etb('7700009003', 'RM002', 'OVERDRAFT');
    await this.crm.closeWon({ opportunityId: won.opportunityId }, DEMO_ACTOR);
    const lost = await etb('7700009004', 'RM003', 'CREDIT_CARD');
    await this.crm.updateOpportunityStatus(
      { opportunityId: lost.opportunityId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
      DEMO_ACTOR,
    );
  }
}
