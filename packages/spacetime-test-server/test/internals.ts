/** Parts of the server the tests reach into directly (not part of the package's API). */
export { Catalog } from '../src/sql/plan.js';
export { RowLevelSecurity as RowLevelSecurityForTests } from '../src/sql/rls.js';
export { SqlError } from '../src/sql/parse.js';
