// Over 300 lines on purpose: one random customer built field by field from the seeded generator;
// split by field it would scatter one construction.
import { Prng } from './prng';
import { RESERVED_LEGAL_IDS, RESERVED_MOBILES } from './showcase';
import {
  EMPLOYERS,
  FAMILY_NAMES,
  FAMILY_WEIGHTS,
  GIVEN_F,
  GIVEN_M,
  LENDING_PRODUCTS,
  LENDING_TYPES,
  MIDDLE_F,
  MIDDLE_M,
  MOBILE_PREFIXES,
  PROVINCES,
  type LendingProduct,
  type Province,
} from './vietnam-reference-data';

/** One snapshot in wire format (ready for JSON.stringify). */
export type SyntheticSnapshot = Record<string, unknown>;

/** The random customers of the generator: names, identifiers, addresses, products from the seed. */
export interface Recent {
  readonly cif: string;
  readonly status: string;
  readonly mobile: string;
  readonly legalId: { type: string; number: string };
}

export class Context {
  /** A small ring buffer of recent customers, for shared mobiles and reopened CIFs. */
  readonly recent: Recent[] = [];

  constructor(
    readonly rng: Prng,
    readonly asOf: string,
  ) {}

  remember(r: Recent): void {
    this.recent.push(r);
    if (this.recent.length > 64) this.recent.shift();
  }

  /** `YYYY-MM` k months before the as-of month. */
  period(monthsBack: number): string {
    const [y, m] = this.asOf.split('-').map(Number);
    const total = y * 12 + (m - 1) - monthsBack;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  }

