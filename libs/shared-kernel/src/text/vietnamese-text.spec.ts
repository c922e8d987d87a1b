import { foldVietnamese, matchableText } from './vietnamese-text';

describe('foldVietnamese', () => {
  it.each([
    ['Lương tháng 10', 'Luong thang 10'],
    ['LƯƠNG HƯU', 'LUONG HUU'],
    ['Đặng Thị Ánh', 'Dang Thi Anh'],
    ['trợ cấp thất nghiệp', 'tro cap that nghiep'],
    ['already plain', 'already plain'],
  ])('%p -> %p', (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  it('folds decomposed (NFD) input like composed input', () => {
    expect(foldVietnamese('Lương'.normalize('NFD'))).toBe('Luong');
  });
});

describe('matchableText', () => {
  it('upper-cases and turns punctuation into single spaces', () => {
    expect(matchableText('  Tiền nhà, T10/2026 -- căn hộ  ')).toBe('TIEN NHA T10 2026 CAN HO');
  });
});
