import { classifyIncome, classifyTransactions, counterpartyKey } from './income-classifier';
import { buildTransaction } from '../testing/transaction.factory';

const classify = (purpose: string, amount = '15000000.00') =>
  classifyTransactions([buildTransaction({ purpose, amount })], [])[0].classification;

describe('income classification: purpose keyword rules', () => {
  it.each([
    // [purpose, category, rule] - each rule with and without diacritics
    ['Lương tháng 10/2026', 'SALARY', 'KEYWORD:LUONG'],
    ['LUONG THANG 10 2026', 'SALARY', 'KEYWORD:LUONG'],
    ['tra luong t10', 'SALARY', 'KEYWORD:LUONG'],
    ['OCT SALARY ACME', 'SALARY', 'KEYWORD:SALARY'],
    ['Payroll 2026-10', 'SALARY', 'KEYWORD:PAYROLL'],
    ['Lương hưu tháng 10', 'PENSION', 'KEYWORD:LUONG HUU'],
    ['LUONG HUU THANG 10', 'PENSION', 'KEYWORD:LUONG HUU'],
    ['Chế độ hưu trí', 'PENSION', 'KEYWORD:HUU TRI'],
    ['CHE DO HUU TRI', 'PENSION', 'KEYWORD:HUU TRI'],
    ['State pension', 'PENSION', 'KEYWORD:PENSION'],
    ['Tiền thuê nhà T10', 'RENTAL', 'KEYWORD:THUE NHA'],
    ['TIEN THUE NHA T10', 'RENTAL', 'KEYWORD:THUE NHA'],
    ['Tiền nhà tháng 10', 'RENTAL', 'KEYWORD:TIEN NHA'],
    ['tien nha thang 10', 'RENTAL', 'KEYWORD:TIEN NHA'],
    ['Rent flat 12B', 'RENTAL', 'KEYWORD:RENT'],
    ['Trợ cấp thất nghiệp', 'SOCIAL_BENEFIT', 'KEYWORD:TRO CAP'],
    ['TRO CAP THAT NGHIEP', 'SOCIAL_BENEFIT', 'KEYWORD:TRO CAP'],
    ['BHXH chi tra thai san', 'SOCIAL_BENEFIT', 'KEYWORD:BHXH'],
    ['Child benefit', 'SOCIAL_BENEFIT', 'KEYWORD:BENEFIT'],
    ['Lãi tiết kiệm kỳ 10', 'INTEREST', 'KEYWORD:LAI TIET KIEM'],
    ['LAI TIET KIEM KY 10', 'INTEREST', 'KEYWORD:LAI TIET KIEM'],
    ['Interest credit', 'INTEREST', 'KEYWORD:INTEREST'],
  ])('%p -> %s by %s', (purpose, category, matchedRule) => {
    expect(classify(purpose)).toEqual({ kind: 'INCOME', category, matchedRule });
  });

  it.each(['Lương hưu', 'LUONG HUU', 'luong huu thang 10', 'Chi trả lương hưu qua BHXH'])(
    'tries PENSION before SALARY: %p',
    (purpose) => {
      expect(classify(purpose)).toMatchObject({ kind: 'INCOME', category: 'PENSION' });
    },
  );

  it('matches whole words only', () => {
    expect(classify('LUONGVAN CHUYEN TIEN')).toEqual({ kind: 'EXCLUDED', reason: 'ONE_OFF' });
    expect(classify('PARENTAL GIFT')).toEqual({ kind: 'EXCLUDED', reason: 'ONE_OFF' });
  });

  it('tells words apart by their diacritics when the text has them', () => {
    expect(classify('Thanh toán số lượng 5')).toEqual({ kind: 'EXCLUDED', reason: 'ONE_OFF' });
    expect(classify('Hoàn thuế nhà đất')).toEqual({ kind: 'EXCLUDED', reason: 'ONE_OFF' });
    expect(classify('THANH TOAN SO LUONG 5')).toMatchObject({ category: 'SALARY' });
  });
});

