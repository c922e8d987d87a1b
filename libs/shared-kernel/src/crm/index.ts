export * from './crm-status';
export * from './combo-create-decision';
