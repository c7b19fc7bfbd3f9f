export * from './envelope';
export * from './errors';
export * from './time';
export * from './builders';
export * from './readers';