  /** A date `days` days before as-of. */
  daysBack(days: number): string {
    const d = new Date(`${this.asOf}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - days);
    return d.toISOString().slice(0, 10);
  }
}

function cifOf(index: number): string {
  return String(7_700_000_000 + index);
}

/** A bijection of [0, modulus) for moduli that are powers of ten (multiplier coprime to 10). */
function permute(index: number, modulus: number, multiplier: number, offset: number): string {
  const value = ((((index % modulus) * multiplier) % modulus) + offset) % modulus;
  return String(value).padStart(String(modulus - 1).length, '0');
}

function money(units: number, currency: string): string {
  return currency === 'VND' ? `${Math.round(units)}.00` : (Math.round(units * 100) / 100).toFixed(2);
}

function mobileForm(rng: Prng, national9: string): string {
  const n = national9;
  return rng.weighted<string>([
    [`0${n}`, 50],
    [`+84${n}`, 20],
    [`84 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, 15],
    [`0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, 15],
  ]);
}

function person(rng: Prng, gender: 'M' | 'F' | 'O') {
  const family = rng.weighted(FAMILY_NAMES.map((n, i) => [n, FAMILY_WEIGHTS[i]] as const));
  const female = gender === 'F' || (gender === 'O' && rng.chance(0.5));
  const middle = rng.pick(female ? MIDDLE_F : MIDDLE_M);
  const given = rng.pick(female ? GIVEN_F : GIVEN_M);
  return { fullName: `${family} ${middle} ${given}`, ascii: asciiName(`${given}.${family}`) };
}

function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

function address(rng: Prng, type: 'PERMANENT' | 'CONTACT', province = rng.pick(PROVINCES)) {
  const district = rng.pick(province.districts);
  return {
    type,
    line: `${rng.int(1, 299)} ${rng.pick(district.streets)}`,
    ward: rng.pick(district.wards),
    district: district.name,
    province: province.name,
    country: 'VNM',
  };
}

function cccd(province: Province, birthYear: number, gender: 'M' | 'F' | 'O', serial: string): string {
  const centuryCode = (birthYear >= 2000 ? 2 : 0) + (gender === 'F' ? 1 : 0);
  return `${province.code}${centuryCode}${String(birthYear % 100).padStart(2, '0')}${serial}`;
}

function bumpLastDigit(value: string): string {
  return value.slice(0, -1) + String((Number(value.slice(-1)) + 1) % 10);
}

export function randomCustomer(ctx: Context, index: number, remember = true): SyntheticSnapshot {
  const { rng } = ctx;
  const cif = cifOf(index);
  const gender = rng.weighted<'M' | 'F' | 'O'>([
    ['M', 49.5],
    ['F', 49.5],
    ['O', 1],
  ]);
  const { fullName, ascii } = person(rng, gender);
  const birthYear = rng.int(1955, 2005);
  const dateOfBirth = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const province = rng.pick(PROVINCES);
  const status = rng.weighted<string>([
    ['ACTIVE', 91],
    ['DORMANT', 5],
    ['CLOSED', 4],
  ]);

  // Identifiers: unique by construction (a permutation of the index), except on purpose.
  const legalIds: { type: string; number: string; issueDate: string; issuePlace: string }[] = [];
  const kind = rng.weighted<string>([
    ['CCCD', 70],
    ['CMND', 20],
    ['PASSPORT', 10],
  ]);
  const issuePlace = kind === 'PASSPORT' ? 'Cục Quản lý xuất nhập cảnh' : 'Cục Cảnh sát QLHC về TTXH';
  const issueDate = ctx.daysBack(rng.int(100, 3000));
  let number =
    kind === 'CCCD'
      ? cccd(province, birthYear, gender, permute(index, 1_000_000, 7919, 104_729))
      : kind === 'CMND'
        ? `${rng.int(1, 3)}${permute(index, 100_000_000, 92_821, 1_299_709)}`
        : `${rng.pick('CDEFGHKLMN'.split(''))}${permute(index, 10_000_000, 15_485_863, 32_452_843 % 10_000_000)}`;
  if (RESERVED_LEGAL_IDS.has(number)) number = bumpLastDigit(number);
  legalIds.push({ type: kind, number, issueDate, issuePlace });
  if (kind === 'CCCD' && birthYear < 1990 && rng.chance(0.15)) {
    // The CMND the customer held before the CCCD is still on file.
    legalIds.push({
      type: 'CMND',
      number: `${rng.int(1, 3)}${permute(index, 100_000_000, 48_271, 7_777_777)}`,
      issueDate: ctx.daysBack(rng.int(4000, 9000)),
      issuePlace: `Công an ${province.name.replace(/^(Thành phố|Tỉnh) /, '')}`,
    });
  }

  let national = `${rng.pick(MOBILE_PREFIXES)}${permute(index, 10_000_000, 3_021_377, 4_093_082)}`;
  if (RESERVED_MOBILES.has(national)) national = bumpLastDigit(national);
  const mobileNumbers = [mobileForm(rng, national)];

  // Some customers share a mobile with a recent one (a family phone); some closed CIFs come
  // back as a new open CIF with the same legal ID and mobile.
  const reopenFrom =
    status !== 'CLOSED' && rng.chance(0.02) ? ctx.recent.find((r) => r.status === 'CLOSED') : undefined;
  if (reopenFrom) {
    legalIds.splice(0, legalIds.length, {
      type: reopenFrom.legalId.type,
      number: reopenFrom.legalId.number,
      issueDate,
      issuePlace,
    });
    mobileNumbers.splice(0, 1, mobileForm(rng, reopenFrom.mobile));
  } else if (ctx.recent.length > 0 && rng.chance(0.03)) {
    mobileNumbers.push(mobileForm(rng, rng.pick(ctx.recent).mobile));
  }
  if (remember) ctx.remember({ cif, status, mobile: national, legalId: legalIds[0] });

  const addresses = [address(rng, 'PERMANENT', province)];
  if (rng.chance(0.4)) addresses.push(address(rng, 'CONTACT'));

  const deposits = randomDeposits(ctx, index);
  const casa = deposits.find((d) => d.productType === 'CURRENT_ACCOUNT' && d.status === 'ACTIVE');
  const payroll = rng.chance(0.45) && casa ? randomPayroll(ctx, casa.accountNumber as string) : [];
  const facilityCount = rng.weighted<number>([
    [0, 25],
    [1, 25],
    [2, 20],
    [3, 12],
    [4, 8],
    [5, 6],
    [6, 4],
  ]);
  const lending = Array.from({ length: facilityCount }, (_, k) =>
    randomFacility(ctx, index, k, status === 'CLOSED'),
  );

  return {
    cif,
    status,
    fullName,
    dateOfBirth,
    gender,
    legalIds,
    mobileNumbers,
    email: rng.chance(0.6) ? `${ascii}${rng.int(1, 999)}@example.vn` : null,
    addresses,
    lending,
    deposits,
    payroll,
  };
}

export function randomFacility(
  ctx: Context,
  index: number,
  k: number,
  customerClosed: boolean,
  forced?: Partial<FacilitySpec>,
) {
  const { rng } = ctx;
  const productType = forced?.productType ?? rng.pick(LENDING_TYPES);
  const product = LENDING_PRODUCTS[productType];
  const currency = forced?.currency ?? (rng.chance(0.08) ? 'USD' : 'VND');
  const scale = currency === 'VND' ? 1 : 1 / 25_000;
  const status =
    forced?.status ??
    (customerClosed
      ? 'CLOSED'
      : rng.weighted<string>([
          ['ACTIVE', 80],
          ['CLOSED', 16],
          ['WRITTEN_OFF', 4],
        ]));
  const daysPastDue =
    forced?.daysPastDue ??
    (status === 'CLOSED'
      ? 0
      : status === 'WRITTEN_OFF'
        ? rng.int(361, 900)
        : rng.weighted<() => number>([
            [() => 0, 82],
            [() => rng.int(1, 9), 6],
            [() => rng.int(10, 90), 7],
            [() => rng.int(91, 180), 2],
            [() => rng.int(181, 360), 2],
            [() => rng.int(361, 720), 1],
          ])());
  const revolving =
    productType === 'CREDIT_CARD' || productType === 'REVOLVING_LOAN' || productType === 'OVERDRAFT';
  const limitUnits = rng.int(10, 500) * 1_000_000 * (productType === 'SECURED_LOAN' ? 10 : 1) * scale;
  const disbursedUnits = revolving ? null : limitUnits;
  const outstandingUnits = status === 'CLOSED' ? 0 : Math.round(limitUnits * rng.int(5, 95)) / 100;
  const openMonthsBack = rng.int(3, 96);
  const openDate = ctx.daysBack(openMonthsBack * 30 + rng.int(0, 29));
  const maturityDate = revolving
    ? ctx.daysBack(-rng.int(1, 5) * 365)
    : ctx.daysBack(openMonthsBack * 30 - rng.int(1, 20) * 365);
  const dueUnits = Math.round(Math.max(outstandingUnits, limitUnits / 10) / 24);
  const overdueUnits = daysPastDue === 0 ? 0 : dueUnits * Math.max(1, Math.ceil(daysPastDue / 30));
  const months = status === 'CLOSED' ? 0 : Math.min(openMonthsBack, rng.int(3, 12));
  const paymentHistory = Array.from({ length: months }, (_, m) => {
    const period = ctx.period(m);
    const late = daysPastDue > 0 && m * 30 < daysPastDue;
    return {
      period,
      dueAmount: money(dueUnits, currency),
      paidAmount: late ? money(0, currency) : money(dueUnits, currency),
      paidDate: late ? null : `${period}-${String(rng.int(1, 15)).padStart(2, '0')}`,
      daysLate: late ? Math.max(0, daysPastDue - m * 30) : rng.chance(0.1) ? rng.int(1, 5) : 0,
    };
  });
  const computed =
    daysPastDue < 10 ? 1 : daysPastDue <= 90 ? 2 : daysPastDue <= 180 ? 3 : daysPastDue <= 360 ? 4 : 5;
  const debtGroup =
    forced && 'debtGroup' in forced
      ? forced.debtGroup
      : rng.chance(0.2)
        ? computed
        : rng.chance(0.03)
          ? Math.min(5, computed + 1)
          : null;
  return {
    productType,
    contractNumber: `${product.prefix}${cifOf(index)}${String(k + 1).padStart(2, '0')}`,
    productName: rng.pick(product.names),
    currency,
    limitAmount: revolving || productType === 'SECURED_LOAN' ? money(limitUnits, currency) : null,
    disbursedAmount: disbursedUnits === null ? null : money(disbursedUnits, currency),
    outstandingBalance: money(outstandingUnits, currency),
    status,
    openDate,
    maturityDate: maturityDate < openDate ? null : maturityDate,
    interestRate: (rng.int(60, 360) / 1000).toFixed(4),
    daysPastDue,
    overdueAmount: money(overdueUnits, currency),
    debtGroup,
    paymentHistory,
  };
}

export interface FacilitySpec {
  productType: LendingProduct;
  currency: string;
  status: string;
  daysPastDue: number;
  debtGroup: number | null;
}

export function randomDeposits(ctx: Context, index: number): Record<string, unknown>[] {
  const { rng } = ctx;
  const deposits: Record<string, unknown>[] = [];
  const account = (n: number) => `10${permute(index, 100_000_000, 7_368_787, 2_750_159)}${n}`;
  if (rng.chance(0.85)) {
    const balance = rng.int(0, 200_000_000);
    deposits.push({
      productType: 'CURRENT_ACCOUNT',
      accountNumber: account(1),
      productName: 'Tài khoản thanh toán',
      currency: 'VND',
      balance: money(balance, 'VND'),
      availableBalance: money(balance - (rng.chance(0.1) ? Math.min(balance, 50_000) : 0), 'VND'),
      principalAmount: null,
      interestRate: '0.0010',
      termMonths: null,
      openDate: ctx.daysBack(rng.int(30, 4000)),
      maturityDate: null,
      status: rng.chance(0.95) ? 'ACTIVE' : 'CLOSED',
    });
  }
  if (rng.chance(0.3)) {
    const balance = rng.int(1, 500) * 1_000_000;
    deposits.push({
      productType: 'SAVINGS_ACCOUNT',
      accountNumber: account(2),
      productName: 'Tiết kiệm không kỳ hạn',
      currency: 'VND',
      balance: money(balance, 'VND'),
      availableBalance: money(balance, 'VND'),
      principalAmount: null,
      interestRate: '0.0050',
      termMonths: null,
      openDate: ctx.daysBack(rng.int(30, 3000)),
      maturityDate: null,
      status: 'ACTIVE',
    });
  }
  const fixed = rng.weighted<number>([
    [0, 70],
    [1, 22],
    [2, 8],
  ]);
  for (let f = 0; f < fixed; f++) {
    const usd = rng.chance(0.1);
    const currency = usd ? 'USD' : 'VND';
    const principal = usd ? rng.int(1, 50) * 1000 : rng.int(10, 2000) * 1_000_000;
    const term = rng.pick([1, 3, 6, 12, 24, 36]);
    const openDaysBack = rng.int(10, term * 30);
    deposits.push({
      productType: 'FIXED_DEPOSIT',
      accountNumber: account(3 + f),
      productName: `Tiền gửi có kỳ hạn ${term} tháng`,
      currency,
      balance: money(principal, currency),
      availableBalance: null,
      principalAmount: money(principal, currency),
      interestRate: (rng.int(35, 75) / 1000).toFixed(4),
      termMonths: term,
      openDate: ctx.daysBack(openDaysBack),
      maturityDate: ctx.daysBack(openDaysBack - term * 30),
      status: 'ACTIVE',
    });
  }
  return deposits;
}

export function randomPayroll(ctx: Context, accountNumber: string): Record<string, unknown>[] {
  const { rng } = ctx;
  const employerName = rng.pick(EMPLOYERS);
  const base = rng.int(8, 80) * 1_000_000;
  const months = rng.int(3, 12);
  return Array.from({ length: months }, (_, m) => {
    const period = ctx.period(m);
    return {
      employerName,
      accountNumber,
      period,
      amount: money(Math.round((base * rng.int(95, 105)) / 100 / 1000) * 1000, 'VND'),
      currency: 'VND',
      creditDate: `${period}-${String(rng.int(24, 28)).padStart(2, '0')}`,
    };
  });
}
