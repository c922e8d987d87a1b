/** Vietnamese reference data of the synthetic customers: names, provinces, carriers, employers, products. */

export const FAMILY_NAMES = [
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
export const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5, 5, 4.5, 3.9, 3.9, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5];
export const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thành', 'Công', 'Xuân', 'Gia', 'Anh'];
export const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Bảo', 'Phương', 'Hồng', 'Diệu'];
export const GIVEN_M = [
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
export const GIVEN_F = [
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

export interface District {
  readonly name: string;
  readonly wards: readonly string[];
  readonly streets: readonly string[];
}

export interface Province {
  readonly name: string;
  readonly code: string; // CCCD province code
  readonly districts: readonly District[];
}

export const PROVINCES: readonly Province[] = [
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
export const MOBILE_PREFIXES = [
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

export const EMPLOYERS = [
  'Công ty TNHH Phần mềm FPT',
  'Công ty Cổ phần Sữa Việt Nam',
  'Tập đoàn Viễn thông Quân đội',
  'Công ty TNHH Samsung Electronics Việt Nam',
  'Công ty Cổ phần Thế Giới Di Động',
  'Bệnh viện Đa khoa Tâm Anh',
  'Trường Đại học Bách khoa Hà Nội',
  'Công ty TNHH Thương mại Dịch vụ Minh Phát',
];

export const LENDING_PRODUCTS = {
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
export type LendingProduct = keyof typeof LENDING_PRODUCTS;
export const LENDING_TYPES = Object.keys(LENDING_PRODUCTS) as LendingProduct[];
