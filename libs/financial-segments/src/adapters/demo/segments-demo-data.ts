import { Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, DemoSeeding, seedOnce } from '@hub/platform';
import type { ImportedAccount, ImportedTransaction } from '../../application/ports/user-data.repository';
import { SegmentService } from '../../application/segment.service';
import { SynchronizationService } from '../../application/synchronization.service';
import { UserDataService } from '../../application/user-data.service';

/** What a newcomer finds in Swagger after `npm start` (the module README walks through it). */
export const SEGMENTS_DEMO = {
  segmentName: 'Demo: affluent salaried',
  users: {
    salaried: 'demo-user-salaried',
    pensioner: 'demo-user-pensioner',
    landlord: 'demo-user-landlord',
  },
} as const;

const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

function monthly(
  prefix: string,
  day: string,
  amount: string,
  purpose: (month: string) => string,
  counterpartName: string,
): ImportedTransaction[] {
  return MONTHS.map((m) => ({
    id: `${prefix}-${m}`,
    bookingDate: `${m}-${day}`,
    amount,
    currency: 'VND',
    purpose: purpose(m),
    counterpartName,
  }));
}

const account = (
  accountNumber: string,
  type: ImportedAccount['type'],
  balance: string,
  transactions: ImportedTransaction[] = [],
): ImportedAccount => ({ accountNumber, type, currency: 'VND', balance, transactions });

/**
 * Demo data (DEMO_DATA, on by default on the embedded database): three users with an import each
 * (a salaried employee, a pensioner, a landlord), one segment with two offers, and a synchronize
 * job per user without a callback, so cases and income reports appear as soon as the job queue
 * has run them, and the salaried user joins the segment. Loaded through the real use cases, only
 * when the module holds no user yet, at start-up beside the other modules' seeders (`DemoSeeding`).
 */
@Injectable()
export class SegmentsDemoData implements OnModuleInit {
  private readonly logger = new Logger('SegmentsDemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly userData: UserDataService,
    private readonly segments: SegmentService,
    private readonly synchronization: SynchronizationService,
    @Optional() private readonly seeding?: DemoSeeding,
  ) {}

  onModuleInit(): void {
    if (!this.config.demoData) return;
    this.seeding?.register({ name: 'financial-segments:demo', seed: () => this.seed() });
  }

  /** Loads the demo users, imports and segment when the module holds none, once per database. */
  async seed(): Promise<void> {
    // Once per database, however many instances start together.
    await seedOnce(this.dataSource, 'financial-segments:demo', async () => {
      const [{ present }] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM seg_users) OR EXISTS (SELECT 1 FROM seg_segments) AS present`,
      );
      if (present) return false;
      await this.load();
      this.logger.log('Financial-segments demo users, imports and segment loaded; their jobs are queued');
      return true;
    });
  }

  async load(): Promise<void> {
    // The segment first: each report build then adds its user to the segments it meets.
    await this.segments.create({
      name: SEGMENTS_DEMO.segmentName,
      currency: 'VND',
      criteria: {
        minTotalBalance: '100000000.00',
        minAverageMonthlyIncome: '15000000.00',
        minMonthsWithIncome: 3,
        incomeCategories: ['SALARY'],
      },
      offers: [
        { code: 'PLATINUM_CARD', name: 'Thẻ tín dụng Platinum', kind: 'CARD' },
        { code: 'BALANCED_FUND', name: 'Quỹ đầu tư cân bằng', kind: 'INVESTMENT' },
      ],
    });

    const imports: [string, string, ImportedAccount[]][] = [
      [
        SEGMENTS_DEMO.users.salaried,
        'Vietcombank',
        [
          account('0071000000101', 'CHECKING', '45000000.00', [
            ...monthly('SAL', '25', '28000000.00', (m) => `Lương tháng ${m}`, 'CONG TY TNHH ABC'),
            ...monthly('RENT', '05', '-9000000.00', (m) => `Thanh toan tien nha ${m}`, 'Nguyen Van Chu Nha'),
            ...monthly('EVN', '12', '-850000.00', (m) => `Tien dien ${m}`, 'EVN HCMC'),
          ]),
          account('0071000000102', 'SAVINGS', '120000000.00'),
        ],
      ],
      [
        SEGMENTS_DEMO.users.pensioner,
        'BIDV',
        [
          account('3101000000201', 'CHECKING', '80000000.00', [
            ...monthly('PEN', '10', '6500000.00', (m) => `LUONG HUU THANG ${m}`, 'BHXH TP HO CHI MINH'),
          ]),
        ],
      ],
      [
        SEGMENTS_DEMO.users.landlord,
        'Techcombank',
        [
          account('1903000000301', 'CHECKING', '25000000.00', [
            ...monthly('TN', '03', '12000000.00', (m) => `Tiền thuê nhà ${m}`, 'Tran Thi Khach Thue'),
          ]),
          account('1903000000302', 'SAVINGS', '300000000.00', [
            ...monthly('INT', '28', '1250000.00', (m) => `Lai tiet kiem ${m}`, 'TECHCOMBANK'),
          ]),
        ],
      ],
    ];
    for (const [externalUserId, bankName, accounts] of imports) {
      const { userId } = await this.userData.openProcess(externalUserId);
      await this.userData.importAccounts(userId, bankName, accounts);
      await this.synchronization.request(userId, null);
    }
  }
}