describe('income classification: what is not income', () => {
  it('counts only credits', () => {
    expect(classify('LUONG THANG 10', '-15000000.00')).toEqual({ kind: 'EXCLUDED', reason: 'NOT_A_CREDIT' });
    expect(classify('LUONG THANG 10', '0.00')).toEqual({ kind: 'EXCLUDED', reason: 'NOT_A_CREDIT' });
  });

  it.each([
    'Hoàn tiền đơn hàng 123',
    'HOAN TIEN DON HANG 123',
    'Refund order 123',
    'HOAN TIEN LUONG THANG 10',
  ])('excludes the refund %p, even when it names another rule', (purpose) => {
    expect(classify(purpose)).toMatchObject({ kind: 'EXCLUDED', reason: 'REFUND' });
  });

  it("excludes transfers from the user's own accounts, whatever the purpose says", () => {
    const tx = buildTransaction({ purpose: 'LUONG', counterpartAccount: '0011-0099 887' });
    const [result] = classifyTransactions([tx], ['00110099887']);
    expect(result.classification).toEqual({ kind: 'EXCLUDED', reason: 'OWN_ACCOUNT_TRANSFER' });
    expect(classifyTransactions([tx], ['99999'])[0].classification).toMatchObject({ kind: 'INCOME' });
  });

  it('excludes a one-off transfer', () => {
    expect(classify('CHUYEN TIEN AN CUOI')).toEqual({ kind: 'EXCLUDED', reason: 'ONE_OFF' });
  });
});

describe('income classification: recurrence', () => {
  const from = (counterpartName: string, dates: string[], amounts: string[]) =>
    dates.map((bookingDate, i) =>
      buildTransaction({ counterpartName, bookingDate, amount: amounts[i], purpose: 'CK' }),
    );

  it('does not call 2 months recurring', () => {
    const txs = from('Cong ty A', ['2026-01-05', '2026-02-05'], ['5000000', '5000000']);
    expect(classifyIncome(txs, [])).toEqual([]);
  });

  it('calls 3 distinct months recurring, each with the rule', () => {
    const txs = from(
      'Cong ty A',
      ['2026-01-05', '2026-02-05', '2026-03-05'],
      ['5000000', '5000000', '5000000'],
    );
    const income = classifyIncome(txs, []);
    expect(income).toHaveLength(3);
    expect(
      income.every((t) => t.category === 'OTHER_RECURRING' && t.matchedRule === 'RECURRING_COUNTERPARTY'),
    ).toBe(true);
  });

  it('counts distinct months, not credits', () => {
    const txs = from(
      'Cong ty A',
      ['2026-01-05', '2026-01-20', '2026-02-05'],
      ['5000000', '5000000', '5000000'],
    );
    expect(classifyIncome(txs, [])).toEqual([]);
  });

  it('keeps amounts exactly 20% from the median and drops those beyond', () => {
    // median 1000: 800 and 1200 are on the band's edges, 1200.01 is outside
    const onEdges = from('B', ['2026-01-01', '2026-02-01', '2026-03-01'], ['800', '1000', '1200']);
    expect(classifyIncome(onEdges, [])).toHaveLength(3);
    const beyond = from(
      'B',
      ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'],
      ['799.99', '1000', '1000', '1200.01'],
    );
    // median 1000; only February and March are in the band: 2 months, not recurring
    expect(classifyIncome(beyond, [])).toEqual([]);
  });

  it('leaves the out-of-band credits of a recurring counterparty as one-offs', () => {
    const txs = from(
      'C',
      ['2026-01-01', '2026-02-01', '2026-03-01', '2026-03-20'],
      ['1000', '1100', '950', '9000'],
    );
    const result = classifyTransactions(txs, []).map((r) => r.classification);
    expect(result.slice(0, 3).every((c) => c.kind === 'INCOME')).toBe(true);
    expect(result[3]).toEqual({ kind: 'EXCLUDED', reason: 'ONE_OFF' });
  });

  it('tells counterparties apart: same name with or without diacritics is one counterparty', () => {
    const txs = [
      buildTransaction({
        counterpartName: 'Nguyễn Văn An',
        bookingDate: '2026-01-02',
        amount: '300',
        purpose: 'ck',
      }),
      buildTransaction({
        counterpartName: 'NGUYEN VAN AN',
        bookingDate: '2026-02-02',
        amount: '300',
        purpose: 'ck',
      }),
      buildTransaction({
        counterpartName: 'Tran Thi B',
        bookingDate: '2026-03-02',
        amount: '300',
        purpose: 'ck',
      }),
    ];
    expect(classifyIncome(txs, [])).toEqual([]);
    expect(counterpartyKey(txs[0])).toBe(counterpartyKey(txs[1]));
  });

  it('does not let refunds, debits or own transfers make a counterparty recurring', () => {
    const txs = [
      buildTransaction({ counterpartName: 'D', bookingDate: '2026-01-02', amount: '300', purpose: 'ck' }),
      buildTransaction({ counterpartName: 'D', bookingDate: '2026-02-02', amount: '300', purpose: 'ck' }),
      buildTransaction({ counterpartName: 'D', bookingDate: '2026-03-02', amount: '300', purpose: 'REFUND' }),
      buildTransaction({ counterpartName: 'D', bookingDate: '2026-04-02', amount: '-300', purpose: 'ck' }),
    ];
    expect(classifyIncome(txs, [])).toEqual([]);
  });
});
