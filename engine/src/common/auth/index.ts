export * from './roles';
export * from './principal';
export * from './decorators';
export * from './data-scope';
