export * from './phi/blind-index';
export * from './phi/phi-cipher';
export * from './phi/phi-keyring';
