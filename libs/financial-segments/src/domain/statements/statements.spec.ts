import { readFileSync } from 'node:fs';
import { isIso4217Currency } from '@hub/shared-kernel';
import { join } from 'node:path';
import { parseCamt053Statement } from './camt053-statement';
import { parseCsvStatement, tokenizeCsv } from './csv-statement';
import { parseMt940Statement } from './mt940-statement';
import { mergeAccounts, parseStatementFile, summarize } from './statement-file';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../../../../test/fixtures/financial-segments/statements', name), 'utf8');

describe('CSV statements', () => {
  it('reads the documented layout: signed amounts, quoted fields, the last balance, derived ids', () => {
    const parsed = parseCsvStatement(fixture('vietcombank.csv'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.accounts).toHaveLength(1);
    const [account] = parsed.accounts;
    expect(account).toMatchObject({
      bankName: 'Vietcombank',
      accountNumber: '0011004455667',
      currency: 'VND',
      balance: '47800000',
    });
    expect(account.transactions.map((t) => t.amount)).toEqual([
      '25000000',
      '-6000000',
      '25000000',
      '-1200000',
    ]);
    expect(account.transactions[0].purpose).toBe('Lương tháng 9, công ty ABC');
    expect(account.transactions[1].counterpartAccount).toBe('0451000123456');
    expect(account.transactions[3].purpose).toBe('Dien nuoc "EVN"');
    expect(account.transactions[3].id).toMatch(/^H-[0-9a-f]{32}$/);
    // The derived id is stable: a re-import of the same file gives the same id.
    expect(parseCsvStatement(fixture('vietcombank.csv')).accounts[0].transactions[3].id).toBe(
      account.transactions[3].id,
    );
  });

  it('names every bad line and keeps no account', () => {
    const csv = [
      'bank,account_number,currency,booking_date,amount,balance_after,description,counterpart_name,counterpart_account,transaction_id',
      'B,1,VND,2026-02-30,100,100,x,y,,a',
      'B,1,VN,2026-02-01,1.234,100,x,y,,b',
      'B,1,VND,2026-02-01,100,100,x,y',
      'B,1,VND,2026-02-01,100,100,"x,y,,c',
      'B,1,VND,2026-02-01,100,100,ok,y,,d',
    ].join('\n');
    const parsed = parseCsvStatement(csv);
    expect(parsed.accounts).toEqual([]);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 3, 4, 5]);
    expect(parsed.problems[0].message).toContain('booking_date "2026-02-30"');
    expect(parsed.problems[2].message).toContain('amount "1.234"');
  });

  it('refuses a wrong header and an empty file', () => {
    expect(parseCsvStatement('a,b\n1,2').problems[0]).toMatchObject({ line: 1 });
    expect(parseCsvStatement('').problems[0].message).toBe('The file is empty');
  });

  it('tokenises RFC 4180: quoted commas, doubled quotes, line breaks inside quotes, CRLF, a BOM', () => {
    expect(tokenizeCsv('\uFEFFa,"b,c","d""e",\r\n"x\r\ny",2\r\nz,3\r\n\r\n')).toEqual({
      records: [
        { line: 1, fields: ['a', 'b,c', 'd"e', ''] },
        { line: 2, fields: ['x\r\ny', '2'] },
        { line: 4, fields: ['z', '3'] },
      ],
      quoteError: null,
    });
    // A quote inside an unquoted field, text after a closing quote, a quote never closed.
    expect(tokenizeCsv('h\na"b,c\nd').quoteError).toBe(2);
    expect(tokenizeCsv('h\nok\n"a"b\nd').quoteError).toBe(3);
    expect(tokenizeCsv('h\nok\n"a,b\nc,d\n')).toEqual({
      records: [
        { line: 1, fields: ['h'] },
        { line: 2, fields: ['ok'] },
      ],
      quoteError: 3,
    });
  });

  it('takes a description with a line break in quotes, and counts lines after it right', () => {
    const csv = [
      'bank,account_number,currency,booking_date,amount,balance_after,description,counterpart_name,counterpart_account,transaction_id',
      'B,1,VND,2026-02-01,100,100,"Lương tháng 2',
      'công ty ABC",y,,a',
      'B,1,VND,2026-02-31,100,200,x,y,,b',
    ].join('\r\n');
    const parsed = parseCsvStatement(csv);
    expect(parsed.problems).toEqual([
      { line: 4, element: null, message: 'booking_date "2026-02-31" is not a date YYYY-MM-DD in 1970-2099' },
    ]);
    const good = parseCsvStatement(csv.replace('2026-02-31', '2026-02-28'));
    expect(good.problems).toEqual([]);
    expect(good.accounts[0].transactions.map((t) => t.purpose)).toEqual([
      'Lương tháng 2\r\ncông ty ABC',
      'x',
    ]);
    expect(good.accounts[0].balance).toBe('200');
  });

  it('a broken quote is a problem of its line, the lines before it are still checked', () => {
    const csv = [
      'bank,account_number,currency,booking_date,amount,balance_after,description,counterpart_name,counterpart_account,transaction_id',
      'B,1,VND,2026-02-30,100,100,x,y,,a',
      'B,1,VND,2026-02-01,100,100,x "quoted",y,,b',
      'B,1,VND,2026-02-01,100,100,ok,y,,c',
    ].join('\n');
    expect(parseCsvStatement(csv).problems.map((p) => [p.line, p.message.slice(0, 22)])).toEqual([
      [2, 'booking_date "2026-02-'],
      [3, 'A quoted field is not '],
    ]);
  });
});

