import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, DemoSeeding, seedOnce } from '@hub/platform';
import { ODS_DEMO_SEEDER } from '@hub/customer-summary';
import { BusinessRuleError } from '@hub/shared-kernel';
import { CrmCommandsService, type ComboCreateOutcome } from '../../application/crm-commands.service';
import type { ComboCreateCommand } from '../../application/crm-input';

const DEMO_ACTOR = 'demo-data';

/** The commands the demo runs (`CrmPipelineService` has them too). */
type DemoCommands = Pick<
  CrmCommandsService,
  'comboCreate' | 'closeWon' | 'updateLeadStatus' | 'updateOpportunityStatus'
>;

/**
 * Demo data (DEMO_DATA, on by default on the embedded database): a small pipeline through the
 * real use cases, so every status, a reassignment, a conversion, a superseded lead, close-lost
 * reasons and amounts show in the reads and the report. Loaded only when the CRM tables are
 * empty, after the ODS demo data (`after` in `DemoSeeding`; beside the other modules' seeders),
 * and consistent with it: NTB identifiers no ODS customer holds, ETB CIFs the ODS holds open.
 */
@Injectable()
export class CrmDemoData implements OnModuleInit {
  private readonly logger = new Logger('CrmDemoData');

  constructor(
    private readonly config: AppConfig,
    @Inject(CrmCommandsService) private readonly crm: DemoCommands,
    private readonly dataSource: DataSource,
    @Optional() private readonly seeding?: DemoSeeding,
  ) {}

  onModuleInit(): void {
    if (!this.config.demoData) return;
    this.seeding?.register({ name: 'crm-pipeline:demo', after: [ODS_DEMO_SEEDER], seed: () => this.seed() });
  }

  /** Loads the demo pipeline into empty CRM tables, once per database. */
  async seed(): Promise<void> {
    // Once per database, however many instances start together.
    await seedOnce(this.dataSource, 'crm-pipeline:demo', async () => {
      const [{ present }] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM crm_leads) OR EXISTS (SELECT 1 FROM crm_opportunities) AS present`,
      );
      if (present) return false;
      await this.load();
      this.logger.log('CRM demo pipeline loaded');
      return true;
    });
  }

  async load(): Promise<void> {
    const ntb = (legalId: string, ownerId: string, more: Partial<ComboCreateCommand> = {}) =>
      this.attempt(() =>
        this.crm.comboCreate(
          {
            customerType: 'NTB',
            ownerId,
            legalId,
            mobileNumber: `09123${legalId.slice(-5)}`,
            fullName: 'Khách hàng mới',
            product: 'CREDIT_CARD',
            channel: 'MOBILE_APP',
            ...more,
          },
          DEMO_ACTOR,
        ),
      );
    const etb = (cif: string, ownerId: string, product: string, more: Partial<ComboCreateCommand> = {}) =>
      this.attempt(() =>
        this.crm.comboCreate(
          { customerType: 'ETB', ownerId, cif, product, channel: 'WEB', ...more },
          DEMO_ACTOR,
        ),
      );
    const vnd = (amount: string, expectedCloseDate?: string) => ({
      amount,
      currency: 'VND',
      ...(expectedCloseDate ? { expectedCloseDate } : {}),
    });

    // New-to-bank customers: identifiers no ODS demo customer holds.
    await ntb('079090001001', 'RM001', vnd('50000000.00', '2026-12-31'));
    await ntb('079090001002', 'RM001', vnd('80000000.00'));
    // Reassigned to another RM: the new lead keeps the name, mobile and amount the request leaves out.
    await ntb('079090001002', 'RM002', { mobileNumber: undefined, fullName: undefined });
    const converted = await ntb('079090001003', 'RM002', {
      channel: 'BRANCH',
      product: 'UNSECURED_LOAN',
      ...vnd('300000000.00'),
    });
    // Onboarded: the lead converts into an opportunity for the customer's new CIF.
    if (converted?.leadId)
      await this.crm.closeWon({ leadId: converted.leadId, cif: '7700009001' }, DEMO_ACTOR);
    const rejected = await ntb('079090001004', 'RM003', { channel: 'WEB' });
    if (rejected?.leadId)
      await this.crm.updateLeadStatus(
        { leadId: rejected.leadId, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
        DEMO_ACTOR,
      );
    // A lead superseded: the customer got a CIF elsewhere and an RM opened an opportunity for it.
    await ntb('079090001005', 'RM004', { channel: 'CALL_CENTER', product: 'MORTGAGE' });

    // Existing customers: open CIFs of the ODS demo data (the showcase customers).
    await etb('7700000001', 'RM001', 'UNSECURED_LOAN', vnd('200000000.00', '2026-11-30'));
    const won = await etb('7700000002', 'RM002', 'OVERDRAFT', vnd('20000000.00'));
    if (won?.opportunityId) await this.crm.closeWon({ opportunityId: won.opportunityId }, DEMO_ACTOR);
    const lost = await etb('7700000003', 'RM003', 'CREDIT_CARD', { amount: '1000.00', currency: 'USD' });
    if (lost?.opportunityId)
      await this.crm.updateOpportunityStatus(
        { opportunityId: lost.opportunityId, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
        DEMO_ACTOR,
      );
    await etb('7700000005', 'RM004', 'MORTGAGE', { legalId: '079090001005', ...vnd('1500000000.00') });
  }

  /**
   * A demo record the classification check refuses (an ODS configured with other demo data, or not
   * loaded) is skipped with a warning: the demo never contradicts the ODS.
   */
  private async attempt(create: () => Promise<ComboCreateOutcome>): Promise<ComboCreateOutcome | null> {
    try {
      return await create();
    } catch (error) {
      if (error instanceof BusinessRuleError) {
        this.logger.warn(`CRM demo record skipped: ${error.code}`);
        return null;
      }
      throw error;
    }
  }
}
