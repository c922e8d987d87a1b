import type { OpenAPIObject } from '@nestjs/swagger';
import { ALL_SCOPES } from '@hub/platform';

/**
 * Exact types for the document @nestjs/swagger writes (OpenAPI 3.0 flavoured), turned into
 * OpenAPI 3.1 (JSON Schema 2020-12):
 * - `nullable: true` becomes `type: [T, 'null']`, or `oneOf: [{ $ref }, { type: 'null' }]` beside a
 *   reference (3.0 cannot say "this object or null" at all);
 * - counts, pages, versions and status codes are `integer` (every `number` but REAL_NUMBERS);
 * - decimal strings (money, rates, shares) carry `format: decimal` and a `pattern`;
 * - every enum of two or more values is a named schema (ENUM_NAMES, or `<Schema><Property>`);
 * - requests whose shape depends on a type field are `oneOf` with a discriminator (UNIONS);
 * - schema `example` becomes `examples: [...]` (3.1 JSON Schema).
 */
export type Json = Record<string, any>;

/** `Schema.property` of the few numbers that are not whole. */
const REAL_NUMBERS = new Set(['MedianDaysDto.won', 'MedianDaysDto.lost']);

/** String properties holding an amount, a rate or a share (with a numeric example). */
const DECIMAL_NAME =
  /amount|balance|rate$|rates?$|total|inflow|outflow|^net$|income$|limit|affordability|share$|outstanding|overdue|averagelast6months|inbasecurrency/i;
export const DECIMAL_PATTERN = '^-?[0-9]+(\\.[0-9]+)?$';

/** Names of the enums, keyed by their values (sorted). */
const ENUM_NAMES: Record<string, string> = {
  'CLOSE_LOST,CLOSE_WON,NEW_LEAD': 'LeadStatus',
  'CLOSE_LOST,CLOSE_WON,NEW_OPPORTUNITY': 'OpportunityStatus',
  'CLOSE_LOST,CLOSE_WON,NEW_LEAD,NEW_OPPORTUNITY': 'CrmStatus',
  'NEW_LEAD,NEW_OPPORTUNITY': 'ComboCreateStatus',
  'csv,ndjson': 'ExportFormat',
  'accounts,cards,customers': 'ExportKind',
  'DELIVERED,FAILED,PENDING': 'WebhookDeliveryStatus',
  'CCCD,CMND,PASSPORT': 'LegalIdType',
  'CONTACT,PERMANENT': 'SummaryAddressType',
  'F,M,O': 'Gender',
  '1,2,3,4,5': 'DebtGroup',
  'ACTIVE,CLOSED,WRITTEN_OFF': 'FacilityStatus',
  'ACTIVE,CLOSED': 'DepositStatus',
  'CURRENT,SAVINGS': 'CasaType',
  'LOAD_TIME,ODS': 'ExtractedAtSource',
  'ACTIVE,CLOSED,DORMANT': 'CustomerStatus',
  'CCCD_BIRTH_YEAR_MISMATCH,CCCD_GENDER_MISMATCH,SHARED_LEGAL_ID,SHARED_MOBILE_NUMBER': 'DataQualityFlag',
  'CCCD_BIRTH_YEAR_MISMATCH,CCCD_GENDER_MISMATCH,SHARED_LEGAL_ID,SHARED_MOBILE_NUMBER,STALE_DATA':
    'SummaryWarningCode',
  '0,1': 'SummaryMatchCount',
  'INVALID_JSON,LINE_TOO_LONG,LOAD_FAILED,STALE_SNAPSHOT,VALIDATION_FAILED': 'OdsRejectCode',
  'ETB,NTB': 'CrmCustomerType',
  'CREATED_LEAD,CREATED_OPPORTUNITY,EXISTING_LEAD,EXISTING_OPPORTUNITY,REASSIGNED_LEAD,REASSIGNED_OPPORTUNITY':
    'ComboCreateResult',
  'LEAD,OPPORTUNITY': 'CrmRecordType',
  'CARD_DELIVERY,PIN_MAILER,STATEMENT,TEMPORARY': 'AdditionalAddressType',
  'CORPORATE,PRIVATE': 'CardCustomerType',
  'DEDICATED,SHARED': 'CardScope',
  'ACTIVE,BLOCKED,CLOSED': 'CardStatus',
  'en,vi': 'Language',
  'ABORTED,COMPLETED,EXPIRED,WAITING_FOR_USER': 'ProcessStatus',
  'CAMT053,CSV,MT940': 'StatementFormat',
  'CHECKING,CREDIT_CARD,LOAN,SAVINGS,TERM_DEPOSIT': 'AccountType',
  'IMPORT,ODS_CASA': 'DataSourceType',
  'FAILED,QUEUED,RUNNING,SUCCESSFUL': 'JobStatus',
  'CASH_FLOW,INCOME': 'ReportType',
  'INTEREST,OTHER_RECURRING,PENSION,RENTAL,SALARY,SOCIAL_BENEFIT': 'IncomeCategory',
  'CASH_WITHDRAWAL,GAMBLING,GROCERIES,HOUSING,INSURANCE,LOAN_REPAYMENT,OTHER,TRANSFER_OUT,TRANSPORT,UTILITIES':
    'OutflowCategory',
  'CARD,INSURANCE,INVESTMENT,LOAN': 'OfferKind',
  [[...ALL_SCOPES].sort().join(',')]: 'Scope',
};

