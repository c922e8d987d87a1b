import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin') as typeof import('@nestjs/swagger/dist/plugin');

/**
 * Runs the @nestjs/swagger CLI plugin over the code and writes apps/api/src/metadata.ts, which the
 * app loads with SwaggerModule.loadPluginMetadata. So the document is the same whether the code
 * was compiled by `nest build` (plugin applied) or by jest / ts-node (no plugin).
 */
const root = join(__dirname, '..');
new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      classValidatorShim: true,
      dtoFileNameSuffix: ['.dto.ts'],
      pathToSource: join(root, 'apps', 'api', 'src'),
    }),
  ],
  outputDir: join(root, 'apps', 'api', 'src'),
  filename: 'metadata.ts',
  tsconfigPath: 'tsconfig.build.json',
  watch: false,
});
