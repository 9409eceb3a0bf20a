import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
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
    if (inner.savepoint) this.savepoint = inner.savepoint.bind(inner);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = inner.rollbackToSavepoint.bind(inner);
    if (inner.releaseSavepoint) this.releaseSavepoint = inner.releaseSavepoint.bind(inner);
  }
  init() {
    return this.inner.init();
  }
  acquireConnection() {
    return this.inner.acquireConnection();
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await this.inner.beginTransaction(connection, settings);
    const actor = auditContext.getStore()?.actor;
    if (actor) {
      await connection.executeQuery(CompiledQuery.raw(`select set_config('lagverk.actor', $1, true)`, [JSON.stringify(actor)]));
    }
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
}
