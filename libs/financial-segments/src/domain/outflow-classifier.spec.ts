import { classifyOutflow, classifyOutflows } from './outflow-classifier';
import { buildTransaction } from '../testing/transaction.factory';

describe('classifyOutflow', () => {
  it.each([
    ['Thanh toán tiền nhà T10', 'Chu nha', 'HOUSING', 'KEYWORD:TIEN NHA'],
    ['thue nha thang 10', 'X', 'HOUSING', 'KEYWORD:THUE NHA'],
    ['Tiền điện tháng 10', 'X', 'UTILITIES', 'KEYWORD:TIEN DIEN'],
    ['thanh toan hoa don', 'EVN HCMC', 'UTILITIES', 'COUNTERPART:EVN'],
    ['Mua hàng siêu thị', 'X', 'GROCERIES', 'KEYWORD:SIEU THI'],
    ['Đổ xăng', 'X', 'TRANSPORT', 'KEYWORD:XANG'],
    ['chuyen tien', 'GRAB VIETNAM', 'TRANSFER_OUT', 'KEYWORD:CHUYEN TIEN'],
    ['thanh toan', 'GRAB VIETNAM', 'TRANSPORT', 'COUNTERPART:GRAB'],
    ['Trả góp tiền nhà', 'X', 'LOAN_REPAYMENT', 'KEYWORD:TRA GOP'],
    ['Phí bảo hiểm nhân thọ', 'X', 'INSURANCE', 'KEYWORD:BAO HIEM'],
    ['Rút tiền ATM', 'X', 'CASH_WITHDRAWAL', 'KEYWORD:RUT TIEN'],
    ['chuyen tien ca cuoc', 'X', 'GAMBLING', 'KEYWORD:CA CUOC'],
    ['Mua vé xổ số', 'X', 'GAMBLING', 'KEYWORD:XO SO'],
    ['CK cho ban', 'Le Van C', 'TRANSFER_OUT', 'KEYWORD:CK'],
    ['mua quan ao', 'SHOP ABC', 'OTHER', 'NO_RULE'],
  ])('%s / %s -> %s (%s)', (purpose, counterpartName, category, matchedRule) => {
    expect(classifyOutflow({ purpose, counterpartName })).toEqual({ category, matchedRule });
  });

  it('keeps the diacritics apart: thuế nhà (property tax) is not thuê nhà (rent), số lượng is not lương', () => {
    expect(classifyOutflow({ purpose: 'Nộp thuế nhà đất', counterpartName: 'Kho bac' }).category).toBe(
      'OTHER',
    );
    expect(classifyOutflow({ purpose: 'Nộp thuê nhà', counterpartName: 'X' }).category).toBe('HOUSING');
  });

  it('takes only debits, and leaves out transfers to the case’s own accounts', () => {
    const outflows = classifyOutflows(
      [
        buildTransaction({ transactionId: 'credit', amount: '100.00', purpose: 'tien nha' }),
        buildTransaction({
          transactionId: 'own',
          amount: '-100.00',
          purpose: 'tien nha',
          counterpartAccount: '001-2',
        }),
        buildTransaction({ transactionId: 'rent', amount: '-100.00', purpose: 'tien nha' }),
      ],
      ['0012'],
    );
    expect(outflows.map((t) => t.transactionId)).toEqual(['rent']);
  });
});
