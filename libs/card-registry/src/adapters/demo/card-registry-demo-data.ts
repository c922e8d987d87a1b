import { Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, DemoSeeding, seedOnce } from '@hub/platform';
import { CardRegistryService } from '../../application/card-registry.service';

/** The institution of the development token the hub prints at start-up. */
export const DEMO_INSTITUTION = 'INST-DEMO';

/**
 * Demo data (DEMO_DATA, on by default on the embedded database): a private customer (with
 * nationality, country of birth and a statement address) with an account and a plain card, a
 * wallet customer of their own (locale given in Enfuce's `vi_VN` form) with a wallet card, and a
 * corporate fleet vehicle with a card that has been BLOCKED (version 2). Loaded only when the card
 * tables are empty, at start-up beside the other modules' seeders (`DemoSeeding`).
 */
@Injectable()
export class CardRegistryDemoData implements OnModuleInit {
  private readonly logger = new Logger('CardRegistryDemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly service: CardRegistryService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly seeding?: DemoSeeding,
  ) {}

  onModuleInit(): void {
    if (!this.config.demoData) return;
    this.seeding?.register({ name: 'card-registry:demo', seed: () => this.seed() });
  }

  /** Loads the demo data into empty card tables, once per database. */
  async seed(): Promise<void> {
    // Once per database, however many instances start together.
    await seedOnce(this.dataSource, 'card-registry:demo', async () => {
      const [{ present }] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM card_customers) AS present`,
      );
      if (present) return false;
      await this.load();
      return true;
    });
  }

  private async load(): Promise<void> {
    const address = { address1: '12 Ly Thai To', city: 'Ha Noi', zipCode: '100000', country: 'VNM' };
    const expiryDate = `${new Date().getUTCFullYear() + 4}-12`;
    const owner = await this.service.createCustomer(DEMO_INSTITUTION, {
      type: 'PRIVATE',
      salutation: 'Mr',
      firstName: 'An',
      middleName: 'Van',
      lastName: 'Nguyen',
      dateOfBirth: '1990-05-14',
      email: 'an.nguyen@example.vn',
      mobileNumber: '0912345678',
      address,
      additionalAddresses: [
        {
          type: 'STATEMENT',
          address1: 'PO Box 123',
          city: 'Ha Noi',
          zipCode: '100000',
          country: 'VNM',
        },
      ],
      locale: 'vi-VN',
      nationality: 'VNM',
      countryOfBirth: 'VNM',
      customerNumber: 'CRM-000001',
      regNo: '079090001234',
    });
    const account = await this.service.createAccount(DEMO_INSTITUTION, {
      ownerCustomerId: owner.id,
      currency: 'VND',
      creditLimit: '50000000.00',
    });
    await this.service.createCard(DEMO_INSTITUTION, {
      accountId: account.id,
      cardholderCustomerId: owner.id,
      digitalWalletEnabled: false,
      embossName: 'AN NGUYEN',
      expiryDate,
    });
    const wallet = await this.service.createCustomer(DEMO_INSTITUTION, {
      type: 'PRIVATE',
      firstName: 'An',
      lastName: 'Nguyen',
      mobileNumber: '0912345678',
      address,
      locale: 'vi_VN',
      customerNumber: 'CRM-000001',
      regNo: '079090001234',
      cardScope: 'DEDICATED',
    });
    await this.service.createCard(DEMO_INSTITUTION, {
      accountId: account.id,
      cardholderCustomerId: wallet.id,
      digitalWalletEnabled: true,
      expiryDate,
    });
    const fleet = await this.service.createCustomer(DEMO_INSTITUTION, {
      type: 'CORPORATE',
      name: 'Fleet vehicle 51A-12345',
      address: {
        address1: '1 Nguyen Hue',
        address2: 'Floor 9',
        city: 'Ho Chi Minh City',
        zipCode: '700000',
        country: 'VNM',
      },
      locale: 'vi-VN',
      customerNumber: 'VAT-0312345678',
      regNo: '0312345678',
    });
    const fleetAccount = await this.service.createAccount(DEMO_INSTITUTION, {
      ownerCustomerId: fleet.id,
      currency: 'VND',
      creditLimit: '200000000.00',
    });
    const fuelCard = await this.service.createCard(DEMO_INSTITUTION, {
      accountId: fleetAccount.id,
      cardholderCustomerId: fleet.id,
      digitalWalletEnabled: false,
      embossName: '51A-12345',
      expiryDate,
    });
    await this.service.patchCard(DEMO_INSTITUTION, fuelCard.id, { status: 'BLOCKED' }, '"1"');
    this.logger.log(
      `card-registry demo data loaded for ${DEMO_INSTITUTION}: 3 customers, 2 accounts, 3 cards (one BLOCKED)`,
    );
  }
}
