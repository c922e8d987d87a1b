import { SHOWCASE } from './showcase';
import {
  randomCustomer,
  randomDeposits,
  randomFacility,
  randomPayroll,
  type Context,
  type FacilitySpec,
  type SyntheticSnapshot,
} from './random-customers';

/** The five fixed scenario customers (their names and amounts still come from the seed). */
export function showcaseCustomers(ctx: Context): SyntheticSnapshot[] {
  const base = (index: number, overrides: Record<string, unknown>) => ({
    ...randomCustomer(ctx, index, false),
    ...overrides,
  });

  // 1. The hit: every product type, two currencies, an overdue facility in each debt group.
  const hitFacilities: Partial<FacilitySpec>[] = [
    { productType: 'CREDIT_CARD', currency: 'VND', status: 'ACTIVE', daysPastDue: 0, debtGroup: null },
    { productType: 'SECURED_LOAN', currency: 'VND', status: 'ACTIVE', daysPastDue: 45, debtGroup: null },
    { productType: 'UNSECURED_LOAN', currency: 'VND', status: 'ACTIVE', daysPastDue: 120, debtGroup: null },
    { productType: 'REVOLVING_LOAN', currency: 'USD', status: 'ACTIVE', daysPastDue: 200, debtGroup: null },
    { productType: 'OVERDRAFT', currency: 'VND', status: 'ACTIVE', daysPastDue: 400, debtGroup: null },
    { productType: 'CREDIT_CARD', currency: 'USD', status: 'CLOSED', daysPastDue: 0, debtGroup: null },
  ];
  const hit = base(1, {
    cif: SHOWCASE.hit.cif,
    status: 'ACTIVE',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1990-05-14',
    gender: 'M',
    legalIds: [
      {
        type: 'CCCD',
        number: SHOWCASE.hit.legalId,
        issueDate: '2021-04-01',
        issuePlace: 'Cục Cảnh sát QLHC về TTXH',
      },
    ],
    mobileNumbers: [SHOWCASE.hit.mobileNumber],
    email: 'an.nguyen@example.vn',
    lending: hitFacilities.map((spec, k) => randomFacility(ctx, 1, k, false, spec)),
    deposits: [
      ...randomDeposits(ctx, 1).filter((d) => d.productType === 'FIXED_DEPOSIT'),
      {
        productType: 'CURRENT_ACCOUNT',
        accountNumber: '1000000000011',
        productName: 'Tài khoản thanh toán',
        currency: 'VND',
        balance: '15250000.00',
        availableBalance: '15000000.00',
        principalAmount: null,
        interestRate: '0.0010',
        termMonths: null,
        openDate: '2019-03-01',
        maturityDate: null,
        status: 'ACTIVE',
      },
      {
        productType: 'SAVINGS_ACCOUNT',
        accountNumber: '1000000000012',
        productName: 'Tiết kiệm không kỳ hạn',
        currency: 'VND',
        balance: '80000000.00',
        availableBalance: '80000000.00',
        principalAmount: null,
        interestRate: '0.0050',
        termMonths: null,
        openDate: '2020-07-15',
        maturityDate: null,
        status: 'ACTIVE',
      },
      {
        productType: 'FIXED_DEPOSIT',
        accountNumber: '1000000000013',
        productName: 'Tiền gửi có kỳ hạn 12 tháng',
        currency: 'USD',
        balance: '5000.00',
        availableBalance: null,
        principalAmount: '5000.00',
        interestRate: '0.0450',
        termMonths: 12,
        openDate: '2026-02-01',
        maturityDate: '2027-02-01',
        status: 'ACTIVE',
      },
    ],
    payroll: randomPayroll(ctx, '1000000000011'),
  });

  // 2 and 3. Two open CIFs sharing one mobile (a family phone).
  const first = base(2, {
    cif: SHOWCASE.sharedMobile.cifs[0],
    status: 'ACTIVE',
    fullName: 'Trần Thị Bình',
    dateOfBirth: '1990-11-02',
    gender: 'F',
    legalIds: [
      {
        type: 'CCCD',
        number: SHOWCASE.sharedMobile.legalIdOfFirst,
        issueDate: '2022-01-10',
        issuePlace: 'Cục Cảnh sát QLHC về TTXH',
      },
    ],
    mobileNumbers: [SHOWCASE.sharedMobile.mobileNumber],
  });
  const second = base(3, {
    cif: SHOWCASE.sharedMobile.cifs[1],
    status: 'ACTIVE',
    fullName: 'Trần Văn Cường',
    dateOfBirth: '1962-03-21',
    gender: 'M',
    legalIds: [{ type: 'CMND', number: '012345678', issueDate: '2008-06-30', issuePlace: 'Công an Hà Nội' }],
    mobileNumbers: [`+84${SHOWCASE.sharedMobile.mobileNumber.slice(1)}`],
  });

  // 4 and 5. A closed CIF, and the open CIF the same customer holds now.
  const person4 = {
    fullName: 'Lê Thị Dung',
    dateOfBirth: '1985-08-08',
    gender: 'F',
    legalIds: [
      {
        type: 'PASSPORT',
        number: SHOWCASE.reopened.legalId,
        issueDate: '2019-09-09',
        issuePlace: 'Cục Quản lý xuất nhập cảnh',
      },
    ],
    mobileNumbers: [SHOWCASE.reopened.mobileNumber],
  };
  const closed = base(4, {
    cif: SHOWCASE.reopened.closedCif,
    status: 'CLOSED',
    ...person4,
    lending: [],
    payroll: [],
  });
  const reopened = base(5, { cif: SHOWCASE.reopened.openCif, status: 'ACTIVE', ...person4 });
  return [hit, first, second, closed, reopened];
}
