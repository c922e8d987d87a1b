// Proves the layer rules of eslint.config.mjs still bite: each probe breaks one rule on purpose and
// must be reported. Run by `npm run lint`; exits 1 when a rule no longer fails its probe.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const probes = [
  {
    rule: 'domain does not import application',
    file: 'libs/crm-pipeline/src/domain/__probe__.ts',
    code: "import { CrmPipelineService } from '../application/crm-pipeline.service';\nexport const x = CrmPipelineService;\n",
  },
  {
    rule: 'application does not import adapters',
    file: 'libs/crm-pipeline/src/application/__probe__.ts',
    code: "import { CrmController } from '../adapters/http/crm.controller';\nexport const x = CrmController;\n",
  },
  {
    rule: 'runtime code does not import testing/',
    file: 'libs/crm-pipeline/src/adapters/__probe__.ts',
    code: "import * as t from '../testing/crm.factories';\nexport const x = t;\n",
  },
  {
    rule: 'application takes only Injectable and Inject from @nestjs/common',
    file: 'libs/crm-pipeline/src/application/__probe__.ts',
    code: "import { Controller } from '@nestjs/common';\nexport const x = Controller;\n",
  },
  {
    rule: 'domain does not use TypeORM',
    file: 'libs/crm-pipeline/src/domain/__probe__.ts',
    code: "import { Entity } from 'typeorm';\nexport const x = Entity;\n",
  },
  {
    rule: 'libs import each other through @hub/<lib> only',
    file: 'libs/crm-pipeline/src/adapters/__probe__.ts',
    code: "import { LegalId } from '@hub/shared-kernel/identity/legal-id';\nexport const x = LegalId;\n",
  },
];

const eslint = new ESLint();
let failed = 0;
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.code, { filePath: probe.file });
  const caught = result.messages.some((m) => m.ruleId === 'no-restricted-imports');
  if (!caught) failed++;
  console.log(`${caught ? 'ok  ' : 'MISS'} ${probe.rule}`);
}

// A cycle needs files on disk for the resolver: two probes that import each other.
const dir = 'libs/shared-kernel/src/__cycle_probe__';
mkdirSync(dir, { recursive: true });
try {
  writeFileSync(`${dir}/a.ts`, "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
  writeFileSync(`${dir}/b.ts`, "import { a } from './a';\nexport const b = (): number => a() - 1;\n");
  const [result] = await eslint.lintFiles([`${dir}/a.ts`]);
  const caught = result.messages.some((m) => m.ruleId === 'import-x/no-cycle');
  if (!caught) failed++;
  console.log(`${caught ? 'ok  ' : 'MISS'} no import cycles`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (failed > 0) {
  console.error(`${failed} layer rule(s) no longer catch their probe: check eslint.config.mjs`);
  process.exit(1);
}
