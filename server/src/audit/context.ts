import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type OperationNode,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Who is changing data, as the audit trigger records it. A request, a CLI command or
 * the demo seed runs inside `auditContext.run(...)`; every transaction it begins tells
 * PostgreSQL the actor (a transaction-local setting), and the `audit_row_change`
 * trigger writes one audit event per changed row in that same transaction. So no write
 * can skip the trail, and the trail never records a change that was rolled back.
 */
export interface AuditActor {
  kind: 'account' | 'token' | 'cli' | 'system';
  accountId?: string | null;
  personId?: string | null;
  tokenId?: string | null;
  name?: string | null;
  requestId?: string | null;
}

/** Mutable so a request can open the scope first and name the actor once it is known. */
export interface AuditScope {
  actor: AuditActor | null;
}

export const auditContext = new AsyncLocalStorage<AuditScope>();

/** Runs `fn` with `actor` recorded on every transaction it begins. */
export function withAuditActor<T>(actor: AuditActor, fn: () => T): T {
  return auditContext.run({ actor }, fn);
}

/** Wraps a dialect so that each transaction starts by naming the current actor. */
export class AuditedDialect implements Dialect {
  constructor(private readonly inner: Dialect) {}
  createAdapter() {
    return this.inner.createAdapter();
  }
  createDriver(): Driver {
    return new AuditedDriver(this.inner.createDriver());
  }
  createIntrospector(db: Kysely<any>) {
    return this.inner.createIntrospector(db);
  }
  createQueryCompiler() {
    return this.inner.createQueryCompiler();
  }
}

class AuditedDriver implements Driver {
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  constructor(private readonly inner: Driver) {
    // Savepoints are offered exactly when the wrapped driver offers them.
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = inner;
    if (savepoint) this.savepoint = (c, ...rest) => savepoint.call(inner, unwrap(c), ...rest);
    if (rollbackToSavepoint) this.rollbackToSavepoint = (c, ...rest) => rollbackToSavepoint.call(inner, unwrap(c), ...rest);
    if (releaseSavepoint) this.releaseSavepoint = (c, ...rest) => releaseSavepoint.call(inner, unwrap(c), ...rest);
  }
  init() {
    return this.inner.init();
  }
  async acquireConnection() {
    return new AuditedConnection(this.inner, await this.inner.acquireConnection());
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const audited = connection as AuditedConnection;
    await this.inner.beginTransaction(audited.inner, settings);
    audited.inTransaction = true;
    const actor = auditContext.getStore()?.actor;
    if (actor) await nameActor(audited.inner, actor);
  }
  async commitTransaction(connection: DatabaseConnection) {
    (connection as AuditedConnection).inTransaction = false;
    await this.inner.commitTransaction(unwrap(connection));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    (connection as AuditedConnection).inTransaction = false;
    await this.inner.rollbackTransaction(unwrap(connection));
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(unwrap(connection));
  }
  destroy() {
    return this.inner.destroy();
  }
}

const unwrap = (connection: DatabaseConnection) => (connection as AuditedConnection).inner;

function nameActor(connection: DatabaseConnection, actor: AuditActor) {
  return connection.executeQuery(CompiledQuery.raw(`select set_config('lagverk.actor', $1, true)`, [JSON.stringify(actor)]));
}

/**
 * A write sent on its own, outside a transaction (`db.updateTable(...).execute()`),
 * would reach the trigger with no actor and be recorded as `system`. Inside an actor's
 * scope such a write gets a transaction of its own that names the actor first.
 */
class AuditedConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(private readonly driver: Driver, readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const actor = auditContext.getStore()?.actor;
    if (this.inTransaction || !actor || !writes(query)) return this.inner.executeQuery<R>(query);
    await this.driver.beginTransaction(this.inner, {});
    try {
      await nameActor(this.inner, actor);
      const result = await this.inner.executeQuery<R>(query);
      await this.driver.commitTransaction(this.inner);
      return result;
    } catch (error) {
      await this.driver.rollbackTransaction(this.inner).catch(() => {});
      throw error;
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const writeKinds = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/** Whether a query may change rows: a write, a raw `insert …`, or a select whose CTE writes. */
function writes(query: CompiledQuery): boolean {
  const node = query.query as OperationNode & { with?: { expressions: { expression: OperationNode }[] } };
  if (writeKinds.has(node.kind)) return true;
  if (node.kind === 'RawNode') {
    // A raw CTE is a read unless a data-modifying statement appears anywhere in it (a
    // false alarm only costs a transaction; a missed write would go unattributed).
    return /^\s*(insert|update|delete|merge)\b/i.test(query.sql)
      || (/^\s*with\b/i.test(query.sql) && /\b(insert|update|delete|merge)\b/i.test(query.sql));
  }
  return node.with?.expressions.some((cte) => writeKinds.has(cte.expression.kind)) ?? false;
}