describe('camt.053 statements', () => {
  it('reads accounts, the CLBD balance, booked entries with their remittance text and related party', () => {
    const parsed = parseCamt053Statement(fixture('techcombank.camt053.xml'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.accounts).toEqual([
      {
        bankName: 'VTCBVNVX',
        accountNumber: '19036688990011',
        currency: 'VND',
        balance: '21500000',
        transactions: [
          {
            id: 'FT2629800001',
            bookingDate: '2026-10-25',
            amount: '18000000',
            currency: 'VND',
            purpose: 'SALARY OCT 2026',
            counterpartName: 'CONG TY XYZ',
            counterpartAccount: '0071000999888',
          },
          {
            id: 'FT2630100002',
            bookingDate: '2026-10-28',
            amount: '-1500000',
            currency: 'VND',
            purpose: 'PHI BAO HIEM HD 123',
            counterpartName: 'BAO VIET',
            counterpartAccount: 'VN0012345678901234',
          },
        ],
      },
    ]);
  });

  it('reads IBAN accounts of version 02 with a debit closing balance and Nm directly under Dbtr', () => {
    const xml = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy><Svcr><FinInstnId><BIC>COBADEFFXXX</BIC></FinInstnId></Svcr></Acct>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2026-01-31</Dt></Dt></Bal>
      <Ntry><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><DtTm>2026-01-15T10:00:00</DtTm></BookgDt>
        <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>ACME GmbH</Nm></Dbtr></RltdPties></TxDtls></NtryDtls><AddtlNtryInf>Refund</AddtlNtryInf></Ntry>
    </Stmt></BkToCstmrStmt></Document>`;
    const [account] = parseCamt053Statement(xml).accounts;
    expect(account).toMatchObject({
      bankName: 'COBADEFFXXX',
      accountNumber: 'DE89370400440532013000',
      balance: '-12.50',
    });
    expect(account.transactions[0]).toMatchObject({
      bookingDate: '2026-01-15',
      purpose: 'Refund',
      counterpartName: 'ACME GmbH',
    });
    expect(account.transactions[0].id).toMatch(/^H-/);
  });

  it('names the element of a bad entry, and the line of XML that is not well-formed', () => {
    const bad = fixture('techcombank.camt053.xml')
      .replace('<Amt Ccy="VND">1500000</Amt>', '<Amt Ccy="VND">1500000.123</Amt>')
      .replace('<BookgDt><Dt>2026-10-25</Dt>', '<BookgDt><Dt>2026-10-32</Dt>');
    const parsed = parseCamt053Statement(bad);
    expect(parsed.accounts).toEqual([]);
    expect(parsed.problems.map((p) => p.element)).toEqual(['Stmt[1]/Ntry[1]/BookgDt', 'Stmt[1]/Ntry[2]/Amt']);
    const broken = parseCamt053Statement('<Document>\n<BkToCstmrStmt>\n</Document>');
    expect(broken.problems[0].line).toBe(3);
    expect(broken.problems[0].message).toMatch(/^Not well-formed XML/);
    expect(parseCamt053Statement('<Document/>').problems[0].element).toBe('Document/BkToCstmrStmt/Stmt');
  });

  it('does not expand entities declared in the file', () => {
    const xml = `<!DOCTYPE d [<!ENTITY x "EXPANDED">]><Document><BkToCstmrStmt><Stmt><Acct><Id><Othr><Id>1</Id></Othr></Id><Ccy>VND</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="VND">1</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>
      <Ntry><Amt Ccy="VND">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-01</Dt></BookgDt><AddtlNtryInf>&x;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`;
    const parsed = parseCamt053Statement(xml);
    expect(JSON.stringify(parsed)).not.toContain('EXPANDED');
  });
  it('reads the ISO 20022 business example (camt.053.001.02): a structured remittance, a batch without details, an FX entry', () => {
    const parsed = parseCamt053Statement(fixture('iso20022-business-example.camt053.xml'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.accounts).toHaveLength(1);
    const [account] = parsed.accounts;
    expect(account).toMatchObject({
      bankName: 'AAAASESS',
      accountNumber: '50000000054910000003',
      currency: 'SEK',
      balance: '435678.50',
    });
    expect(account.transactions).toEqual([
      {
        id: 'AAAASESS-FP-CN98765',
        bookingDate: '2010-10-18',
        amount: '105678.50',
        currency: 'SEK',
        // A structured creditor reference carries no Ustrd text.
        purpose: '',
        counterpartName: 'MUELLER',
        counterpartAccount: null,
      },
      {
        id: 'AAAASESS-FP-ACCR001',
        bookingDate: '2010-10-18',
        amount: '-200000',
        currency: 'SEK',
        purpose: 'SEPA credit transfers, batch of 3',
        counterpartName: '',
        counterpartAccount: null,
      },
      {
        id: 'AAAASESS-FP-CAMT054-1',
        bookingDate: '2010-10-18',
        amount: '30000',
        currency: 'SEK',
        purpose: 'FX deal, spot',
        counterpartName: '',
        counterpartAccount: null,
      },
    ]);
    // The opening balance and the entries add up to the closing one.
    const net = account.transactions.reduce((sum, t) => sum + Number(t.amount) * 100, 500000 * 100);
    expect(net / 100).toBe(435678.5);
  });

  it('refuses the business example with one entry broken, naming it, and keeps no account', () => {
    const broken = fixture('iso20022-business-example.camt053.xml').replace(
      '<CdtDbtInd>DBIT</CdtDbtInd>',
      '<CdtDbtInd>DEBIT</CdtDbtInd>',
    );
    const parsed = parseCamt053Statement(broken);
    expect(parsed.accounts).toEqual([]);
    expect(parsed.problems).toEqual([expect.objectContaining({ message: 'Must be CRDT or DBIT' })]);
    expect(JSON.stringify(parsed.problems)).toContain('Ntry[2]/CdtDbtInd');
  });
});

describe('MT940 statements', () => {
  it('reads the SWIFT blocks, :25: with a BIC, :61: with entry dates and references, :86: free and structured', () => {
    const parsed = parseMt940Statement(fixture('bidv.mt940'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.accounts).toHaveLength(1);
    const [account] = parsed.accounts;
    expect(account).toMatchObject({
      bankName: 'BIDVVNVX',
      accountNumber: '12010000123456',
      currency: 'VND',
      balance: '5000000',
    });
    expect(account.transactions[0]).toEqual({
      id: 'BIDV1005A',
      bookingDate: '2026-10-05',
      amount: '3500000',
      currency: 'VND',
      purpose: 'THUE NHA THANG 10 TRAN THI C',
      counterpartName: '',
      counterpartAccount: null,
    });
    expect(account.transactions[1]).toMatchObject({
      bookingDate: '2026-10-20',
      amount: '-500000',
      purpose: 'RUT TIEN ATM',
      counterpartName: 'NGAN HANG BIDV',
    });
    expect(account.transactions[1].id).toMatch(/^H-/);
  });

  it('reads the published example form with decimals, a reversal and an entry date across new year', () => {
    const mt = [
      ':20:STARTUMSE',
      ':25:10020030/1234567',
      ':28C:00001/001',
      ':60F:C251231EUR1000,00',
      ':61:2512310102D12,5NDDTREF1//BANKREF1',
      ':86:Miete',
      ':61:251231RC1,00NCHGNONREF',
      ':62F:C260102EUR986,50',
    ].join('\r\n');
    const [account] = parseMt940Statement(mt).accounts;
    expect(account).toMatchObject({
      bankName: 'STATEMENT_IMPORT',
      accountNumber: '10020030/1234567',
      currency: 'EUR',
      balance: '986.50',
    });
    expect(account.transactions.map((t) => [t.id, t.bookingDate, t.amount])).toEqual([
      ['BANKREF1', '2026-01-02', '-12.5'],
      [expect.stringMatching(/^H-/), '2025-12-31', '-1.00'],
    ]);
  });

  it("reads the published example of the German banks' specification (DK Anlage 3, 8.2.5)", () => {
    // Source and the one correction: test/fixtures/financial-segments/statements/README.md.
    const parsed = parseMt940Statement(fixture('dk-anlage3-example.mt940'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.accounts).toHaveLength(1);
    const [account] = parsed.accounts;
    expect(account).toMatchObject({
      bankName: 'STATEMENT_IMPORT',
      accountNumber: '10020030/1234567',
      currency: 'EUR',
      balance: '4387.95',
    });
    // Value date 2002-11-01 / entry date 11-02 with D and funds code R; the structured :86:
    // wraps inside words ("Novem" / "ber"), which the subfields join without a space.
    expect(account.transactions.map(({ id: _id, ...t }) => t)).toEqual([
      {
        bookingDate: '2002-11-02',
        amount: '-800',
        currency: 'EUR',
        purpose: 'Miete November',
        counterpartName: 'MUELLER',
        counterpartAccount: '234567',
      },
      {
        bookingDate: '2002-11-02',
        amount: '3000',
        currency: 'EUR',
        purpose: 'Gehalt Oktober Firma Mustermann GmbH',
        counterpartName: 'MUELLER',
        counterpartAccount: '0847564700',
      },
    ]);
    // Both lines carry the bank reference //55555: each gets its own stable id, or the import's
    // dedupe (one row per account and id) would keep only the rent.
    const ids = account.transactions.map((t) => t.id);
    expect(ids[0]).toMatch(/^H-[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(2);
    expect(
      parseMt940Statement(fixture('dk-anlage3-example.mt940')).accounts[0].transactions.map((t) => t.id),
    ).toEqual(ids);
  });

  it('refuses the DK example as published, with 31 November as closing date, at its line', () => {
    const published = fixture('dk-anlage3-example.mt940').replace(':62F:C021130', ':62F:C021131');
    const parsed = parseMt940Statement(published);
    expect(parsed.accounts).toEqual([]);
    expect(parsed.problems).toEqual([
      { line: 15, element: null, message: ':62F: must be like C260331VND1500000,00' },
      { line: 1, element: null, message: 'The statement has no :62F: closing balance' },
    ]);
  });

  it('names the line of a bad :61: and of a missing closing balance', () => {
    const parsed = parseMt940Statement(fixture('broken.mt940'));
    expect(parsed.accounts).toEqual([]);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringContaining('does not exist') }),
    ]);
    const noClosing = parseMt940Statement(':20:X\n:25:1\n:28C:1\n:60F:C260101VND1,\ngarbage');
    expect(noClosing.problems.map((p) => p.line)).toEqual([5, 1]);
    expect(noClosing.problems[1].message).toContain(':62F:');
  });
});

describe('statement files', () => {
  it('tells the format by the content and summarizes accounts, counts and periods', () => {
    expect(parseStatementFile(fixture('techcombank.camt053.xml')).format).toBe('CAMT053');
    expect(parseStatementFile(fixture('bidv.mt940')).format).toBe('MT940');
    expect(parseStatementFile(fixture('vietcombank.csv')).format).toBe('CSV');
    expect(summarize('v.csv', parseStatementFile(fixture('vietcombank.csv')))).toEqual({
      name: 'v.csv',
      format: 'CSV',
      accounts: [
        {
          bankName: 'Vietcombank',
          accountNumber: '0011004455667',
          currency: 'VND',
          balance: '47800000',
          transactions: 4,
          from: '2026-09-05',
          to: '2026-10-12',
        },
      ],
      problems: [],
    });
  });

  it('merges the same account of two files and refuses one account in two currencies', () => {
    const a = parseStatementFile(fixture('vietcombank.csv'));
    const merged = mergeAccounts([a, a]);
    expect(merged.accounts).toHaveLength(1);
    expect(merged.accounts[0].transactions).toHaveLength(8);
    const usd = { ...a, accounts: [{ ...a.accounts[0], currency: 'USD' }] };
    expect(mergeAccounts([a, usd]).problems[0]).toContain('VND in one file and USD');
  });
});

describe('the kernel rules in every format', () => {
  it('a three-letter currency that ISO 4217 does not list is a problem of its line or element', () => {
    expect(isIso4217Currency('ABC')).toBe(false);
    const csv = parseCsvStatement(
      [
        'bank,account_number,currency,booking_date,amount,balance_after,description,counterpart_name,counterpart_account,transaction_id',
        'B,1,VND,2026-02-01,100,100,x,y,,a',
        'B,2,ABC,2026-02-01,100,100,x,y,,b',
      ].join('\n'),
    );
    expect(csv.accounts).toEqual([]);
    expect(csv.problems).toEqual([
      { line: 3, element: null, message: 'currency "ABC" is not an ISO 4217 code like VND' },
    ]);

    const camt = parseCamt053Statement(
      fixture('techcombank.camt053.xml')
        .replace('<Ccy>VND</Ccy>', '<Ccy>ABC</Ccy>')
        .replace('<Amt Ccy="VND">1500000</Amt>', '<Amt Ccy="XYZ">1500000</Amt>'),
    );
    expect(camt.accounts).toEqual([]);
    expect(camt.problems.map((p) => p.element)).toEqual(['Stmt[1]/Acct/Ccy', 'Stmt[1]/Ntry[2]/Amt']);

    const mt940 = parseMt940Statement(
      [
        ':20:STARTUMSE',
        ':25:10020030/1234567',
        ':28C:00001/001',
        ':60F:C251231ABC1000,00',
        ':61:2512310102D12,5NDDTREF1//BANKREF1',
        ':62F:C260102ABC987,50',
      ].join('\r\n'),
    );
    expect(mt940.accounts).toEqual([]);
    expect(mt940.problems).toEqual([
      { line: 4, element: null, message: ':60F: currency "ABC" is not an ISO 4217 code like VND' },
      { line: 6, element: null, message: ':62F: currency "ABC" is not an ISO 4217 code like VND' },
    ]);
  });

  it('control characters: none in a CSV identifier or a camt.053 account, none but tabs on an MT940 line', () => {
    const header =
      'bank,account_number,currency,booking_date,amount,balance_after,description,counterpart_name,counterpart_account,transaction_id';
    expect(parseCsvStatement(`${header}\nB,1,VND,2026-02-01,100,100,x\u0007,y,,a`).problems).toEqual([
      { line: 2, element: null, message: 'A field holds a control character' },
    ]);
    // Free text (description, counterpart_name) may hold tabs and line breaks, as in the JSON import.
    expect(parseCsvStatement(`${header}\nB,1,VND,2026-02-01,100,100,x\ty,y,,a`).problems).toEqual([]);
    expect(parseCsvStatement(`${header}\nB,1\t2,VND,2026-02-01,100,100,x,y,,a`).problems).toHaveLength(1);
    expect(parseCsvStatement(`${header}\nB,1,VND,2026-02-01,100,100,x,"y\nz","1\n2",a`).problems).toEqual([
      { line: 2, element: null, message: 'A field holds a control character' },
    ]);
    const camt = parseCamt053Statement(
      fixture('techcombank.camt053.xml').replace(/<Othr>\s*<Id>([^<]+)<\/Id>/, '<Othr><Id>$1\u007f</Id>'),
    );
    expect(camt.problems.map((p) => p.element)).toEqual(['Stmt[1]/Acct/Id']);
    // Entry texts: tabs and line breaks as in the JSON import, no other control character.
    const entryText = (text: string) =>
      parseCamt053Statement(
        `<Document><BkToCstmrStmt><Stmt><Acct><Id><Othr><Id>1</Id></Othr></Id><Ccy>VND</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="VND">1</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>
      <Ntry><Amt Ccy="VND">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-01</Dt></BookgDt><AddtlNtryInf>${text}</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`,
      ).problems;
    expect(entryText('Tien\tnha\nthang 1')).toEqual([]);
    expect(entryText('Tien nha\u007f')).toEqual([
      { line: null, element: 'Stmt[1]/Ntry[1]', message: 'A text holds a control character' },
    ]);
    const mt = (line86: string) =>
      parseMt940Statement(
        [
          ':20:X',
          ':25:1',
          ':28C:1',
          ':60F:C251231EUR1000,00',
          ':61:251231D12,5NDDTREF1',
          line86,
          ':62F:C260102EUR987,50',
        ].join('\n'),
      ).problems;
    expect(mt(':86:Miete\tJanuar')).toEqual([]);
    expect(mt(':86:Miete\u0000')).toEqual([
      { line: 6, element: null, message: 'The line holds a control character' },
    ]);
  });

  it('booking dates are calendar dates that exist, in 1970-2099', () => {
    const line = (date: string) =>
      parseCsvStatement(
        `bank,account_number,currency,booking_date,amount,balance_after,description,counterpart_name,counterpart_account,transaction_id\nB,1,VND,${date},1,1,x,y,,a`,
      ).problems.length;
    expect([line('2024-02-29'), line('1970-01-01'), line('2099-12-31')]).toEqual([0, 0, 0]);
    expect([line('2023-02-29'), line('1969-12-31'), line('2100-01-01'), line('2026-1-01')]).toEqual([
      1, 1, 1, 1,
    ]);
  });
});
