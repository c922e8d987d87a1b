import { MobileNumber } from './mobile-number';

describe('MobileNumber', () => {
  it.each(['0912345678', '+84912345678', '84 912 345 678', ' 091 234 5678 ', '(+84) 912-345-678'])(
    'reads %p as +84912345678',
    (raw) => {
      expect(MobileNumber.parse(raw).e164).toBe('+84912345678');
    },
  );

  it.each(['', '123', '0912', '02838123456', 'abc', '+1 202 555 01', '091234567890123'])(
    'refuses %p',
    (raw) => {
      expect(MobileNumber.tryParse(raw)).toBeNull();
    },
  );
});
