export { CardRegistryModule } from './card-registry.module';
