import type { Database, Statement } from "better-sqlite3";

/** Distinct statements kept prepared (Prisma's SQL varies with `IN (?, ?, …)` list lengths). */
const MAX_STATEMENTS = 500;

/**
 * The part of a better-sqlite3 connection @prisma/adapter-better-sqlite3 uses, with statements
 * prepared once per SQL text instead of once per query: the adapter prepares every query anew
 * and binds its arguments into the statement for good (`prepare(sql).bind(args)`), so compiling
 * SQL was a large share of each query's time. Here `bind` returns a one-query view that passes
 * the arguments to a cached statement at each call instead.
 */
export function statementCachingClient(database: Database, prepare = statementCache(database)) {
  return {
    prepare: (sql: string) => {
      const statement = prepare(sql);
      return {
        reader: statement.reader,
        run: () => statement.run(),
        bind: (args: unknown[]) => boundQuery(statement, args),
      };
    },
    exec: (script: string) => database.exec(script),
    close: () => database.close(),
  };
}

/** Prepares each distinct SQL text once (least recently used ones are dropped beyond MAX_STATEMENTS). */
export function statementCache(database: Database): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement) {
      // Map order is insertion order: re-inserting makes it the most recently used.
      cache.delete(sql);
    } else {
      statement = database.prepare(sql);
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
}

function boundQuery(statement: Statement, args: unknown[]) {
  return {
    reader: statement.reader,
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  };
}
