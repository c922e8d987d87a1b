import { LegalId, MobileNumber } from '@hub/shared-kernel';
import { validateSnapshot } from '../../domain/ods-snapshot.parser';
import { generateSyntheticCustomers, Prng, SHOWCASE } from './synthetic-customers';

const generate = (customers: number, seed: string | number = 42) => [
  ...generateSyntheticCustomers({ customers, seed }),
];

describe('synthetic customer generator', () => {
  const customers = generate(2000);
  const parsed = customers.map((c) => {
    const result = validateSnapshot(c);
    if (!result.ok) throw new Error(`generated customer ${String(c.cif)} is invalid: ${result.message}`);
    return result.snapshot;
  });

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(JSON.stringify(generate(300, 'demo'))).toBe(JSON.stringify(generate(300, 'demo')));
    expect(JSON.stringify(generate(300, 'demo'))).not.toBe(JSON.stringify(generate(300, 'other')));
  });

  it('gives the first N customers of a longer run for a shorter run (a stream, not a batch)', () => {
    expect(generate(50)).toEqual(customers.slice(0, 50));
  });

  it('produces exactly N customers with distinct CIFs, every one a valid snapshot', () => {
    expect(customers).toHaveLength(2000);
    expect(new Set(parsed.map((s) => s.cif)).size).toBe(2000);
  });

  it('writes valid CCCD, CMND and passport numbers, and valid Vietnamese mobiles in several forms', () => {
    const types = new Set(parsed.flatMap((s) => s.legalIds.map((l) => l.type)));
    expect(types).toEqual(new Set(['CCCD', 'CMND', 'PASSPORT']));
    for (const s of parsed) {
      for (const l of s.legalIds) expect(LegalId.parse(l.number).type).toBe(l.type);
    }
    const rawForms = customers.flatMap((c) => c.mobileNumbers as string[]);
    expect(rawForms.some((m) => m.startsWith('+84'))).toBe(true);
    expect(rawForms.some((m) => /^84 \d{3} \d{3} \d{3}$/.test(m))).toBe(true);
    expect(rawForms.some((m) => /^0\d{9}$/.test(m))).toBe(true);
    for (const m of rawForms) expect(MobileNumber.tryParse(m)).not.toBeNull();
  });

  it('gives CCCDs that agree with the date of birth and gender', () => {
    for (const s of parsed) {
      for (const l of s.legalIds.filter((x) => x.type === 'CCCD')) {
        const info = LegalId.parse(l.number).cccdBirthInfo()!;
        if (s.cif === SHOWCASE.reopened.openCif) continue;
        const reused = parsed.filter((o) => o.legalIds.some((x) => x.number === l.number)).length > 1;
        if (reused) continue; // a reopened CIF carries the closed one's ID
        expect(info.birthYear).toBe(Number(s.dateOfBirth!.slice(0, 4)));
        if (s.gender === 'M' || s.gender === 'F') expect(info.gender).toBe(s.gender);
      }
    }
  });

  it('writes Vietnamese names and addresses', () => {
    expect(parsed.filter((s) => /^(Nguyễn|Trần|Lê|Phạm) /.test(s.fullName)).length).toBeGreaterThan(1000);
    expect(parsed.every((s) => s.addresses.some((a) => a.type === 'PERMANENT' && a.country === 'VNM'))).toBe(
      true,
    );
    expect(new Set(parsed.map((s) => s.addresses[0].province)).size).toBeGreaterThan(5);
  });

  it('gives 0 to 6 facilities across the five products, with payment history, and deposits and payroll', () => {
    const counts = parsed.map((s) => s.lending.length);
    expect(Math.min(...counts)).toBe(0);
    expect(Math.max(...counts)).toBe(6);
    const products = new Set(parsed.flatMap((s) => s.lending.map((f) => f.productType)));
    expect(products.size).toBe(5);
    expect(parsed.some((s) => s.lending.some((f) => f.paymentHistory.length > 0))).toBe(true);
    expect(new Set(parsed.flatMap((s) => s.deposits.map((d) => d.productType))).size).toBe(3);
    expect(parsed.filter((s) => s.payroll.length > 0).length).toBeGreaterThan(500);
    const groups = new Set(
      parsed
        .flatMap((s) => s.lending.map((f) => f.daysPastDue))
        .map((d) => (d < 10 ? 1 : d <= 90 ? 2 : d <= 180 ? 3 : d <= 360 ? 4 : 5)),
    );
    expect(groups.size).toBe(5);
  });

  it('has some closed CIFs, some shared mobiles and some closed CIFs reopened under a new CIF', () => {
    expect(parsed.filter((s) => s.status === 'CLOSED').length).toBeGreaterThan(20);
    const holders = new Map<string, Set<string>>();
    for (const s of parsed)
      for (const m of s.mobileNumbers) holders.set(m, (holders.get(m) ?? new Set()).add(s.cif));
    expect([...holders.values()].filter((h) => h.size > 1).length).toBeGreaterThan(20);
    const idHolders = new Map<string, string[]>();
    for (const s of parsed)
      for (const l of s.legalIds) idHolders.set(l.number, [...(idHolders.get(l.number) ?? []), s.status]);
    const reopened = [...idHolders.values()].filter(
      (st) => st.length > 1 && st.includes('CLOSED') && st.some((x) => x !== 'CLOSED'),
    );
    expect(reopened.length).toBeGreaterThan(1);
  });

  it('starts with the showcase customers, whose identifiers nobody else holds', () => {
    const byLegalId = (id: string) =>
      parsed.filter((s) => s.legalIds.some((l) => l.number === id)).map((s) => s.cif);
    const byMobile = (m: string) =>
      parsed.filter((s) => s.mobileNumbers.includes(MobileNumber.parse(m).e164)).map((s) => s.cif);
    expect(byLegalId(SHOWCASE.hit.legalId)).toEqual([SHOWCASE.hit.cif]);
    expect(byMobile(SHOWCASE.hit.mobileNumber)).toEqual([SHOWCASE.hit.cif]);
    expect(byMobile(SHOWCASE.sharedMobile.mobileNumber)).toEqual([...SHOWCASE.sharedMobile.cifs]);
    expect(byLegalId(SHOWCASE.reopened.legalId)).toEqual([
      SHOWCASE.reopened.closedCif,
      SHOWCASE.reopened.openCif,
    ]);
    expect(byLegalId(SHOWCASE.miss.legalId)).toEqual([]);
    expect(byMobile(SHOWCASE.miss.mobileNumber)).toEqual([]);
    const hit = parsed[0];
    expect(new Set(hit.lending.map((f) => f.productType)).size).toBe(5);
    expect(new Set(hit.lending.map((f) => f.currency))).toEqual(new Set(['VND', 'USD']));
    expect(parsed[3].status).toBe('CLOSED');
  });

  it('has a reproducible PRNG', () => {
    const a = new Prng('x');
    const b = new Prng('x');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
