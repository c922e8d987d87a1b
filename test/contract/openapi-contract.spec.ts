import { ResponseValidator, toJsonSchema, type OpenApiDocument } from './openapi-contract';

describe('contract suite: OpenAPI schemas checked with ajv', () => {
  const doc: OpenApiDocument = {
    paths: {},
    components: {
      schemas: {
        Payroll: { type: 'object', properties: { employer: { type: 'string' } }, required: ['employer'] },
        Summary: {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            payroll: { nullable: true, allOf: [{ $ref: '#/components/schemas/Payroll' }] },
            note: { type: 'string', nullable: true },
            mainIncome: { oneOf: [{ $ref: '#/components/schemas/Payroll' }, { type: 'null' }] },
            memo: { type: ['string', 'null'] },
            amount: { type: 'string', format: 'decimal' },
          },
          required: ['total', 'payroll'],
        },
      },
    },
  };
  const validator = new ResponseValidator(doc);
  const check = (body: unknown) => validator.check('summary', { $ref: '#/components/schemas/Summary' }, body);

  it('admits null where the document says nullable, and only there', () => {
    expect(check({ total: 1, payroll: null, note: null })).toBeNull();
    expect(check({ total: 1, payroll: { employer: 'VCB' } })).toBeNull();
    expect(check({ total: null, payroll: null })).toMatch(/total/);
  });

  it('reads the OpenAPI 3.1 forms: null beside a reference, type lists, decimal strings', () => {
    expect(check({ total: 1, payroll: null, mainIncome: null, memo: null, amount: '-12.50' })).toBeNull();
    expect(check({ total: 1, payroll: null, mainIncome: { employer: 'VCB' }, memo: 'x' })).toBeNull();
    expect(check({ total: 1, payroll: null, mainIncome: { employer: 1 } })).toMatch(/employer/);
    expect(check({ total: 1, payroll: null, memo: 3 })).toMatch(/memo/);
    expect(check({ total: 1, payroll: null, amount: '1e5' })).toMatch(/decimal/);
  });

  it('reports a body that does not match', () => {
    expect(check({ total: 1, payroll: { employer: 42 } })).toMatch(/employer/);
    expect(check({ total: 1 })).toMatch(/payroll/);
  });

  it('rewrites nullable types and refs for ajv', () => {
    expect(toJsonSchema({ type: 'string', nullable: true, example: 'x' })).toEqual({
      type: ['string', 'null'],
    });
    expect(toJsonSchema({ $ref: '#/components/schemas/A', nullable: true })).toEqual({
      anyOf: [{ $ref: 'openapi#/components/schemas/A' }, { type: 'null' }],
    });
  });
});
