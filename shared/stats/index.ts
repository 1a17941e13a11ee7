export { wilsonInterval, Z_95 } from './wilsonInterval';
export { mcnemarExact } from './mcnemarExact';
