/**
 * A deterministic generator of realistic synthetic ODS customers (NDJSON snapshots in the wire
 * format of docs/contracts/customer-summary.md), for demo data, tests and load tests. The same seed gives the same
 * customers, byte for byte. Memory is constant whatever the number of customers (a generator
 * function with a small ring buffer of recent identifiers for the shared-mobile and
 * reopened-CIF cases).
 *
 * The first five customers are fixed scenarios that the module README's Swagger examples use
 * (see SHOWCASE); their identifiers are never produced for any other customer.
 */
export interface SyntheticCustomerOptions {
  readonly customers: number;
  readonly seed: string | number;
  /** The "today" of the data: payment history and payroll end in this month. */
  readonly asOf?: string;
  /**
   * The `extractedAt` of every snapshot (RFC 3339); default: the as-of day at 17:00 UTC
   * (midnight in Vietnam).
   */
  readonly extractedAt?: string;
  /** Start with the five showcase customers (default true). */
  readonly showcase?: boolean;
}

export type SyntheticSnapshot = Record<string, unknown>;

/** The identifiers of the showcase customers, for the README and the tests. */
export const SHOWCASE = {
  /** One hit: every product type, VND and USD, an overdue facility in each debt group. */
  hit: { cif: '7700000001', legalId: '079090001234', mobileNumber: '0912000111' },
  /** Two open CIFs share this mobile number: 409 DUPLICATE_CIF. */
  sharedMobile: {
    mobileNumber: '0988000222',
    cifs: ['7700000002', '7700000003'],
    legalIdOfFirst: '001190004567',
  },
  /** A closed CIF and the open one that replaced it share this passport and mobile. */
  reopened: {
    legalId: 'B1234567',
    mobileNumber: '0977000444',
    closedCif: '7700000004',
    openCif: '7700000005',
  },
  /** Identifiers nobody holds: 200 with total 0. */
  miss: { legalId: '079199999999', mobileNumber: '0909999999' },
} as const;

const DEFAULT_AS_OF = '2026-10-31';

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (xmur3 string hash + mulberry32): small, fast, reproducible across platforms.

function hashSeed(seed: string): number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

export class Prng {
  private state: number;

  constructor(seed: string | number) {
    this.state = hashSeed(String(seed));
  }