interface Union {
  readonly property: string;
  /** Per value of the property: the variant's schema name, its extra required keys, keys it drops. */
  readonly variants: Record<string, { name: string; required: string[]; drop: string[] }>;
}

/** Requests whose shape depends on a type field. */
const UNIONS: Record<string, Union> = {
  CreateDataSourceRequestDto: {
    property: 'type',
    variants: {
      IMPORT: { name: 'ImportDataSourceRequestDto', required: ['bankName', 'accounts'], drop: ['cif'] },
      ODS_CASA: { name: 'OdsCasaDataSourceRequestDto', required: ['cif'], drop: ['bankName', 'accounts'] },
    },
  },
  CreateCustomerRequestDto: {
    property: 'type',
    variants: {
      PRIVATE: {
        name: 'CreatePrivateCustomerRequestDto',
        required: ['firstName', 'lastName'],
        drop: ['name'],
      },
      CORPORATE: {
        name: 'CreateCorporateCustomerRequestDto',
        required: ['name'],
        drop: ['salutation', 'firstName', 'middleName', 'lastName'],
      },
    },
  },
  ComboCreateLeadOpportunityRequestDto: {
    property: 'customerType',
    variants: {
      NTB: { name: 'ComboCreateNtbRequestDto', required: ['legalId'], drop: ['cif'] },
      ETB: { name: 'ComboCreateEtbRequestDto', required: ['cif'], drop: [] },
    },
  },
};

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function refineTypes(document: OpenAPIObject): OpenAPIObject {
  const doc = document as unknown as Json;
  const schemas = doc.components.schemas as Record<string, Json>;
  splitUnions(schemas);
  const named: Record<string, Json> = {};
  const nameEnum = (values: unknown[], fallback: string, type: string): string => {
    const key = values.map(String).sort().join(',');
    const name = ENUM_NAMES[key] ?? fallback;
    named[name] ??= { type, enum: values };
    return name;
  };
  for (const [schemaName, schema] of Object.entries(schemas)) {
    visit(schema, (s, prop) => refineSchema(s, `${schemaName}.${prop}`, prop, nameEnum));
  }
  for (const item of Object.values(doc.paths as Record<string, Json>)) {
    for (const op of Object.values(item)) {
      for (const p of (op.parameters ?? []) as Json[]) {
        if (p.schema)
          visit(p.schema, (s) => refineSchema(s, `${op.operationId}.${p.name}`, p.name, nameEnum));
      }
      for (const media of Object.values((op.requestBody?.content ?? {}) as Record<string, Json>)) {
        if (media.schema) visit(media.schema, (s, prop) => refineSchema(s, prop, prop, nameEnum));
      }
    }
  }
  Object.assign(schemas, named);
  doc.openapi = '3.1.0';
  return document;
}

