import fc from 'fast-check';
import { matchCif, type CifCandidate, type CifStatus } from './cif-matching';

const active = (cif: string): CifCandidate => ({ cif, status: 'ACTIVE' });
const dormant = (cif: string): CifCandidate => ({ cif, status: 'DORMANT' });
const closed = (cif: string): CifCandidate => ({ cif, status: 'CLOSED' });

describe('matchCif', () => {
  it.each<[string, CifCandidate[], CifCandidate[], string, number, string | undefined]>([
    ['nothing found', [], [], 'NONE', 0, undefined],
    ['legal ID only, one CIF', [active('A')], [], 'ONE', 1, 'A'],
    ['mobile only, one CIF', [], [active('A')], 'ONE', 1, 'A'],
    ['both identifiers, the same CIF', [active('A')], [active('A')], 'ONE', 1, 'A'],
    ['a dormant CIF is a candidate', [dormant('A')], [], 'ONE', 1, 'A'],
    ['only a closed CIF', [closed('A')], [], 'NONE', 0, undefined],
    ['a closed CIF beside an open one', [closed('A'), active('B')], [], 'ONE', 1, 'B'],
    ['closed by legal ID, open by mobile', [closed('A')], [active('B')], 'ONE', 1, 'B'],
    ['two CIFs share a mobile', [], [active('A'), active('B')], 'MANY', 2, undefined],
    ['legal ID of one, mobile of another', [active('A')], [active('B')], 'MANY', 2, undefined],
    ['three distinct CIFs', [active('A'), dormant('B')], [active('B'), active('C')], 'MANY', 3, undefined],
    ['two shared-mobile CIFs, one closed', [], [active('A'), closed('B')], 'ONE', 1, 'A'],
    ['a CIF listed twice by one lookup', [active('A'), active('A')], [], 'ONE', 1, 'A'],
    ['status disagreement: closed wins', [active('A')], [closed('A')], 'NONE', 0, undefined],
  ])('%s', (_name, byLegalId, byMobileNumber, outcome, count, cif) => {
    const result = matchCif({ byLegalId, byMobileNumber });
    expect(result.outcome).toBe(outcome);
    expect(result.count).toBe(count);
    if (result.outcome === 'ONE') expect(result.cif).toBe(cif);
  });

  it('lists the duplicate CIFs sorted, for the audit record', () => {
    const result = matchCif({ byLegalId: [active('C'), active('A')], byMobileNumber: [active('B')] });
    expect(result).toEqual({ outcome: 'MANY', count: 3, cifs: ['A', 'B', 'C'] });
  });

  const statusArb = fc.constantFrom<CifStatus>('ACTIVE', 'DORMANT', 'CLOSED');
  // A small alphabet of CIFs so that lookups overlap often; a CIF has one status in the ODS.
  const worldArb = fc
    .dictionary(fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6'), statusArb, { minKeys: 0 })
    .chain((statuses) => {
      const cifs = Object.keys(statuses);
      const pick =
        cifs.length === 0 ? fc.constant<string[]>([]) : fc.array(fc.constantFrom(...cifs), { maxLength: 8 });
      return fc.record({
        statuses: fc.constant(statuses),
        byLegalId: pick,
        byMobileNumber: pick,
      });
    });
  const toCandidates = (cifs: string[], statuses: Record<string, CifStatus>) =>
    cifs.map((cif) => ({ cif, status: statuses[cif] }));

  it('never depends on the order of the candidates, nor on which lookup found them', () => {
    fc.assert(
      fc.property(worldArb, fc.infiniteStream(fc.nat()), ({ statuses, byLegalId, byMobileNumber }, noise) => {
        const shuffle = <T>(xs: T[]): T[] => {
          const copy = [...xs];
          for (let i = copy.length - 1; i > 0; i--) {
            const j = noise.next().value % (i + 1);
            [copy[i], copy[j]] = [copy[j], copy[i]];
          }
          return copy;
        };
        const reference = matchCif({
          byLegalId: toCandidates(byLegalId, statuses),
          byMobileNumber: toCandidates(byMobileNumber, statuses),
        });
        const shuffled = matchCif({
          byLegalId: toCandidates(shuffle(byLegalId), statuses),
          byMobileNumber: toCandidates(shuffle(byMobileNumber), statuses),
        });
        const swapped = matchCif({
          byLegalId: toCandidates(byMobileNumber, statuses),
          byMobileNumber: toCandidates(byLegalId, statuses),
        });
        expect(shuffled).toEqual(reference);
        expect(swapped).toEqual(reference);
      }),
    );
  });

  it('counts the distinct open CIFs of the union: a CIF found by both identifiers counts once', () => {
    fc.assert(
      fc.property(worldArb, ({ statuses, byLegalId, byMobileNumber }) => {
        const result = matchCif({
          byLegalId: toCandidates(byLegalId, statuses),
          byMobileNumber: toCandidates(byMobileNumber, statuses),
        });
        const expected = new Set(
          [...byLegalId, ...byMobileNumber].filter((cif) => statuses[cif] !== 'CLOSED'),
        );
        expect(result.count).toBe(expected.size);
        expect(result.outcome).toBe(expected.size === 0 ? 'NONE' : expected.size === 1 ? 'ONE' : 'MANY');
        if (result.outcome === 'ONE') expect(expected.has(result.cif)).toBe(true);
        if (result.outcome === 'MANY') expect(new Set(result.cifs)).toEqual(expected);
      }),
    );
  });

  it('finding the same CIF again by the other identifier never changes the outcome', () => {
    fc.assert(
      fc.property(worldArb, ({ statuses, byLegalId, byMobileNumber }) => {
        const legal = toCandidates(byLegalId, statuses);
        const mobile = toCandidates(byMobileNumber, statuses);
        const before = matchCif({ byLegalId: legal, byMobileNumber: mobile });
        const after = matchCif({ byLegalId: legal, byMobileNumber: [...mobile, ...legal] });
        expect(after).toEqual(before);
      }),
    );
  });
});
