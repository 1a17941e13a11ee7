// Run by runtimeGuard.test.ts with an OLD Node: openDatabase must refuse with a clear message
// before better-sqlite3 is loaded (loading it on Node 20 segfaults). .mts: Node 20 + tsx loads it as ESM.
import { openDatabase } from '../../../../electron/core/store/openDatabase';

try {
  openDatabase(process.argv[2]!);
  console.log('opened');
} catch (error) {
  console.log(`${(error as Error).name}: ${(error as Error).message}`);
}