  /** [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((t, [, w]) => t + w, 0);
    let x = this.next() * total;
    for (const [value, weight] of table) {
      if ((x -= weight) < 0) return value;
    }
    return table[table.length - 1][0];
  }
}

// ---------------------------------------------------------------------------------------------
// Vietnamese reference data.

const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5, 5, 4.5, 3.9, 3.9, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thành', 'Công', 'Xuân', 'Gia', 'Anh'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Bảo', 'Phương', 'Hồng', 'Diệu'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hùng',
  'Khoa',
  'Long',
  'Nam',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Trung',
  'Tuấn',
  'Việt',
  'Vinh',
];
const GIVEN_F = [
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Ngân',
  'Nhung',
  'Phương',
  'Thảo',
  'Trang',
  'Uyên',
  'Yến',
];

interface District {
  readonly name: string;
  readonly wards: readonly string[];
  readonly streets: readonly string[];
}

interface Province {
  readonly name: string;
  readonly code: string; // CCCD province code
  readonly districts: readonly District[];
}

const PROVINCES: readonly Province[] = [
  {
    name: 'Thành phố Hà Nội',
    code: '001',
    districts: [
      {
        name: 'Quận Ba Đình',
        wards: ['Phường Điện Biên', 'Phường Kim Mã', 'Phường Ngọc Hà'],
        streets: ['Kim Mã', 'Đội Cấn', 'Hoàng Hoa Thám'],
      },
      {
        name: 'Quận Hoàn Kiếm',
        wards: ['Phường Hàng Bạc', 'Phường Tràng Tiền', 'Phường Hàng Trống'],
        streets: ['Tràng Tiền', 'Hàng Bạc', 'Lý Thường Kiệt'],
      },
      {
        name: 'Quận Cầu Giấy',
        wards: ['Phường Dịch Vọng', 'Phường Nghĩa Đô', 'Phường Yên Hòa'],
        streets: ['Xuân Thủy', 'Cầu Giấy', 'Trần Duy Hưng'],
      },
    ],
  },
  {
    name: 'Thành phố Hồ Chí Minh',
    code: '079',
    districts: [
      {
        name: 'Quận 1',
        wards: ['Phường Bến Nghé', 'Phường Bến Thành', 'Phường Đa Kao'],
        streets: ['Lê Lợi', 'Nguyễn Huệ', 'Hai Bà Trưng'],
      },
      {
        name: 'Quận 3',
        wards: ['Phường Võ Thị Sáu', 'Phường 9', 'Phường 14'],
        streets: ['Võ Văn Tần', 'Nam Kỳ Khởi Nghĩa', 'Cách Mạng Tháng Tám'],
      },
      {
        name: 'Quận Bình Thạnh',
        wards: ['Phường 25', 'Phường 22', 'Phường 13'],
        streets: ['Xô Viết Nghệ Tĩnh', 'Điện Biên Phủ', 'Nguyễn Hữu Cảnh'],
      },
    ],
  },
  {
    name: 'Thành phố Đà Nẵng',
    code: '048',
    districts: [
      {
        name: 'Quận Hải Châu',
        wards: ['Phường Thạch Thang', 'Phường Hải Châu I', 'Phường Phước Ninh'],
        streets: ['Bạch Đằng', 'Lê Duẩn', 'Nguyễn Văn Linh'],
      },
      {
        name: 'Quận Sơn Trà',
        wards: ['Phường An Hải Bắc', 'Phường Phước Mỹ'],
        streets: ['Võ Nguyên Giáp', 'Ngô Quyền', 'Phạm Văn Đồng'],
      },
    ],
  },
  {
    name: 'Thành phố Hải Phòng',
    code: '031',
    districts: [
      {
        name: 'Quận Lê Chân',
        wards: ['Phường An Biên', 'Phường Cát Dài'],
        streets: ['Tô Hiệu', 'Lạch Tray', 'Trần Nguyên Hãn'],
      },
    ],
  },
  {
    name: 'Thành phố Cần Thơ',
    code: '092',
    districts: [
      {
        name: 'Quận Ninh Kiều',
        wards: ['Phường Tân An', 'Phường An Hòa', 'Phường Xuân Khánh'],
        streets: ['Hòa Bình', 'Trần Hưng Đạo', '30 Tháng 4'],
      },
    ],
  },
  {
    name: 'Tỉnh Nghệ An',
    code: '040',
    districts: [
      {
        name: 'Thành phố Vinh',
        wards: ['Phường Hưng Bình', 'Phường Lê Lợi'],
        streets: ['Quang Trung', 'Lê Mao', 'Nguyễn Du'],
      },
    ],
  },
  {
    name: 'Tỉnh Khánh Hòa',
    code: '056',
    districts: [
      {
        name: 'Thành phố Nha Trang',
        wards: ['Phường Lộc Thọ', 'Phường Vĩnh Hải'],
        streets: ['Trần Phú', 'Hùng Vương', 'Yersin'],
      },
    ],
  },
];

/** Vietnamese mobile prefixes (after the leading 0) of the main carriers. */
const MOBILE_PREFIXES = [
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '38',
  '39',
  '86',
  '96',
  '97',
  '98',
  '70',
  '76',
  '77',
  '78',
  '79',
  '90',
  '93',
  '81',
  '82',
  '83',
  '84',
  '85',
  '88',
  '91',
  '94',
  '56',
  '58',
];

const EMPLOYERS = [
  'Công ty TNHH Phần mềm FPT',
  'Công ty Cổ phần Sữa Việt Nam',
  'Tập đoàn Viễn thông Quân đội',
  'Công ty TNHH Samsung Electronics Việt Nam',
  'Công ty Cổ phần Thế Giới Di Động',
  'Bệnh viện Đa khoa Tâm Anh',
  'Trường Đại học Bách khoa Hà Nội',
  'Công ty TNHH Thương mại Dịch vụ Minh Phát',
];

const LENDING_PRODUCTS = {
  CREDIT_CARD: {
    prefix: 'CC',
    names: [
      'Thẻ tín dụng NCB Visa Classic',
      'Thẻ tín dụng NCB Visa Platinum',
      'Thẻ tín dụng NCB Mastercard World',
    ],
  },
  SECURED_LOAN: { prefix: 'SL', names: ['Vay mua nhà', 'Vay mua ô tô', 'Vay cầm cố sổ tiết kiệm'] },
  UNSECURED_LOAN: { prefix: 'UL', names: ['Vay tiêu dùng tín chấp', 'Vay tín chấp theo lương'] },
  REVOLVING_LOAN: { prefix: 'RL', names: ['Hạn mức tín dụng quay vòng', 'Vay hạn mức kinh doanh'] },
  OVERDRAFT: { prefix: 'OD', names: ['Thấu chi tài khoản thanh toán', 'Thấu chi có tài sản bảo đảm'] },
} as const;
type LendingProduct = keyof typeof LENDING_PRODUCTS;
const LENDING_TYPES = Object.keys(LENDING_PRODUCTS) as LendingProduct[];

const RESERVED_LEGAL_IDS = new Set<string>([
  SHOWCASE.hit.legalId,
  SHOWCASE.sharedMobile.legalIdOfFirst,
  '012345678',
  SHOWCASE.reopened.legalId,
  SHOWCASE.miss.legalId,
]);
const RESERVED_MOBILES = new Set<string>(
  [
    SHOWCASE.hit.mobileNumber,
    SHOWCASE.sharedMobile.mobileNumber,
    SHOWCASE.reopened.mobileNumber,
    SHOWCASE.miss.mobileNumber,
  ].map((m) => m.slice(1)),
);

// ---------------------------------------------------------------------------------------------

/** Yields `customers` snapshots in wire format (ready for JSON.stringify, one per NDJSON line). */
export function* generateSyntheticCustomers(options: SyntheticCustomerOptions): Generator<SyntheticSnapshot> {
  const rng = new Prng(options.seed);
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError('asOf must be YYYY-MM-DD');
  const ctx = new Context(rng, asOf);
  const extractedAt = options.extractedAt ?? `${asOf}T17:00:00Z`;
  const stamped = ({ cif, ...rest }: SyntheticSnapshot): SyntheticSnapshot => ({ cif, extractedAt, ...rest });
  let index = 0;
  if (options.showcase ?? true) {
    for (const customer of showcaseCustomers(ctx)) {
      if (index >= options.customers) return;
      index++;
      yield stamped(customer);
    }
  }
  while (index < options.customers) {
    index++;
    yield stamped(randomCustomer(ctx, index));
  }
}

interface Recent {
  readonly cif: string;
  readonly status: string;
  readonly mobile: string;
  readonly legalId: { type: string; number: string };
}

class Context {
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

function randomCustomer(ctx: Context, index: number, remember = true): SyntheticSnapshot {
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

function randomFacility(
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

interface FacilitySpec {
  productType: LendingProduct;
  currency: string;
  status: string;
  daysPastDue: number;
  debtGroup: number | null;
}

function randomDeposits(ctx: Context, index: number): Record<string, unknown>[] {
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

function randomPayroll(ctx: Context, accountNumber: string): Record<string, unknown>[] {
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

/** The five fixed scenario customers (their names and amounts still come from the seed). */
function showcaseCustomers(ctx: Context): SyntheticSnapshot[] {
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
