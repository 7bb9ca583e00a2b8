export * from './native-require';
