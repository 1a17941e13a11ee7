export { wilsonInterval, Z_95 } from './wilsonInterval';
export { mcnemarExact } from './mcnemarExact';
export { meanInterval, tQuantile975, type Spread } from './meanInterval';
