import { databaseNode } from "./database-node";

/** PostgreSQL: queries with $1, $2 … parameters; upserts with ON CONFLICT on the key columns. */
export const postgresAction = databaseNode({
  type: "action.postgres",
  label: "PostgreSQL",
  connectionType: "postgres",
  dialect: "postgresql",
  placeholders: "$1, $2 …",
  example: "SELECT * FROM customers WHERE email = $1",
});