/** Calls `fn` on the schema and every schema below it, deepest first, with the property name. */
function visit(schema: Json, fn: (s: Json, prop: string) => void, prop = ''): void {
  if (!schema || typeof schema !== 'object') return;
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, Json>))
    visit(sub, fn, key);
  if (schema.items) visit(schema.items, fn, prop);
  for (const k of ['allOf', 'oneOf', 'anyOf'])
    for (const sub of (schema[k] ?? []) as Json[]) visit(sub, fn, prop);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    visit(schema.additionalProperties, fn, prop);
  fn(schema, prop);
}

function refineSchema(
  s: Json,
  path: string,
  prop: string,
  nameEnum: (values: unknown[], fallback: string, type: string) => string,
): void {
  if (s.example !== undefined) {
    s.examples ??= [s.example];
    delete s.example;
  }
  if (s.type === 'number' && !REAL_NUMBERS.has(path)) s.type = 'integer';
  if (
    s.type === 'string' &&
    !s.format &&
    DECIMAL_NAME.test(prop) &&
    (s.examples ?? []).some((e: unknown) => typeof e === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(e))
  ) {
    s.format = 'decimal';
    s.pattern ??= DECIMAL_PATTERN;
    if (!/decimal/i.test(s.description ?? ''))
      s.description = s.description ? `Decimal string. ${s.description}` : 'Decimal string';
  }
  if (Array.isArray(s.enum) && s.enum.length > 1) {
    const [schemaName = '', propName = ''] = path.split('.');
    const name = nameEnum(s.enum, `${capital(schemaName.replace(/Dto$/, ''))}${capital(propName)}`, s.type);
    delete s.enum;
    delete s.type;
    s.$ref = ref(name).$ref;
  }
  const nullable = s.nullable === true;
  delete s.nullable;
  if (nullable) {
    const target = s.$ref ? { $ref: s.$ref } : s.allOf?.length === 1 && s.allOf[0].$ref ? s.allOf[0] : null;
    if (target) {
      delete s.$ref;
      delete s.allOf;
      delete s.type;
      s.oneOf = [target, { type: 'null' }];
    } else if (typeof s.type === 'string') {
      s.type = [s.type, 'null'];
      if (Array.isArray(s.enum)) s.enum = [...s.enum, null];
    }
  } else if (s.allOf?.length === 1 && s.allOf[0].$ref && s.type === 'object') {
    // A lone `allOf: [$ref]` (Nest's way to describe a reference) is the reference itself.
    s.$ref = s.allOf[0].$ref;
    delete s.allOf;
    delete s.type;
  }
}

/** Each UNIONS schema becomes `oneOf` its variants, with a discriminator on the type field. */
function splitUnions(schemas: Record<string, Json>): void {
  for (const [name, union] of Object.entries(UNIONS)) {
    const base = schemas[name];
    if (!base?.properties) continue;
    const mapping: Record<string, string> = {};
    for (const [value, v] of Object.entries(union.variants)) {
      const properties = Object.fromEntries(
        Object.entries(base.properties as Record<string, Json>)
          .filter(([k]) => !v.drop.includes(k))
          .map(([k, sub]) => [k, k === union.property ? { type: 'string', enum: [value] } : sub]),
      );
      const required = [...new Set([...(base.required ?? []), union.property, ...v.required])].filter(
        (k) => k in properties,
      );
      schemas[v.name] = { type: 'object', properties, required };
      mapping[value] = ref(v.name).$ref;
    }
    schemas[name] = {
      ...(base.description ? { description: base.description } : {}),
      oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: union.property, mapping },
    };
  }
}
